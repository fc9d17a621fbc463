"""Own-data benchmarks: loading a 300,000-line auditfile, and monthly KPIs over a 10M-row CSV.

    /work/main/.venv/bin/python benchmarks/bench_owndata.py [--lines 300000] [--rows 10000000]
        [--only xaf|csv]

Auditfile: the whole `koers data load FILE --create-kpis` (read, Parquet snapshot, accounts,
all standard KPIs created, computed and written to a throw-away SQLite database, in a child
process; its peak memory) and, separately, its pure part (read + snapshot + the KPIs' SQL),
against a bare xml.etree.ElementTree.iterparse pass summing revenue per month, in the same
run. Target: within 3x, under 500 MB.
CSV: the whole `koers data load FILE` + `koers data define` of a count, a sum, a ratio and an
as-of count per month (child process, SQLite), and the pure part (CSV -> typed Parquet, the
four KPIs' SQL), against the same four KPIs as hand-written DuckDB SQL over the CSV.
Target: within 1.5x.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import duckdb

from koers.computation.auditfile import STANDARDS, category_of, standard_sql
from koers.computation.definitions import Definition
from koers.computation.queries import compile_definition
from koers.computation.runner import connect, period_values
from koers.sources.sample import ACCOUNTS, write_auditfile
from koers.sources.tabular import read_table
from koers.sources.xaf import read_auditfile


def bare_iterparse(path: Path) -> dict:
    totals: dict[str, Decimal] = defaultdict(Decimal)
    acc = day = amount = side = None
    for _, elem in ET.iterparse(path):
        tag = elem.tag.rsplit("}", 1)[-1]
        if tag == "accID":
            acc = elem.text
        elif tag == "effDate":
            day = elem.text
        elif tag == "amnt":
            amount = elem.text
        elif tag == "amntTp":
            side = elem.text
        elif tag == "trLine":
            if acc == "8000":
                value = Decimal(amount)
                totals[day[:7]] += value if side == "C" else -value
            elem.clear()
        elif tag == "transaction":
            elem.clear()
    return totals


def load_auditfile(path: Path) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "lines.parquet"
        start = time.perf_counter()
        audit = read_auditfile(path, target, name=path.name)
        con = connect({"lines": [target]})
        con.execute("CREATE TABLE accounts (account VARCHAR, category VARCHAR)")
        con.executemany(
            "INSERT INTO accounts VALUES (?, ?)", [(a, category_of(c)) for a, _, _, c in ACCOUNTS]
        )
        span = (audit.start, audit.end)
        for key in STANDARDS:
            con.execute(standard_sql(key, "month", span)).fetchall()
        seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "peak_mb": peak, "rows": audit.rows}


TOML = """
[[kpi]]
code = "count"
name = "Invoices"
unit_of_measure = "count"
direction = "higher"
source = "invoices"
date = "issued"
value = "count(*)"

[[kpi]]
code = "amount"
name = "Invoiced"
unit_of_measure = "euro"
direction = "higher"
source = "invoices"
date = "issued"
value = "sum(amount)"

[[kpi]]
code = "won"
name = "Won"
unit_of_measure = "percent"
direction = "higher"
source = "invoices"
date = "issued"
value = "count(*) filter (where won = 1)"
denominator = "count(*)"

[[kpi]]
code = "open"
name = "Open"
unit_of_measure = "count"
direction = "lower"
source = "invoices"
as_of = {from = "issued", until = "paid"}
value = "count(*)"
"""


def whole_command(kind: str, path: Path) -> dict:
    """The real commands on a throw-away SQLite database (set-up not timed)."""
    with tempfile.TemporaryDirectory() as data_dir:
        os.environ["KOERS_DATA_DIR"] = data_dir
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.settings")
        import django

        django.setup()
        from django.core.management import call_command

        from koers.organisations.models import Organisation, Unit

        call_command("migrate", verbosity=0, skip_checks=True)
        org = Organisation.objects.create(name="Bench", slug="bench")
        Unit.objects.create(organisation=org, name="Bench", slug="bench", kind="company")
        toml = Path(data_dir) / "kpis.toml"
        toml.write_text(TOML)
        start = time.perf_counter()
        if kind == "xaf":
            call_command("data", "load", str(path), "--org", "bench", "--create-kpis")
        else:
            call_command("data", "load", str(path), "--org", "bench", "--source", "invoices")
            call_command("data", "define", str(toml), "--org", "bench")
        seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "peak_mb": peak}


def _child(*args: str) -> dict:
    child = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, check=True
    )
    return json.loads(child.stdout.strip().splitlines()[-1])


def bench_auditfile(lines: int, workdir: Path) -> None:
    path = workdir / "big.xaf"
    write_auditfile(path, invoices_per_month=max(1, lines // 36), customers=2000)
    size = path.stat().st_size / 1e6
    start = time.perf_counter()
    bare_iterparse(path)
    bare = time.perf_counter() - start
    ours = _child("--child", str(path))
    whole = _child("--whole", "xaf", str(path))
    print(
        f"auditfile {ours['rows']:,} lines ({size:.0f} MB): bare iterparse {bare:.1f} s; "
        f"koers data load --create-kpis {whole['seconds']:.1f} s = "
        f"{whole['seconds'] / bare:.2f}x (target 3x), peak {whole['peak_mb']:.0f} MB "
        f"(target 500 MB); pure part (read + snapshot + KPI SQL) {ours['seconds']:.1f} s = "
        f"{ours['seconds'] / bare:.2f}x, peak {ours['peak_mb']:.0f} MB"
    )


KPIS = [
    dict(value="count(*)", date="issued"),
    dict(value="sum(amount)", date="issued"),
    dict(value="count(*) filter (where won = 1)", denominator="count(*)", date="issued"),
    dict(value="count(*)", as_of={"from": "issued", "until": "paid"}),
]
HAND = [
    "SELECT date_trunc('month', issued), count(*) FROM t GROUP BY 1",
    "SELECT date_trunc('month', issued), sum(amount) FROM t GROUP BY 1",
    "SELECT date_trunc('month', issued), count(*) FILTER (WHERE won = 1) / count(*) "
    "FROM t GROUP BY 1",
    "WITH e AS (SELECT CAST(p + INTERVAL 1 MONTH - INTERVAL 1 DAY AS DATE) AS pe FROM "
    "range(TIMESTAMP '2020-01-01', TIMESTAMP '2026-01-01', INTERVAL 1 MONTH) r(p)) "
    "SELECT pe, count(t.issued) FROM e LEFT JOIN t ON t.issued <= pe AND "
    "(t.paid IS NULL OR t.paid > pe) GROUP BY 1",
]


def bench_csv(rows: int, workdir: Path) -> None:
    csv = workdir / "invoices.csv"
    duckdb.execute(
        f"COPY (SELECT i AS invoice, DATE '2020-01-01' + CAST(i % 2000 AS INTEGER) AS issued, "
        "CASE WHEN i % 7 = 0 THEN NULL ELSE DATE '2020-01-01' + CAST(i % 2000 + i % 45 AS "
        "INTEGER) END AS paid, round((i % 10000) / 7.0, 2) AS amount, i % 3 = 0 AS won_b, "
        f"CAST(i % 3 = 0 AS INTEGER) AS won FROM range({rows}) t(i)) TO '{csv}' (HEADER)"
    )
    start = time.perf_counter()
    table = read_table(csv, workdir / "invoices.parquet", name=csv.name)
    loaded = time.perf_counter() - start
    columns = {c.name: c.type for c in table.columns}
    con = connect({"src": [workdir / "invoices.parquet"]})
    start = time.perf_counter()
    for fields in KPIS:
        defn = Definition.from_mapping(
            dict(code="k", name="k", unit_of_measure="count", direction="higher", source="s")
            | fields
        )
        period_values(con, compile_definition(defn, columns))
    ours = time.perf_counter() - start
    hand = duckdb.connect()
    hand.execute("SET threads = 2")
    start = time.perf_counter()
    hand.execute(f"CREATE VIEW t AS SELECT * FROM read_csv('{csv}')")
    for sql in HAND:
        hand.execute(sql).fetchall()
    handwritten = time.perf_counter() - start
    whole = _child("--whole", "csv", str(csv))
    print(
        f"csv {rows:,} rows: hand-written SQL over the CSV {handwritten:.2f} s; "
        f"koers data load + define (four KPIs) {whole['seconds']:.1f} s = "
        f"{whole['seconds'] / handwritten:.2f}x (target 1.5x); pure part: load to Parquet "
        f"{loaded:.1f} s + four monthly KPIs {ours:.2f} s = "
        f"{(loaded + ours) / handwritten:.2f}x (KPIs alone {ours / handwritten:.2f}x)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=300_000)
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--child")
    parser.add_argument("--whole", nargs=2, metavar=("KIND", "FILE"))
    parser.add_argument("--only", choices=["xaf", "csv"], help="run one of the two benchmarks")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(load_auditfile(Path(args.child))))
        return
    if args.whole:
        print(json.dumps(whole_command(args.whole[0], Path(args.whole[1]))))
        return
    with tempfile.TemporaryDirectory() as tmp:
        if args.only != "csv":
            bench_auditfile(args.lines, Path(tmp))
        if args.only != "xaf":
            bench_csv(args.rows, Path(tmp))


if __name__ == "__main__":
    main()
