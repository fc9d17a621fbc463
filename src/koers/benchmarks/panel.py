"""A KPI's benchmark as pages and reports show it: sentences and the band on the chart.

Always second to the trend: the band is drawn behind the values, the sentences come after the
section "Is it getting better?".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from koers.kpis.models import KPI
from koers.language import resolve
from koers.periods import Period, PeriodError

from .comparison import Benchmark, benchmark_for, latest_period
from .sentences import sentences, shown


@dataclass(frozen=True)
class Band:
    """What the chart shades: P25 to P75, with the median, and what it is."""

    p25: float
    median: float
    p75: float
    label: str
    description: str = ""  # for the chart's description (screen readers)
    median_word: str = "median"


@dataclass(frozen=True)
class Shown:
    benchmark: Benchmark | None
    lines: list[str] = field(default_factory=list)
    band: Band | None = None
    note: str = ""  # why there is no peer group, when the organisation takes part

    def __bool__(self) -> bool:
        return bool(self.lines)


def _band(kpi: KPI, p25: float, median: float, p75: float, label: str) -> Band:
    description = _("Shaded: %(label)s, %(p25)s to %(p75)s, median %(median)s.") % {
        "label": label,
        "p25": shown(kpi, p25),
        "p75": shown(kpi, p75),
        "median": shown(kpi, median),
    }
    return Band(p25, median, p75, label, description, _("median"))


def band_of(benchmark: Benchmark) -> Band | None:
    """The peer group's band, else the first imported figure's."""
    period, kpi = benchmark.period, benchmark.kpi
    if benchmark.everyone is not None and period is not None:
        d = benchmark.everyone
        label = _("peers P25–P75, %(period)s") % {"period": period.label(resolve())}
        return _band(kpi, d.p25, d.median, d.p75, label)
    if benchmark.external:
        item = benchmark.external[0]
        label = _("%(source)s P25–P75, %(year)s") % {"source": item.source, "year": item.year}
        return _band(kpi, item.p25, item.median, item.p75, label)
    return None


def kpi_panel(kpi: KPI) -> Shown:
    """The benchmark of the KPI's latest period (nothing for a KPI without catalogue entry)."""
    if not kpi.catalogue_key:
        return Shown(None)
    benchmark = benchmark_for(kpi, latest_period(kpi))
    return Shown(benchmark, sentences(benchmark), band_of(benchmark))


def report_lines(kpis, period_keys: dict[int, str]) -> dict[int, list[str]]:
    """For a report: per KPI id the benchmark sentences of the report's period of that KPI
    (``period_keys``: KPI id → period key; a KPI without one or without catalogue entry gets
    nothing). Rendered in the current language."""
    lines: dict[int, list[str]] = {}
    for kpi in kpis:
        key = period_keys.get(kpi.pk)
        if not kpi.catalogue_key or not key:
            continue
        try:
            period = Period.from_key(key)
        except PeriodError:
            continue
        found = sentences(benchmark_for(kpi, period))
        if found:
            lines[kpi.pk] = found
    return lines
