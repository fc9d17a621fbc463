from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from koers.kpis.models import KPI
from koers.sources.models import Account, DataSource
from koers.sources.tests.base import QUOTES_NL, SourcesTestCase


class WebFlowTest(SourcesTestCase):
    def upload(self, name, content: bytes, **extra):
        data = {"file": SimpleUploadedFile(name, content), **extra}
        return self.client.post(reverse("source_upload", args=["acme"]), data)

    def test_it_lets_admin_upload_a_csv_and_see_what_was_read(self):
        self.login(self.alice)
        response = self.upload("quotes.csv", QUOTES_NL.encode("cp1252"))
        source = DataSource.objects.get(organisation=self.org, name="quotes")
        self.assertRedirects(response, reverse("source", args=["acme", source.pk]))
        page = self.client.get(reverse("source", args=["acme", source.pk]))
        self.assertContains(page, "Verstuurd")
        self.assertContains(page, "Bakkerij Één")

    def test_it_shows_a_bad_file_with_row_and_column_and_keeps_nothing(self):
        self.login(self.alice)
        bad = QUOTES_NL + "Q5;Bos;31-02-2025;;10,00;open\r\n"
        response = self.upload("quotes.csv", bad.encode())
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "31-02-2025", status_code=400)
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
