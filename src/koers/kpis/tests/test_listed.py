"""``KPI.objects.listed()``: the KPIs of a long list, built from plain rows."""

from __future__ import annotations

from datetime import date

from koers.kpis.models import KPI, SERIES_ATTR
from koers.kpis.reading import LISTED_DEFERRED
from koers.organisations.models import Unit, with_known
from koers.testing import KoersTestCase, add_values, make_kpi


class ListedTests(KoersTestCase):
    def setUp(self):
        self.a = make_kpi(self.org, self.plaatwerk, "L-A", rollup_children=["X"], target=5)
        self.b = make_kpi(self.org, self.plaatwerk, "L-B", purpose="Why B matters.")
        add_values(self.a, date(2025, 1, 1), [3, 4])
        self.units = list(Unit.objects.for_org(self.org))

    def query(self):
        units = self.units
        kpis = KPI.objects.for_org(self.org).filter(code__startswith="L-").order_by("code")
        return with_known(kpis.listed(), "unit", units)

    def test_it_gives_the_fields_a_list_shows_in_one_query(self):
        with self.assertNumQueries(1):
            a, b = list(self.query())
            self.assertEqual((a.pk, a.code, a.name, b.code), (self.a.pk, "L-A", "KPI L-A", "L-B"))
            self.assertEqual(a.rollup_children, ["X"])
            self.assertEqual(a.target, 5)
            self.assertEqual(a.unit.name, self.plaatwerk.name)
            self.assertEqual(a.get_absolute_url(), "/acme/kpis/L-A/")
        self.assertEqual(a, self.a)
        self.assertFalse(a._state.adding)
        self.assertEqual(a.get_deferred_fields(), set(LISTED_DEFERRED))

    def test_it_reads_a_deferred_field_when_asked(self):
        b = self.query().get(code="L-B")
        with self.assertNumQueries(1):
            self.assertEqual(b.purpose, "Why B matters.")

    def test_it_keeps_series_and_prefetches(self):
        with self.assertNumQueries(3):
            a, b = list(self.query().with_series().prefetch_related("core_competences"))
            self.assertEqual([m.value for m in getattr(a, SERIES_ATTR)], [3, 4])
            self.assertEqual(getattr(b, SERIES_ATTR), [])
            self.assertEqual(list(a.core_competences.all()), [])

    def test_it_reads_every_field_with_joins(self):
        kpis = KPI.objects.filter(code__startswith="L-").select_related("unit").listed()
        with self.assertNumQueries(1):
            b = kpis.get(code="L-B")
            self.assertEqual((b.purpose, b.unit.name), ("Why B matters.", self.plaatwerk.name))

    def test_it_reads_each_field_as_django_does(self):
        self.b.target_profile = [1.5, 2, None]
        self.b.save()
        listed = {k.pk: k for k in self.query()}
        names = [f.attname for f in KPI._meta.concrete_fields if f.name not in LISTED_DEFERRED]
        for kpi in KPI.objects.filter(code__startswith="L-"):
            with self.subTest(kpi.code):
                mine = listed[kpi.pk]
                self.assertEqual(
                    {n: getattr(mine, n) for n in names}, {n: getattr(kpi, n) for n in names}
                )
                for name in names:
                    self.assertIs(type(getattr(mine, name)), type(getattr(kpi, name)), name)
        self.assertEqual(listed[self.b.pk].target_profile, [1.5, 2, None])
        self.assertEqual(listed[self.a.pk].target_profile, [])

    def test_it_gives_each_kpi_an_empty_list_of_its_own(self):
        a, b = list(self.query())
        self.assertEqual((a.target_profile, b.target_profile, b.rollup_children), ([], [], []))
        a.target_profile.append(1)
        self.assertEqual((b.target_profile, b.rollup_children), ([], []))
