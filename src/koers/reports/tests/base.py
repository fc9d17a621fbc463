"""Shared data for the report tests: values with thousands, a parent KPI, a goal, a benchmark."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from koers.goals.models import AnnualGoal
from koers.reports.models import Benchmark
from koers.testing import KoersTestCase, add_values, make_kpi

TODAY = date(2025, 2, 3)


class ReportTestCase(KoersTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.top_kpi = make_kpi(
            cls.org, cls.company, "TOP-1", name="Klanttevredenheid", area="customers"
        )
        cls.kpi.parent = cls.top_kpi
        cls.kpi.target = Decimal("1250")
        cls.kpi.save()
        # PW-1: jan 2024 .. jan 2025 = 1200 .. 1212, then one value in the running month.
        add_values(cls.kpi, date(2024, 1, 1), [1200 + i for i in range(13)] + [1500])
        add_values(cls.top_kpi, date(2024, 1, 1), [80 + (i % 3) for i in range(13)])
        add_values(cls.sales_kpi, date(2024, 1, 1), [30 + (i % 4) for i in range(13)])
        cls.week_kpi = make_kpi(cls.org, cls.plaatwerk, "WK-1", name="Stilstand", frequency="week")
        add_values(cls.week_kpi, date(2024, 12, 2), [5, 6, 7, 8, 9, 10, 11, 12])
        cls.quarter_kpi = make_kpi(
            cls.org, cls.verkoop, "QK-1", name="Marktaandeel", frequency="quarter", area="marketing"
        )
        add_values(cls.quarter_kpi, date(2024, 1, 1), [4, 5, 6, 7, 8])
        cls.goal = AnnualGoal.objects.create(
            organisation=cls.org,
            year=2025,
            unit=cls.plaatwerk,
            title="Meer orders per uur",
            target_kpi=cls.kpi,
            target_value=Decimal("1250"),
        )
        cls.goal.kpis.set([cls.kpi])
        Benchmark.objects.create(
            organisation=cls.org,
            kpi=cls.kpi,
            value=Decimal("1300"),
            source="sector survey",
            period="2024",
        )
