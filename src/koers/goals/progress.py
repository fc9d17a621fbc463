"""Progress on annual goals, for every page that shows a goal (and the API, agenda, reports).

``with_progress(goals)`` gives each goal with its progress (a :class:`ShownGoal`: the goal
and a :class:`GoalProgress`, or None for a goal without a target KPI) in a constant number of
queries; ``progress_for(goal)`` does it for one. Pass the page's
``koers.trends.display.KPIVerdict``s (``verdicts=``) to reuse their trends; neither goals nor
KPIs are given attributes. The arithmetic lives in the pure
:mod:`koers.goals.pace`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

from django.utils.translation import gettext_lazy as _

from koers.fields import current_lang
from koers.kpis.models import KPI, Aggregation, Measurement, RollupRule, UnitOfMeasure
from koers.kpis.rollup import child_value
from koers.organisations.models import with_known
from koers.periods import Period
from koers.trends.models import TrendSettings
from koers.trends.verdicts import Trend, series_of, trends_of

from .models import AnnualGoal
from .pace import PaceInputs, Progress, progress, sentence
from .spread import year_periods

STATUS_LABELS = {
    "on_course": _("on course"),
    "at_risk": _("at risk"),
    "off_course": _("off course"),
    "met": _("met"),
    "missed": _("missed"),
}


def _season(
    values_by_start: dict[date, float], kpi: KPI, year: int, seasonal: bool
) -> list[float] | None:
    """Last year's pattern as a factor per period (mean 1), for a KPI marked seasonal."""
    if not seasonal:
        return None
    last_year = [values_by_start.get(p.start) for p in year_periods(kpi.frequency, year - 1)]
    if None in last_year or not last_year:
        return None
    mean = sum(last_year) / len(last_year)
    if mean <= 0:
        return None
    factors = [v / mean for v in last_year]
    n = len(year_periods(kpi.frequency, year))
    return (factors + factors[-1:] * n)[:n]  # a 53rd week repeats the 52nd


class GoalProgress:
    """What is shown of a goal's progress: numbers, status, sentence, API dict."""

    def __init__(self, goal, kpi: KPI, result: Progress):
        self.goal = goal
        self.kpi = kpi
        self.result = result

    def __getattr__(self, name):
        if name in ("year_to_date", "target", "low", "expected", "high", "status"):
            return getattr(self.result, name)
        raise AttributeError(name)

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS.get(self.result.status, ""))

    @property
    def reported(self) -> int:
        return self.result.reported

    @property
    def periods(self) -> int:
        return self.result.periods

    def sentence(self, lang: str | None = None) -> str:
        return sentence(self.result, lang or current_lang(), self.kpi.decimals)

    @property
    def text(self) -> str:
        return self.sentence()

    def _dec(self, value: float | None) -> str | None:
        """An exact decimal string: the KPI's decimals, two more for averages and ratios."""
        if value is None:
            return None
        whole = self.kpi.aggregation in ("sum", "last") and not _is_ratio_rollup(self.kpi)
        places = self.kpi.decimals + (0 if whole else 2)
        text = format(Decimal(repr(round(value, places))).normalize(), "f")
        return "0" if text in ("-0", "0") else text

    def _target(self) -> str | None:
        value = self.goal.target_value
        if value is None:
            return None
        text = format(value.normalize(), "f")
        return "0" if text in ("-0", "0") else text

    def as_dict(self) -> dict:
        """The API's ``progress``: values as strings, null where nothing can be said."""
        r = self.result
        projection = None
        if r.expected is not None:
            projection = {
                "low": self._dec(r.low),
                "expected": self._dec(r.expected),
                "high": self._dec(r.high),
            }
        return {
            "year_to_date": self._dec(r.year_to_date),
            "target": self._target(),
            "projection": projection,
            "status": r.status,
        }


def inputs_for(
    kpi: KPI,
    series: list,
    trend: Trend | None,
    year: int,
    target,
    today: date,
    parts=None,
    seasonal: bool = False,
) -> PaceInputs:
    """The pace inputs of ``kpi`` for ``year``: its measurements in period order and trend."""
    periods = year_periods(kpi.frequency, year)
    by_start = {m.period_start: float(m.value) for m in series}
    history = [float(m.value) for m in series if m.period_start <= today]
    limits = (trend.limits if trend is not None else None) or {}
    evidence = trend.evidence if trend is not None else None
    slope = None
    if evidence == "drift" and trend.analysis is not None:
        slope = trend.analysis.drift.get("slope")
    inp = PaceInputs(
        # A ratio roll-up combines its periods by the sums of its parts, whatever it was given.
        rule=Aggregation.RATIO if parts is not None else kpi.aggregation,
        values=[by_start.get(p.start) for p in periods],
        days=[p.days for p in periods],
        elapsed=sum(1 for p in periods if p.end < today),
        target=None if target is None else float(target),
        direction=kpi.direction,
        history=history,
        segment_start=(limits.get("baseline") or [0])[0],
        evidence=evidence,
        slope=slope,
        mr_bar=limits.get("mr_bar"),
        season=_season(by_start, kpi, year, seasonal),
        percent=kpi.unit_of_measure == UnitOfMeasure.PERCENT,
        year_over=periods[-1].end < today,
    )
    if parts is not None:
        numerator, denominator = parts
        inp.numerators = [numerator.get(p.start) for p in periods]
        inp.denominators = [denominator.get(p.start) for p in periods]
    return inp


def _trends(kpis: list[KPI], verdicts) -> tuple[dict[int, list], dict[int, Trend | None]]:
    """Each KPI's stored measurements in period order (provisional roll-up values included)
    and its trend, by primary key: trends from the page's verdicts where given."""
    series = series_of(kpis)
    trends: dict[int, Trend | None] = {
        v.kpi.pk: v.trend for v in verdicts or () if v.trend is not None
    }
    todo = [k for k in kpis if k.pk not in trends]
    if todo:
        trends.update(trends_of(todo, {k.pk: series[k.pk] for k in todo}))
    return series, trends


def _seasonal(kpis: list[KPI]) -> set[int]:
    """The KPIs marked seasonal (one query)."""
    rows = TrendSettings.objects.filter(kpi_id__in=[k.pk for k in kpis], seasonal=True)
    return set(rows.values_list("kpi_id", flat=True)) if kpis else set()


class ShownGoal(NamedTuple):
    """An annual goal with its progress (None without a target KPI); unpacks as a pair:
    ``{% for goal, progress in goals %}``."""

    goal: Any
    progress: GoalProgress | None


def with_progress(goals: Iterable, today: date | None = None, verdicts=None) -> list[ShownGoal]:
    """Each goal (``target_kpi`` selected) with its progress, in the given order.

    ``verdicts``: the page's ``KPIVerdict``s (or displays), whose trends are reused."""
    today = today or date.today()
    goals = list(goals)
    kpis = {g.target_kpi_id: g.target_kpi for g in goals if g.target_kpi_id}
    kpi_list = list(kpis.values())
    series, trends = _trends(kpi_list, verdicts)
    parts = ratio_parts(kpi_list, series)
    seasonal = _seasonal(kpi_list)
    shown = []
    for goal in goals:
        if not goal.target_kpi_id:
            shown.append(ShownGoal(goal, None))
            continue
        # Goals sharing a target KPI may hold separate instances of it: use the one loaded.
        kpi = kpis[goal.target_kpi_id]
        inp = inputs_for(
            kpi,
            series[kpi.pk],
            trends.get(kpi.pk),
            goal.year,
            goal.target_value,
            today,
            parts.get(kpi.pk),
            kpi.pk in seasonal,
        )
        shown.append(ShownGoal(goal, GoalProgress(goal, kpi, progress(inp))))
    return shown


def with_targets(goals, kpis: Iterable[KPI]) -> list:
    """The goals (a queryset) with their ``target_kpi`` taken from ``kpis`` (the page's own,
    already read) where it is one of them, the others read in one query: what
    ``select_related("target_kpi")`` gives, without building a KPI per goal or the join (its
    columns cost a page more than the goals, even when there are none)."""
    goals = list(with_known(goals, "target_kpi", kpis))
    field = AnnualGoal._meta.get_field("target_kpi")
    missing = {g.target_kpi_id for g in goals if g.target_kpi_id and not field.is_cached(g)}
    if missing:
        found = KPI.objects.filter(pk__in=missing).select_related("organisation").in_bulk()
        for goal in goals:
            if goal.target_kpi_id in missing and goal.target_kpi_id in found:
                goal.target_kpi = found[goal.target_kpi_id]
    return goals


def progress_for(goal, today: date | None = None) -> GoalProgress | None:
    """The progress of one goal (None without a target KPI): for the agenda and reports."""
    return with_progress([goal], today)[0].progress


def ratio_parts(kpis: list[KPI], series: dict[int, list]) -> dict[int, tuple[dict, dict]]:
    """For ratio roll-ups (numerator ÷ denominator): {kpi id: (numerator by period start,
    denominator by period start)} for the periods the KPI has a value, the parts converted to
    its frequency as the roll-up does. Two queries, none without a ratio roll-up."""
    ratios = [k for k in kpis if _is_ratio_rollup(k)]
    if not ratios:
        return {}
    codes = {c for k in ratios for c in k.rollup_children[:2]}
    orgs = {k.organisation_id for k in ratios}
    parts = {
        (k.organisation_id, k.code): k
        for k in KPI.objects.filter(organisation_id__in=orgs, code__in=codes)
    }
    values: dict[int, dict[date, float]] = {k.pk: {} for k in parts.values()}
    rows = Measurement.objects.filter(kpi_id__in=list(values)).values_list(
        "kpi_id", "period_start", "value"
    )
    for kpi_id, start, value in rows:
        values[kpi_id][start] = float(value)
    out: dict[int, tuple[dict, dict]] = {}
    for kpi in ratios:
        num = parts.get((kpi.organisation_id, kpi.rollup_children[0]))
        den = parts.get((kpi.organisation_id, kpi.rollup_children[1]))
        if num is None or den is None:
            continue
        found: tuple[dict, dict] = ({}, {})
        for m in series.get(kpi.pk, ()):
            period = Period.containing(m.period_start, kpi.frequency)
            for part, into in ((num, found[0]), (den, found[1])):
                value = child_value(part, values[part.pk], period)
                if value is not None:
                    into[m.period_start] = value
        out[kpi.pk] = found
    return out


def _is_ratio_rollup(kpi: KPI) -> bool:
    return (
        kpi.rollup_rule == RollupRule.RATIO
        and len(kpi.rollup_children or []) == 2
        and kpi.aggregation != Aggregation.LAST
    )
