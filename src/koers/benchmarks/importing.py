"""Importing a benchmark file: read it, check every cell, then store all figures or none.

The file is read by the data-entry readers (``koers.dataentry.tables``: CSV in UTF-8, UTF-16
or Windows-1252 with ``;``, ``,`` or tab, or ``.xlsx``; size caps, zip-bomb checks, formula
quotes undone). Headers in Dutch or English: source/bron, sector/SBI, size class/
grootteklasse, year/jaar (or period/periode), catalogue key/catalogus, median/mediaan,
P25, P75 and n/aantal. Source, sector and size class may be left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from koers import catalogue
from koers.dataentry.tables import TableError, read_table
from koers.numbers import NumberError, detect_decimal, parse_number
from koers.organisations.models import Organisation
from koers.periods import Period, PeriodError, parse_period

from .errors import BenchmarkError
from .models import BenchmarkSet, Figure

COLUMNS: dict[str, list[str]] = {
    "source": ["source", "bron"],
    "sector": ["sector", "sbi", "sbicode", "branche", "sectorsbi"],
    "size_class": ["sizeclass", "size", "grootteklasse", "grootte", "omvang", "klasse"],
    "year": ["year", "jaar", "period", "periode"],
    "catalogue_key": [
        "cataloguekey",
        "catalogkey",
        "catalogue",
        "key",
        "catalogussleutel",
        "catalogus",
        "sleutel",
        "kpi",
    ],
    "median": ["median", "mediaan", "p50"],
    "p25": ["p25", "q1", "firstquartile", "eerstekwartiel"],
    "p75": ["p75", "q3", "thirdquartile", "derdekwartiel"],
    "n": ["n", "count", "number", "aantal", "aantalbedrijven", "companies"],
}
REQUIRED = ["year", "catalogue_key", "median", "p25", "p75", "n"]
SHOWN_NAMES = {  # how a missing column is named in the message (English, Dutch)
    "year": ("year", "jaar"),
    "catalogue_key": ("catalogue key", "catalogus"),
    "median": ("median", "mediaan"),
    "p25": ("P25", "p25"),
    "p75": ("P75", "p75"),
    "n": ("n", "aantal"),
}
_ROLE = {word: role for role, words in COLUMNS.items() for word in words}
SIZE_CLASSES = {
    "micro": "micro",
    "small": "small",
    "klein": "small",
    "medium": "medium",
    "middelgroot": "medium",
    "middel": "medium",
    "large": "large",
    "groot": "large",
    "19": "micro",
    "1049": "small",
    "50249": "medium",
    "250": "large",
}


def _key(text) -> str:
    return re.sub(r"[\s_\-.'’:()]+", "", str(text).casefold())


@dataclass
class Row:
    """One figure read from the file, with the row it came from."""

    row: int
    source: str
    sector: str
    size_class: str
    year: int
    period: str
    catalogue_key: str
    median: Decimal
    p25: Decimal
    p75: Decimal
    n: int


@dataclass
class Reading:
    """What a file holds: the figures, or every problem found (then nothing is imported)."""

    file_name: str
    rows: list[Row] = field(default_factory=list)
    errors: list[BenchmarkError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)


def _columns(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, text in enumerate(header):
        role = _ROLE.get(_key(text))
        if role and role not in found:
            found[role] = index
    return found


def _text(cells: list, index: int | None) -> str:
    if index is None or index >= len(cells) or cells[index] is None:
        return ""
    cell = cells[index]
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return " ".join(str(cell).split())


class _Cells:
    """The cells of one row, read by role; a bad cell raises a ``BenchmarkError``."""

    def __init__(self, row: int, cells: list, columns: dict[str, int], header, decimal):
        self.row, self.cells, self.columns, self.header = row, cells, columns, header
        self.decimal = decimal

    def name(self, role: str) -> str:
        return self.header[self.columns[role]]

    def text(self, role: str, limit: int = 200) -> str:
        value = _text(self.cells, self.columns.get(role))
        if len(value) > limit:
            raise BenchmarkError("too_long", row=self.row, column=self.name(role), limit=limit)
        return value

    def fail(self, code: str, role: str, **params) -> BenchmarkError:
        return BenchmarkError(code, row=self.row, column=self.name(role), **params)

    def required(self, role: str) -> str:
        value = self.text(role)
        if not value:
            raise self.fail("empty", role)
        return value

    def number(self, role: str) -> Decimal:
        index = self.columns[role]
        cell = self.cells[index] if index < len(self.cells) else None
        if isinstance(cell, int | float) and not isinstance(cell, bool):
            return parse_number(cell)
        text = self.required(role)
        try:
            return parse_number(text, self.decimal)
        except NumberError:
            raise self.fail("not_a_number", role, value=text) from None


def _year(cells: _Cells) -> tuple[int, str]:
    text = cells.required("year")
    try:
        period = parse_period(text)
    except PeriodError:
        raise cells.fail("not_a_year", "year", value=text) from None
    if not isinstance(period, Period):
        raise cells.fail("not_a_year", "year", value=text)
    return period.year, ("" if period.frequency == "year" else period.key)


def _row(cells: _Cells) -> Row:
    key = cells.required("catalogue_key")
    try:
        catalogue.get(key)
    except catalogue.UnknownEntryError:
        raise cells.fail("unknown_key", "catalogue_key", value=key) from None
    year, period = _year(cells)
    median, p25, p75 = cells.number("median"), cells.number("p25"), cells.number("p75")
    if p25 > median:
        raise cells.fail("p25_above_median", "p25", p25=p25, median=median)
    if median > p75:
        raise cells.fail("median_above_p75", "p75", median=median, p75=p75)
    n_text = cells.required("n")
    n = cells.number("n")
    if n != n.to_integral_value() or n < 1:
        raise cells.fail("not_a_count", "n", value=n_text)
    sector = re.sub(r"[.\s]", "", cells.text("sector")) if "sector" in cells.columns else ""
    if sector and not re.fullmatch(r"[0-9]{2,5}", sector):
        raise cells.fail("bad_sector", "sector", value=cells.text("sector"))
    size_text = cells.text("size_class") if "size_class" in cells.columns else ""
    size = SIZE_CLASSES.get(_key(size_text).replace("–", "").replace("+", ""), None)
    if size_text and size is None:
        raise cells.fail("bad_size_class", "size_class", value=size_text)
    source = cells.text("source") if "source" in cells.columns else ""
    return Row(cells.row, source, sector, size or "", year, period, key, median, p25, p75, int(n))


def _decimal_of(rows: list[tuple[int, list]], columns: dict[str, int]) -> str | None:
    texts = []
    for role in ("median", "p25", "p75"):
        index = columns[role]
        texts += [cells[index] for _, cells in rows if index < len(cells)]
    try:
        return detect_decimal(t for t in texts if isinstance(t, str))
    except NumberError:
        return None


def read_file(data: bytes, file_name: str) -> Reading:
    """Every figure of the file, or every problem in it (never a part)."""
    reading = Reading(file_name)
    try:
        table = read_table(data, file_name)
        rows = list(table.rows)
    except TableError as error:
        reading.errors.append(BenchmarkError.from_table(error))
        return reading
    columns = _columns(table.header)
    missing = [role for role in REQUIRED if role not in columns]
    for role in missing:
        english, dutch = SHOWN_NAMES[role]
        reading.errors.append(
            BenchmarkError(
                "missing_column", column=english, alias=dutch, headers=", ".join(table.header)
            )
        )
    if missing:
        return reading
    decimal = _decimal_of(rows, columns)
    default_source = Path(file_name).stem
    for number, cells in rows:
        try:
            row = _row(_Cells(number, cells, columns, table.header, decimal))
        except BenchmarkError as error:
            reading.errors.append(error)
            continue
        row.source = row.source or default_source
        reading.rows.append(row)
    if not rows:
        reading.errors.append(BenchmarkError("no_rows"))
    return reading


@dataclass
class Stored:
    benchmark_set: BenchmarkSet
    new: int
    replaced: int


def store(reading: Reading, organisation: Organisation | None = None, user=None) -> Stored:
    """Store every figure of a reading in one transaction; a newer figure with the same source,
    sector, size class, year and catalogue key replaces the older one of the same scope."""
    if not reading.ok:
        raise ValueError("a reading with errors is not stored")
    with transaction.atomic():
        benchmark_set = BenchmarkSet.objects.create(
            organisation=organisation,
            file_name=reading.file_name[:300],
            figures_count=len(reading.rows),
            imported_by=user,
        )
        figures = [
            Figure(
                benchmark_set=benchmark_set,
                source=row.source[:200],
                sector=row.sector,
                size_class=row.size_class,
                year=row.year,
                period=row.period,
                catalogue_key=row.catalogue_key,
                median=row.median,
                p25=row.p25,
                p75=row.p75,
                n=row.n,
            )
            for row in reading.rows
        ]
        identities = {figure.identity for figure in figures}
        older = Figure.objects.filter(benchmark_set__organisation=organisation).exclude(
            benchmark_set=benchmark_set
        )
        older = older.filter(catalogue_key__in={f.catalogue_key for f in figures})
        stale = [f.pk for f in older if f.identity in identities]
        Figure.objects.filter(pk__in=stale).delete()
        Figure.objects.bulk_create(figures)
    return Stored(benchmark_set, len(figures) - len(stale), len(stale))
