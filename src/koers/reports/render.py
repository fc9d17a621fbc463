"""One report, three forms: an HTML document, a PDF (WeasyPrint) and an Excel workbook.

All three take the ``Report`` built by ``content.build_report``: the same numbers, verdicts
and reasons in every form. The PDF is rendered from the same HTML template the browser prints.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import io
import math
import mimetypes
import re
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .content import Report
from .rows import Row

CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def filename(report: Report, fmt: str) -> str:
    edition = "-full" if report.is_full else ""
    return f"koers-{report.organisation_slug}-{report.unit_slug}-{report.period_key}{edition}.{fmt}"


def render_html(report: Report, **extra) -> str:
    """The report as a standalone HTML document (no navigation): print, PDF, shared links."""
    with translation.override(report.lang):
        return render_to_string("reports/report_document.html", {"report": report, **extra})


SPARK_URL = "koers-spark:"
_SPARK = re.compile(r'<svg class="spark"(.*?)</svg>', re.S)
_BETWEEN_TAGS = re.compile(r">\s+<")
_NOT_DRAWN = re.compile(r' role="img" aria-label="[^"]*"|<title>.*?</title>', re.S)


def _detach_sparklines(html: str) -> tuple[str, dict[str, bytes]]:
    """The PDF's sparklines as images the fetcher serves from memory: WeasyPrint then parses
    each small SVG on its own (expat) instead of as part of the page (its HTML parser and the
    page's cascade, ~a fifth of the compact PDF's time with 300 KPIs). Same drawing."""
    images: dict[str, bytes] = {}

    def detach(match: re.Match) -> str:
        url = f"{SPARK_URL}{len(images)}"
        inner = _NOT_DRAWN.sub("", match.group(1))  # its title is for screen readers
        svg = '<svg xmlns="http://www.w3.org/2000/svg"' + inner + "</svg>"
        images[url] = svg.encode()
        return f'<img class="spark" src="{url}" alt="">'

    return _SPARK.sub(detach, html), images


class _Sparkline:
    """A sparkline of ``koers.charts.sparkline`` drawn straight into the PDF: the same paths,
    colours and line widths WeasyPrint's SVG renderer writes for it, without its per-node
    cascade (~a sixth of the compact PDF's time with 300 KPIs). An image of WeasyPrint's
    image cache (``get_intrinsic_size`` and ``draw``, as its ``SVGImage``)."""

    #: tag -> the attributes it may have (more, or another tag: WeasyPrint draws the SVG)
    SHAPES = {
        "rect": {"x", "y", "width", "height", "fill"},
        "line": {"x1", "x2", "y1", "y2", "stroke", "stroke-width", "stroke-dasharray"},
        "polyline": {"points", "fill", "stroke", "stroke-width", "stroke-linejoin"},
        "circle": {"cx", "cy", "r", "fill"},
    }
    CURVE = 1 / math.sqrt(math.pi)  # a circle as four Bézier curves, as WeasyPrint draws it

    def __init__(self, root):
        self.width, self.height = float(root.get("width")), float(root.get("height"))
        _x, _y, self.view_width, self.view_height = map(float, root.get("viewBox").split())
        self.shapes = []
        for node in root:
            tag = node.tag.rpartition("}")[2]
            if tag not in self.SHAPES or not set(node.attrib) <= self.SHAPES[tag] or len(node):
                raise ValueError(f"not a sparkline shape: {tag} {node.attrib}")
            self.shapes.append((tag, node.attrib))

    @classmethod
    def parse(cls, svg: str) -> _Sparkline | None:
        from xml.etree import ElementTree

        try:
            return cls(ElementTree.fromstring(svg))
        except (ValueError, TypeError, AttributeError, ElementTree.ParseError):
            return None  # not drawn here: WeasyPrint's SVG renderer draws it

    def get_intrinsic_size(self, image_resolution, font_size):
        return self.width, self.height, self.width / self.height

    @staticmethod
    def _rgb(colour: str) -> tuple[float, float, float]:
        return tuple(int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))

    def draw(self, stream, width, height, style):
        # preserveAspectRatio xMidYMid meet: scaled to fit, centred
        scale = min(width / self.view_width, height / self.view_height)
        stream.push_state()
        stream.transform(
            a=scale,
            d=scale,
            e=(width - self.view_width * scale) / 2,
            f=(height - self.view_height * scale) / 2,
        )
        for tag, a in self.shapes:
            getattr(self, "_" + tag)(stream, a)
        stream.pop_state()

    def _stroke_style(self, stream, a, join: int) -> None:
        stream.set_color_rgb(*self._rgb(a["stroke"]), stroke=True)
        stream.set_line_width(float(a.get("stroke-width", 1)))
        dashes = a.get("stroke-dasharray", "").replace(",", " ").split()
        stream.set_dash([float(d) for d in dashes], 0)
        stream.set_line_join(join)

    def _rect(self, stream, a):
        stream.set_color_rgb(*self._rgb(a["fill"]))
        stream.rectangle(*(float(a[k]) for k in ("x", "y", "width", "height")))
        stream.fill()

    def _line(self, stream, a):
        self._stroke_style(stream, a, 0)
        stream.move_to(float(a["x1"]), float(a["y1"]))
        stream.line_to(float(a["x2"]), float(a["y2"]))
        stream.stroke()

    def _polyline(self, stream, a):
        if a.get("fill") != "none":
            raise ValueError("a filled polyline")  # pragma: no cover - charts.sparkline
        self._stroke_style(stream, a, 1 if a.get("stroke-linejoin") == "round" else 0)
        points = a["points"].replace(",", " ").split()
        stream.move_to(float(points[0]), float(points[1]))
        for i in range(2, len(points) - 1, 2):
            stream.line_to(float(points[i]), float(points[i + 1]))
        stream.stroke()

    def _circle(self, stream, a):
        x, y, r = float(a["cx"]), float(a["cy"]), float(a["r"])
        k = r * self.CURVE
        stream.set_color_rgb(*self._rgb(a["fill"]))
        stream.move_to(x + r, y)
        stream.curve_to(x + r, y + k, x + k, y + r, x, y + r)
        stream.curve_to(x - k, y + r, x - r, y + k, x - r, y)
        stream.curve_to(x - r, y - k, x - k, y - r, x, y - r)
        stream.curve_to(x + k, y - r, x + r, y - k, x + r, y)
        stream.close()
        stream.fill()


def _static_fetcher(images: dict[str, bytes] | None = None):
    """A fetcher that serves /static/ files from disk and the report's own images from memory,
    and fetches nothing else (no network)."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if images and url in images:
                return URLFetcherResponse(url, images[url], {"Content-Type": "image/svg+xml"})
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


_EVERY_ELEMENT_PSEUDO = re.compile(r"^::(footnote|note)-[a-z]+ \{[^}]*\}$", re.M)
_COUNTER_STYLES = re.compile(r"^@counter-style .*$", re.M)


@functools.cache
def _report_html_class():
    """WeasyPrint's HTML with its own user-agent stylesheet less the rules for every element's
    footnote and note pseudo-elements (a report has neither) and with list markers for list
    items only: otherwise each of the ~5,000 elements gets five pseudo-element styles computed
    (~a tenth of the compact PDF's time with 300 KPIs). The same drawing."""
    from weasyprint import CSS, HTML  # heavy import: only when a PDF is asked for
    from weasyprint.css.counters import CounterStyle
    from weasyprint.html import UA

    ua = _EVERY_ELEMENT_PSEUDO.sub("", UA.replace("\n::marker {", "\nli::marker {"))
    # The counter styles are WeasyPrint's own, registered with its stylesheet already.
    sheet = CSS(string=_COUNTER_STYLES.sub("", ua), counter_style=CounterStyle())

    class ReportHTML(HTML):
        def __init__(self, string: str, **kwargs):
            root = _xhtml_root(string)
            super().__init__(string="<html></html>" if root is not None else string, **kwargs)
            if root is not None:
                import cssselect2

                self.wrapper_element = cssselect2.ElementWrapper.from_html_root(root)
                self.etree_element = self.wrapper_element.etree_element

        def _ua_stylesheets(self, *args, **kwargs):
            return [sheet]

    return ReportHTML


_VOID = re.compile(
    r"<(area|base|br|col|embed|hr|img|input|link|meta|source|track|wbr)\b([^>]*?)/?>"
)


def _xhtml_root(html: str):
    """The report's HTML as the tree WeasyPrint's HTML5 parser (pure Python, ~a tenth of the
    compact PDF's time with 300 KPIs) makes of it, read by expat instead: the template writes
    well-formed markup but for the void elements, closed here. None when expat refuses it
    (e.g. a named entity or an attribute without a value), or with inline SVG (the full
    edition's charts: the HTML5 parser gives them its own namespaces): then the HTML5 parser
    reads it."""
    from xml.etree import ElementTree

    if "<svg" in html or "<math" in html:
        return None
    parser = ElementTree.XMLParser(target=ElementTree.TreeBuilder())
    try:
        parser.feed(_VOID.sub(r"<\1\2/>", html))
        root = parser.close()
    except ElementTree.ParseError:
        return None
    if root.tag != "html" or [child.tag for child in root] != ["head", "body"]:
        return None
    # Where the HTML5 parser puts the whitespace around <head> and after </body>.
    body = root[1]
    root.text = None
    if body.tail and len(body):
        body[-1].tail = (body[-1].tail or "") + body.tail
    body.tail = None
    return root


def render_pdf(report: Report) -> bytes:
    """The report as PDF, from the same HTML template; one A4 page (or more) per unit."""
    html, images = _detach_sparklines(render_html(report, pdf=True))
    # Indentation between tags collapses to one space anyway: less for the parser to read.
    html = _BETWEEN_TAGS.sub("> <", html)
    document = _report_html_class()(
        string=html, base_url=settings.SITE_URL + "/", url_fetcher=_static_fetcher(images)
    )
    # WeasyPrint's image cache, filled beforehand: the sparklines it need not parse nor draw
    drawn = {url: _Sparkline.parse(svg) for url, svg in images.items()}
    with _no_cycle_collection():
        return document.write_pdf(cache={url: image for url, image in drawn.items() if image})


@contextlib.contextmanager
def _no_cycle_collection():
    """The cycle collector off while WeasyPrint lays out and draws: it makes millions of
    objects, most kept until the PDF is written, and each full collection meanwhile walks
    the whole heap of the process (a worker's or a job's). Little of it is cyclic garbage
    (peak memory unchanged for 300 KPIs); the next collection after takes what there is."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


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


HEADERS = [
    (gettext_noop("Group"), 24),
    (gettext_noop("Code"), 10),
    (gettext_noop("KPI"), 34),
    (gettext_noop("Unit"), 18),
    (gettext_noop("Period"), 12),
    (gettext_noop("Value"), 12),
    (gettext_noop("Unit of measure"), 10),
    (gettext_noop("Previous period"), 14),
    (gettext_noop("Previous value"), 12),
    (gettext_noop("Change"), 11),
    (gettext_noop("Change %"), 10),
    (gettext_noop("Same period a year ago"), 14),
    (gettext_noop("Value a year ago"), 12),
    (gettext_noop("Change vs a year ago"), 11),
    (gettext_noop("Change % vs a year ago"), 10),
    (gettext_noop("Trend verdict"), 16),
    (gettext_noop("Reason"), 60),
    (gettext_noop("Target"), 10),
    (gettext_noop("Will the target be met?"), 34),
    (gettext_noop("Benchmark"), 12),
    (gettext_noop("Benchmark source"), 26),
    (gettext_noop("Part of KPI"), 12),
]
GOAL_HEADERS = [
    gettext_noop("Annual goal"),
    gettext_noop("Target KPI"),
    gettext_noop("Target"),
    gettext_noop("Latest value"),
    gettext_noop("Year to date"),
    gettext_noop("Projection"),
    gettext_noop("Status"),
    gettext_noop("In plain words"),
]
REASON_COLUMN = 17
BOLD = Font(bold=True)
FILL = PatternFill("solid", fgColor="E9EEF3")


def _header_row(sheet, r: int, texts) -> None:
    for c, text in enumerate(texts, start=1):
        cell = sheet.cell(r, c, _(text))
        cell.font, cell.fill = BOLD, FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _label_block(sheet, pairs) -> int:
    """Label/value lines at the top of a sheet; returns the last row used."""
    for r, (label, value) in enumerate(pairs, start=1):
        sheet.cell(r, 1, label).font = BOLD
        sheet.cell(r, 2, value)
    return len(pairs)


def _row_values(group_title: str, row: Row) -> list[tuple]:
    fmt = _number_format(row.decimals)
    return [
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
        (row.parent_code, None),
    ]


def _kpi_rows(sheet, section, r: int) -> int:
    """Each KPI once, on its own unit's sheet; "Part of KPI" names the top KPI above it."""
    rows = [(group.title, row) for group in section.groups for row in group.rows]
    for group_title, row in rows:
        for c, (value, number_format) in enumerate(_row_values(group_title, row), 1):
            cell = sheet.cell(r, c, value)
            if number_format and value not in (None, ""):
                cell.number_format = number_format
            cell.alignment = Alignment(wrap_text=c == REASON_COLUMN, vertical="top")
        r += 1
    return r


def _goal_rows(sheet, goals, r: int) -> int:
    _header_row(sheet, r, GOAL_HEADERS)
    for goal in goals:
        r += 1
        values = [
            goal.title,
            f"{goal.kpi_code} {goal.kpi_name}".strip(),
            goal.target_value,
            goal.latest_value,
            goal.year_to_date,
            goal.expected,
            goal.status_label,
            goal.sentence,
        ]
        for c, value in enumerate(values, start=1):
            sheet.cell(r, c, value)
    return r


def _summary_sheet(workbook, report: Report, used: set[str]) -> None:
    """The first sheet: the report's title, period and summary, as on the first page."""
    summary = report.summary
    sheet = workbook.create_sheet(_sheet_title(_("Summary"), used))
    r = _label_block(
        sheet,
        [
            (_("Organisation"), report.organisation_name),
            (_("Report"), report.heading),
            (_("Period"), report.period_long_label),
            (_("Date"), report.generated_text),
            (_("Grouping"), report.group_label),
        ],
    )
    r += 2
    sheet.cell(r, 1, _("Trend verdict")).font = BOLD
    sheet.cell(r, 2, _("KPIs")).font = BOLD
    for count in summary.verdicts:
        r += 1
        sheet.cell(r, 1, count.label)
        sheet.cell(r, 2, count.count)
    r += 2
    sheet.cell(r, 1, _("Annual goals at risk")).font = BOLD
    r = _goal_rows(sheet, summary.goals_at_risk, r + 1) + 2
    sheet.cell(r, 1, _("Actions due")).font = BOLD
    for action in summary.actions_due:
        r += 1
        sheet.cell(r, 1, action.title)
        sheet.cell(r, 2, action.unit_name)
        sheet.cell(r, 3, action.due_date)
        sheet.cell(r, 3).number_format = "yyyy-mm-dd"
        sheet.cell(r, 4, _("overdue") if action.overdue else "")
    for c, width in enumerate((40, 24, 14, 14, 14, 18, 16, 60), start=1):
        sheet.column_dimensions[get_column_letter(c)].width = width


def _unit_sheet(workbook, report: Report, section, used: set[str]) -> None:
    sheet = workbook.create_sheet(_sheet_title(section.unit_name, used))
    first = (
        _label_block(
            sheet,
            [
                (_("Organisation"), report.organisation_name),
                (_("Report"), report.unit_name),
                (_("Unit"), section.unit_name),
                (_("Period"), report.period_long_label),
                (_("Date"), report.generated_text),
                (_("Grouping"), report.group_label),
            ],
        )
        + 2
    )
    _header_row(sheet, first, [text for text, _width in HEADERS])
    r = _kpi_rows(sheet, section, first + 1)
    if section.goals:
        sheet.cell(r + 1, 1, _("Annual goals")).font = BOLD
        _goal_rows(sheet, section.goals, r + 2)
    for c, (_text, width) in enumerate(HEADERS, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = width
    sheet.freeze_panes = sheet.cell(first + 1, 4)


def render_xlsx(report: Report) -> bytes:
    """A summary sheet, then one sheet per unit; real numbers with number formats; verdict
    and reason as columns."""
    with translation.override(report.lang):
        workbook = Workbook()
        workbook.remove(workbook.active)
        workbook.properties.title = report.title
        workbook.properties.creator = "Koers"
        used: set[str] = set()
        if report.summary is not None:
            _summary_sheet(workbook, report, used)
        for section in report.sections:
            _unit_sheet(workbook, report, section, used)
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()


def render(report: Report, fmt: str) -> bytes:
    if fmt == "pdf":
        return render_pdf(report)
    if fmt == "xlsx":
        return render_xlsx(report)
    return render_html(report).encode()
