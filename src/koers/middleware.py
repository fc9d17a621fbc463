"""Project-wide request guards."""

import inspect

from django.http import HttpResponseBadRequest, HttpResponseRedirect, JsonResponse
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

NUL_MARKS = ("\x00", "%00")


class RejectNulMiddleware:
    """Answer 400 to a request with a NUL character in its address or JSON body.

    No KPI, code or comment contains one, and PostgreSQL cannot store or even
    compare text with it: without this guard such a request would end in a
    server error instead of a clear answer.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        address = request.path + "?" + request.META.get("QUERY_STRING", "")
        if any(mark in address for mark in NUL_MARKS) or self._json_has_nul(request):
            message = _("The request contains a NUL character.")
            if request.path.startswith("/api/"):
                # The API answers in its documented error shape.
                return JsonResponse(
                    {"detail": message, "code": "invalid", "errors": []}, status=400
                )
            return HttpResponseBadRequest(message)
        return self.get_response(request)

    @staticmethod
    def _json_has_nul(request) -> bool:
        if request.method in ("GET", "HEAD") or "json" not in request.content_type:
            return False
        return b"\\u0000" in request.body or b"\x00" in request.body


class PostOnlyRedirectMiddleware:
    """A page address that only takes POST, reloaded or bookmarked (GET), goes to its page.

    After a form error the browser shows a POST-only address such as
    ``/demo/meetings/3/items/8/action/``; reloading it would answer a blank
    405. Instead the user lands on the nearest page above it in the address.
    The API keeps its 405.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code == 405
            and request.method == "GET"
            and not request.path.startswith("/api/")
            and not request.headers.get("HX-Request")
        ):
            if target := self._page_above(request.path):
                return HttpResponseRedirect(target)
        return response

    @staticmethod
    def _page_above(path: str) -> str | None:
        parts = [p for p in path.split("/") if p]
        while len(parts) > 1:
            parts.pop()
            candidate = "/" + "/".join(parts) + "/"
            try:
                match = resolve(candidate)
            except Resolver404:
                continue
            if _accepts_get(match.func):
                return candidate
        return None


def _accepts_get(view) -> bool:
    """False for views behind ``require_POST`` / ``require_http_methods`` without GET."""
    while view is not None:
        closure = inspect.getclosurevars(view).nonlocals if callable(view) else {}
        methods = closure.get("request_method_list")
        if methods is not None:
            return "GET" in methods
        view = getattr(view, "__wrapped__", None)
    return True
