"""The health pages: overview (nl and en), per unit, the KPI fragment, settings, rights."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from koers.health.models import HealthSettings
from koers.testing import KoersTestCase, add_values, make_kpi

LONG_DEFINITION = "Number of quotes accepted in the period divided by all quotes sent then."


class HealthPageTestCase(KoersTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.per_person = make_kpi(
            cls.org, cls.verkoop, "VK-2", name="Omzet per medewerker", definition=LONG_DEFINITION
        )

    def get(self, url, lang="nl", user=None):
        self.login(user or self.victor)
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
        return self.client.get(url)


class OverviewTests(HealthPageTestCase):
    def test_it_shows_units_checks_and_problems_in_dutch(self):
        response = self.get("/acme/health/")
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertContains(response, "KPI-gezondheid")
        for label in ("Jaardoel", "Duidelijke definitie", "Bijgewerkt", "Focus"):
            self.assertIn(label, html)
        for code in ("PW-1", "VK-1", "VK-2"):
            self.assertIn(f'data-kpi="{code}"', html)
        self.assertNotIn("OT-1", html)
        self.assertIn('data-unit="plaatwerk"', html)
        # Marks are text, not colour only.
        self.assertIn('<span class="sr-only"> te verbeteren</span>', html)
        self.assertIn("“per medewerker”", html)
        self.assertIn("Wat te verbeteren", html)

    def test_it_shows_the_overview_in_english(self):
        response = self.get("/acme/health/", lang="en")
        self.assertContains(response, "KPI health")
        self.assertContains(response, "Clear definition")
        self.assertContains(response, '<span class="sr-only"> to fix</span>', html=False)
        self.assertContains(response, "What to fix")
        self.assertContains(response, "The definition has only 5 words.")

    def test_it_offers_settings_to_admins_only(self):
        self.assertContains(self.get("/acme/health/", user=self.alice), "/acme/health/settings/")
        self.assertNotContains(self.get("/acme/health/", user=self.bob), "/acme/health/settings/")

    def test_it_keeps_the_query_count_constant_as_kpis_grow(self):
        self.get("/acme/health/")  # warm the trend cache for the existing KPIs
        with CaptureQueriesContext(connection) as before:
            self.client.get("/acme/health/")
        count = len(before.captured_queries)  # read now: each request empties the query log
        for n in range(10):
            kpi = make_kpi(self.org, self.verkoop, f"MORE-{n}")
            add_values(kpi, date(2024, 1, 1), range(1, 15))
        self.client.get("/acme/health/")  # the new KPIs get their cached verdicts
        with self.assertNumQueries(count):
            response = self.client.get("/acme/health/")
        self.assertContains(response, 'data-kpi="MORE-9"')

    def test_it_hides_other_organisations(self):
        self.assertEqual(self.get("/acme/health/", user=self.charlie).status_code, 404)
        self.assertEqual(self.get("/acme/health/unit/verkoop/", user=self.charlie).status_code, 404)
        self.assertEqual(self.get("/acme/health/kpi/PW-1/", user=self.charlie).status_code, 404)


class UnitPageTests(HealthPageTestCase):
    def test_it_shows_only_the_units_kpis(self):
        response = self.get("/acme/health/unit/verkoop/", lang="en")
        self.assertContains(response, "KPI health of Verkoop")
        self.assertContains(response, 'data-kpi="VK-2"')
        self.assertNotContains(response, 'data-kpi="PW-1"')
        self.assertContains(response, "2 active KPIs; at most 7 keeps focus.")

    def test_it_returns_404_for_an_unknown_unit(self):
        self.assertEqual(self.get("/acme/health/unit/nope/").status_code, 404)


class KPIFragmentTests(HealthPageTestCase):
    def test_it_renders_the_checks_of_one_kpi_with_fix_links(self):
        response = self.get("/acme/health/kpi/VK-2/", lang="en", user=self.alice)
        self.assertContains(response, "Is this a good KPI?")
        self.assertContains(response, 'data-check="team"')
        self.assertContains(response, "✗ To fix")
        self.assertContains(response, 'href="/acme/kpis/VK-2/edit/"')
        self.assertNotContains(response, "<html")

    def test_it_offers_a_viewer_no_fix_link_it_may_not_follow(self):
        response = self.get("/acme/health/kpi/VK-2/", lang="en")
        self.assertContains(response, "✗ To fix")
        self.assertNotContains(response, 'href="/acme/kpis/VK-2/edit/"')

    def test_it_returns_404_for_another_organisations_kpi(self):
        self.assertEqual(self.get("/acme/health/kpi/OT-1/").status_code, 404)


class SettingsTests(HealthPageTestCase):
    url = "/acme/health/settings/"

    def test_it_lets_an_admin_change_the_focus_threshold(self):
        self.login(self.alice)
        self.assertContains(self.client.get(self.url), "max_kpis_per_unit")
        response = self.client.post(self.url, {"max_kpis_per_unit": "1"})
        self.assertRedirects(response, "/acme/health/", fetch_redirect_response=False)
        self.assertEqual(HealthSettings.objects.get(organisation=self.org).max_kpis_per_unit, 1)
        # Verkoop now has two active KPIs, one too many.
        page = self.client.get("/acme/health/unit/verkoop/")
        self.assertContains(page, "meer dan 1")

    def test_it_rejects_a_threshold_of_zero(self):
        self.login(self.alice)
        response = self.client.post(self.url, {"max_kpis_per_unit": "0"})
        self.assertEqual(response.status_code, 200)
        self.assertFalse(HealthSettings.objects.exists())

    def test_it_forbids_everyone_but_admins(self):
        for user in (self.bob, self.carol, self.victor):
            self.login(user)
            self.assertEqual(self.client.get(self.url).status_code, 403, user)
            response = self.client.post(self.url, {"max_kpis_per_unit": "3"})
            self.assertEqual(response.status_code, 403, user)
        self.login(self.charlie)
        self.assertEqual(self.client.post(self.url, {"max_kpis_per_unit": "3"}).status_code, 404)
        self.assertFalse(HealthSettings.objects.exists())


class PagedOverviewTests(HealthPageTestCase):
    def test_it_shows_the_checks_a_page_of_kpis_at_a_time_and_every_unit_in_the_summary(self):
        from koers.health.views.overview import KPIS_PER_PAGE

        for n in range(KPIS_PER_PAGE + 5):
            make_kpi(self.org, self.verkoop, f"ZZ-{n:03d}")
        first = self.get("/acme/health/").content.decode()
        self.assertIn('data-kpi="PW-1"', first)
        self.assertNotIn('data-kpi="ZZ-054"', first)
        self.assertIn("?page=2", first)
        self.assertIn('data-unit="verkoop"', first)
        second = self.get("/acme/health/?page=2").content.decode()
        self.assertIn('data-kpi="ZZ-054"', second)
        self.assertNotIn('data-kpi="PW-1"', second)
