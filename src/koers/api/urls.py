"""The API under /api/: version 1 with its OpenAPI description and a docs page."""

from django.urls import path

from . import docs
from .v1 import api

urlpatterns = [
    path("v1/docs", docs.docs_page, name="api_docs"),
    path("v1/", api.urls),
]
