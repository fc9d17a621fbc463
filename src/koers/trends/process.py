"""What each KPI's values usually do, for the plausibility checks of the write path.

``processes(kpis)`` gives, per KPI primary key, a :class:`koers.kpis.plausibility.Process`
(natural process limits and upper range limit of its current trend), or None when the KPI has
too few values or is marked seasonal (its limits hold for the seasonally adjusted values, not
for the raw value someone types). A constant number of queries: the KPIs' trend inputs
(settings, which also tell the seasonal marks, and new levels) and the cached verdicts (see
``koers.trends.verdicts``). A stale verdict is computed but not stored: the write that asks
is about to change the values it judges.
"""

from __future__ import annotations

from koers.kpis.plausibility import Process

from .verdicts import load_inputs, trends_of


def processes(kpis) -> dict[int, Process | None]:
    kpis = [k for k in kpis if k.pk is not None]
    if not kpis:
        return {}
    inputs = load_inputs(kpis)
    seasonal = {pk for pk, i in inputs.items() if i.settings is not None and i.settings.seasonal}
    found: dict[int, Process | None] = {}
    for pk, trend in trends_of(kpis, inputs=inputs, store=False).items():
        found[pk] = None if pk in seasonal else Process.from_limits(trend.limits, trend.n)
    return found
