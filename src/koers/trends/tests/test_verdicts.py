"""Verdicts of KPIs, their reasons, and the cache that spares the engine."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from unittest import mock

import numpy as np
from django.utils import translation

from koers.kpis.models import KPI
from koers.kpis.recording import record_value
from koers.testing import KoersTestCase, add_values, make_kpi
from koers.trends import stored, verdicts
from koers.trends.models import Rebaseline, TrendResult, TrendSettings
from koers.trends.verdicts import analysis_for_values, trend_for, trends_of


def step_series(seed: int = 3, before: int = 24, after: int = 8, step: float = 2.5) -> list:
    rng = np.random.default_rng(seed)
    x = rng.normal(50, 1.0, before + after)
    x[before:] += step
    return [round(float(v), 2) for v in x]


class VerdictTests(KoersTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.up = make_kpi(cls.org, cls.plaatwerk, "UP", direction="higher", decimals=2)
        cls.down = make_kpi(cls.org, cls.plaatwerk, "DOWN", direction="lower", decimals=2)
        add_values(cls.up, date(2023, 1, 1), step_series())
        add_values(cls.down, date(2023, 1, 1), step_series())

    def fresh(self, kpi: KPI) -> KPI:
        return KPI.objects.get(pk=kpi.pk)

    def test_it_calls_a_step_up_improving_when_higher_is_better(self):
        trend = trend_for(self.fresh(self.up))
        self.assertEqual(trend.verdict, "improving")
        self.assertEqual(trend.evidence, "signal")

    def test_it_calls_the_same_step_deteriorating_when_lower_is_better(self):
        trend = trend_for(self.fresh(self.down))
        self.assertEqual(trend.verdict, "deteriorating")

    def test_it_gives_short_labels_and_reasons_with_period_names_in_the_language(self):
        kpi = self.fresh(self.up)
        trend = trends_of([kpi])[kpi.pk]
        with translation.override("nl"):
            self.assertEqual(trend.verdict_label, "verbetert")
            self.assertIn("sinds", trend.reason)
            self.assertIn("2025", trend.reason)
            self.assertRegex(
                trend.reason,
                r"(januari|februari|maart|april|mei|juni|juli|"
                r"augustus|september|oktober|november|december) 2025",
            )
        with translation.override("en"):
            self.assertEqual(trend.verdict_label, "improving")
            self.assertIn("since", trend.reason)
        self.assertEqual(len(trend.periods), 32)
        self.assertEqual(trend.periods[0].key, "2023-01")
        self.assertEqual(trend.analysis.n, 32)

    def test_it_uses_prefetched_series_without_querying_values(self):
        kpis = list(KPI.objects.filter(pk__in=[self.up.pk, self.down.pk]).with_series())
        # cached rows with the settings' versions, new levels, upsert: no query for the values.
        with self.assertNumQueries(3):
            trends = trends_of(kpis)
        self.assertEqual({t.verdict for t in trends.values()}, {"improving", "deteriorating"})
        self.assertFalse(any(hasattr(k, "trend") for k in kpis))  # nothing set on the KPIs

    def test_it_marks_a_kpi_without_values_as_too_little_data(self):
        kpi = make_kpi(self.org, self.plaatwerk, "EMPTY")
        trend = trend_for(kpi)
        self.assertEqual(trend.verdict, "insufficient_data")
        with translation.override("nl"):
            self.assertEqual(trend.verdict_label, "te weinig data")
            self.assertEqual(trend.reason, "Nog geen waarden.")
        self.assertIsNone(trend.analysis)

    def test_it_judges_with_the_kpi_target_second(self):
        KPI.objects.filter(pk=self.up.pk).update(target=Decimal("40"))
        trend = trend_for(self.fresh(self.up))
        self.assertEqual(trend.verdict, "improving")
        self.assertEqual(trend.target["assurance"], "met")
        with translation.override("nl"):
            self.assertIn("steeds gehaald", trend.reason)

    def test_it_applies_a_new_level_from_the_settings(self):
        kpi = self.fresh(self.up)
        trend = trend_for(kpi)
        new_level = trend.periods[24].start
        Rebaseline.objects.create(
            organisation=self.org, kpi=kpi, period_start=new_level, reason="New press"
        )
        TrendSettings.objects.create(organisation=self.org, kpi=kpi, version=1)
        kpi = self.fresh(self.up)
        trend = trend_for(kpi)
        self.assertEqual([s["start"] for s in trend.analysis.segments], [0, 24])
        # Eight points on the new level are routine variation around their own average.
        self.assertEqual(trend.verdict, "stable")

    def test_it_analyses_any_values_as_the_kpi(self):
        kpi = self.fresh(self.down)
        values = step_series(seed=9)
        a = analysis_for_values(values, kpi)
        self.assertEqual(a.direction, "lower")
        self.assertEqual(a.verdict, "deteriorating")
        before_after = analysis_for_values(values, kpi, None, None, rebaseline_at=(24,))
        self.assertEqual(len(before_after.segments), 2)

    def test_it_uses_seasonal_settings_with_the_season_length_of_the_frequency(self):
        kpi = self.fresh(self.up)
        settings = TrendSettings(organisation=self.org, kpi=kpi, seasonal=True)
        self.assertEqual(settings.season_length, 12)
        a = analysis_for_values(step_series(before=30), kpi, settings)
        self.assertIsNotNone(a.seasonal_mann_kendall)


class CacheTests(KoersTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_values(cls.kpi, date(2023, 1, 1), step_series(seed=5))

    def counting(self):
        return mock.patch.object(verdicts, "analyse", wraps=verdicts.analyse)

    def test_it_does_not_recompute_an_unchanged_kpi(self):
        with self.counting() as engine:
            trend_for(KPI.objects.get(pk=self.kpi.pk))
            trend_for(KPI.objects.get(pk=self.kpi.pk))
            kpi = KPI.objects.get(pk=self.kpi.pk)
            trend = trends_of([kpi])[kpi.pk]
        self.assertEqual(engine.call_count, 1)
        self.assertEqual(trend.verdict, "improving")
        self.assertEqual(TrendResult.objects.filter(kpi=self.kpi).count(), 1)

    def test_it_serves_a_cached_verdict_in_one_query(self):
        trend_for(KPI.objects.get(pk=self.kpi.pk))
        kpi = KPI.objects.get(pk=self.kpi.pk)
        with self.assertNumQueries(1):  # the cached row with its settings' version
            trend = trends_of([kpi])[kpi.pk]
        self.assertEqual(trend.verdict, "improving")

    def test_it_serves_from_the_cache_what_it_computed_in_every_language(self):
        for listing in (True, False):  # the summary read as text with its parts, or as JSON
            with self.subTest(listing=listing), mock.patch.object(verdicts, "SHOWN_FROM", 1):
                TrendResult.objects.all().delete()
                self.check_cached_equals_computed(listing)

    def check_cached_equals_computed(self, listing: bool):
        kpi = KPI.objects.get(pk=self.kpi.pk)
        computed = trends_of([kpi])[kpi.pk]
        fields = ("verdict", "verdict_label", "reason", "evidence", "limits", "target", "n")
        shown = {}
        for lang in ("nl", "en"):
            with translation.override(lang):
                shown[lang] = {name: getattr(computed, name) for name in fields}
        cached = trends_of([KPI.objects.get(pk=self.kpi.pk)], listing=listing)[kpi.pk]
        self.assertEqual(cached._shown is not None, listing)
        for lang in ("nl", "en"):
            with translation.override(lang):
                self.assertEqual({name: getattr(cached, name) for name in fields}, shown[lang])
        self.assertNotEqual(shown["nl"]["reason"], shown["en"]["reason"])
        with translation.override("nl"):  # asked in a language, whatever the active one
            self.assertEqual(cached.reason_in("en"), shown["en"]["reason"])
        self.assertEqual(cached.reason_in("de"), shown["nl"]["reason"])  # else Dutch
        self.assertEqual(cached.data, computed.data)
        self.assertEqual(cached.data, TrendResult.objects.get(kpi=self.kpi).data)

    def test_it_recomputes_after_a_new_value(self):
        trend_for(KPI.objects.get(pk=self.kpi.pk))
        kpi = KPI.objects.get(pk=self.kpi.pk)
        last = kpi.measurements.order_by("period_start").last()
        record_value(
            kpi,
            kpi.period_of(last.period_start).next().start,
            Decimal("10"),
            None,
            user=None,
            source="cli",
        )
        with self.counting() as engine:
            trend = trend_for(KPI.objects.get(pk=self.kpi.pk))
        self.assertEqual(engine.call_count, 1)
        self.assertEqual(trend.n, 33)
        self.assertEqual(trend.verdict, "deteriorating")

    def test_it_recomputes_after_a_settings_change(self):
        trend_for(KPI.objects.get(pk=self.kpi.pk))
        TrendSettings.objects.create(
            organisation=self.org, kpi=self.kpi, spread="median", version=1
        )
        with self.counting() as engine:
            trend_for(KPI.objects.get(pk=self.kpi.pk))
        self.assertEqual(engine.call_count, 1)

    def test_it_keeps_a_verdict_for_unchanged_settings_and_judges_anew_after_a_change(self):
        self.check_settings_versions(queries=1)  # the cached rows with the settings' versions

    def check_settings_versions(self, queries: int):
        TrendSettings.objects.create(organisation=self.org, kpi=self.kpi, spread="median")
        others = [make_kpi(self.org, self.plaatwerk, f"S{i}") for i in range(3)]
        for listing in (False, True):
            with self.subTest(listing=listing), mock.patch.object(verdicts, "SHOWN_FROM", 2):
                TrendResult.objects.all().delete()
                trends_of(KPI.objects.filter(pk__in=[self.kpi.pk, *[k.pk for k in others]]))
                kpis = list(KPI.objects.filter(pk__in=[self.kpi.pk, others[0].pk]))
                with self.counting() as engine, self.assertNumQueries(queries):
                    trends_of(kpis, listing=listing)
                self.assertEqual(engine.call_count, 0)
                TrendSettings.objects.filter(kpi=self.kpi).update(spread="mean", version=2)
                with self.counting() as engine:
                    trend = trends_of(kpis, listing=listing)[self.kpi.pk]
                self.assertEqual(engine.call_count, 1)
                self.assertEqual(trend.inputs.settings.version, 2)
                with self.counting() as engine:
                    trends_of(kpis, listing=listing)
                self.assertEqual(engine.call_count, 0)
                TrendSettings.objects.filter(kpi=self.kpi).update(spread="median", version=0)

    def test_it_reads_the_cache_through_the_orm_on_other_databases(self):
        with mock.patch.object(stored, "_parts_sql", return_value=None):
            self.check_settings_versions(queries=2)  # the cached rows, the settings' versions
            with mock.patch.object(verdicts, "SHOWN_FROM", 1):
                for listing in (True, False):
                    TrendResult.objects.all().delete()
                    self.check_cached_equals_computed(listing)

    def test_it_recomputes_after_the_target_changes(self):
        trend_for(KPI.objects.get(pk=self.kpi.pk))
        KPI.objects.filter(pk=self.kpi.pk).update(target=Decimal("100"))
        trend = trend_for(KPI.objects.get(pk=self.kpi.pk))
        self.assertEqual(trend.target["assurance"], "not_met")

    def test_it_batches_many_kpis_that_share_their_options(self):
        kpis = [make_kpi(self.org, self.plaatwerk, f"B{i}") for i in range(6)]
        for i, kpi in enumerate(kpis):
            add_values(kpi, date(2023, 1, 1), step_series(seed=20 + i))
        fresh = list(KPI.objects.filter(pk__in=[k.pk for k in kpis]))
        with (
            mock.patch.object(verdicts, "analyse_batch", wraps=verdicts.analyse_batch) as batch,
            self.counting() as single,
        ):
            trends = trends_of(fresh)
        self.assertEqual(batch.call_count, 1)
        self.assertEqual(single.call_count, 0)
        expected = {k.pk: trend_for(KPI.objects.get(pk=k.pk)).analysis.verdict for k in kpis}
        self.assertEqual({pk: t.verdict for pk, t in trends.items()}, expected)
