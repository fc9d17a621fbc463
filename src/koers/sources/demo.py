"""The demo's own data: a generated auditfile behind the finance KPIs and a quotes export
behind the quote success ratio. Called by ``koers.demo`` (populate / wipe)."""

from __future__ import annotations

import random
import shutil
import tempfile
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings

from koers.kpis.models import KPI, Feed
from koers.sources.computing import attach_standard, compute, source_computations
from koers.sources.loading import load_file
from koers.sources.models import Computation, DataSource
from koers.sources.sample import Company, write_auditfile

FINANCE = {"FI-BRM": "gross_margin", "FI-NTM": "net_margin", "FI-DSO": "days_sales_outstanding"}
QUOTES_SPEC = {
    "source": "offertes",
    "frequency": "month",
    "date": "Verstuurd",
    "value": "count(*) filter (where Status = 'gewonnen')",
    "where": "Status <> 'open'",
    "denominator": "count(*)",
    "as_of": None,
}


def _quotes(path: Path, years: list[int]) -> None:
    rnd = random.Random(7)
    lines = ["Offerte;Klant;Verstuurd;Status;Bedrag"]
    n = 0
    for year in years:
        day = date(year, 1, 2)
        while day.year == year:
            for _ in range(rnd.randint(0, 4)):
                n += 1
                won = rnd.random() < 0.31
                status = "gewonnen" if won else "verloren"
                amount = f"{rnd.randint(500, 25000)},{rnd.randint(0, 99):02d}"
                lines.append(
                    f"OF{n:05d};Klant {rnd.randint(1, 80)};{day:%d-%m-%Y};{status};{amount}"
                )
            day += timedelta(days=1)
    path.write_text("\r\n".join(lines) + "\r\n", encoding="cp1252")


def populate(org, users, lang, today) -> None:
    years = [today.year - 2, today.year - 1]
    kpis = {k.code: k for k in KPI.objects.for_org(org).filter(code__in=[*FINANCE, "VK-SUC"])}
    company = Company(org.name, "12345678", "NL001234567B01")
    with tempfile.TemporaryDirectory() as tmp:
        for i, year in enumerate(years):
            path = Path(tmp) / f"auditfile-{year}.xaf"
            write_auditfile(
                path,
                year=year,
                invoices_per_month=240,
                customers=90,
                seed=year,
                company=company,
                cost_ratio=0.69,
                other_ratio=0.245,
                payments=True,
                growth=1.0 + 0.03 * i,
            )
            result = load_file(org, path, source_name="auditfile")
        for code, key in FINANCE.items():
            if code in kpis and kpis[code].catalogue_key == key:
                attach_standard(kpis[code], result.source)
        quotes = Path(tmp) / "offertes.csv"
        _quotes(quotes, years)
        table = load_file(org, quotes, source_name="offertes")
        if "VK-SUC" in kpis:
            kpi = kpis["VK-SUC"]
            kpi.feed = Feed.COMPUTED
            kpi.save(update_fields=["feed"])
            Computation.objects.update_or_create(
                kpi=kpi,
                defaults={
                    "organisation": org,
                    "source": table.source,
                    "spec": {k: v for k, v in QUOTES_SPEC.items() if v},
                    "used": "offertes: count(*) filter (where Status = 'gewonnen') / count(*)",
                },
            )
    for source in DataSource.objects.for_org(org):
        compute(source_computations(source), user=users.get("directie"))


def wipe(org) -> None:
    DataSource.objects.for_org(org).delete()
    shutil.rmtree(Path(settings.DATA_DIR) / "sources" / str(org.pk), ignore_errors=True)
