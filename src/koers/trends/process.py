"""What each KPI's values usually do, for the plausibility checks of the write path.

``processes(kpis)`` gives, per KPI primary key, a :class:`koers.kpis.plausibility.Process`
(natural process limits and upper range limit of its current trend), or None when the KPI has
too few values or is marked seasonal (its limits hold for the seasonally adjusted values, not
for the raw value someone types). A constant number of queries: the cached verdicts (see
``koers.trends.verdicts``) and the seasonal marks.
"""

from __future__ import annotations

from koers.kpis.plausibility import Process

from .models import TrendSettings
from .verdicts import trends_of


def processes(kpis) -> dict[int, Process | None]:
    kpis = [k for k in kpis if k.pk is not None]
    if not kpis:
        return {}
    seasonal = set(
        TrendSettings.objects.filter(kpi__in=kpis, seasonal=True).values_list("kpi_id", flat=True)
    )
    found: dict[int, Process | None] = {}
    for pk, trend in trends_of(kpis).items():
        found[pk] = None if pk in seasonal else Process.from_limits(trend.limits, trend.n)
    return found
