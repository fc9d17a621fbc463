"""A goal on a ratio roll-up: the year to date is Σ numerator / Σ denominator over the
periods so far (issue 11: 2/4 and 2/100 are 4/104 = 3.8%, not the 26% an average gives)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from koers.goals.models import AnnualGoal
from koers.goals.progress import progress_for, with_progress
from koers.testing import KoersTestCase, add_values, make_kpi

YEAR = 2025
AFTER = date(2026, 2, 1)  # the year is over: its result is the year to date


class RatioGoalProgressTests(KoersTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.num = make_kpi(cls.org, cls.company, "FOUT", name="Fouten")
        cls.den = make_kpi(cls.org, cls.company, "STUK", name="Stuks")
        cls.ratio = make_kpi(
            cls.org,
            cls.company,
            "FOUT-PCT",
            unit_of_measure="percent",
            decimals=1,
            direction="lower",
            aggregation="ratio",
            feed="rollup",
            rollup_rule="ratio",
            rollup_children=["FOUT", "STUK"],
        )
        cls.goal = AnnualGoal.objects.create(
            organisation=cls.org,
            year=YEAR,
            unit=cls.company,
            title="Minder dan 5% fouten",
            target_kpi=cls.ratio,
            target_value=Decimal(5),
        )

    def months(self, numerators, denominators):
        add_values(self.num, date(YEAR, 1, 1), numerators)
        add_values(self.den, date(YEAR, 1, 1), denominators)

    def test_it_divides_the_sums_of_the_parts_over_the_periods(self):
        self.months([2, 2] + [0] * 10, [4, 100] + [1] * 10)
        # Months 1-2: 50% and 2%; months 3-12: 0%. Σ 4 / Σ 114 = 3.5%, not the ≈4.3% the
        # day-weighted average of the ratios gives.
        progress = progress_for(self.goal, AFTER)
        self.assertAlmostEqual(progress.year_to_date, 400 / 114)
        self.assertEqual(progress.status, "met")
        self.assertEqual(progress.as_dict()["year_to_date"], "3.509")

    def test_it_falls_back_to_the_average_when_a_part_is_missing(self):
        self.months([2, 2], [4, 100])
        add_values(self.num, date(YEAR, 3, 1), [1])
        # March has a numerator but no denominator: no ratio value, no parts for March.
        progress = progress_for(self.goal, date(YEAR, 4, 1))
        self.assertAlmostEqual(progress.year_to_date, 400 / 104)

    def test_it_reads_the_parts_in_a_constant_number_of_queries(self):
        self.months([2, 2], [4, 100])

        def count() -> int:
            goals = list(AnnualGoal.objects.select_related("target_kpi"))
            with CaptureQueriesContext(connection) as queries:
                shown = with_progress(goals, date(YEAR, 3, 1))
            self.assertTrue(all(p.year_to_date is not None for _g, p in shown))
            return len(queries)

        before = count()
        for n in range(3):
            make_kpi(self.org, self.company, f"N{n}")
            make_kpi(self.org, self.company, f"D{n}")
            kpi = make_kpi(
                self.org,
                self.company,
                f"R{n}",
                feed="rollup",
                rollup_rule="ratio",
                rollup_children=[f"N{n}", f"D{n}"],
                aggregation="ratio",
            )
            add_values(kpi.__class__.objects.get(code=f"N{n}"), date(YEAR, 1, 1), [1])
            add_values(kpi.__class__.objects.get(code=f"D{n}"), date(YEAR, 1, 1), [2])
            AnnualGoal.objects.create(
                organisation=self.org,
                year=YEAR,
                unit=self.company,
                title=f"R{n}",
                target_kpi=kpi,
                target_value=Decimal(1),
            )
        self.assertEqual(count(), before)
