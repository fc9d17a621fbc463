"""One report, three forms: an HTML document, a PDF (WeasyPrint) and an Excel workbook.

All three take the ``Report`` built by ``content.build_report``: the same numbers, verdicts
and reasons in every form. The PDF is rendered from the same HTML template the browser prints.
"""

from __future__ import annotations

import io
import mimetypes
import re
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from .content import Report, Row

CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def filename(report: Report, fmt: str) -> str:
    return f"koers-{report.organisation_slug}-{report.unit_slug}-{report.period_key}.{fmt}"


def render_html(report: Report, **extra) -> str:
    """The report as a standalone HTML document (no navigation): print, PDF, shared links."""
    with translation.override(report.lang):
        return render_to_string("reports/report_document.html", {"report": report, **extra})


def _static_fetcher():
    """A fetcher that serves /static/ files from disk and fetches nothing else (no network)."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            path = unquote(urlparse(url).path)
            static = urlparse(settings.STATIC_URL).path
            found = finders.find(path[len(static) :]) if path.startswith(static) else None
            if not found:
                raise ValueError(f"not fetched while rendering a report: {url}")
            with open(found, "rb") as handle:
                data = handle.read()
            mime = mimetypes.guess_type(found)[0] or "application/octet-stream"
            return URLFetcherResponse(url, data, {"Content-Type": mime})

    return StaticFetcher()


def render_pdf(report: Report) -> bytes:
    """The report as PDF, from the same HTML template; one A4 page (or more) per unit."""
    from weasyprint import HTML  # heavy import: only when a PDF is asked for

    html = render_html(report, pdf=True)
    document = HTML(string=html, base_url=settings.SITE_URL + "/", url_fetcher=_static_fetcher())
    return document.write_pdf()


# ------------------------------------------------------------------------------------------
# Excel
# ------------------------------------------------------------------------------------------

_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def _sheet_title(name: str, used: set[str]) -> str:
    base = _BAD_SHEET_CHARS.sub("-", name).strip("'")[:31] or "-"
    title, n = base, 2
    while title.lower() in used:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(title.lower())
    return title


def _number_format(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def _pct(value: float | None) -> float | None:
    return None if value is None else value / 100


def render_xlsx(report: Report) -> bytes:
    """One sheet per unit; real numbers with number formats; verdict and reason as columns."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    with translation.override(report.lang):
        workbook = Workbook()
        workbook.remove(workbook.active)
        used: set[str] = set()
        headers = [
            _("Group"),
            _("Code"),
            _("KPI"),
            _("Unit"),
            _("Period"),
            _("Value"),
            _("Unit of measure"),
            _("Previous period"),
            _("Previous value"),
            _("Change"),
            _("Change %"),
            _("Same period a year ago"),
            _("Value a year ago"),
            _("Change vs a year ago"),
            _("Change % vs a year ago"),
            _("Trend verdict"),
            _("Reason"),
            _("Target"),
            _("Will the target be met?"),
            _("Benchmark"),
            _("Benchmark source"),
            _("Part of KPI"),
        ]
        widths = [
            24,
            10,
            34,
            18,
            12,
            12,
            10,
            14,
            12,
            11,
            10,
            14,
            12,
            11,
            10,
            16,
            60,
            10,
            34,
            12,
            26,
            12,
        ]
        bold = Font(bold=True)
        fill = PatternFill("solid", fgColor="E9EEF3")
        for section in report.sections:
            sheet = workbook.create_sheet(_sheet_title(section.unit_name, used))
            header_block = [
                (_("Organisation"), report.organisation_name),
                (_("Report"), report.unit_name),
                (_("Unit"), section.unit_name),
                (_("Period"), report.period_long_label),
                (_("Date"), report.generated_text),
                (_("Grouping"), report.group_label),
            ]
            for r, (label, value) in enumerate(header_block, start=1):
                sheet.cell(r, 1, label).font = bold
                sheet.cell(r, 2, value)
            first = len(header_block) + 2
            for c, text in enumerate(headers, start=1):
                cell = sheet.cell(first, c, text)
                cell.font, cell.fill = bold, fill
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            r = first + 1
            rows: list[tuple[str, Row, str]] = []
            for group in section.groups:
                for row in group.rows:
                    rows.append((group.title, row, ""))
                    if section.is_top:
                        rows.extend((group.title, child, row.code) for child in row.children)
            for group_title, row, parent_code in rows:
                fmt = _number_format(row.decimals)
                values = [
                    (group_title, None),
                    (row.code, None),
                    (row.name, None),
                    (row.unit_name, None),
                    (row.period_label, "@"),
                    (row.value, fmt),
                    (row.symbol, None),
                    (row.previous_label if row.value is not None else "", "@"),
                    (row.previous_value, fmt),
                    (row.change, fmt),
                    (_pct(row.change_pct), "0.0%"),
                    (row.year_ago_label if row.value is not None else "", "@"),
                    (row.year_ago_value, fmt),
                    (row.year_change, fmt),
                    (_pct(row.year_change_pct), "0.0%"),
                    (row.verdict_label or _("not judged yet"), None),
                    (row.reason, None),
                    (row.target, _number_format(min(row.decimals, 6))),
                    (row.assurance_text, None),
                    (row.benchmark_value, None),
                    (row.benchmark_source, None),
                    (parent_code, None),
                ]
                for c, (value, number_format) in enumerate(values, start=1):
                    cell = sheet.cell(r, c, value)
                    if number_format and value not in (None, ""):
                        cell.number_format = number_format
                    cell.alignment = Alignment(wrap_text=c == 17, vertical="top")
                r += 1
            if section.goals:
                r += 1
                sheet.cell(r, 1, _("Annual goals")).font = bold
                r += 1
                goal_headers = [_("Annual goal"), _("Target KPI"), _("Target"), _("Latest value")]
                for c, text in enumerate(goal_headers, start=1):
                    cell = sheet.cell(r, c, text)
                    cell.font, cell.fill = bold, fill
                for goal in section.goals:
                    r += 1
                    sheet.cell(r, 1, goal.title)
                    sheet.cell(r, 2, f"{goal.kpi_code} {goal.kpi_name}".strip())
                    sheet.cell(r, 3, goal.target_value)
                    sheet.cell(r, 4, goal.latest_value)
            for c, width in enumerate(widths, start=1):
                sheet.column_dimensions[get_column_letter(c)].width = width
            sheet.freeze_panes = sheet.cell(first + 1, 4)
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()


def render(report: Report, fmt: str) -> bytes:
    if fmt == "pdf":
        return render_pdf(report)
    if fmt == "xlsx":
        return render_xlsx(report)
    return render_html(report).encode()
