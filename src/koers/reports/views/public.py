"""Shared reports: read-only, without an account, for as long as the link is valid."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import formats, timezone, translation

from .. import render as renderers
from ..board import board_for
from ..content import build_report
from ..models import BoardLink, ShareAccess, ShareLink, hash_ip


def _link(request: HttpRequest, token: str, what: str):
    """The usable link for ``token``, or the response that explains why there is none."""
    link = ShareLink.objects.select_related("organisation", "unit").by_token(token)
    if link is None:
        return None, render(request, "reports/share_gone.html", {"reason": "unknown"}, status=404)
    today = timezone.localdate()
    if link.is_revoked or link.is_expired(today):
        reason = "revoked" if link.is_revoked else "expired"
        with translation.override(link.lang):
            response = render(
                request, "reports/share_gone.html", {"reason": reason, "link": link}, status=410
            )
        return None, response
    ShareAccess.objects.create(
        link=link,
        ip_hash=hash_ip(request.META.get("REMOTE_ADDR", "")),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
        what=what,
    )
    report = build_report(link.organisation, link.unit, link.period, link.group, link.lang, today)
    return (link, report), None


@login_not_required
def shared_report(request: HttpRequest, token: str) -> HttpResponse:
    found, gone = _link(request, token, "html")
    if gone:
        return gone
    link, report = found
    with translation.override(link.lang):
        until = formats.date_format(link.expires_on, "SHORT_DATE_FORMAT")
    html = renderers.render_html(
        report,
        shared=True,
        shared_until=until,
        org=link.organisation.name,
        pdf_url=reverse("shared_report_pdf", args=[token]),
    )
    response = HttpResponse(html)
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


@login_not_required
def shared_report_pdf(request: HttpRequest, token: str) -> HttpResponse:
    found, gone = _link(request, token, "pdf")
    if gone:
        return gone
    _link_, report = found
    response = HttpResponse(renderers.render_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{renderers.filename(report, "pdf")}"'
    return response


@login_not_required
def board(request: HttpRequest, token: str) -> HttpResponse:
    """A unit's team board for a wall screen: no account, no names; it refreshes itself, and
    a revoked or expired link answers with a page that says so (410) at the next refresh."""
    link = BoardLink.objects.select_related("organisation", "unit").by_token(token)
    if link is None:
        return render(request, "reports/board_gone.html", {"reason": "unknown"}, status=404)
    with translation.override(link.lang):
        if not link.is_usable(timezone.localdate()):
            reason = "revoked" if link.is_revoked else "expired"
            context = {"reason": reason, "until": link.expires_on}
            return render(request, "reports/board_gone.html", context, status=410)
        response = render(request, "reports/board.html", {"board": board_for(link)})
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "no-store"
    return response
