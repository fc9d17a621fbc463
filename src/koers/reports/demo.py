"""Demo content for reports: two benchmarks, the director's monthly e-mail, one share link."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from koers.kpis.models import KPI
from koers.organisations.models import Organisation

from .models import Benchmark, ShareLink, Subscription

TEXTS = {
    "nl": {
        "PR-LEV": ("sectorgemiddelde metaal", "Benchmark leverbetrouwbaarheid, brancheonderzoek"),
        "FI-BRM": ("jaarcijfers branchevereniging", "Mediaan van vergelijkbare plaatwerkers"),
        "share": "Raad van commissarissen",
    },
    "en": {
        "PR-LEV": ("sector average metal", "Delivery reliability benchmark, sector survey"),
        "FI-BRM": ("trade association annual figures", "Median of comparable sheet-metal firms"),
        "share": "Supervisory board",
    },
}


def populate(org: Organisation, users: dict, lang: str, today: date) -> None:
    texts = TEXTS["en" if lang == "en" else "nl"]
    kpis = {k.code: k for k in KPI.objects.for_org(org).filter(code__in=["PR-LEV", "FI-BRM"])}
    for code, value in (("PR-LEV", Decimal("93")), ("FI-BRM", Decimal("33.5"))):
        if code in kpis:
            source, note = texts[code]
            Benchmark.objects.create(
                organisation=org,
                kpi=kpis[code],
                value=value,
                source=source,
                period=str(today.year - 1),
                note=note,
            )
    top = org.root_unit()
    director = users.get("directie")
    if top is None or director is None:
        return
    Subscription.objects.create(
        organisation=org, user=director, unit=top, frequency="monthly", lang=lang
    )
    ShareLink.objects.create(
        organisation=org,
        unit=top,
        period="latest",
        lang=lang,
        label=texts["share"],
        expires_on=today + timedelta(days=60),
        created_by=director,
    )


def wipe(org: Organisation) -> None:
    Benchmark.objects.filter(organisation=org).delete()
    Subscription.objects.filter(organisation=org).delete()
    ShareLink.objects.filter(organisation=org).delete()
