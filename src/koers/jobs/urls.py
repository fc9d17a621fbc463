"""A job's progress page, under /<org>/ (include with the organisation's other pages)."""

from django.urls import path

from . import views

urlpatterns = [
    path("jobs/<int:pk>/", views.job, name="job"),
]
