"""The import, export and entry pages, as each persona."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from decimal import Decimal
from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from koers.dataentry.models import ImportBatch
from koers.dataentry.views import imports
from koers.jobs.models import Job
from koers.kpis.models import Measurement, MeasurementChange
from koers.testing import KoersTestCase, add_values

CSV = "KPI;Periode;Waarde\r\nVK-1;jan 2025;12\r\nVK-1;feb 2025;14,5\r\n"
BOTH = "KPI;Periode;Waarde\r\nVK-1;jan 2025;12\r\nPW-1;jan 2025;3,5\r\n"


class ImportPageTest(KoersTestCase):
    def upload(self, text, name="cijfers.csv", **extra):
        data = {"file": SimpleUploadedFile(name, text.encode()), **extra}
        return self.client.post(reverse("import", args=["acme"]), data)

    def test_it_previews_then_confirms_as_carol(self):
        self.login(self.carol)
        add_values(self.sales_kpi, date(2025, 1, 1), [10])
        response = self.upload(CSV)
        batch = ImportBatch.objects.get()
        self.assertRedirects(response, reverse("import_preview", args=["acme", batch.pk]))
        page = self.client.get(response.url).content.decode()
        self.assertIn("1 nieuw, 1 gewijzigd, 0 ongewijzigd, 0 leeg", page)
        self.assertIn("10 →", page)
        self.assertIn("14,5", page)
        self.assertEqual(Measurement.objects.filter(kpi=self.sales_kpi).count(), 1)
        response = self.client.post(reverse("import_confirm", args=["acme", batch.pk]))
        self.assertEqual(
            Measurement.objects.get(kpi=self.sales_kpi, period_start=date(2025, 2, 1)).value,
            Decimal("14.5"),
        )
        change = MeasurementChange.objects.filter(source="import").first()
        self.assertEqual((change.source_detail, change.user), ("cijfers.csv", self.carol))
        batch.refresh_from_db()
        self.assertEqual(batch.status, "applied")
        page = self.client.get(reverse("import_preview", args=["acme", batch.pk])).content
        self.assertIn("Geïmporteerd", page.decode())
        # Confirming twice writes nothing more.
        self.client.post(reverse("import_confirm", args=["acme", batch.pk]))
        self.assertEqual(MeasurementChange.objects.filter(source="import").count(), 2)

    def test_it_shows_errors_and_never_applies_them(self):
        self.login(self.alice)
        self.upload("KPI;Periode;Waarde\nVK-1;jan 2025;12\nVK-1;feb 2025;12,3,4\n")
        batch = ImportBatch.objects.get()
        page = self.client.get(reverse("import_preview", args=["acme", batch.pk])).content.decode()
        self.assertIn("kolom Waarde: &#x27;12,3,4&#x27; is geen getal", page)
        self.assertNotIn("Bevestigen", page)
        self.client.post(reverse("import_confirm", args=["acme", batch.pk]))
        self.assertFalse(Measurement.objects.exists())

    def test_it_refuses_kpis_carol_may_not_enter(self):
        self.login(self.carol)
        self.upload(BOTH)
        batch = ImportBatch.objects.get()
        page = self.client.get(reverse("import_preview", args=["acme", batch.pk])).content.decode()
        self.assertIn("Je mag geen gegevens invoeren voor: PW-1", page)
        self.client.post(reverse("import_confirm", args=["acme", batch.pk]))
        self.assertFalse(Measurement.objects.exists())

    def test_it_lets_bob_import_plaatwerk_and_alice_everything(self):
        for user, text in (
            (self.bob, "KPI;Periode;Waarde\nPW-1;jan 2025;3,5\n"),
            (self.alice, BOTH),
        ):
            self.login(user)
            self.upload(text)
            batch = ImportBatch.objects.filter(user=user).get()
            self.client.post(reverse("import_confirm", args=["acme", batch.pk]))
            self.assertEqual(ImportBatch.objects.get(pk=batch.pk).status, "applied", user)
        self.assertEqual(Measurement.objects.count(), 2)

    def test_it_forbids_viewers_and_hides_from_other_orgs(self):
        self.login(self.victor)
        self.assertEqual(self.client.get(reverse("import", args=["acme"])).status_code, 403)
        self.login(self.charlie)
        self.assertEqual(self.client.get(reverse("import", args=["acme"])).status_code, 404)
        self.login(self.alice)
        self.upload(CSV)
        batch = ImportBatch.objects.get()
        self.login(self.carol)  # someone else's upload
        url = reverse("import_preview", args=["acme", batch.pk])
        self.assertEqual(self.client.get(url).status_code, 404)
        self.login(self.charlie)
        self.assertEqual(self.client.get(url).status_code, 404)
        confirm = reverse("import_confirm", args=["acme", batch.pk])
        self.assertEqual(self.client.post(confirm).status_code, 404)
        self.assertFalse(Measurement.objects.exists())

    def test_it_reads_a_single_kpi_file_and_a_decimal_choice(self):
        self.login(self.alice)
        self.upload("Maand;Waarde\njan 2025;1.234\n", kpi="PW-1", decimal=",")
        batch = ImportBatch.objects.get()
        self.client.post(reverse("import_confirm", args=["acme", batch.pk]))
        self.assertEqual(Measurement.objects.get().value, Decimal("1234"))

    def test_it_reports_an_unreadable_file(self):
        self.login(self.alice)
        self.upload("just one column\nfoo\n")
        batch = ImportBatch.objects.get()
        page = self.client.get(reverse("import_preview", args=["acme", batch.pk])).content.decode()
        self.assertIn("geen kolom met de periode", page)

    def test_it_cancels(self):
        self.login(self.alice)
        self.upload(CSV)
        batch = ImportBatch.objects.get()
        self.client.post(reverse("import_cancel", args=["acme", batch.pk]))
        batch.refresh_from_db()
        self.assertEqual(batch.status, "rejected")
        self.client.post(reverse("import_confirm", args=["acme", batch.pk]))
        self.assertFalse(Measurement.objects.exists())

    def counts(self):
        return Measurement.objects.count(), MeasurementChange.objects.count()

    def test_it_parses_a_file_once_and_writes_what_it_kept(self):
        self.login(self.carol)
        add_values(self.sales_kpi, date(2025, 1, 1), [10])
        self.upload(CSV)
        batch = ImportBatch.objects.get()
        self.assertEqual(bytes(batch.data), b"")  # the file itself is not kept
        self.assertTrue(bytes(batch.rows))
        preview = reverse("import_preview", args=["acme", batch.pk])
        with mock.patch("koers.dataentry.importing.read_table", side_effect=AssertionError):
            self.assertContains(self.client.get(preview), "1 nieuw, 1 gewijzigd")
            self.client.post(reverse("import_confirm", args=["acme", batch.pk]))
        batch.refresh_from_db()
        self.assertEqual(batch.status, "applied")
        self.assertEqual(
            Measurement.objects.get(period_start=date(2025, 2, 1)).value, Decimal("14.5")
        )

    def test_it_checks_and_writes_large_files_as_jobs_with_progress(self):
        self.login(self.carol)
        with (
            mock.patch.object(imports, "INLINE_BYTES", 10),
            mock.patch.object(imports, "INLINE_ROWS", 1),
        ):
            self.upload(CSV)
            batch = ImportBatch.objects.select_related("job").get()
            self.assertEqual((batch.job.kind, batch.job.status), ("import-check", "done"))
            check = batch.job
            self.client.post(reverse("import_confirm", args=["acme", batch.pk]))
        batch.refresh_from_db()
        self.assertEqual(
            (batch.status, batch.job.kind, batch.job.status), ("applied", "import-apply", "done")
        )
        self.assertEqual(Measurement.objects.count(), 2)
        self.assertIn("2 nieuw", batch.job.message)
        # While a job runs, the preview shows its progress and confirms nothing.
        running = Job.objects.create(
            organisation=self.org, user=self.carol, kind="import-check", total=4, done=1
        )
        batch = ImportBatch.objects.create(
            organisation=self.org, user=self.carol, filename="b.csv", data=b"", job=running
        )
        page = self.client.get(reverse("import_preview", args=["acme", batch.pk]))
        self.assertContains(page, 'value="25"')
        self.assertContains(page, 'hx-trigger="every 1s"')
        before = self.counts()
        self.client.post(reverse("import_confirm", args=["acme", batch.pk]))
        self.assertEqual(self.counts(), before)
        self.assertNotEqual(check.pk, running.pk)

    def test_it_refuses_bad_files_clearly_and_loses_nothing(self):
        self.login(self.alice)
        add_values(self.kpi, date(2025, 1, 1), [1, 2])
        before = self.counts()
        bomb = io.BytesIO()
        with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", "<Types/>")
            z.writestr("xl/worksheets/sheet1.xml", "<x>" + " " * 30_000_000 + "</x>")
        long_field = "KPI;Periode;Waarde\nPW-1;jan 2025;" + "9" * 140_000 + "\n"
        cases = [
            (bomb.getvalue(), "bom.xlsx", "keer ingepakt"),
            (
                long_field.encode(),
                "lang.csv",
                "meer dan 131.072 tekens",
            ),
            (b"\x00\x01garbage", "oud.xls", "Oude Excel-bestanden"),
        ]
        for data, name, dutch in cases:
            response = self.client.post(
                reverse("import", args=["acme"]),
                {"file": SimpleUploadedFile(name, data)},
                follow=True,
            )
            self.assertContains(response, dutch)
            batch = ImportBatch.objects.order_by("-pk").first()
            self.client.post(reverse("import_confirm", args=["acme", batch.pk]))
            self.assertEqual(self.counts(), before, name)
        self.client.post("/i18n/setlang/", {"language": "en"})
        page = self.client.get(reverse("import_preview", args=["acme", batch.pk - 1]))
        self.assertContains(page, "more than 131,072 characters")


class ExportPageTest(KoersTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_values(cls.kpi, date(2025, 1, 1), ["1.5", "1234.25"])
        add_values(cls.sales_kpi, date(2025, 1, 1), [30])

    def test_it_downloads_per_kpi_and_per_unit(self):
        self.login(self.victor)
        url = reverse("export", args=["acme"])
        response = self.client.get(url + "?kpi=PW-1")
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        self.assertIn("koers-acme-PW-1-", response["Content-Disposition"])
        text = response.content.decode("utf-8-sig")
        self.assertEqual(
            text,
            "KPI;Naam;Periode;Waarde;Opmerking\r\n"
            "PW-1;Orders per uur;2025-01;1,5;\r\nPW-1;Orders per uur;2025-02;1234,25;\r\n",
        )
        text = self.client.get(url + "?unit=verkoop&lang=en").content.decode("utf-8-sig")
        self.assertEqual(
            text, "KPI,Name,Period,Value,Comment\r\nVK-1,Succesratio offertes,2025-01,30,\r\n"
        )
        text = self.client.get(url + "?layout=wide&lang=en").content.decode("utf-8-sig")
        self.assertEqual(text, "Period,PW-1,VK-1\r\n2025-01,1.5,30\r\n2025-02,1234.25,\r\n")

    def test_it_shows_a_form_and_hides_other_orgs(self):
        self.login(self.carol)
        page = self.client.get(reverse("export", args=["acme"])).content.decode()
        self.assertIn("Downloaden", page)
        self.assertEqual(
            self.client.get(reverse("export", args=["acme"]) + "?kpi=OT-1").status_code, 404
        )
        self.login(self.charlie)
        self.assertEqual(
            self.client.get(reverse("export", args=["acme"]) + "?kpi=PW-1").status_code, 404
        )

    def test_it_writes_excel_with_number_cells(self):
        from openpyxl import load_workbook

        self.login(self.alice)
        response = self.client.get(reverse("export", args=["acme"]) + "?format=xlsx&kpi=PW-1")
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(rows[0], ("KPI", "Naam", "Periode", "Waarde", "Opmerking"))
        self.assertEqual(rows[1][2:4], ("2025-01", 1.5))
        self.assertEqual(sheet["D3"].number_format, "0.00")
