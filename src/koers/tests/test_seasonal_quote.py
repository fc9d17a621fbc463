"""A seasonal KPI's limits hold for its seasonally adjusted values: wherever the range is
quoted (the reason on the KPI page, in the report, on the meeting agenda and presentation, in
the API trend answer), the adjusted value is quoted with it, in the same words."""

import math
import re
from datetime import date

from django.urls import reverse

from koers.api.tests.helpers import ApiTestCase
from koers.meetings.agenda import prepare
from koers.meetings.models import Meeting
from koers.periods import last_finished
from koers.testing import add_values, make_kpi
from koers.trendengine import analyse
from koers.trends.models import TrendSettings

NOISE = [13, -21, 8, 30, -5, -17, 24, -9, 2, -28, 15, 6, -33, 19, -2, 11, -26, 35, -14, 4, 27,
         -8, -19, 9, 22, -31, 16, -4, 7, -23, 29, -12, 1, 18, -6, -15]  # fmt: skip
QUOTE = re.compile(r"\(gecorrigeerd voor seizoen: [\d.]+\): binnen het normale bereik van [\d.]+–")
QUOTE_EN = re.compile(r"\(seasonally adjusted: [\d,]+\): within its normal range of [\d,]+–")


def seasonal_values(n=36):
    return [round(2300 + 400 * math.sin(2 * math.pi * i / 12) + NOISE[i]) for i in range(n)]


class SeasonalQuoteTestCase(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.today = date.today()
        cls.seasonal = make_kpi(cls.org, cls.plaatwerk, "SZ-1", name="Omzet ijs")
        TrendSettings.objects.create(organisation=cls.org, kpi=cls.seasonal, seasonal=True)
        cls.last = last_finished("month", cls.today)
        add_values(cls.seasonal, (cls.last - 35).start, seasonal_values())
        cls.meeting = Meeting.objects.create(
            organisation=cls.org, unit=cls.plaatwerk, date=cls.today, created_by=cls.bob
        )
        prepare(cls.meeting, today=cls.today)

    def test_it_words_the_quote_in_one_place_the_engine(self):
        a = analyse(seasonal_values(), season_length=12)
        assert QUOTE.search(a.reason("nl")) and QUOTE_EN.search(a.reason("en"))
        plain = analyse(seasonal_values())  # not marked seasonal: nothing adjusted to quote
        assert "seizoen: " not in plain.reason("nl")

    def test_it_quotes_the_adjusted_value_with_the_range_on_the_kpi_page(self):
        self.login(self.victor)
        page = self.client.get(f"/acme/kpis/{self.seasonal.code}/", HTTP_ACCEPT_LANGUAGE="nl")
        self.assertEqual(page.status_code, 200)
        self.assertRegex(page.content.decode(), QUOTE)

    def test_it_quotes_the_adjusted_value_with_the_range_in_the_report(self):
        self.login(self.victor)
        url = reverse("report", args=["acme", "plaatwerk"]) + f"?period={self.last.key}"
        page = self.client.get(url, HTTP_ACCEPT_LANGUAGE="nl")
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "Omzet ijs")
        self.assertRegex(page.content.decode(), QUOTE)
        english = self.client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        self.assertRegex(english, QUOTE_EN)

    def test_it_quotes_the_adjusted_value_with_the_range_in_the_meeting(self):
        self.login(self.bob)
        base = f"/acme/meetings/{self.meeting.pk}/"
        agenda = self.client.get(base, HTTP_ACCEPT_LANGUAGE="nl")
        self.assertEqual(agenda.status_code, 200)
        self.assertRegex(agenda.content.decode(), QUOTE)
        items = list(self.meeting.items.order_by("order"))
        n = next(k for k, i in enumerate(items, start=1) if i.kpi_id == self.seasonal.pk)
        shown = self.client.get(f"{base}present/{n}/", HTTP_ACCEPT_LANGUAGE="nl")
        self.assertEqual(shown.status_code, 200)
        self.assertRegex(shown.content.decode(), QUOTE)

    def test_it_gives_the_adjusted_value_with_the_limits_in_the_api(self):
        data = self.get("/kpis/SZ-1/trend?lang=nl", self.victor).json()
        want = analyse(seasonal_values(), season_length=12)
        self.assertEqual(data["adjusted_last"], want.adjusted[-1])
        self.assertNotEqual(data["adjusted_last"], float(data["values"][-1]))
        self.assertRegex(data["reason"], QUOTE)
        plain = self.get("/kpis/PW-1/trend?lang=nl", self.victor).json()
        self.assertIsNone(plain["adjusted_last"])


def test_it_quotes_the_adjusted_value_in_every_sentence_that_quotes_a_line():
    import numpy as np

    base = np.array(seasonal_values(), dtype=float)
    run = base.copy()
    run[-10:] += 60  # a run above the average
    three = base.copy()
    three[-3:] += 110  # three of four clearly above it
    beyond = base.copy()
    beyond[-1] -= 600  # one value below the range
    for values, rule in ((run, "run_of_eight"), (three, "three_of_four"), (beyond, None)):
        a = analyse(values, season_length=12)
        if rule is not None:
            assert a.verdict_signal["rule"] == rule
        assert "(gecorrigeerd voor seizoen: " in a.reason("nl"), a.reason("nl")
        assert "seasonally adjusted: " in a.reason("en")
        plain = analyse(values, season_length=None, cycle=None)
        assert "seizoen" not in plain.reason("nl")
