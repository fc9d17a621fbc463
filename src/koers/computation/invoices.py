"""The standard KPI e-invoices feed: invoices past their payment term, per period end.

Table ``src``: one row per UBL invoice or credit note (``invoice``, ``kind``, ``issue_date``,
``due_date``, ``payable``, ...). An invoice counts at the last day E of a period when it was
issued on or before E, its due date lies before E and it was not paid at E. E-invoices carry
no payments: when the organisation's auditfile is loaded as well (tables ``lines`` and
``accounts``), an invoice is paid at E once its receivables lines up to E add up to zero or
less; otherwise every invoice with an amount payable counts as unpaid.

Pure Python: no Django.
"""

from __future__ import annotations

from datetime import date

from koers.computation.auditfile import periods_cte

INVOICE_STANDARDS = ("invoices_overdue",)

_ITEMS = (
    "items AS (SELECT invoice, issue_date AS d, due_date AS due FROM src "
    "WHERE kind = 'invoice' AND due_date IS NOT NULL AND issue_date IS NOT NULL "
    "AND coalesce(payable, total_incl_vat, 0) > 0)"
)
_PAID = (
    "receivables AS (SELECT lines.invoice, lines.date, lines.amount FROM lines "
    "JOIN accounts a USING (account) WHERE a.category = 'receivables' "
    "AND coalesce(lines.invoice, '') <> '' AND NOT lines.opening)"
)


def overdue_sql(frequency: str, coverage: tuple[date, date], *, payments: bool) -> str:
    """(period_start, count, NULL) per period: invoices past their due date and unpaid."""
    ctes = (
        f"{periods_cte(frequency, coverage, '')}, {_ITEMS}, cand AS (SELECT periods.p, "
        "periods.pend, i.invoice FROM periods JOIN items i ON i.d <= periods.pend "
        "AND i.due < periods.pend)"
    )
    if payments:
        ctes += (
            f", {_PAID}, open AS (SELECT c.p, c.invoice FROM cand c LEFT JOIN receivables r "
            "ON r.invoice = c.invoice AND r.date <= c.pend GROUP BY 1, 2 "
            "HAVING coalesce(sum(r.amount), 1) > 0.005)"
        )
    else:
        ctes += ", open AS (SELECT p, invoice FROM cand)"
    return (
        f"WITH {ctes} SELECT periods.p, count(o.invoice), NULL FROM periods "
        "LEFT JOIN open o ON o.p = periods.p GROUP BY 1 ORDER BY 1"
    )


def has_due_dates_sql() -> str:
    return "SELECT count(due_date) FROM src WHERE kind = 'invoice'"
