from django.urls import path

from . import views

urlpatterns = [
    path("compare/", views.benchmarks, name="compare"),
    path("compare/join/", views.benchmark_join, name="compare_join"),
    path("compare/leave/", views.benchmark_leave, name="compare_leave"),
    path("compare/import/", views.benchmark_upload, name="compare_upload"),
    path("compare/import/<int:pk>/", views.benchmark_preview, name="compare_preview"),
    path("compare/import/<int:pk>/confirm/", views.benchmark_confirm, name="compare_confirm"),
    path("compare/import/<int:pk>/cancel/", views.benchmark_cancel, name="compare_cancel"),
]
