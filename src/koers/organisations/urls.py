from django.urls import path

from . import views

urlpatterns = [
    path("", views.organisation, name="organisation"),
    path("settings/", views.organisation_edit, name="organisation_edit"),
    path("competences/new/", views.competence_create, name="competence_create"),
    path("competences/<int:pk>/edit/", views.competence_edit, name="competence_edit"),
    path("competences/<int:pk>/delete/", views.competence_delete, name="competence_delete"),
    path("units/new/", views.unit_create, name="unit_create"),
    path("units/<slug:slug>/edit/", views.unit_edit, name="unit_edit"),
    path("units/<slug:slug>/delete/", views.unit_delete, name="unit_delete"),
    path("people/", views.people, name="people"),
    path("people/add/", views.person_add, name="person_add"),
    path("people/<int:pk>/role/", views.membership_role, name="membership_role"),
    path("people/<int:pk>/remove/", views.membership_remove, name="membership_remove"),
    path("people/<int:pk>/active/", views.membership_active, name="membership_active"),
    path("people/roles/add/", views.unit_role_add, name="unit_role_add"),
    path("people/roles/<int:pk>/delete/", views.unit_role_delete, name="unit_role_delete"),
]
