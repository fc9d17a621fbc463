"""The API under /api/: version 1 with its OpenAPI description and a docs page.

The API authenticates each request itself (a token, or the session for the
browser's own calls) and answers 401 in its JSON shape, so its views are
exempt from the login redirect.
"""

from django.contrib.auth.decorators import login_not_required
from django.urls import path

from . import docs
from .v1 import api


def _exempt(patterns) -> None:
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            _exempt(pattern.url_patterns)
        else:
            pattern.callback.login_required = False


# Not `app_name = …` at module level: include() would read it as this module's namespace
# and hide django-ninja's own ("api-v1"), which its OpenAPI view reverses.
_V1 = api.urls
_exempt(_V1[0])

urlpatterns = [
    path("v1/docs", login_not_required(docs.docs_page), name="api_docs"),
    path("v1/", _V1),
]
