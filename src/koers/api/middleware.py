"""The API answers every error in its JSON shape (``{"detail", "code"}``), also those that
Django gives before any API view runs: an address the API does not have (404), a method an
address does not take (405), a body over the upload limit (400), a refused CSRF check (403).
Answers that are JSON already (the views' own errors) pass unchanged; so does the docs page.
"""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _

from .auth import request_lang

API_PREFIX = "/api/v"
DOCS_SUFFIX = "/docs"


def _detail(status: int) -> tuple[str, str]:
    if status == 404:
        return "not_found", _("Not found.")
    if status == 405:
        return "method_not_allowed", _("This address does not take this method.")
    if status == 403:
        return "forbidden", _("Your rights do not allow this.")
    if status == 401:
        return "unauthorized", _(
            "A valid API token is required: send 'Authorization: Bearer <token>'."
        )
    if status == 400:
        return "invalid", _("The request is not valid; nothing was saved.")
    if status == 413:
        return "too_large", _("The request is too large; nothing was saved.")
    return "error", _("The server could not answer this request; nothing was saved.")


class JsonErrorsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        response = self.get_response(request)
        path = request.path
        if (
            response.status_code < 400
            or not path.startswith(API_PREFIX)
            or path.endswith(DOCS_SUFFIX)
            or "json" in response.get("Content-Type", "")
        ):
            return response
        with translation.override(request_lang(request)):
            code, detail = _detail(response.status_code)
        answer = JsonResponse({"detail": detail, "code": code}, status=response.status_code)
        if "Allow" in response:
            answer["Allow"] = response["Allow"]
        return answer
