"""The trends app's panels for hub pages: ``{% load trends %}``.

- ``{% kpi_chart display markers %}`` – a KPI's XmR chart (or its sparkline, or "no values");
  ``band=benchmark.band`` shades a benchmark behind it (``{% load benchmarks %}``);
- ``{% kpi_trend display %}`` – the KPI page's section "Is it getting better?".

``display`` is a :class:`koers.trends.display.KPIDisplay`; ``markers`` (optional) are
(period or date, label, kind) tuples, e.g. from ``{% kpi_markers kpi as markers %}``.
"""

from django import template

from koers.widgets import FORM_FIELDS_HTML, FORM_FIELDS_MAX, form_fields_html

from ..concerns import unopened
from ..display import chart_of, trend_section

register = template.Library()

# The trend settings' forms are unbound, of a few shapes (most KPIs keep the default
# settings): kept as HTML by koers.widgets.form_fields_html.
_FORMS_HTML = FORM_FIELDS_HTML
FORMS_HTML_MAX = FORM_FIELDS_MAX


def _form_html(form, frequency: str) -> str:
    return form_fields_html(form, frequency)


@register.inclusion_tag("trends/_kpi_chart.html")
def kpi_chart(display, markers=(), band=None):
    chart = chart_of(display, markers or (), band=band)
    trend = display.trend
    analysis = trend.analysis if trend is not None and chart else None
    return {
        "display": display,
        "chart": chart,
        "adjusted": analysis is not None and analysis.adjusted is not None,
    }


@register.inclusion_tag("trends/_kpi_trend.html", takes_context=True)
def kpi_trend(context, display):
    access = context.get("access")
    can_define = bool(access) and access.can_manage_unit(display.kpi.unit_id)
    section = trend_section(display, can_define)
    frequency = display.kpi.frequency
    return {
        "section": section,
        "forms_html": {name: _form_html(f, frequency) for name, f in section.forms.items()},
        "kpi": display.kpi,
        "current_org": context.get("current_org"),
    }


@register.filter
def reported_in(display, measurement):
    """(reported, total) when ``measurement`` is a provisional roll-up value of ``display``'s
    KPI (children missing), else None: ``{% include "trends/_reported.html" with ... %}``."""
    return display.provisional.get(measurement.period_start)


@register.simple_tag
def unopened_concerns(displays):
    """The KPI ids (of these displays) with a new signal of concern their team has not opened
    yet: ``{% unopened_concerns kpis as concerned %}`` (one query)."""
    return unopened(d.kpi.pk for d in displays)
