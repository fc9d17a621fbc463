from django.urls import path

from . import views

urlpatterns = [
    path("goals/", views.goal_list, name="goals"),
    path("goals/new/", views.goal_create, name="goal_create"),
    path("goals/<int:pk>/edit/", views.goal_edit, name="goal_edit"),
    path("goals/<int:pk>/delete/", views.goal_delete, name="goal_delete"),
]
