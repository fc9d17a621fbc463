"""Run compiled definitions with DuckDB: one in-memory connection per job.

The connection may read only the snapshot files it was opened on (``allowed_paths``), then
external access is switched off, with memory and thread limits set. Expressions were parsed
and rewritten by ``koers.computation.expressions``; this is a second fence.

Pure Python: no Django.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb

from koers.computation.queries import CompiledDefinition, period_sql, period_value, rows_sql
from koers.periods import Period

MEMORY_LIMIT = "1GB"
THREADS = 2


def connect(tables: dict[str, Sequence[Path]], *, memory_limit=MEMORY_LIMIT, threads=THREADS):
    """A connection with one view per table over its Parquet files, external access off."""
    con = duckdb.connect(":memory:")
    con.execute(f"SET memory_limit = '{memory_limit}'")
    con.execute(f"SET threads = {int(threads)}")
    paths = [str(Path(p).resolve()) for files in tables.values() for p in files]
    if paths:
        con.execute("SET allowed_paths = ?", [paths])
    for name, files in tables.items():
        listed = ", ".join("'" + str(Path(p).resolve()).replace("'", "''") + "'" for p in files)
        if files:
            con.execute(f'CREATE VIEW "{name}" AS SELECT * FROM read_parquet([{listed}])')
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
    return con


def period_values(con, compiled: CompiledDefinition, table: str = "src"):
    """[(Period, Decimal | None, num, den)] in period order."""
    defn = compiled.definition
    out = []
    for start, num, den in con.execute(period_sql(compiled, table)).fetchall():
        value = period_value(num, den, ratio=defn.is_ratio, percent=defn.percent)
        out.append((Period.from_start(defn.frequency, start), value, num, den))
    return out


def rows_behind(con, compiled: CompiledDefinition, period: Period, table="src", limit=100):
    """(column names, rows) of the rows behind one period's value."""
    cur = con.execute(rows_sql(compiled, period.start, period.end, table, limit))
    return [d[0] for d in cur.description], cur.fetchall()
