"""One write path: fetch helpers, KPI changes with history, fed KPIs, the admin's deletes."""

from datetime import date
from decimal import Decimal

from django.contrib.admin.sites import site
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from koers.kpis import changes
from koers.kpis.access import DEFINE, ENTER, get_kpi
from koers.kpis.models import KPI, KPIChange, Measurement, MeasurementChange
from koers.kpis.plan import RowInput, make_plan
from koers.kpis.recording import FedKPIError, ValueChange, record_values
from koers.organisations.access import Access
from koers.testing import KoersTestCase, add_values, make_kpi


def counts():
    return Measurement.objects.count(), MeasurementChange.objects.count()


class FetchHelperTestCase(KoersTestCase):
    def test_it_answers_404_for_other_organisations_and_403_without_the_right(self):
        carol = Access.for_user(self.carol, self.org)
        self.assertEqual(get_kpi(carol, "VK-1", ENTER), self.sales_kpi)
        with self.assertRaises(PermissionDenied):
            get_kpi(carol, "PW-1", ENTER)
        with self.assertRaises(PermissionDenied):
            get_kpi(carol, "VK-1", DEFINE)
        with self.assertRaises(Http404):
            get_kpi(carol, "OT-1")
        bob = Access.for_user(self.bob, self.org)
        self.assertEqual(get_kpi(bob, "PW-1", DEFINE), self.kpi)
        with self.assertRaises(PermissionDenied):
            bob.get_unit(self.verkoop.slug, ENTER)

    def test_it_asks_templates_the_same_question_as_views(self):
        carol = Access.for_user(self.carol, self.org)
        self.assertTrue(carol.can_enter(self.sales_kpi))
        self.assertFalse(carol.can_enter(self.kpi))
        self.assertFalse(carol.can_define(self.sales_kpi))
        self.assertTrue(carol.can_enter(self.verkoop))


class RetireTestCase(KoersTestCase):
    def test_it_says_retired_only_after_a_retire_that_was_allowed(self):
        self.login(self.victor)
        self.assertEqual(self.client.post("/acme/kpis/PW-1/retire/").status_code, 403)
        page = self.client.get("/acme/kpis/PW-1/").content.decode()
        self.assertNotIn("gestopt", page.lower().split("<main")[1].split("</h1>")[0])
        self.assertNotIn("Je gegevens blijven bewaard", page)
        self.assertNotIn("Its data is kept", page)
        self.login(self.bob)
        response = self.client.post("/acme/kpis/PW-1/retire/", follow=True)
        self.assertEqual(len(list(response.context["messages"])), 1)
        self.kpi.refresh_from_db()
        self.assertTrue(self.kpi.is_retired)

    def test_it_keeps_a_history_line_per_status_change_and_none_for_no_change(self):
        self.assertTrue(changes.set_status(self.kpi, "retired", user=self.bob))
        self.assertFalse(changes.set_status(self.kpi, "retired", user=self.bob))
        self.assertEqual(KPIChange.objects.filter(kpi=self.kpi).count(), 1)


class SettingsChangeTestCase(KoersTestCase):
    def test_it_bumps_the_revision_with_the_history_line(self):
        before = KPI.objects.get(pk=self.kpi.pk).revision
        changes.record_settings_change(
            self.kpi, user=self.bob, summary="Trend method changed", changes={"a": ["1", "2"]}
        )
        self.assertEqual(KPI.objects.get(pk=self.kpi.pk).revision, before + 1)
        line = KPIChange.objects.get(kpi=self.kpi)
        self.assertEqual((line.user, line.summary), (self.bob, "Trend method changed"))


class FedKPITestCase(KoersTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.fed = make_kpi(cls.org, cls.verkoop, "VK-SUM", name="Omzet totaal", feed="rollup")

    def test_it_refuses_typed_imported_and_posted_values_naming_the_kpi_and_its_source(self):
        carol = Access.for_user(self.carol, self.org)
        before = counts()
        plan = make_plan(self.org, [RowInput(2, "VK-SUM", "2025-01", "12")], access=carol)
        self.assertFalse(plan.ok)
        self.assertIn("VK-SUM", plan.errors[0].message("nl"))
        self.assertIn("andere KPI's", plan.errors[0].message("nl"))
        self.assertIn("rolling up other KPIs", plan.errors[0].message("en"))
        with self.assertRaises(FedKPIError):
            record_values([ValueChange(self.fed, date(2025, 1, 1), Decimal(1))], user=None)
        self.login(self.carol)
        response = self.client.post(
            "/acme/kpis/VK-SUM/values/", {"period": "jan 2025", "value": "12"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("VK-SUM", response.content.decode())
        self.assertEqual(counts(), before)

    def test_it_lets_koers_itself_write_a_fed_kpi(self):
        summary = record_values(
            [ValueChange(self.fed, date(2025, 1, 1), Decimal(7))], user=None, source="rollup"
        )
        self.assertEqual(summary.created, 1)
        self.assertEqual(MeasurementChange.objects.get(kpi=self.fed).source, "rollup")

    def test_it_shows_fed_values_read_only_in_the_grid_with_their_source(self):
        record_values(
            [ValueChange(self.fed, date(2025, 1, 1), Decimal(7))], user=None, source="rollup"
        )
        self.login(self.carol)
        page = self.client.get(f"/acme/entry/{self.verkoop.slug}/2025-01/").content.decode()
        self.assertNotIn(f'name="c-{self.fed.pk}-2025-01"', page)
        self.assertIn(f'name="c-{self.sales_kpi.pk}-2025-01"', page)
        self.assertIn("opgeteld uit andere kpi", page.lower())
        before = counts()
        response = self.client.post(
            f"/acme/entry/{self.verkoop.slug}/2025-01/", {f"c-{self.fed.pk}-2025-01": "99"}
        )
        self.assertIn(response.status_code, (200, 302))
        self.assertEqual(counts(), before)


class AdminDeleteTestCase(KoersTestCase):
    def test_it_deletes_in_bulk_through_the_write_path(self):
        add_values(self.kpi, date(2025, 1, 1), [1, 2, 3])
        revision = KPI.objects.get(pk=self.kpi.pk).revision
        admin = site._registry[Measurement]
        root = get_user_model().objects.create_superuser("root", "r@example.org", "x")
        request = RequestFactory().post("/")
        request.user = root
        admin.delete_queryset(request, Measurement.objects.filter(kpi=self.kpi)[:2])
        self.assertEqual(Measurement.objects.filter(kpi=self.kpi).count(), 1)
        deleted = MeasurementChange.objects.filter(kpi=self.kpi, action="deleted")
        self.assertEqual(deleted.count(), 2)
        self.assertEqual(deleted.first().user, root)
        self.assertEqual(KPI.objects.get(pk=self.kpi.pk).revision, revision + 1)
