"""The trend section of the KPI page and the actions that change a KPI's trend settings.

Every action is a POST to its own URL, allowed to those who may define the KPI; each change
is recorded in the KPI's history and bumps its revision (so the cached verdict is redone).
"""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.fields import current_lang
from koers.kpis.access import DEFINE, kpi_for
from koers.kpis.models import KPI
from koers.periods import Period, PeriodError

from .display import proposal_of
from .forms import AcceptLevelForm, BaselineForm, MethodForm, RebaselineForm
from .levels import add_level, record, settings_row
from .models import Rebaseline, Spread, TrendSettings
from .verdicts import engine_options, inputs_of, trend_for


def _settings_row(kpi: KPI) -> TrendSettings:
    return settings_row(kpi)


def _record(request, kpi: KPI, settings: TrendSettings, summary: str, changes: dict) -> None:
    """Save the settings with the KPI's history line and a revision bump (``kpis.changes``)."""
    record(kpi, settings, summary, changes, user=request.user)


def _done(request: HttpRequest, kpi: KPI, text: str) -> HttpResponse:
    messages.success(request, text)
    return redirect(kpi.get_absolute_url() + "#trend")


def _invalid(request: HttpRequest, kpi: KPI, form) -> HttpResponse:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)
    return redirect(kpi.get_absolute_url() + "#trend-settings")


def _stale(request: HttpRequest, kpi: KPI, form, settings: TrendSettings, now: str, yours: str):
    """A save from an older version of the settings (someone saved in between): nothing is
    saved; the message shows the newer settings and the user's own. None when current."""
    sent = form.cleaned_data.get("version")
    if sent is None or sent == settings.version:
        return None
    messages.error(
        request,
        _(
            "Someone else changed the trend settings after you opened them. Nothing was saved. "
            "Now: %(newer)s (yours: %(yours)s). Check them and save again to keep yours."
        )
        % {"newer": now, "yours": yours},
    )
    return redirect(kpi.get_absolute_url() + "#trend-settings")


def _method_text(spread, trended, screening, seasonal) -> str:
    parts = [str(Spread(spread).label)]
    for on, label in ((trended, _("trended limits")), (screening, _("screen large jumps")),
                      (seasonal, _("seasonal"))):  # fmt: skip
        parts.append(f"{label}: {_yes_no(on)}")
    return ", ".join(parts)


def _starts(kpi: KPI) -> list:
    return list(kpi.measurements.order_by("period_start").values_list("period_start", flat=True))


def _yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def _baseline_text(settings: TrendSettings) -> str:
    if settings.baseline_locked and settings.baseline_until:
        period = settings.kpi.period_of(settings.baseline_until)
        return _("locked up to %(period)s") % {"period": period.label(current_lang())}
    if settings.baseline_points:
        return _("first %(n)s points") % {"n": settings.baseline_points}
    return _("first 20 points (default)")


@require_POST
def baseline(request: HttpRequest, org: str, code: str) -> HttpResponse:
    access, kpi = kpi_for(request, org, code, DEFINE)
    form = BaselineForm(request.POST)
    if not form.is_valid():
        return _invalid(request, kpi, form)
    settings = _settings_row(kpi)
    before = _baseline_text(settings)
    wanted = TrendSettings(
        kpi=kpi,
        baseline_points=form.cleaned_data["points"],
        baseline_locked=form.cleaned_data["locked"],
    )
    refused = _stale(request, kpi, form, settings, before, _baseline_text(wanted))
    if refused is not None:
        return refused
    settings.baseline_points = form.cleaned_data["points"]
    settings.baseline_locked = form.cleaned_data["locked"]
    settings.baseline_until = None
    if settings.baseline_locked:
        starts = _starts(kpi)
        dates = inputs_of(kpi).level_dates
        opts = engine_options(kpi, None, starts, dates)
        first_len = opts["rebaseline_at"][0] if opts["rebaseline_at"] else len(starts)
        n = min(settings.baseline_points or 20, first_len)
        if n < 2:
            messages.error(request, _("There are too few values to lock a baseline."))
            return redirect(kpi.get_absolute_url() + "#trend-settings")
        settings.baseline_until = starts[n - 1]
    with transaction.atomic():
        _record(
            request,
            kpi,
            settings,
            _("Trend baseline changed"),
            {str(_("baseline")): [before, _baseline_text(settings)]},
        )
    return _done(request, kpi, _("Baseline saved."))


@require_POST
def method(request: HttpRequest, org: str, code: str) -> HttpResponse:
    access, kpi = kpi_for(request, org, code, DEFINE)
    form = MethodForm(request.POST, kpi=kpi)
    if not form.is_valid():
        return _invalid(request, kpi, form)
    settings = _settings_row(kpi)
    data = form.cleaned_data
    now = _method_text(settings.spread, settings.trended, settings.screening, settings.seasonal)
    yours = _method_text(data["spread"], data["trended"], data["screening"], data["seasonal"])
    refused = _stale(request, kpi, form, settings, now, yours)
    if refused is not None:
        return refused
    changes = {}
    if settings.spread != data["spread"]:
        changes[str(_("limits from"))] = [
            str(Spread(settings.spread).label),
            str(Spread(data["spread"]).label),
        ]
    for name, label in (
        ("trended", _("trended limits")),
        ("screening", _("screen large jumps")),
        ("seasonal", _("seasonal")),
    ):
        if getattr(settings, name) != data[name]:
            changes[str(label)] = [_yes_no(getattr(settings, name)), _yes_no(data[name])]
    if not changes:
        messages.info(request, _("Nothing changed."))
        return redirect(kpi.get_absolute_url() + "#trend")
    settings.spread = data["spread"]
    settings.trended = data["trended"]
    settings.screening = data["screening"]
    settings.seasonal = data["seasonal"]
    with transaction.atomic():
        _record(request, kpi, settings, _("Trend method changed"), changes)
    return _done(request, kpi, _("Trend settings saved."))


def _add_level(request, kpi: KPI, period: Period, reason: str, summary: str) -> HttpResponse:
    add_level(kpi, period.start, reason, user=request.user, summary=summary)
    return _done(
        request,
        kpi,
        _("New level from %(period)s saved.") % {"period": period.label(current_lang())},
    )


@require_POST
def rebaseline_add(request: HttpRequest, org: str, code: str) -> HttpResponse:
    access, kpi = kpi_for(request, org, code, DEFINE)
    form = RebaselineForm(request.POST, kpi=kpi, starts=_starts(kpi))
    if not form.is_valid():
        return _invalid(request, kpi, form)
    return _add_level(
        request, kpi, form.cleaned_data["period"], form.cleaned_data["reason"], _("New level set")
    )


@require_POST
def rebaseline_delete(request: HttpRequest, org: str, code: str, pk: int) -> HttpResponse:
    access, kpi = kpi_for(request, org, code, DEFINE)
    level = get_object_or_404(Rebaseline.objects.for_org(access.organisation), kpi=kpi, pk=pk)
    label = kpi.period_of(level.period_start).label(current_lang())
    settings = _settings_row(kpi)
    with transaction.atomic():
        level.delete()
        _record(
            request,
            kpi,
            settings,
            _("New level removed"),
            {str(_("new level from")): [f"{label}: {level.reason}", ""]},
        )
    return _done(request, kpi, _("New level removed."))


@require_POST
def accept_level(request: HttpRequest, org: str, code: str) -> HttpResponse:
    access, kpi = kpi_for(request, org, code, DEFINE)
    form = AcceptLevelForm(request.POST)
    if not form.is_valid():
        return _invalid(request, kpi, form)
    found = proposal_of(trend_for(kpi))
    try:
        posted = Period.from_key(form.cleaned_data["period"])
    except PeriodError:
        posted = None
    if found is None or posted is None or found["period"] != posted:
        messages.error(request, _("The proposed new level has changed; look again."))
        return redirect(kpi.get_absolute_url() + "#trend")
    reason = form.cleaned_data["reason"] or _("Accepted the new level the trend test proposed.")
    return _add_level(request, kpi, posted, reason, _("Proposed new level accepted"))
