"""A seasonal KPI's range is never quoted next to the raw value alone: the KPI page, the
report and the cached reason (meetings) quote the seasonally adjusted value with it."""

import math
from datetime import date

from koers.testing import KoersTestCase, add_values, make_kpi
from koers.trends.models import TrendSettings
from koers.trends.verdicts import trend_for


class SeasonalQuoteTestCase(KoersTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.seasonal = make_kpi(cls.org, cls.verkoop, "VK-S", name="Omzet per maand")
        values = [2000 + 400 * math.sin(2 * math.pi * m / 12) + (7 * m) % 23 for m in range(36)]
        add_values(cls.seasonal, date(2022, 1, 1), [round(v) for v in values])
        TrendSettings.objects.create(organisation=cls.org, kpi=cls.seasonal, seasonal=True)

    def test_it_quotes_the_adjusted_value_with_the_range_on_the_kpi_page(self):
        self.login(self.carol)
        page = self.client.get("/acme/kpis/VK-S/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
        self.assertIn("gecorrigeerd voor seizoen:", page)
        self.assertIn("de grenzen gelden voor de voor seizoen gecorrigeerde waarden", page)
        page = self.client.get("/acme/kpis/VK-S/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
        self.assertIn("seasonally adjusted:", page)

    def test_it_quotes_it_in_the_reason_that_reports_and_meetings_show(self):
        trend = trend_for(self.seasonal)
        self.assertIn("gecorrigeerd voor seizoen:", trend.data["reason"]["nl"])
        self.assertIn("seasonally adjusted:", trend.data["reason"]["en"])
        self.login(self.alice)
        response = self.client.get("/acme/reports/verkoop/", HTTP_ACCEPT_LANGUAGE="nl")
        self.assertEqual(response.status_code, 200)
        self.assertIn("gecorrigeerd voor seizoen:", response.content.decode())

    def test_it_quotes_no_adjusted_value_for_a_kpi_not_marked_seasonal(self):
        self.login(self.carol)
        page = self.client.get("/acme/kpis/VK-1/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
        self.assertNotIn("gecorrigeerd voor seizoen", page)
