"""The standard KPIs an auditfile feeds, as SQL over its lines, and RGS classification.

Tables: ``lines`` (every loaded year: date, journal, journal_kind, transaction, account,
amount debit-positive, relation, invoice, ...) and ``accounts`` (account, category). Revenue
is the credit balance of the revenue accounts (credit notes included, so net), cost of sales
and other results likewise; an invoice is a sales-journal transaction whose revenue is
positive (credit notes do not count). Each query returns ``(period_start, num, den)``;
``coverage`` is the first and last day the loaded files cover, so KPIs that look back 12
months only give values where the files cover those months.

Pure Python: no Django.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from koers.computation.queries import STEP

# RGS reference codes (first letters) and what the accounts count as.
RGS_PREFIXES = (
    ("WOmz", "revenue"),
    ("WKpr", "cost_of_sales"),
    ("W", "other_result"),
    ("BVorDeb", "receivables"),
    ("BSchCre", "payables"),
    ("B", "other_balance"),
)


def category_of(rgs_code: str) -> str:
    """The category of an account from its RGS code; '' when it has none."""
    for prefix, category in RGS_PREFIXES:
        if rgs_code.startswith(prefix):
            return category
    return ""


@dataclass(frozen=True)
class Standard:
    key: str
    needs: tuple[str, ...]  # categories that must have accounts
    journal: str = ""  # journal kind whose lines it needs
    ratio: bool = False
    percent: bool = False
    zero: bool = False  # periods without rows are 0, not empty
    drill: tuple[str, ...] = ()  # categories shown in the drill-down
    due: bool = False  # needs due dates on the receivables lines
    per_unit: bool = True  # can be computed over the lines of some cost centres


STANDARDS = {
    s.key: s
    for s in (
        Standard("revenue", ("revenue",), drill=("revenue",)),
        Standard(
            "gross_margin",
            ("revenue", "cost_of_sales"),
            ratio=True,
            percent=True,
            drill=("revenue", "cost_of_sales"),
        ),
        Standard(
            "net_margin",
            ("revenue",),
            ratio=True,
            percent=True,
            drill=("revenue", "cost_of_sales", "other_result"),
        ),
        Standard("sales_invoices", ("revenue",), "sales", zero=True, drill=("revenue",)),
        Standard("average_invoice_amount", ("revenue",), "sales", ratio=True, drill=("revenue",)),
        Standard("customers_invoiced", ("revenue",), "sales", zero=True, drill=("revenue",)),
        Standard("new_customers", ("revenue",), "sales", zero=True, drill=("revenue",)),
        Standard("lost_customers", ("revenue",), "sales", zero=True, drill=("revenue",)),
        Standard("supplier_count", (), "purchases", zero=True, drill=("cost_of_sales",)),
        Standard(
            "purchase_volume",
            (),
            "purchases",
            drill=("cost_of_sales", "other_result"),
        ),
        Standard(
            "days_sales_outstanding",
            ("revenue", "receivables"),
            "sales",
            ratio=True,
            drill=("receivables",),
            per_unit=False,
        ),
        Standard("revenue_growth", ("revenue",), ratio=True, percent=True, drill=("revenue",)),
        Standard(
            "invoices_overdue",
            ("receivables",),
            zero=True,
            drill=("receivables",),
            due=True,
            per_unit=False,
        ),
    )
}


def _lines(cost_centres: tuple[str, ...] | None = None) -> str:
    """The ``l`` CTE: the year's lines with their category; only some cost centres if given."""
    only = ""
    if cost_centres is not None:
        listed = ", ".join("'" + c.replace("'", "''") + "'" for c in cost_centres) or "NULL"
        only = f" AND cost_centre IN ({listed})"
    return (
        "l AS (SELECT lines.*, coalesce(a.category, '') AS category FROM lines "
        f"LEFT JOIN accounts a USING (account) WHERE NOT opening AND date IS NOT NULL{only})"
    )


# An open item: a sales invoice on the receivables with a due date; open at E while the
# receivables lines of that invoice up to E add up to more than zero (paid: credited back).
_OVERDUE = (
    ", items AS (SELECT invoice, max(due) AS due, min(date) AS d FROM l "
    "WHERE category = 'receivables' AND coalesce(invoice, '') <> '' GROUP BY 1 "
    "HAVING max(due) IS NOT NULL AND sum(amount) FILTER (WHERE amount > 0) > 0), "
    "overdue AS (SELECT periods.p, i.invoice FROM periods JOIN items i ON i.d <= periods.pend "
    "AND i.due < periods.pend JOIN l ON l.category = 'receivables' AND l.invoice = i.invoice "
    "AND l.date <= periods.pend GROUP BY 1, 2 HAVING sum(l.amount) > 0.005)"
)
_INVOICES = (
    'inv AS (SELECT journal, "transaction", min(date) AS d, '
    "-sum(amount) FILTER (WHERE category = 'revenue') AS rev, "
    "max(relation) FILTER (WHERE relation IS NOT NULL AND relation <> '') AS customer "
    "FROM l WHERE journal_kind = 'sales' GROUP BY 1, 2 HAVING rev > 0)"
)


def periods_cte(freq: str, coverage: tuple[date, date], back: str) -> str:
    lo, hi = (d.isoformat() for d in coverage)
    step = STEP[freq]
    first = f"date_trunc('{freq}', DATE '{lo}')"
    start = f"{first} + INTERVAL '1 year'" if back == "year" else first
    window = f" AND p + INTERVAL '{step}' >= DATE '{lo}' + INTERVAL '1 year'" * (back == "window")
    return (
        "periods AS (SELECT CAST(p AS DATE) AS p, "
        f"CAST(p + INTERVAL '{step}' - INTERVAL '1 day' AS DATE) AS pend "
        f"FROM range(CAST({start} AS TIMESTAMP), CAST(DATE '{hi}' AS TIMESTAMP) "
        f"+ INTERVAL '1 day', INTERVAL '{step}') AS t(p) WHERE p + INTERVAL '{step}' "
        f"- INTERVAL '1 day' <= DATE '{hi}'{window})"
    )


def _body(key: str, t) -> tuple[str, str, str]:
    """(CTEs after l/inv, SELECT of p/num/den per period, looks back 12 months)."""
    revenue = "-sum(amount) FILTER (WHERE category = 'revenue')"
    if key == "revenue":
        return "", f"SELECT {t('date')} AS p, {revenue} AS num, NULL AS den FROM l GROUP BY 1", ""
    if key in ("gross_margin", "net_margin"):
        cats = "('revenue', 'cost_of_sales')"
        if key == "net_margin":
            cats = "('revenue', 'cost_of_sales', 'other_result')"
        num = f"-sum(amount) FILTER (WHERE category IN {cats})"
        return "", f"SELECT {t('date')}, {num}, {revenue} FROM l GROUP BY 1", ""
    if key == "sales_invoices":
        return "", f"SELECT {t('d')}, count(*), NULL FROM inv GROUP BY 1", ""
    if key == "average_invoice_amount":
        return "", f"SELECT {t('d')}, sum(rev), count(*) FROM inv GROUP BY 1", ""
    if key == "customers_invoiced":
        return "", f"SELECT {t('d')}, count(DISTINCT customer), NULL FROM inv GROUP BY 1", ""
    if key == "new_customers":
        ctes = ", f AS (SELECT customer, min(d) AS first FROM inv GROUP BY 1)"
        return ctes, f"SELECT {t('first')}, count(*), NULL FROM f GROUP BY 1", "year"
    if key == "lost_customers":
        ctes = ", z AS (SELECT customer, max(d) AS last FROM inv GROUP BY 1)"
        later = t("last + INTERVAL '12 months'")
        sql = f"SELECT {later}, count(*), NULL FROM z GROUP BY 1"
        return ctes, sql, "year"
    if key == "purchase_volume":
        num = (
            "sum(amount) FILTER (WHERE journal_kind = 'purchases' "
            "AND category IN ('cost_of_sales', 'other_result'))"
        )
        return "", f"SELECT {t('date')}, {num}, NULL FROM l GROUP BY 1", ""
    if key == "supplier_count":
        sql = (
            "SELECT periods.p, (SELECT count(DISTINCT relation) FROM l WHERE "
            "journal_kind = 'purchases' AND relation <> '' AND date > periods.pend - "
            "INTERVAL '12 months' AND date <= periods.pend), NULL FROM periods"
        )
        return "", sql, "window"
    if key == "days_sales_outstanding":
        sql = (
            "SELECT periods.p, 365 * (SELECT sum(amount) FROM l WHERE category = 'receivables' "
            "AND date <= periods.pend), (SELECT sum(amount) FROM l WHERE category = "
            "'receivables' AND journal_kind = 'sales' AND date > periods.pend - "
            "INTERVAL '12 months' AND date <= periods.pend) FROM periods"
        )
        return "", sql, "window"
    if key == "revenue_growth":
        ctes = f", r AS (SELECT {t('date')} AS p, {revenue} AS rev FROM l GROUP BY 1)"
        sql = (
            "SELECT a.p, a.rev - b.rev, b.rev FROM r a "
            "JOIN r b ON b.p = CAST(a.p - INTERVAL '1 year' AS DATE)"
        )
        return ctes, sql, "year"
    if key == "invoices_overdue":
        return _OVERDUE, "SELECT p, count(*), NULL FROM overdue GROUP BY 1", ""
    raise KeyError(key)


def standard_sql(
    key: str,
    frequency: str,
    coverage: tuple[date, date],
    cost_centres: tuple[str, ...] | None = None,
) -> str:
    """One row per period (period_start, num, den) for a standard KPI.

    With ``cost_centres`` only the lines booked on those cost centres count (a unit's KPI).
    """
    standard = STANDARDS[key]

    def trunc(expr: str) -> str:
        return f"CAST(date_trunc('{frequency}', {expr}) AS DATE)"

    ctes, body, back = _body(key, trunc)
    fill = "coalesce(r.num, 0)" if standard.zero else "r.num"
    return (
        f"WITH {_lines(cost_centres)}, {_INVOICES}, "
        f"{periods_cte(frequency, coverage, back)}{ctes}, "
        f"res AS ({body}) SELECT periods.p, {fill}, r.den FROM periods "
        "LEFT JOIN res AS r(p, num, den) ON r.p = periods.p ORDER BY 1"
    )


def drill_sql(key: str, start: date, end: date, cost_centres: tuple[str, ...] | None = None) -> str:
    """Accounts and amounts behind one period of a standard KPI."""
    cats = STANDARDS[key].drill or ("revenue",)
    listed = ", ".join(f"'{c}'" for c in cats)
    return (
        f"WITH {_lines(cost_centres)} SELECT account, category, sum(amount) AS amount, "
        "count(*) AS lines "
        f"FROM l WHERE category IN ({listed}) AND date >= DATE '{start.isoformat()}' "
        f"AND date <= DATE '{end.isoformat()}' GROUP BY 1, 2 ORDER BY 1"
    )
