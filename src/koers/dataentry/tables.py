"""Reading CSV and Excel files into rows of (KPI, period, value, comment).

No database: only Django's translations. ``TableError`` carries ``.code``, ``.params`` and
``.message(lang)`` (gettext, in the language asked for).

Files
-----
* CSV separated by ``,``, ``;`` or tab (found by trying each on the first lines), in UTF-16
  with a BOM, UTF-8 with or without BOM or in Windows-1252 (UTF-8 is tried first), CRLF or LF
  line ends. Blank lines and trailing empty columns are ignored. Every cell is text. A field
  longer than 131,072 characters is refused with the row it is on.
* Excel ``.xlsx`` (first sheet, or the sheet named): cells that Excel stored as dates or
  numbers are kept as ``datetime`` / ``int`` / ``float``. Before it is parsed the zip is
  checked (``check_xlsx``: what it unpacks to, how tightly it is packed) and the sheet's
  declared size; while it is read, its cells are counted.
* Rows are streamed: ``Table.rows`` and ``entries`` are read as they are used.
* Text cells that start with ``'`` before a formula character lose that one quote (see
  ``neutralise``), so that an export reads back unchanged.

Row numbers are the ones the user sees: the first line (usually the header) is row 1, blank
lines count.

Layouts
-------
* long: a KPI column, a period column, a value column and optionally a comment column;
* single (a KPI is given): a period column and a value column;
* wide: a period column and one column per KPI, headed by its code or exact name.

Headers are recognised in Dutch and English, case, spacing and punctuation ignored.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from openpyxl import load_workbook

from koers.errors import CodedError
from koers.language import resolve
from koers.numbers import format_number

__all__ = [
    "Entry",
    "Table",
    "TableError",
    "entries",
    "neutralise",
    "read_csv",
    "read_table",
    "read_xlsx",
    "restore",
    "role_of",
]

LONG, SINGLE, WIDE = "long", "single", "wide"

_ROLES = {
    "kpi": ["kpi", "indicator", "code", "kpicode", "kpis", "prestatieindicator"],
    "period": [
        "periode",
        "period",
        "maand",
        "month",
        "week",
        "datum",
        "date",
        "kwartaal",
        "quarter",
        "jaar",
        "year",
    ],
    "value": ["waarde", "value", "meetwaarde"],
    "comment": ["opmerking", "opmerkingen", "toelichting", "comment", "comments", "notitie"],
    # Shown for people, ignored when reading: the KPI's name next to its code.
    "name": ["naam", "name", "kpinaam", "kpiname", "omschrijving", "description"],
}
_ROLE_OF = {word: role for role, words in _ROLES.items() for word in words}


def _lang(lang: str | None) -> str:
    return "nl" if (lang or "").lower()[:2] == "nl" else "en"


# Limits on what a spreadsheet may unpack to, checked before it is parsed (a small zip can
# hold gigabytes: an "xlsx bomb"). Real sheets pack about 10-15 times; a sheet of a million
# rows of five columns unpacks to about 250 MB.
MAX_UNPACKED = 300 * 1024 * 1024  # bytes, all parts of the .xlsx together
MAX_RATIO = 100  # unpacked / packed, for a part that unpacks to more than a megabyte
MAX_CELLS = 5_000_000  # cells of the sheet, as declared and as read
CSV_FIELD_LIMIT = csv.field_size_limit()  # 131,072 characters

_MESSAGES = {
    "empty": _("The file is empty"),
    "not_xlsx": _("This is not an Excel file (.xlsx) we can read: %(reason)s"),
    "xls": _("Old Excel files (.xls) cannot be read; save the file as .xlsx or as CSV"),
    "no_sheet": _("There is no sheet '%(sheet)s'; this file has: %(sheets)s"),
    "no_period_column": _(
        "There is no period column (headed for example 'Period', 'Month', 'Week' or 'Date'); "
        "headers found: %(headers)s"
    ),
    "no_value_column": _("There is no value column (headed 'Value'); headers found: %(headers)s"),
    "no_kpi_columns": _(
        "There are no KPI columns: give a 'KPI' column (long layout), one column per KPI headed "
        "by its code (wide layout), or choose one KPI"
    ),
    "duplicate_column": _(
        "The column '%(header)s' appears twice (columns %(first)s and %(second)s)"
    ),
    "unnamed_column": _("Column %(column)s has no header but does hold data (row %(row)s)"),
    "field_too_long": _(
        "Row %(row)s holds a field of more than %(limit)s characters; a CSV field may be at most "
        "%(limit)s characters long (is a quote left open?)"
    ),
    "bad_csv": _("Row %(row)s cannot be read as CSV: %(reason)s"),
    "unpacked_too_large": _(
        "This Excel file unpacks to %(size)s MB, more than the %(limit)s MB we read; split it "
        "into smaller files or save it as CSV"
    ),
    "packed_too_tightly": _(
        "This Excel file is packed %(ratio)s times (part %(part)s); real spreadsheets pack at "
        "most about 20 times, so it is not read"
    ),
    "too_many_cells": _(
        "The sheet has %(cells)s cells, more than the %(limit)s we read; split it into smaller "
        "files"
    ),
}


_AMOUNTS = {"limit", "cells", "size", "ratio"}  # numbers written with thousands separators


class TableError(CodedError):
    """The file as a whole cannot be read: wrong format, no sheet, missing columns."""

    def message(self, lang: str | None = None) -> str:
        lang = resolve(lang)
        params = {
            key: format_number(value, 0, lang) if key in _AMOUNTS else value
            for key, value in self.params.items()
        }
        with translation.override(lang):
            return str(_MESSAGES[self.code]) % params


@dataclass
class Table:
    """A header and the data rows under it, each with its row number as the user sees it.

    ``rows`` is read as it is used (a file is streamed, not held in memory as cells): go
    through it once. ``read_rows`` counts the data rows gone through so far.
    """

    header: list[str]
    header_row: int
    rows: Iterable[tuple[int, list[Any]]] = field(default_factory=list)
    read_rows: int = 0


@dataclass
class Entry:
    """One value cell of a file, with what it belongs to (fields as ``plan.RowInput``)."""

    row: int
    kpi: str
    period: Any
    value: Any
    comment: str | None = None
    column: dict[str, str] = field(default_factory=dict)
    kpi_row: int | None = None


# --------------------------------------------------------------------------------------------
# Formula cells (OWASP "CSV injection")
# --------------------------------------------------------------------------------------------

# A text that a spreadsheet would take for a formula, possibly behind quotes we added.
_FORMULA = re.compile(r"'*[=+\-@\t\r]")


def neutralise(text: str) -> str:
    """A text cell that cannot start a formula: ``=1+1`` is written ``'=1+1`` (OWASP).

    Texts that already start with quotes before such a character get one more quote, so that
    ``restore`` gives back exactly the original text.
    """
    return "'" + text if _FORMULA.match(text) else text


def restore(text: str) -> str:
    """The text ``neutralise`` was given: one leading quote off a quoted formula text."""
    return text[1:] if text[:1] == "'" and _FORMULA.match(text, 1) else text


def _restored(cell: Any) -> Any:
    return restore(cell) if isinstance(cell, str) else cell


# --------------------------------------------------------------------------------------------
# Reading files
# --------------------------------------------------------------------------------------------


def _is_blank(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _trim(cells: list[Any]) -> list[Any]:
    end = len(cells)
    while end and _is_blank(cells[end - 1]):
        end -= 1
    return cells[:end]


def _table(records: Iterator, close=None) -> Table:
    """The first non-blank record is the header; blank records are skipped but counted.

    The records after the header are read only when the table's rows are gone through;
    ``close`` is called when they are done (or given up).
    """
    numbered = enumerate(records, start=1)
    for number, record in numbered:
        cells = _trim([_restored(cell) for cell in record])
        if cells:
            header = ["" if c is None else " ".join(str(c).split()) for c in cells]
            table = Table(header, number)
            table.rows = _data_rows(table, numbered, close)
            return table
    if close is not None:
        close()
    raise TableError("empty")


def _data_rows(table: Table, numbered: Iterator, close) -> Iterator[tuple[int, list[Any]]]:
    try:
        for number, record in numbered:
            cells = _trim([_restored(cell) for cell in record])
            if cells:
                table.read_rows += 1
                yield number, cells
    finally:
        if close is not None:
            close()


def decode(data: bytes) -> str:
    """UTF-16 with a BOM; UTF-8 (with or without BOM); else Windows-1252 (else Latin-1)."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _delimiter(text: str) -> str:
    """The separator that splits the first lines into the same number (≥ 2) of columns."""
    lines = [line for line in text[:65536].splitlines()[:50] if line.strip()]
    if not lines:
        return ","
    best, best_score = ",", (-1, 0)
    for candidate in (";", "\t", ","):
        try:
            counts = [len(_trim(r)) for r in csv.reader(lines, delimiter=candidate)]
        except csv.Error:
            continue
        width = counts[0]
        if width < 2:
            continue
        score = (sum(1 for c in counts if c == width or c < width), width)
        if score > best_score:
            best, best_score = candidate, score
    return best


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` with their ends, one at a time (no list of millions of lines)."""
    end = "\n" if "\n" in text else "\r"
    start, size = 0, len(text)
    while start < size:
        stop = text.find(end, start)
        stop = size if stop < 0 else stop + 1
        yield text[start:stop]
        start = stop


def _csv_records(text: str, delimiter: str) -> Iterator[list[str]]:
    reader = csv.reader(_lines(text), delimiter=delimiter)
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            row = reader.line_num
            if "field larger than field limit" in str(error):
                raise TableError("field_too_long", row=row, limit=CSV_FIELD_LIMIT) from None
            raise TableError("bad_csv", row=row, reason=str(error)) from None
        yield record


def read_csv(data: bytes) -> Table:
    text = decode(data)
    if not text.strip():
        raise TableError("empty")
    return _table(_csv_records(text, _delimiter(text)))


def check_xlsx(data: bytes) -> None:
    """Refuse a zip that would unpack to too much, before anything is parsed."""
    try:
        parts = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise TableError("not_xlsx", reason=str(error) or type(error).__name__) from None
    total = sum(part.file_size for part in parts)
    if total > MAX_UNPACKED:
        size, limit = total // 2**20, MAX_UNPACKED // 2**20
        raise TableError("unpacked_too_large", size=size, limit=limit)
    for part in parts:
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size > 2**20 and ratio > MAX_RATIO:
            raise TableError("packed_too_tightly", ratio=round(ratio), part=part.filename)


def _sheet(book, sheet: str | None):
    if not sheet:
        return book.worksheets[0]
    names = book.sheetnames
    match = [n for n in names if n == sheet] or [
        n for n in names if n.casefold().strip() == sheet.casefold().strip()
    ]
    if not match:
        raise TableError("no_sheet", sheet=sheet, sheets=", ".join(names))
    return book[match[0]]


def _counted(records: Iterable, limit: int) -> Iterator:
    """The records, refused once they hold more cells than ``limit`` (whatever was declared)."""
    cells = 0
    for record in records:
        cells += len(record)
        if cells > limit:
            raise TableError("too_many_cells", cells=cells, limit=limit)
        yield record


def read_xlsx(data: bytes, sheet: str | None = None) -> Table:
    check_xlsx(data)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise TableError("not_xlsx", reason=str(error) or type(error).__name__) from None
    try:
        worksheet = _sheet(book, sheet)
        declared = (worksheet.max_row or 0) * (worksheet.max_column or 0)
        if declared > MAX_CELLS:
            raise TableError("too_many_cells", cells=declared, limit=MAX_CELLS)
        # Rows as stored, not padded to the declared width (which may be a lie).
        worksheet.reset_dimensions()
        records = _counted(worksheet.iter_rows(min_row=1, values_only=True), MAX_CELLS)
        return _table(records, close=book.close)
    except BaseException:
        book.close()
        raise


def read_table(data: bytes, filename: str = "", sheet: str | None = None) -> Table:
    """A CSV or .xlsx file (by its content, else its name) as a Table."""
    name = filename.lower()
    if data[:4] == b"PK\x03\x04" or name.endswith((".xlsx", ".xlsm")):
        return read_xlsx(data, sheet)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" or name.endswith(".xls"):
        raise TableError("xls")
    return read_csv(data)


# --------------------------------------------------------------------------------------------
# Layouts
# --------------------------------------------------------------------------------------------


def role_of(header: str) -> str | None:
    """'kpi', 'period', 'value', 'comment', 'name' or None for a header text."""
    key = re.sub(r"[\s_\-.'’:]+", "", str(header).casefold())
    return _ROLE_OF.get(key)


def _columns(table: Table) -> dict[str, int]:
    """Role -> column index for the recognised headers (checks duplicates)."""
    found: dict[str, int] = {}
    for i, header in enumerate(table.header):
        role = role_of(header)
        if role is None:
            continue
        if role in found and role != "name":
            raise TableError("duplicate_column", header=header, first=found[role] + 1, second=i + 1)
        found.setdefault(role, i)
    return found


def _cell(cells: list[Any], i: int | None) -> Any:
    if i is None or i >= len(cells):
        return None
    value = cells[i]
    return value.strip() if isinstance(value, str) else value


def _headers(table: Table) -> str:
    return ", ".join(f"'{h}'" for h in table.header if h) or "-"


def layout_of(table: Table, single: bool = False) -> str:
    """long when there is a KPI column; else single when a KPI is given; else wide."""
    columns = _columns(table)
    if "kpi" in columns:
        return LONG
    return SINGLE if single else WIDE


def entries(table: Table, single: bool = False) -> tuple[str, Iterator[Entry]]:
    """(layout, one Entry per value cell, read as they are used). ``single``: a KPI is given by
    the caller. Missing columns are found at once; a wrong cell further down raises
    ``TableError`` when the entries reach it."""
    columns = _columns(table)
    layout = layout_of(table, single)
    if "period" not in columns:
        raise TableError("no_period_column", headers=_headers(table))
    if layout in (LONG, SINGLE):
        return layout, _long_entries(table, columns, layout)
    return layout, _wide_entries(table, columns)


def _long_entries(table: Table, columns: dict[str, int], layout: str) -> Iterator[Entry]:
    header = table.header
    p = columns["period"]
    v = columns.get("value")
    if v is None and layout == SINGLE:
        # "Maand;PW-1": the one other column holds the values.
        others = [i for i, h in enumerate(header) if h and role_of(h) is None]
        v = others[0] if len(others) == 1 else None
    if v is None:
        raise TableError("no_value_column", headers=_headers(table))
    k = columns.get("kpi")
    c = columns.get("comment")
    names = {"period": header[p], "value": header[v]}
    if k is not None:
        names["kpi"] = header[k]
    if c is not None:
        names["comment"] = header[c]
    return _long_rows(table, names, p, v, k, c)


def _long_rows(table: Table, names, p: int, v: int, k, c) -> Iterator[Entry]:
    for number, cells in table.rows:
        kpi = _cell(cells, k)
        comment = _cell(cells, c)
        yield Entry(
            number,
            "" if kpi is None else str(kpi),
            _cell(cells, p),
            _cell(cells, v),
            None if _is_blank(comment) else str(comment),
            names,
        )


def _kpi_columns(table: Table, p: int) -> list[int]:
    """The columns of a wide table that hold a KPI each (checks for doubles)."""
    header = table.header
    kpi_columns = [
        i for i, h in enumerate(header) if i != p and h and role_of(h) not in ("name", "comment")
    ]
    if not kpi_columns:
        raise TableError("no_kpi_columns")
    seen: dict[str, int] = {}
    for i in kpi_columns:
        if header[i] in seen:
            raise TableError(
                "duplicate_column", header=header[i], first=seen[header[i]] + 1, second=i + 1
            )
        seen[header[i]] = i
    return kpi_columns


def _wide_entries(table: Table, columns: dict[str, int]) -> Iterator[Entry]:
    header = table.header
    p = columns["period"]
    kpi_columns = _kpi_columns(table, p)
    unnamed = [i for i, h in enumerate(header) if not h and i != p]
    column_names = {
        i: {"kpi": header[i], "value": header[i], "period": header[p]} for i in kpi_columns
    }
    return _wide_rows(table, p, kpi_columns, unnamed, column_names)


def _wide_rows(table: Table, p: int, kpi_columns, unnamed, column_names) -> Iterator[Entry]:
    width = len(table.header)
    for number, cells in table.rows:
        for i in [*unnamed, *range(width, len(cells))]:
            if not _is_blank(_cell(cells, i)):
                raise TableError("unnamed_column", column=i + 1, row=number)
        period = _cell(cells, p)
        for i in kpi_columns:
            yield Entry(
                number, table.header[i], period, _cell(cells, i), None, column_names[i],
                table.header_row,
            )  # fmt: skip
