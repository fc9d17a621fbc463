"""Annual goals (jaardoelen): list per year, create, edit, delete."""

from datetime import date

from django.contrib import messages
from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.kpis.models import KPI
from koers.organisations.access import Access, get_access

from .forms import AnnualGoalForm
from .models import AnnualGoal
from .progress import with_progress


def _get_goal_to_manage(request: HttpRequest, org: str, pk: int) -> tuple[Access, AnnualGoal]:
    access = get_access(request, org)
    goal = get_object_or_404(AnnualGoal.objects.for_org(access.organisation), pk=pk)
    access.require(access.can_manage_unit(goal.unit_id))
    return access, goal


def goal_list(request: HttpRequest, org: str) -> HttpResponse:
    access = get_access(request, org)
    goals = AnnualGoal.objects.for_org(access.organisation)
    years = sorted(set(goals.values_list("year", flat=True)) | {date.today().year}, reverse=True)
    try:
        year = int(request.GET.get("year", date.today().year))
    except ValueError:
        year = date.today().year
    listed = (
        goals.for_year(year)
        .select_related("unit", "target_kpi__organisation")
        .prefetch_related(
            "core_competences", Prefetch("kpis", KPI.objects.for_org(access.organisation))
        )
    )
    context = {"year": year, "years": years, "goals": with_progress(listed)}
    return render(request, "goals/list.html", context)


def goal_create(request: HttpRequest, org: str) -> HttpResponse:
    access = get_access(request, org)
    access.require(access.manages_anything)
    form = AnnualGoalForm(request.POST or None, access=access, initial={"year": date.today().year})
    if request.method == "POST" and form.is_valid():
        goal = form.save()
        messages.success(request, _("Annual goal saved."))
        return redirect(f"{reverse_goals(org)}?year={goal.year}")
    return render(
        request,
        "organisations/form.html",
        {"form": form, "title": _("New annual goal"), "cancel_url": reverse_goals(org)},
    )


@transaction.atomic  # the version check and the save as one (VersionedForm)
def goal_edit(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    access, goal = _get_goal_to_manage(request, org, pk)
    form = AnnualGoalForm(request.POST or None, instance=goal, access=access)
    if request.method == "POST" and form.is_valid():
        goal = form.save()
        messages.success(request, _("Annual goal saved."))
        return redirect(f"{reverse_goals(org)}?year={goal.year}")
    return render(
        request,
        "organisations/form.html",
        {"form": form, "title": _("Edit annual goal"), "cancel_url": reverse_goals(org)},
    )


@require_POST
def goal_delete(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    access, goal = _get_goal_to_manage(request, org, pk)
    year = goal.year
    goal.delete()
    messages.success(request, _("Annual goal deleted."))
    return redirect(f"{reverse_goals(org)}?year={year}")


def reverse_goals(org: str) -> str:
    return reverse("goals", args=[org])
