"""Invoices past their payment term (auditfile and e-invoices) and per-cost-centre KPIs."""

from datetime import date, timedelta

import duckdb
import pytest

from koers.computation.auditfile import standard_sql
from koers.computation.invoices import overdue_sql

SPAN = (date(2025, 1, 1), date(2025, 3, 31))
# (invoice, issued, due, paid or None, revenue cost centre)
INVOICES = [
    ("A", date(2025, 1, 5), date(2025, 1, 31), date(2025, 1, 20), "K1"),  # paid before
    ("B", date(2025, 1, 10), date(2025, 1, 31), date(2025, 1, 31), "K1"),  # paid on the day
    ("C", date(2025, 1, 15), date(2025, 1, 30), date(2025, 2, 10), "K2"),  # paid after
    ("D", date(2025, 2, 1), date(2025, 2, 15), None, "K2"),  # never paid
]


def _lines():
    rows = []
    for inv, issued, due, paid, centre in INVOICES:
        rows.append((issued, "sales", "1300", 121, inv, due, ""))
        rows.append((issued, "sales", "8000", -100, inv, None, centre))
        rows.append((issued, "sales", "1500", -21, inv, None, ""))
        if paid:
            rows.append((paid, "bank", "1300", -121, inv, None, ""))
            rows.append((paid, "bank", "1100", 121, inv, None, ""))
    return rows


@pytest.fixture
def con():
    con = duckdb.connect(":memory:")
    con.execute(
        "CREATE TABLE lines (__row BIGINT, date DATE, journal VARCHAR, journal_kind VARCHAR, "
        '"transaction" VARCHAR, account VARCHAR, amount DECIMAL(20,2), relation VARCHAR, '
        "invoice VARCHAR, due DATE, cost_centre VARCHAR, description VARCHAR, opening BOOLEAN)"
    )
    for n, (day, kind, acc, amount, inv, due, centre) in enumerate(_lines(), 1):
        con.execute(
            "INSERT INTO lines VALUES (?, ?, ?, ?, ?, ?, ?, 'D1', ?, ?, ?, '', false)",
            [n, day, kind, kind, f"{kind}-{inv}", acc, amount, inv, due, centre],
        )
    con.execute("CREATE TABLE accounts (account VARCHAR, category VARCHAR)")
    con.execute(
        "INSERT INTO accounts VALUES ('1300', 'receivables'), ('8000', 'revenue'), "
        "('1100', 'other_balance'), ('1500', 'other_balance')"
    )
    return con


def _counts(con, sql):
    return {p.month: n for p, n, _ in con.execute(sql).fetchall()}


def test_it_counts_an_auditfile_invoice_only_after_its_due_date_and_until_it_is_paid(con):
    counts = _counts(con, standard_sql("invoices_overdue", "month", SPAN))
    assert counts == {1: 1, 2: 1, 3: 1}


def test_it_counts_nothing_when_every_invoice_is_paid_on_time(con):
    con.execute("DELETE FROM lines WHERE invoice IN ('C', 'D')")
    assert _counts(con, standard_sql("invoices_overdue", "month", SPAN)) == {1: 0, 2: 0, 3: 0}


def test_it_computes_revenue_over_the_lines_of_some_cost_centres_only(con):
    sql = standard_sql("revenue", "month", SPAN, cost_centres=("K2",))
    assert _counts(con, sql) == {1: 100, 2: 100, 3: None}
    everything = _counts(con, standard_sql("revenue", "month", SPAN))
    assert everything == {1: 300, 2: 100, 3: None}
    assert _counts(con, standard_sql("revenue", "month", SPAN, cost_centres=()))[1] is None


def _invoices(con):
    con.execute(
        "CREATE TABLE src (invoice VARCHAR, kind VARCHAR, issue_date DATE, due_date DATE, "
        "payable DOUBLE, total_incl_vat DOUBLE)"
    )
    for inv, issued, due, _paid, _c in INVOICES:
        con.execute("INSERT INTO src VALUES (?, 'invoice', ?, ?, 121, 121)", [inv, issued, due])
    late = date(2025, 1, 2)
    con.execute(
        "INSERT INTO src VALUES ('E', 'credit_note', ?, ?, -50, -50), "
        "('F', 'invoice', ?, NULL, 10, 10), ('G', 'invoice', ?, ?, 0, 121)",
        [late, late + timedelta(days=1), late, late, late + timedelta(days=1)],
    )


def test_it_counts_e_invoices_past_their_due_date_with_the_auditfile_payments(con):
    _invoices(con)
    assert _counts(con, overdue_sql("month", SPAN, payments=True)) == {1: 1, 2: 1, 3: 1}


def test_it_counts_every_payable_e_invoice_past_its_due_date_without_payments(con):
    _invoices(con)
    # A, B (due 31 Jan: not yet past at 31 Jan) and C count from February on; D too.
    assert _counts(con, overdue_sql("month", SPAN, payments=False)) == {1: 1, 2: 4, 3: 4}
