"""Invoices past their payment term, cost centres mapped to units, folders to refresh from."""

import os
import time
import zipfile
from datetime import date
from decimal import Decimal
from io import StringIO

from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.urls import reverse

from koers.kpis.models import KPI
from koers.periods import Period
from koers.sources.models import CostCentre, DataSource
from koers.sources.tests.base import QUOTES_NL, SourcesTestCase
from koers.sources.tests.test_ubl import invoice


def _month_ends(year):
    return [Period.from_start("month", date(year, m, 1)).end for m in range(1, 13)]


class OverdueTest(SourcesTestCase):
    def test_it_counts_auditfile_invoices_past_their_due_date_and_unpaid_at_each_month_end(self):
        path, totals = self.auditfile(payments=True, invoices_per_month=20)
        report = self.data_json("load", str(path), "--org", "acme", "--create-kpis", "--json")
        self.assertIn("invoices_overdue", report["computable"])
        kpi = KPI.objects.get(organisation=self.org, catalogue_key="invoices_overdue")
        got = {m.period_start.month: m.value for m in kpi.measurements.all()}
        items = totals["open_items"].values()
        expected = {
            end.month: sum(
                1 for issued, due, paid in items if due < end and (paid is None or paid > end)
            )
            for end in _month_ends(2025)
        }
        self.assertEqual(got, {m: Decimal(n) for m, n in expected.items()})
        self.assertGreater(expected[6], 0)
        self.assertLess(expected[6], sum(1 for i in items if i[1] < date(2025, 6, 30)))

    def test_it_says_when_an_auditfile_has_no_due_dates(self):
        path, _ = self.auditfile(due_dates=False)
        report = self.data_json("load", str(path), "--org", "acme", "--json")
        self.assertNotIn("invoices_overdue", report["computable"])
        err = StringIO()
        call_command(
            "data",
            "--lang",
            "en",
            "load",
            str(path),
            "--org",
            "acme",
            stderr=err,
            stdout=StringIO(),
        )
        self.assertIn(
            "Invoices past their payment term: this auditfile has no due dates.", err.getvalue()
        )
        self.assertIn("New customers, Lost customers", err.getvalue())
        self.assertIn("need the previous year's auditfile", err.getvalue())
        source = DataSource.objects.get(name="auditfile")
        self.login(self.alice)
        page = self.client.get(reverse("source", args=["acme", source.pk]))
        self.assertContains(
            page, "Facturen over betaaltermijn: deze auditfile heeft geen vervaldatums."
        )

    def test_it_counts_e_invoices_past_their_due_date(self):
        path = self.tmp / "invoices.zip"
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("a.xml", invoice("F1", "2025-01-10", "100.00", due="2025-01-24"))
            archive.writestr("b.xml", invoice("F2", "2025-01-20", "50.00", due="2025-02-19"))
            archive.writestr("c.xml", invoice("C1", "2025-02-03", "20.00", root="CreditNote"))
            archive.writestr("d.xml", invoice("F3", "2025-03-01", "80.00", due="2025-03-31"))
        report = self.data_json("load", str(path), "--org", "acme", "--create-kpis", "--json")
        self.assertEqual(report["computable"], ["invoices_overdue"])
        kpi = KPI.objects.get(catalogue_key="invoices_overdue")
        got = {m.period_start.month: m.value for m in kpi.measurements.all()}
        self.assertEqual(got, {1: 1, 2: 2, 3: 2})

    def test_it_says_when_e_invoices_have_no_due_dates(self):
        path = self.tmp / "invoices.zip"
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("c.xml", invoice("C1", "2025-02-03", "20.00", root="CreditNote"))
        report = self.data_json("load", str(path), "--org", "acme", "--json")
        self.assertEqual(report["computable"], [])
        err = StringIO()
        call_command(
            "data",
            "--lang",
            "nl",
            "load",
            str(path),
            "--org",
            "acme",
            stderr=err,
            stdout=StringIO(),
        )
        self.assertIn("deze e-facturen hebben geen vervaldatums", err.getvalue())


class CostCentreTest(SourcesTestCase):
    def test_it_maps_cost_centres_to_units_and_computes_their_kpis(self):
        path, totals = self.auditfile(cost_centres=("K100", "K200"))
        self.data("load", str(path), "--org", "acme", "--create-kpis")
        source = DataSource.objects.get(name="auditfile")
        k100, k200 = source.cost_centres.order_by("code")
        self.assertEqual((k100.code, k200.code), ("K100", "K200"))
        self.assertGreater(k100.lines, 0)
        url = reverse("source_cost_centres", args=["acme", source.pk])
        self.login(self.bob)
        self.assertEqual(self.client.post(url, {f"centre-{k100.pk}": "1"}).status_code, 403)
        self.login(self.alice)
        page = self.client.get(reverse("source", args=["acme", source.pk]))
        self.assertContains(page, "K200")
        form = {f"centre-{k100.pk}": self.productie.pk, f"centre-{k200.pk}": self.verkoop.pk}
        self.client.post(url, {**form, "create": "1"})
        self.assertEqual(CostCentre.objects.get(pk=k100.pk).unit, self.productie)
        revenue = KPI.objects.get(unit=self.productie, catalogue_key="revenue")
        self.assertFalse(
            KPI.objects.filter(unit=self.productie, catalogue_key="days_sales_outstanding").exists()
        )
        january = revenue.measurements.get(period_start__month=1).value
        self.assertEqual(january, totals["by_centre"]["K100"]["2025-01"].quantize(Decimal(1)))
        sales = KPI.objects.get(unit=self.verkoop, catalogue_key="revenue")
        january = sales.measurements.get(period_start__month=1).value
        self.assertEqual(january, totals["by_centre"]["K200"]["2025-01"].quantize(Decimal(1)))
        whole = KPI.objects.get(unit=self.company, catalogue_key="revenue")
        january = whole.measurements.get(period_start__month=1).value
        self.assertEqual(january, totals["revenue"]["2025-01"].quantize(Decimal(1)))
        count = KPI.objects.count()
        self.client.post(url, {**form, "create": "1"})
        self.assertEqual(KPI.objects.count(), count)


class FolderTest(SourcesTestCase):
    def test_it_loads_a_folder_from_the_cli_and_refreshes_from_its_newest_file(self):
        folder = self.tmp / "exports"
        folder.mkdir()
        old = folder / "quotes-1.csv"
        old.write_text(QUOTES_NL)
        os.utime(old, (time.time() - 100, time.time() - 100))
        report = self.data_json(
            "load", str(folder), "--org", "acme", "--source", "quotes", "--json"
        )
        self.assertEqual(report["rows"], 4)
        source = DataSource.objects.get(name="quotes")
        self.assertEqual(source.folder, str(folder.resolve()))
        (folder / "quotes-2.csv").write_text(QUOTES_NL + "Q5;Bos;01-03-2025;;10,00;open\r\n")
        out = self.data("refresh")
        self.assertIn("quotes-2.csv", out)
        self.assertEqual(source.snapshots.get().rows, 5)
        self.assertIn("unchanged", self.data("refresh"))

    def test_it_lets_an_admin_set_the_folder_on_the_web(self):
        self.data("load", str(self.write("quotes.csv", QUOTES_NL)), "--org", "acme")
        source = DataSource.objects.get(name="quotes")
        url = reverse("source_folder", args=["acme", source.pk])
        folder = self.tmp / "exports"
        folder.mkdir()
        self.login(self.bob)
        self.assertEqual(self.client.post(url, {"folder": str(folder)}).status_code, 403)
        self.login(self.alice)
        self.client.post(url, {"folder": str(folder)}, follow=True)
        source.refresh_from_db()
        self.assertEqual(source.folder, "")  # empty folder: refused
        (folder / "q.csv").write_text(QUOTES_NL)
        response = self.client.post(url, {"folder": "/no/such/folder"}, follow=True)
        self.assertContains(response, "/no/such/folder: dat is geen map")
        with override_settings(SOURCE_FOLDERS=str(self.tmp / "elsewhere")):
            response = self.client.post(url, {"folder": str(folder)}, follow=True)
        self.assertContains(response, "kies een map onder")
        self.client.post(url, {"folder": str(folder)})
        source.refresh_from_db()
        self.assertEqual(source.folder, str(folder.resolve()))
        page = self.client.get(reverse("source", args=["acme", source.pk]))
        self.assertContains(page, str(folder.resolve()))
        self.client.post(url, {"folder": ""})
        source.refresh_from_db()
        self.assertEqual(source.folder, "")
        with self.assertRaises(CommandError):
            self.data("load", str(self.tmp / "nothing-here"), "--org", "acme")
