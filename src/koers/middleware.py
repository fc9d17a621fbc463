"""Project-wide request guards."""

from django.http import HttpResponseBadRequest, JsonResponse
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
