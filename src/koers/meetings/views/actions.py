"""Improvement actions: the list per unit and for the organisation, detail, edit, status."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.kpis.models import KPI
from koers.organisations.access import get_access
from koers.organisations.models import Unit
from koers.trends.display import displays

from ..effect import effect_of
from ..forms import ActionEditForm, ActionForm, StatusForm
from ..history import action_snapshot, log_action
from ..lifecycle import set_status
from ..models import Action
from .fetch import can_run_any, get_action, get_action_to_run, today


def action_list(request: HttpRequest, org: str) -> HttpResponse:
    access = get_access(request, org)
    organisation = access.organisation
    units = list(Unit.objects.for_org(organisation))
    kpis = list(KPI.objects.for_org(organisation).current().only("pk", "code", "name"))
    actions = (
        Action.objects.for_org(organisation)
        .select_related("unit", "person", "meeting", "organisation")
        .prefetch_related(Prefetch("kpis", KPI.objects.select_related("organisation")))
    )
    unit = next((u for u in units if u.slug == request.GET.get("unit")), None)
    if unit is not None:
        actions = actions.for_unit(unit, include_below=request.GET.get("below") == "1")
    status = request.GET.get("status", "current")
    if status == "current":
        actions = actions.open()
    elif status in Action.Status.values:
        actions = actions.filter(status=status)
    kpi = next((k for k in kpis if k.code == request.GET.get("kpi")), None)
    if kpi is not None:
        actions = actions.filter(kpis=kpi)
    overdue_only = request.GET.get("overdue") == "1"
    if overdue_only:
        actions = actions.overdue(today())
    context = {
        "actions": list(actions[:500]),
        "units": units,
        "unit": unit,
        "kpis": kpis,
        "kpi": kpi,
        "status": status,
        "statuses": Action.Status.choices,
        "overdue_only": overdue_only,
        "below": request.GET.get("below") == "1",
        "can_create": can_run_any(access),
    }
    return render(request, "meetings/action_list.html", context)


def action_create(request: HttpRequest, org: str) -> HttpResponse:
    access = get_access(request, org)
    access.require(can_run_any(access))
    initial = {}
    if code := request.GET.get("kpi"):
        found = KPI.objects.for_org(access.organisation).filter(code=code).first()
        if found:
            initial.update(kpis=[found.pk], unit=found.unit_id)
    form = ActionForm(request.POST or None, access=access, initial=initial)
    if request.method == "POST" and form.is_valid():
        form.instance.created_by = request.user
        action = form.save()
        log_action(action, None, request.user)
        messages.success(request, _("Action saved."))
        return redirect(action)
    return render(
        request,
        "meetings/action_form.html",
        {"form": form, "title": _("New action"), "cancel_url": reverse("actions", args=[org])},
    )


def action_detail(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    access, action = get_action(request, org, pk)
    return _detail(request, access, action, StatusForm(initial={"status": action.status}))


def _detail(request, access, action, status_form, status=200):
    shown = displays(action.kpis.select_related("unit", "organisation").with_series())
    effects = []
    for d in shown:
        kpi = d.kpi
        effect = effect_of(action, kpi, d.series) if action.status == Action.Status.DONE else None
        effects.append(
            {
                "shown": d,
                "effect": effect,
                "rebaseline_url": reverse(
                    "trend_rebaseline_add", args=[kpi.organisation.slug, kpi.code]
                )
                if effect and effect.suggest_rebaseline and access.can_manage_unit(kpi.unit_id)
                else None,
            }
        )
    context = {
        "action": action,
        "effects": effects,
        "is_late": action.is_overdue(today()),
        "changes": action.changes.select_related("user"),
        "can_run": access.can_run_meetings(action.unit_id),
        "status_form": status_form,
    }
    return render(request, "meetings/action.html", context, status=status)


@transaction.atomic  # the version check and the save as one (VersionedForm)
def action_edit(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    access, action = get_action_to_run(request, org, pk)
    before = action_snapshot(action)
    form = ActionEditForm(request.POST or None, instance=action, access=access)
    if request.method == "POST" and form.is_valid():
        action = form.save()
        log_action(action, before, request.user)
        messages.success(request, _("Saved."))
        return redirect(action)
    return render(
        request,
        "meetings/action_form.html",
        {"form": form, "title": _("Edit action"), "cancel_url": action.get_absolute_url()},
    )


@require_POST
def action_status(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    access, action = get_action_to_run(request, org, pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            set_status(
                action,
                form.cleaned_data["status"],
                user=request.user,
                today=today(),
                reason=form.cleaned_data["drop_reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Status: %(status)s.") % {"status": action.get_status_display()}
            )
            return redirect(action)
    return _detail(request, access, action, form, status=400)
