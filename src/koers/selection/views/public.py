"""The outside stakeholder's page: /s/<token>/, no account needed.

A link opens exactly one round. Its holder proposes while the round is
proposing and scores while it is scoring; nothing else. Safety:
- the token (192 random bits) is stored only as a SHA-256 hash and compared
  in constant time; an unknown token gets the same plain 404 as any wrong URL;
- a link that was shut off gets a clear page and cannot write;
- every write is counted: more than RATE_LIMIT_WRITES a minute gives 429;
- forms carry CSRF tokens and length limits; templates escape all text;
- pages are not cached or indexed, and send no referrer.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import rounds
from ..forms import ProposalForm, ScoreForm
from ..models import StakeholderLink
from .round import round_context


def _protect(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


def _link(token: str) -> StakeholderLink:
    link = rounds.find_link(token)
    if link is None:
        raise Http404
    return link


def _render(request, token, link, status=200, **extra) -> HttpResponse:
    participant = rounds.Participant(link=link)
    context = round_context(link.round, participant, lead=False)
    context.update(
        link=link,
        token_url=reverse("selection_public", args=[token]),
        notice=request.GET.get("done", ""),
    )
    if link.round.is_proposing:
        context.setdefault("proposal_form", ProposalForm())
    context.update(extra)
    return _protect(render(request, "selection/public.html", context, status=status))


def _blocked(request, link) -> HttpResponse | None:
    """The response for a link that may not write now, or None."""
    if not link.active:
        return _protect(render(request, "selection/public_off.html", {"link": link}, status=403))
    if not rounds.allow_write(link):
        context = {"link": link, "limit": rounds.RATE_LIMIT_WRITES}
        response = render(request, "selection/public_slow.html", context, status=429)
        response["Retry-After"] = "60"
        return _protect(response)
    return None


@login_not_required
def public_round(request: HttpRequest, token: str) -> HttpResponse:
    link = _link(token)
    if not link.active:
        return _protect(render(request, "selection/public_off.html", {"link": link}, status=403))
    return _render(request, token, link)


def _back(token: str, done: str, anchor: str = "") -> HttpResponse:
    return redirect(f"{reverse('selection_public', args=[token])}?done={done}{anchor}")


@login_not_required
@require_POST
def public_propose(request: HttpRequest, token: str) -> HttpResponse:
    link = _link(token)
    if blocked := _blocked(request, link):
        return blocked
    form = ProposalForm(request.POST)
    if not form.is_valid():
        return _render(request, token, link, status=400, proposal_form=form)
    try:
        rounds.propose(link.round, rounds.Participant(link=link), **form.cleaned_data)
    except rounds.SelectionError as error:
        return _render(request, token, link, status=409, error=error.message())
    return _back(token, "proposed", "#candidates")


@login_not_required
@require_POST
def public_score(request: HttpRequest, token: str, cid: int) -> HttpResponse:
    link = _link(token)
    if blocked := _blocked(request, link):
        return blocked
    candidate = get_object_or_404(link.round.candidates.select_related("round"), pk=cid)
    form = ScoreForm(request.POST, prefix=f"c{candidate.pk}")
    if not form.is_valid():
        return _render(
            request, token, link, status=400, error=_("Give a score from 1 to 5 on each criterion.")
        )
    try:
        rounds.save_score(candidate, rounds.Participant(link=link), form.cleaned_data)
    except rounds.SelectionError as error:
        return _render(request, token, link, status=409, error=error.message())
    return _back(token, "scored", f"#cand-{candidate.pk}")
