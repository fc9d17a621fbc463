from django.urls import path

from . import views

urlpatterns = [
    path("health/", views.health, name="health"),
    path("health/settings/", views.health_settings, name="health_settings"),
    path("health/unit/<slug:slug>/", views.health_unit, name="health_unit"),
    path("health/kpi/<str:code>/", views.health_kpi, name="health_kpi"),
    path("onboarding/", views.onboarding, name="onboarding"),
    path("onboarding/round/", views.onboarding_round, name="onboarding_round"),
]
