"""No lost update and no unstorable value, on every way in (issue 13, points 1 and 5)."""

import json
import re
from datetime import date
from decimal import Decimal

from koers.api.tests.helpers import ApiTestCase
from koers.kpis.models import KPI, Measurement, MeasurementChange
from koers.testing import add_values


def counts():
    return Measurement.objects.count(), MeasurementChange.objects.count()


def hidden(page: str, name: str) -> str:
    found = re.search(rf'name="{re.escape(name)}" (?:id="[^"]*" )?value="([^"]*)"', page)
    if found is None:
        found = re.search(rf'value="([^"]*)" name="{re.escape(name)}"', page)
    assert found, f"no hidden {name}"
    return found.group(1)


def value_form_version(page: str) -> str:
    """The version the value form carries (the page's other forms carry their own)."""
    form = re.search(r'<form[^>]*action="/acme/kpis/PW-1/values/".*?</form>', page, re.S)
    assert form, "no value form"
    return re.search(r'name="version" value="([^"]*)"', form.group(0)).group(1)


class ValueFormConflictTestCase(ApiTestCase):
    def test_it_refuses_a_stale_save_showing_both_values_and_saving_nothing(self):
        add_values(self.kpi, date(2025, 1, 1), ["89.9"])
        self.login(self.bob)
        page = self.client.get("/acme/kpis/PW-1/?period=2025-01").content.decode()
        version = value_form_version(page)
        self.assertEqual(version, "2025-01=89.9")
        self.login(self.alice)
        self.client.post(
            "/acme/kpis/PW-1/values/", {"period": "2025-01", "value": "101", "version": version}
        )
        before = counts()
        self.login(self.bob)
        response = self.client.post(
            "/acme/kpis/PW-1/values/", {"period": "2025-01", "value": "95", "version": version}
        )
        self.assertEqual(response.status_code, 409)
        text = response.content.decode()
        self.assertIn("101", text)
        self.assertIn("95", text)
        self.assertEqual(counts(), before)
        self.assertEqual(Measurement.objects.get(kpi=self.kpi).value, Decimal("101"))
        # The form now starts from the newer value: saving again keeps bob's.
        newer = value_form_version(text)
        response = self.client.post(
            "/acme/kpis/PW-1/values/", {"period": "2025-01", "value": "95", "version": newer}
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Measurement.objects.get(kpi=self.kpi).value, Decimal("95"))

    def test_it_refuses_unstorable_values_on_the_form_after_rounding(self):
        self.login(self.carol)
        before = counts()
        for text in ["99999999999999,9999999", "0,0000001", "123456789012345"]:
            response = self.client.post(
                "/acme/kpis/VK-1/values/", {"period": "2025-01", "value": text}
            )
            self.assertEqual(response.status_code, 400, text)
        self.assertEqual(counts(), before)
        response = self.client.post(
            "/acme/kpis/VK-1/values/", {"period": "2025-01", "value": "99999999999999,9"}
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.client.get("/acme/kpis/VK-1/").status_code, 200)
        self.assertEqual(self.client.get("/acme/").status_code, 200)


class GridConflictTestCase(ApiTestCase):
    def test_it_keeps_a_value_changed_since_the_grid_was_drawn(self):
        add_values(self.sales_kpi, date(2025, 1, 1), ["89.9"])
        self.login(self.carol)
        page = self.client.get(f"/acme/entry/{self.verkoop.slug}/2025-01/").content.decode()
        name = f"c-{self.sales_kpi.pk}-2025-01"
        version = hidden(page, "v-" + name)
        self.assertEqual(version, "89.9")
        self.login(self.alice)
        self.client.post("/acme/kpis/VK-1/values/", {"period": "2025-01", "value": "101"})
        before = counts()
        self.login(self.carol)
        url = f"/acme/entry/{self.verkoop.slug}/2025-01/"
        response = self.client.post(url, {name: "89,9", "v-" + name: version})
        self.assertEqual(response.status_code, 400)
        self.assertIn("101", response.content.decode())
        self.assertEqual(counts(), before)
        response = self.client.post(url + "cell/", {"cell": name, name: "90", "v-" + name: version})
        self.assertIn("101", response.content.decode())
        self.assertEqual(counts(), before)
        self.assertEqual(Measurement.objects.get(kpi=self.sales_kpi).value, Decimal("101"))

    def test_it_refuses_an_unstorable_cell(self):
        self.login(self.carol)
        before = counts()
        name = f"c-{self.sales_kpi.pk}-2025-01"
        url = f"/acme/entry/{self.verkoop.slug}/2025-01/"
        response = self.client.post(url, {name: "99999999999999,9999999"})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(counts(), before)


class DefinitionConflictTestCase(ApiTestCase):
    def test_it_refuses_a_stale_definition_save(self):
        self.login(self.bob)
        form = self.client.get("/acme/kpis/PW-1/edit/").context["form"]
        data = {k: v for k, v in form.initial.items() if v is not None}
        data.update(unit=self.plaatwerk.pk, name="Orders per uur (bob)", target="")
        data.pop("core_competences", None)
        data.pop("annual_goals", None)
        data.pop("parent", None)
        stale = dict(data)
        self.login(self.alice)
        mine = dict(data, name="Orders per uur (alice)")
        self.assertEqual(self.client.post("/acme/kpis/PW-1/edit/", mine).status_code, 302)
        self.login(self.bob)
        response = self.client.post("/acme/kpis/PW-1/edit/", stale)
        self.assertEqual(response.status_code, 409)
        text = response.content.decode()
        self.assertIn("Orders per uur (alice)", text)
        self.assertIn("Orders per uur (bob)", text)
        self.assertEqual(KPI.objects.get(pk=self.kpi.pk).name, "Orders per uur (alice)")


class ApiConflictTestCase(ApiTestCase):
    def test_it_answers_409_to_a_stale_revision_and_saves_nothing(self):
        add_values(self.kpi, date(2025, 1, 1), ["89.9"])
        revision = self.get("/kpis/PW-1", self.bob).json()["revision"]
        body = {"period": "2025-01", "value": "101", "revision": revision}
        self.assertEqual(self.post("/kpis/PW-1/measurements", body, self.alice).status_code, 200)
        before = counts()
        body = {"period": "2025-01", "value": "95", "revision": revision}
        response = self.post("/kpis/PW-1/measurements", body, self.bob)
        self.assertEqual(response.status_code, 409)
        answer = response.json()
        self.assertEqual(answer["code"], "conflict")
        self.assertEqual(answer["current"]["value"], "101")
        self.assertEqual(answer["revision"], revision + 1)
        bulk = [{"kpi": "PW-1", "period": "2025-02", "value": "1", "revision": revision}]
        self.assertEqual(self.post("/measurements/bulk", bulk, self.bob).status_code, 409)
        path = f"/kpis/PW-1/measurements/2025-01?revision={revision}"
        self.assertEqual(self.delete(path, self.bob).status_code, 409)
        self.assertEqual(counts(), before)

    def test_it_refuses_true_a_lone_surrogate_and_unstorable_values(self):
        before = counts()
        response = self.post(
            "/kpis/VK-1/measurements", {"period": "2025-01", "value": True}, self.carol
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.json()["errors"][0]["code"], "number.boolean")
        raw = '{"period": "2025-01", "value": "1", "comment": "a\\ud800b"}'
        response = self.client.post(
            "/api/v1/kpis/VK-1/measurements",
            data=raw,
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {self.secrets['carol']}",
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.json()["errors"][0]["code"], "comment_unreadable")
        for value in ["99999999999999.9999999", "0.0000001", 1e15]:
            response = self.post(
                "/kpis/VK-1/measurements", {"period": "2025-01", "value": value}, self.carol
            )
            self.assertEqual(response.status_code, 400, value)
            self.assertTrue(response.json()["errors"][0]["code"].startswith("number."))
        self.assertEqual(counts(), before)
        self.sales_kpi.unit_of_measure = "euro"  # a count is never negative (plausibility)
        self.sales_kpi.save()
        ok = {"period": "2025-01", "value": "-99999999999999.9"}
        self.assertEqual(self.post("/kpis/VK-1/measurements", ok, self.carol).status_code, 200)
        values = self.get("/kpis/VK-1/measurements", self.carol).json()
        self.assertEqual(values[0]["value"], "-99999999999999.9")
        json.dumps(values)
