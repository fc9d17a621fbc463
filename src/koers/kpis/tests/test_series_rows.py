"""``KPI.objects.with_series()`` / ``series_rows``: each KPI's values in period order, cheaply."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from koers.kpis.models import KPI, SERIES_ATTR, Measurement, series_rows
from koers.testing import KoersTestCase, add_values, make_kpi


class SeriesRowsTests(KoersTestCase):
    def setUp(self):
        self.a = make_kpi(self.org, self.plaatwerk, "A")
        self.b = make_kpi(self.org, self.plaatwerk, "B")
        add_values(self.a, date(2025, 1, 1), [3, 1.5, 2])
        add_values(self.b, date(2024, 11, 1), [7])

    def test_it_reads_the_values_of_every_kpi_in_two_queries(self):
        with self.assertNumQueries(2):
            kpis = list(KPI.objects.filter(code__in=["A", "B"]).with_series().order_by("code"))
            a, b = kpis
            self.assertEqual(
                [(m.period_start, m.value) for m in getattr(a, SERIES_ATTR)],
                [
                    (date(2025, 1, 1), Decimal(3)),
                    (date(2025, 2, 1), Decimal("1.5")),
                    (date(2025, 3, 1), Decimal(2)),
                ],
            )
            self.assertEqual([m.period.key for m in getattr(b, SERIES_ATTR)], ["2024-11"])
            self.assertIs(getattr(a, SERIES_ATTR)[0].kpi, a)

    def test_it_gives_measurements_that_load_the_rest_when_asked(self):
        row = series_rows([self.a])[self.a.pk][1]
        stored = Measurement.objects.get(kpi=self.a, period_start=date(2025, 2, 1))
        self.assertIsInstance(row, Measurement)
        self.assertEqual(row.pk, stored.pk)
        self.assertEqual(row, stored)
        with self.assertNumQueries(1):
            self.assertEqual(row.comment, stored.comment)

    def test_it_keeps_the_series_through_a_filter_and_gives_an_empty_one(self):
        empty = make_kpi(self.org, self.plaatwerk, "C")
        kpis = KPI.objects.filter(unit=self.plaatwerk).with_series().filter(code__in=["A", "C"])
        by_code = {k.code: getattr(k, SERIES_ATTR) for k in kpis}
        self.assertEqual(len(by_code["A"]), 3)
        self.assertEqual(by_code[empty.code], [])
        self.assertFalse(hasattr(KPI.objects.get(pk=self.a.pk), SERIES_ATTR))
