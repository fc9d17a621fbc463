"""Generate a plausible auditfile (XAF 4.0 or 3.2) for the demo, the tests and the benchmark.

Sales invoices (debtors debit incl. VAT, revenue and VAT credit), a few credit notes,
purchase invoices, customer payments and rent, written as a stream so a 300,000-line file
needs no memory. Pure Python: no Django.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

NS = {
    "4.0": "http://www.odb.belastingdienst.nl/Belastingdienst/BCPP/1.1/structures/"
    "XmlauditfileXAF_4.0",
    "3.2": "http://www.auditfiles.nl/xaf/3.2",
}
ACCOUNTS = (
    ("1100", "Bank", "B", "BLimBanRba"),
    ("1300", "Debiteuren", "B", "BVorDebHad"),
    ("1500", "Te betalen btw", "B", "BSchBtwAfo"),
    ("1600", "Crediteuren", "B", "BSchCreHac"),
    ("4000", "Huur bedrijfsruimte", "P", "WBedHuiHur"),
    ("7000", "Inkoopwaarde van de omzet", "P", "WKprInkKvg"),
    ("8000", "Omzet", "P", "WOmzNopOmz"),
)


@dataclass
class Company:
    name: str = "Voorbeeld BV"
    commerce_number: str = "12345678"
    vat: str = "NL001234567B01"


def _money(value: Decimal) -> str:
    return f"{value:.2f}"


def _line(out, nr, acc, amount, side, day, *, rel="", inv="", due=None, cost="", desc=""):
    parts = [f"<trLine><nr>{nr}</nr><accID>{acc}</accID><docRef>{inv or nr}</docRef>"]
    parts.append(f"<effDate>{day.isoformat()}</effDate>")
    if due:
        parts.append(f"<settDate>{due.isoformat()}</settDate>")
    if desc:
        parts.append(f"<desc>{escape(desc)}</desc>")
    parts.append(f"<amnt>{_money(amount)}</amnt><amntTp>{side}</amntTp>")
    if rel:
        parts.append(f"<custSupID>{rel}</custSupID>")
    if inv:
        parts.append(f"<invRef>{inv}</invRef>")
    if cost:
        parts.append(f"<costID>{cost}</costID>")
    parts.append("</trLine>")
    out.write("".join(parts))


def _header(out, version, year, company, customers, suppliers, rgs):
    out.write(f'<?xml version="1.0" encoding="UTF-8"?>\n<auditfile xmlns="{NS[version]}">')
    out.write(
        f"<header><fiscalYear>{year}</fiscalYear><startDate>{year}-01-01</startDate>"
        f"<endDate>{year}-12-31</endDate><curCode>EUR</curCode>"
        f"<dateCreated>{year + 1}-01-15</dateCreated><softwareDesc>Koers demo</softwareDesc>"
        "<softwareVersion>1</softwareVersion></header><company>"
    )
    if version == "4.0":
        out.write(f"<Commercenr>{company.commerce_number}</Commercenr>")
    else:
        out.write(f"<companyIdent>{company.commerce_number}</companyIdent>")
    out.write(
        f"<companyName>{escape(company.name)}</companyName>"
        f"<taxRegistrationCountry>NL</taxRegistrationCountry>"
        f"<taxRegIdent>{company.vat}</taxRegIdent><customersSuppliers>"
    )
    for rel, kind in [(c, "C") for c in customers] + [(s, "S") for s in suppliers]:
        out.write(
            f"<customerSupplier><custSupID>{rel}</custSupID>"
            f"<custSupName>Relatie {rel}</custSupName><custSupTp>{kind}</custSupTp>"
            "</customerSupplier>"
        )
    out.write("</customersSuppliers><generalLedger>")
    for acc, desc, tp, code in ACCOUNTS:
        out.write(
            f"<ledgerAccount><accID>{acc}</accID><accDesc>{desc}</accDesc><accTp>{tp}</accTp>"
        )
        if rgs and version == "4.0":
            out.write(f"<RGScode>{code}</RGScode>")
        out.write("</ledgerAccount>")
    out.write("</generalLedger>")


def write_auditfile(
    path: Path,
    *,
    year: int = 2025,
    version: str = "4.0",
    invoices_per_month: int = 40,
    customers: int = 60,
    growth: float = 1.0,
    seed: int = 1,
    company: Company | None = None,
    rgs: bool = True,
    cost_ratio: float | None = None,
    other_ratio: float | None = None,
    payments: bool = False,
    cost_centres: tuple[str, ...] = (),
    due_dates: bool = True,
) -> dict:
    """Write an auditfile; returns the known totals (revenue per month, invoices, lines)."""
    rnd = random.Random(seed)
    company = company or Company()
    custs = [f"D{i:04d}" for i in range(1, customers + 1)]
    supps = [f"C{i:03d}" for i in range(1, 9)]
    totals = {"revenue": {}, "invoices": 0, "credit_notes": 0, "lines": 0, "customers": set()}
    totals["by_centre"] = {c: {} for c in cost_centres}
    totals["open_items"] = {}  # invoice -> [issued, due, paid or None]
    paid: list[tuple] = []
    with Path(path).open("w", encoding="utf-8") as out:
        _header(out, version, year, company, custs, supps, rgs)
        out.write("<transactions><linesCount>0</linesCount><totalDebit>0</totalDebit>")
        out.write("<totalCredit>0</totalCredit>")
        out.write("<journal><jrnID>VK</jrnID><desc>Verkoop</desc><jrnTp>S</jrnTp>")
        number = 0
        for month in range(1, 13):
            revenue = Decimal(0)
            count = int(invoices_per_month * (growth ** (month / 12)))
            for _ in range(count):
                number += 1
                day = date(year, month, rnd.randint(1, 28))
                net = Decimal(rnd.randint(20000, 400000)) / 100
                credit = rnd.random() < 0.04
                if credit:
                    net = -net / 4
                net = net.quantize(Decimal("0.01"))
                vat = (net * Decimal("0.21")).quantize(Decimal("0.01"))
                rel = rnd.choice(custs)
                inv = f"{year}{number:06d}"
                out.write(
                    f"<transaction><nr>{inv}</nr><desc>Factuur {inv}</desc>"
                    f"<periodNumber>{month}</periodNumber><trDt>{day.isoformat()}</trDt>"
                )
                due = day + timedelta(days=30)
                sign = ("D", "C") if net > 0 else ("C", "D")
                shown = due if due_dates else None
                _line(out, 1, "1300", abs(net + vat), sign[0], day, rel=rel, inv=inv, due=shown)
                centre = cost_centres[number % len(cost_centres)] if cost_centres else ""
                _line(out, 2, "8000", abs(net), sign[1], day, rel=rel, inv=inv, cost=centre)
                if centre:
                    month_key = f"{year}-{month:02d}"
                    by = totals["by_centre"][centre]
                    by[month_key] = by.get(month_key, Decimal(0)) + net
                _line(out, 3, "1500", abs(vat), sign[1], day, inv=inv)
                out.write("</transaction>")
                if net > 0:
                    totals["open_items"][inv] = [day, due, None]
                if payments and net > 0 and due + timedelta(days=15) <= date(year, 12, 31):
                    payday = due + timedelta(days=rnd.randint(-20, 25))
                    paid.append((payday, rel, inv, net + vat))
                    totals["open_items"][inv][2] = payday
                revenue += net
                totals["lines"] += 3
                totals["credit_notes" if credit else "invoices"] += 1
                totals["customers"].add(rel)
            totals["revenue"][f"{year}-{month:02d}"] = revenue
        out.write("</journal>")
        _purchases(out, rnd, year, supps, totals, cost_ratio, other_ratio)
        _payments(out, sorted(paid), totals)
        out.write("</transactions></company></auditfile>\n")
    totals["customers"] = len(totals["customers"])
    return totals


def _payments(out, paid, totals) -> None:
    if not paid:
        return
    out.write("<journal><jrnID>BNK</jrnID><desc>Bank</desc><jrnTp>B</jrnTp>")
    for n, (day, rel, inv, amount) in enumerate(paid, 1):
        out.write(
            f"<transaction><nr>B{n:06d}</nr><periodNumber>{day.month}</periodNumber>"
            f"<trDt>{day.isoformat()}</trDt>"
        )
        _line(out, 1, "1100", amount, "D", day, rel=rel, inv=inv)
        _line(out, 2, "1300", amount, "C", day, rel=rel, inv=inv)
        out.write("</transaction>")
        totals["lines"] += 2
    out.write("</journal>")


def _purchases(out, rnd, year, supps, totals, cost_ratio=None, other_ratio=None) -> None:
    out.write("<journal><jrnID>IK</jrnID><desc>Inkoop</desc><jrnTp>P</jrnTp>")
    cent = Decimal("0.01")
    for month in range(1, 13):
        revenue = totals["revenue"][f"{year}-{month:02d}"]
        for i in range(6):
            day = date(year, month, rnd.randint(1, 28))
            net = (Decimal(rnd.randint(50000, 300000)) / 100).quantize(cent)
            if cost_ratio is not None:
                share = Decimal(str(cost_ratio * rnd.uniform(0.9, 1.1) / 6))
                net = (revenue * share).quantize(cent)
            rel = supps[(month + i) % len(supps)]
            out.write(
                f"<transaction><nr>I{year}{month:02d}{i}</nr><periodNumber>{month}</periodNumber>"
                f"<trDt>{day.isoformat()}</trDt>"
            )
            _line(out, 1, "7000", net, "D", day, rel=rel)
            _line(out, 2, "1600", net, "C", day, rel=rel)
            out.write("</transaction>")
            totals["lines"] += 2
        out.write(
            f"<transaction><nr>H{year}{month:02d}</nr><periodNumber>{month}</periodNumber>"
            f"<trDt>{year}-{month:02d}-01</trDt>"
        )
        rent = Decimal(2500)
        if other_ratio is not None:
            rent = (revenue * Decimal(str(other_ratio))).quantize(cent)
        _line(out, 1, "4000", rent, "D", date(year, month, 1), desc="Huur")
        _line(out, 2, "1600", rent, "C", date(year, month, 1), desc="Huur")
        out.write("</transaction>")
        totals["lines"] += 2
    out.write("</journal>")
