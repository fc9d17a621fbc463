"""What drove the change of a parent KPI: its children against the previous period and the
same period last year."""

from __future__ import annotations

from datetime import date

from koers.kpis.drivers import drivers_of, same_period_last_year
from koers.periods import Period
from koers.testing import KoersTestCase, add_values, make_kpi


class DriverTests(KoersTestCase):
    def setUp(self):
        self.a = make_kpi(self.org, self.plaatwerk, "KL-A", direction="lower", name="Klachten PW")
        self.b = make_kpi(self.org, self.verkoop, "KL-B", direction="lower", name="Klachten VK")
        self.top = make_kpi(
            self.org,
            self.company,
            "KL",
            direction="lower",
            feed="rollup",
            rollup_rule="sum",
            rollup_children=["KL-A", "KL-B"],
        )
        # Jan 2024 … Feb 2025 (14 months).
        add_values(self.a, date(2024, 1, 1), [5, 6, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 4, 7])
        add_values(self.b, date(2024, 1, 1), [3, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 4, 3])

    def test_it_names_the_children_that_moved_the_total_biggest_mover_first(self):
        d = drivers_of(self.top)
        self.assertEqual(d.period.key, "2025-02")
        self.assertEqual((d.previous.key, d.last_year.key), ("2025-01", "2024-02"))
        self.assertEqual((d.parent.now, d.parent.change_previous), (10, 2))
        self.assertEqual([c.kpi.code for c in d.children], ["KL-A", "KL-B"])
        a, b = d.children
        self.assertEqual(
            (a.change_previous, a.change_last_year, a.judged_previous), (3, 1, "worse")
        )
        self.assertEqual(
            (b.change_previous, b.change_last_year, b.judged_previous), (-1, 1, "better")
        )
        self.assertEqual(sum(c.change_previous for c in d.children), d.parent.change_previous)

    def test_it_skips_a_provisional_period_and_a_kpi_that_is_not_rolled_up(self):
        add_values(self.a, date(2025, 3, 1), [9])  # March: only one of two reported
        self.assertEqual(drivers_of(self.top).period.key, "2025-02")
        self.assertIsNone(drivers_of(self.a))

    def test_it_finds_the_same_week_last_year(self):
        week = Period.from_key("2025-W10")
        self.assertEqual(same_period_last_year(week).key, "2024-W10")
        self.assertEqual(same_period_last_year(Period.from_key("2025-Q2")).key, "2024-Q2")

    def test_it_shows_the_drivers_on_the_parent_page(self):
        self.login(self.victor)
        page = self.client.get("/acme/kpis/KL/", HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(page, "What drove the change")
        self.assertContains(page, 'class="num change worse">+3')
        page = self.client.get("/acme/kpis/KL/", HTTP_ACCEPT_LANGUAGE="nl")
        self.assertContains(page, "Waardoor veranderde het?")
        self.assertNotContains(self.client.get("/acme/kpis/KL-A/"), 'id="drivers-h"')
