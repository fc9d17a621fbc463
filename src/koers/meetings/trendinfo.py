"""The trend verdict of KPIs, as the rest of Koers shows it.

``koers.trends.verdicts.attach_trends`` (called by ``koers.kpis.views.with_series``) is the
one source of verdicts; the agenda and the presentation never make up a second kind.
"""

from __future__ import annotations

from django.db.models import Prefetch

from koers.kpis.models import KPI, Measurement
from koers.kpis.views import with_series


def prefetch_series(kpis):
    """A KPI QuerySet with its measurements prefetched in period order."""
    return kpis.prefetch_related(
        Prefetch(
            "measurements",
            queryset=Measurement.objects.order_by("period_start").only(
                "kpi_id", "period_start", "value"
            ),
        )
    )


def with_trends(kpis: list[KPI]) -> list[KPI]:
    """Give each KPI (measurements prefetched) ``series``, ``latest`` and ``trend``."""
    return with_series(kpis)


def verdict_of(kpi: KPI) -> str | None:
    trend = getattr(kpi, "trend", None)
    return getattr(trend, "verdict", None) if trend is not None else None
