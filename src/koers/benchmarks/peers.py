"""Peer groups inside one install: who takes part, and the distribution of their values.

An organisation's admin joins or leaves (``join``/``leave``); the figures are computed from
the stored values of the organisations taking part on every request, so leaving takes effect
at once. A peer's value is read here and never leaves this module: callers get a
``Distribution`` (n, median, quartiles, one's own rank), and nothing when fewer than five
organisations contribute.

Who contributes to a KPI's group: every organisation taking part that has a KPI with the
same catalogue key, frequency and unit of measure, computed by the catalogue's standard
definition (typed or rolled up on it, or computed from the company's own data by the
standard computation; a computed KPI with a definition of its own is not comparable), and a
value for the same period. An organisation with several such KPIs contributes the one highest
in its unit tree (the company-wide figure).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Q

from koers.kpis.models import KPI, Feed, Measurement
from koers.organisations.models import Organisation
from koers.periods import Period

from .distribution import Distribution, distribution
from .models import Participation

SECTOR_DIGITS = 2  # peers share a sector when their SBI codes share the division (2 digits)


def takes_part(organisation: Organisation) -> bool:
    return Participation.objects.filter(organisation=organisation).exists()


def join(organisation: Organisation, user=None) -> bool:
    """Take part in the peer groups; False when it already did."""
    with transaction.atomic():
        _, created = Participation.objects.get_or_create(
            organisation=organisation, defaults={"joined_by": user}
        )
    return created


def leave(organisation: Organisation) -> bool:
    """Stop taking part, at once: its values drop out of every figure. False when it did not."""
    deleted, _ = Participation.objects.filter(organisation=organisation).delete()
    return bool(deleted)


def standard_kpis():
    """KPIs measured on their catalogue entry's definition (see the module docstring)."""
    own_definition = Q(feed=Feed.COMPUTED) & ~Q(computation__standard=F("catalogue_key"))
    return KPI.objects.exclude(catalogue_key="").exclude(status="retired").exclude(own_definition)


def is_comparable(kpi: KPI) -> bool:
    return standard_kpis().filter(pk=kpi.pk).exists()


def sector_of(code: str) -> str:
    return code[:SECTOR_DIGITS] if len(code) >= SECTOR_DIGITS else ""


@dataclass(frozen=True)
class PeerFigures:
    """The peer groups of one KPI in one period: everyone taking part, and one's own sector."""

    everyone: Distribution | None
    sector: Distribution | None
    sector_code: str


def _contributions(kpi: KPI, period: Period) -> list[tuple[int, str, float]]:
    """(organisation id, sector, value) per contributing organisation, one's own included."""
    rows = (
        Measurement.objects.filter(
            period_start=period.start,
            kpi__in=standard_kpis().filter(
                catalogue_key=kpi.catalogue_key,
                frequency=kpi.frequency,
                unit_of_measure=kpi.unit_of_measure,
                organisation__benchmark_participation__isnull=False,
            ),
        )
        .exclude(organisation_id=kpi.organisation_id)
        .order_by("organisation_id", F("kpi__unit__parent_id").asc(nulls_first=True), "kpi_id")
        .values_list("organisation_id", "kpi__organisation__sector", "value")
    )
    picked: dict[int, tuple[int, str, float]] = {}
    for org_id, sector, value in rows:
        picked.setdefault(org_id, (org_id, sector_of(sector), float(value)))
    return list(picked.values())


def own_value(kpi: KPI, period: Period) -> float | None:
    value = (
        Measurement.objects.filter(kpi=kpi, period_start=period.start)
        .values_list("value", flat=True)
        .first()
    )
    return None if value is None else float(value)


def peer_figures(kpi: KPI, period: Period | None) -> PeerFigures | None:
    """The peer figures of ``kpi`` in ``period``; None when its organisation does not take
    part or the KPI is not measured on a catalogue definition."""
    organisation = kpi.organisation
    if period is None or not takes_part(organisation) or not is_comparable(kpi):
        return None
    others = _contributions(kpi, period)
    own = own_value(kpi, period)
    own_sector = sector_of(organisation.sector)
    values = [value for _, _, value in others] + ([own] if own is not None else [])
    everyone = distribution(values, own, kpi.direction)
    sector = None
    if everyone is not None and own_sector:
        same = [value for _, s, value in others if s == own_sector]
        same += [own] if own is not None else []
        sector = distribution(same, own, kpi.direction)
    return PeerFigures(everyone, sector, own_sector if sector else "")
