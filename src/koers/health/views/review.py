"""The year-end review pages: step 1 carries the annual goals into the new year, step 2
reviews each KPI with its health checks. Every decision is a POST to its own URL, open to
who may define the goal or KPI; the page itself to who manages anything (``managers`` in
``navigation.PAGE_RULES``: the same question)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.fields import current_lang
from koers.goals.models import AnnualGoal
from koers.kpis.access import DEFINE, get_kpi
from koers.kpis.forms import KPIForm
from koers.organisations.access import Access, get_access

from .. import review
from ..checks import health_for
from ..forms import CarryGoalForm

KPIS_PER_PAGE = 25


def _review_access(request: HttpRequest, org: str) -> Access:
    access = get_access(request, org)
    access.require(access.manages_anything)
    return access


def _goal_to_decide(request: HttpRequest, org: str, year: int, pk: int):
    access = _review_access(request, org)
    goals = AnnualGoal.objects.for_org(access.organisation).select_related("target_kpi")
    goal = get_object_or_404(goals, pk=pk, year=year)
    access.require(access.can_define(goal))
    return access, goal


def _steps(org: str, year: int, progress: review.Progress, current: str) -> dict:
    return {
        "year": year,
        "next_year": year + 1,
        "progress": progress,
        "step": current,
        "goals_url": reverse("year_review_goals", args=[org, year]),
        "kpis_url": reverse("year_review_kpis", args=[org, year]),
    }


def year_review(request: HttpRequest, org: str) -> HttpResponse:
    """The review of the year that ends (this year from July on): its first step."""
    _review_access(request, org)
    return redirect("year_review_goals", org, review.review_year())


def review_goals(request: HttpRequest, org: str, year: int, bound=None) -> HttpResponse:
    access = _review_access(request, org)
    items = review.goal_items(access, year)
    for item in items:
        goal = item.thing
        if bound is not None and bound.goal.pk == goal.pk:
            item.form = bound
        else:
            initial = {"target_value": review.suggested_target(goal, item.existing)}
            item.form = CarryGoalForm(goal=goal, initial=initial)
    context = _steps(org, year, review.progress_of(access, year), "goals")
    context["items"] = items
    return render(request, "health/review_goals.html", context)


def _refused(request: HttpRequest, error: review.AlreadyDecided) -> None:
    messages.error(request, error.message(current_lang()))


@require_POST
def review_goal_copy(request: HttpRequest, org: str, year: int, pk: int) -> HttpResponse:
    access, goal = _goal_to_decide(request, org, year, pk)
    form = CarryGoalForm(request.POST, goal=goal)
    if not form.is_valid():
        return review_goals(request, org, year, bound=form)
    try:
        review.carry_goal(goal, form.target, user=request.user)
    except review.AlreadyDecided as error:
        _refused(request, error)
    else:
        messages.success(
            request,
            _("“%(title)s” is carried into %(year)s.") % {"title": goal.title, "year": year + 1},
        )
    return redirect(reverse("year_review_goals", args=[org, year]) + f"#goal-{goal.pk}")


@require_POST
def review_goal_drop(request: HttpRequest, org: str, year: int, pk: int) -> HttpResponse:
    access, goal = _goal_to_decide(request, org, year, pk)
    try:
        review.drop_goal(goal, user=request.user)
    except review.AlreadyDecided as error:
        _refused(request, error)
    else:
        messages.success(
            request,
            _("“%(title)s” is not carried into %(year)s.")
            % {"title": goal.title, "year": year + 1},
        )
    return redirect(reverse("year_review_goals", args=[org, year]) + f"#goal-{goal.pk}")


def review_kpis(request: HttpRequest, org: str, year: int) -> HttpResponse:
    access = _review_access(request, org)
    page = Paginator(review.kpis_of(access, year), KPIS_PER_PAGE).get_page(request.GET.get("page"))
    kpis = list(page.object_list)
    items = review.kpi_items(access, year, kpis)
    checks = health_for(kpis, access.organisation)
    for item in items:
        item.checks = checks.get(item.thing.pk, [])
    context = _steps(org, year, review.progress_of(access, year), "kpis")
    context.update(items=items, page=page)
    return render(request, "health/review_kpis.html", context)


def _back_to_kpis(org: str, year: int, request: HttpRequest, code: str) -> HttpResponse:
    page = request.POST.get("page", "")
    query = f"?page={page}" if page.isdigit() else ""
    return redirect(reverse("year_review_kpis", args=[org, year]) + query + f"#kpi-{code}")


def _kpi_decision(request, org: str, year: int, code: str, decide, done: str) -> HttpResponse:
    access = _review_access(request, org)
    kpi = get_kpi(access, code, DEFINE)
    try:
        decide(kpi, year, user=request.user)
    except review.AlreadyDecided as error:
        _refused(request, error)
    else:
        messages.success(request, done % {"name": kpi.name})
    return _back_to_kpis(org, year, request, kpi.code)


@require_POST
def review_kpi_keep(request: HttpRequest, org: str, year: int, code: str) -> HttpResponse:
    return _kpi_decision(request, org, year, code, review.keep_kpi, _("“%(name)s” is kept."))


@require_POST
def review_kpi_retire(request: HttpRequest, org: str, year: int, code: str) -> HttpResponse:
    done = _("“%(name)s” is retired. Its data is kept.")
    return _kpi_decision(request, org, year, code, review.retire_kpi, done)


def review_kpi_change(request: HttpRequest, org: str, year: int, code: str) -> HttpResponse:
    """The KPI's definition form; saved, the chart starts a new segment in the new year."""
    access = _review_access(request, org)
    kpi = get_kpi(access, code, DEFINE)
    form = KPIForm(request.POST or None, instance=kpi, access=access)
    if request.method == "POST" and form.is_valid():
        try:
            decision = review.change_kpi(form, year, user=request.user)
        except review.AlreadyDecided as error:
            _refused(request, error)
        else:
            if decision.decision == review.Decision.CHANGED:
                text = _("New definition saved; its chart starts a new segment in %(year)s.")
            else:
                text = _("Nothing changed in the definition: the KPI is kept as it is.")
            messages.success(request, text % {"year": year + 1})
        return _back_to_kpis(org, year, request, kpi.code)
    page = request.POST.get("page") or request.GET.get("page") or ""
    context = {"form": form, "kpi": kpi, "year": year, "next_year": year + 1, "page": page}
    status = 409 if form.conflict else 200
    return render(request, "health/review_kpi_change.html", context, status=status)
