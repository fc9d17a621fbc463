"""Reading the API: units, KPIs, goals, measurements and trends; 401 and 404."""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model

from koers.api.models import ApiToken
from koers.goals.models import AnnualGoal
from koers.organisations.models import Membership
from koers.testing import add_values, make_kpi

from .helpers import ApiTestCase


class ReadTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_values(cls.kpi, date(2025, 1, 1), [10, 12.5, 11])
        add_values(cls.other_kpi, date(2025, 1, 1), [1, 2])
        cls.draft = make_kpi(cls.org, cls.verkoop, "VK-2", status="draft", target="95.5")
        cls.goal = AnnualGoal.objects.create(
            organisation=cls.org,
            year=2025,
            unit=cls.productie,
            title="Faster",
            target_kpi=cls.kpi,
            target_value="14.25",
        )
        cls.goal.kpis.add(cls.kpi)
        AnnualGoal.objects.create(organisation=cls.other, year=2025, unit=cls.other_unit, title="X")

    def test_it_lists_the_units_of_the_tokens_organisation_only(self):
        response = self.get("/units", self.victor)
        self.assertEqual(response.status_code, 200)
        units = {u["slug"]: u for u in response.json()}
        self.assertEqual(set(units), {"acme", "productie", "plaatwerk", "verkoop"})
        self.assertEqual(units["plaatwerk"]["parent"], "productie")
        self.assertIsNone(units["acme"]["parent"])
        self.assertEqual(units["plaatwerk"]["kind"], "team")

    def test_it_lists_kpis_with_unit_and_status_filters(self):
        every = self.get("/kpis", self.victor).json()
        self.assertEqual({k["code"] for k in every}, {"PW-1", "VK-1", "VK-2"})
        verkoop = self.get("/kpis?unit=verkoop", self.victor).json()
        self.assertEqual({k["code"] for k in verkoop}, {"VK-1", "VK-2"})
        drafts = self.get("/kpis?status=draft", self.victor).json()
        self.assertEqual([k["code"] for k in drafts], ["VK-2"])
        self.assertEqual(drafts[0]["target"], "95.5")

    def test_it_refuses_an_unknown_status_filter_with_400(self):
        response = self.get("/kpis?status=gone", self.victor)
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.json()["errors"][0]["field"], "status")

    def test_it_reads_the_kpi_list_in_a_fixed_number_of_queries(self):
        for i in range(5):
            make_kpi(self.org, self.plaatwerk, f"EX-{i}")
        self.get("/kpis", self.alice)  # records last use (at most once a minute)
        # the token with its user, organisation and the user's role there; then the KPIs
        # with unit and parent (an administrator's unit rights are never read)
        with self.assertNumQueries(2):
            self.assertEqual(self.get("/kpis", self.alice).status_code, 200)

    def test_it_returns_one_kpi_with_its_definition(self):
        data = self.get("/kpis/PW-1", self.carol).json()
        self.assertEqual(data["name"], "Orders per uur")
        self.assertEqual(data["unit"], "plaatwerk")
        self.assertEqual(data["decimals"], 1)
        self.assertEqual(data["frequency"], "month")
        self.assertEqual(data["revision"], 1)

    def test_it_hides_another_organisations_kpi_behind_404(self):
        self.assertEqual(self.get("/kpis/OT-1", self.alice).status_code, 404)
        self.assertEqual(self.get("/kpis/PW-1", self.charlie).status_code, 404)
        self.assertEqual(self.get("/kpis/PW-1/measurements", self.charlie).status_code, 404)
        self.assertEqual(self.get("/kpis/PW-1/trend", self.charlie).status_code, 404)
        self.assertEqual(self.get("/kpis/NOPE", self.alice).json()["code"], "not_found")

    def test_it_lists_goals_with_their_kpis_and_filters(self):
        goals = self.get("/goals", self.bob).json()
        self.assertEqual(len(goals), 1)
        self.assertEqual(goals[0]["kpis"], ["PW-1"])
        self.assertEqual(goals[0]["target_kpi"], "PW-1")
        self.assertEqual(goals[0]["target_value"], "14.25")
        self.assertEqual(self.get("/goals?year=2024", self.bob).json(), [])
        self.assertEqual(len(self.get("/goals?unit=productie&year=2025", self.bob).json()), 1)
        self.assertEqual(len(self.get("/goals", self.charlie).json()), 1)

    def test_it_lists_measurements_as_exact_strings_with_period_keys(self):
        data = self.get("/kpis/PW-1/measurements", self.victor).json()
        self.assertEqual([m["period"] for m in data], ["2025-01", "2025-02", "2025-03"])
        self.assertEqual([m["value"] for m in data], ["10", "12.5", "11"])
        self.assertEqual(data[0]["start"], "2025-01-01")

    def test_it_limits_measurements_to_from_and_to(self):
        data = self.get("/kpis/PW-1/measurements?from=2025-02&to=2025-02", self.victor).json()
        self.assertEqual([m["period"] for m in data], ["2025-02"])
        data = self.get("/kpis/PW-1/measurements?from=2025-02", self.victor).json()
        self.assertEqual([m["period"] for m in data], ["2025-02", "2025-03"])

    def test_it_refuses_an_unreadable_period_filter_with_a_translated_error(self):
        response = self.get("/kpis/PW-1/measurements?from=soon&lang=nl", self.victor)
        self.assertEqual(response.status_code, 400)
        error = response.json()["errors"][0]
        self.assertEqual((error["field"], error["code"]), ("from", "period.unreadable"))
        self.assertIn("geen periode", error["message"])
        response = self.get(
            "/kpis/PW-1/measurements?to=2025-W02", self.victor, HTTP_ACCEPT_LANGUAGE="en"
        )
        self.assertEqual(response.json()["errors"][0]["code"], "period.wrong_frequency")

    def test_it_gives_the_trend_verdict_with_the_analysis(self):
        add_values(self.sales_kpi, date(2024, 1, 1), [5, 6, 5, 6, 5, 6, 5, 6, 5, 6, 5, 6, 5, 20])
        data = self.get("/kpis/VK-1/trend?lang=en", self.victor).json()
        self.assertEqual(data["kpi"], "VK-1")
        self.assertEqual(data["periods"][0], "2024-01")
        self.assertEqual(data["values"][-1], "20")
        self.assertEqual(data["verdict"], "improving")
        self.assertEqual(data["analysis"]["verdict"], "improving")
        self.assertEqual(data["analysis"]["n"], 14)
        self.assertTrue(data["reason"])

    def test_it_says_insufficient_data_for_a_kpi_without_values(self):
        data = self.get("/kpis/VK-2/trend?lang=en", self.victor).json()
        self.assertEqual(data["verdict"], "insufficient_data")
        self.assertIsNone(data["analysis"])
        self.assertEqual(data["values"], [])


class UnauthorisedTests(ApiTestCase):
    def assert401(self, response):
        self.assertEqual(response.status_code, 401)
        self.assertEqual(response.json()["code"], "unauthorized")
        self.assertEqual(response["WWW-Authenticate"], 'Bearer realm="koers"')

    def test_it_needs_a_token(self):
        self.assert401(self.get("/units"))

    def test_it_refuses_an_unknown_token(self):
        self.assert401(self.get("/units", secret="koers_not-a-real-token"))

    def test_it_refuses_another_scheme(self):
        secret = self.secrets["alice"]
        self.assert401(self.client.get("/api/v1/units", HTTP_AUTHORIZATION=f"Token {secret}"))

    def test_it_does_not_accept_a_logged_in_session_instead_of_a_token(self):
        self.login(self.alice)
        self.assert401(self.client.get("/api/v1/units"))

    def test_it_refuses_a_revoked_token(self):
        self.assertEqual(self.get("/units", self.alice).status_code, 200)
        ApiToken.objects.get(user=self.alice).revoke()
        self.assert401(self.get("/units", self.alice))

    def test_it_refuses_the_token_of_someone_who_left_the_organisation(self):
        Membership.objects.filter(user=self.victor, organisation=self.org).delete()
        self.assert401(self.get("/units", self.victor))

    def test_it_refuses_the_token_of_a_deactivated_user(self):
        get_user_model().objects.filter(pk=self.carol.pk).update(is_active=False)
        self.assert401(self.get("/units", self.carol))

    def test_it_answers_401_in_dutch_or_english(self):
        self.assertIn("geldig", self.get("/units?lang=nl").json()["detail"])
        english = self.get("/units", HTTP_ACCEPT_LANGUAGE="en").json()["detail"]
        self.assertIn("valid API token", english)

    def test_it_records_when_a_token_was_last_used(self):
        token = ApiToken.objects.get(user=self.bob)
        self.assertIsNone(token.last_used_at)
        self.get("/units", self.bob)
        token.refresh_from_db()
        self.assertIsNotNone(token.last_used_at)
