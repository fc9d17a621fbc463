"""The kpis app's panels: ``{% load kpis %}``.

- ``{% kpi_drivers kpi %}`` – on a rolled-up KPI's page: which children moved it against the
  previous period and the same period last year (:mod:`koers.kpis.drivers`).
"""

from django import template

from ..drivers import drivers_of

register = template.Library()


@register.inclusion_tag("kpis/_drivers.html")
def kpi_drivers(kpi):
    return {"drivers": drivers_of(kpi), "kpi": kpi}
