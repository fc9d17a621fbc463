"""The web: the KPI page's band and sentence, the compare page, importing with a preview, the
API and reports — and never another organisation's name or value in any of them."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from koers.api.models import issue_token
from koers.benchmarks.models import BenchmarkSet, Figure
from koers.benchmarks.peers import join, takes_part
from koers.organisations.models import Organisation

from .base import BenchmarkTestCase
from .test_import import DUTCH

SECRETS = ("Alfa", "Beta", "Gamma", "Delta", "alfa", "20,7", "40,1", "20.7", "40.1")


class KpiPageTest(BenchmarkTestCase):
    def setUp(self):
        join(self.org)
        self.peers([20.7, 25.3, 30.9, 40.1])  # with Acme's 34: p25 25.3, median 30.9, p75 34

    def page(self, user=None, lang="nl"):
        self.login(user or self.victor)
        url = reverse("kpi", args=["acme", "GM"])
        return self.client.get(url, HTTP_ACCEPT_LANGUAGE=lang)

    def test_it_shows_the_sentence_after_the_trend(self):
        response = self.page()
        text = response.content.decode()
        self.assertIn("mediaan van 5 deelnemers in deze installatie: 30,9 %", text)
        self.assertIn("jullie: 34,0 % — bij het beste kwart (plaats 2 van 5)", text)
        self.assertLess(text.index('id="chart-h"'), text.index('id="benchmark-h"'))

    def test_it_shades_the_band_on_the_chart(self):
        text = self.page().content.decode()
        self.assertIn('class="benchmark-band"', text)
        self.assertIn('class="benchmark-median"', text)

    def test_it_never_shows_a_peers_name_or_value(self):
        text = self.page().content.decode()
        for secret in SECRETS:
            self.assertNotIn(secret, text)

    def test_it_shows_nothing_with_four_contributors(self):
        Organisation.objects.get(slug="alfa").benchmark_participation.delete()
        text = self.page().content.decode()
        self.assertNotIn('id="benchmark-h"', text)
        self.assertNotIn("benchmark-band", text)


class ComparePageTest(BenchmarkTestCase):
    def test_it_lets_the_admin_join_and_leave_at_once(self):
        self.login(self.alice)
        self.client.post(reverse("compare_join", args=["acme"]))
        self.assertTrue(takes_part(self.org))
        self.client.post(reverse("compare_leave", args=["acme"]))
        self.assertFalse(takes_part(self.org))

    def test_it_lets_no_viewer_or_manager_join(self):
        for user in (self.victor, self.bob, self.carol):
            self.login(user)
            self.assertEqual(
                self.client.post(reverse("compare_join", args=["acme"])).status_code, 403
            )
        self.assertFalse(takes_part(self.org))

    def test_it_hides_the_page_from_another_organisation(self):
        self.login(self.charlie)
        self.assertEqual(self.client.get(reverse("compare", args=["acme"])).status_code, 404)
        self.assertEqual(self.client.post(reverse("compare_join", args=["acme"])).status_code, 404)

    def test_it_shows_every_member_the_page(self):
        self.login(self.carol)
        response = self.client.get(reverse("compare", args=["acme"]))
        self.assertContains(response, "Vergelijken met anderen")
        self.assertNotContains(response, reverse("compare_join", args=["acme"]))


class ImportPageTest(BenchmarkTestCase):
    def upload(self, text: str):
        self.login(self.alice)
        upload = SimpleUploadedFile("metaal.csv", text.encode("cp1252"))
        return self.client.post(reverse("compare_upload", args=["acme"]), {"file": upload})

    def test_it_previews_then_imports_on_confirmation(self):
        response = self.upload(DUTCH)
        pending = BenchmarkSet.objects.get(pending=True)
        self.assertRedirects(response, reverse("compare_preview", args=["acme", pending.pk]))
        preview = self.client.get(reverse("compare_preview", args=["acme", pending.pk]))
        self.assertContains(preview, "2 cijfers, klaar om te importeren")
        self.assertEqual(Figure.objects.count(), 0)
        self.client.post(reverse("compare_confirm", args=["acme", pending.pk]))
        self.assertEqual(Figure.objects.count(), 2)
        self.assertEqual(BenchmarkSet.objects.get().organisation, self.org)

    def test_it_names_row_and_column_and_imports_nothing(self):
        self.upload(DUTCH.replace("net_margin", "nett_margin"))
        pending = BenchmarkSet.objects.get(pending=True)
        preview = self.client.get(reverse("compare_preview", args=["acme", pending.pk]))
        self.assertContains(preview, "Rij 3, kolom &#x27;Catalogus&#x27;")
        self.assertNotContains(preview, "compare_confirm")
        response = self.client.post(reverse("compare_confirm", args=["acme", pending.pk]))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Figure.objects.count(), 0)

    def test_it_shows_a_web_import_to_its_own_organisation_only(self):
        self.upload(DUTCH)
        pending = BenchmarkSet.objects.get(pending=True)
        self.client.post(reverse("compare_confirm", args=["acme", pending.pk]))
        self.assertEqual(len(self.show_json()["external"]), 1)
        other = self.peer("Beta", 30, sector="25")
        self.assertEqual(self.show_json(other.slug)["external"], [])

    def test_it_lets_no_viewer_import(self):
        self.login(self.victor)
        upload = SimpleUploadedFile("metaal.csv", DUTCH.encode())
        response = self.client.post(reverse("compare_upload", args=["acme"]), {"file": upload})
        self.assertEqual(response.status_code, 403)


class ApiAndReportTest(BenchmarkTestCase):
    def setUp(self):
        join(self.org)
        self.peers([20.7, 25.3, 30.9, 40.1], sector="2511")

    def test_it_answers_the_api_with_the_benchmark(self):
        _token, secret = issue_token(self.org, self.victor, "script")
        response = self.client.get(
            "/api/v1/kpis/GM/benchmark?period=2025-03", HTTP_AUTHORIZATION=f"Bearer {secret}"
        )
        data = response.json()
        self.assertEqual(data["kpi"], "GM")
        self.assertEqual(
            data["peers"], {"n": 5, "median": 30.9, "p25": 25.3, "p75": 34.0, "rank": 2}
        )
        self.assertEqual(data["sector_peers"]["n"], 5)
        for secret_text in SECRETS:
            self.assertNotIn(secret_text, response.content.decode())

    def test_it_hides_another_organisations_kpi_in_the_api(self):
        _token, secret = issue_token(self.other, self.charlie, "script")
        response = self.client.get(
            "/api/v1/kpis/GM/benchmark", HTTP_AUTHORIZATION=f"Bearer {secret}"
        )
        self.assertEqual(response.status_code, 404)

    def test_it_puts_the_sentence_in_the_report(self):
        self.login(self.victor)
        response = self.client.get(
            reverse("report", args=["acme", "acme"]) + "?period=2025-03", HTTP_ACCEPT_LANGUAGE="nl"
        )
        text = response.content.decode()
        self.assertIn("Mediaan van 5 deelnemers in deze installatie: 30,9 %", text)
        for secret_text in SECRETS:
            self.assertNotIn(secret_text, text)
