"""``trends_of``/``trend_for`` with the trend inputs the caller has already read (the KPI page,
for its chart): the same verdict and analysis, the settings read once."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from koers.testing import KoersTestCase, add_values
from koers.trends.display import display_of
from koers.trends.levels import add_level
from koers.trends.models import TrendSettings
from koers.trends.verdicts import load_inputs, trend_for


class GivenInputsTestCase(KoersTestCase):
    def setUp(self):
        add_values(self.kpi, date(2023, 1, 1), [10, 11, 9, 10, 12, 10, 11, 9] + [20] * 10)
        TrendSettings.objects.create(organisation=self.org, kpi=self.kpi, baseline_points=6)
        add_level(self.kpi, date(2023, 9, 1), "Nieuwe machine", user=self.bob)
        self.kpi.refresh_from_db()

    def both(self):
        own = trend_for(self.kpi)
        given = trend_for(self.kpi, inputs=load_inputs([self.kpi])[self.kpi.pk])
        self.assertEqual(given.data, own.data)
        self.assertEqual(given.inputs.level_dates, own.inputs.level_dates)
        self.assertEqual(given.inputs.settings.baseline_points, 6)
        self.assertEqual(given.analysis.limits, own.analysis.limits)
        self.assertEqual(given.analysis.segments, own.analysis.segments)

    def test_it_judges_as_with_its_own_inputs_when_computed_and_when_cached(self):
        self.both()  # the first call computes and stores the verdict
        self.both()  # the second reads it from the cache

    def test_the_kpi_pages_display_reads_the_settings_once(self):
        trend_for(self.kpi)  # cached
        series = list(self.kpi.measurements.order_by("period_start"))
        with CaptureQueriesContext(connection) as queries:
            display = display_of(self.kpi, series)
            self.assertIsNotNone(display.trend.analysis)  # the chart needs settings and levels
        settings = [q for q in queries if "trends_trendsettings" in q["sql"]]
        self.assertEqual(len(settings), 1)
        self.assertEqual(display.trend.inputs.level_dates, [date(2023, 9, 1)])
