"""Reading CSV and Excel files into rows of (KPI, period, value, comment).

Pure module: no Django. User-facing text comes from the small Dutch/English table below;
``TableError`` carries ``.code``, ``.params`` and ``.message(lang)``.

Files
-----
* CSV separated by ``,``, ``;`` or tab (found by trying each on the first lines), in UTF-8
  with or without BOM or in Windows-1252 (UTF-8 is tried first), CRLF or LF line ends.
  Blank lines and trailing empty columns are ignored. Every cell is text.
* Excel ``.xlsx`` (first sheet, or the sheet named): cells that Excel stored as dates or
  numbers are kept as ``datetime`` / ``int`` / ``float``.

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
from dataclasses import dataclass, field
from typing import Any

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


_MESSAGES = {
    "nl": {
        "empty": "Het bestand is leeg",
        "not_xlsx": "Dit is geen Excel-bestand (.xlsx) dat we kunnen lezen: {reason}",
        "xls": "Oude Excel-bestanden (.xls) kunnen we niet lezen; sla het bestand op als .xlsx "
        "of als CSV",
        "no_sheet": "Het werkblad '{sheet}' bestaat niet; dit bestand heeft: {sheets}",
        "no_period_column": "Er is geen kolom met de periode (kop bijvoorbeeld 'Periode', "
        "'Maand', 'Week' of 'Datum'); gevonden koppen: {headers}",
        "no_value_column": "Er is geen kolom met de waarde (kop 'Waarde'); gevonden koppen: "
        "{headers}",
        "no_kpi_columns": "Er zijn geen kolommen met KPI's: geef een kolom 'KPI' (lange "
        "vorm), een kolom per KPI met de code als kop (brede vorm) of kies één KPI",
        "duplicate_column": "De kolom '{header}' staat er twee keer in (kolom {first} en {second})",
        "unnamed_column": "Kolom {column} heeft geen kop maar wel gegevens (rij {row})",
    },
    "en": {
        "empty": "The file is empty",
        "not_xlsx": "This is not an Excel file (.xlsx) we can read: {reason}",
        "xls": "Old Excel files (.xls) cannot be read; save the file as .xlsx or as CSV",
        "no_sheet": "There is no sheet '{sheet}'; this file has: {sheets}",
        "no_period_column": "There is no period column (headed for example 'Period', 'Month', "
        "'Week' or 'Date'); headers found: {headers}",
        "no_value_column": "There is no value column (headed 'Value'); headers found: {headers}",
        "no_kpi_columns": "There are no KPI columns: give a 'KPI' column (long layout), one "
        "column per KPI headed by its code (wide layout), or choose one KPI",
        "duplicate_column": "The column '{header}' appears twice (columns {first} and {second})",
        "unnamed_column": "Column {column} has no header but does hold data (row {row})",
    },
}


class TableError(ValueError):
    """The file as a whole cannot be read: wrong format, no sheet, missing columns."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "nl") -> str:
        return _MESSAGES[_lang(lang)][self.code].format(**self.params)

    def __str__(self) -> str:
        return self.message("en")


@dataclass
class Table:
    """A header and the data rows under it, each with its row number as the user sees it."""

    header: list[str]
    header_row: int
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)


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


def _table(records) -> Table:
    """The first non-blank record is the header; blank records are skipped but counted."""
    header: list[str] | None = None
    header_row = 0
    rows: list[tuple[int, list[Any]]] = []
    for number, record in enumerate(records, start=1):
        cells = _trim([_restored(cell) for cell in record])
        if not cells:
            continue
        if header is None:
            header = ["" if c is None else " ".join(str(c).split()) for c in cells]
            header_row = number
        else:
            rows.append((number, cells))
    if header is None:
        raise TableError("empty")
    return Table(header, header_row, rows)


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 (else Latin-1, which reads anything)."""
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
    lines = [line for line in text.splitlines()[:50] if line.strip()]
    if not lines:
        return ","
    best, best_score = ",", (-1, 0)
    for candidate in (";", "\t", ","):
        counts = [len(_trim(r)) for r in csv.reader(lines, delimiter=candidate)]
        width = counts[0]
        if width < 2:
            continue
        score = (sum(1 for c in counts if c == width or c < width), width)
        if score > best_score:
            best, best_score = candidate, score
    return best


def read_csv(data: bytes) -> Table:
    text = decode(data)
    if not text.strip():
        raise TableError("empty")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    return _table(reader)


def read_xlsx(data: bytes, sheet: str | None = None) -> Table:
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise TableError("not_xlsx", reason=str(error) or type(error).__name__) from None
    try:
        if sheet:
            names = book.sheetnames
            match = [n for n in names if n == sheet] or [
                n for n in names if n.casefold().strip() == sheet.casefold().strip()
            ]
            if not match:
                raise TableError("no_sheet", sheet=sheet, sheets=", ".join(names))
            worksheet = book[match[0]]
        else:
            worksheet = book.worksheets[0]
        return _table(worksheet.iter_rows(min_row=1, values_only=True))
    finally:
        book.close()


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


def entries(table: Table, single: bool = False) -> tuple[str, list[Entry]]:
    """(layout, one Entry per value cell). ``single``: a KPI is given by the caller."""
    columns = _columns(table)
    layout = layout_of(table, single)
    header = table.header
    if "period" not in columns:
        raise TableError("no_period_column", headers=_headers(table))
    p = columns["period"]
    names = {"period": header[p]}

    if layout in (LONG, SINGLE):
        v = columns.get("value")
        if v is None and layout == SINGLE:
            # "Maand;PW-1": the one other column holds the values.
            others = [i for i, h in enumerate(header) if h and role_of(h) is None]
            v = others[0] if len(others) == 1 else None
        if v is None:
            raise TableError("no_value_column", headers=_headers(table))
        k = columns.get("kpi")
        c = columns.get("comment")
        names["value"] = header[v]
        if k is not None:
            names["kpi"] = header[k]
        if c is not None:
            names["comment"] = header[c]
        out = []
        for number, cells in table.rows:
            kpi = _cell(cells, k)
            comment = _cell(cells, c)
            out.append(
                Entry(
                    number,
                    "" if kpi is None else str(kpi),
                    _cell(cells, p),
                    _cell(cells, v),
                    None if _is_blank(comment) else str(comment),
                    names,
                )
            )
        return layout, out

    kpi_columns = [
        i for i, h in enumerate(header) if i != p and role_of(h) not in ("name", "comment")
    ]
    for number, cells in table.rows:
        for i in range(len(header), len(cells)):
            if not _is_blank(cells[i]):
                raise TableError("unnamed_column", column=i + 1, row=number)
        for i in kpi_columns:
            if not header[i] and not _is_blank(_cell(cells, i)):
                raise TableError("unnamed_column", column=i + 1, row=number)
    kpi_columns = [i for i in kpi_columns if header[i]]
    if not kpi_columns:
        raise TableError("no_kpi_columns")
    seen: dict[str, int] = {}
    for i in kpi_columns:
        if header[i] in seen:
            raise TableError(
                "duplicate_column", header=header[i], first=seen[header[i]] + 1, second=i + 1
            )
        seen[header[i]] = i
    out = []
    column_names = {i: {"kpi": header[i], "value": header[i], **names} for i in kpi_columns}
    for number, cells in table.rows:
        period = _cell(cells, p)
        for i in kpi_columns:
            out.append(
                Entry(
                    number,
                    header[i],
                    period,
                    _cell(cells, i),
                    None,
                    column_names[i],
                    table.header_row,
                )
            )
    return layout, out
