"""Attach trend verdicts to KPIs for display.

The trend engine issue fills this in; until then every KPI shows the
clearly marked "no verdict yet" place rather than a made-up one.
"""

from __future__ import annotations


def attach_trends(kpis) -> None:
    """Set ``kpi.trend`` on each KPI (None: no verdict available)."""
    for kpi in kpis:
        kpi.trend = None
