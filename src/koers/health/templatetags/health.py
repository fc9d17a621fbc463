"""The health app's panel for the KPI page: ``{% load health %}{% kpi_health kpi %}``."""

from django import template

from ..checks import checks_for_kpi

register = template.Library()


@register.inclusion_tag("health/_kpi_health.html", takes_context=True)
def kpi_health(context, kpi, trend=None):
    """ "Is this a good KPI?": every check for ``kpi`` (its verdict comes from the trend cache)."""
    return {"checks": checks_for_kpi(kpi), "kpi": kpi, "access": context.get("access")}
