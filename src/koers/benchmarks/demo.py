"""The demo's benchmarks: a branch organisation's published figures behind the finance KPIs
(``populate``, called by ``koers.demo`` after the own-data demo has computed them), and on
request six small metal companies in the same install taking part in the peer groups
(``add_peers``, ``koers benchmark demo``). The peers are not added by ``koers demo`` itself:
commands that may leave out ``--org`` when there is one organisation keep working there."""

from __future__ import annotations

import random
from decimal import Decimal

from koers.kpis.models import KPI, Measurement
from koers.kpis.recording import ValueChange, record_values
from koers.organisations.models import Organisation, Unit

from .importing import Reading, Row, store
from .models import BenchmarkSet
from .peers import join

KEYS = ("gross_margin", "net_margin", "days_sales_outstanding")
PEERS = [
    ("Metaalwerk Noord", "2562", "small"),
    ("Plaatbewerking Oost", "2562", "small"),
    ("Lasbedrijf De Vonk", "2511", "micro"),
    ("Precisie Draaierij", "2562", "small"),
    ("Constructie Zuid", "2511", "medium"),
    ("Staalservice West", "4672", "small"),
]
PEER_SLUG = "demo-peer-"
SOURCE = {"nl": "Branchevereniging Metaal (voorbeeld)", "en": "Metal trade association (sample)"}
FILE_NAME = "demo-benchmarks.csv"
SPREAD = {"gross_margin": 4.0, "net_margin": 2.5, "days_sales_outstanding": 9.0}


def _series(kpi: KPI) -> list[tuple]:
    rows = Measurement.objects.filter(kpi=kpi).order_by("-period_start")[:36]
    return list(reversed(rows.values_list("period_start", "value")))


def _peer(index: int, name: str, sector: str, size: str, demo_kpis, rnd, user) -> None:
    org = Organisation.objects.create(
        name=name, slug=f"{PEER_SLUG}{index}", sector=sector, size_class=size
    )
    unit = Unit.objects.create(organisation=org, name=name, slug="bedrijf", kind="company")
    changes = []
    for kpi in demo_kpis:
        peer = KPI.objects.create(
            organisation=org,
            unit=unit,
            code=kpi.code,
            name=kpi.name,
            definition=kpi.definition,
            unit_of_measure=kpi.unit_of_measure,
            decimals=kpi.decimals,
            frequency=kpi.frequency,
            direction=kpi.direction,
            area=kpi.area,
            aggregation=kpi.aggregation,
            catalogue_key=kpi.catalogue_key,
            status="active",
        )
        offset = rnd.gauss(0, SPREAD[kpi.catalogue_key])
        for start, value in _series(kpi):
            noise = rnd.gauss(0, SPREAD[kpi.catalogue_key] / 4)
            shown = max(float(value) + offset + noise, 0)
            changes.append(ValueChange(peer, start, Decimal(str(round(shown, kpi.decimals)))))
    record_values(changes, user=user, source="demo")
    join(org)


def _figures(demo_kpis, lang: str) -> None:
    rows = []
    for kpi in demo_kpis:
        values = [float(v) for _, v in _series(kpi)]
        if not values:
            continue
        level = sum(values[-12:]) / len(values[-12:])
        spread = SPREAD[kpi.catalogue_key]
        latest = _series(kpi)[-1][0].year
        for year_back, (sector, n) in enumerate([("25", 42), ("25", 39)], start=1):
            year = latest - year_back
            median = round(level - (1 if kpi.direction == "higher" else -1) * spread / 3, 1)
            rows.append(
                Row(
                    0,
                    SOURCE[lang],
                    sector,
                    "",
                    year,
                    "",
                    kpi.catalogue_key,
                    Decimal(str(median)),
                    Decimal(str(round(median - spread, 1))),
                    Decimal(str(round(median + spread, 1))),
                    n,
                )
            )
    if rows:
        store(Reading(FILE_NAME, rows))


def _demo_kpis(org) -> list[KPI]:
    return list(KPI.objects.for_org(org).filter(catalogue_key__in=KEYS).order_by("code"))


def populate(org, users, lang, today) -> None:
    org.sector, org.size_class = "2562", "small"
    org.save(update_fields=["sector", "size_class"])
    join(org, users.get("directie"))
    _figures(_demo_kpis(org), lang)


def add_peers(org) -> int:
    """Six peer organisations (no members) with the demo's finance KPIs, taking part; the
    ones added before are replaced. Returns how many."""
    _wipe_peers()
    rnd = random.Random(16)
    kpis = _demo_kpis(org)
    for index, (name, sector, size) in enumerate(PEERS, start=1):
        _peer(index, name, sector, size, kpis, rnd, None)
    return len(PEERS)


def _wipe_peers() -> None:
    for peer in Organisation.objects.filter(slug__startswith=PEER_SLUG):
        KPI.objects.filter(organisation=peer).delete()
        Unit.objects.filter(organisation=peer).delete()
        peer.delete()


def wipe(org) -> None:
    _wipe_peers()
    BenchmarkSet.objects.filter(organisation=None, file_name=FILE_NAME).delete()
