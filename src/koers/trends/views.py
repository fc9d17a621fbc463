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
from koers.kpis.changes import record_settings_change
from koers.kpis.models import KPI
from koers.numbers import format_number
from koers.organisations.access import Access
from koers.periods import Period, PeriodError

from .forms import AcceptLevelForm, BaselineForm, MethodForm, RebaselineForm
from .models import Rebaseline, Spread, TrendSettings
from .verdicts import engine_options, rebaselines_of, settings_of, trend_for
from .xmrchart import value_decimals, xmr_chart

ALPHA = 0.05


def _settings_row(kpi: KPI) -> TrendSettings:
    found = settings_of(kpi)
    if found is None:
        found = TrendSettings(organisation_id=kpi.organisation_id, kpi=kpi)
    return found


def _record(request, kpi: KPI, settings: TrendSettings, summary: str, changes: dict) -> None:
    """Save the settings with the KPI's history line and a revision bump (``kpis.changes``)."""
    settings.version += 1
    settings.updated_by = request.user
    record_settings_change(
        kpi, user=request.user, summary=summary, changes=changes, save=[settings]
    )


def _done(request: HttpRequest, kpi: KPI, text: str) -> HttpResponse:
    messages.success(request, text)
    return redirect(kpi.get_absolute_url() + "#trend")


def _invalid(request: HttpRequest, kpi: KPI, form) -> HttpResponse:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)
    return redirect(kpi.get_absolute_url() + "#trend-settings")


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
    settings.baseline_points = form.cleaned_data["points"]
    settings.baseline_locked = form.cleaned_data["locked"]
    settings.baseline_until = None
    if settings.baseline_locked:
        starts = _starts(kpi)
        dates = [r.period_start for r in rebaselines_of(kpi)]
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
    settings = _settings_row(kpi)
    with transaction.atomic():
        Rebaseline.objects.create(
            organisation_id=kpi.organisation_id,
            kpi=kpi,
            period_start=period.start,
            reason=reason,
            created_by=request.user,
        )
        _record(
            request,
            kpi,
            settings,
            summary,
            {str(_("new level from")): ["", f"{period.label(current_lang())}: {reason}"]},
        )
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


def proposal(kpi: KPI, trend=None) -> dict | None:
    """The engine's proposed change point as a period, when significant and not yet used."""
    trend = trend if trend is not None else trend_for(kpi)
    analysis = trend.analysis if trend is not None else None
    if analysis is None or analysis.change_point is None:
        return None
    cp = analysis.change_point
    if cp["p"] is None or cp["p"] >= ALPHA or cp["index"] <= 0:
        return None
    starts = {seg["start"] for seg in analysis.segments}
    if cp["index"] in starts:
        return None
    period = trend.periods[cp["index"]]
    return {"index": cp["index"], "period": period, "p": cp["p"], "k": cp["k"]}


@require_POST
def accept_level(request: HttpRequest, org: str, code: str) -> HttpResponse:
    access, kpi = kpi_for(request, org, code, DEFINE)
    form = AcceptLevelForm(request.POST)
    if not form.is_valid():
        return _invalid(request, kpi, form)
    found = proposal(kpi)
    try:
        posted = Period.from_key(form.cleaned_data["period"])
    except PeriodError:
        posted = None
    if found is None or posted is None or found["period"] != posted:
        messages.error(request, _("The proposed new level has changed; look again."))
        return redirect(kpi.get_absolute_url() + "#trend")
    reason = form.cleaned_data["reason"] or _("Accepted the new level the trend test proposed.")
    return _add_level(request, kpi, posted, reason, _("Proposed new level accepted"))


# -- the KPI page -----------------------------------------------------------------------


def _assurance_label(code: str | None) -> str:
    labels = {
        "met": _("will meet the target consistently"),
        "not_met": _("will not meet the target without a change"),
        "hit_and_miss": _("hit and miss"),
    }
    return labels.get(code, "")


def kpi_trend_context(access: Access, kpi: KPI, markers=()) -> dict:
    """Context for the KPI page's chart and trend section (``trends/_kpi_trend.html``).

    ``markers``: (period or date, label, kind) drawn on the chart, e.g. actions.
    """
    lang = current_lang()
    trend = getattr(kpi, "trend", None) or trend_for(kpi)
    analysis = trend.analysis if trend is not None else None
    settings = settings_of(kpi)
    levels = rebaselines_of(kpi)
    can_define = access.can_manage_unit(kpi.unit_id)
    context = {
        "trend": trend,
        "trend_settings": settings,
        "trend_levels": levels,
        "can_define_trend": can_define,
        "trend_chart": "",
    }
    if can_define:
        context["baseline_form"] = BaselineForm(
            auto_id="trend_%s",
            initial={
                "points": settings.baseline_points if settings else None,
                "locked": settings.baseline_locked if settings else False,
            },
        )
        context["method_form"] = MethodForm(
            kpi=kpi,
            auto_id="trend_%s",
            initial={
                "spread": settings.spread if settings else Spread.MEAN,
                "trended": settings.trended if settings else False,
                "screening": settings.screening if settings else False,
                "seasonal": settings.seasonal if settings else False,
            },
        )
        context["rebaseline_form"] = RebaselineForm(kpi=kpi, auto_id="trend_%s")
    if analysis is None:
        return context
    periods = trend.periods
    limits = analysis.limits
    dec = value_decimals(limits.get("mr_bar"), kpi.decimals)

    def num(v, d=dec):
        return "–" if v is None else format_number(round(float(v), d), d, lang)

    def p_value(p):
        if p is not None and p < 0.001:
            return "< " + format_number(0.001, 3, lang)
        return "= " + num(p, 3)

    starts = [p.start for p in periods]
    opts = engine_options(kpi, settings, starts, [r.period_start for r in levels])
    target = None if kpi.target is None else float(kpi.target)
    context["trend_chart"] = xmr_chart(
        analysis,
        periods,
        lang=lang,
        name=kpi.name,
        decimals=kpi.decimals,
        target=target,
        baseline=opts["baseline"],
        markers=markers,
        summary=f"{trend.verdict_label}: {trend.reason}",
        chart_id=f"xmr-{kpi.pk}",
    )
    per = {
        "week": _("per week"),
        "month": _("per month"),
        "quarter": _("per quarter"),
        "year": _("per year"),
    }[kpi.frequency]
    sen = analysis.sen_slope
    mk = analysis.mann_kendall
    sdec = min(dec + 2, 6)
    context["drift"] = {
        "slope": num(sen["slope"], sdec),
        "low": num(sen["low"], sdec),
        "high": num(sen["high"], sdec),
        "per": per,
        "p": p_value(mk["p"]),
        "significant": mk["p"] is not None and mk["p"] < ALPHA,
        "direction": (
            "none" if not mk["p"] or mk["p"] >= ALPHA else ("up" if (mk["s"] or 0) > 0 else "down")
        ),
    }
    smk = analysis.seasonal_mann_kendall
    if smk is not None:
        context["seasonal_drift"] = {"slope": num(smk["slope"], sdec), "p": p_value(smk["p"])}
    context["proposal"] = proposal(kpi, trend)
    if context["proposal"]:
        context["proposal"]["p_text"] = p_value(context["proposal"]["p"])
    b0, b1 = limits["baseline"]
    context["limits"] = {
        "centre": num(limits["centre"]),
        "unpl": num(limits["unpl"]),
        "lnpl": num(limits["lnpl"]),
        "url": num(limits["url"]),
        "mr_bar": num(limits["mr_bar"]),
        "provisional": limits["provisional"],
        "baseline_points": b1 - b0,
        "baseline_from": periods[b0],
        "baseline_to": periods[b1 - 1],
        "trended": "slope" in limits,
    }
    context["segments"] = [
        {
            "from": periods[s["start"]],
            "to": periods[s["end"] - 1],
            "points": s["end"] - s["start"],
            "centre": num(s["centre"]),
            "lnpl": num(s["lnpl"]),
            "unpl": num(s["unpl"]),
        }
        for s in analysis.segments
    ]
    if analysis.target is not None:
        context["assurance"] = {
            "code": analysis.target["assurance"],
            "label": _assurance_label(analysis.target["assurance"]),
            "target": num(analysis.target["value"], kpi.decimals),
        }
    context["adjusted"] = analysis.adjusted is not None
    return context
