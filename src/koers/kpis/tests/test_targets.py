"""A KPI's target over time: the form's bad-input rules and the chart's target line."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from koers.goals.models import AnnualGoal
from koers.goals.targets import target_line
from koers.kpis.models import KPI, KPIChange
from koers.periods import Period, period_range
from koers.testing import KoersTestCase, add_values

URL = "/acme/kpis/PW-1/target/"
YEAR_2025 = period_range(Period.from_key("2025-01"), Period.from_key("2025-12"))


class TargetTests(KoersTestCase):
    def fresh(self) -> KPI:
        return KPI.objects.get(pk=self.kpi.pk)

    def test_it_saves_a_monthly_profile_typed_in_dutch(self):
        self.login(self.bob)
        profile = "; ".join(["1.200,5"] * 6 + ["800"] * 6)
        response = self.client.post(
            URL, {"mode": "profile", "profile": profile}, HTTP_ACCEPT_LANGUAGE="nl"
        )
        self.assertRedirects(response, "/acme/kpis/PW-1/", fetch_redirect_response=False)
        kpi = self.fresh()
        self.assertEqual(kpi.target_mode, "profile")
        self.assertEqual(kpi.target_profile[:1] + kpi.target_profile[-1:], ["1200.5", "800"])
        self.assertTrue(KPIChange.objects.filter(kpi=kpi).exists())
        line = target_line(kpi, YEAR_2025)
        self.assertEqual((line[0], line[6]), (1200.5, 800))
        page = self.client.get("/acme/kpis/PW-1/", HTTP_ACCEPT_LANGUAGE="nl")
        self.assertContains(page, "1.200,5")

    def test_it_refuses_a_profile_that_does_not_fit_the_frequency_and_saves_nothing(self):
        self.login(self.bob)
        response = self.client.post(
            URL, {"mode": "profile", "profile": "1; 2; 3"}, HTTP_ACCEPT_LANGUAGE="en"
        )
        self.assertEqual(response.status_code, 400)
        error = response.context["form"].errors["profile"][0]
        self.assertIn("give 12 values", error)
        self.assertIn("you gave 3", error)
        response = self.client.post(
            URL, {"mode": "profile", "profile": "1; twee"}, HTTP_ACCEPT_LANGUAGE="nl"
        )
        self.assertIn("Waarde 2", response.context["form"].errors["profile"][0])
        response = self.client.post(URL, {"mode": "even"}, HTTP_ACCEPT_LANGUAGE="en")
        self.assertIn("No annual goal", response.context["form"].errors["mode"][0])
        kpi = self.fresh()
        self.assertEqual((kpi.target_mode, kpi.target_profile), ("single", []))
        self.assertFalse(KPIChange.objects.filter(kpi=kpi).exists())

    def test_it_derives_the_targets_from_the_annual_goal(self):
        AnnualGoal.objects.create(
            organisation=self.org,
            unit=self.plaatwerk,
            year=2025,
            title="1200 orders",
            target_kpi=self.kpi,
            target_value=Decimal(1200),
        )
        add_values(self.kpi, date(2024, 1, 1), [50] * 6 + [150] * 6)
        self.login(self.bob)
        self.client.post(URL, {"mode": "pattern"})
        kpi = self.fresh()
        self.assertEqual(kpi.target_mode, "pattern")
        series = list(kpi.measurements.order_by("period_start"))
        line = target_line(kpi, YEAR_2025, series)
        self.assertEqual((line[0], line[11]), (50.0, 150.0))
        kpi.target_mode = "even"
        self.assertEqual(target_line(kpi, YEAR_2025, series)[0], 100.0)

    def test_it_draws_a_stepped_target_line_on_the_chart(self):
        self.kpi.target_mode, self.kpi.target_profile = "profile", ["5"] * 6 + ["9"] * 6
        self.kpi.save()
        add_values(self.kpi, date(2025, 1, 1), [4, 5, 6, 5, 4, 5, 8, 9, 8, 9, 8, 9])
        self.login(self.victor)
        page = self.client.get("/acme/kpis/PW-1/", HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(page, 'class="target per-period"')

    def test_it_lets_only_who_defines_the_kpi_set_its_target(self):
        for user, status in ((self.carol, 403), (self.victor, 403), (self.charlie, 404)):
            self.login(user)
            self.assertEqual(
                self.client.post(URL, {"mode": "single", "target": "3"}).status_code, status
            )
        self.assertIsNone(self.fresh().target)
