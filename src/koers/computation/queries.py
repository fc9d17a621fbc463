"""The SQL a definition becomes, over a source table named ``src``.

Every source table has the loaded columns plus ``__row`` (the row number in the file). The
period query returns ``(period_start, num, den)`` per period; ``den`` is NULL unless the
definition has a denominator. Ratios are Σvalue/Σdenominator per period, computed from those
sums, so a quarter or a unit is never an average of percentages.

Pure Python: no Django.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from koers.computation.definitions import Definition
from koers.computation.errors import DefinitionError
from koers.computation.expressions import compile_expression

STEP = {"week": "7 days", "month": "1 month", "quarter": "3 months", "year": "1 year"}


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@dataclass(frozen=True)
class CompiledDefinition:
    definition: Definition
    value: str
    denominator: str
    where: str
    columns: frozenset[str]

    @property
    def frequency(self) -> str:
        return self.definition.frequency


def _date_column(defn: Definition, name: str, columns: dict[str, str], source: str) -> str:
    lookup = {c.lower(): c for c in columns}
    real = lookup.get(name.lower())
    if real is None:
        raise DefinitionError(
            "unknown_column",
            field="date" if defn.date else "as_of",
            part=name,
            source=source,
            columns=", ".join(columns),
        )
    if columns[real] != "date":
        raise DefinitionError("not_a_date", kpi=defn.code, part=real, type=columns[real])
    return real


def compile_definition(defn: Definition, columns: dict[str, str]) -> CompiledDefinition:
    """Check a definition against a source's columns (name -> type) and compile it."""
    source = defn.source
    star = "__row" if defn.as_of else "*"
    used: set[str] = set()
    parts = {}
    for field_name, text, aggregate in (
        ("value", defn.value, True),
        ("denominator", defn.denominator, True),
        ("where", defn.where, False),
    ):
        if not text.strip():
            parts[field_name] = ""
            continue
        compiled = compile_expression(
            text,
            field_name=field_name,
            columns=columns,
            source=source,
            aggregate=aggregate,
            count_star=star,
        )
        used |= compiled.columns
        parts[field_name] = compiled.sql
    if defn.as_of:
        used.add(_date_column(defn, defn.as_of.start, columns, source))
        if defn.as_of.until:
            used.add(_date_column(defn, defn.as_of.until, columns, source))
    else:
        used.add(_date_column(defn, defn.date, columns, source))
    return CompiledDefinition(
        defn, parts["value"], parts["denominator"], parts["where"], frozenset(used)
    )


def _real(name: str, columns: frozenset[str]) -> str:
    return next(c for c in columns if c.lower() == name.lower())


def period_sql(c: CompiledDefinition, table: str = "src") -> str:
    """One row per period: period_start, num, den."""
    defn = c.definition
    den = c.denominator or "NULL"
    if defn.as_of is None:
        col = quote(_real(defn.date, c.columns))
        where = f" AND {c.where}" if c.where else ""
        return (
            f"SELECT CAST(date_trunc('{defn.frequency}', {col}) AS DATE) AS period_start, "
            f"{c.value} AS num, {den} AS den FROM {table} WHERE {col} IS NOT NULL{where} "
            "GROUP BY 1 ORDER BY 1"
        )
    start = quote(_real(defn.as_of.start, c.columns))
    until = quote(_real(defn.as_of.until, c.columns)) if defn.as_of.until else None
    top = f"greatest({start}, coalesce({until}, {start}))" if until else start
    step = STEP[defn.frequency]
    open_at = f"{start} <= e.__period_end"
    if until:
        open_at += f" AND ({until} IS NULL OR {until} > e.__period_end)"
    if c.where:
        open_at += f" AND {c.where}"
    return (
        f"WITH bounds AS (SELECT min({start}) AS lo, max({top}) AS hi FROM {table}), "
        "ends AS (SELECT CAST(p AS DATE) AS __period_start, "
        f"CAST(p + INTERVAL '{step}' - INTERVAL '1 day' AS DATE) AS __period_end "
        f"FROM bounds, range(CAST(date_trunc('{defn.frequency}', lo) AS TIMESTAMP), "
        f"CAST(hi AS TIMESTAMP) + INTERVAL '1 day', INTERVAL '{step}') AS t(p) "
        "WHERE lo IS NOT NULL) "
        f"SELECT e.__period_start AS period_start, {c.value} AS num, {den} AS den "
        f"FROM ends e LEFT JOIN {table} ON {open_at} GROUP BY 1 ORDER BY 1"
    )


def rows_sql(c: CompiledDefinition, start: date, end: date, table="src", limit=100) -> str:
    """The rows behind the value of the period [start, end] (inclusive), first ``limit``."""
    defn = c.definition
    if defn.as_of is None:
        col = quote(_real(defn.date, c.columns))
        cond = f"{col} >= DATE '{start.isoformat()}' AND {col} <= DATE '{end.isoformat()}'"
    else:
        first = quote(_real(defn.as_of.start, c.columns))
        cond = f"{first} <= DATE '{end.isoformat()}'"
        if defn.as_of.until:
            until = quote(_real(defn.as_of.until, c.columns))
            cond += f" AND ({until} IS NULL OR {until} > DATE '{end.isoformat()}')"
    if c.where:
        cond += f" AND {c.where}"
    return f"SELECT * FROM {table} WHERE {cond} ORDER BY __row LIMIT {int(limit)}"


def to_decimal(number) -> Decimal | None:
    if number is None:
        return None
    try:
        value = Decimal(str(number))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def period_value(num, den, *, ratio: bool, percent: bool) -> Decimal | None:
    """The KPI value of one period from its sums; None when there is no value."""
    num = to_decimal(num)
    if not ratio:
        return num
    den = to_decimal(den)
    if num is None or not den:
        return None
    value = num / den
    return value * 100 if percent else value
