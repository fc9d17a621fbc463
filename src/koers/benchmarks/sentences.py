"""The benchmark as people read it: "mediaan van 42 bedrijven (SBI 25, …): 31 %; jullie: 34 % —
bij het beste kwart". Rendered in the current language (``translation.override`` outside a
request)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from koers.kpis.models import KPI
from koers.language import resolve
from koers.numbers import format_number

from .comparison import Benchmark, External
from .distribution import BEST, WORST, Distribution, quarter


def shown(kpi: KPI, value: float | None) -> str:
    """A value in the KPI's decimals and unit, in the current language."""
    if value is None:
        return ""
    text = format_number(round(value, kpi.decimals + 1), kpi.decimals, resolve())
    symbol = kpi.symbol
    if kpi.unit_of_measure == "euro":
        return f"€ {text}"
    return f"{text} {symbol}" if symbol else text


def _where(own: float | None, p25: float, p75: float, direction: str) -> str:
    if own is None:
        return ""
    place = quarter(own, p25, p75, direction)
    if place == BEST:
        return _("in the best quarter")
    if place == WORST:
        return _("in the worst quarter")
    return _("in the middle half")


def _own_part(kpi: KPI, own: float | None, p25: float, p75: float) -> str:
    if own is None:
        return ""
    return _("; you: %(own)s — %(where)s") % {
        "own": shown(kpi, own),
        "where": _where(own, p25, p75, kpi.direction),
    }


def external_sentence(kpi: KPI, item: External, own: float | None) -> str:
    companies = ngettext("median of %(n)s company", "median of %(n)s companies", item.n) % {
        "n": format_number(item.n, 0, resolve())
    }
    about = [item.source]
    if item.sector:
        about.append(_("SBI %(code)s") % {"code": item.sector})
    about.append(str(item.year))
    return "{companies} ({about}): {median}{own}".format(
        companies=companies,
        about=", ".join(about),
        median=shown(kpi, item.median),
        own=_own_part(kpi, own, item.p25, item.p75),
    )


def peer_sentence(kpi: KPI, peers: Distribution, own: float | None, sector: str = "") -> str:
    if sector:
        group = ngettext(
            "median of %(n)s peer in SBI %(code)s",
            "median of %(n)s peers in SBI %(code)s",
            peers.n,
        ) % {"n": peers.n, "code": sector}
    else:
        group = ngettext(
            "median of %(n)s peer in this install", "median of %(n)s peers in this install", peers.n
        ) % {"n": peers.n}
    text = f"{group}: {shown(kpi, peers.median)}{_own_part(kpi, own, peers.p25, peers.p75)}"
    if peers.rank is not None:
        text += " " + _("(rank %(rank)s of %(n)s)") % {"rank": peers.rank, "n": peers.n}
    return text


def sentences(benchmark: Benchmark) -> list[str]:
    """Every line of the benchmark: the peer groups first, then the imported figures."""
    lines = []
    kpi, own = benchmark.kpi, benchmark.own
    if benchmark.everyone is not None:
        lines.append(peer_sentence(kpi, benchmark.everyone, own))
    sector = benchmark.peers.sector if benchmark.peers is not None else None
    if sector is not None and sector.n < benchmark.everyone.n:  # else: the same group
        lines.append(peer_sentence(kpi, sector, own, benchmark.peers.sector_code))
    lines += [external_sentence(kpi, item, own) for item in benchmark.external]
    return lines
