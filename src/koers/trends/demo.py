"""Demo content for trends: the website visitors follow the seasons."""

from __future__ import annotations

from koers.kpis.models import KPI

from .models import TrendSettings

SEASONAL = ["MK-WEB"]


def populate(org, users, lang, today) -> None:
    """Mark the seasonal demo KPIs as seasonal (version 1 keys their cached verdicts)."""
    for kpi in KPI.objects.for_org(org).filter(code__in=SEASONAL):
        TrendSettings.objects.update_or_create(
            kpi=kpi,
            defaults={"organisation": org, "seasonal": True, "version": 1},
        )


def wipe(org) -> None:
    """Nothing to do: settings and results go with their KPIs."""
