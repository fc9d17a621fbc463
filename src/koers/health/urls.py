from django.urls import path

from . import views

urlpatterns = [
    path("health/", views.health, name="health"),
    path("health/settings/", views.health_settings, name="health_settings"),
    path("health/unit/<slug:slug>/", views.health_unit, name="health_unit"),
    path("health/kpi/<str:code>/", views.health_kpi, name="health_kpi"),
    path("review/", views.year_review, name="year_review"),
    path("review/<int:year>/", views.review_goals, name="year_review_goals"),
    path("review/<int:year>/goals/<int:pk>/copy/", views.review_goal_copy, name="review_goal_copy"),
    path("review/<int:year>/goals/<int:pk>/drop/", views.review_goal_drop, name="review_goal_drop"),
    path("review/<int:year>/kpis/", views.review_kpis, name="year_review_kpis"),
    path("review/<int:year>/kpis/<str:code>/keep/", views.review_kpi_keep, name="review_kpi_keep"),
    path(
        "review/<int:year>/kpis/<str:code>/change/",
        views.review_kpi_change,
        name="review_kpi_change",
    ),
    path(
        "review/<int:year>/kpis/<str:code>/retire/",
        views.review_kpi_retire,
        name="review_kpi_retire",
    ),
    path("onboarding/", views.onboarding, name="onboarding"),
    path("onboarding/round/", views.onboarding_round, name="onboarding_round"),
]
