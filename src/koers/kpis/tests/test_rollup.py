"""Roll-ups: totals up the hierarchy, recomputed when a child changes, checked before saving."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.utils import translation

from koers.kpis.models import Measurement, MeasurementChange
from koers.kpis.rollup import recompute, reported, rollup_errors, sub_periods
from koers.periods import Period
from koers.testing import KoersTestCase, add_values, make_kpi


def values(kpi) -> list[Decimal]:
    return list(kpi.measurements.order_by("period_start").values_list("value", flat=True))


class RollupTests(KoersTestCase):
    def rollup(self, code, rule, children, unit=None, **fields):
        return make_kpi(
            self.org,
            unit or self.company,
            code,
            feed="rollup",
            rollup_rule=rule,
            rollup_children=children,
            **fields,
        )

    def test_it_sums_the_children_and_recomputes_when_a_child_changes(self):
        a = make_kpi(self.org, self.plaatwerk, "KLA-PW")
        b = make_kpi(self.org, self.verkoop, "KLA-VK")
        dep = self.rollup("KLA-PR", "sum", ["KLA-PW"], unit=self.productie)
        top = self.rollup("KLA", "sum", ["KLA-PR", "KLA-VK"])
        add_values(a, date(2025, 1, 1), [1, 2])
        add_values(b, date(2025, 1, 1), [10, 20])
        self.assertEqual(values(dep), [1, 2])
        self.assertEqual(values(top), [11, 22])
        add_values(a, date(2025, 2, 1), [5])
        self.assertEqual(values(top), [11, 25])
        change = MeasurementChange.objects.filter(kpi=top).first()
        self.assertEqual(change.source, "rollup")

    def test_it_divides_the_sums_of_the_parts_over_units_and_periods(self):
        # 2/4 and 2/100 are 4/104 = 3.8%, not the 26% an average of the ratios gives.
        num_a = make_kpi(self.org, self.plaatwerk, "N-A")
        den_a = make_kpi(self.org, self.plaatwerk, "D-A")
        num_b = make_kpi(self.org, self.verkoop, "N-B")
        den_b = make_kpi(self.org, self.verkoop, "D-B")
        num = self.rollup("N", "sum", ["N-A", "N-B"])
        den = self.rollup("D", "sum", ["D-A", "D-B"])
        ratio = self.rollup(
            "R", "ratio", ["N", "D"], unit_of_measure="percent", decimals=1, aggregation="ratio"
        )
        add_values(num_a, date(2025, 1, 1), [2])
        add_values(den_a, date(2025, 1, 1), [4])
        add_values(num_b, date(2025, 1, 1), [2])
        add_values(den_b, date(2025, 1, 1), [100])
        self.assertEqual((values(num), values(den)), ([4], [104]))
        self.assertEqual(values(ratio), [Decimal("3.8")])

    def test_it_divides_the_sums_of_the_months_for_a_quarterly_ratio(self):
        num = make_kpi(self.org, self.plaatwerk, "N-M")
        den = make_kpi(self.org, self.plaatwerk, "D-M")
        ratio = self.rollup(
            "R-Q",
            "ratio",
            ["N-M", "D-M"],
            frequency="quarter",
            unit_of_measure="percent",
            decimals=1,
            aggregation="ratio",
        )
        add_values(num, date(2025, 1, 1), [2, 2, 0])
        add_values(den, date(2025, 1, 1), [4, 100, 0])
        self.assertEqual(values(ratio), [Decimal("3.8")])  # 4/104, not the months' 26%

    def test_it_converts_a_weekly_ratio_child_by_the_sums_of_its_parts(self):
        num = make_kpi(self.org, self.plaatwerk, "N-W", frequency="week")
        den = make_kpi(self.org, self.plaatwerk, "D-W", frequency="week")
        self.rollup(
            "R-W",
            "ratio",
            ["N-W", "D-W"],
            unit=self.plaatwerk,
            frequency="week",
            unit_of_measure="percent",
            decimals=1,
            aggregation="ratio",
        )
        top = self.rollup("R-MAX", "max", ["R-W"], unit_of_measure="percent", decimals=1)
        # The five weeks of January 2025: 2/4, 2/100, 0/1, 0/1, 0/1 are 4/107 = 3.7% for the
        # month, not the 10.4% the average of the weekly ratios gives.
        add_values(num, date(2024, 12, 30), [2, 2, 0, 0, 0])
        add_values(den, date(2024, 12, 30), [4, 100, 1, 1, 1])
        self.assertEqual(values(top), [Decimal("3.7")])

    def test_it_converts_weeks_to_months_by_their_thursday(self):
        weekly = make_kpi(self.org, self.plaatwerk, "W", frequency="week")
        monthly = self.rollup("M", "sum", ["W"])
        # ISO weeks 2025-W01..W05: W01 (Mon 30 Dec 2024, Thursday 2 Jan) counts in January,
        # W05 (Mon 27 Jan, Thursday 30 Jan) too; W06 starts in February.
        add_values(weekly, date(2024, 12, 30), [1, 2, 3, 4, 5, 6])
        weeks = sub_periods("week", Period(frequency="month", year=2025, index=1))
        self.assertEqual([p.key for p in weeks], [f"2025-W0{i}" for i in range(1, 6)])
        # January is complete; February has only week 6 of its four weeks, so it stays empty.
        self.assertEqual(values(monthly), [15])

    def test_it_marks_a_parent_provisional_while_children_are_missing(self):
        a = make_kpi(self.org, self.plaatwerk, "A")
        make_kpi(self.org, self.verkoop, "B")
        top = self.rollup("T", "sum", ["A", "B"])
        add_values(a, date(2025, 1, 1), [3])
        self.assertEqual(values(top), [3])
        self.assertEqual(reported(top, Period(frequency="month", year=2025, index=1)), (1, 2))

    def test_it_averages_the_children_weighted_by_another_kpi(self):
        margin_a = make_kpi(self.org, self.plaatwerk, "M-A", unit_of_measure="percent")
        margin_b = make_kpi(self.org, self.verkoop, "M-B", unit_of_measure="percent")
        revenue_a = make_kpi(self.org, self.plaatwerk, "O-A", unit_of_measure="euro")
        revenue_b = make_kpi(self.org, self.verkoop, "O-B", unit_of_measure="euro")
        top = self.rollup(
            "M",
            "weighted",
            ["M-A", "M-B"],
            unit_of_measure="percent",
            decimals=1,
            rollup_weights=["O-A", "O-B"],
        )
        add_values(margin_a, date(2025, 1, 1), [10])
        add_values(margin_b, date(2025, 1, 1), [20])
        add_values(revenue_a, date(2025, 1, 1), [100])
        add_values(revenue_b, date(2025, 1, 1), [300])
        self.assertEqual(values(top), [Decimal("17.5")])  # (10·100 + 20·300) / 400, not 15

    def test_it_takes_the_worst_child_and_computes_formulas(self):
        a = make_kpi(self.org, self.plaatwerk, "A")
        b = make_kpi(self.org, self.verkoop, "B")
        low = self.rollup("LOW", "min", ["A", "B"])
        f = make_kpi(
            self.org,
            self.company,
            "F",
            feed="rollup",
            rollup_rule="formula",
            rollup_formula="(A + B) / 2",
        )
        add_values(a, date(2025, 1, 1), [3])
        add_values(b, date(2025, 1, 1), [7])
        self.assertEqual(values(low), [3])
        self.assertEqual(values(f), [5])

    def test_it_leaves_a_division_by_zero_empty(self):
        n = make_kpi(self.org, self.plaatwerk, "N")
        d = make_kpi(self.org, self.plaatwerk, "D")
        ratio = self.rollup("R", "ratio", ["N", "D"])
        add_values(n, date(2025, 1, 1), [1])
        add_values(d, date(2025, 1, 1), [0])
        self.assertEqual(values(ratio), [])

    def test_it_gives_the_reason_of_a_missing_value_on_the_kpi_page(self):
        n = make_kpi(self.org, self.plaatwerk, "N")
        d = make_kpi(self.org, self.plaatwerk, "D")
        self.rollup("R", "ratio", ["N", "D"])
        add_values(n, date(2025, 1, 1), [1, 2, 3])
        add_values(d, date(2025, 1, 1), [4, 0])  # February divides by zero, March has no D
        self.login(self.alice)
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        response = self.client.get("/acme/kpis/R/")
        self.assertEqual(response.status_code, 200)
        gaps = response.content.decode().split('class="card rollup-gaps"')[1]
        self.assertIn("Division by zero: D is 0.", gaps)
        self.assertIn("The numerator or denominator has no value yet.", gaps)
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
        self.assertContains(self.client.get("/acme/kpis/R/"), "Deling door nul: D is 0.")

    def test_it_recomputes_everything_on_request(self):
        a = make_kpi(self.org, self.plaatwerk, "A")
        add_values(a, date(2025, 1, 1), [4, 5])
        top = self.rollup("T", "sum", ["A"])
        self.assertEqual(values(top), [])
        self.assertEqual(recompute(self.org.pk), 1)
        self.assertEqual(values(top), [4, 5])

    @translation.override("en")
    def test_it_names_a_cycle_unknown_codes_and_mixed_units(self):
        self.rollup("A", "sum", ["B"])
        b = make_kpi(self.org, self.plaatwerk, "B", feed="rollup", rollup_rule="sum")
        b.rollup_children = ["A"]
        self.assertEqual(rollup_errors(b), {"rollup_children": "This makes a circle: B → A → B."})
        b.rollup_children = ["NOPE"]
        self.assertIn("NOPE", rollup_errors(b)["rollup_children"])
        make_kpi(self.org, self.plaatwerk, "EUR", unit_of_measure="euro")
        b.rollup_children = ["EUR", "PW-1"]
        self.assertIn("different units", rollup_errors(b)["rollup_children"])
        b.rollup_rule, b.rollup_formula = "formula", "PW-1 + NOPE"
        self.assertIn("NOPE", rollup_errors(b)["rollup_formula"])
        self.assertFalse(Measurement.objects.filter(kpi=b).exists())
        with translation.override("nl"):
            b.rollup_rule, b.rollup_children = "sum", ["A"]
            self.assertIn("kringverwijzing: B → A → B", rollup_errors(b)["rollup_children"])
