from datetime import date
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from koers.goals.models import AnnualGoal
from koers.kpis.models import KPI, KPIChange, Measurement, MeasurementChange
from koers.testing import KoersTestCase, add_values, make_kpi


def kpi_data(**overrides):
    data = {
        "unit": None,
        "code": "PW-2",
        "name": "Stilstand",
        "definition": "Uren stilstand per machine per week, uit het storingslogboek.",
        "purpose": "",
        "unit_of_measure": "hours",
        "custom_unit": "",
        "decimals": 1,
        "frequency": "week",
        "direction": "lower",
        "area": "production",
        "data_source": "Storingslogboek",
        "importance": 2,
        "aggregation": "sum",
        "status": "active",
        "target": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


class UnitPageTestCase(KoersTestCase):
    def test_it_lists_the_units_kpis_with_latest_value_and_period(self):
        add_values(self.kpi, date(2025, 1, 1), [1234.5, 1300.25])
        self.login(self.victor)
        response = self.client.get("/acme/units/plaatwerk/", HTTP_ACCEPT_LANGUAGE="nl")
        self.assertContains(response, "Orders per uur")
        self.assertContains(response, "1.300,3")  # one decimal, rounded half-up, Dutch style
        self.assertContains(response, "feb 2025")
        self.assertContains(response, "<svg", count=1)

    def test_it_shows_english_formats_in_english(self):
        add_values(self.kpi, date(2025, 1, 1), [1234.5])
        self.login(self.victor)
        response = self.client.get("/acme/units/plaatwerk/", HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(response, "1,234.5")
        self.assertContains(response, "Jan 2025")

    def test_it_hides_retired_kpis_until_asked(self):
        make_kpi(self.org, self.plaatwerk, "OLD", name="Oude KPI", status="retired")
        self.login(self.victor)
        self.assertNotContains(self.client.get("/acme/units/plaatwerk/"), "Oude KPI")
        self.assertContains(self.client.get("/acme/units/plaatwerk/?retired=1"), "Oude KPI")

    def test_it_renders_50_kpis_with_36_values_in_constant_queries(self):
        def count_queries():
            self.login(self.victor)
            session = self.client.session
            session["koers_org"] = "acme"  # as after any earlier page: no session write
            session.save()
            with CaptureQueriesContext(connection) as queries:
                response = self.client.get("/acme/units/verkoop/")
            self.assertEqual(response.status_code, 200)
            return len(queries)

        for i in range(2):
            add_values(make_kpi(self.org, self.verkoop, f"S{i}"), date(2023, 1, 1), range(36))
        few = count_queries()
        for i in range(2, 50):
            add_values(make_kpi(self.org, self.verkoop, f"S{i}"), date(2023, 1, 1), range(36))
        self.assertEqual(count_queries(), few)


class KPIPageTestCase(KoersTestCase):
    def test_it_shows_the_definition_goals_values_and_history(self):
        goal = AnnualGoal.objects.create(
            organisation=self.org, year=2025, unit=self.plaatwerk, title="Sneller produceren"
        )
        goal.kpis.add(self.kpi)
        add_values(self.kpi, date(2025, 1, 1), [3, 4], user=self.bob)
        self.login(self.victor)
        response = self.client.get("/acme/kpis/PW-1/", HTTP_ACCEPT_LANGUAGE="nl")
        self.assertContains(response, "How PW-1 is measured.")
        self.assertContains(response, "Sneller produceren")
        self.assertContains(response, "feb 2025")
        self.assertContains(response, "bob")
        # A viewer gets no entry form.
        self.assertNotContains(response, 'name="value"')

    def test_it_hides_kpis_of_other_organisations(self):
        self.login(self.charlie)
        self.assertEqual(self.client.get("/acme/kpis/PW-1/").status_code, 404)
        self.login(self.alice)
        self.assertEqual(self.client.get("/acme/kpis/OT-1/").status_code, 404)


class KPIFormTestCase(KoersTestCase):
    def test_it_creates_a_kpi_for_a_managed_unit_with_history(self):
        self.login(self.bob)
        response = self.client.post("/acme/kpis/new/", kpi_data(unit=self.plaatwerk.pk))
        kpi = KPI.objects.get(code="PW-2")
        self.assertRedirects(response, "/acme/kpis/PW-2/")
        self.assertEqual(
            (kpi.organisation, kpi.unit, kpi.frequency), (self.org, self.plaatwerk, "week")
        )
        self.assertEqual(KPIChange.objects.get(kpi=kpi).user, self.bob)

    def test_it_refuses_kpis_for_units_the_user_does_not_manage(self):
        self.login(self.bob)
        response = self.client.post("/acme/kpis/new/", kpi_data(unit=self.verkoop.pk))
        self.assertEqual(response.status_code, 200)
        self.assertFalse(KPI.objects.filter(code="PW-2").exists())
        for user, status in [(self.carol, 403), (self.victor, 403), (self.charlie, 404)]:
            self.login(user)
            response = self.client.post("/acme/kpis/new/", kpi_data(unit=self.verkoop.pk))
            self.assertEqual(response.status_code, status)
        self.assertFalse(KPI.objects.filter(code="PW-2").exists())

    def test_it_explains_a_duplicate_code_in_dutch(self):
        self.login(self.alice)
        response = self.client.post(
            "/acme/kpis/new/",
            kpi_data(unit=self.plaatwerk.pk, code="pw-1"),
            HTTP_ACCEPT_LANGUAGE="nl",
        )
        self.assertContains(response, "gebruikt de code pw-1 al")

    def test_it_allows_the_same_code_in_another_organisation(self):
        self.login(self.charlie)
        response = self.client.post(
            "/other/kpis/new/", kpi_data(unit=self.other_unit.pk, code="PW-1")
        )
        self.assertRedirects(response, "/other/kpis/PW-1/")

    def test_it_records_definition_changes(self):
        self.login(self.alice)
        data = kpi_data(unit=self.plaatwerk.pk, code="PW-1", name="Orders per uur (netto)")
        data.update(frequency="month", decimals=1)
        self.client.post("/acme/kpis/PW-1/edit/", data)
        change = KPIChange.objects.get(kpi=self.kpi)
        self.assertIn(["Orders per uur", "Orders per uur (netto)"], change.changes.values())

    def test_it_fixes_the_frequency_once_values_exist(self):
        add_values(self.kpi, date(2025, 1, 1), [1])
        self.login(self.alice)
        data = kpi_data(unit=self.plaatwerk.pk, code="PW-1", frequency="week")
        self.client.post("/acme/kpis/PW-1/edit/", data)
        self.kpi.refresh_from_db()
        self.assertEqual(self.kpi.frequency, "month")

    def test_it_retires_and_shows_again_keeping_data(self):
        add_values(self.kpi, date(2025, 1, 1), [1, 2])
        self.login(self.bob)
        self.client.post("/acme/kpis/PW-1/retire/")
        self.kpi.refresh_from_db()
        self.assertEqual(self.kpi.status, "retired")
        self.assertEqual(self.kpi.measurements.count(), 2)
        self.assertContains(self.client.get("/acme/kpis/retired/"), "Orders per uur")
        self.client.post("/acme/kpis/PW-1/activate/")
        self.kpi.refresh_from_db()
        self.assertEqual(self.kpi.status, "active")
        self.assertEqual(KPIChange.objects.filter(kpi=self.kpi).count(), 2)

    def test_it_refuses_retiring_to_non_managers(self):
        for user, status in [(self.carol, 403), (self.victor, 403), (self.charlie, 404)]:
            self.login(user)
            self.assertEqual(self.client.post("/acme/kpis/PW-1/retire/").status_code, status)
        self.kpi.refresh_from_db()
        self.assertEqual(self.kpi.status, "active")


class ValueEntryTestCase(KoersTestCase):
    def test_it_enters_a_dutch_value_for_a_typed_period(self):
        self.login(self.bob)
        response = self.client.post(
            "/acme/kpis/PW-1/values/",
            {"period": "januari 2025", "value": "1.234,5", "comment": "eerste"},
            HTTP_ACCEPT_LANGUAGE="nl",
        )
        self.assertRedirects(response, "/acme/kpis/PW-1/")
        measurement = Measurement.objects.get(kpi=self.kpi)
        self.assertEqual(measurement.period_start, date(2025, 1, 1))
        self.assertEqual(measurement.value, Decimal("1234.5"))
        self.assertEqual(measurement.comment, "eerste")

    def test_it_corrects_and_deletes_keeping_history(self):
        self.login(self.bob)
        self.client.post("/acme/kpis/PW-1/values/", {"period": "2025-01", "value": "10"})
        self.client.post("/acme/kpis/PW-1/values/", {"period": "jan 2025", "value": "12"})
        asked = self.client.post("/acme/kpis/PW-1/values/2025-01/delete/")
        self.assertContains(asked, "wordt gewist")
        self.assertTrue(Measurement.objects.filter(kpi=self.kpi).exists())
        self.client.post("/acme/kpis/PW-1/values/2025-01/delete/", {"confirm": "1"})
        self.assertFalse(Measurement.objects.filter(kpi=self.kpi).exists())
        history = MeasurementChange.objects.filter(kpi=self.kpi).order_by("id")
        self.assertEqual(
            [(h.action, h.old_value, h.new_value) for h in history],
            [
                ("created", None, Decimal("10")),
                ("updated", Decimal("10"), Decimal("12")),
                ("deleted", Decimal("12"), None),
            ],
        )
        page = self.client.get("/acme/kpis/PW-1/", HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(page, "corrected")
        self.assertContains(page, "deleted")

    def test_it_lists_the_changes_with_their_comment_and_a_way_to_put_each_value_back(self):
        self.login(self.bob)
        self.client.post("/acme/kpis/PW-1/values/", {"period": "2025-01", "value": "10"})
        self.client.post(
            "/acme/kpis/PW-1/values/",
            {"period": "2025-01", "value": "1234,5", "comment": "na <herstel>", "confirm": "1"},
        )
        updated = MeasurementChange.objects.get(kpi=self.kpi, action="updated")
        page = self.client.get("/acme/kpis/PW-1/").content.decode()
        decimals = self.kpi.decimals
        old = f"10,{'0' * decimals}" if decimals else "10"
        new = f"1.234,{'5'.ljust(decimals, '0')}" if decimals else "1.234"
        self.assertIn(f"{old} → {new}", page)
        self.assertIn("(opmerking: “na &lt;herstel&gt;”)", page)
        self.assertNotIn("<herstel>", page)
        undo = f"/acme/kpis/PW-1/history/{updated.pk}/undo/"
        self.assertIn(f'<form class="inline" method="post" action="{undo}">', page)
        self.assertIn(f'<button class="small">{old} terugzetten</button>', page)
        self.assertEqual(page.count("terugzetten</button>"), 1)  # not for the value first entered
        self.assertIn(f"<td>{self.bob.username}</td>", page)
        self.login(self.victor)  # a viewer sees the history, not the buttons
        page = self.client.get("/acme/kpis/PW-1/").content.decode()
        self.assertIn(f"{old} → {new}", page)
        self.assertNotIn("terugzetten", page)
        self.assertNotIn("/delete/", page)

    def test_it_explains_a_wrong_period_and_a_bad_number_next_to_the_fields(self):
        self.login(self.bob)
        response = self.client.post(
            "/acme/kpis/PW-1/values/",
            {"period": "2025-W07", "value": "12,3,4"},
            HTTP_ACCEPT_LANGUAGE="nl",
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(
            response, "is een week, maar deze KPI wordt per maand gemeten", status_code=400
        )
        self.assertContains(response, "&#x27;12,3,4&#x27; is geen getal", status_code=400)
        response = self.client.post(
            "/acme/kpis/PW-1/values/",
            {"period": "2025-W07", "value": "abc"},
            HTTP_ACCEPT_LANGUAGE="en",
        )
        self.assertContains(response, "is not a number", status_code=400)
        self.assertFalse(Measurement.objects.exists())

    def test_it_gives_data_entry_rights_by_role(self):
        cases = [
            (self.alice, "PW-1", 302),
            (self.bob, "PW-1", 302),
            (self.carol, "VK-1", 302),
            (self.carol, "PW-1", 403),
            (self.bob, "VK-1", 403),
            (self.victor, "VK-1", 403),
            (self.charlie, "VK-1", 404),
        ]
        for user, code, status in cases:
            self.login(user)
            response = self.client.post(
                f"/acme/kpis/{code}/values/", {"period": "2025-03", "value": "1"}
            )
            self.assertEqual(response.status_code, status, (user.username, code))
            deleted = self.client.post(
                f"/acme/kpis/{code}/values/2025-03/delete/", {"confirm": "1"}
            )
            self.assertEqual(deleted.status_code, status, (user.username, code))

    def test_it_refuses_values_for_a_retired_kpi(self):
        self.kpi.status = "retired"
        self.kpi.save()
        self.login(self.alice)
        response = self.client.post("/acme/kpis/PW-1/values/", {"period": "2025-03", "value": "1"})
        self.assertEqual(response.status_code, 400)
        self.assertFalse(Measurement.objects.exists())


class NudgeTestCase(KoersTestCase):
    def test_it_flags_a_deteriorating_kpi_without_an_open_action(self):
        from koers.meetings.models import Action

        # Higher is better; the last eight months fall well below the earlier level.
        add_values(
            self.kpi, date(2023, 1, 1), [50, 52, 49, 51, 50, 48, 52, 50, 51, 49] * 2 + [40] * 8
        )
        self.login(self.bob)
        page = self.client.get("/acme/units/plaatwerk/", HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(page, "Getting worse, and no improvement action is open.")
        action = Action.objects.create(
            organisation=self.org, unit=self.plaatwerk, title="Fix it", status="open"
        )
        action.kpis.add(self.kpi)
        page = self.client.get("/acme/units/plaatwerk/", HTTP_ACCEPT_LANGUAGE="en")
        self.assertNotContains(page, "Getting worse, and no improvement action is open.")

    def test_it_reads_the_open_actions_and_the_units_below_once(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        add_values(
            self.kpi, date(2023, 1, 1), [50, 52, 49, 51, 50, 48, 52, 50, 51, 49] * 2 + [40] * 8
        )
        self.login(self.bob)
        self.client.get("/acme/units/plaatwerk/")
        with CaptureQueriesContext(connection) as page:
            response = self.client.get("/acme/units/plaatwerk/", HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(response, "Getting worse, and no improvement action is open.")
        sql = [q["sql"] for q in page.captured_queries]
        # The nudge and the attention list share one read of the KPIs' open actions, and a
        # team without units below needs no recursive query for its subtree.
        self.assertEqual(sum('"meetings_action_kpis"' in q for q in sql), 1, sql)
        self.assertEqual(sum("WITH RECURSIVE" in q for q in sql), 0, sql)


class LinksTestCase(KoersTestCase):
    def test_it_links_a_unit_to_its_entry_grid_report_and_export(self):
        self.login(self.carol)
        page = self.client.get("/acme/units/verkoop/")
        self.assertRegex(page.content.decode(), r'href="/acme/entry/verkoop/\d{4}-\d{2}/"')
        self.assertContains(page, 'href="/acme/reports/verkoop/"')
        self.assertContains(page, 'href="/acme/export/?unit=verkoop&amp;format=xlsx"')
        self.login(self.victor)
        self.assertNotContains(self.client.get("/acme/units/verkoop/"), "/acme/entry/verkoop/")

    def test_it_offers_a_kpis_values_for_download(self):
        self.login(self.victor)
        page = self.client.get("/acme/kpis/VK-1/")
        self.assertContains(page, 'href="/acme/export/?kpi=VK-1"')
