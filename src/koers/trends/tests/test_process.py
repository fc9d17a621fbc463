"""The usual process of a KPI for the write path's plausibility checks (``trends.process``)."""

from __future__ import annotations

from datetime import date

from koers.kpis.models import KPI
from koers.testing import KoersTestCase, add_values, make_kpi
from koers.trends.models import TrendResult, TrendSettings
from koers.trends.process import processes
from koers.trends.verdicts import trend_for

USUAL = [98, 102, 100, 97, 103, 99, 101, 100, 96, 104, 100, 98, 102, 99, 101, 100, 97, 103]


class ProcessTests(KoersTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.kpi = make_kpi(cls.org, cls.plaatwerk, "PR-1")
        add_values(cls.kpi, date(2023, 7, 1), USUAL)

    def fresh(self) -> KPI:
        return KPI.objects.get(pk=self.kpi.pk)

    def test_it_gives_the_limits_of_a_stale_verdict_without_storing_it(self):
        TrendResult.objects.filter(kpi=self.kpi).delete()
        found = processes([self.fresh()])[self.kpi.pk]
        limits = trend_for(self.fresh()).limits  # computed now, and stored
        self.assertAlmostEqual(found.high, limits["unpl"])
        self.assertAlmostEqual(found.low, limits["lnpl"])
        self.assertEqual(TrendResult.objects.filter(kpi=self.kpi).count(), 1)
        TrendResult.objects.filter(kpi=self.kpi).delete()
        processes([self.fresh()])
        self.assertFalse(TrendResult.objects.filter(kpi=self.kpi).exists())

    def test_it_reads_a_fresh_verdict_from_the_cache(self):
        trend_for(self.fresh())  # stored
        kpi = self.fresh()
        with self.assertNumQueries(3):  # trend settings, new levels, the cached verdict
            found = processes([kpi])[self.kpi.pk]
        self.assertIsNotNone(found)

    def test_it_gives_none_for_a_seasonal_kpi(self):
        TrendSettings.objects.create(organisation=self.org, kpi=self.kpi, seasonal=True)
        self.assertIsNone(processes([self.fresh()])[self.kpi.pk])
