"""A large batch costs little memory: rows streamed, errors kept up to a bound and counted."""

from __future__ import annotations

from decimal import Decimal
from unittest import mock

from koers.kpis import rows as rows_module
from koers.kpis.plan import RowInput, make_plan
from koers.organisations.access import Access
from koers.testing import KoersTestCase, make_kpi

COLS = {"kpi": "KPI", "period": "Periode", "value": "Waarde"}


class ReadAgain:
    """Rows that can be gone through again, like a file read afresh; counts the readings."""

    def __init__(self, items):
        self.items = items
        self.readings = 0

    def __iter__(self):
        self.readings += 1  # counted when asked, as a file opened afresh would be
        return (
            RowInput(number, kpi, period, value, None, COLS)
            for number, (kpi, period, value) in enumerate(self.items, start=2)
        )


class PlanMemoryTest(KoersTestCase):
    def plan(self, rows, **kwargs):
        return make_plan(self.org, rows, access=Access.for_user(self.alice, self.org), **kwargs)

    def test_it_reads_rows_it_can_read_again_once_when_nothing_is_ambiguous(self):
        rows = ReadAgain([("PW-1", "2025-01", "12,5"), ("PW-1", "2025-02", "7")])
        plan = self.plan(rows)
        self.assertTrue(plan.ok, plan.messages("en"))
        self.assertEqual(rows.readings, 1)
        self.assertEqual([c.new_value for c in plan.changes], [Decimal("12.5"), Decimal("7")])

    def test_it_reads_them_again_to_settle_an_ambiguous_number_by_a_later_one(self):
        rows = ReadAgain([("PW-1", "2025-01", "1.234"), ("PW-1", "2025-02", "12,5")])
        plan = self.plan(rows)
        self.assertTrue(plan.ok, plan.messages("en"))
        self.assertEqual(rows.readings, 2)
        self.assertEqual([c.new_value for c in plan.changes], [Decimal("1234"), Decimal("12.5")])
        # a one-shot iterator is settled the same way (it is kept for that)
        plan = self.plan(iter(ReadAgain(rows.items)))
        self.assertEqual([c.new_value for c in plan.changes], [Decimal("1234"), Decimal("12.5")])

    def test_it_keeps_a_bounded_number_of_errors_and_counts_every_one(self):
        items = [("PW-1", f"{1000 + i}-01", f"x{i}") for i in range(12)]
        with mock.patch.object(rows_module, "KEPT_ERRORS", 5):
            plan = self.plan(ReadAgain(items))
        self.assertFalse(plan.ok)
        self.assertEqual(len(plan.errors), 5)
        self.assertEqual(plan.error_count, 12)
        self.assertEqual([e.row for e in plan.errors], [2, 3, 4, 5, 6])
        self.assertEqual(plan.as_dict("en")["error_count"], 12)

    def test_it_keeps_the_order_of_a_wide_row(self):
        wide = {"kpi": "X", "value": "X", "period": "Maand"}
        rows = [
            RowInput(2, code, "2025-01", str(n), None, wide, 1)
            for n, code in enumerate(["PW-2", "VK-1", "PW-1"], start=1)
        ]
        make_kpi(self.org, self.plaatwerk, "PW-2")
        plan = self.plan(rows)
        self.assertTrue(plan.ok, plan.messages("en"))
        self.assertEqual([c.kpi.code for c in plan.changes], ["PW-2", "VK-1", "PW-1"])
