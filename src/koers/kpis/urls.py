from django.urls import path

from . import views

urlpatterns = [
    path("units/<slug:slug>/", views.unit_kpis, name="unit"),
    path("kpis/new/", views.kpi_create, name="kpi_create"),
    path("kpis/retired/", views.retired_kpis, name="retired_kpis"),
    path("kpis/<str:code>/", views.kpi_detail, name="kpi"),
    path("kpis/<str:code>/edit/", views.kpi_edit, name="kpi_edit"),
    path("kpis/<str:code>/rollup/", views.kpi_rollup, name="kpi_rollup"),
    path("kpis/<str:code>/target/", views.kpi_target, name="kpi_target"),
    path("kpis/<str:code>/retire/", views.kpi_retire, name="kpi_retire"),
    path("kpis/<str:code>/activate/", views.kpi_activate, name="kpi_activate"),
    path("kpis/<str:code>/values/", views.value_save, name="value_save"),
    path("kpis/<str:code>/values/<str:period>/delete/", views.value_delete, name="value_delete"),
]
