"""How a KPI is shown: series, verdict, sparkline and chart as explicit dataclasses."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

from django.utils import translation

from koers.kpis.models import KPI
from koers.testing import KoersTestCase, add_values, make_kpi
from koers.trends.display import (
    KPIDisplay,
    chart_of,
    display_of,
    displays,
    trend_section,
    up_to,
    verdicts,
)
from koers.trends.tests.test_verdicts import step_series

SRC = Path(__file__).resolve().parents[2]


class DisplayTests(KoersTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_values(cls.kpi, date(2023, 1, 1), step_series(seed=5))
        cls.empty = make_kpi(cls.org, cls.plaatwerk, "EMPTY")

    def test_it_shows_kpis_without_setting_anything_on_them(self):
        kpis = list(KPI.objects.filter(pk__in=[self.kpi.pk, self.empty.pk]).order_by("code"))
        shown = displays(kpis)
        self.assertTrue(all(isinstance(d, KPIDisplay) for d in shown))
        by_code = {d.kpi.code: d for d in shown}
        self.assertEqual(by_code[self.kpi.code].verdict, "improving")
        self.assertEqual(len(by_code[self.kpi.code].series), 32)
        self.assertEqual(by_code["EMPTY"].verdict, "insufficient_data")
        self.assertEqual(by_code["EMPTY"].sparkline, "")
        for kpi in kpis:
            for name in ("trend", "series", "sparkline", "latest", "report_trend"):
                self.assertFalse(hasattr(kpi, name), name)
            self.assertNotIn("trend_settings_cache", kpi.__dict__)

    def test_it_shows_many_kpis_in_a_constant_number_of_queries(self):
        for i in range(5):
            add_values(make_kpi(self.org, self.plaatwerk, f"M{i}"), date(2023, 1, 1), [1, 2, 3])
        displays(KPI.objects.all().with_series())  # warm the verdict cache
        # KPIs, their values, cached verdicts with the trend settings' versions.
        with self.assertNumQueries(3):
            shown = displays(KPI.objects.all().with_series())
        self.assertEqual(len(shown), KPI.objects.count())
        self.assertGreater(len(shown), 6)

    def test_it_draws_the_sparkline_with_the_limit_band(self):
        shown = display_of(KPI.objects.get(pk=self.kpi.pk))
        self.assertIn("<rect", shown.sparkline)  # the natural process limits, shaded
        self.assertIn("stroke-dasharray", shown.sparkline)  # the centre line
        with translation.override("en"):
            self.assertIn("Last 32 values of", display_of(self.kpi).sparkline)

    def test_it_judges_the_values_up_to_a_date_as_was_known_then(self):
        shown = display_of(KPI.objects.get(pk=self.kpi.pk))
        same = up_to(shown, date(2030, 1, 1))
        self.assertIs(same, shown)
        before = up_to(shown, date(2024, 12, 1))  # the step up starts in January 2025
        self.assertEqual(len(before.series), 24)
        self.assertEqual(before.latest_period.key, "2024-12")
        self.assertEqual(before.verdict, "stable")
        self.assertEqual(shown.verdict, "improving")
        self.assertNotEqual(before.sparkline, shown.sparkline)

    def test_it_lists_verdicts_without_reading_values(self):
        displays([KPI.objects.get(pk=self.kpi.pk)])
        kpi = KPI.objects.get(pk=self.kpi.pk)
        with self.assertNumQueries(1):  # cached verdicts with the trend settings' versions
            found = verdicts([kpi])
        self.assertEqual(found[0].verdict, "improving")

    def test_it_draws_the_chart_and_the_trend_section(self):
        shown = display_of(KPI.objects.get(pk=self.kpi.pk))
        with translation.override("en"):
            chart = chart_of(shown)
            section = trend_section(shown, can_define=True)
        self.assertIn("<svg", chart)
        self.assertIn("Process behaviour chart of", chart)
        self.assertEqual(set(section.forms), {"baseline", "method", "rebaseline"})
        self.assertEqual(len(section.segments), 1)
        self.assertIn(section.drift["direction"], {"up", "none"})
        self.assertEqual(chart_of(display_of(self.empty)), "")
        self.assertEqual(trend_section(display_of(self.empty), can_define=False).forms, {})


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


class LayerTests(KoersTestCase):
    def test_it_finds_no_module_importing_another_apps_views(self):
        offenders = []
        for path in sorted(SRC.glob("koers/*/**/*.py")):
            app = path.relative_to(SRC).parts[1]
            for name in _imports(path):
                parts = name.split(".")
                if len(parts) >= 3 and parts[0] == "koers" and parts[1] != app:
                    if parts[2] == "views" or parts[2].endswith("_views"):
                        offenders.append(f"{path.relative_to(SRC)} imports {name}")
        self.assertEqual(offenders, [])
