"""The entry grid: which KPIs are due, saving per cell and all at once."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.urls import reverse

from koers.dataentry.grid import due_periods
from koers.kpis.models import Measurement, MeasurementChange
from koers.periods import Period
from koers.testing import KoersTestCase, add_values, make_kpi


class EntryGridTest(KoersTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.weekly = make_kpi(
            cls.org, cls.verkoop, "VK-W", name="Offertes per week", frequency="week"
        )
        cls.quarterly = make_kpi(
            cls.org,
            cls.verkoop,
            "VK-Q",
            name="Klanttevredenheid",
            frequency="quarter",
            unit_of_measure="percent",
        )
        add_values(cls.sales_kpi, date(2025, 2, 1), [40])

    def url(self, unit="verkoop", period="2025-03"):
        return reverse("entry_grid", args=["acme", unit, period])

    def test_it_asks_for_each_period_ending_in_the_chosen_one(self):
        march = Period.from_key("2025-03")
        self.assertEqual([p.key for p in due_periods(self.sales_kpi, march)], ["2025-03"])
        self.assertEqual(
            [p.key for p in due_periods(self.weekly, march)],
            ["2025-W09", "2025-W10", "2025-W11", "2025-W12", "2025-W13"],
        )
        self.assertEqual([p.key for p in due_periods(self.quarterly, march)], ["2025-Q1"])
        self.assertEqual(due_periods(self.quarterly, Period.from_key("2025-02")), [])

    def test_it_shows_previous_values_units_and_inputs(self):
        self.login(self.carol)
        page = self.client.get(self.url()).content.decode()
        self.assertIn("Succesratio offertes", page)
        self.assertIn("40", page)  # previous value (feb)
        self.assertIn('inputmode="decimal"', page)
        self.assertIn(f'name="c-{self.weekly.pk}-2025-W13"', page)
        self.assertIn(f'name="c-{self.quarterly.pk}-2025-Q1"', page)
        self.assertIn('<span class="entry-unit">%</span>', page)
        self.assertIn("koers/entry.js", page)

    def test_it_is_read_only_for_those_who_may_not_enter(self):
        self.login(self.bob)
        page = self.client.get(self.url()).content.decode()
        self.assertNotIn('class="entry-input"', page)
        self.assertEqual(
            self.client.post(self.url(), {f"c-{self.sales_kpi.pk}-2025-03": "5"}).status_code, 403
        )
        self.login(self.victor)
        cell_url = reverse("entry_cell", args=["acme", "verkoop", "2025-03"])
        self.assertEqual(self.client.post(cell_url, {"cell": "x"}).status_code, 403)
        self.login(self.charlie)
        self.assertEqual(self.client.get(self.url()).status_code, 404)
        self.assertEqual(self.client.post(cell_url, {"cell": "x"}).status_code, 404)
        self.assertFalse(Measurement.objects.filter(period_start=date(2025, 3, 1)).exists())

    def test_it_saves_one_cell(self):
        self.login(self.carol)
        name = f"c-{self.sales_kpi.pk}-2025-03"
        cell_url = reverse("entry_cell", args=["acme", "verkoop", "2025-03"])
        response = self.client.post(cell_url, {"cell": name, name: "12,5"}, HTTP_HX_REQUEST="true")
        self.assertContains(response, "opgeslagen")
        self.assertContains(response, 'value="12,5"')
        self.assertEqual(
            Measurement.objects.get(kpi=self.sales_kpi, period_start=date(2025, 3, 1)).value,
            Decimal("12.5"),
        )
        self.assertEqual(MeasurementChange.objects.filter(source="web").count(), 1)
        response = self.client.post(
            cell_url, {"cell": name, name: "12,3,4"}, HTTP_HX_REQUEST="true"
        )
        self.assertContains(response, "&#x27;12,3,4&#x27; is geen getal")
        self.assertContains(response, 'value="12,3,4"')
        self.assertContains(response, 'aria-invalid="true"')
        self.assertEqual(
            Measurement.objects.get(kpi=self.sales_kpi, period_start=date(2025, 3, 1)).value,
            Decimal("12.5"),
        )

    def test_it_saves_all_valid_cells_and_keeps_the_wrong_text(self):
        self.login(self.carol)
        good = f"c-{self.weekly.pk}-2025-W10"
        bad = f"c-{self.sales_kpi.pk}-2025-03"
        also = f"c-{self.quarterly.pk}-2025-Q1"
        response = self.client.post(self.url(), {good: "7", bad: "veel", also: "81,5"})
        self.assertEqual(response.status_code, 400)
        page = response.content.decode()
        self.assertIn("&#x27;veel&#x27; is geen getal", page)
        self.assertIn('value="veel"', page)
        self.assertIn("2 waarden opgeslagen. 1 cel heeft een fout", page)
        self.assertEqual(Measurement.objects.get(kpi=self.weekly).value, 7)
        self.assertEqual(Measurement.objects.get(kpi=self.quarterly).value, Decimal("81.5"))
        response = self.client.post(self.url(), {good: "7", bad: "9", also: "81,5"})
        self.assertRedirects(response, self.url())
        self.assertEqual(
            Measurement.objects.get(kpi=self.sales_kpi, period_start=date(2025, 3, 1)).value, 9
        )
        # Clearing a cell asks first, then deletes its value (kept in the history).
        response = self.client.post(self.url(), {good: "", bad: "9", also: "81,5"})
        self.assertContains(response, "wordt gewist")
        self.assertTrue(Measurement.objects.filter(kpi=self.weekly).exists())
        self.client.post(self.url(), {good: "", bad: "9", also: "81,5", "ok-" + good: "1"})
        self.assertFalse(Measurement.objects.filter(kpi=self.weekly).exists())

    def test_it_lets_people_choose_unit_and_period(self):
        self.login(self.carol)
        response = self.client.get(reverse("entry", args=["acme"]))
        self.assertContains(response, 'value="verkoop" selected')
        response = self.client.get(
            reverse("entry", args=["acme"]), {"unit": "verkoop", "period": "maart 2025"}
        )
        self.assertRedirects(response, self.url())
        self.assertEqual(self.client.get(self.url(period="nonsense")).status_code, 404)
