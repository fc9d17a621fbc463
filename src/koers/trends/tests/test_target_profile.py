"""The trend's target check compares the process limits with the target valid for the
latest period: a monthly profile's value for that month, or the share of the year's annual
goal, not one number for every period."""

from datetime import date
from decimal import Decimal

from koers.goals.models import AnnualGoal
from koers.kpis.changes import save_target
from koers.testing import KoersTestCase, add_values
from koers.trends.verdicts import trend_for

STEADY = [10, 11, 10, 12, 11, 10, 11, 12, 10, 11, 12, 11] * 2  # jan 2025 – dec 2026


class TargetProfileTests(KoersTestCase):
    def setUp(self):
        add_values(self.kpi, date(2025, 1, 1), STEADY)
        self.kpi.refresh_from_db()

    def target(self):
        self.kpi.refresh_from_db()
        return trend_for(self.kpi).target

    def test_it_checks_a_single_target_as_before(self):
        save_target(self.kpi, {"target_mode": "single", "target": Decimal("5")}, user=self.alice)
        self.assertEqual(self.target(), {"value": 5.0, "assurance": "met"})

    def test_it_checks_the_profiles_value_for_the_latest_month(self):
        # One target of 5 for the year would be met; December's own target (20) is not.
        profile = ["5"] * 11 + ["20"]
        save_target(
            self.kpi,
            {"target_mode": "profile", "target": Decimal("5"), "target_profile": profile},
            user=self.alice,
        )
        self.assertEqual(self.target(), {"value": 20.0, "assurance": "not_met"})
        self.assertIn("20", trend_for(self.kpi).reason)
        # The other way round: high targets all year, a December target the process meets.
        save_target(self.kpi, {"target_profile": ["20"] * 11 + ["5"]}, user=self.alice)
        self.assertEqual(self.target(), {"value": 5.0, "assurance": "met"})

    def test_it_checks_the_share_of_the_annual_goal_and_follows_a_changed_goal(self):
        goal = AnnualGoal.objects.create(
            organisation=self.org,
            year=2026,
            unit=self.plaatwerk,
            title="Meer orders",
            target_kpi=self.kpi,
            target_value=Decimal("240"),
        )
        save_target(self.kpi, {"target_mode": "even"}, user=self.alice)
        self.assertEqual(self.target(), {"value": 20.0, "assurance": "not_met"})  # 240 / 12
        goal.target_value = Decimal("60")
        goal.save()  # no change to the KPI itself: the cached verdict still follows it
        self.assertEqual(self.target(), {"value": 5.0, "assurance": "met"})
