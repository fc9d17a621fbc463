from decimal import Decimal

from django.core.management.base import CommandError

from koers.kpis.models import KPI, Feed, Measurement, MeasurementChange
from koers.sources.models import DataSource
from koers.sources.tests.base import QUOTES_NL, SourcesTestCase

DEFINITIONS = """
[[kpi]]
code = "won_quotes"
name = "Won quotes"
unit_of_measure = "count"
direction = "higher"
source = "quotes"
date = "Verstuurd"
value = "count(*)"
where = "Status = 'gewonnen'"

[[kpi]]
code = "open_quotes"
name = "Open quotes"
unit_of_measure = "count"
direction = "higher"
source = "quotes"
as_of = {from = "Verstuurd", until = "Gesloten"}
value = "count(*)"

[[kpi]]
code = "success_ratio"
name = "Quote success ratio"
unit_of_measure = "percent"
direction = "higher"
frequency = "quarter"
source = "quotes"
date = "Verstuurd"
value = "count(*) filter (where Status = 'gewonnen')"
denominator = "count(*)"
"""


class TableLoadTest(SourcesTestCase):
    def test_it_loads_a_dutch_csv_and_reports_json(self):
        path = self.write("quotes.csv", QUOTES_NL, "cp1252")
        report = self.data_json("load", str(path), "--org", "acme", "--json")
        self.assertEqual(report["source"], "quotes")
        self.assertEqual(report["kind"], "csv")
        self.assertEqual(report["rows"], 4)
        self.assertEqual((report["from"], report["to"]), ("2025-01-06", "2025-03-10"))
        self.assertEqual(report["computable"], [])
        self.assertEqual(report["kpis"], [])
        types = DataSource.objects.get(name="quotes").column_types
        self.assertEqual(types["Bedrag"], "number")
        self.assertEqual(types["Verstuurd"], "date")
        self.assertEqual(types["Klant"], "text")

    def test_it_defines_and_computes_kpis_from_toml(self):
        self.data("load", str(self.write("quotes.csv", QUOTES_NL)), "--org", "acme")
        toml = self.write("kpis.toml", DEFINITIONS)
        self.data("define", str(toml), "--org", "acme")
        won = KPI.objects.get(organisation=self.org, code="won_quotes")
        self.assertEqual(won.feed, Feed.COMPUTED)
        values = dict(won.measurements.values_list("period_start__month", "value"))
        self.assertEqual(values, {1: Decimal(1), 2: Decimal(1)})
        open_ = KPI.objects.get(code="open_quotes")
        got = dict(open_.measurements.values_list("period_start__month", "value"))
        self.assertEqual(got, {1: 1, 2: 2, 3: 1})  # Q2 never closes; Q3 closes 10-03
        ratio = KPI.objects.get(code="success_ratio").measurements.get()
        self.assertEqual(ratio.value, Decimal(50))
        change = MeasurementChange.objects.filter(kpi=won).first()
        self.assertEqual(change.source, "computed")
        self.assertIn("quotes (loaded", change.source_detail)

    def test_it_changes_nothing_when_the_same_file_is_loaded_twice(self):
        path = self.write("quotes.csv", QUOTES_NL)
        self.data("load", str(path), "--org", "acme")
        self.data("define", str(self.write("kpis.toml", DEFINITIONS)), "--org", "acme")
        before = MeasurementChange.objects.count()
        report = self.data_json("load", str(path), "--org", "acme", "--json")
        self.assertEqual(MeasurementChange.objects.count(), before)
        self.assertEqual(
            sorted(k["code"] for k in report["kpis"]),
            ["open_quotes", "success_ratio", "won_quotes"],
        )

    def test_it_replaces_a_table_source_with_a_newer_file(self):
        self.data("load", str(self.write("quotes.csv", QUOTES_NL)), "--org", "acme")
        self.data("define", str(self.write("kpis.toml", DEFINITIONS)), "--org", "acme")
        newer = QUOTES_NL + "Q5;Bos;21-02-2025;;10,00;gewonnen\r\n"
        self.data("load", str(self.write("quotes.csv", newer)), "--org", "acme")
        won = KPI.objects.get(code="won_quotes")
        self.assertEqual(won.measurements.get(period_start__month=2).value, 2)
        self.assertEqual(DataSource.objects.get(name="quotes").snapshots.count(), 1)

    def test_it_names_row_and_column_of_a_bad_date_and_changes_nothing(self):
        bad = QUOTES_NL + "Q5;Bos;31-02-2025;;10,00;open\r\n"
        with self.assertRaises(CommandError) as info:
            self.data("load", str(self.write("quotes.csv", bad)), "--org", "acme", lang="nl")
        message = str(info.exception)
        self.assertIn("rij 6", message)
        self.assertIn("Verstuurd", message)
        self.assertIn("31-02-2025", message)
        self.assertFalse(
            DataSource.objects.filter(name="quotes").exists()
            and DataSource.objects.get(name="quotes").snapshots.exists()
        )

    def test_it_refuses_a_forbidden_expression_naming_the_part(self):
        self.data("load", str(self.write("quotes.csv", QUOTES_NL)), "--org", "acme")
        toml = DEFINITIONS.replace('count(*)"\nwhere', 'count(*) + (select 1)"\nwhere', 1)
        with self.assertRaises(CommandError) as info:
            self.data("define", str(self.write("kpis.toml", toml)), "--org", "acme")
        self.assertIn("'select'", str(info.exception))
        self.assertFalse(KPI.objects.filter(code__in=["won_quotes", "open_quotes"]).exists())

    def test_it_refuses_a_column_that_does_not_exist(self):
        self.data("load", str(self.write("quotes.csv", QUOTES_NL)), "--org", "acme")
        toml = DEFINITIONS.replace("Status = 'gewonnen'\"", "Staat = 'gewonnen'\"", 1)
        with self.assertRaises(CommandError) as info:
            self.data("define", str(self.write("kpis.toml", toml)), "--org", "acme", lang="nl")
        self.assertIn("kolom 'Staat' bestaat niet in bron quotes", str(info.exception))

    def test_it_lists_sources(self):
        self.data("load", str(self.write("quotes.csv", QUOTES_NL)), "--org", "acme")
        [row] = self.data_json("list", "--org", "acme", "--json")
        self.assertEqual((row["source"], row["rows"]), ("quotes", 4))
        self.assertIn("quotes (csv)", self.data("list", "--org", "acme"))
        self.assertEqual(Measurement.objects.count(), 0)


class DefinitionHistoryTest(SourcesTestCase):
    def test_it_keeps_every_change_to_a_definition_in_the_kpis_history(self):
        self.data("load", str(self.write("quotes.csv", QUOTES_NL)), "--org", "acme")
        self.data("define", str(self.write("k.toml", DEFINITIONS)), "--org", "acme")
        kpi = KPI.objects.get(code="won_quotes")
        self.assertEqual(
            list(kpi.changes.values_list("summary", flat=True)), ["KPI defined over quotes"]
        )
        revision = kpi.revision
        changed = DEFINITIONS.replace('name = "Won quotes"', 'name = "Quotes won"').replace(
            "where = \"Status = 'gewonnen'\"", "where = \"Status = 'verloren'\"", 1
        )
        self.data("define", str(self.write("k2.toml", changed)), "--org", "acme")
        kpi.refresh_from_db()
        summaries = set(kpi.changes.values_list("summary", flat=True))
        self.assertEqual(
            summaries, {"KPI defined over quotes", "Definition changed", "Computation changed"}
        )
        self.assertGreater(kpi.revision, revision)
        name = kpi.changes.get(summary="Definition changed").changes
        self.assertEqual(name, {"name": ["Won quotes", "Quotes won"]})
        self.data("define", str(self.write("k3.toml", changed)), "--org", "acme")
        self.assertEqual(kpi.changes.count(), 3)
