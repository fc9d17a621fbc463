"""Trend settings on the KPI page: who may change them, history, revision, and the page."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils import translation

from koers.kpis.models import KPI, KPIChange
from koers.testing import KoersTestCase, add_values
from koers.trends.display import proposal_of
from koers.trends.models import Rebaseline, TrendSettings
from koers.trends.tests.test_verdicts import step_series
from koers.trends.verdicts import trend_for


class SettingsViewTests(KoersTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_values(cls.kpi, date(2023, 1, 1), step_series(seed=5))

    def url(self, name, *extra, org="acme", code="PW-1"):
        return reverse(name, args=[org, code, *extra])

    def actions(self):
        """(url, data) for every settings action; each changes something."""
        return [
            (self.url("trend_baseline"), {"points": "12", "locked": "on"}),
            (self.url("trend_method"), {"spread": "median", "seasonal": "on"}),
            (self.url("trend_rebaseline_add"), {"period": "2024-06", "reason": "Nieuwe kantbank"}),
        ]

    def test_it_lets_admins_and_unit_managers_change_the_settings(self):
        for user in (self.alice, self.bob):
            self.login(user)
            for url, data in self.actions():
                revision = KPI.objects.get(pk=self.kpi.pk).revision
                response = self.client.post(url, data)
                self.assertRedirects(
                    response, "/acme/kpis/PW-1/#trend", fetch_redirect_response=False
                )
                self.assertEqual(KPI.objects.get(pk=self.kpi.pk).revision, revision + 1, url)
            Rebaseline.objects.all().delete()
            TrendSettings.objects.all().delete()

    def test_it_forbids_members_of_other_units_and_viewers(self):
        for user in (self.carol, self.victor):
            self.login(user)
            for url, data in self.actions():
                self.assertEqual(self.client.post(url, data).status_code, 403, (user, url))
        self.assertFalse(TrendSettings.objects.exists())
        self.assertFalse(Rebaseline.objects.exists())

    def test_it_hides_the_kpi_from_other_organisations(self):
        self.login(self.charlie)
        for url, data in self.actions():
            self.assertEqual(self.client.post(url, data).status_code, 404)
        response = self.client.post(self.url("trend_baseline", org="other", code="PW-1"), {})
        self.assertEqual(response.status_code, 404)

    def test_it_accepts_only_post(self):
        self.login(self.alice)
        response = self.client.get(self.url("trend_baseline"))  # a reload goes to its page
        self.assertRedirects(response, "/acme/kpis/PW-1/", fetch_redirect_response=False)
        self.assertFalse(KPIChange.objects.filter(kpi=self.kpi).exists())

    def test_it_records_each_change_in_the_kpi_history(self):
        self.login(self.bob)
        self.client.post(self.url("trend_baseline"), {"points": "12", "locked": "on"})
        change = KPIChange.objects.filter(kpi=self.kpi).first()
        self.assertEqual(change.summary, "Basis voor de trend gewijzigd")
        self.assertEqual(change.user, self.bob)
        self.assertEqual(
            change.changes["basis"],
            ["eerste 20 punten (standaard)", "vastgezet tot en met dec 2023"],
        )
        settings = TrendSettings.objects.get(kpi=self.kpi)
        self.assertEqual(settings.baseline_until, date(2023, 12, 1))
        self.assertEqual(settings.version, 1)
        self.client.post(self.url("trend_method"), {"spread": "median", "screening": "on"})
        change = KPIChange.objects.filter(kpi=self.kpi).first()
        self.assertEqual(change.summary, "Trendmethode gewijzigd")
        self.assertEqual(
            change.changes,
            {
                "grenzen uit": ["gemiddelde sprong", "mediaan van de sprongen"],
                "grote sprongen uitsluiten": ["nee", "ja"],
            },
        )
        self.assertEqual(TrendSettings.objects.get(kpi=self.kpi).version, 2)

    def test_it_keeps_a_locked_baseline_when_values_are_added(self):
        self.login(self.alice)
        self.client.post(self.url("trend_baseline"), {"points": "8", "locked": "on"})
        trend = trend_for(KPI.objects.get(pk=self.kpi.pk))
        self.assertEqual(trend.analysis.limits["baseline"], [0, 8])
        self.assertTrue(trend.analysis.limits["provisional"])

    def test_it_sets_and_removes_a_new_level_with_who_and_why(self):
        self.login(self.bob)
        self.client.post(
            self.url("trend_rebaseline_add"), {"period": "jun 2024", "reason": "Nieuwe kantbank"}
        )
        level = Rebaseline.objects.get(kpi=self.kpi)
        self.assertEqual((level.period_start, level.created_by), (date(2024, 6, 1), self.bob))
        trend = trend_for(KPI.objects.get(pk=self.kpi.pk))
        self.assertEqual([s["start"] for s in trend.analysis.segments], [0, 17])
        response = self.client.post(self.url("trend_rebaseline_delete", level.pk))
        self.assertEqual(response.status_code, 302)
        self.assertFalse(Rebaseline.objects.exists())
        summaries = list(KPIChange.objects.filter(kpi=self.kpi).values_list("summary", flat=True))
        self.assertEqual(summaries, ["Nieuw niveau verwijderd", "Nieuw niveau vastgelegd"])

    def test_it_rejects_a_new_level_outside_the_data(self):
        self.login(self.alice)
        response = self.client.post(
            self.url("trend_rebaseline_add"), {"period": "2030-01", "reason": "x"}, follow=True
        )
        self.assertContains(response, "Kies een periode na de eerste waarde")
        self.assertFalse(Rebaseline.objects.exists())

    def test_it_forbids_removing_a_new_level_to_a_viewer(self):
        level = Rebaseline.objects.create(
            organisation=self.org, kpi=self.kpi, period_start=date(2024, 6, 1), reason="x"
        )
        self.login(self.victor)
        response = self.client.post(self.url("trend_rebaseline_delete", level.pk))
        self.assertEqual(response.status_code, 403)
        self.assertTrue(Rebaseline.objects.exists())

    def test_it_accepts_the_proposed_new_level_in_one_click(self):
        found = proposal_of(trend_for(KPI.objects.get(pk=self.kpi.pk)))
        self.assertEqual(found["index"], 24)
        self.login(self.bob)
        self.client.post(self.url("trend_accept_level"), {"period": found["period"].key})
        level = Rebaseline.objects.get(kpi=self.kpi)
        self.assertEqual(level.period_start, found["period"].start)
        self.assertIn("trendtoets", level.reason)
        self.assertIsNone(proposal_of(trend_for(KPI.objects.get(pk=self.kpi.pk))))
        self.assertEqual(
            KPIChange.objects.filter(kpi=self.kpi).first().summary,
            "Voorgesteld nieuw niveau aanvaard",
        )

    def test_it_refuses_a_stale_proposal(self):
        self.login(self.alice)
        self.client.post(self.url("trend_accept_level"), {"period": "2023-02"})
        self.assertFalse(Rebaseline.objects.exists())

    def test_it_refuses_seasonal_for_a_yearly_kpi(self):
        KPI.objects.filter(pk=self.kpi.pk).update(frequency="year")
        self.login(self.alice)
        self.client.post(self.url("trend_method"), {"spread": "mean", "seasonal": "on"})
        self.assertFalse(TrendSettings.objects.filter(seasonal=True).exists())


class KPIPageTests(KoersTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        KPI.objects.filter(pk=cls.kpi.pk).update(target=45)
        add_values(cls.kpi, date(2023, 1, 1), step_series(seed=5))

    def test_it_shows_chart_verdict_drift_change_point_and_limits(self):
        self.login(self.victor)
        response = self.client.get("/acme/kpis/PW-1/")
        self.assertContains(response, 'class="chart xmr"')
        self.assertContains(response, 'class="badge improving"')
        self.assertContains(response, "Wordt het beter?")
        self.assertContains(response, "Sen-helling; Mann-Kendall-toets: p ")
        self.assertContains(
            response, "Waarschijnlijk begint in januari 2025 een nieuw niveau (Pettitt-toets: p "
        )
        self.assertContains(response, "Bovenste natuurlijke procesgrens")
        self.assertContains(response, "zal de norm steeds halen")
        self.assertContains(response, "Zo lees je deze grafiek")
        # A viewer gets no settings and no accept button.
        self.assertNotContains(response, "Trendinstellingen")
        self.assertNotContains(response, "aanvaarden")

    def test_it_offers_the_settings_to_who_may_define_the_kpi(self):
        self.login(self.bob)
        response = self.client.get("/acme/kpis/PW-1/")
        self.assertContains(response, "Trendinstellingen")
        self.assertContains(response, "Nieuw niveau vanaf jan 2025 aanvaarden")
        self.assertContains(response, reverse("trend_baseline", args=["acme", "PW-1"]))

    def test_it_speaks_english_to_english_readers(self):
        self.login(self.alice)
        # The request leaves English active in this thread; put Dutch back afterwards.
        self.addCleanup(translation.activate, "nl")
        response = self.client.get("/acme/kpis/PW-1/", HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(response, "Is it getting better?")
        self.assertContains(response, "will meet the target consistently")
        self.assertContains(response, "Jan 2025")

    def test_it_keeps_the_ids_of_its_form_fields_apart_from_the_value_form(self):
        self.login(self.bob)
        html = self.client.get("/acme/kpis/PW-1/").content.decode()
        self.assertEqual(html.count('id="id_period"'), 1)
        self.assertIn('id="trend_period"', html)
