"""Goal progress on the pages and in the API: year to date, projection, status, sentence."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings

from koers.goals.models import AnnualGoal
from koers.goals.progress import progress_for
from koers.testing import KoersTestCase, add_values, make_kpi

TODAY = date.today()


class GoalProgressTests(KoersTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.customers = make_kpi(cls.org, cls.verkoop, "VK-NKL", name="Nieuwe klanten")
        months = TODAY.month - 1  # the finished months of this year
        cls.this_year = [3 + (i % 2) for i in range(months)]
        add_values(cls.customers, date(TODAY.year - 2, 1, 1), [3, 4] * 12 + cls.this_year)
        cls.goal = AnnualGoal.objects.create(
            organisation=cls.org,
            year=TODAY.year,
            unit=cls.verkoop,
            title="Vijftig nieuwe klanten in het jaar",
            target_kpi=cls.customers,
            target_value=Decimal(50),
        )

    def test_it_sums_this_years_values_and_projects_an_interval_around_the_expected_end(self):
        progress = progress_for(self.goal, TODAY)
        if not self.this_year:  # January: nothing finished yet this year
            self.assertIsNone(progress.year_to_date)
            return
        self.assertEqual(progress.year_to_date, sum(self.this_year))
        self.assertLessEqual(progress.low, progress.expected)
        self.assertLessEqual(progress.expected, progress.high)
        self.assertAlmostEqual(progress.expected, 3.5 * 12, delta=1.5)
        self.assertEqual(progress.status, "off_course")
        self.assertIn("het doel van 50 wordt niet gehaald.", progress.sentence("nl"))

    def test_it_says_met_or_missed_after_the_year(self):
        last_year = AnnualGoal.objects.create(
            organisation=self.org,
            year=TODAY.year - 1,
            unit=self.verkoop,
            title="Veertig",
            target_kpi=self.customers,
            target_value=Decimal(42),
        )
        progress = progress_for(last_year, TODAY)
        self.assertEqual(progress.year_to_date, 42)
        self.assertEqual(progress.status, "met")
        last_year.target_value = Decimal(43)
        self.assertEqual(progress_for(last_year, TODAY).status, "missed")

    def test_it_shows_progress_on_the_goals_page_in_both_languages(self):
        self.login(self.victor)
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
        page = self.client.get("/acme/goals/")
        self.assertContains(page, "Bij dit tempo eindigen we rond")
        self.assertContains(page, 'data-status="off_course"')
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        self.assertContains(self.client.get("/acme/goals/"), "At this pace we end the year around")

    def test_it_gives_the_api_progress_as_strings(self):
        data = progress_for(self.goal, TODAY).as_dict()
        self.assertEqual(set(data), {"year_to_date", "target", "projection", "status"})
        self.assertEqual(data["target"], "50")
        self.assertEqual(data["status"], "off_course")
        self.assertEqual(set(data["projection"]), {"low", "expected", "high"})
        self.assertTrue(all(isinstance(v, str) for v in data["projection"].values()))

    def test_it_says_nothing_for_a_goal_without_values(self):
        empty = make_kpi(self.org, self.verkoop, "VK-LEEG")
        goal = AnnualGoal.objects.create(
            organisation=self.org,
            year=TODAY.year,
            unit=self.verkoop,
            title="Leeg",
            target_kpi=empty,
            target_value=Decimal(5),
        )
        data = progress_for(goal, TODAY).as_dict()
        self.assertEqual(
            data, {"year_to_date": None, "target": "5", "projection": None, "status": None}
        )

    def test_it_puts_the_same_progress_in_the_health_check(self):
        from django.utils import translation

        from koers.health.checks import checks_for_kpi

        with translation.override("en"):
            goal_check = checks_for_kpi(self.customers, TODAY)[0]
        self.assertEqual(goal_check.check, "goal")
        if self.this_year:
            self.assertIn("the goal of 50 will not be met.", goal_check.message)
