"""The unit page with many KPIs: a constant number of queries, verdicts and sparklines."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import numpy as np

from koers.kpis.models import KPI
from koers.kpis.recording import ValueChange, record_values
from koers.organisations.models import Unit
from koers.periods import Period
from koers.testing import KoersTestCase, make_kpi
from koers.trends.models import TrendResult

N_KPIS, N_VALUES = 50, 36


def fill(org, unit, prefix: str, count: int, rng) -> list[KPI]:
    kpis = [
        make_kpi(
            org,
            unit,
            f"{prefix}{i:02d}",
            direction="higher" if i % 3 else "lower",
            target=Decimal(50 + i % 4) if i % 2 else None,
        )
        for i in range(count)
    ]
    changes = []
    for k, kpi in enumerate(kpis):
        period = Period.containing(date(2022, 1, 1), "month")
        values = rng.normal(50, 4, N_VALUES)
        if k == 0:  # every unit has a KPI that gets worse (other apps react to those)
            values[-8:] += 12 if kpi.direction == "lower" else -12
        for v in values:
            changes.append(ValueChange(kpi, period.start, Decimal(f"{v:.2f}")))
            period = period.next()
    record_values(changes, user=None, source="cli")
    return kpis


class UnitPageTests(KoersTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        rng = np.random.default_rng(7)
        fill(cls.org, cls.plaatwerk, "P", N_KPIS, rng)
        # A sibling of Plaatwerk (same depth, so the same breadcrumb queries) with 5 KPIs.
        cls.lassen = Unit.objects.create(
            organisation=cls.org, parent=cls.productie, name="Lassen", kind="team"
        )
        fill(cls.org, cls.lassen, "L", 5, rng)

    def page(self, slug):
        return self.client.get(f"/acme/units/{slug}/")

    def queries(self, slug) -> tuple[int, int]:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as cold:
            self.page(slug)
        with CaptureQueriesContext(connection) as warm:
            response = self.page(slug)
        return len(cold), len(warm), response

    def test_it_shows_50_kpis_in_a_constant_number_of_queries(self):
        self.login(self.alice)
        self.page(
            "verkoop"
        )  # session and the like out of the way (productie would judge its subtree)
        small_cold, small_warm, _ = self.queries(self.lassen.slug)
        big_cold, big_warm, response = self.queries("plaatwerk")
        self.assertEqual(big_cold, small_cold)
        self.assertEqual(big_warm, small_warm)
        self.assertLess(big_warm, big_cold)
        self.assertEqual(big_cold - big_warm, 2)  # new levels + one upsert of the results
        with self.assertNumQueries(big_warm):
            self.page("plaatwerk")
        html = response.content.decode()
        self.assertEqual(html.count('class="spark"'), N_KPIS)  # PW-1 has no values: none
        self.assertEqual(html.count("trend-reason"), N_KPIS + 1)
        self.assertEqual(TrendResult.objects.filter(kpi__unit=self.plaatwerk).count(), N_KPIS + 1)

    def test_it_draws_sparklines_on_the_limits_scale_with_the_band(self):
        self.login(self.victor)
        html = self.page("plaatwerk").content.decode()
        row = html[html.index('data-kpi="P01"') :]
        spark = row[row.index("<svg") : row.index("</svg>")]
        self.assertIn('fill="#e9eef3"', spark)  # the limits band
        self.assertIn("stroke-dasharray", spark)  # the centre line
        verdicts = {"stable", "improving", "deteriorating"}
        self.assertTrue(any(f'class="badge {v}"' in html for v in verdicts))
