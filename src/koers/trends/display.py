"""How Koers shows a KPI: with its series, trend verdict, sparkline and chart.

Every page, report and meeting that shows KPIs asks this module, so they all show the same
verdict, the same sparkline (scaled over the whole history and the natural process limits,
with the limit band) and the same XmR chart. Nothing is set on the KPI objects: the results
are explicit dataclasses.

- ``displays(kpis)`` → a :class:`KPIDisplay` per KPI (series, trend, sparkline), in a constant
  number of queries (load the KPIs with ``KPI.objects....with_series()`` to save one more);
- ``display_of(kpi)`` → the same for one KPI;
- ``displays_then(kpis, series)`` → displays judged on given series (a closed meeting's date);
- ``up_to(display, cutoff)`` → the display as it was with the values up to a date (reports);
- ``verdicts(kpis)`` → a :class:`KPIVerdict` per KPI (no series: for lists of names);
- ``chart_of(display, markers)`` → the KPI's XmR chart (SVG, "" without values);
- ``trend_section(display, can_define)`` → the KPI page's trend section (:class:`TrendSection`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property

from django.utils.translation import gettext as _

from koers.charts import sparkline
from koers.fields import current_lang
from koers.goals.targets import target_line
from koers.kpis.models import KPI
from koers.numbers import format_number
from koers.periods import Period

from .charttexts import chart_texts
from .forms import BaselineForm, MethodForm, RebaselineForm
from .models import Rebaseline, Spread, TrendSettings
from .verdicts import (
    Trend,
    TrendInputs,
    analysis_for_values,
    engine_options,
    load_inputs,
    series_of,
    summarise,
    trend_for,
    trends_of,
    trends_uncached,
)
from .xmrchart import value_decimals, xmr_chart

SPARK_POINTS = 36  # the sparkline shows the last three years of a monthly KPI
ALPHA = 0.05  # the significance level of the drift and change-of-level tests


@dataclass(frozen=True)
class KPIVerdict:
    """A KPI and its trend (None for an unsaved KPI)."""

    kpi: KPI
    trend: Trend | None

    @property
    def verdict(self) -> str | None:
        return self.trend.verdict if self.trend is not None else None


@dataclass(frozen=True)
class KPIDisplay(KPIVerdict):
    """A KPI with its values (measurements in period order), trend and sparkline (SVG)."""

    series: list = field(default_factory=list)
    sparkline: str = ""

    @property
    def latest(self):
        return self.series[-1] if self.series else None

    @property
    def latest_period(self) -> Period | None:
        latest = self.latest
        return self.kpi.period_of(latest.period_start) if latest is not None else None

    @property
    def latest_period_label(self) -> str:
        period = self.latest_period
        return period.label(current_lang()) if period is not None else ""

    @property
    def provisional(self) -> dict[date, tuple[int, int]]:
        """Roll-up periods with children missing: start → (reported, total); not judged."""
        return self.trend.provisional if self.trend is not None else {}

    @property
    def latest_reported(self) -> tuple[int, int] | None:
        """(4, 5) when the latest value is a provisional roll-up: "4 of 5 units reported"."""
        latest = self.latest
        return self.provisional.get(latest.period_start) if latest is not None else None


# -- sparklines ---------------------------------------------------------------------------


def sparkline_of(kpi: KPI, values: Sequence[float], limits: dict | None) -> str:
    """The KPI's sparkline: the last values, the limit band and centre line when known.

    The scale spans the whole history and the limits, so noise is not zoomed into drama.
    """
    if not values:
        return ""
    recent = list(values[-SPARK_POINTS:])
    lo, hi = min(values), max(values)
    band = centre = None
    if limits and limits.get("unpl") is not None and limits.get("lnpl") is not None:
        band, centre = (limits["lnpl"], limits["unpl"]), limits.get("centre")
        lo, hi = min(lo, band[0]), max(hi, band[1])
    return sparkline(
        recent,
        lo=lo,
        hi=hi,
        band=band,
        centre=centre,
        label=_("Last %(n)s values of %(name)s") % {"n": len(recent), "name": kpi.name},
    )


def _display(kpi: KPI, series: list, trend: Trend | None) -> KPIDisplay:
    values = [float(m.value) for m in series]
    limits = trend.limits if trend is not None else None
    return KPIDisplay(kpi, trend, series, sparkline_of(kpi, values, limits))


# -- loading ------------------------------------------------------------------------------


def displays(kpis: Iterable[KPI]) -> list[KPIDisplay]:
    """A display per KPI, in the given order."""
    kpis = list(kpis)
    series = series_of(kpis)
    trends = trends_of(kpis, series)
    return [_display(k, series[k.pk], trends.get(k.pk)) for k in kpis]


def displays_then(kpis: Iterable[KPI], series: dict[int, list]) -> list[KPIDisplay]:
    """A display per KPI judged on the given series (by primary key: measurements in period
    order, e.g. as they stood at a past date), without the verdict cache."""
    kpis = list(kpis)
    trends = trends_uncached(kpis, series)
    return [_display(k, series[k.pk], trends.get(k.pk)) for k in kpis]


def display_of(kpi: KPI, series: list | None = None) -> KPIDisplay:
    """The display of one KPI (``series``: its measurements in period order, when at hand);
    its trend carries the KPI's trend inputs (settings and new levels, for the chart)."""
    if series is None:
        series = series_of([kpi])[kpi.pk] if kpi.pk is not None else []
    inputs = load_inputs([kpi]).get(kpi.pk)
    return _display(kpi, series, trend_for(kpi, series, inputs))


def verdicts(kpis: Iterable[KPI]) -> list[KPIVerdict]:
    """Each KPI with its (cached) trend, without reading values unless a verdict is stale."""
    kpis = list(kpis)
    trends = trends_of(kpis, listing=True)
    return [KPIVerdict(k, trends.get(k.pk)) for k in kpis]


def _labels(periods: Sequence[Period]):
    def label(i: int, lang: str) -> str:
        return periods[i].long_label(lang)

    return label


def up_to(display: KPIDisplay, cutoff: date, inputs: TrendInputs | None = None) -> KPIDisplay:
    """The display judged on the values up to ``cutoff`` (inclusive), as was known then.

    The same display when no value lies later. ``inputs``: the KPI's trend inputs, when
    loaded for many KPIs at once (``load_inputs``).
    """
    series = [m for m in display.series if m.period_start <= cutoff]
    if len(series) == len(display.series):
        return display
    kpi = display.kpi
    values = [float(m.value) for m in series]
    inputs = inputs if inputs is not None else load_inputs([kpi]).get(kpi.pk, TrendInputs())
    waiting = display.provisional
    judged = [m for m in series if m.period_start not in waiting]
    periods = [kpi.period_of(m.period_start) for m in judged]
    analysis = (
        analysis_for_values([float(m.value) for m in judged], kpi, periods=periods, inputs=inputs)
        if judged
        else None
    )
    trend = Trend(
        kpi,
        summarise(analysis, _labels(periods)),
        analysis,
        series=judged,
        inputs=inputs,
        provisional=waiting,
    )
    return replace(
        display, trend=trend, series=series, sparkline=sparkline_of(kpi, values, trend.limits)
    )


def all_up_to(shown: Sequence[KPIDisplay], cutoffs: dict[int, date]) -> list[KPIDisplay]:
    """``up_to`` for many displays (cutoff by KPI primary key), loading inputs once. A display
    without a value after its cutoff is itself (as ``up_to`` would return it); the series are in
    period order, so the last value tells."""
    later = [d.kpi for d in shown if d.series and d.series[-1].period_start > cutoffs[d.kpi.pk]]
    inputs = load_inputs(later)
    redo = {k.pk for k in later}
    return [
        up_to(d, cutoffs[d.kpi.pk], inputs.get(d.kpi.pk)) if d.kpi.pk in redo else d for d in shown
    ]


# -- the chart ----------------------------------------------------------------------------


def chart_of(
    display: KPIDisplay, markers: Sequence[tuple] = (), *, width: int = 760, band=None
) -> str:
    """The KPI's XmR chart (SVG; "" without values). ``markers``: (period or date, label,
    kind) drawn as vertical lines, e.g. actions. ``band``: a benchmark shaded behind it."""
    trend = display.trend
    analysis = trend.analysis if trend is not None else None
    if analysis is None:
        return ""
    kpi = display.kpi
    inputs = trend.inputs
    starts = [p.start for p in trend.periods]
    opts = engine_options(kpi, inputs.settings, starts, inputs.level_dates)
    return xmr_chart(
        analysis,
        trend.periods,
        lang=current_lang(),
        name=kpi.name,
        decimals=kpi.decimals,
        target=target_line(kpi, trend.periods, trend.series),
        baseline=opts["baseline"],
        markers=markers,
        summary=f"{trend.verdict_label}: {trend.reason}",
        chart_id=f"xmr-{kpi.pk}",
        width=width,
        texts=chart_texts(),
        band=band,
    )


# -- the trend section of the KPI page ----------------------------------------------------


@dataclass
class TrendSection:
    """What the KPI page's trend section (``trends/_kpi_trend.html``) shows."""

    display: KPIDisplay
    settings: TrendSettings | None
    levels: list[Rebaseline]
    can_define: bool
    markers: Sequence[tuple] = ()
    forms: dict = field(default_factory=dict)
    drift: dict | None = None
    seasonal_drift: dict | None = None
    proposal: dict | None = None
    limits: dict | None = None
    segments: list[dict] = field(default_factory=list)
    assurance: dict | None = None
    adjusted: bool = False

    @property
    def trend(self) -> Trend | None:
        return self.display.trend

    @cached_property
    def chart(self) -> str:
        """The XmR chart (SVG), drawn when asked: the KPI page draws its own, with markers."""
        return chart_of(self.display, self.markers)

    @property
    def kpi(self) -> KPI:
        return self.display.kpi


def proposal_of(trend: Trend | None) -> dict | None:
    """The engine's proposed change point as a period, when significant and not yet used."""
    analysis = trend.analysis if trend is not None else None
    if analysis is None or analysis.change_point is None:
        return None
    cp = analysis.change_point
    if cp["p"] is None or cp["p"] >= ALPHA or cp["index"] <= 0:
        return None
    if cp["index"] in {seg["start"] for seg in analysis.segments}:
        return None
    period = trend.periods[cp["index"]]
    return {"index": cp["index"], "period": period, "p": cp["p"], "k": cp["k"]}


class _Numbers:
    """Numbers of one KPI's trend as text in the current language."""

    def __init__(self, decimals: int):
        self.decimals = decimals
        self.lang = current_lang()

    def num(self, v, d: int | None = None) -> str:
        d = self.decimals if d is None else d
        return "–" if v is None else format_number(round(float(v), d), d, self.lang)

    def p_value(self, p) -> str:
        if p is not None and p < 0.001:
            return "< " + format_number(0.001, 3, self.lang)
        return "= " + self.num(p, 3)


def _forms(kpi: KPI, settings: TrendSettings | None) -> dict:
    return {
        "baseline": BaselineForm(
            auto_id="trend_%s",
            initial={
                "version": settings.version if settings else 0,
                "points": settings.baseline_points if settings else None,
                "locked": settings.baseline_locked if settings else False,
            },
        ),
        "method": MethodForm(
            kpi=kpi,
            auto_id="trend_%s",
            initial={
                "version": settings.version if settings else 0,
                "spread": settings.spread if settings else Spread.MEAN,
                "trended": settings.trended if settings else False,
                "screening": settings.screening if settings else False,
                "seasonal": settings.seasonal if settings else False,
            },
        ),
        "rebaseline": RebaselineForm(kpi=kpi, auto_id="trend_%s"),
    }


def _per(frequency: str) -> str:
    return {
        "week": _("per week"),
        "month": _("per month"),
        "quarter": _("per quarter"),
        "year": _("per year"),
    }[frequency]


def _drift(analysis, frequency: str, nums: _Numbers) -> tuple[dict, dict | None]:
    sen, mk = analysis.sen_slope, analysis.mann_kendall
    sdec = min(nums.decimals + 2, 6)
    significant = mk["p"] is not None and mk["p"] < ALPHA
    drift = {
        "slope": nums.num(sen["slope"], sdec),
        "low": nums.num(sen["low"], sdec),
        "high": nums.num(sen["high"], sdec),
        "per": _per(frequency),
        "p": nums.p_value(mk["p"]),
        "significant": significant,
        "direction": "none" if not significant else ("up" if (mk["s"] or 0) > 0 else "down"),
    }
    smk = analysis.seasonal_mann_kendall
    seasonal = None
    if smk is not None:
        seasonal = {"slope": nums.num(smk["slope"], sdec), "p": nums.p_value(smk["p"])}
    return drift, seasonal


def _limits(analysis, periods: Sequence[Period], nums: _Numbers) -> dict:
    """The limits as shown; for a seasonal KPI with the latest value both raw and adjusted
    (``last``, ``adjusted_last``): its limits hold for the adjusted values, so the range is
    never quoted next to the raw value alone."""
    limits = analysis.limits
    b0, b1 = limits["baseline"]
    adjusted = analysis.adjusted
    return {
        "last": nums.num(analysis.values[-1]) if adjusted else None,
        "last_period": periods[-1] if adjusted else None,
        "adjusted_last": nums.num(adjusted[-1]) if adjusted else None,
        "centre": nums.num(limits["centre"]),
        "unpl": nums.num(limits["unpl"]),
        "lnpl": nums.num(limits["lnpl"]),
        "url": nums.num(limits["url"]),
        "mr_bar": nums.num(limits["mr_bar"]),
        "provisional": limits["provisional"],
        "baseline_points": b1 - b0,
        "baseline_from": periods[b0],
        "baseline_to": periods[b1 - 1],
        "trended": "slope" in limits,
    }


def _segments(analysis, periods: Sequence[Period], nums: _Numbers) -> list[dict]:
    return [
        {
            "from": periods[s["start"]],
            "to": periods[s["end"] - 1],
            "points": s["end"] - s["start"],
            "centre": nums.num(s["centre"]),
            "lnpl": nums.num(s["lnpl"]),
            "unpl": nums.num(s["unpl"]),
        }
        for s in analysis.segments
    ]


def _assurance(analysis, kpi: KPI, nums: _Numbers) -> dict | None:
    if analysis.target is None:
        return None
    code = analysis.target["assurance"]
    labels = {
        "met": _("will meet the target consistently"),
        "not_met": _("will not meet the target without a change"),
        "hit_and_miss": _("hit and miss"),
    }
    return {
        "code": code,
        "label": labels.get(code, ""),
        "target": nums.num(analysis.target["value"], kpi.decimals),
    }


def trend_section(
    display: KPIDisplay, can_define: bool, markers: Sequence[tuple] = ()
) -> TrendSection:
    """The KPI page's trend section: verdict, drift, change of level, limits, levels, forms."""
    kpi, trend = display.kpi, display.trend
    inputs = trend.inputs if trend is not None else TrendInputs()
    section = TrendSection(display, inputs.settings, inputs.levels, can_define, markers)
    if can_define:
        section.forms = _forms(kpi, inputs.settings)
    analysis = trend.analysis if trend is not None else None
    if analysis is None:
        return section
    nums = _Numbers(value_decimals(analysis.limits.get("mr_bar"), kpi.decimals))
    section.drift, section.seasonal_drift = _drift(analysis, kpi.frequency, nums)
    section.proposal = proposal_of(trend)
    if section.proposal:
        section.proposal["p_text"] = nums.p_value(section.proposal["p"])
    section.limits = _limits(analysis, trend.periods, nums)
    section.segments = _segments(analysis, trend.periods, nums)
    section.assurance = _assurance(analysis, kpi, nums)
    section.adjusted = analysis.adjusted is not None
    return section
