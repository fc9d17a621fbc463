from datetime import date

from django.test import SimpleTestCase

from koers.meetings.effect import MIN_AFTER, effect_of, judge
from koers.meetings.models import Action
from koers.testing import KoersTestCase, add_values, make_kpi

from .helpers import noisy


class JudgeTestCase(SimpleTestCase):
    def test_it_sees_a_clear_shift_the_right_way(self):
        effect = judge(noisy(88, 24), noisy(94, 8, 3), direction="higher", kpi_name="Levering")
        self.assertEqual(effect.verdict, "improved")
        self.assertTrue(effect.suggest_rebaseline)
        self.assertTrue(effect.paid_off)
        self.assertIn("Het heeft gewerkt", effect.message("nl"))
        self.assertIn("It worked", effect.message("en"))
        self.assertIn("88,", effect.message("nl"))  # the old average, Dutch decimal comma
        self.assertEqual(effect.details["side"], "above")

    def test_it_sees_a_drop_as_improvement_when_lower_is_better(self):
        effect = judge(noisy(6, 20), noisy(3, 6), direction="lower")
        self.assertEqual(effect.verdict, "improved")

    def test_it_says_no_change_yet_when_the_points_stay_within_the_old_limits(self):
        effect = judge(noisy(50, 20), noisy(50, 10, 5), direction="higher", kpi_name="X")
        self.assertEqual(effect.verdict, "no_change_yet")
        self.assertFalse(effect.suggest_rebaseline)
        self.assertIn("Nog geen verandering", effect.message("nl"))
        self.assertIn("10 values", effect.message("en"))

    def test_it_sees_a_shift_the_wrong_way(self):
        effect = judge(noisy(50, 20), noisy(44, 8), direction="higher")
        self.assertEqual(effect.verdict, "worsened")
        self.assertTrue(effect.suggest_rebaseline)
        self.assertIn("verkeerde kant", effect.message("nl"))
        effect = judge(noisy(50, 20), noisy(56, 8), direction="lower")
        self.assertEqual(effect.verdict, "worsened")

    def test_it_is_too_early_with_few_points_after(self):
        effect = judge(noisy(50, 20), [70, 71, 72][: MIN_AFTER - 1], direction="higher")
        self.assertEqual(effect.verdict, "too_early")
        self.assertEqual(effect.details["reason"], "too_few_after")
        self.assertIn("Te vroeg", effect.message("nl"))
        self.assertIn("3 values", effect.message("en"))

    def test_it_does_not_judge_without_a_baseline(self):
        effect = judge([50, 51, 49], noisy(70, 8), direction="higher")
        self.assertEqual(effect.verdict, "too_early")
        self.assertEqual(effect.details["reason"], "short_baseline")

    def test_it_ignores_a_run_that_mostly_lies_before_the_action(self):
        # Five high points at the end of the baseline plus four after: not a run of 8 after.
        before = noisy(50, 15) + [50.6, 50.7, 50.6, 50.8, 50.6]
        after = [50.7, 50.6, 50.8, 50.5]
        self.assertEqual(judge(before, after, direction="higher").verdict, "no_change_yet")


class EffectOfTestCase(KoersTestCase):
    def test_it_compares_before_the_start_with_after_the_completion(self):
        kpi = make_kpi(self.org, self.plaatwerk, "LEV", name="Levering", decimals=1)
        # From Jan 2022: 20 months at 88 (to Aug 2023), two odd months while the action ran
        # (Sep, Oct 2023), then 8 months at 94 (Nov 2023 to Jun 2024).
        add_values(kpi, date(2022, 1, 1), noisy(88, 20) + [70, 99] + noisy(94, 8, 3))
        action = Action.objects.create(
            organisation=self.org,
            unit=self.plaatwerk,
            title="Vaste leverdagen",
            status="done",
            started_on=date(2023, 9, 5),  # month 21
            completed_on=date(2023, 10, 20),  # month 22
        )
        action.kpis.set([kpi])
        effect = effect_of(action, kpi)
        self.assertEqual(effect.verdict, "improved")
        self.assertEqual(effect.details["before"], 20)
        self.assertEqual(effect.details["after"], 8)
        self.assertIn("nov 2023", effect.message("nl"))
        # While the action ran, the two odd months do not count either way.
        action.completed_on = date(2023, 12, 20)
        self.assertEqual(effect_of(action, kpi).verdict, "improved")
        action.completed_on = date(2024, 4, 20)
        self.assertEqual(effect_of(action, kpi).verdict, "too_early")
