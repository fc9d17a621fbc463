"""Writing through the API: one value, bulk all-or-nothing, delete; rights and history."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from koers.kpis.models import Measurement, MeasurementChange
from koers.testing import add_values, make_kpi

from .helpers import ApiTestCase


class SingleWriteTests(ApiTestCase):
    def test_it_stores_a_value_and_returns_it(self):
        response = self.post(
            "/kpis/PW-1/measurements",
            {"period": "2025-03", "value": "12.5", "comment": "Machine 3"},
            self.bob,
        )
        self.assertEqual(response.status_code, 200)
        data = response.json()
        self.assertEqual((data["created"], data["updated"]), (1, 0))
        self.assertEqual(data["measurement"]["period"], "2025-03")
        self.assertEqual(data["measurement"]["value"], "12.5")
        stored = Measurement.objects.get(kpi=self.kpi)
        self.assertEqual((stored.period_start, stored.value), (date(2025, 3, 1), Decimal("12.5")))
        self.assertEqual(stored.comment, "Machine 3")

    def test_it_reads_values_and_periods_the_way_the_import_does(self):
        self.post(
            "/kpis/VK-1/measurements", {"period": "maart 2025", "value": "1.234,5"}, self.carol
        )
        self.post("/kpis/VK-1/measurements", {"period": "2025-04-17", "value": 7.25}, self.carol)
        values = dict(
            Measurement.objects.filter(kpi=self.sales_kpi).values_list("period_start", "value")
        )
        self.assertEqual(
            values, {date(2025, 3, 1): Decimal("1234.5"), date(2025, 4, 1): Decimal("7.25")}
        )

    def test_it_corrects_a_value_and_keeps_history_with_source_api_and_the_token_name(self):
        add_values(self.kpi, date(2025, 1, 1), [10])
        data = self.post(
            "/kpis/PW-1/measurements", {"period": "2025-01", "value": 11}, self.alice
        ).json()
        self.assertEqual((data["created"], data["updated"]), (0, 1))
        change = MeasurementChange.objects.filter(kpi=self.kpi).order_by("-id").first()
        self.assertEqual(change.action, "updated")
        self.assertEqual((change.old_value, change.new_value), (Decimal(10), Decimal(11)))
        self.assertEqual(change.source, "api")
        self.assertEqual(change.source_detail, "alice-script")
        self.assertEqual(change.user, self.alice)

    def test_it_reports_an_unchanged_value_without_writing_history(self):
        add_values(self.kpi, date(2025, 1, 1), [10])
        before = MeasurementChange.objects.count()
        data = self.post(
            "/kpis/PW-1/measurements", {"period": "2025-01", "value": "10"}, self.bob
        ).json()
        self.assertEqual(data["unchanged"], 1)
        self.assertEqual(MeasurementChange.objects.count(), before)

    def test_it_gives_each_role_exactly_its_rights(self):
        cases = [
            (self.alice, "PW-1", 200),
            (self.alice, "VK-1", 200),
            (self.bob, "PW-1", 200),  # manager of Productie, Plaatwerk lies below it
            (self.bob, "VK-1", 403),
            (self.carol, "VK-1", 200),
            (self.carol, "PW-1", 403),
            (self.victor, "PW-1", 403),
            (self.victor, "VK-1", 403),
            (self.charlie, "PW-1", 404),
            (self.alice, "OT-1", 404),
        ]
        for user, code, status in cases:
            with self.subTest(user=user.username, kpi=code):
                body = {"period": "2025-05", "value": 3}
                response = self.post(f"/kpis/{code}/measurements", body, user)
                self.assertEqual(response.status_code, status)
        self.assertEqual(Measurement.objects.filter(kpi=self.kpi).count(), 1)
        self.assertFalse(Measurement.objects.filter(kpi=self.other_kpi).exists())

    def test_it_refuses_bad_input_with_errors_per_field_in_the_callers_language(self):
        response = self.post(
            "/kpis/PW-1/measurements",
            {"period": "2025-W03", "value": "12,3,4"},
            self.bob,
            HTTP_ACCEPT_LANGUAGE="nl",
        )
        self.assertEqual(response.status_code, 400)
        errors = {e["field"]: e for e in response.json()["errors"]}
        self.assertEqual(errors["period"]["code"], "period.wrong_frequency")
        self.assertEqual(errors["value"]["code"], "number.unreadable")
        self.assertEqual(errors["value"]["message"], "'12,3,4' is geen getal")
        self.assertEqual(errors["value"]["index"], 0)
        english = self.post(
            "/kpis/PW-1/measurements?lang=en", {"period": "2025-01", "value": "x"}, self.bob
        ).json()
        self.assertEqual(english["errors"][0]["message"], "'x' is not a number")
        self.assertFalse(Measurement.objects.exists())

    def test_it_reports_missing_fields_as_400(self):
        response = self.post("/kpis/PW-1/measurements", {"value": 3}, self.bob)
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.json()["errors"][0]["field"], "period")
        self.assertEqual(response.json()["errors"][0]["code"], "missing")

    def test_it_refuses_a_retired_kpi(self):
        retired = make_kpi(self.org, self.plaatwerk, "PW-OLD", status="retired")
        response = self.post(
            "/kpis/PW-OLD/measurements", {"period": "2025-01", "value": 1}, self.bob
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.json()["errors"][0]["code"], "retired_kpi")
        self.assertFalse(retired.measurements.exists())

    def test_it_settles_an_ambiguous_number_with_the_decimal_parameter(self):
        ambiguous = self.post(
            "/kpis/PW-1/measurements", {"period": "2025-01", "value": "1.234"}, self.bob
        )
        self.assertEqual(ambiguous.json()["errors"][0]["code"], "number.ambiguous")
        ok = self.post(
            "/kpis/PW-1/measurements?decimal=,", {"period": "2025-01", "value": "1.234"}, self.bob
        )
        self.assertEqual(ok.json()["measurement"]["value"], "1234")


class DeleteTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_values(cls.kpi, date(2025, 1, 1), [10, 11])
        add_values(cls.sales_kpi, date(2025, 1, 1), [5])

    def test_it_deletes_a_value_with_history(self):
        response = self.delete("/kpis/PW-1/measurements/2025-02", self.bob)
        self.assertEqual(response.status_code, 204)
        self.assertEqual(
            list(self.kpi.measurements.values_list("period_start", flat=True)), [date(2025, 1, 1)]
        )
        change = MeasurementChange.objects.filter(kpi=self.kpi, action="deleted").get()
        self.assertEqual((change.source, change.source_detail), ("api", "bob-script"))
        self.assertEqual(change.old_value, Decimal(11))

    def test_it_gives_each_role_exactly_its_rights_to_delete(self):
        self.assertEqual(
            self.delete("/kpis/PW-1/measurements/2025-01", self.victor).status_code, 403
        )
        self.assertEqual(
            self.delete("/kpis/PW-1/measurements/2025-01", self.carol).status_code, 403
        )
        self.assertEqual(self.delete("/kpis/VK-1/measurements/2025-01", self.bob).status_code, 403)
        self.assertEqual(
            self.delete("/kpis/PW-1/measurements/2025-01", self.charlie).status_code, 404
        )
        self.assertEqual(self.kpi.measurements.count(), 2)
        self.assertEqual(
            self.delete("/kpis/VK-1/measurements/2025-01", self.carol).status_code, 204
        )
        self.assertEqual(
            self.delete("/kpis/PW-1/measurements/2025-01", self.alice).status_code, 204
        )

    def test_it_answers_404_for_a_missing_value_or_a_period_of_another_frequency(self):
        self.assertEqual(self.delete("/kpis/PW-1/measurements/2024-12", self.bob).status_code, 404)
        self.assertEqual(self.delete("/kpis/PW-1/measurements/2025-Q1", self.bob).status_code, 404)
        self.assertEqual(self.delete("/kpis/PW-1/measurements/gisteren", self.bob).status_code, 404)
        self.assertEqual(self.kpi.measurements.count(), 2)


class BulkTests(ApiTestCase):
    def test_it_writes_many_values_in_one_go(self):
        items = [
            {"kpi": "PW-1", "period": "2025-01", "value": 10},
            {"kpi": "PW-1", "period": "2025-02", "value": "10,5"},
            {"kpi": "VK-1", "period": "2025-01", "value": "7", "comment": "first"},
            {"kpi": "VK-1", "period": "2025-02", "value": ""},
        ]
        response = self.post("/measurements/bulk", items, self.alice)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response.json(),
            {"created": 3, "updated": 0, "unchanged": 0, "deleted": 0, "skipped": 1},
        )
        again = self.post("/measurements/bulk", items, self.alice).json()
        self.assertEqual((again["created"], again["unchanged"]), (0, 3))
        sources = set(MeasurementChange.objects.values_list("source", "source_detail"))
        self.assertEqual(sources, {("api", "alice-script")})

    def test_it_writes_nothing_when_any_item_is_wrong_and_lists_every_error(self):
        items = [
            {"kpi": "PW-1", "period": "2025-01", "value": 10},
            {"kpi": "NOPE", "period": "2025-01", "value": 1},
            {"kpi": "PW-1", "period": "2025-13", "value": 2},
            {"kpi": "PW-1", "period": "2025-03", "value": "abc"},
            {"kpi": "PW-1", "period": "2025-01", "value": 11},
            {"kpi": "OT-1", "period": "2025-01", "value": 1},
        ]
        response = self.post("/measurements/bulk?lang=en", items, self.alice)
        self.assertEqual(response.status_code, 400)
        body = response.json()
        self.assertEqual(body["code"], "invalid")
        found = [(e["index"], e["field"], e["code"]) for e in body["errors"]]
        self.assertEqual(
            found,
            [
                (1, "kpi", "unknown_kpi"),
                (2, "period", "period.out_of_range"),
                (3, "value", "number.unreadable"),
                (4, "value", "duplicate"),
                (5, "kpi", "unknown_kpi"),  # another organisation's KPI is simply unknown
            ],
        )
        self.assertIn("'NOPE' is not a KPI", body["errors"][0]["message"])
        self.assertFalse(Measurement.objects.exists())
        self.assertFalse(MeasurementChange.objects.exists())

    def test_it_refuses_with_403_and_names_the_kpis_the_caller_may_not_enter(self):
        items = [
            {"kpi": "PW-1", "period": "2025-01", "value": 1},
            {"kpi": "VK-1", "period": "2025-01", "value": 2},
        ]
        response = self.post("/measurements/bulk", items, self.carol)
        self.assertEqual(response.status_code, 403)
        self.assertEqual(response.json()["kpis"], ["PW-1"])
        self.assertFalse(Measurement.objects.exists())
        self.assertEqual(self.post("/measurements/bulk", items[1:], self.carol).status_code, 200)

    def test_it_refuses_a_viewer_and_hides_nothing_from_charlie_but_his_own(self):
        items = [{"kpi": "PW-1", "period": "2025-01", "value": 1}]
        self.assertEqual(self.post("/measurements/bulk", items, self.victor).status_code, 403)
        charlie = self.post("/measurements/bulk", items, self.charlie)
        self.assertEqual(charlie.status_code, 400)
        self.assertEqual(charlie.json()["errors"][0]["code"], "unknown_kpi")
        self.assertFalse(Measurement.objects.exists())

    def test_it_points_schema_errors_at_the_item_and_field(self):
        items = [{"kpi": "PW-1", "period": "2025-01", "value": 1}, {"kpi": "PW-1", "value": 2}]
        response = self.post("/measurements/bulk", items, self.alice)
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.json()["errors"][0]["index"], 1)
        self.assertEqual(response.json()["errors"][0]["field"], "period")
        self.assertEqual(self.post("/measurements/bulk", {"kpi": "x"}, self.alice).status_code, 400)

    def test_it_refuses_a_body_that_is_not_json(self):
        response = self.client.post(
            "/api/v1/measurements/bulk",
            data="{not json",
            content_type="application/json",
            HTTP_AUTHORIZATION="Bearer " + self.secrets["alice"],
        )
        self.assertEqual(response.status_code, 400)

    def test_it_works_without_a_csrf_token(self):
        self.client = self.client_class(enforce_csrf_checks=True)
        items = [{"kpi": "PW-1", "period": "2025-01", "value": 1}]
        self.assertEqual(self.post("/measurements/bulk", items, self.bob).status_code, 200)
