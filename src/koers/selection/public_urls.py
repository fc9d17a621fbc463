"""Outside stakeholders' links: /s/<token>/ (no login; see views/public.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("<str:token>/", views.public_round, name="selection_public"),
    path("<str:token>/propose/", views.public_propose, name="selection_public_propose"),
    path(
        "<str:token>/candidates/<int:cid>/score/",
        views.public_score,
        name="selection_public_score",
    ),
]
