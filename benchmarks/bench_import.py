"""Benchmark: importing a 100,000-row file (plan + apply), then importing it again; and
checking a 50 MB file, with its peak memory.

Run: python benchmarks/bench_import.py            (all scenarios, each in its own process)
     python benchmarks/bench_import.py SCENARIO   (one of: rows100k, big-valid, big-errors)
Builds a throw-away SQLite database in a temporary directory, one organisation with ~50
monthly KPIs, and long-layout Dutch CSVs (decimal commas):

* rows100k: 100,000 rows (2,000 months per KPI); times reading + checking (make_plan) and
  writing (apply_plan) for the first import (all new) and a re-import (all unchanged);
* big-valid: a 50 MB file (about 2.2 million rows), read and checked (not written);
* big-errors: a 50 MB file in which every value is wrong, run through ``koers import``: the
  report must stay short (10 lines, then "… en nog N");
* big-apply: a 50 MB file read, checked (the preview) and written (apply, one transaction),
  with the peak memory after the preview and after the write.

Each prints rows/second and the process's peak memory (ru_maxrss).
"""

from __future__ import annotations

import io
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

try:
    import koers  # noqa: F401
except ImportError:  # running from a checkout without an install
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

ROWS, KPIS = 100_000, 50
BIG = 50 * 1024 * 1024
BIG_KPIS = 200  # a 50 MB file spread so that every month has passed (from the year 1000 on)
SCENARIOS = ("rows100k", "big-valid", "big-errors", "big-apply")


def setup_django(data_dir: str) -> None:
    os.environ["KOERS_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, skip_checks=True)


def build_csv(rows: int | None = ROWS, size: int | None = None, wrong: bool = False) -> bytes:
    """``rows`` rows, or as many as fit in ``size`` bytes; ``wrong``: no value is a number."""
    from koers.periods import Frequency, Period

    lines = ["KPI;Periode;Waarde;Opmerking"]
    length = 0
    kpis = BIG_KPIS if size else KPIS
    per_kpi = (rows or 10**9) // kpis
    for k in range(kpis):
        period = Period(Frequency.MONTH, 1000 if size else 1850, 1)
        for i in range(per_kpi):
            value = f"{(k * 7919 + i * 104729) % 1000000 / 100:.2f}".replace(".", ",")
            line = f"BK-{k:02d};{period.key};{'x' if wrong else ''}{value};"
            lines.append(line)
            length += len(line) + 2
            period = period.next()
            if size and length >= size / kpis * (k + 1):
                break
    return ("\r\n".join(lines) + "\r\n").encode()


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_org():
    from django.contrib.auth import get_user_model

    from koers.organisations.access import Access
    from koers.organisations.models import Membership, Organisation, Unit
    from koers.testing import make_kpi

    org = Organisation.objects.create(name="Bench", slug="bench")
    unit = Unit.objects.create(organisation=org, name="Bench", slug="bench", kind="company")
    user = get_user_model().objects.create_user("bench")
    Membership.objects.create(organisation=org, user=user, role="admin")
    for k in range(BIG_KPIS):
        make_kpi(org, unit, f"BK-{k:02d}", decimals=2)
    return org, user, Access.for_user(user, org)


def rows100k(org, user, access) -> None:
    from koers.dataentry.importing import apply_file_plan, plan_file

    data = build_csv()
    print(f"file: {ROWS:,} rows, {KPIS} KPIs, {len(data) / 1e6:.1f} MB CSV")
    for label in ("first import (all new)", "re-import (all unchanged)"):
        t0 = time.perf_counter()
        result = plan_file(org, data, "bench.csv", access=access)
        t1 = time.perf_counter()
        assert result.plan.ok, result.plan.messages("en")[:5]
        apply_file_plan(result.plan, user=user, filename="bench.csv")
        t2 = time.perf_counter()
        total = t2 - t0
        print(
            f"{label}: plan {t1 - t0:.2f} s, apply {t2 - t1:.2f} s, total {total:.2f} s "
            f"= {ROWS / total:,.0f} rows/s  [{result.plan.summary('en')}]"
        )


def big_valid(org, user, access) -> None:
    from koers.dataentry.importing import plan_file

    data = build_csv(None, BIG)
    base = peak_mb()
    print(f"file: {len(data) / 2**20:.1f} MB CSV, peak memory before reading {base:,.0f} MB")
    t0 = time.perf_counter()
    result = plan_file(org, data, "big.csv", access=access)
    t1 = time.perf_counter()
    assert result.plan.ok, result.plan.messages("en")[:5]
    print(
        f"read + check {result.rows:,} rows: {t1 - t0:.1f} s = {result.rows / (t1 - t0):,.0f} "
        f"rows/s, peak memory {peak_mb():,.0f} MB  [{result.plan.summary('en')}]"
    )


def big_errors(org, user, access) -> None:
    from django.core.management import call_command

    data = build_csv(None, BIG, wrong=True)
    with tempfile.NamedTemporaryFile(suffix=".csv") as file:
        file.write(data)
        file.flush()
        base = peak_mb()
        print(f"file: {len(data) / 2**20:.1f} MB CSV, peak memory before reading {base:,.0f} MB")
        err = io.StringIO()
        t0 = time.perf_counter()
        try:
            call_command("import", file.name, "--org", "bench", stdout=io.StringIO(), stderr=err)
        except SystemExit:
            pass
        t1 = time.perf_counter()
    lines = err.getvalue().splitlines()
    print(f"koers import: {t1 - t0:.1f} s, {len(lines)} lines, peak memory {peak_mb():,.0f} MB")
    print("  last lines: " + " | ".join(lines[-2:]))


def big_apply(org, user, access) -> None:
    from koers.dataentry.importing import apply_file_plan, plan_file
    from koers.kpis.models import Measurement, MeasurementChange

    data = build_csv(None, BIG)
    base = peak_mb()
    print(f"file: {len(data) / 2**20:.1f} MB CSV, peak memory before reading {base:,.0f} MB")
    t0 = time.perf_counter()
    result = plan_file(org, data, "big.csv", access=access)
    t1 = time.perf_counter()
    assert result.plan.ok, result.plan.messages("en")[:5]
    print(f"preview (read + check) {result.rows:,} rows: {t1 - t0:.1f} s, peak {peak_mb():,.0f} MB")
    del data
    summary = apply_file_plan(result.plan, user=user, filename="big.csv")
    t2 = time.perf_counter()
    stored, history = Measurement.objects.count(), MeasurementChange.objects.count()
    print(
        f"apply (write, one transaction): {t2 - t1:.1f} s = {result.rows / (t2 - t1):,.0f} "
        f"rows/s, peak {peak_mb():,.0f} MB  [{summary.created:,} created; {stored:,} values, "
        f"{history:,} history rows]"
    )


def run(scenario: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(tmp)
        org, user, access = make_org()
        scenarios = {
            "rows100k": rows100k,
            "big-valid": big_valid,
            "big-errors": big_errors,
            "big-apply": big_apply,
        }
        scenarios[scenario](org, user, access)


def main() -> None:
    if len(sys.argv) > 1:
        run(sys.argv[1])
        return
    for scenario in SCENARIOS:
        print(f"== {scenario}", flush=True)
        subprocess.run([sys.executable, __file__, scenario], check=True)


if __name__ == "__main__":
    main()
