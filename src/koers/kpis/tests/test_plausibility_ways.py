"""Plausibility on every way in: the same bad values through the value form, the entry grid
(full save and HTMX cell), the API (single and bulk) and the import (command and web page), as
a member (carol, Verkoop) and a manager (bob, Plaatwerk)."""

import io
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from koers.api.tests.helpers import ApiTestCase
from koers.dataentry.models import ImportBatch
from koers.kpis.models import Measurement, MeasurementChange
from koers.periods import Period
from koers.testing import add_values, make_kpi

USUAL = [98, 102, 100, 97, 103, 99, 101, 100, 96, 104, 100, 98, 102, 99, 101, 100, 97, 103]
MONTH = "2025-01"  # finished; the history runs up to 2024-12


def future_month() -> str:
    return Period.containing(timezone.localdate(), "month").next().next().key


class PlausibilityCase(ApiTestCase):
    """Two teams' KPIs with a usual level, and each way in as a method."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.sales_pct = make_kpi(cls.org, cls.verkoop, "VK-P", unit_of_measure="percent")
        cls.plant_pct = make_kpi(cls.org, cls.plaatwerk, "PW-P", unit_of_measure="percent")
        for kpi in (cls.kpi, cls.sales_kpi):
            add_values(kpi, date(2023, 7, 1), USUAL)
        for kpi in (cls.sales_pct, cls.plant_pct):
            add_values(kpi, date(2023, 7, 1), [50, 52, 49, 51, 50, 48])
        # (persona, count KPI, percent KPI, unit)
        cls.cases = [
            (cls.carol, cls.sales_kpi, cls.sales_pct, cls.verkoop),
            (cls.bob, cls.kpi, cls.plant_pct, cls.plaatwerk),
        ]

    def stored(self, kpi, key=MONTH):
        m = Measurement.objects.filter(kpi=kpi, period_start=Period.from_key(key).start).first()
        return None if m is None else m.value

    # -- the ways in, each returning (status, the codes it reports, the message text) --------

    def form(self, user, kpi, value, period=MONTH, confirm=False, lang="nl"):
        self.login(user)
        data = {"period": period, "value": value, "comment": ""}
        if confirm:
            data["confirm"] = "1"
        response = self.client.post(
            f"/acme/kpis/{kpi.code}/values/", data, HTTP_ACCEPT_LANGUAGE=lang
        )
        text = response.content.decode() if response.status_code != 302 else ""
        return response.status_code, text

    def grid(self, user, kpi, unit, value, period=MONTH, confirm=False, cell=False, lang="nl"):
        self.login(user)
        name = f"c-{kpi.pk}-{period}"
        data = {name: value}
        if confirm:
            data["ok-" + name] = "1"
        url = f"/acme/entry/{unit.slug}/{period}/"
        if cell:
            data["cell"] = name
            url += "cell/"
        response = self.client.post(url, data, HTTP_ACCEPT_LANGUAGE=lang)
        text = response.content.decode() if response.status_code != 302 else ""
        return response.status_code, text

    def api(self, user, kpi, value, period=MONTH, confirm=False, bulk=False, lang="nl"):
        body = {"period": period, "value": value}
        if confirm:
            body["confirm"] = True
        if bulk:
            body["kpi"] = kpi.code
            response = self.post("/measurements/bulk", [body], user, HTTP_ACCEPT_LANGUAGE=lang)
        else:
            path = f"/kpis/{kpi.code}/measurements"
            response = self.post(path, body, user, HTTP_ACCEPT_LANGUAGE=lang)
        return response.status_code, response.json()


class WaysInTestCase(PlausibilityCase):
    # -- natural bounds block, also when confirmed ------------------------------------------

    def test_it_refuses_a_negative_count_on_every_way_in(self):
        for user, count, _pct, unit in self.cases:
            with self.subTest(user=user.username):
                for confirm in (False, True):
                    status, text = self.form(user, count, "-3", confirm=confirm)
                    self.assertEqual(status, 400)
                    self.assertIn("-3 kan niet: aantallen zijn nooit negatief", text)
                    status, text = self.grid(user, count, unit, "-3", confirm=confirm)
                    self.assertEqual(status, 400)
                    self.assertIn("aantallen zijn nooit negatief", text)
                    status, text = self.grid(user, count, unit, "-3", confirm=confirm, cell=True)
                    self.assertIn("aantallen zijn nooit negatief", text)
                    status, body = self.api(user, count, "-3", confirm=confirm, lang="en")
                    self.assertEqual((status, body["code"]), (400, "plausibility.bound"))
                    self.assertFalse(body["confirmable"])
                    self.assertEqual(body["errors"][0]["field"], "value")
                    message = body["errors"][0]["message"]
                    self.assertEqual(message, "-3 is not possible: counts are never negative")
                    status, body = self.api(user, count, -3, confirm=confirm, bulk=True)
                    self.assertEqual((status, body["errors"][0]["index"]), (400, 0))
                    self.assertEqual(body["errors"][0]["code"], "plausibility.bound")
                self.assertIsNone(self.stored(count))

    def test_it_refuses_120_percent_unless_the_kpi_allows_more(self):
        for user, _count, pct, unit in self.cases:
            with self.subTest(user=user.username):
                status, text = self.form(user, pct, "120", lang="en")
                self.assertEqual(status, 400)
                self.assertIn("120 is not possible: a percentage is at most 100", text)
                status, text = self.grid(user, pct, unit, "120%", confirm=True)
                self.assertIn("een percentage is hoogstens 100", text)
                status, text = self.grid(user, pct, unit, "120", cell=True)
                self.assertIn("een percentage is hoogstens 100", text)
                status, body = self.api(user, pct, "120%", confirm=True)
                self.assertEqual((status, body["code"]), (400, "plausibility.bound"))
                self.assertIsNone(self.stored(pct))
        self.plant_pct.maximum = Decimal(150)
        self.plant_pct.save()
        status, body = self.api(self.bob, self.plant_pct, "120%", period="2023-02", confirm=True)
        self.assertEqual(status, 200, body)
        self.assertEqual(self.stored(self.plant_pct, "2023-02"), Decimal(120))

    def test_it_refuses_a_future_month_on_every_way_in(self):
        key = future_month()
        for user, count, _pct, unit in self.cases:
            with self.subTest(user=user.username):
                status, text = self.form(user, count, "100", period=key, confirm=True)
                self.assertEqual(status, 400)
                self.assertIn("is nog niet begonnen", text)
                status, text = self.grid(user, count, unit, "100", period=key, cell=True)
                self.assertIn("is nog niet begonnen", text)
                status, body = self.api(user, count, "100", period=key, confirm=True)
                self.assertEqual((status, body["code"]), (400, "plausibility.future"))
                self.assertEqual(body["errors"][0]["field"], "period")
                status, body = self.api(user, count, 100, period=key, bulk=True, lang="en")
                self.assertIn("has not started yet", body["errors"][0]["message"])
                self.assertIsNone(self.stored(count, key))

    # -- warnings: saved only once confirmed ------------------------------------------------

    def test_it_asks_to_confirm_1000_times_the_usual_level_and_then_saves_it(self):
        for user, count, _pct, unit in self.cases:
            with self.subTest(user=user.username):
                status, text = self.form(user, count, "100.000")
                self.assertEqual(status, 200)
                self.assertIn("ligt ver buiten het normale bereik", text)
                self.assertIn('name="confirm"', text)
                status, text = self.grid(user, count, unit, "100000", cell=True, lang="en")
                self.assertIn("is far outside the normal range", text)
                self.assertIn(f'name="ok-c-{count.pk}-{MONTH}"', text)
                status, text = self.grid(user, count, unit, "100000")
                self.assertEqual(status, 200)
                self.assertIn("bevestig dat dit klopt", text)
                status, body = self.api(user, count, 100000)
                self.assertEqual((status, body["code"]), (400, "plausibility.far_outside"))
                self.assertTrue(body["confirmable"])
                codes = [e["code"] for e in body["errors"]]
                self.assertEqual(codes, ["plausibility.far_outside", "plausibility.jump"])
                status, body = self.api(user, count, 100000, bulk=True)
                self.assertEqual(status, 400)
                self.assertIsNone(self.stored(count))
        user, count, _pct, unit = self.cases[0]
        self.assertEqual(self.form(user, count, "100.000", confirm=True)[0], 302)
        self.assertEqual(self.stored(count), Decimal(100000))
        user, count, _pct, unit = self.cases[1]
        status, text = self.grid(user, count, unit, "100000", confirm=True, cell=True)
        self.assertIn("is-saved", text)
        self.assertEqual(self.stored(count), Decimal(100000))
        status, body = self.api(user, count, 99000, period="2025-02", confirm=True, bulk=True)
        self.assertEqual(status, 200, body)

    def test_it_confirms_through_the_api_single_write(self):
        status, body = self.api(self.carol, self.sales_kpi, "100000", confirm=True)
        self.assertEqual(status, 200, body)
        self.assertEqual(self.stored(self.sales_kpi), Decimal(100000))

    def test_it_warns_the_current_unfinished_month(self):
        key = Period.containing(timezone.localdate(), "month").key
        status, body = self.api(self.carol, self.sales_kpi, "100", period=key)
        self.assertEqual((status, body["code"]), (400, "plausibility.current_period"))
        status, text = self.form(self.bob, self.kpi, "100", period=key)
        self.assertIn("is nog niet voorbij", text)
        self.assertEqual(self.form(self.bob, self.kpi, "100", period=key, confirm=True)[0], 302)

    def test_it_asks_before_clearing_a_value_and_puts_it_back_from_the_history(self):
        for user, count, _pct, unit in self.cases:
            with self.subTest(user=user.username):
                key = "2024-12"
                before = self.stored(count, key)
                status, text = self.grid(user, count, unit, "", period=key, cell=True)
                self.assertIn("wordt gewist", text)
                status, text = self.grid(user, count, unit, "", period=key)
                self.assertIn("wordt gewist", text)
                self.login(user)
                response = self.client.post(f"/acme/kpis/{count.code}/values/{key}/delete/")
                self.assertEqual(response.status_code, 200)
                self.assertIn("wordt gewist", response.content.decode())
                self.assertEqual(self.stored(count, key), before)
                status, text = self.grid(user, count, unit, "", period=key, confirm=True)
                self.assertEqual(status, 302)
                self.assertIsNone(self.stored(count, key))
                deleted = MeasurementChange.objects.get(kpi=count, action="deleted")
                page = self.client.get(f"/acme/kpis/{count.code}/").content.decode()
                self.assertIn(f"/acme/kpis/{count.code}/history/{deleted.pk}/undo/", page)
                response = self.client.post(f"/acme/kpis/{count.code}/history/{deleted.pk}/undo/")
                self.assertEqual(response.status_code, 302)
                self.assertEqual(self.stored(count, key), before)

    def test_it_deletes_through_the_api_and_the_confirmed_form(self):
        response = self.delete("/kpis/VK-1/measurements/2024-12", self.carol)
        self.assertEqual(response.status_code, 204)
        self.login(self.bob)
        response = self.client.post("/acme/kpis/PW-1/values/2024-12/delete/", {"confirm": "1"})
        self.assertEqual(response.status_code, 302)
        self.assertIsNone(self.stored(self.kpi, "2024-12"))

    def test_it_still_answers_403_for_another_team(self):
        status, _body = self.api(self.carol, self.kpi, "100")
        self.assertEqual(status, 403)

    # -- units typed after the number ------------------------------------------------------

    def test_it_reads_units_the_same_on_every_way_in(self):
        days = make_kpi(self.org, self.verkoop, "VK-D", unit_of_measure="days", decimals=1)
        euro = make_kpi(self.org, self.verkoop, "VK-E", unit_of_measure="euro")
        self.assertEqual(self.form(self.carol, days, "6,5 dagen")[0], 302)
        self.assertEqual(self.stored(days), Decimal("6.5"))
        self.grid(self.carol, euro, self.verkoop, "€ 12", cell=True)
        self.assertEqual(self.stored(euro), Decimal(12))
        status, body = self.api(self.carol, self.sales_pct, "52,5%")
        self.assertEqual(status, 200, body)
        self.assertEqual(self.stored(self.sales_pct), Decimal("52.5"))
        status, body = self.api(self.carol, days, "6,5 dagen", period="2024-12", bulk=True)
        self.assertEqual(status, 200, body)
        # a unit of another kind is refused with the reason, the same way everywhere
        status, text = self.form(self.carol, days, "12,5%")
        self.assertEqual(status, 400)
        self.assertIn("dagen", text)
        status, body = self.api(self.carol, euro, "12,5%", period="2024-12")
        self.assertEqual((status, body["errors"][0]["code"]), (400, "number.wrong_unit"))


class ImportWayTestCase(PlausibilityCase):
    def cli(self, user, text, *args, lang="nl"):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "cijfers.csv"
            path.write_text(text, encoding="utf-8")
            out, err = io.StringIO(), io.StringIO()
            try:
                call_command(
                    "import", str(path), "--org", "acme", "--user", user.username,
                    "--lang", lang, *args, stdout=out, stderr=err,
                )  # fmt: skip
                code = 0
            except SystemExit as exit_:
                code = exit_.code
        return code, out.getvalue() + err.getvalue()

    def upload(self, user, text):
        self.login(user)
        data = {"file": SimpleUploadedFile("cijfers.csv", text.encode())}
        self.client.post(reverse("import", args=["acme"]), data)
        batch = ImportBatch.objects.latest("pk")
        page = self.client.get(reverse("import_preview", args=["acme", batch.pk]))
        return batch, page.content.decode()

    def test_it_refuses_the_same_bad_values_in_an_import(self):
        key = future_month()
        for user, count, pct, _unit in self.cases:
            with self.subTest(user=user.username):
                text = (
                    f"KPI;Periode;Waarde\n{count.code};{MONTH};-3\n{pct.code};{MONTH};120%\n"
                    f"{count.code};{key};100\n"
                )
                code, out = self.cli(user, text, "--confirm")
                self.assertEqual(code, 1)
                self.assertIn(
                    "rij 2, kolom Waarde: -3 kan niet: aantallen zijn nooit negatief", out
                )
                self.assertIn("rij 3, kolom Waarde: 120 kan niet: een percentage", out)
                self.assertIn("rij 4, kolom Periode:", out)
                code, out = self.cli(user, text, lang="en")
                self.assertIn("row 2, column Waarde: -3 is not possible: counts are never", out)
                batch, page = self.upload(user, text)
                self.assertIn("aantallen zijn nooit negatief", page)
                self.assertIn("is nog niet begonnen", page)
                self.assertNotIn('name="confirm"', page)
                self.assertIsNone(self.stored(count))

    def test_it_lists_1000_times_the_usual_level_and_imports_it_only_when_confirmed(self):
        for user, count, _pct, _unit in self.cases:
            with self.subTest(user=user.username):
                text = f"KPI;Periode;Waarde\n{count.code};{MONTH};100000\n"
                code, out = self.cli(user, text)
                self.assertEqual(code, 1)
                self.assertIn("rij 2, kolom Waarde: 100.000 ligt ver buiten", out)
                self.assertIn("--confirm", out)
                batch, page = self.upload(user, text)
                self.assertIn("ligt ver buiten het normale bereik", page)
                self.assertIn('name="confirm"', page)
                confirm = reverse("import_confirm", args=["acme", batch.pk])
                self.client.post(confirm)
                self.assertIsNone(self.stored(count))
                self.client.post(confirm, {"confirm": "1"})
                self.assertEqual(self.stored(count), Decimal(100000))
        user, count, _pct, _unit = self.cases[1]
        text = f"KPI;Periode;Waarde\n{count.code};2025-02;100000\n"
        code, out = self.cli(user, text, "--confirm")
        self.assertEqual(code, 0, out)
        self.assertEqual(self.stored(count, "2025-02"), Decimal(100000))
