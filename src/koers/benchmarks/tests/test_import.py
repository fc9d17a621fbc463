"""Importing benchmark files: Dutch and English headers, all or nothing, row and column named."""

import io
import json
import tempfile
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from koers.benchmarks.importing import read_file
from koers.benchmarks.models import Figure

from .base import BenchmarkTestCase

DUTCH = (
    "Bron;Sector;Grootteklasse;Jaar;Catalogus;Mediaan;P25;P75;Aantal\r\n"
    "Metaalunie;25;klein;2024;gross_margin;31,0;24,5;38,2;42\r\n"
    "Metaalunie;25;;2024;net_margin;6,5;2,1;9,8;40\r\n"
)
ENGLISH = (
    "source,sector,size class,year,catalogue key,median,P25,P75,n\n"
    "Stats office,,,2024,gross_margin,29.5,22.0,36.0,1200\n"
)


class ImportTest(BenchmarkTestCase):
    def write(self, name: str, text: str, encoding: str = "utf-8") -> str:
        folder = Path(tempfile.mkdtemp())
        path = folder / name
        path.write_bytes(text.encode(encoding))
        return str(path)

    def import_json(self, path: str) -> dict:
        return json.loads(self.benchmark("import", path, "--json"))

    def failing(self, text: str, lang: str = "en") -> str:
        with self.assertRaises(CommandError) as raised:
            self.benchmark("import", self.write("bad.csv", text), lang=lang)
        self.assertEqual(Figure.objects.count(), 0)
        return str(raised.exception)

    def test_it_imports_a_dutch_file_in_windows_1252(self):
        report = self.import_json(self.write("metaal.csv", DUTCH, "cp1252"))
        self.assertEqual(report["figures"], 2)
        self.assertEqual(report["catalogue_keys"], ["gross_margin", "net_margin"])
        figure = Figure.objects.get(catalogue_key="gross_margin")
        self.assertEqual(
            (figure.source, figure.sector, figure.size_class, figure.year, figure.n),
            ("Metaalunie", "25", "small", 2024, 42),
        )
        self.assertEqual(str(figure.p25.normalize()), "24.5")

    def test_it_imports_an_english_file_and_shows_it_on_the_kpi(self):
        self.import_json(self.write("stats.csv", ENGLISH))
        external = self.show_json()["external"]
        self.assertEqual(
            external,
            [
                {
                    "source": "Stats office",
                    "sector": "",
                    "year": 2024,
                    "median": 29.5,
                    "p25": 22.0,
                    "p75": 36.0,
                    "n": 1200,
                }
            ],
        )

    def test_it_imports_an_excel_file(self):
        book = Workbook()
        sheet = book.active
        sheet.append(["Source", "Year", "Catalogue key", "Median", "P25", "P75", "n"])
        sheet.append(["Branch", 2024, "gross_margin", 30.5, 25, 35, 12])
        buffer = io.BytesIO()
        book.save(buffer)
        reading = read_file(buffer.getvalue(), "branch.xlsx")
        self.assertEqual(reading.errors, [])
        self.assertEqual(reading.rows[0].median, 30.5)

    def test_it_replaces_a_figure_imported_again(self):
        path = self.write("metaal.csv", DUTCH)
        self.import_json(path)
        report = self.import_json(path)
        self.assertEqual((report["new"], report["replaced"]), (0, 2))
        self.assertEqual(Figure.objects.count(), 2)

    def test_it_names_row_and_column_of_an_unknown_catalogue_key(self):
        message = self.failing(DUTCH.replace("net_margin", "nett_margin"))
        self.assertIn("Row 3, column 'Catalogus': 'nett_margin' is not a KPI", message)
        self.assertIn("Nothing was imported", message)

    def test_it_refuses_p25_above_the_median_in_dutch(self):
        message = self.failing(DUTCH.replace("24,5", "33,0"), lang="nl")
        self.assertIn("Rij 2, kolom 'P25': P25 (33,0) is groter dan de mediaan (31,0)", message)
        self.assertIn("Er is niets geïmporteerd", message)

    def test_it_refuses_a_non_numeric_cell(self):
        message = self.failing(DUTCH.replace("38,2", "veel"))
        self.assertIn("Row 2, column 'P75': 'veel' is not a number", message)

    def test_it_reports_every_bad_row_as_json_and_imports_none(self):
        bad = DUTCH.replace("38,2", "x").replace("net_margin", "nope")
        out = io.StringIO()
        with self.assertRaises(CommandError):
            call_command("benchmark", "import", self.write("bad.csv", bad), "--json", stdout=out)
        report = json.loads(out.getvalue())
        self.assertEqual(
            [(e["row"], e["column"]) for e in report["errors"]], [(2, "P75"), (3, "Catalogus")]
        )
        self.assertEqual(Figure.objects.count(), 0)

    def test_it_names_a_missing_column(self):
        message = self.failing("source,year,median\nX,2024,3\n")
        self.assertIn("There is no 'catalogue key' column", message)

    def test_it_matches_figures_to_the_organisations_sector(self):
        other_sector = DUTCH.replace(";25;klein", ";47;klein")
        self.import_json(self.write("winkel.csv", other_sector))
        keys = [e["sector"] for e in self.show_json()["external"]]
        self.assertEqual(keys, [])  # Acme is in 2562: sector 47 is not shown
        self.import_json(self.write("metaal.csv", DUTCH))
        self.assertEqual([e["sector"] for e in self.show_json()["external"]], ["25"])

    def test_it_shows_the_latest_year_up_to_the_period(self):
        self.import_json(self.write("old.csv", ENGLISH))
        self.import_json(self.write("new.csv", ENGLISH.replace("2024", "2026")))
        self.assertEqual([e["year"] for e in self.show_json()["external"]], [2024])
