from decimal import Decimal

from django.core.management.base import CommandError

from koers.kpis.models import KPI, Feed
from koers.sources.models import Account, DataSource
from koers.sources.sample import Company
from koers.sources.tests.base import SourcesTestCase

STANDARD = [
    "revenue",
    "gross_margin",
    "net_margin",
    "sales_invoices",
    "average_invoice_amount",
    "customers_invoiced",
    "new_customers",
    "lost_customers",
    "supplier_count",
    "purchase_volume",
    "days_sales_outstanding",
    "revenue_growth",
    "invoices_overdue",
]


class AuditfileLoadTest(SourcesTestCase):
    def test_it_loads_an_xaf_4_file_and_creates_the_standard_kpis(self):
        path, totals = self.auditfile(version="4.0")
        report = self.data_json("load", str(path), "--org", "acme", "--create-kpis", "--json")
        self.assertEqual(report["kind"], "xaf")
        self.assertEqual(report["rows"], totals["lines"])
        self.assertEqual((report["from"], report["to"]), ("2025-01-01", "2025-12-31"))
        self.assertEqual(report["computable"], STANDARD)
        keys = {k["catalogue_key"] for k in report["kpis"]}
        self.assertEqual(keys, set(STANDARD))
        revenue = KPI.objects.get(organisation=self.org, catalogue_key="revenue")
        self.assertEqual(revenue.feed, Feed.COMPUTED)
        self.assertEqual(revenue.unit, self.company)
        january = revenue.measurements.get(period_start__month=1).value
        self.assertEqual(january, totals["revenue"]["2025-01"].quantize(Decimal(1)))
        invoices = KPI.objects.get(catalogue_key="sales_invoices").measurements
        self.assertEqual(sum(m.value for m in invoices.all()), totals["invoices"])
        again = self.data_json("load", str(path), "--org", "acme", "--create-kpis", "--json")
        self.assertEqual(len(again["kpis"]), len(STANDARD))
        self.assertEqual(KPI.objects.filter(organisation=self.org).count(), 2 + len(STANDARD))

    def test_it_adds_years_and_computes_growth_and_new_customers(self):
        first, _ = self.auditfile("2024.xaf", year=2024, seed=2)
        second, totals = self.auditfile("2025.xaf", year=2025, seed=3)
        self.data("load", str(first), "--org", "acme", "--create-kpis")
        self.data("load", str(second), "--org", "acme")
        growth = KPI.objects.get(catalogue_key="revenue_growth")
        self.assertEqual(growth.measurements.filter(period_start__year=2025).count(), 12)
        source = DataSource.objects.get(name="auditfile")
        self.assertEqual(source.snapshots.count(), 2)
        self.data("load", str(second), "--org", "acme")  # same year, same file: nothing
        replaced, _ = self.auditfile("2025b.xaf", year=2025, seed=4)
        self.data("load", str(replaced), "--org", "acme")
        self.assertEqual(source.snapshots.count(), 2)

    def test_it_maps_nothing_from_a_3_2_file_without_rgs_until_the_user_does(self):
        path, _ = self.auditfile(version="3.2", rgs=False)
        report = self.data_json("load", str(path), "--org", "acme", "--json")
        self.assertEqual(report["computable"], ["supplier_count", "purchase_volume"])
        source = DataSource.objects.get(name="auditfile")
        Account.objects.filter(source=source, number="8000").update(
            category="revenue", mapped_by_user=True
        )
        report = self.data_json("load", str(path), "--org", "acme", "--json")
        self.assertIn("revenue", report["computable"])

    def test_it_refuses_an_auditfile_of_another_company(self):
        path, _ = self.auditfile()
        self.data("load", str(path), "--org", "acme")
        other, _ = self.auditfile("other.xaf", company=Company("Ander BV", "87654321", "NL9B01"))
        with self.assertRaises(CommandError) as info:
            self.data("load", str(other), "--org", "acme", lang="nl")
        self.assertIn("ander bedrijf (87654321)", str(info.exception))
        self.assertEqual(DataSource.objects.get(name="auditfile").snapshots.count(), 1)

    def test_it_refuses_truncated_xml_and_xml_bombs_naming_the_line(self):
        path, _ = self.auditfile()
        text = path.read_text()
        truncated = self.write("cut.xaf", text[: len(text) // 2])
        with self.assertRaises(CommandError) as info:
            self.data("load", str(truncated), "--org", "acme", lang="en")
        self.assertIn("invalid or truncated XML", str(info.exception))
        bomb = self.write(
            "bomb.xaf",
            '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]>'
            "<auditfile>&b;</auditfile>",
        )
        with self.assertRaises(CommandError) as info:
            self.data("load", str(bomb), "--org", "acme", lang="en")
        self.assertIn("DOCTYPE", str(info.exception))
        with self.assertRaises(CommandError) as info:
            self.data("load", str(self.write("x.xml", "<note>hi</note>")), "--org", "acme")
        self.assertIn("not an auditfile", str(info.exception))
        self.assertFalse(DataSource.objects.filter(snapshots__isnull=False).exists())
