"""koers import, koers export and koers remind."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from koers.kpis.models import Measurement, MeasurementChange
from koers.kpis.recording import ValueChange, record_values
from koers.periods import Period
from koers.testing import KoersTestCase, add_values, make_kpi


class CommandTestCase(KoersTestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)

    def write(self, name: str, content: str | bytes) -> str:
        path = Path(self.dir.name) / name
        path.write_bytes(content.encode() if isinstance(content, str) else content)
        return str(path)

    def run_command(self, *args) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        try:
            call_command(*args, stdout=out, stderr=err)
            code = 0
        except SystemExit as exit_:
            code = exit_.code
        return code, out.getvalue(), err.getvalue()


class ImportCommandTest(CommandTestCase):
    def test_it_imports_and_a_second_run_changes_nothing(self):
        path = self.write(
            "cijfers.csv",
            "KPI;Periode;Waarde;Opmerking\n"
            "PW-1;jan 2025;1.234,5;goed\n"
            "VK-1;2025-01;12%\n"
            "VK-1;2025-02;;\n",
        )
        code, out, err = self.run_command("import", path, "--org", "acme")
        self.assertEqual((code, out.strip()), (0, "2 nieuw, 0 gewijzigd, 0 ongewijzigd, 1 leeg"))
        self.assertEqual(Measurement.objects.get(kpi=self.kpi).value, Decimal("1234.5"))
        change = MeasurementChange.objects.get(kpi=self.kpi)
        self.assertEqual(
            (change.source, change.source_detail, change.user),
            ("import", "cijfers.csv", self.alice),
        )
        code, out, err = self.run_command("import", path, "--org", "acme", "--lang", "en")
        self.assertEqual(out.strip(), "0 new, 0 changed, 2 unchanged, 1 empty")
        self.assertEqual(MeasurementChange.objects.count(), 2)

    def test_it_lists_every_error_and_writes_nothing(self):
        path = self.write(
            "fout.csv",
            "KPI;Periode;Waarde\n"
            "PW-1;jan 2025;5\n"
            "PW-1;feb 2025;12,3,4\n"
            "XX-1;jan 2025;1\n"
            "PW-1;K1 2025;3\n",
        )
        code, out, err = self.run_command("import", path, "--org", "acme")
        self.assertEqual(code, 1)
        self.assertIn("rij 3, kolom Waarde: '12,3,4' is geen getal", err)
        self.assertIn("rij 4, kolom KPI: 'XX-1' is geen KPI", err)
        self.assertIn("rij 5, kolom Periode: 'K1 2025' is een kwartaal", err)
        self.assertIn("3 problemen; er is niets geïmporteerd.", err)
        self.assertFalse(Measurement.objects.exists())
        code, out, err = self.run_command("import", path, "--org", "acme", "--json", "--lang", "en")
        report = json.loads(out)
        self.assertEqual(code, 1)
        self.assertFalse(report["ok"])
        self.assertEqual(
            [(e["row"], e["column"], e["code"]) for e in report["errors"]],
            [
                (3, "Waarde", "number.unreadable"),
                (4, "KPI", "unknown_kpi"),
                (5, "Periode", "period.wrong_frequency"),
            ],
        )

    def test_it_dry_runs(self):
        path = self.write("a.csv", "kpi,period,value\nPW-1,2025-01,5\n")
        code, out, err = self.run_command("import", path, "--org", "acme", "--dry-run")
        self.assertEqual(code, 0)
        self.assertIn("1 nieuw", out)
        self.assertFalse(Measurement.objects.exists())

    def test_it_names_the_kpis_carol_may_not_enter(self):
        path = self.write("a.csv", "kpi,period,value\nVK-1,2025-01,5\nPW-1,2025-01,5\n")
        code, out, err = self.run_command(
            "import", path, "--org", "acme", "--user", "carol", "--lang", "en"
        )
        self.assertEqual(code, 1)
        self.assertIn("You may not enter data for: PW-1. Nothing was saved.", err)
        self.assertFalse(Measurement.objects.exists())
        path = self.write("b.csv", "kpi,period,value\nVK-1,2025-01,5\n")
        self.assertEqual(self.run_command("import", path, "--org", "acme", "--user", "carol")[0], 0)

    def test_it_reads_single_kpi_files_and_the_decimal_option(self):
        path = self.write("a.csv", "Maand;Waarde\njan 2025;1.234\n")
        code, out, err = self.run_command("import", path, "--org", "acme", "--kpi", "PW-1")
        self.assertEqual(code, 1)
        self.assertIn("--decimal", err)
        code, out, err = self.run_command(
            "import", path, "--org", "acme", "--kpi", "PW-1", "--decimal", "."
        )
        self.assertEqual(code, 0)
        self.assertEqual(Measurement.objects.get().value, Decimal("1.234"))

    def test_it_reports_a_file_it_cannot_read(self):
        path = self.write("a.csv", "Naam;Waarde\nPW-1;3\n")
        code, out, err = self.run_command("import", path, "--org", "acme", "--lang", "en")
        self.assertEqual(code, 1)
        self.assertIn("There is no period column", err)

    def test_it_caps_its_error_lines_in_the_users_language(self):
        rows = "".join(f"PW-1;{1000 + i}-01;x{i}\n" for i in range(1025))
        path = self.write("fouten.csv", "KPI;Periode;Waarde\n" + rows)
        before = (Measurement.objects.count(), MeasurementChange.objects.count())
        code, out, err = self.run_command("import", path, "--org", "acme")
        self.assertEqual(code, 1)
        lines = err.splitlines()
        self.assertEqual(len(lines), 12, lines[:3])
        self.assertIn("rij 2, kolom Waarde: 'x0' is geen getal", lines[0])
        self.assertEqual(lines[10], "… en nog 1.015")
        self.assertEqual(lines[11], "1.025 problemen; er is niets geïmporteerd.")
        code, out, err = self.run_command("import", path, "--org", "acme", "--lang", "en")
        self.assertEqual(
            err.splitlines()[10:], ["… and 1,015 more", "1,025 problems; nothing was imported."]
        )
        self.assertEqual((Measurement.objects.count(), MeasurementChange.objects.count()), before)

    def test_it_refuses_a_field_over_131072_characters_without_a_traceback(self):
        path = self.write("lang.csv", f"KPI;Periode;Waarde\nPW-1;2025-01;{'1' * 200_000}\n")
        code, out, err = self.run_command("import", path, "--org", "acme", "--lang", "en")
        self.assertEqual(code, 1)
        self.assertIn("Row 2 holds a field of more than 131,072 characters", err)
        self.assertNotIn("Traceback", err)
        self.assertFalse(Measurement.objects.exists())

    def test_it_reads_utf16_csv(self):
        text = "KPI\tPeriode\tWaarde\tOpmerking\r\nPW-1\t2025-01\t1,5\tgoed geïmporteerd\r\n"
        path = self.write("utf16.csv", text.encode("utf-16"))
        code, out, err = self.run_command("import", path, "--org", "acme", "--lang", "en")
        self.assertEqual(code, 0, err)
        stored = Measurement.objects.get()
        self.assertEqual((stored.value, stored.comment), (Decimal("1.5"), "goed geïmporteerd"))

    def test_it_needs_org_when_there_are_several(self):
        path = self.write("a.csv", "kpi,period,value\nPW-1,2025-01,5\n")
        with self.assertRaisesMessage(CommandError, "acme, other"):
            call_command("import", path)


class RoundTripTest(CommandTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_values(cls.kpi, date(2024, 11, 1), ["1.234", "1234.5", "-7", "0.5", "1000000"])
        add_values(cls.sales_kpi, date(2025, 1, 1), ["12.25", "1.5"])
        weekly = make_kpi(cls.org, cls.verkoop, "VK-W", frequency="week", decimals=2)
        add_values(weekly, date(2025, 1, 6), ["3.333333", "4"])
        yearly = make_kpi(cls.org, cls.company, "JR-1", frequency="year")
        add_values(yearly, date(2024, 1, 1), [99])
        quarterly = make_kpi(cls.org, cls.productie, "KW-1", frequency="quarter")
        add_values(quarterly, date(2024, 10, 1), [5, 6])
        record_values(
            [ValueChange(cls.kpi, date(2024, 11, 1), Decimal("1.234"), 'eerste; met "quotes"')],
            user=None,
        )

    def export_everything(self, fmt: str, layout: str, lang: str) -> str:
        path = str(Path(self.dir.name) / f"export-{layout}-{lang}.{fmt}")
        call_command(
            "export",
            "--org",
            "acme",
            "--format",
            fmt,
            "--layout",
            layout,
            "--lang",
            lang,
            "-o",
            path,
            stderr=io.StringIO(),
        )
        return path

    def stored(self):
        fields = ("kpi_id", "period_start", "value", "comment")
        return sorted(Measurement.objects.values_list(*fields))

    def assert_every_export_imports_back_unchanged(self, count: int) -> None:
        before, stored = MeasurementChange.objects.count(), self.stored()
        for fmt in ("csv", "xlsx"):
            for layout in ("long", "wide"):
                for lang in ("nl", "en"):
                    path = self.export_everything(fmt, layout, lang)
                    code, out, err = self.run_command(
                        "import", path, "--org", "acme", "--lang", "en"
                    )
                    self.assertEqual(code, 0, (path, err))
                    expected = f"0 new, 0 changed, {count} unchanged"
                    self.assertTrue(out.startswith(expected), (path, out))
        self.assertEqual(MeasurementChange.objects.count(), before)
        self.assertEqual(self.stored(), stored)

    def test_it_imports_every_export_back_unchanged(self):
        self.assert_every_export_imports_back_unchanged(12)

    def add_formulas(self) -> list[str]:
        self.kpi.name = '=HYPERLINK("http://evil.example","klik")'
        self.kpi.save()
        texts = ['=HYPERLINK("http://evil.example")', "+31 6 1234", "-minder", "@SUM(A1)",
                 "'=al gequote", "''+twee keer"]  # fmt: skip
        fx = make_kpi(self.org, self.productie, "FX-1")
        period = Period.containing(date(2023, 1, 1), "month")
        changes = []
        for text in texts:
            changes.append(ValueChange(fx, period.start, Decimal("-3"), text))
            period = period.next()
        record_values(changes, user=None)
        return texts

    def test_it_imports_exports_with_formula_texts_back_unchanged(self):
        texts = self.add_formulas()
        comments = Measurement.objects.filter(kpi__code="FX-1").values_list("comment", flat=True)
        self.assertEqual(sorted(comments), sorted(texts))
        self.assert_every_export_imports_back_unchanged(12 + len(texts))

    def test_it_neutralises_formulas_in_csv_and_keeps_numbers(self):
        self.add_formulas()
        for lang, sep in (("nl", ";"), ("en", ",")):
            path = self.export_everything("csv", "long", lang)
            text = Path(path).read_bytes().decode("utf-8-sig")
            cells = [cell for line in csv.reader(io.StringIO(text), delimiter=sep) for cell in line]
            self.assertFalse([c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r")], cells)
            self.assertIn('\'=HYPERLINK("http://evil.example")', cells)
            self.assertIn('\'=HYPERLINK("http://evil.example","klik")', cells)
            self.assertIn("'+31 6 1234", cells)
            self.assertIn("'-minder", cells)
            self.assertIn("''=al gequote", cells)
            self.assertIn("'''+twee keer", cells)
            self.assertIn("-3", cells)  # a negative number stays a number
            self.assertIn("-7", cells)

    def test_it_neutralises_formulas_in_excel_and_keeps_numbers(self):
        self.add_formulas()
        for layout in ("long", "wide"):
            path = self.export_everything("xlsx", layout, "en")
            sheet = load_workbook(path).worksheets[0]
            cells = [cell for row in sheet.iter_rows() for cell in row]
            self.assertFalse([c.value for c in cells if c.data_type == "f"])
            texts = [c.value for c in cells if isinstance(c.value, str)]
            self.assertFalse([t for t in texts if t[:1] in ("=", "+", "-", "@", "\t", "\r")])
            numbers = [c.value for c in cells if c.data_type == "n" and c.value is not None]
            self.assertIn(-3, numbers)
            self.assertIn(-7, numbers)
            if layout == "long":
                self.assertIn("'@SUM(A1)", texts)
                self.assertIn('\'=HYPERLINK("http://evil.example","klik")', texts)

    def test_it_writes_dutch_and_english_csv(self):
        out = io.StringIO()
        call_command("export", "--org", "acme", "--kpi", "PW-1", stdout=out)
        text = out.getvalue().lstrip("\ufeff")
        self.assertIn("KPI;Naam;Periode;Waarde;Opmerking\r\n", text)
        self.assertIn('PW-1;Orders per uur;2024-11;1,2340;"eerste; met ""quotes"""\r\n', text)
        self.assertIn("PW-1;Orders per uur;2024-12;1234,5;\r\n", text)
        out = io.StringIO()
        call_command(
            "export",
            "--org",
            "acme",
            "--kpi",
            "PW-1",
            "--lang",
            "en",
            "--layout",
            "wide",
            stdout=out,
        )
        self.assertIn(
            "Period,PW-1\r\n2024-11,1.2340\r\n2024-12,1234.5\r\n2025-01,-7\r\n", out.getvalue()
        )


class RemindCommandTest(CommandTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        from koers.organisations.models import UnitRole

        UnitRole.objects.create(unit=cls.plaatwerk, user=cls.victor, role="member")
        add_values(cls.sales_kpi, date(2025, 2, 1), [5])  # verkoop is up to date for feb 2025

    def test_it_prints_what_it_would_send(self):
        code, out, err = self.run_command(
            "remind", "--org", "acme", "--dry-run", "--today", "2025-03-10", "--lang", "en"
        )
        self.assertIn("To: victor@example.org", out)
        self.assertIn("Orders per uur (PW-1): no value yet for Feb 2025", out)
        self.assertIn("http://127.0.0.1:8000/acme/entry/plaatwerk/2025-02/", out)
        self.assertNotIn("carol@", out)  # verkoop has its value
        self.assertIn("acme: 1 e-mail would be sent.", out)
        self.assertEqual(mail.outbox, [])

    def test_it_sends_mails(self):
        code, out, err = self.run_command("remind", "--org", "acme", "--today", "2025-04-02")
        self.assertEqual(
            sorted(m.to[0] for m in mail.outbox), ["carol@example.org", "victor@example.org"]
        )
        carol = next(m for m in mail.outbox if m.to == ["carol@example.org"])
        self.assertIn("Succesratio offertes (VK-1): nog geen waarde voor mrt 2025", carol.body)
        self.assertEqual(carol.subject, "Koers: 1 ding wacht op je")
        self.assertIn("acme: 2 e-mails verstuurd.", out)

    def test_it_offers_reminder_items_for_other_apps(self):
        from koers.dataentry.reminders import reminder_items

        items = reminder_items(self.victor, self.org, today=date(2025, 3, 10))
        self.assertEqual([(i.kind, i.unit) for i in items], [("missing_value", "Plaatwerk")])
        self.assertEqual(reminder_items(self.carol, self.org, today=date(2025, 3, 10)), [])

    def test_it_reminds_of_overdue_improvement_actions(self):
        from koers.meetings.models import Action

        Action.objects.create(
            organisation=self.org,
            unit=self.verkoop,
            title="Offertes nabellen",
            status="open",
            due_date=date(2025, 3, 1),
        )
        code, out, err = self.run_command(
            "remind", "--org", "acme", "--dry-run", "--today", "2025-03-10", "--lang", "en"
        )
        self.assertIn("To: carol@example.org", out)
        self.assertIn("Improvement action “Offertes nabellen” was due on 2025-03-01", out)
        self.assertIn("/acme/actions/", out)
        mail_text = self.run_command("remind", "--org", "acme", "--today", "2025-03-10")[1]
        self.assertIn("acme: 2 e-mails verstuurd.", mail_text)
        carol = next(m for m in mail.outbox if m.to == ["carol@example.org"])
        self.assertIn(
            "Verbeteractie “Offertes nabellen” had klaar moeten zijn op 01-03-2025", carol.body
        )
