"""A KPI's target per period: the chart's target line and the trend's target check (see
:mod:`koers.goals.spread`).

``target_line(kpi, periods, series)`` gives one target per charted period, or a single number
when the KPI has one target for every period (None: no target). Derived targets read the
KPI's annual goals (one query, or ``goals`` from ``goal_targets``) and last year's values
from ``series``. ``target_at_end(kpi, starts, values, goals)`` is the target valid for the
last of the periods: what the trend engine compares the process limits with.
``goal_targets(kpis)`` reads the annual goals' targets of many KPIs in one query, and
``target_fingerprint(kpi, goals)`` is what a cached verdict keys on.

This module does not import ``koers.trends`` (the trend verdicts use it).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from koers.kpis.models import KPI, TargetMode
from koers.periods import Period

from .models import AnnualGoal
from .spread import spread, year_periods

DERIVED = (TargetMode.EVEN, TargetMode.PATTERN)


def _mode(kpi: KPI) -> str:
    return kpi.target_mode or TargetMode.SINGLE


def _single(kpi: KPI) -> float | None:
    return None if kpi.target is None else float(kpi.target)


def goal_targets(kpis: Iterable[KPI]) -> dict[tuple[int, int], float]:
    """{(KPI id, year): the annual goal's target} for the KPIs whose target derives from their
    goals (one query; none when no KPI does)."""
    ids = [k.pk for k in kpis if k.pk is not None and _mode(k) in DERIVED]
    if not ids:
        return {}
    rows = AnnualGoal.objects.filter(target_kpi_id__in=ids).exclude(target_value=None)
    return {
        (kpi_id, year): float(value)
        for kpi_id, year, value in rows.values_list("target_kpi_id", "year", "target_value")
    }


def target_fingerprint(kpi: KPI, goals: Mapping[tuple[int, int], float]) -> str:
    """Everything a KPI's targets depend on besides its values (a cached verdict keys on it)."""
    mode = _mode(kpi)
    single = "" if kpi.target is None else format(kpi.target.normalize(), "f")
    if mode == TargetMode.SINGLE:
        return single
    if mode == TargetMode.PROFILE:
        text = ";".join(str(v) for v in kpi.target_profile or [])
    else:
        own = sorted((year, value) for (pk, year), value in goals.items() if pk == kpi.pk)
        text = ";".join(f"{year}={value!r}" for year, value in own)
    return f"{mode}:{single}:{hashlib.sha1(text.encode()).hexdigest()[:12]}"


def _line(kpi: KPI, periods: Sequence[Period], values: Mapping[date, float], goals):
    mode = _mode(kpi)
    single = _single(kpi)
    if mode == TargetMode.SINGLE or not periods:
        return single
    if mode == TargetMode.PROFILE and not kpi.target_profile:
        return single
    years = sorted({p.year for p in periods})
    if mode not in DERIVED:
        by_year = {}
    elif goals is None:
        rows = AnnualGoal.objects.filter(target_kpi=kpi, year__in=years).exclude(target_value=None)
        by_year = {year: float(value) for year, value in rows.values_list("year", "target_value")}
    else:
        by_year = {year: value for (pk, year), value in goals.items() if pk == kpi.pk}
    by_start = {}
    for year in years:
        own = year_periods(kpi.frequency, year)
        last = [values.get(p.start) for p in year_periods(kpi.frequency, year - 1)]
        targets = spread(
            mode,
            len(own),
            single=single,
            profile=[float(v) for v in kpi.target_profile or []],
            goal=by_year.get(year),
            rule=kpi.aggregation,
            last_year=last,
        )
        by_start.update({p.start: t for p, t in zip(own, targets, strict=True)})
    return [by_start.get(p.start) for p in periods]


def target_line(kpi: KPI, periods: Sequence[Period], series: Sequence = (), goals=None):
    """One target per period (a list), or one number for all, or None."""
    values = {m.period_start: float(m.value) for m in series}
    return _line(kpi, periods, values, goals)


def target_at_end(
    kpi: KPI,
    starts: Sequence[date],
    values: Sequence[float] = (),
    goals: Mapping[tuple[int, int], float] | None = None,
) -> float | None:
    """The target valid for the last period of ``starts`` (with ``values`` in the same order,
    for a target along last year's pattern); the single target when no period is known."""
    if _mode(kpi) == TargetMode.SINGLE or not starts or starts[-1] == date.min:
        return _single(kpi)
    last = kpi.period_of(starts[-1])
    line = _line(kpi, [last], dict(zip(starts, values, strict=False)), goals)
    return line[0] if isinstance(line, list) else line
