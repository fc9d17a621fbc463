"""The pure distribution: numpy's linear interpolation, ranks by direction, quarters."""

import numpy as np
from django.test import SimpleTestCase

from koers.benchmarks.distribution import BEST, MIDDLE, WORST, distribution, quarter, rank_of


class DistributionTest(SimpleTestCase):
    def test_it_gives_nothing_for_four_values(self):
        self.assertIsNone(distribution([1, 2, 3, 4], 2, "higher"))

    def test_it_interpolates_quartiles_linearly_as_numpy_does(self):
        values = [12.5, 31.0, 28.25, 40.0, 19.0, 33.5]
        found = distribution(values, 31.0, "higher")
        self.assertEqual(found.n, 6)
        self.assertEqual(found.median, float(np.percentile(values, 50)))
        self.assertEqual(found.p25, float(np.percentile(values, 25)))
        self.assertEqual(found.p75, float(np.percentile(values, 75)))
        self.assertAlmostEqual(found.p25, 21.3125)  # 19 + 0.25 × (28.25 − 19)

    def test_it_ranks_the_best_first_following_the_direction(self):
        values = [10, 20, 30, 40, 50]
        self.assertEqual(rank_of(50, values, "higher"), 1)
        self.assertEqual(rank_of(50, values, "lower"), 5)
        self.assertEqual(rank_of(10, values, "lower"), 1)

    def test_it_lets_ties_share_a_rank(self):
        self.assertEqual(rank_of(30, [30, 30, 10, 40, 5], "higher"), 2)

    def test_it_has_no_rank_without_an_own_value(self):
        self.assertIsNone(distribution([1, 2, 3, 4, 5], None, "higher").rank)

    def test_it_names_the_quarter_following_the_direction(self):
        self.assertEqual(quarter(40, 20, 35, "higher"), BEST)
        self.assertEqual(quarter(40, 20, 35, "lower"), WORST)
        self.assertEqual(quarter(25, 20, 35, "higher"), MIDDLE)
        self.assertEqual(quarter(15, 20, 35, "lower"), BEST)
