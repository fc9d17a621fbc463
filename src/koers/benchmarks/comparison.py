"""A KPI's benchmarks for one period: imported figures and the peer groups, in one object.

``benchmark_for(kpi, period)`` is what every reader shows (the KPI page, reports, the API and
``koers benchmark show``); ``Benchmark.as_dict()`` is the JSON they share.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from koers.kpis.models import KPI, Measurement
from koers.periods import Period, parse_period

from .models import Figure
from .peers import PeerFigures, own_value, peer_figures


@dataclass(frozen=True)
class External:
    """One imported figure as shown: where from, which sector and year, the distribution."""

    source: str
    sector: str
    size_class: str
    year: int
    median: float
    p25: float
    p75: float
    n: int
    imported_at: object = None

    def as_dict(self) -> dict:
        return {
            "source": self.source,
            "sector": self.sector,
            "year": self.year,
            "median": self.median,
            "p25": self.p25,
            "p75": self.p75,
            "n": self.n,
        }


@dataclass(frozen=True)
class Benchmark:
    kpi: KPI
    period: Period | None
    external: list[External] = field(default_factory=list)
    peers: PeerFigures | None = None
    own: float | None = None  # the organisation's own value in the period

    @property
    def everyone(self):
        return self.peers.everyone if self.peers else None

    @property
    def is_empty(self) -> bool:
        return not self.external and self.everyone is None

    def as_dict(self) -> dict:
        return {
            "kpi": self.kpi.code,
            "period": self.period.key if self.period else None,
            "external": [item.as_dict() for item in self.external],
            "peers": self.everyone.as_dict() if self.everyone else None,
        }


def latest_period(kpi: KPI) -> Period | None:
    start = (
        Measurement.objects.filter(kpi=kpi)
        .order_by("-period_start")
        .values_list("period_start", flat=True)
        .first()
    )
    return kpi.period_of(start) if start else None


def read_period(kpi: KPI, text: str | None) -> Period | None:
    """The period asked for (in the KPI's frequency), else the KPI's latest value's."""
    if text:
        return parse_period(text, kpi.frequency)
    return latest_period(kpi)


def _matches(figure: Figure, sector: str, size_class: str) -> bool:
    """A figure for every sector or for the organisation's (an SBI code and the codes under
    it: ``25`` covers ``2562``); likewise for the size class. An organisation without a
    profile sees every figure, each with its sector."""
    sector_ok = not sector or not figure.sector or sector.startswith(figure.sector)
    size_ok = not size_class or not figure.size_class or figure.size_class == size_class
    return sector_ok and size_ok


def external_figures(kpi: KPI, period: Period | None) -> list[External]:
    """Imported figures of the KPI's catalogue entry that match its organisation: per source,
    sector and size class the latest year up to the period's year."""
    if not kpi.catalogue_key:
        return []
    organisation = kpi.organisation
    figures = Figure.objects.visible_to(organisation).filter(catalogue_key=kpi.catalogue_key)
    if period is not None:
        figures = figures.filter(year__lte=period.end.year)
    figures = figures.select_related("benchmark_set").order_by(
        "source", "sector", "size_class", "-year", "-benchmark_set__imported_at", "-id"
    )
    shown: dict[tuple, External] = {}
    for figure in figures:
        if not _matches(figure, organisation.sector, organisation.size_class):
            continue
        key = (figure.source, figure.sector, figure.size_class)
        if key in shown:
            continue
        shown[key] = External(
            source=figure.source,
            sector=figure.sector,
            size_class=figure.size_class,
            year=figure.year,
            median=float(figure.median),
            p25=float(figure.p25),
            p75=float(figure.p75),
            n=figure.n,
            imported_at=figure.benchmark_set.imported_at,
        )
    return list(shown.values())


def benchmark_for(kpi: KPI, period: Period | None) -> Benchmark:
    own = own_value(kpi, period) if period is not None else None
    return Benchmark(kpi, period, external_figures(kpi, period), peer_figures(kpi, period), own=own)
