"""The trend verdict of KPIs, as the rest of Koers shows it.

``koers.trends.verdicts.attach_trends`` is the one source of verdicts. Until the trends app
fills it in, a KPI without one gets the pure engine's verdict on its measured values, so the
agenda and the presentation never make up a second kind of judgement.
"""

from __future__ import annotations

from types import SimpleNamespace

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from koers.fields import current_lang
from koers.kpis.models import KPI, Measurement
from koers.trend import analyse

VERDICT_LABELS = {
    "improving": _("improving"),
    "deteriorating": _("deteriorating"),
    "stable": _("stable"),
    "insufficient_data": _("too little data"),
}


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


def _fallback(kpi: KPI):
    values = [float(m.value) for m in kpi.series]
    if not values:
        return None
    lang = current_lang()
    labels = [m.period.label(lang) for m in kpi.series]
    analysis = analyse(values, direction=kpi.direction, labels=labels)
    return SimpleNamespace(
        verdict=analysis.verdict,
        verdict_label=str(VERDICT_LABELS[analysis.verdict]),
        reason=analysis.reason(lang),
        analysis=analysis,
    )


def with_trends(kpis: list[KPI]) -> list[KPI]:
    """Give each KPI (measurements prefetched) ``series``, ``latest`` and ``trend``."""
    from koers.kpis.views import with_series

    with_series(kpis)
    for kpi in kpis:
        if getattr(kpi, "trend", None) is None:
            kpi.trend = _fallback(kpi)
    return kpis


def verdict_of(kpi: KPI) -> str | None:
    trend = getattr(kpi, "trend", None)
    return getattr(trend, "verdict", None) if trend is not None else None
