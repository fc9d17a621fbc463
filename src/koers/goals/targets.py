"""A KPI's target per period, for the chart's target line (see :mod:`koers.goals.spread`).

``target_line(kpi, periods, series)`` gives one target per charted period, or a single number
when the KPI has one target for every period (None: no target). Derived targets read the
KPI's annual goals (one query) and last year's values from ``series``.
"""

from __future__ import annotations

from collections.abc import Sequence

from koers.kpis.models import KPI, TargetMode
from koers.periods import Period

from .models import AnnualGoal
from .progress import year_periods
from .spread import spread


def target_line(kpi: KPI, periods: Sequence[Period], series: Sequence = ()):
    """One target per period (a list), or one number for all, or None."""
    mode = kpi.target_mode or TargetMode.SINGLE
    single = None if kpi.target is None else float(kpi.target)
    if mode == TargetMode.SINGLE or not periods:
        return single
    if mode == TargetMode.PROFILE and not kpi.target_profile:
        return single
    years = sorted({p.year for p in periods})
    goals = {}
    if mode in (TargetMode.EVEN, TargetMode.PATTERN):
        rows = AnnualGoal.objects.filter(target_kpi=kpi, year__in=years).exclude(target_value=None)
        goals = {year: float(value) for year, value in rows.values_list("year", "target_value")}
    values = {m.period_start: float(m.value) for m in series}
    by_start = {}
    for year in years:
        own = year_periods(kpi.frequency, year)
        last = [values.get(p.start) for p in year_periods(kpi.frequency, year - 1)]
        targets = spread(
            mode,
            len(own),
            single=single,
            profile=[float(v) for v in kpi.target_profile or []],
            goal=goals.get(year),
            rule=kpi.aggregation,
            last_year=last,
        )
        by_start.update({p.start: t for p, t in zip(own, targets, strict=True)})
    return [by_start.get(p.start) for p in periods]
