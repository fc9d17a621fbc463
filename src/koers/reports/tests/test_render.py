import gc
import io
import re
import tempfile
from pathlib import Path
from unittest import mock

from django.core.management import call_command
from openpyxl import load_workbook
from pypdf import PdfReader

from koers.reports.content import build_report
from koers.reports.render import (
    _BETWEEN_TAGS,
    _detach_sparklines,
    _no_cycle_collection,
    _report_html_class,
    _Sparkline,
    _static_fetcher,
    _xhtml_root,
    render_html,
    render_pdf,
    render_xlsx,
)

from .base import TODAY, ReportTestCase


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


class RenderTests(ReportTestCase):
    def test_it_writes_the_html_document_in_dutch(self):
        report = build_report(self.org, self.company, "2025-01", "goal", "nl", TODAY)
        html = render_html(report)
        for text in ("1.212,0", "+1,0 (+0,1%)", "jan 2025", "januari 2025", "03-02-2025"):
            self.assertIn(text, html)
        self.assertIn("t.o.v. vorige periode", html)
        self.assertIn("Benchmark: 1.300 (sector survey 2024)", html)
        self.assertIn("koers/report.css", html)
        self.assertNotIn("topbar", html)  # no navigation in the document

    def test_it_renders_the_pdf_without_a_half_empty_page_per_unit(self):
        report = build_report(self.org, self.company, "2025-01", "goal", "nl", TODAY)
        data = render_pdf(report)
        reader = PdfReader(io.BytesIO(data))
        # The units follow each other: three short units do not take three pages.
        self.assertLess(len(reader.pages), len(report.sections))
        first = reader.pages[0].extract_text()
        self.assertEqual(first.count("Acme"), 1)  # the company name once, in the header
        self.assertIn("Rapportage januari 2025", first)  # the period in the title
        self.assertIn(f"1 / {len(reader.pages)}", first)  # page numbers from @page
        self.assertLess(first.index("Samenvatting"), first.index("KPI"))  # the summary first
        self.assertEqual(reader.metadata.title, "Acme · januari 2025")
        self.assertEqual(reader.metadata.creator, "Koers")
        text = pdf_text(data)
        for phrase in (
            "1.212,0",
            "januari 2025",
            "03-02-2025",
            "Meer orders per uur",
            "Jaardoelen",
        ):
            self.assertIn(phrase, text)
        row = next(r for r in report.rows if r.code == "PW-1")
        self.assertIn(row.reason.split(":")[0], text.replace("\n", " "))

    def test_it_renders_the_pdf_in_english(self):
        report = build_report(self.org, self.plaatwerk, "2025-01", "area", "en", TODAY)
        text = pdf_text(render_pdf(report))
        for phrase in ("1,212.0", "January 2025", "2025-02-03", "vs Dec 2024", "Production"):
            self.assertIn(phrase, text)
        self.assertNotIn("1.212,0", text)
        # Target and whether it will be met: the value's target and the engine's reason.
        self.assertIn("target 1,250", text)
        self.assertIn("Target 1,250.0: will not be met without a change.", text)

    def test_it_writes_one_sheet_per_unit_with_real_numbers(self):
        report = build_report(self.org, self.company, "2025-01", "goal", "nl", TODAY)
        book = load_workbook(io.BytesIO(render_xlsx(report)))
        self.assertEqual(book.sheetnames, ["Samenvatting", "Acme", "Plaatwerk", "Verkoop"])
        self.assertEqual(book["Samenvatting"]["B3"].value, "januari 2025")
        sheet = book["Plaatwerk"]
        self.assertEqual(sheet["A1"].value, "Organisatie")
        self.assertEqual(sheet["B1"].value, "Acme")
        self.assertEqual(sheet["B4"].value, "januari 2025")
        headers = [c.value for c in sheet[8]]
        self.assertEqual(headers[:6], ["Groep", "Code", "KPI", "Eenheid", "Periode", "Waarde"])
        data = {c.value: c for c in sheet[9]}
        row = [c for c in sheet[9]]
        self.assertEqual(row[1].value, "PW-1")
        self.assertEqual(row[4].value, "jan 2025")  # period as text
        self.assertEqual(row[5].value, 1212)  # a real number ...
        self.assertEqual(row[5].number_format, "#,##0.0")  # ... with its decimals
        self.assertAlmostEqual(row[10].value, 1 / 1211)  # change % as a fraction, shown as %
        self.assertEqual(row[10].number_format, "0.0%")
        verdict = headers.index("Trendoordeel")
        pw = next(r for r in report.rows if r.code == "PW-1")
        self.assertEqual(row[verdict].value, pw.verdict_label)
        self.assertEqual(row[verdict + 1].value, pw.reason)
        self.assertTrue(data)

    def test_it_writes_the_report_from_the_command_line(self):
        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / "r.xlsx"
            out = io.StringIO()
            call_command(
                "report",
                "--org",
                "acme",
                "--unit",
                "verkoop",
                "--period",
                "2024-03",
                "--lang",
                "en",
                "--group",
                "area",
                "-o",
                str(target),
                stdout=out,
            )
            self.assertIn("xlsx, Acme · Verkoop · March 2024, 1 unit, 2 KPI rows", out.getvalue())
            sheet = load_workbook(target)["Verkoop"]
            codes = [sheet.cell(r, 2).value for r in range(9, 11)]
            self.assertEqual(sorted(codes), ["QK-1", "VK-1"])
            self.assertEqual(sheet["B4"].value, "March 2024")
            pdf = Path(tmp) / "r.pdf"
            call_command(
                "report", "--org", "acme", "--period", "2025-01", "-o", str(pdf), stdout=out
            )
            self.assertIn("januari 2025", pdf_text(pdf.read_bytes()))
            self.assertIn("pdf, Acme · januari 2025, 3 eenheden, ", out.getvalue())


class OnceTests(ReportTestCase):
    def test_it_shows_a_unit_kpi_once_in_its_units_section_not_again_under_the_top_kpi(self):
        report = build_report(self.org, self.company, "2025-01", "goal", "nl", TODAY)
        html = render_html(report)
        tables = html[html.index('class="report-unit"') :]
        self.assertEqual(tables.count('report-name"><span class="report-code">PW-1<'), 1)
        top = tables[: tables.index('id="unit-plaatwerk"')]
        self.assertNotIn("PW-1", top.split("report-goals")[0])
        self.assertIn("Daaronder: 1 indicator van een eenheid", top)
        book = load_workbook(io.BytesIO(render_xlsx(report)))
        codes = [
            (sheet.title, row[1].value, row[-1].value)
            for sheet in book.worksheets[1:]
            for row in sheet.iter_rows(min_row=9)
            if row[1].value
        ]
        pw = [c for c in codes if c[1] == "PW-1"]
        self.assertEqual(pw, [("Plaatwerk", "PW-1", "TOP-1")])  # once, naming its top KPI

    def test_it_names_the_compared_period_once_in_the_heading_when_all_rows_share_it(self):
        report = build_report(self.org, self.plaatwerk, "2025-01", "goal", "nl", TODAY)
        html = render_html(report)
        self.assertIn("t.o.v. vorige periode<br>dec 2024</th>", html)  # PW-1's group
        self.assertIn("t.o.v. vorige periode<br>week 3 2025</th>", html)  # WK-1's group
        self.assertNotIn("t.o.v. dec 2024", html)


class SparklineTests(ReportTestCase):
    def test_it_draws_the_pdfs_sparklines_as_images_served_from_memory(self):
        report = build_report(self.org, self.plaatwerk, "2025-01", "goal", "nl", TODAY)
        html, images = _detach_sparklines(render_html(report, pdf=True))
        self.assertNotIn("<svg", html)
        self.assertEqual(html.count('<img class="spark" src="koers-spark:'), len(images))
        self.assertEqual(len(images), len(report.rows))
        svg = next(iter(images.values())).decode()
        self.assertTrue(svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"'))
        self.assertIn("<polyline", svg)
        self.assertNotIn("<title>", svg)
        served = _static_fetcher(images).fetch(next(iter(images)))
        self.assertEqual((served.content_type, served.read()), ("image/svg+xml", svg.encode()))
        with self.assertRaises(ValueError):  # and nothing from outside
            _static_fetcher(images).fetch("https://example.org/x.svg")

    def _drawn(self, svg: str, cache: dict) -> list[bytes]:
        """The path operators of a PDF of one sparkline image, drawn from ``cache`` or not."""
        from weasyprint import HTML

        html = '<img src="koers-spark:0" style="width:80px;height:22px">'
        images = {"koers-spark:0": svg.encode()}
        pdf = HTML(string=html, url_fetcher=_static_fetcher(images)).write_pdf(
            cache=cache, uncompressed_pdf=True
        )
        content = b"".join(re.findall(rb"stream\r?\n(.*?)endstream", pdf, re.S))
        return re.findall(rb"^[-0-9. ]+ (?:m|l|c|re|w|d)$|^[-0-9. ]+ R?G$", content, re.M)

    def test_it_draws_the_sparklines_itself_as_weasyprints_svg_renderer_does(self):
        report = build_report(self.org, self.plaatwerk, "2025-01", "goal", "nl", TODAY)
        _html, images = _detach_sparklines(render_html(report, pdf=True))
        svg = next(iter(images.values())).decode()
        drawn = _Sparkline.parse(svg)
        self.assertIsNotNone(drawn)
        ours = self._drawn(svg, {"koers-spark:0": drawn})
        weasyprints = self._drawn(svg, {})
        self.assertGreater(sum(op.endswith(b" l") for op in ours), 10)  # the line's points
        self.assertEqual(ours, weasyprints)

    def test_it_leaves_another_svg_to_weasyprint(self):
        svg = (
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 32" width="120" height="32">'
        )
        self.assertIsNone(_Sparkline.parse(svg + '<text x="1" y="9">1</text></svg>'))
        self.assertIsNone(
            _Sparkline.parse(
                svg + '<rect x="0" y="0" width="9" height="9" fill="#fff" opacity=".5"/></svg>'
            )
        )
        self.assertIsNone(_Sparkline.parse("<svg"))


def _shape(element) -> list:
    """An element tree as nested lists; whitespace runs as one space (they collapse)."""

    def text(value):
        return re.sub(r"\s+", " ", value or "")

    return [
        element.tag,
        element.attrib,
        text(element.text),
        text(element.tail),
        [_shape(child) for child in element],
    ]


class ParserTests(ReportTestCase):
    def test_it_reads_the_report_as_weasyprints_html5_parser_does(self):
        import tinyhtml5

        report = build_report(self.org, self.company, "2025-01", "goal", "nl", TODAY)
        html = _BETWEEN_TAGS.sub("> <", _detach_sparklines(render_html(report, pdf=True))[0])
        root = _xhtml_root(html)
        self.assertIsNotNone(root)
        self.assertGreater(len(list(root.iter("tbody"))), 3)
        html5 = tinyhtml5.parse(html, namespace_html_elements=False)
        self.assertEqual(_shape(root), _shape(html5))
        # The full edition's inline charts: read by the HTML5 parser.
        full = build_report(self.org, self.company, "2025-01", "goal", "nl", TODAY, "full")
        self.assertIsNone(_xhtml_root(_detach_sparklines(render_html(full, pdf=True))[0]))

    def test_it_leaves_markup_expat_refuses_to_the_html5_parser(self):
        html = "<!DOCTYPE html><html><head><title>T</title></head>"
        html += "<body><p hidden>a&nbsp;b<br>c</p></body></html>"
        self.assertIsNone(_xhtml_root(html))
        document = _report_html_class()(string=html)
        self.assertEqual(document.etree_element.find("body/p").text, "a\xa0b")
        self.assertEqual(
            _xhtml_root(html.replace(" hidden", "").replace("&nbsp;", " ")).find("body/p/br").tail,
            "c",
        )


class CycleCollectionTests(ReportTestCase):
    def test_it_renders_the_pdf_with_the_cycle_collector_off_and_turns_it_back_on(self):
        from django.contrib.staticfiles import finders

        report = build_report(self.org, self.plaatwerk, "2025-01", "goal", "nl", TODAY)
        seen, original = [], finders.find

        def find(path):  # the stylesheet, fetched while WeasyPrint computes the styles
            seen.append(gc.isenabled())
            return original(path)

        self.assertTrue(gc.isenabled())
        with mock.patch("koers.reports.render.finders.find", side_effect=find):
            render_pdf(report)
        self.assertEqual(seen, [False])
        self.assertTrue(gc.isenabled())

    def test_it_turns_it_back_on_after_an_error_and_leaves_it_off_if_it_was(self):
        with self.assertRaises(RuntimeError), _no_cycle_collection():
            raise RuntimeError("while rendering")
        self.assertTrue(gc.isenabled())
        gc.disable()
        try:
            with _no_cycle_collection():
                pass
            self.assertFalse(gc.isenabled())
        finally:
            gc.enable()
