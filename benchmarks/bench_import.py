"""Benchmark: importing a 100,000-row file (plan + apply), then importing it again.

Run: python benchmarks/bench_import.py
Builds a throw-away SQLite database in a temporary directory, one organisation with ~50
monthly KPIs, and a long-layout Dutch CSV of 100,000 rows (2,000 months per KPI, decimal
commas). Times reading + checking (make_plan) and writing (apply_plan) for the first import
(all new) and for a re-import of the same file (all unchanged), and prints rows/second.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

try:
    import koers  # noqa: F401
except ImportError:  # running from a checkout without an install
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

ROWS, KPIS = 100_000, 50


def setup_django(data_dir: str) -> None:
    os.environ["KOERS_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, skip_checks=True)


def build_csv() -> bytes:
    from koers.periods import Frequency, Period

    per_kpi = ROWS // KPIS
    first = Period(Frequency.MONTH, 1850, 1)
    lines = ["KPI;Periode;Waarde;Opmerking"]
    for k in range(KPIS):
        period = first
        for i in range(per_kpi):
            value = f"{(k * 7919 + i * 104729) % 1000000 / 100:.2f}".replace(".", ",")
            lines.append(f"BK-{k:02d};{period.key};{value};")
            period = period.next()
    return ("\r\n".join(lines) + "\r\n").encode()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(tmp)
        from django.contrib.auth import get_user_model

        from koers.dataentry.importing import apply_file_plan, plan_file
        from koers.organisations.access import Access
        from koers.organisations.models import Membership, Organisation, Unit
        from koers.testing import make_kpi

        org = Organisation.objects.create(name="Bench", slug="bench")
        unit = Unit.objects.create(organisation=org, name="Bench", slug="bench", kind="company")
        user = get_user_model().objects.create_user("bench")
        Membership.objects.create(organisation=org, user=user, role="admin")
        for k in range(KPIS):
            make_kpi(org, unit, f"BK-{k:02d}", decimals=2)
        data = build_csv()
        access = Access.for_user(user, org)
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


if __name__ == "__main__":
    main()
