"""Measurements out as CSV or Excel, in a layout that imports back unchanged.

* long: KPI, name, period, value, comment — one row per value;
* wide: period, then one column per KPI headed by its code — one row per period.

Periods are written as their canonical key (``2025-01``, ``2025-W07``, ``2025-Q1``,
``2025``), which every import reads for the KPI's own frequency. Dutch CSV uses ``;`` and
decimal commas, English ``,`` and points; both are UTF-8 with a BOM so Excel shows accents.
In Excel files values are real number cells (formatted with the KPI's decimals) and periods
text cells, so Excel does not turn ``2025-01`` into a date. Values are written without
thousands separators and, when they would otherwise look ambiguous (``1,234``), with a
fourth decimal (``1,2340``), so that importing the file never needs ``--decimal``.
Text cells that would start a formula (``=``, ``+``, ``-``, ``@``, tab, CR) get a leading
``'`` (``tables.neutralise``, OWASP); reading the file takes it off again.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils import translation
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from koers.kpis.models import KPI, Measurement
from koers.numbers import format_number
from koers.organisations.models import Unit

from .tables import neutralise

FORMATS = ("csv", "xlsx")
LAYOUTS = ("long", "wide")


def headers(lang: str) -> dict[str, str]:
    """Column headers and the sheet name, in ``lang`` (``tables`` reads them in both)."""
    with translation.override(_lang(lang)):
        return {
            "kpi": pgettext("export column", "KPI"),
            "name": pgettext("export column", "Name"),
            "period": pgettext("export column", "Period"),
            "value": pgettext("export column", "Value"),
            "comment": pgettext("export column", "Comment"),
            "sheet": pgettext("export sheet", "Measurements"),
        }


CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass
class ExportFile:
    data: bytes
    content_type: str
    extension: str


def _lang(lang: str | None) -> str:
    return "nl" if (lang or "").lower()[:2] == "nl" else "en"


def value_text(value: Decimal, lang: str) -> str:
    """A stored value as text that reads back as exactly that value, in either language."""
    value = value.normalize()
    text = format_number(value, None, lang, grouping=False)
    sep = "," if _lang(lang) == "nl" else "."
    whole, _, frac = text.lstrip("-").partition(sep)
    if len(frac) == 3 and 0 < len(whole) <= 3 and int(whole) != 0:
        text += "0"  # "1,234" could be 1234; "1,2340" cannot
    return text


def _number(value: Decimal) -> int | float:
    value = value.normalize()
    return int(value) if value == value.to_integral_value() else float(value)


def _measurements(kpis: list[KPI]) -> dict[int, list[Measurement]]:
    found: dict[int, list[Measurement]] = defaultdict(list)
    rows = (
        Measurement.objects.filter(kpi__in=[k.pk for k in kpis])
        .order_by("period_start")
        .only("kpi_id", "period_start", "value", "comment")
    )
    for m in rows.iterator(chunk_size=5000):
        found[m.kpi_id].append(m)
    return found


def table(kpis: Iterable[KPI], layout: str, lang: str) -> tuple[list[str], list[list]]:
    """(header, rows) with Decimal values and key texts; ``kpis`` in the order to write."""
    kpis = list(kpis)
    h = headers(lang)
    by_kpi = _measurements(kpis)
    if layout == "long":
        header = [h["kpi"], h["name"], h["period"], h["value"], h["comment"]]
        rows = []
        for kpi in kpis:
            for m in by_kpi.get(kpi.pk, []):
                rows.append([kpi.code, kpi.name, kpi.period_of(m.period_start).key, m.value,
                             m.comment])  # fmt: skip
        return header, rows
    header = [h["period"]] + [kpi.code for kpi in kpis]
    # Rows by period start, then frequency, so weeks, months, quarters and years interleave.
    grid: dict[tuple, dict[int, Decimal]] = defaultdict(dict)
    for column, kpi in enumerate(kpis):
        for m in by_kpi.get(kpi.pk, []):
            period = kpi.period_of(m.period_start)
            grid[(m.period_start, period.key)][column] = m.value
    rows = []
    for (_, key), values in sorted(grid.items()):
        rows.append([key] + [values.get(i) for i in range(len(kpis))])
    return header, rows


def write(kpis: Iterable[KPI], *, fmt: str = "csv", layout: str = "long", lang: str = "nl"):
    """The export file for these KPIs."""
    lang = _lang(lang)
    kpis = list(kpis)
    header, rows = table(kpis, layout, lang)
    if fmt == "xlsx":
        return ExportFile(_xlsx(kpis, header, rows, layout, lang), CONTENT_TYPES["xlsx"], "xlsx")
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";" if lang == "nl" else ",", lineterminator="\r\n")
    writer.writerow([neutralise(text) for text in header])
    for row in rows:
        writer.writerow([_csv_cell(c, lang) for c in row])
    return ExportFile(out.getvalue().encode("utf-8-sig"), CONTENT_TYPES["csv"], "csv")


def _csv_cell(value, lang: str) -> str:
    """Numbers as text that reads back exactly; text that cannot start a formula."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return value_text(value, lang)
    return neutralise(str(value))


def _number_format(decimals: int) -> str:
    return "0" if not decimals else "0." + "0" * decimals


def _head_cells(sheet, header: list[str]) -> list[WriteOnlyCell]:
    bold = Font(bold=True)
    cells = []
    for text in header:
        cell = WriteOnlyCell(sheet, value=neutralise(text))
        cell.font = bold
        cells.append(cell)
    return cells


def _number_cell(sheet, value: Decimal, places: int) -> WriteOnlyCell:
    """A real number cell, showing the KPI's decimals and never hiding digits the value has."""
    cell = WriteOnlyCell(sheet, value=_number(value))
    own = max(0, -value.normalize().as_tuple().exponent)
    cell.number_format = _number_format(max(places, own))
    return cell


def _other_cell(sheet, value) -> WriteOnlyCell:
    """Text as a text cell that cannot start a formula (periods stay text, not dates)."""
    if not isinstance(value, str):
        return WriteOnlyCell(sheet, value=value)
    cell = WriteOnlyCell(sheet, value=neutralise(value))
    cell.number_format = "@"
    return cell


def _xlsx(kpis: list[KPI], header: list[str], rows: list[list], layout: str, lang: str) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(headers(lang)["sheet"])
    sheet.append(_head_cells(sheet, header))
    decimals = {kpi.code: kpi.decimals for kpi in kpis}
    column_decimals = [decimals.get(code, 0) for code in header]
    for row in rows:
        cells = []
        for i, value in enumerate(row):
            if isinstance(value, Decimal):
                places = decimals.get(row[0], 0) if layout == "long" else column_decimals[i]
                cells.append(_number_cell(sheet, value, places))
            else:
                cells.append(_other_cell(sheet, value))
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def select_kpis(organisation, *, codes: Iterable[str] = (), unit=None):
    """The KPIs to export: by code (a retired KPI too: its history stays downloadable), else a
    unit and its sub-units, else all current ones."""
    kpis = KPI.objects.for_org(organisation).select_related("unit")
    codes = [c for c in codes if c]
    if codes:
        kpis = kpis.filter(code__in=codes)
    else:
        kpis = kpis.current()
    if unit is not None:
        kpis = kpis.filter(unit_id__in=Unit.objects.subtree_ids(unit))
    return kpis.order_by("unit__order", "code")


def filename(organisation, ext: str, today, suffix: str = "") -> str:
    part = f"-{suffix}" if suffix else ""
    return f"koers-{organisation.slug}{part}-{today.isoformat()}.{ext}"
