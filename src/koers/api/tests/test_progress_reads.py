"""The API's goal progress and KPI roll-up fields (a contract for programs outside Koers)."""

from __future__ import annotations

from datetime import date

from koers.goals.models import AnnualGoal
from koers.testing import add_values, make_kpi

from .helpers import ApiTestCase


class ProgressReadTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_values(cls.kpi, date(2025, 1, 1), [10, 12.5, 11] + [12] * 9)
        cls.goal = AnnualGoal.objects.create(
            organisation=cls.org,
            year=2025,
            unit=cls.productie,
            title="Faster",
            target_kpi=cls.kpi,
            target_value="140",
        )
        AnnualGoal.objects.create(organisation=cls.org, year=2025, unit=cls.productie, title="Y")

    def test_it_gives_each_goal_its_progress_with_values_as_strings(self):
        goals = {g["title"]: g for g in self.get("/goals", self.victor).json()}
        progress = goals["Faster"]["progress"]
        self.assertEqual(progress["year_to_date"], "141.5")
        self.assertEqual(progress["target"], "140")
        self.assertEqual(progress["status"], "met")
        self.assertEqual(
            progress["projection"], {"low": "141.5", "expected": "141.5", "high": "141.5"}
        )
        self.assertEqual(
            goals["Y"]["progress"],
            {"year_to_date": None, "target": None, "projection": None, "status": None},
        )

    def test_it_says_missed_after_the_year_when_the_target_was_not_reached(self):
        self.goal.target_value = "150"
        self.goal.save()
        progress = self.get("/goals?year=2025", self.victor).json()[0]["progress"]
        self.assertEqual(progress["status"], "missed")

    def test_it_gives_the_combining_rule_and_roll_up_of_each_kpi(self):
        parent = make_kpi(
            self.org,
            self.company,
            "ALL-1",
            feed="rollup",
            rollup_rule="sum",
            rollup_children=["PW-1", "VK-1"],
        )
        self.assertEqual(parent.rollup_children, ["PW-1", "VK-1"])
        every = {k["code"]: k for k in self.get("/kpis", self.victor).json()}
        self.assertEqual(every["PW-1"]["aggregation"], "sum")
        self.assertIsNone(every["PW-1"]["rollup"])
        self.assertEqual(
            every["ALL-1"]["rollup"], {"rule": "sum", "children": ["PW-1", "VK-1"], "formula": None}
        )
        one = self.get("/kpis/ALL-1", self.victor).json()
        self.assertEqual(one["rollup"]["rule"], "sum")

    def test_it_names_the_codes_of_a_formula_as_its_children(self):
        make_kpi(
            self.org,
            self.company,
            "ALL-2",
            feed="rollup",
            rollup_rule="formula",
            rollup_formula="(PW-1 + VK-1) / 2",
        )
        rollup = self.get("/kpis/ALL-2", self.victor).json()["rollup"]
        self.assertEqual(
            rollup,
            {"rule": "formula", "children": ["PW-1", "VK-1"], "formula": "(PW-1 + VK-1) / 2"},
        )
