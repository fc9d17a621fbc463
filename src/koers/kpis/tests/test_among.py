"""``among(field, ids)``: the ``__in`` filter for many ids, as one array on PostgreSQL."""

from __future__ import annotations

from datetime import date

from django.db import connection

from koers.kpis.models import KPI, Measurement
from koers.kpis.reading import among
from koers.testing import KoersTestCase, add_values, make_kpi


class AmongTests(KoersTestCase):
    def setUp(self):
        self.kpis = [make_kpi(self.org, self.plaatwerk, f"M-{i}") for i in range(4)]
        for i, kpi in enumerate(self.kpis):
            add_values(kpi, date(2025, 1, 1), [i + 1] * (i + 1))

    def rows(self, *conditions):
        found = Measurement.objects.filter(*conditions).order_by("kpi_id", "period_start")
        return list(found.values_list("kpi_id", "period_start", "value"))

    def test_it_finds_the_rows_that_in_finds(self):
        ids = [self.kpis[1].pk, self.kpis[3].pk, 10**9]
        expected = list(
            Measurement.objects.filter(kpi_id__in=ids)
            .order_by("kpi_id", "period_start")
            .values_list("kpi_id", "period_start", "value")
        )
        self.assertEqual(len(expected), 2 + 4)
        self.assertEqual(self.rows(among("kpi_id", ids)), expected)
        self.assertEqual(self.rows(among("kpi_id", iter(ids))), expected)

    def test_it_combines_with_other_filters_and_negation(self):
        ids = {k.pk for k in self.kpis[:3]}
        both = KPI.objects.filter(among("pk", ids), code__in=["M-0", "M-2", "M-3"])
        self.assertEqual(sorted(both.values_list("code", flat=True)), ["M-0", "M-2"])
        others = KPI.objects.filter(code__startswith="M-").exclude(among("pk", ids))
        self.assertEqual(list(others.values_list("code", flat=True)), ["M-3"])

    def test_it_runs_no_query_for_no_ids(self):
        with self.assertNumQueries(0):
            self.assertEqual(self.rows(among("kpi_id", [])), [])

    def test_it_sends_the_ids_as_one_parameter_on_postgresql(self):
        sql, params = Measurement.objects.filter(among("kpi_id", [1, 2, 3])).query.sql_with_params()
        if connection.vendor == "postgresql":
            self.assertIn("= ANY(%s::bigint[])", sql)
            self.assertEqual(params, ("{1,2,3}",))  # PostgreSQL's array text: one string
        else:
            self.assertIn("IN (%s, %s, %s)", sql)
            self.assertEqual(params, (1, 2, 3))

    def test_it_takes_values_that_are_not_whole_numbers(self):
        codes = ["M-0", "M-2", 'it\'s {odd}, "quoted"']
        found = KPI.objects.filter(among("code", codes)).order_by("code")
        self.assertEqual(list(found.values_list("code", flat=True)), ["M-0", "M-2"])
