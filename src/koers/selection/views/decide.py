"""Deciding on candidates: select (→ draft KPI), merge a duplicate, reject with a reason."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers import catalogue
from koers.fields import current_lang

from .. import rounds
from ..forms import DraftKPIForm, MergeForm, RejectForm
from ..models import CandidateStatus
from .round import get_candidate, get_round_to_lead


def _initial(candidate, round) -> dict:
    fields = rounds.kpi_fields(candidate, current_lang())
    initial = {k: fields[k] for k in DraftKPIForm.Meta.fields if k in fields}
    initial.setdefault("unit", round.unit)
    return initial


def candidate_select(request: HttpRequest, org: str, pk: int, cid: int) -> HttpResponse:
    access, round = get_round_to_lead(request, org, pk)
    candidate = get_candidate(round, cid)
    if not round.is_deciding or candidate.status != CandidateStatus.OPEN:
        messages.error(request, _("This candidate cannot be selected now."))
        return redirect(round)
    form = DraftKPIForm(request.POST or None, access=access, initial=_initial(candidate, round))
    if request.method == "POST" and form.is_valid():
        kpi = rounds.select_candidate(
            candidate,
            unit=form.cleaned_data["unit"],
            code=form.cleaned_data["code"],
            user=request.user,
            overrides=form.overrides(),
        )
        messages.success(
            request,
            _(
                "“%(name)s” is now a draft KPI of %(unit)s. "
                "Complete its definition and make it active."
            )
            % {"name": kpi.name, "unit": kpi.unit.name},
        )
        return redirect(kpi)
    entry = None
    if candidate.catalogue_key:
        try:
            entry = catalogue.get(candidate.catalogue_key)
        except catalogue.UnknownEntryError:
            entry = None
    context = {"round": round, "candidate": candidate, "form": form, "entry": entry}
    return render(request, "selection/select.html", context, status=400 if form.errors else 200)


@require_POST
def candidate_merge(request: HttpRequest, org: str, pk: int, cid: int) -> HttpResponse:
    access, round = get_round_to_lead(request, org, pk)
    candidate = get_candidate(round, cid)
    others = round.candidates.filter(status=CandidateStatus.OPEN).exclude(pk=candidate.pk)
    form = MergeForm(request.POST, candidates=others)
    if not form.is_valid():
        messages.error(request, _("Choose an open candidate of this round to merge into."))
        return redirect(f"{round.get_absolute_url()}#cand-{candidate.pk}")
    target = form.cleaned_data["target"]
    try:
        rounds.merge_candidates(candidate, target, request.user)
    except rounds.SelectionError as error:
        messages.error(request, error.message())
    else:
        messages.success(
            request,
            _("“%(source)s” merged into “%(target)s”.") % {"source": candidate, "target": target},
        )
    return redirect(f"{round.get_absolute_url()}#cand-{target.pk}")


@require_POST
def candidate_reject(request: HttpRequest, org: str, pk: int, cid: int) -> HttpResponse:
    access, round = get_round_to_lead(request, org, pk)
    candidate = get_candidate(round, cid)
    form = RejectForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why we don't measure this; the reason stays visible."))
        return redirect(f"{round.get_absolute_url()}#cand-{candidate.pk}")
    try:
        rounds.reject_candidate(candidate, form.cleaned_data["reason"], request.user)
    except rounds.SelectionError as error:
        messages.error(request, error.message())
    else:
        messages.success(request, _("“%(name)s” rejected.") % {"name": candidate})
    return redirect(f"{round.get_absolute_url()}#decided")
