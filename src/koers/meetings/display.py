"""What the meeting pages show for a KPI: its chart with the actions marked, and their effect."""

from __future__ import annotations

from django.utils.translation import gettext as _

from koers.fields import current_lang
from koers.trends.display import KPIDisplay, chart_of

from .chart import line_with_markers, marker_indexes
from .markers import markers_for


def _trends_chart(access, kpi, markers) -> str:
    """The trends app's XmR chart, the same as on the KPI page ("" without values)."""
    return chart_of(KPIDisplay(kpi, kpi.trend, kpi.series), markers)


def kpi_chart(kpi, access=None, markers=None, *, big: bool = True) -> str:
    """The KPI's chart (``kpi.series`` and ``kpi.trend`` attached) with action markers."""
    markers = markers_for(kpi) if markers is None else markers
    if access is not None:
        chart = _trends_chart(access, kpi, markers)
        if chart:
            return chart
    series = kpi.series[-36:]
    if not series:
        return ""
    lang = current_lang()
    periods = [m.period for m in series]
    analysis = getattr(getattr(kpi, "trend", None), "analysis", None)
    centre = band = None
    if analysis is not None and analysis.n == len(kpi.series):
        lim = analysis.limits
        if lim["centre"] is not None and lim["unpl"] is not None:
            centre, band = lim["centre"], (lim["lnpl"], lim["unpl"])
    first = periods[0].start
    shown = [m for m in markers if m[0].start >= first]
    return line_with_markers(
        [float(m.value) for m in series],
        [p.label(lang) for p in periods],
        marker_indexes(periods, shown),
        title=_("Development of %(name)s") % {"name": kpi.name},
        centre=centre,
        band=band,
        height=320 if big else 220,
    )
