"""The validation core shared by imports and the API."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from koers.kpis.models import Measurement, MeasurementChange
from koers.kpis.plan import PlanNotOk, RowInput, apply_plan, make_plan
from koers.organisations.access import Access
from koers.testing import KoersTestCase, add_values, make_kpi

COLS = {"kpi": "KPI", "period": "Periode", "value": "Waarde", "comment": "Opmerking"}


def rows(*items):
    """(kpi, period, value[, comment]) tuples as rows 2, 3, ... of a file."""
    out = []
    for number, item in enumerate(items, start=2):
        kpi, period, value, *rest = item
        out.append(RowInput(number, kpi, period, value, rest[0] if rest else None, COLS))
    return out


class PlanTest(KoersTestCase):
    def access(self, user=None):
        return Access.for_user(user or self.alice, self.org)

    def plan(self, *items, user=None, **kwargs):
        return make_plan(self.org, rows(*items), access=self.access(user), **kwargs)

    def test_it_plans_new_values_in_every_number_form(self):
        make_kpi(self.org, self.plaatwerk, "PW-E", unit_of_measure="euro")
        make_kpi(self.org, self.plaatwerk, "PW-P", unit_of_measure="percent")
        forms = ["1.234,56", "1234,56", "1,234.56", "1234.56", "€ 1.234", "1.234 EUR", "-5", "(5)"]
        expected = ["1234.56", "1234.56", "1234.56", "1234.56", "1234", "1234", "-5", "-5"]
        cases = [("PW-E", text, value) for text, value in zip(forms, expected, strict=True)]
        cases += [("PW-P", "12%", "12"), ("PW-P", "12,5 procent", "12.5"), ("PW-1", "3 stuks", "3")]
        for code, text, value in cases:
            plan = self.plan((code, "2025-01", text), decimal=",")
            self.assertTrue(plan.ok, (text, plan.messages("en")))
            self.assertEqual(plan.changes[0].new_value, Decimal(value), text)

    def test_it_refuses_a_unit_of_another_kind(self):
        plan = self.plan(("PW-1", "2025-01", "12%"), ("PW-1", "2025-02", "6,5 dagen"))
        self.assertEqual([e.code for e in plan.errors], ["number.wrong_unit"] * 2)
        self.assertEqual(
            plan.messages("nl")[1],
            "rij 3, kolom Waarde: '6,5 dagen' is in dagen, maar deze KPI wordt gemeten in "
            "aantallen",
        )

    def test_it_reads_every_period_form(self):
        monthly = ["2025-01", "jan 2025", "januari 2025", "01-2025", "31-01-2025"]
        for text in monthly:
            plan = self.plan(("PW-1", text, "1"))
            self.assertEqual(plan.changes[0].period.key, "2025-01", text)
        plan = self.plan(("PW-1", datetime(2025, 1, 31), 1.5))
        self.assertEqual(plan.changes[0].period.key, "2025-01")
        self.assertEqual(plan.changes[0].new_value, Decimal("1.5"))
        weekly = make_kpi(self.org, self.plaatwerk, "PW-W", frequency="week")
        quarterly = make_kpi(self.org, self.plaatwerk, "PW-Q", frequency="quarter")
        plan = self.plan(
            ("PW-W", "2025-W07", "1"), ("PW-Q", "Q1 2025", "2"), ("PW-Q", "2026 K1", "3")
        )
        self.assertTrue(plan.ok, plan.messages("en"))
        self.assertEqual([c.period.key for c in plan.changes], ["2025-W07", "2025-Q1", "2026-Q1"])
        self.assertEqual(plan.changes[0].kpi, weekly)
        self.assertEqual(plan.changes[1].kpi, quarterly)

    def test_it_compares_with_stored_values(self):
        add_values(self.kpi, date(2025, 1, 1), [10, 20])
        plan = self.plan(
            ("PW-1", "2025-01", "10"),
            ("PW-1", "2025-02", "21"),
            ("PW-1", "2025-03", "5"),
            ("PW-1", "2025-04", ""),
        )
        self.assertEqual([c.status for c in plan.changes], ["unchanged", "changed", "new"])
        self.assertEqual(plan.changes[1].old_value, Decimal(20))
        self.assertEqual(plan.summary("nl"), "1 nieuw, 1 gewijzigd, 1 ongewijzigd, 1 leeg")
        self.assertEqual(plan.summary("en"), "1 new, 1 changed, 1 unchanged, 1 empty")

    def test_it_finds_kpis_by_exact_name_and_fixed_kpi(self):
        plan = self.plan(("Orders per uur", "2025-01", "1"), ("orders  PER uur", "2025-02", "2"))
        self.assertTrue(plan.ok)
        self.assertEqual({c.kpi for c in plan.changes}, {self.kpi})
        plan = self.plan(("", "2025-01", "1"), kpi=self.sales_kpi)
        self.assertEqual(plan.changes[0].kpi, self.sales_kpi)

    def test_it_reports_each_error_in_dutch_and_english(self):
        make_kpi(self.org, self.plaatwerk, "OLD", status="retired")
        plan = self.plan(
            ("PW-1", "2025-01", "12,3,4"),
            ("XX-9", "2025-01", "1"),
            ("PW-1", "Q1 2025", "1"),
            ("PW-1", "2025-02", "1"),
            ("PW-1", "feb 2025", "2"),
            ("OLD", "2025-01", "1"),
            ("PW-1", "nooit", "1"),
            ("PW-1", "2025-05", "1.234"),
        )
        self.assertFalse(plan.ok)
        nl = plan.messages("nl")
        en = plan.messages("en")
        self.assertEqual(nl[0], "rij 2, kolom Waarde: '12,3,4' is geen getal")
        self.assertEqual(en[0], "row 2, column Waarde: '12,3,4' is not a number")
        self.assertEqual(
            nl[1],
            "rij 3, kolom KPI: 'XX-9' is geen KPI van deze organisatie (code of precieze naam)",
        )
        self.assertEqual(
            en[2],
            "row 4, column Periode: 'Q1 2025' is a quarter, but this KPI is measured per month",
        )
        self.assertEqual(
            nl[3],
            "rij 6, kolom Waarde: KPI PW-1 heeft voor 2025-02 al waarde 1 in rij 5, hier staat 2",
        )
        self.assertIn("row 7, column KPI: KPI OLD is retired", en[4])
        self.assertIn("rij 8, kolom Periode: 'nooit' is geen periode", nl[5])
        self.assertIn("rij 9, kolom Waarde: '1.234' kan twee dingen betekenen", nl[6])
        self.assertIn("--decimal", nl[6])
        self.assertIn("--decimal", en[6])
        self.assertEqual(
            [e.code for e in plan.errors],
            [
                "number.unreadable",
                "unknown_kpi",
                "period.wrong_frequency",
                "duplicate",
                "retired_kpi",
                "period.unreadable",
                "number.ambiguous",
            ],
        )

    def test_it_lets_the_file_or_the_option_settle_ambiguous_numbers(self):
        plan = self.plan(("PW-1", "2025-01", "1.234"), ("PW-1", "2025-02", "2,5"))
        self.assertTrue(plan.ok)
        self.assertEqual(plan.changes[0].new_value, Decimal("1234"))
        plan = self.plan(("PW-1", "2025-01", "1.234"), decimal=".")
        self.assertEqual(plan.changes[0].new_value, Decimal("1.234"))
        plan = self.plan(
            ("PW-1", "2025-01", "1.234"), ("PW-1", "2025-02", "2,5"), ("PW-1", "2025-03", "2.5")
        )
        self.assertEqual([e.code for e in plan.errors], ["number.ambiguous"])
        self.assertIn("both a comma and a point", plan.messages("en")[0])

    def test_it_accepts_the_same_value_twice(self):
        plan = self.plan(("PW-1", "2025-01", "5"), ("PW-1", "jan 2025", "5,0"))
        self.assertTrue(plan.ok)
        self.assertEqual(len(plan.changes), 1)

    def test_it_lists_kpis_the_user_may_not_enter(self):
        plan = self.plan(("VK-1", "2025-01", "5"), ("PW-1", "2025-01", "5"), user=self.carol)
        self.assertFalse(plan.ok)
        self.assertEqual(plan.forbidden, ["PW-1"])
        self.assertEqual(plan.errors, [])
        self.assertIn("PW-1", plan.forbidden_message("nl"))
        with self.assertRaises(PlanNotOk):
            apply_plan(plan, user=self.carol, source="import", detail="x.csv")
        self.assertFalse(Measurement.objects.exists())
        self.assertTrue(self.plan(("VK-1", "2025-01", "5"), user=self.carol).ok)

    def test_it_applies_in_one_go_and_a_second_time_changes_nothing(self):
        items = [("PW-1", "2025-01", "5", "goed"), ("VK-1", "2025-01", "7")]
        summary = apply_plan(self.plan(*items), user=self.alice, source="import", detail="a.csv")
        self.assertEqual((summary.created, summary.updated), (2, 0))
        change = MeasurementChange.objects.get(kpi=self.kpi)
        self.assertEqual((change.source, change.source_detail), ("import", "a.csv"))
        self.assertEqual(Measurement.objects.get(kpi=self.kpi).comment, "goed")
        again = self.plan(*items)
        self.assertEqual(again.counts["unchanged"], 2)
        summary = apply_plan(again, user=self.alice, source="import", detail="a.csv")
        self.assertEqual((summary.created, summary.updated, summary.unchanged), (0, 0, 2))
        self.assertEqual(MeasurementChange.objects.count(), 2)

    def test_it_reports_an_unknown_wide_column_once(self):
        items = [
            RowInput(r, "XX-9", "2025-01", "1", None, {"kpi": "XX-9", "value": "XX-9"}, 1)
            for r in (2, 3, 4)
        ]
        plan = make_plan(self.org, items, access=self.access())
        self.assertEqual(
            plan.messages("en"),
            ["row 1, column XX-9: 'XX-9' is not a KPI of this organisation (code or exact name)"],
        )

    def test_it_warns_a_jump_from_the_stored_previous_value_in_a_small_and_a_large_plan(self):
        usual = [98, 102, 100, 97, 103, 99, 101, 100, 96, 104, 100, 98, 102, 99, 101, 100, 97, 103]
        add_values(self.kpi, date(2023, 7, 1), usual)  # up to 2024-12: 103
        make_kpi(self.org, self.plaatwerk, "PW-X")
        filler = [("PW-X", f"{1990 + i // 12}-{i % 12 + 1:02d}", "1") for i in range(60)]
        small = self.plan(("PW-1", "2025-01", "100000"))
        large = self.plan(("PW-1", "2025-01", "100000"), *filler)  # more than FEW_ROWS rows
        for plan in (small, large):
            found = {w.code: w for w in plan.warnings if w.row == 2}
            self.assertIn("plausibility.jump", found)
            self.assertIn("from 103 (December 2024)", found["plausibility.jump"].message("en"))
        self.assertEqual(
            [w.message("nl") for w in small.warnings],
            [w.message("nl") for w in large.warnings if w.row == 2],
        )

    def test_it_uses_few_queries(self):
        items = [("PW-1", f"2025-{m:02d}", str(m)) for m in range(1, 13)] * 1
        access = self.access()
        # KPIs, stored values with the previous periods' values, then the plausibility step:
        # trend settings (with the seasonal marks), new levels, cached verdicts and the series
        # (the verdict is stale: computed, not stored, as the write would make it stale at
        # once) — the same for 12 rows as for one.
        with self.assertNumQueries(6):
            make_plan(self.org, rows(*items), access=access)
        with self.assertNumQueries(6):
            make_plan(self.org, rows(*items[:1]), access=access)
