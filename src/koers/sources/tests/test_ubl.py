import zipfile

from django.core.management.base import CommandError

from koers.kpis.models import KPI
from koers.sources.models import DataSource
from koers.sources.tests.base import SourcesTestCase

INVOICE = """<?xml version="1.0" encoding="UTF-8"?>
<{root} xmlns="urn:oasis:names:specification:ubl:schema:xsd:{root}-2"
 xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
 xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
 <cbc:CustomizationID>urn:cen.eu:en16931:2017</cbc:CustomizationID>
 <cbc:ID>{number}</cbc:ID>
 <cbc:IssueDate>{issued}</cbc:IssueDate>
 {due}
 <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
 <cac:AccountingSupplierParty><cac:Party><cac:PartyName>
  <cbc:Name>Acme BV</cbc:Name></cac:PartyName></cac:Party></cac:AccountingSupplierParty>
 <cac:AccountingCustomerParty><cac:Party>
  <cac:PartyName><cbc:Name>{customer}</cbc:Name></cac:PartyName>
  <cac:PartyTaxScheme><cbc:CompanyID>{vat}</cbc:CompanyID></cac:PartyTaxScheme>
 </cac:Party></cac:AccountingCustomerParty>
 <cac:LegalMonetaryTotal>
  <cbc:LineExtensionAmount currencyID="EUR">{net}</cbc:LineExtensionAmount>
  <cbc:TaxExclusiveAmount currencyID="EUR">{net}</cbc:TaxExclusiveAmount>
  <cbc:TaxInclusiveAmount currencyID="EUR">{gross}</cbc:TaxInclusiveAmount>
  <cbc:AllowanceTotalAmount currencyID="EUR">5.00</cbc:AllowanceTotalAmount>
  <cbc:PayableAmount currencyID="EUR">{gross}</cbc:PayableAmount>
 </cac:LegalMonetaryTotal>
</{root}>
"""

DEFINITION = """
[[kpi]]
code = "invoiced"
name = "Invoiced excl. VAT"
unit_of_measure = "euro"
direction = "higher"
source = "invoices"
date = "issue_date"
value = "sum(total_excl_vat)"
"""


def invoice(number, issued, net, root="Invoice", due="2025-02-28", customer="Bakker"):
    gross = f"{float(net) * 1.21:.2f}"
    due_xml = f"<cbc:DueDate>{due}</cbc:DueDate>" if root == "Invoice" else ""
    return INVOICE.format(
        root=root,
        number=number,
        issued=issued,
        due=due_xml,
        customer=customer,
        vat="NL001B01",
        net=net,
        gross=gross,
    )


class UBLTest(SourcesTestCase):
    def test_it_reads_invoices_and_credit_notes_from_a_zip(self):
        path = self.tmp / "invoices.zip"
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("a.xml", invoice("F1", "2025-01-10", "100.00"))
            archive.writestr("b.xml", invoice("F2", "2025-01-20", "50.00", customer="Smit"))
            archive.writestr("c.xml", invoice("C1", "2025-02-03", "20.00", root="CreditNote"))
        report = self.data_json("load", str(path), "--org", "acme", "--json")
        self.assertEqual((report["kind"], report["rows"], report["source"]), ("ubl", 3, "invoices"))
        types = DataSource.objects.get(name="invoices").column_types
        self.assertEqual((types["issue_date"], types["due_date"]), ("date", "date"))
        self.assertEqual(types["total_excl_vat"], "number")
        self.data("define", str(self.write("k.toml", DEFINITION)), "--org", "acme")
        values = dict(
            KPI.objects.get(code="invoiced").measurements.values_list(
                "period_start__month", "value"
            )
        )
        self.assertEqual(values, {1: 150, 2: -20})

    def test_it_refuses_xml_that_is_not_an_invoice_and_entity_bombs(self):
        with self.assertRaises(CommandError) as info:
            self.data(
                "load", str(self.write("x.xml", "<Invoices><a/></Invoices>")), "--org", "acme"
            )
        self.assertIn("x.xml: this is not a UBL invoice", str(info.exception))
        with self.assertRaises(CommandError) as info:
            self.data("load", str(self.write("y.xml", "<Invoice><a>1</a>")), "--org", "acme")
        self.assertIn("y.xml, line 1, column 17: invalid or truncated XML", str(info.exception))
        path = self.tmp / "bomb.zip"
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr(
                "a.xml",
                '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><Invoice>&a;</Invoice>',
            )
        with self.assertRaises(CommandError) as info:
            self.data("load", str(path), "--org", "acme")
        self.assertIn("DOCTYPE", str(info.exception))
        self.assertFalse(DataSource.objects.filter(snapshots__isnull=False).exists())
