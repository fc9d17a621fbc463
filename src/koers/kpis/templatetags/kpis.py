"""The kpis app's panels: ``{% load kpis %}``.

- ``{% kpi_drivers kpi %}`` – on a rolled-up KPI's page: which children moved it against the
  previous period and the same period last year (:mod:`koers.kpis.drivers`).
- ``{% rollup_gaps kpi %}`` – on a rolled-up KPI's page: the periods without a value and why
  (a division by zero, a part missing), from :func:`koers.kpis.rollup.missing_reasons`.
- ``{% verdict trend %}`` / ``{% verdict trend compact=True %}`` – a KPI's trend verdict as a
  badge with its reason (compact: the reason folded behind the badge); ``kpis/_verdict.html``
  is this tag. Written in Python because the organisation page shows one per KPI (hundreds),
  where an include per KPI was a fifth of the page's time;
- ``{% kpi_chips shown %}`` – KPIs with their verdicts (``KPIVerdict``s) as linked chips, the
  organisation page's tree (half its rendering when the chips were a template loop).
"""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext

from ..drivers import drivers_of
from ..rollup import missing_reasons

register = template.Library()


@register.inclusion_tag("kpis/_drivers.html")
def kpi_drivers(kpi):
    return {"drivers": drivers_of(kpi), "kpi": kpi}


@register.inclusion_tag("kpis/_rollup_gaps.html")
def rollup_gaps(kpi):
    return {"gaps": missing_reasons(kpi), "kpi": kpi}


_COMPACT = (
    '<details class="more verdict-tip"><summary title="{reason}"><span class="badge {verdict}">'
    '{label}</span><span class="sr-only">: {reason}</span></summary><ul role="note">'
    '<li style="padding:.3rem .8rem;white-space:normal;max-width:22rem;font-size:.875rem">'
    "{reason}</li></ul></details>"
)
_FULL = (
    '<span class="badge {verdict}" title="{reason}" tabindex="0">{label}</span> '
    '<span class="small trend-reason">{reason}</span>'
)
_PENDING = '<span class="badge pending" title="{title}">{label}</span>'


@register.simple_tag
def verdict(trend, compact=False):
    """A KPI's trend verdict (``koers.trends.verdicts.Trend``, None before it is judged)."""
    if not trend:
        return format_html(
            _PENDING,
            title=gettext(
                "The trend verdict appears here once the trend engine has judged this KPI."
            ),
            label=gettext("trend: not judged yet"),
        )
    return format_html(
        _COMPACT if compact else _FULL,
        reason=trend.reason,
        verdict=trend.verdict,
        label=trend.verdict_label,
    )


@register.simple_tag
def kpi_chips(shown):
    """Each KPI as a link with its compact verdict."""
    return format_html_join(
        "",
        '\n      <a class="tag" href="{}">{}</a>{}\n    ',
        ((v.kpi.get_absolute_url(), v.kpi.name, verdict(v.trend, compact=True)) for v in shown),
    )
