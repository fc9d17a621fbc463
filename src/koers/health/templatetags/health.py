"""The health app's panel for the KPI page: ``{% load health %}{% kpi_health kpi trend %}``."""

from django import template

from ..checks import checks_for_kpi

register = template.Library()


@register.inclusion_tag("health/_kpi_health.html")
def kpi_health(kpi, trend=None):
    """ "Is this a good KPI?": every check for ``kpi``; ``trend``: its verdict, when at hand."""
    trends = {kpi.pk: trend} if trend is not None else None
    return {"checks": checks_for_kpi(kpi, trends=trends), "kpi": kpi}
