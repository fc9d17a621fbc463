"""Pure goal progress: year to date by rule, projection with interval, status, words."""

from __future__ import annotations

import unittest

from koers.goals.pace import PaceInputs, progress, sentence, year_to_date

MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


def inputs(values, elapsed, **extra):
    values = list(values) + [None] * (12 - len(values))
    history = extra.pop("history", [v for v in values if v is not None])
    return PaceInputs(values=values, days=MONTH_DAYS, elapsed=elapsed, history=history, **extra)


class YearToDateTests(unittest.TestCase):
    def test_it_sums_the_periods_so_far(self):
        self.assertEqual(year_to_date(inputs([3, 4, 5], 3, rule="sum")), 12)

    def test_it_averages_weighted_by_period_length(self):
        got = year_to_date(inputs([10, 20], 2, rule="average"))
        self.assertAlmostEqual(got, (10 * 31 + 20 * 28) / 59)

    def test_it_takes_the_latest_value_for_last(self):
        self.assertEqual(year_to_date(inputs([10, None, 7], 3, rule="last")), 7)

    def test_it_divides_the_sums_of_the_parts_for_a_ratio(self):
        # 2/4 and 2/100 are 4/104 = 3.8%, not the 26% an average of the ratios gives.
        inp = inputs(
            [50, 2],
            2,
            rule="ratio",
            numerators=[2, 2] + [None] * 10,
            denominators=[4, 100] + [None] * 10,
            percent=True,
        )
        self.assertAlmostEqual(year_to_date(inp), 400 / 104)

    def test_it_knows_nothing_without_values(self):
        self.assertIsNone(year_to_date(inputs([], 3, rule="sum")))


class ProjectionTests(unittest.TestCase):
    def test_it_tells_the_fifty_new_customers_story(self):
        values = [3, 4, 3, 4, 3, 4, 3, 4, 3, 3, 3]
        p = progress(inputs(values, 11, rule="sum", target=50, history=[3.5] * 24 + values))
        self.assertEqual(p.year_to_date, 37)
        self.assertLessEqual(p.low, p.expected)
        self.assertLessEqual(p.expected, p.high)
        self.assertAlmostEqual(p.expected, 37 + sum(values) / len(values), delta=0.5)
        self.assertEqual(p.status, "off_course")
        words = sentence(p, "nl")
        self.assertTrue(words.startswith("Bij dit tempo eindigen we rond 40 ("), words)
        self.assertTrue(words.endswith("het doel van 50 wordt niet gehaald."), words)
        self.assertIn("the goal of 50 will not be met.", sentence(p, "en"))

    def test_it_is_on_course_when_the_whole_interval_reaches_the_target(self):
        p = progress(inputs([10] * 6, 6, rule="sum", target=100, mr_bar=1.0))
        self.assertEqual(p.expected, 120)
        self.assertEqual(p.status, "on_course")

    def test_it_is_at_risk_when_only_the_expected_end_reaches_the_target(self):
        p = progress(inputs([10, 14, 6, 12, 8, 10], 6, rule="sum", target=118))
        self.assertGreaterEqual(p.expected, 118)
        self.assertLess(p.low, 118)
        self.assertEqual(p.status, "at_risk")

    def test_it_reverses_for_lower_is_better(self):
        p = progress(inputs([10] * 6, 6, rule="average", target=12, direction="lower", mr_bar=1))
        self.assertEqual(p.status, "on_course")
        p = progress(inputs([10] * 6, 6, rule="average", target=9, direction="lower", mr_bar=1))
        self.assertEqual(p.status, "off_course")

    def test_it_carries_a_drift_forward(self):
        values = [float(v) for v in range(1, 7)]
        flat = progress(inputs(values, 6, rule="last", target=10))
        drifting = progress(inputs(values, 6, rule="last", target=10, evidence="drift", slope=1))
        self.assertAlmostEqual(drifting.expected, 12, delta=0.01)
        self.assertLess(flat.expected, drifting.expected)

    def test_it_follows_the_season(self):
        season = [0.5] * 6 + [1.5] * 6
        p = progress(inputs([5] * 6, 6, rule="sum", season=season, history=[10] * 6, mr_bar=0))
        self.assertAlmostEqual(p.expected, 30 + 6 * 15)

    def test_it_says_met_or_missed_after_the_year(self):
        done = [5] * 12
        met = progress(inputs(done, 12, rule="sum", target=60, year_over=True))
        missed = progress(inputs(done, 12, rule="sum", target=61, year_over=True))
        self.assertEqual((met.status, missed.status), ("met", "missed"))
        self.assertEqual(met.low, met.high)
        self.assertEqual(
            sentence(missed, "nl"), "Het jaar eindigde op 60; het doel van 61 is niet gehaald."
        )
        self.assertEqual(sentence(met, "en"), "The year ended at 60; the goal of 60 was met.")

    def test_it_says_nothing_without_values_or_target(self):
        p = progress(inputs([], 2, rule="sum", target=50, history=[]))
        self.assertIsNone(p.expected)
        self.assertIsNone(p.status)
        self.assertIn("Nog geen waarden", sentence(p, "nl"))
        p = progress(inputs([4, 5], 2, rule="sum"))
        self.assertIsNone(p.status)
        self.assertIn("there is no target value", sentence(p, "en"))


class NotBegunTests(unittest.TestCase):
    def test_it_says_nothing_of_a_year_that_has_not_begun(self):
        # Next year's goal: last year's level says nothing yet about how that year will end.
        inp = inputs([], 0, rule="sum", target=50, history=[3.0] * 24)
        got = progress(inp)
        self.assertEqual((got.expected, got.low, got.high, got.status), (None, None, None, None))
        self.assertEqual(
            sentence(got, "nl"),
            "Nog geen waarden dit jaar; er valt nog niets te zeggen over het doel.",
        )
        self.assertIsNotNone(
            progress(inputs([3.0], 1, rule="sum", target=50, history=[3.0] * 25)).status
        )
