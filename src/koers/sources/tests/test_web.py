from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from koers.jobs.models import Job
from koers.kpis.models import KPI
from koers.sources.models import Account, DataSource, PendingLoad
from koers.sources.sample import Company
from koers.sources.tests.base import QUOTES_NL, SourcesTestCase


class WebFlowTest(SourcesTestCase):
    def upload(self, name, content: bytes, **confirm):
        """Upload, then confirm what was read; the response of the confirmation."""
        data = {"file": SimpleUploadedFile(name, content)}
        response = self.client.post(reverse("source_upload", args=["acme"]), data)
        if response.status_code != 302:
            return response
        return self.client.post(response.url, confirm)

    def test_it_lets_admin_upload_a_csv_see_what_was_read_and_then_load_it(self):
        self.login(self.alice)
        data = {"file": SimpleUploadedFile("quotes.csv", QUOTES_NL.encode("cp1252"))}
        response = self.client.post(reverse("source_upload", args=["acme"]), data)
        pending = PendingLoad.objects.get()
        self.assertRedirects(response, reverse("source_confirm", args=["acme", pending.pk]))
        page = self.client.get(response.url)
        self.assertContains(page, "Bakkerij Één")
        self.assertContains(page, '<option value="date" selected>', count=2)
        self.assertFalse(DataSource.objects.filter(snapshots__isnull=False).exists())
        loaded = self.client.post(response.url, {})
        job = Job.objects.get(kind="source-load")
        self.assertRedirects(loaded, job.get_absolute_url())
        self.assertEqual(job.status, Job.Status.DONE, job.message)
        self.assertIn("4", job.message)
        source = DataSource.objects.get(organisation=self.org, name="quotes")
        self.assertEqual(job.result["url"], reverse("source", args=["acme", source.pk]))
        self.assertFalse(PendingLoad.objects.exists())
        page = self.client.get(job.get_absolute_url())
        self.assertContains(page, job.result["url"])
        page = self.client.get(reverse("source", args=["acme", source.pk]))
        self.assertContains(page, "Verstuurd")
        self.assertContains(page, "Bakkerij Één")

    def test_it_shows_a_bad_file_with_row_and_column_and_keeps_nothing(self):
        self.login(self.alice)
        bad = QUOTES_NL + "Q5;Bos;31-02-2025;;10,00;open\r\n"
        response = self.upload("quotes.csv", bad.encode())
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "31-02-2025", status_code=400)
        self.assertContains(response, "Verstuurd", status_code=400)
        self.assertFalse(DataSource.objects.filter(snapshots__isnull=False).exists())
        self.assertFalse(PendingLoad.objects.exists())

    def test_it_lets_the_user_change_a_column_type_before_and_after_loading(self):
        self.login(self.alice)
        upload = self.client.post(
            reverse("source_upload", args=["acme"]),
            {"file": SimpleUploadedFile("quotes.csv", QUOTES_NL.encode())},
        )
        names = ["Offerte", "Klant", "Verstuurd", "Gesloten", "Bedrag", "Status"]
        wrong = self.client.post(upload.url, {"type-2": "time"})
        self.assertContains(wrong, "Verstuurd:", status_code=400)
        self.client.post(upload.url, {"type-0": "text", "type-2": "text"})
        source = DataSource.objects.get(name="quotes")
        self.assertEqual(source.column_types["Verstuurd"], "text")
        self.assertEqual(source.column_types["Bedrag"], "number")
        url = reverse("source_types", args=["acme", source.pk])
        types = {f"type-{n}": t for n, t in enumerate(source.column_types.values())}
        response = self.client.post(url, {**types, "type-1": "number"})
        job = Job.objects.get(kind="source-types")
        self.assertEqual(job.status, Job.Status.FAILED)
        self.assertIn("Bakkerij", job.message)
        source.refresh_from_db()
        self.assertEqual(source.column_types["Klant"], "text")
        response = self.client.post(url, {**types, "type-2": "date"})
        self.assertEqual(response.status_code, 302)
        source.refresh_from_db()
        self.assertEqual(source.column_types["Verstuurd"], "date")
        self.assertEqual(list(source.column_types), names)
        self.login(self.victor)
        self.assertEqual(self.client.post(url, types).status_code, 403)

    def test_it_asks_before_replacing_a_loaded_year(self):
        first, _ = self.auditfile("2025.xaf", seed=1)
        second, _ = self.auditfile("2025b.xaf", seed=2)
        self.login(self.alice)
        self.upload("2025.xaf", first.read_bytes())
        source = DataSource.objects.get(name="auditfile")
        refused = self.upload("2025b.xaf", second.read_bytes())
        self.assertContains(refused, "2025 (2025.xaf)", status_code=400)
        self.assertEqual(source.snapshots.get().file_name, "2025.xaf")
        self.upload("2025b.xaf", second.read_bytes(), replace="on")
        self.assertEqual(source.snapshots.get().file_name, "2025b.xaf")

    def test_it_asks_before_loading_another_companys_auditfile(self):
        mine, _ = self.auditfile("2025.xaf")
        other, _ = self.auditfile(
            "2024.xaf", year=2024, company=Company("Ander BV", "87654321", "NL9B01")
        )
        self.login(self.alice)
        self.upload("2025.xaf", mine.read_bytes())
        refused = self.upload("2024.xaf", other.read_bytes())
        self.assertContains(refused, "87654321", status_code=400)
        self.assertContains(refused, "12345678", status_code=400)
        source = DataSource.objects.get(name="auditfile")
        self.assertEqual(source.snapshots.count(), 1)
        self.upload("2024.xaf", other.read_bytes(), other_company="on")
        self.assertEqual(source.snapshots.count(), 2)

    def test_it_lets_the_uploader_cancel_and_nobody_else_confirm(self):
        self.login(self.bob)
        upload = self.client.post(
            reverse("source_upload", args=["acme"]),
            {"file": SimpleUploadedFile("quotes.csv", QUOTES_NL.encode())},
        )
        pending = PendingLoad.objects.get()
        self.login(self.carol)
        self.assertEqual(self.client.post(upload.url, {}).status_code, 403)
        self.login(self.charlie)
        self.assertEqual(self.client.get(upload.url).status_code, 404)
        self.login(self.bob)
        cancel = reverse("source_cancel", args=["acme", pending.pk])
        self.assertRedirects(self.client.post(cancel), reverse("sources", args=["acme"]))
        self.assertFalse(PendingLoad.objects.exists())
        self.assertFalse(DataSource.objects.filter(snapshots__isnull=False).exists())

    def test_it_lets_a_manager_define_with_a_preview_but_not_a_member(self):
        self.login(self.alice)
        self.upload("quotes.csv", QUOTES_NL.encode())
        source = DataSource.objects.get(name="quotes")
        url = reverse("source_define", args=["acme", source.pk])
        form = {
            "code": "won",
            "name": "Won quotes",
            "unit_of_measure": "count",
            "direction": "higher",
            "frequency": "month",
            "date": "Verstuurd",
            "value": "count(*)",
            "where": "Status = 'gewonnen'",
        }
        self.login(self.carol)
        self.assertEqual(self.client.post(url, {**form, "preview": "1"}).status_code, 403)
        self.login(self.bob)
        preview = self.client.post(url, {**form, "preview": "1"})
        self.assertContains(preview, "2025-01")
        self.assertFalse(KPI.objects.filter(code="won").exists())
        bad = self.client.post(url, {**form, "value": "count(*) + (select 1)", "preview": "1"})
        self.assertContains(bad, "select", status_code=400)
        saved = self.client.post(url, {**form, "save": "1"})
        kpi = KPI.objects.get(code="won")
        self.assertRedirects(saved, kpi.get_absolute_url(), fetch_redirect_response=False)
        self.assertEqual(kpi.measurements.count(), 2)
        drill = self.client.get(reverse("computed_value", args=["acme", "won", "2025-01"]))
        self.assertContains(drill, "Bakkerij")
        self.assertNotContains(drill, "Jansen")

    def test_it_shows_viewers_but_lets_them_load_nothing(self):
        self.login(self.victor)
        self.assertEqual(self.client.get(reverse("sources", args=["acme"])).status_code, 200)
        self.assertEqual(self.upload("quotes.csv", QUOTES_NL.encode()).status_code, 403)

    def test_it_hides_everything_from_another_organisation(self):
        self.login(self.alice)
        self.upload("quotes.csv", QUOTES_NL.encode())
        source = DataSource.objects.get(name="quotes")
        self.login(self.charlie)
        self.assertEqual(self.client.get(reverse("sources", args=["acme"])).status_code, 404)
        self.assertEqual(
            self.client.get(reverse("source", args=["other", source.pk])).status_code, 404
        )

    def test_it_maps_accounts_and_shows_coverage(self):
        path, _ = self.auditfile(version="3.2", rgs=False)
        self.login(self.alice)
        self.upload("2025.xaf", path.read_bytes())
        source = DataSource.objects.get(name="auditfile")
        page = self.client.get(reverse("source", args=["acme", source.pk]))
        self.assertContains(page, "8000 Omzet")
        revenue = Account.objects.get(source=source, number="8000")
        self.client.post(
            reverse("source_mapping", args=["acme", source.pk]),
            {f"account-{revenue.pk}": "revenue"},
        )
        revenue.refresh_from_db()
        self.assertEqual((revenue.category, revenue.mapped_by_user), ("revenue", True))
        self.login(self.carol)
        response = self.client.post(
            reverse("source_mapping", args=["acme", source.pk]),
            {f"account-{revenue.pk}": ""},
        )
        self.assertEqual(response.status_code, 403)
