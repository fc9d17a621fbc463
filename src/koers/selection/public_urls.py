"""Outside stakeholders' links: /s/<token>/ (no login; see public_views)."""

from django.urls import path

from . import public_views

urlpatterns = [
    path("<str:token>/", public_views.public_round, name="selection_public"),
    path("<str:token>/propose/", public_views.public_propose, name="selection_public_propose"),
    path(
        "<str:token>/candidates/<int:cid>/score/",
        public_views.public_score,
        name="selection_public_score",
    ),
]
