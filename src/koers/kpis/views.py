"""Unit pages, KPI pages, the KPI forms and entering values on a KPI."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.fields import current_lang
from koers.goals.models import AnnualGoal
from koers.organisations.access import Access, get_access
from koers.organisations.models import Unit
from koers.periods import Period, PeriodError, last_finished
from koers.trends.display import display_of, displays

from . import rollup
from .forms import KPIForm, MeasurementForm, RollupForm, TargetForm
from .models import KPI, KPIChange, Source, Status
from .recording import record_value


def _get_unit(request: HttpRequest, org: str, slug: str) -> tuple[Access, Unit]:
    access = get_access(request, org)
    unit = get_object_or_404(Unit.objects.for_org(access.organisation), slug=slug)
    return access, unit


def _get_kpi(request: HttpRequest, org: str, code: str) -> tuple[Access, KPI]:
    access = get_access(request, org)
    kpis = KPI.objects.for_org(access.organisation).select_related("unit", "parent", "organisation")
    return access, get_object_or_404(kpis, code=code)


def _get_kpi_to_define(request: HttpRequest, org: str, code: str) -> tuple[Access, KPI]:
    access, kpi = _get_kpi(request, org, code)
    access.require(access.can_manage_unit(kpi.unit_id))
    return access, kpi


def _get_kpi_to_enter(request: HttpRequest, org: str, code: str) -> tuple[Access, KPI]:
    access, kpi = _get_kpi(request, org, code)
    access.require(access.can_enter_data(kpi.unit_id))
    return access, kpi


def unit_kpis(request: HttpRequest, org: str, slug: str) -> HttpResponse:
    access, unit = _get_unit(request, org, slug)
    show_retired = request.GET.get("retired") == "1"
    kpis = KPI.objects.filter(unit=unit).select_related("unit", "organisation").with_series()
    kpis = kpis if show_retired else kpis.current()
    context = {
        "unit": unit,
        "ancestors": unit.ancestors(),
        "children": unit.children.all(),
        "kpis": displays(kpis),
        "show_retired": show_retired,
        "retired_count": KPI.objects.filter(unit=unit).retired().count(),
        "goals": AnnualGoal.objects.filter(unit=unit).order_by("-year")[:10],
        "can_define": access.can_manage_unit(unit.pk),
        "can_enter": access.can_enter_data(unit.pk),
        "entry_period": last_finished("month", date.today()).key,
    }
    return render(request, "kpis/unit.html", context)


VALUES_SHOWN = 24


def _kpi_page(
    request: HttpRequest, access: Access, kpi: KPI, form: MeasurementForm, status: int = 200
) -> HttpResponse:
    measurements = list(kpi.measurements.select_related("updated_by"))
    display = display_of(kpi, measurements)
    newest_first = list(reversed(measurements))
    show_all = request.GET.get("values") == "all"
    changes = kpi.value_changes.select_related("user")
    context = {
        "kpi": kpi,
        "display": display,
        "measurements": newest_first if show_all else newest_first[:VALUES_SHOWN],
        "hidden_values": 0 if show_all else max(len(newest_first) - VALUES_SHOWN, 0),
        "form": form,
        "value_changes": changes if request.GET.get("history") == "all" else changes[:VALUES_SHOWN],
        "value_change_count": kpi.value_changes.count(),
        "kpi_changes": kpi.changes.select_related("user")[:50],
        "children": kpi.children.select_related("unit"),
        "annual_goals": kpi.annual_goals.select_related("unit"),
        "competences": kpi.core_competences.all(),
        "can_define": access.can_manage_unit(kpi.unit_id),
        "can_enter": access.can_enter_data(kpi.unit_id) and not kpi.is_retired,
    }
    return render(request, "kpis/kpi.html", context, status=status)


def kpi_detail(request: HttpRequest, org: str, code: str) -> HttpResponse:
    access, kpi = _get_kpi(request, org, code)
    initial = {}
    if key := request.GET.get("period"):
        try:
            period = Period.from_key(key)
        except PeriodError:
            period = None
        if period is not None and period.frequency == kpi.frequency:
            initial["period"] = period
            current = kpi.measurements.filter(period_start=period.start).first()
            if current:
                initial.update(value=current.value, comment=current.comment)
    return _kpi_page(request, access, kpi, MeasurementForm(kpi=kpi, initial=initial))


def kpi_create(request: HttpRequest, org: str) -> HttpResponse:
    access = get_access(request, org)
    access.require(access.manages_anything)
    initial = {}
    if slug := request.GET.get("unit"):
        initial["unit"] = Unit.objects.for_org(access.organisation).filter(slug=slug).first()
    form = KPIForm(request.POST or None, access=access, initial=initial)
    if request.method == "POST" and form.is_valid():
        kpi = form.save()
        KPIChange.objects.create(
            organisation=access.organisation,
            kpi=kpi,
            user=request.user,
            summary=_("KPI created"),
        )
        messages.success(request, _("KPI created."))
        return redirect(kpi)
    return render(request, "kpis/kpi_form.html", {"form": form, "title": _("New KPI")})


def kpi_edit(request: HttpRequest, org: str, code: str) -> HttpResponse:
    access, kpi = _get_kpi_to_define(request, org, code)
    form = KPIForm(request.POST or None, instance=kpi, access=access)
    if request.method == "POST" and form.is_valid():
        changes = form.describe_changes()
        kpi = form.save()
        if changes:
            KPIChange.objects.create(
                organisation=access.organisation,
                kpi=kpi,
                user=request.user,
                summary=_("Definition changed"),
                changes=changes,
            )
        messages.success(request, _("Saved."))
        return redirect(kpi)
    return render(request, "kpis/kpi_form.html", {"form": form, "title": _("Edit KPI"), "kpi": kpi})


def _set_status(request: HttpRequest, org: str, code: str, status: str, summary: str):
    access, kpi = _get_kpi_to_define(request, org, code)
    old = kpi.get_status_display()
    kpi.status = status
    kpi.save(update_fields=["status", "updated_at"])
    KPIChange.objects.create(
        organisation=access.organisation,
        kpi=kpi,
        user=request.user,
        summary=summary,
        changes={str(_("status")): [str(old), str(kpi.get_status_display())]},
    )
    return redirect(kpi)


@require_POST
def kpi_retire(request: HttpRequest, org: str, code: str) -> HttpResponse:
    messages.success(request, _("KPI retired. Its data is kept."))
    return _set_status(request, org, code, Status.RETIRED, _("KPI retired"))


@require_POST
def kpi_activate(request: HttpRequest, org: str, code: str) -> HttpResponse:
    messages.success(request, _("KPI is active."))
    return _set_status(request, org, code, Status.ACTIVE, _("KPI made active"))


def retired_kpis(request: HttpRequest, org: str) -> HttpResponse:
    access = get_access(request, org)
    kpis = KPI.objects.for_org(access.organisation).retired().select_related("unit")
    return render(request, "kpis/retired.html", {"kpis": kpis})


@require_POST
def value_save(request: HttpRequest, org: str, code: str) -> HttpResponse:
    access, kpi = _get_kpi_to_enter(request, org, code)
    form = MeasurementForm(request.POST, kpi=kpi)
    if kpi.is_retired:
        form.add_error(None, _("This KPI is retired; make it active again to enter values."))
    if form.is_valid():
        period = form.cleaned_data["period"]
        summary = record_value(
            kpi,
            period.start,
            form.cleaned_data["value"],
            form.cleaned_data["comment"],
            user=request.user,
            source=Source.WEB,
        )
        if summary.written:
            messages.success(
                request, _("Value for %(period)s saved.") % {"period": period.label(current_lang())}
            )
        else:
            messages.info(request, _("Nothing changed."))
        return redirect(kpi)
    return _kpi_page(request, access, kpi, form, status=400)


@require_POST
def value_delete(request: HttpRequest, org: str, code: str, period: str) -> HttpResponse:
    access, kpi = _get_kpi_to_enter(request, org, code)
    try:
        found = Period.from_key(period)
    except PeriodError:
        found = None
    if found is None or found.frequency != kpi.frequency:
        raise Http404
    measurement = get_object_or_404(kpi.measurements, period_start=found.start)
    record_value(kpi, measurement.period_start, None, None, user=request.user, source=Source.WEB)
    messages.success(
        request, _("Value for %(period)s deleted.") % {"period": found.label(current_lang())}
    )
    return redirect(kpi)


def kpi_rollup(request: HttpRequest, org: str, code: str) -> HttpResponse:
    """A parent KPI's roll-up settings: rule, children, weights, formula; all or nothing."""
    access, kpi = _get_kpi_to_define(request, org, code)
    form = RollupForm(request.POST or None, kpi=kpi)
    if request.method == "POST":
        if form.is_valid():
            if rollup.save_settings(kpi, form.settings(), user=request.user):
                messages.success(request, _("Roll-up settings saved; the values are recomputed."))
            else:
                messages.info(request, _("Nothing changed."))
            return redirect(kpi)
        status = 400
    else:
        status = 200
    context = {"form": form, "kpi": kpi, "title": _("Roll-up of %(name)s") % {"name": kpi.name}}
    return render(request, "kpis/rollup_form.html", context, status=status)


def kpi_target(request: HttpRequest, org: str, code: str) -> HttpResponse:
    """A KPI's target over time: one value, a value per period, or from the annual goal."""
    access, kpi = _get_kpi_to_define(request, org, code)
    form = TargetForm(request.POST or None, kpi=kpi)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            if rollup.save_target(kpi, form.settings(), user=request.user):
                messages.success(request, _("Target saved."))
            else:
                messages.info(request, _("Nothing changed."))
            return redirect(kpi)
        status = 400
    context = {"form": form, "kpi": kpi, "title": _("Target of %(name)s") % {"name": kpi.name}}
    return render(request, "kpis/target_form.html", context, status=status)
