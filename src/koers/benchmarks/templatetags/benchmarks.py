"""The benchmarks app's panels for hub pages: ``{% load benchmarks %}``.

- ``{% kpi_benchmark kpi as benchmark %}`` – the KPI's benchmark for its latest period, as a
  ``Shown``: ``.band`` for ``{% kpi_chart display markers band=benchmark.band %}`` and
  ``.lines`` for ``{% include "benchmarks/_kpi_benchmark.html" %}``.
"""

from django import template

from ..panel import kpi_panel

register = template.Library()


@register.simple_tag
def kpi_benchmark(kpi):
    return kpi_panel(kpi)
