"""The trend verdict of KPIs, as the rest of Koers shows it.

``koers.trends.display`` is the one source of verdicts, series and sparklines; the agenda and
the presentation never make up a second kind.
"""

from __future__ import annotations

from koers.kpis.models import KPI
from koers.trends.display import displays


def prefetch_series(kpis):
    """A KPI QuerySet with its measurements prefetched in period order."""
    return kpis.with_series()


def with_trends(kpis: list[KPI]) -> list[KPI]:
    """Give each KPI ``series``, ``latest``, ``latest_period_label`` and ``trend``.

    A bridge until the meeting pages take ``koers.trends.display.KPIDisplay`` objects.
    """
    for shown in displays(kpis):
        kpi = shown.kpi
        kpi.series, kpi.trend, kpi.latest = shown.series, shown.trend, shown.latest
        kpi.latest_period_label = shown.latest_period_label
    return kpis


def verdict_of(kpi: KPI) -> str | None:
    trend = getattr(kpi, "trend", None)
    return getattr(trend, "verdict", None) if trend is not None else None
