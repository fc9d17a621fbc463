"""What the meeting pages show for a KPI: its XmR chart with the actions marked on it."""

from __future__ import annotations

from koers.trends.display import KPIDisplay, chart_of

from .markers import markers_for


def kpi_chart(shown: KPIDisplay, markers=None, *, width: int = 760) -> str:
    """The KPI's chart with action markers: the trends app's XmR chart, the same as on the
    KPI page ("" without values)."""
    markers = markers_for(shown.kpi) if markers is None else markers
    return chart_of(shown, markers, width=width)
