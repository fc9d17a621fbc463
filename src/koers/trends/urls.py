from django.urls import path

from . import views

urlpatterns = [
    path("kpis/<str:code>/trend/baseline/", views.baseline, name="trend_baseline"),
    path("kpis/<str:code>/trend/method/", views.method, name="trend_method"),
    path("kpis/<str:code>/trend/levels/", views.rebaseline_add, name="trend_rebaseline_add"),
    path(
        "kpis/<str:code>/trend/levels/<int:pk>/delete/",
        views.rebaseline_delete,
        name="trend_rebaseline_delete",
    ),
    path("kpis/<str:code>/trend/accept/", views.accept_level, name="trend_accept_level"),
]
