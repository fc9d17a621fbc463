from django.urls import path

from . import views

urlpatterns = [
    path("catalogue/", views.catalogue_page, name="catalogue"),
    path(
        "catalogue/<slug:key>/propose/",
        views.catalogue_propose,
        name="catalogue_propose",
    ),
    path("catalogue/<slug:key>/kpi/", views.catalogue_kpi, name="catalogue_kpi"),
    path("selection/", views.round_list, name="selection"),
    path("selection/new/", views.round_create, name="selection_create"),
    path("selection/<int:pk>/", views.round_detail, name="selection_round"),
    path("selection/<int:pk>/edit/", views.round_edit, name="selection_edit"),
    path("selection/<int:pk>/outcome/", views.round_outcome, name="selection_outcome"),
    path("selection/<int:pk>/weights/", views.round_weights, name="selection_weights"),
    path("selection/<int:pk>/to-scoring/", views.round_to_scoring, name="selection_to_scoring"),
    path("selection/<int:pk>/to-deciding/", views.round_to_deciding, name="selection_to_deciding"),
    path("selection/<int:pk>/close/", views.round_close, name="selection_close"),
    path("selection/<int:pk>/propose/", views.candidate_propose, name="selection_propose"),
    path(
        "selection/<int:pk>/candidates/<int:cid>/score/",
        views.candidate_score,
        name="selection_score",
    ),
    path(
        "selection/<int:pk>/candidates/<int:cid>/delete/",
        views.candidate_delete,
        name="selection_candidate_delete",
    ),
    path(
        "selection/<int:pk>/candidates/<int:cid>/select/",
        views.candidate_select,
        name="selection_select",
    ),
    path(
        "selection/<int:pk>/candidates/<int:cid>/merge/",
        views.candidate_merge,
        name="selection_merge",
    ),
    path(
        "selection/<int:pk>/candidates/<int:cid>/reject/",
        views.candidate_reject,
        name="selection_reject",
    ),
    path("selection/<int:pk>/links/", views.link_list, name="selection_links"),
    path("selection/<int:pk>/links/new/", views.link_create, name="selection_link_create"),
    path(
        "selection/<int:pk>/links/<int:link_pk>/off/",
        views.link_deactivate,
        name="selection_link_off",
    ),
    path(
        "selection/<int:pk>/links/<int:link_pk>/on/",
        views.link_activate,
        name="selection_link_on",
    ),
]
