"""Selection rounds on the web: list, start, the round page, phases, proposals and scores.

Everyone in the organisation may take part in every round (propose and score):
the guidance text asks to involve all units, and openness is Koers' default.
Only the round's lead — whoever manages the round's unit, or an administrator —
edits it, moves it on, sets weights, decides and hands out outside links.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.fields import current_lang
from koers.numbers import format_number
from koers.organisations.access import Access, get_access

from .. import ranking, rounds
from ..forms import ProposalForm, RoundForm, ScoreForm, WeightsForm
from ..models import CRITERIA, CRITERIA_LABELS, Candidate, CandidateStatus, Phase, Round, Score


def can_lead(access: Access, round: Round) -> bool:
    return access.can_manage_unit(round.unit_id)


def get_round(request: HttpRequest, org: str, pk: int) -> tuple[Access, Round]:
    access = get_access(request, org)
    queryset = Round.objects.for_org(access.organisation).select_related("unit", "organisation")
    return access, get_object_or_404(queryset, pk=pk)


def get_round_to_lead(request: HttpRequest, org: str, pk: int) -> tuple[Access, Round]:
    access, round = get_round(request, org, pk)
    access.require(can_lead(access, round))
    return access, round


def get_candidate(round: Round, pk: int) -> Candidate:
    return get_object_or_404(round.candidates.select_related("round"), pk=pk)


def me(request: HttpRequest) -> rounds.Participant:
    return rounds.Participant(user=request.user)


def round_list(request: HttpRequest, org: str) -> HttpResponse:
    access = get_access(request, org)
    round_rows = (
        Round.objects.for_org(access.organisation)
        .select_related("unit", "organisation")
        .annotate(
            candidate_count=Count("candidates", filter=~Q(candidates__status="merged")),
            selected_count=Count("candidates", filter=Q(candidates__status="selected")),
        )
    )
    context = {"rounds": round_rows, "can_start": access.manages_anything}
    return render(request, "selection/list.html", context)


def round_create(request: HttpRequest, org: str) -> HttpResponse:
    access = get_access(request, org)
    access.require(access.manages_anything)
    form = RoundForm(request.POST or None, access=access)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        round = rounds.start_round(
            access.organisation,
            data["unit"],
            data["question"],
            request.user,
            goals=data["goals"],
            description=data["description"],
            anonymous=data["anonymous"],
        )
        messages.success(request, _("Round started. Invite everyone to propose indicators."))
        return redirect(round)
    context = {"form": form, "title": _("Start a selection round")}
    return render(request, "selection/round_form.html", context)


@transaction.atomic  # the version check and the save as one (VersionedForm)
def round_edit(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    access, round = get_round_to_lead(request, org, pk)
    form = RoundForm(request.POST or None, instance=round, access=access)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect(round)
    context = {"form": form, "title": _("Edit round"), "round": round}
    return render(request, "selection/round_form.html", context)


def _candidates(round: Round) -> list[Candidate]:
    return list(
        round.candidates.select_related("proposed_by", "proposed_by_link", "kpi", "merged_into")
    )


def round_context(round: Round, participant: rounds.Participant, lead: bool) -> dict:
    """What the round page shows; shared with the outside stakeholders' page."""
    candidates = _candidates(round)
    open_candidates = [c for c in candidates if c.status == CandidateStatus.OPEN]
    context = {
        "round": round,
        "lead": lead,
        "candidates": candidates,
        "open_candidates": open_candidates,
        "criteria": [(c, CRITERIA_LABELS[c]) for c in CRITERIA],
        "phases": Phase.choices,
        "disagree_sd": format_number(Decimal(str(ranking.DISAGREE_SD)), 1, current_lang()),
        "disagree_range": ranking.DISAGREE_RANGE,
    }
    if round.is_scoring:
        own = rounds.own_scores(round, participant)
        for candidate in open_candidates:
            score = own.get(candidate.pk)
            initial = {c: getattr(score, c) for c in CRITERIA} if score else None
            candidate.score_form = ScoreForm(initial=initial, prefix=f"c{candidate.pk}")
            candidate.scored = score is not None
        context["scored_count"] = len(own)
        counts = dict(
            Score.objects.filter(candidate__round=round)
            .values_list("candidate_id")
            .annotate(n=Count("id"))
        )
        for candidate in open_candidates:
            candidate.score_count = counts.get(candidate.pk, 0)
    if round.is_deciding or round.is_closed:
        rankable = [c for c in candidates if c.status != CandidateStatus.MERGED]
        context["ranking"] = rounds.ranking_for(round, rankable)
        merged: dict[int, list[Candidate]] = {}
        for candidate in candidates:
            if candidate.merged_into_id:
                merged.setdefault(candidate.merged_into_id, []).append(candidate)
        for candidate in candidates:
            candidate.merged_list = merged.get(candidate.pk, [])
        context["selected"] = [c for c in candidates if c.status == CandidateStatus.SELECTED]
        context["rejected"] = [c for c in candidates if c.status == CandidateStatus.REJECTED]
        context["merged"] = [c for c in candidates if c.status == CandidateStatus.MERGED]
        if not round.anonymous:
            context["named_scores"] = _named_scores(round)
    return context


def _named_scores(round: Round) -> dict[int, list[Score]]:
    """Who scored what, per candidate (only for rounds that are not anonymous)."""
    found: dict[int, list[Score]] = {}
    scores = Score.objects.filter(candidate__round=round).select_related("user", "link")
    for score in scores:
        found.setdefault(score.candidate_id, []).append(score)
    return found


def round_detail(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    access, round = get_round(request, org, pk)
    lead = can_lead(access, round)
    context = round_context(round, me(request), lead)
    context["goals"] = round.goals.all()
    if round.is_proposing:
        context["proposal_form"] = ProposalForm()
    if lead and not round.is_closed:
        context["weights_form"] = WeightsForm(instance=round)
    return render(request, "selection/round.html", context)


def round_outcome(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    access, round = get_round(request, org, pk)
    context = round_context(round, me(request), can_lead(access, round))
    context["goals"] = round.goals.all()
    if "ranking" not in context:
        context["ranking"] = rounds.ranking_for(round)
    return render(request, "selection/outcome.html", context)


@require_POST
@transaction.atomic  # the version check and the save as one (VersionedForm)
def round_weights(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    access, round = get_round_to_lead(request, org, pk)
    if round.is_closed:
        messages.error(request, _("This round is closed."))
        return redirect(round)
    form = WeightsForm(request.POST, instance=round)
    if form.is_valid():
        form.save()
        messages.success(request, _("Weights saved; the ranking is updated."))
    else:
        for error in form.errors.values():
            messages.error(request, " ".join(error))
    return redirect(f"{round.get_absolute_url()}#ranking")


def _advance(request: HttpRequest, org: str, pk: int, expected: str, done: str) -> HttpResponse:
    access, round = get_round_to_lead(request, org, pk)
    if round.phase != expected:
        messages.error(request, _("The round is no longer in that phase."))
        return redirect(round)
    rounds.advance(round)
    messages.success(request, done)
    return redirect(round)


@require_POST
def round_to_scoring(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    return _advance(request, org, pk, Phase.PROPOSING, _("Scoring is open."))


@require_POST
def round_to_deciding(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    return _advance(request, org, pk, Phase.SCORING, _("Scoring is closed; time to decide."))


@require_POST
def round_close(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    return _advance(request, org, pk, Phase.DECIDING, _("Round closed."))


@require_POST
def candidate_propose(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    access, round = get_round(request, org, pk)
    form = ProposalForm(request.POST)
    if not form.is_valid():
        context = round_context(round, me(request), can_lead(access, round))
        context.update(proposal_form=form, goals=round.goals.all())
        return render(request, "selection/round.html", context, status=400)
    try:
        rounds.propose(round, me(request), **form.cleaned_data)
    except rounds.SelectionError as error:
        messages.error(request, error.message())
    else:
        messages.success(request, _("Thank you: your proposal is on the list."))
    return redirect(f"{round.get_absolute_url()}#candidates")


@require_POST
def candidate_delete(request: HttpRequest, org: str, pk: int, cid: int) -> HttpResponse:
    access, round = get_round_to_lead(request, org, pk)
    candidate = get_candidate(round, cid)
    if not round.is_proposing:
        messages.error(request, _("Candidates can only be removed while proposing."))
    else:
        candidate.delete()
        messages.success(request, _("Candidate removed."))
    return redirect(f"{round.get_absolute_url()}#candidates")


@require_POST
def candidate_score(request: HttpRequest, org: str, pk: int, cid: int) -> HttpResponse:
    access, round = get_round(request, org, pk)
    candidate = get_candidate(round, cid)
    form = ScoreForm(request.POST, prefix=f"c{candidate.pk}")
    if not form.is_valid():
        messages.error(request, _("Give a score from 1 to 5 on each of the four criteria."))
    else:
        try:
            rounds.save_score(candidate, me(request), form.cleaned_data)
        except rounds.SelectionError as error:
            messages.error(request, error.message())
        else:
            messages.success(request, _("Scores for “%(name)s” saved.") % {"name": candidate})
    return redirect(f"{round.get_absolute_url()}#cand-{candidate.pk}")
