"""Provisional parents: a roll-up with children missing is shown as "4 of 5 units reported"
and judged only when complete."""

from __future__ import annotations

from datetime import date

from koers.kpis.models import KPI, RollupCoverage
from koers.kpis.rollup import provisional
from koers.testing import KoersTestCase, add_values, make_kpi
from koers.trends.verdicts import trend_for

JAN = date(2025, 1, 1)
DEC = date(2025, 12, 1)


class ProvisionalTests(KoersTestCase):
    def setUp(self):
        self.a = make_kpi(self.org, self.plaatwerk, "KL-A")
        self.b = make_kpi(self.org, self.verkoop, "KL-B")
        self.top = make_kpi(
            self.org,
            self.company,
            "KL",
            name="Klachten totaal",
            feed="rollup",
            rollup_rule="sum",
            rollup_children=["KL-A", "KL-B"],
        )
        add_values(self.a, JAN, [3, 4, 3, 5, 4, 3, 4, 5, 3, 4, 3, 4])
        add_values(self.b, JAN, [1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1])  # December missing

    def fresh(self) -> KPI:
        return KPI.objects.get(pk=self.top.pk)

    def test_it_marks_only_the_periods_with_children_missing(self):
        self.assertEqual(provisional([self.fresh()]), {self.top.pk: {DEC: (1, 2)}})
        self.assertEqual(list(RollupCoverage.objects.values_list("period_start", flat=True)), [DEC])

    def test_it_judges_the_parent_without_its_provisional_value_until_complete(self):
        trend = trend_for(self.fresh())
        self.assertEqual(trend.n, 11)
        self.assertNotIn(DEC, [m.period_start for m in trend.series])
        add_values(self.b, DEC, [2])
        self.assertEqual(provisional([self.fresh()]), {})
        trend = trend_for(self.fresh())
        self.assertEqual(trend.n, 12)
        self.assertEqual(trend.series[-1].value, 6)

    def test_it_redoes_the_verdict_when_only_the_coverage_changes(self):
        before = self.fresh().revision
        add_values(self.b, DEC, [0])  # the sum stays 4: only "1 of 2" becomes complete
        self.assertGreater(self.fresh().revision, before)
        self.assertEqual(trend_for(self.fresh()).n, 12)

    def test_it_says_how_many_units_reported_on_the_kpi_and_unit_pages(self):
        self.login(self.victor)
        page = self.client.get("/acme/kpis/KL/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
        self.assertIn("1 of 2 units reported", page)
        self.assertIn("is provisional", page)
        page = self.client.get("/acme/kpis/KL/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
        self.assertIn("1 van 2 teams hebben gerapporteerd", page)
        page = self.client.get("/acme/units/acme/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
        self.assertIn("1 of 2 units reported", page)
        add_values(self.b, DEC, [2])
        page = self.client.get("/acme/kpis/KL/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
        self.assertNotIn("units reported", page)
