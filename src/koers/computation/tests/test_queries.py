from datetime import date
from decimal import Decimal

import duckdb
import pytest

from koers.computation.definitions import Definition, parse_toml
from koers.computation.errors import DefinitionError
from koers.computation.queries import compile_definition
from koers.computation.runner import period_values, rows_behind
from koers.periods import Period

COLS = {
    "invoice": "text",
    "issued": "date",
    "due": "date",
    "paid": "date",
    "amount": "number",
    "won": "number",
}


@pytest.fixture
def con():
    con = duckdb.connect(":memory:")
    con.execute(
        "CREATE TABLE src AS SELECT * FROM (VALUES "
        "(1, 'A', DATE '2025-01-10', DATE '2025-01-31', DATE '2025-01-20', 100.0, 1), "
        "(2, 'B', DATE '2025-01-15', DATE '2025-01-31', DATE '2025-01-31', 200.0, 0), "
        "(3, 'C', DATE '2025-01-20', DATE '2025-01-31', DATE '2025-02-03', 300.0, 1), "
        "(4, 'D', DATE '2025-02-05', DATE '2025-02-28', NULL, 400.0, 1), "
        "(5, 'E', DATE '2025-04-05', DATE '2025-04-30', NULL, 50.0, 0)"
        ") AS t(__row, invoice, issued, due, paid, amount, won)"
    )
    return con


def defn(**fields):
    base = dict(code="k", name="K", unit_of_measure="count", direction="higher", source="inv")
    return Definition.from_mapping({**base, **fields})


def values(con, **fields):
    compiled = compile_definition(defn(**fields), COLS)
    return {p.key: v for p, v, _, _ in period_values(con, compiled)}


def test_it_counts_and_sums_per_month(con):
    assert values(con, date="issued", value="count(*)") == {
        "2025-01": 3,
        "2025-02": 1,
        "2025-04": 1,
    }
    summed = values(con, date="issued", value="sum(amount)", where="won = 1")
    assert summed == {"2025-01": Decimal("400.0"), "2025-02": Decimal("400.0")}


def test_it_counts_invoices_past_due_and_unpaid_at_each_month_end(con):
    # Jan 31: A paid before, B paid on the due date (not yet late), C paid after: open.
    got = values(
        con,
        as_of={"from": "due", "until": "paid"},
        value="count(*)",
        where="due < paid or paid is null",
    )
    assert got["2025-01"] == 1  # C: due 31-01, paid 03-02, so unpaid at 31-01
    assert got["2025-02"] == 1  # D: due 28-02, unpaid
    assert got["2025-03"] == 1  # D still open
    assert got["2025-04"] == 2  # D and E


def test_it_gives_zero_for_periods_with_no_open_rows(con):
    got = values(con, as_of={"from": "issued", "until": "paid"}, value="count(*)")
    assert got == {"2025-01": 1, "2025-02": 1, "2025-03": 1, "2025-04": 2}


def test_it_combines_ratios_over_a_quarter_from_sums_not_averages(con):
    got = values(
        con,
        frequency="quarter",
        unit_of_measure="percent",
        date="issued",
        value="count(*) filter (where won = 1)",
        denominator="count(*)",
    )
    # Q1: 3 won of 4 = 75 %, not the average of January's 66.7 % and February's 100 %.
    assert got["2025-Q1"] == Decimal(75)
    assert got["2025-Q2"] == Decimal(0)


def test_it_lists_the_rows_behind_a_value(con):
    compiled = compile_definition(defn(date="issued", value="count(*)", where="won = 1"), COLS)
    names, rows = rows_behind(con, compiled, Period.containing(date(2025, 1, 1), "month"))
    assert "invoice" in names and [r[names.index("invoice")] for r in rows] == ["A", "C"]


def test_it_refuses_a_date_column_that_is_not_a_date():
    with pytest.raises(DefinitionError) as info:
        compile_definition(defn(date="amount", value="count(*)"), COLS)
    assert info.value.code == "not_a_date"
    with pytest.raises(DefinitionError) as info:
        compile_definition(defn(date="sent", value="count(*)"), COLS)
    assert info.value.code == "unknown_column" and "sent" in info.value.message("nl")


def test_it_reads_toml_definitions_and_checks_their_fields():
    text = """
[[kpi]]
code = "open_quotes"
name = "Open quotes"
unit_of_measure = "count"
direction = "higher"
source = "quotes"
as_of = {from = "sent", until = "closed"}
value = "count(*)"
"""
    [d] = parse_toml(text)
    assert d.as_of.start == "sent" and d.as_of.until == "closed" and d.frequency == "month"
    with pytest.raises(DefinitionError) as info:
        parse_toml(text.replace('direction = "higher"', 'direction = "up"'))
    assert info.value.code == "bad_field" and "direction" in info.value.message("en")
    with pytest.raises(DefinitionError) as info:
        parse_toml(text + 'date = "sent"\n')
    assert info.value.code == "date_and_as_of"
    with pytest.raises(DefinitionError) as info:
        parse_toml("[[kpi]\n")
    assert info.value.code == "toml"
