import hashlib
import io
import re
from datetime import timedelta
from decimal import Decimal

from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from koers.reports.models import Benchmark, ShareAccess, ShareLink, Subscription
from koers.testing import make_kpi

from .base import ReportTestCase


class ReportPageTests(ReportTestCase):
    def url(self, unit="plaatwerk", **query):
        query = {"period": "2025-01", "group": "goal", **query}
        return (
            reverse("report", args=["acme", unit])
            + "?"
            + "&".join(f"{k}={v}" for k, v in query.items())
        )

    def test_it_lets_everyone_in_the_organisation_read_reports(self):
        for user in (self.alice, self.bob, self.carol, self.victor):
            self.login(user)
            response = self.client.get(self.url(), HTTP_ACCEPT_LANGUAGE="nl")
            self.assertContains(response, "1.212,0")
            self.assertContains(response, "Meer orders per uur")

    def test_it_hides_reports_from_other_organisations(self):
        self.login(self.charlie)
        self.assertEqual(self.client.get(self.url()).status_code, 404)
        self.assertEqual(self.client.get(reverse("reports", args=["acme"])).status_code, 404)
        pdf = reverse("report_pdf", args=["acme", "plaatwerk"])
        self.assertEqual(self.client.get(pdf).status_code, 404)

    def test_it_sends_anonymous_visitors_to_the_login(self):
        response = self.client.get(self.url())
        self.assertEqual(response.status_code, 302)
        self.assertIn("/accounts/login/", response["Location"])

    def test_it_goes_from_the_choice_to_the_report(self):
        self.login(self.victor)
        index = self.client.get(reverse("reports", args=["acme"]))
        self.assertContains(index, 'value="plaatwerk"')
        self.assertContains(index, 'value="latest"')
        response = self.client.get(
            reverse("reports", args=["acme"]),
            {"unit": "verkoop", "period": "2025-Q1", "group": "area"},
        )
        self.assertRedirects(
            response, reverse("report", args=["acme", "verkoop"]) + "?period=2025-Q1&group=area"
        )

    def test_it_shows_english_when_the_reader_reads_english(self):
        self.login(self.victor)
        self.client.cookies["django_language"] = "en"
        response = self.client.get(self.url())
        self.assertContains(response, "1,212.0")
        self.assertContains(response, "vs previous period")

    def test_it_downloads_pdf_and_excel_with_the_same_numbers(self):
        self.login(self.victor)
        pdf = self.client.get(reverse("report_pdf", args=["acme", "plaatwerk"]) + "?period=2025-01")
        self.assertEqual(pdf["Content-Type"], "application/pdf")
        self.assertIn("koers-acme-plaatwerk-2025-01.pdf", pdf["Content-Disposition"])
        text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
        self.assertIn("1.212,0", text)
        xlsx = self.client.get(
            reverse("report_xlsx", args=["acme", "plaatwerk"]) + "?period=2025-01"
        )
        sheet = load_workbook(io.BytesIO(xlsx.content))["Plaatwerk"]
        self.assertEqual(sheet["F9"].value, 1212)

    def test_it_falls_back_to_the_latest_period_for_an_unreadable_one(self):
        self.login(self.victor)
        response = self.client.get(self.url(period="garbage"))
        self.assertContains(response, "tot en met de laatst afgesloten periode")

    def test_its_query_count_does_not_grow_with_the_number_of_kpis(self):
        self.login(self.victor)
        self.client.get(self.url(unit="acme"))  # fill the trend cache
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as few:
            self.client.get(self.url(unit="acme"))
        for i in range(5):
            make_kpi(self.org, self.plaatwerk, f"EXTRA-{i}")
        self.client.get(self.url(unit="acme"))
        with CaptureQueriesContext(connection) as many:
            self.client.get(self.url(unit="acme"))
        self.assertEqual(len(few), len(many))


class BenchmarkTests(ReportTestCase):
    def post(self, kpi, value="95,5"):
        return self.client.post(
            reverse("benchmarks", args=["acme"]),
            {"kpi": kpi.pk, "value": value, "source": "branche", "period": "2025", "note": ""},
        )

    def test_it_lets_managers_add_benchmarks_for_their_units(self):
        self.login(self.bob)
        self.assertEqual(self.post(self.kpi).status_code, 302)
        self.assertEqual(Benchmark.objects.filter(kpi=self.kpi, value=Decimal("95.5")).count(), 1)
        self.assertEqual(self.post(self.sales_kpi).status_code, 400)  # not bob's unit
        self.login(self.alice)
        self.assertEqual(self.post(self.sales_kpi).status_code, 302)

    def test_it_refuses_benchmarks_from_members_and_viewers(self):
        for user in (self.carol, self.victor):
            self.login(user)
            self.assertEqual(self.post(self.sales_kpi).status_code, 403)
            page = self.client.get(reverse("benchmarks", args=["acme"]))
            self.assertContains(page, "sector survey")
            self.assertNotContains(page, 'name="source"')
        self.login(self.charlie)
        self.assertEqual(self.post(self.kpi).status_code, 404)

    def test_it_deletes_only_with_rights_over_the_kpi(self):
        other = Benchmark.objects.create(
            organisation=self.org, kpi=self.sales_kpi, value=1, source="x", period="2024"
        )
        self.login(self.bob)
        url = reverse("benchmark_delete", args=["acme", other.pk])
        self.assertEqual(self.client.post(url).status_code, 403)
        self.login(self.charlie)
        self.assertEqual(self.client.post(url).status_code, 404)
        self.login(self.alice)
        self.assertEqual(self.client.post(url).status_code, 302)
        self.assertFalse(Benchmark.objects.filter(pk=other.pk).exists())


class SubscriptionTests(ReportTestCase):
    def test_it_keeps_subscriptions_personal(self):
        self.login(self.carol)
        response = self.client.post(
            reverse("subscriptions", args=["acme"]),
            {"unit": self.verkoop.pk, "frequency": "monthly", "group": "goal", "lang": "nl"},
        )
        self.assertEqual(response.status_code, 302)
        mine = Subscription.objects.get(user=self.carol)
        self.assertEqual(mine.unit, self.verkoop)
        self.login(self.victor)
        page = self.client.get(reverse("subscriptions", args=["acme"]))
        self.assertContains(page, "Je ontvangt geen rapportages per e-mail.")
        delete = reverse("subscription_delete", args=["acme", mine.pk])
        self.assertEqual(self.client.post(delete).status_code, 404)
        self.login(self.charlie)
        self.assertEqual(self.client.post(delete).status_code, 404)
        self.assertEqual(self.client.get(reverse("subscriptions", args=["acme"])).status_code, 404)
        self.login(self.carol)
        self.assertContains(self.client.get(reverse("subscriptions", args=["acme"])), "Verkoop")
        self.assertEqual(self.client.post(delete).status_code, 302)
        self.assertFalse(Subscription.objects.filter(pk=mine.pk).exists())

    def test_it_refuses_a_second_identical_subscription(self):
        Subscription.objects.create(
            organisation=self.org, user=self.carol, unit=self.verkoop, frequency="monthly"
        )
        self.login(self.carol)
        response = self.client.post(
            reverse("subscriptions", args=["acme"]),
            {"unit": self.verkoop.pk, "frequency": "monthly", "group": "goal", "lang": "nl"},
        )
        self.assertContains(response, "Je ontvangt deze rapportage al", status_code=400)


class ShareTests(ReportTestCase):
    def create(self, unit="plaatwerk", **data):
        data = {
            "label": "De bank",
            "period": "2025-01",
            "group": "goal",
            "lang": "nl",
            "expires_on": (timezone.localdate() + timedelta(days=10)).strftime("%d-%m-%Y"),
            **data,
        }
        return self.client.post(reverse("report_shares", args=["acme", unit]), data)

    def create_url(self, unit="plaatwerk", **data) -> str:
        """Create a link and read its address from the page, where it is shown once."""
        self.create(unit, **data)
        page = self.client.get(reverse("report_shares", args=["acme", unit])).content.decode()
        return re.search(r'value="http://testserver(/[^"]+)"', page).group(1)

    def test_it_lets_managers_of_the_unit_and_admins_share(self):
        self.login(self.bob)
        self.assertEqual(self.create().status_code, 302)
        self.assertEqual(self.create(unit="verkoop").status_code, 403)
        self.login(self.alice)
        self.assertEqual(self.create(unit="verkoop").status_code, 302)
        for user in (self.carol, self.victor):
            self.login(user)
            self.assertEqual(self.create(unit="verkoop").status_code, 403)
            shares = reverse("report_shares", args=["acme", "verkoop"])
            self.assertEqual(self.client.get(shares).status_code, 403)
        self.login(self.charlie)
        self.assertEqual(self.create().status_code, 404)
        self.assertEqual(ShareLink.objects.count(), 2)

    def test_it_opens_without_an_account_and_logs_the_opening(self):
        self.login(self.bob)
        url = self.create_url()
        self.client.logout()
        response = self.client.get(url, HTTP_USER_AGENT="TestBrowser/1.0", REMOTE_ADDR="10.1.2.3")
        self.assertContains(response, "1.212,0")
        self.assertContains(response, "Alleen-lezen rapportage gedeeld door Acme")
        self.assertNotContains(response, "Uitloggen")
        opened = ShareAccess.objects.get()
        self.assertEqual(opened.user_agent, "TestBrowser/1.0")
        self.assertEqual(len(opened.ip_hash), 16)
        self.assertNotIn("10.1.2.3", opened.ip_hash)
        pdf = self.client.get(url + "pdf/")
        self.assertIn("1.212,0", PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text())
        self.assertEqual(ShareAccess.objects.count(), 2)
        self.login(self.bob)
        page = self.client.get(reverse("report_shares", args=["acme", "plaatwerk"]))
        self.assertContains(page, "2 keer")

    def test_it_stops_after_revoking(self):
        self.login(self.bob)
        url = self.create_url()
        link = ShareLink.objects.get()
        revoke = reverse("report_share_revoke", args=["acme", "plaatwerk", link.pk])
        self.login(self.carol)
        self.assertEqual(self.client.post(revoke).status_code, 403)
        self.login(self.bob)
        self.assertEqual(self.client.post(revoke).status_code, 302)
        self.client.logout()
        response = self.client.get(url)
        self.assertContains(response, "ingetrokken", status_code=410)
        self.assertNotContains(response, "1.212,0", status_code=410)
        self.assertEqual(ShareAccess.objects.count(), 0)

    def test_it_stops_after_the_expiry_date(self):
        link = ShareLink.objects.create(
            organisation=self.org,
            unit=self.plaatwerk,
            period="2025-01",
            label="Accountant",
            lang="en",
            expires_on=timezone.localdate() - timedelta(days=1),
        )
        response = self.client.get(reverse("shared_report", args=[link.token]))
        self.assertContains(response, "was valid until", status_code=410)
        unknown = self.client.get(reverse("shared_report", args=["no-such-token"]))
        self.assertContains(unknown, "Controleer of de link volledig is", status_code=404)

    def test_it_stores_only_a_fingerprint_of_the_token_and_shows_it_once(self):
        self.login(self.bob)
        url = self.create_url()
        token = url.strip("/").split("/")[-1]
        link = ShareLink.objects.get()
        self.assertEqual(link.token_hash, hashlib.sha256(token.encode()).hexdigest())
        stored = " ".join(str(v) for v in ShareLink.objects.values_list().get())
        self.assertNotIn(token, stored)
        again = self.client.get(reverse("report_shares", args=["acme", "plaatwerk"]))
        self.assertNotContains(again, token)
        self.assertContains(again, "kan hem dus niet nog eens tonen")
        self.assertEqual(ShareLink.objects.by_token(token), link)
        self.assertIsNone(ShareLink.objects.by_token(link.token_hash))

    def test_it_caps_the_lifetime_at_a_year(self):
        self.login(self.alice)
        response = self.create(expires_on="31-12-9999")
        self.assertContains(response, "hoogstens een jaar geldig", status_code=400)
        self.assertEqual(ShareLink.objects.count(), 0)
        in_a_year = timezone.localdate() + timedelta(days=366)
        self.assertEqual(self.create(expires_on=in_a_year.strftime("%d-%m-%Y")).status_code, 302)

    @override_settings(LANGUAGE_CODE="nl")
    def test_it_refuses_an_expiry_date_in_the_past(self):
        self.login(self.alice)
        response = self.create(expires_on="01-01-2020")
        self.assertContains(response, "Deze datum ligt in het verleden", status_code=400)
