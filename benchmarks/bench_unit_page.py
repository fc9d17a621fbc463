"""Benchmark: the unit page with 50 KPIs × 36 monthly values, cold and warm trend cache.

Run: python benchmarks/bench_unit_page.py [N]
Builds a throw-away SQLite database in a temporary directory (KOERS_DATA_DIR is set before
django.setup()), one organisation with a unit of 50 KPIs (mixed directions, half with a
target, some seasonal) and 36 monthly values each, and requests the unit page with Django's
test client. "cold": every cached trend result deleted before the request, so all 50 KPIs are
analysed; "warm": the cached verdicts are used. Prints the median and best of N requests
(default 15), the number of queries, and, for reference, the engine time alone.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

try:
    import koers  # noqa: F401
except ImportError:  # running from a checkout without an install
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

KPIS, VALUES = 50, 36


def setup_django(data_dir: str) -> None:
    os.environ["KOERS_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, skip_checks=True)


def build():
    from datetime import date
    from decimal import Decimal

    import numpy as np
    from django.contrib.auth import get_user_model

    from koers.kpis.models import KPI
    from koers.kpis.recording import ValueChange, record_values
    from koers.organisations.models import Membership, Organisation, Unit
    from koers.periods import Period
    from koers.trends.models import TrendSettings

    org = Organisation.objects.create(name="Bench", slug="bench")
    unit = Unit.objects.create(organisation=org, name="Plaatwerk", slug="plaatwerk", kind="team")
    user = get_user_model().objects.create_user("bench", "b@example.org", "x")
    Membership.objects.create(organisation=org, user=user, role="admin")
    rng = np.random.default_rng(1)
    changes = []
    for i in range(KPIS):
        kpi = KPI.objects.create(
            organisation=org,
            unit=unit,
            code=f"K{i:02d}",
            name=f"KPI {i}",
            definition="-",
            unit_of_measure="count",
            frequency="month",
            direction="higher" if i % 3 else "lower",
            area="production",
            status="active",
            decimals=1,
            target=Decimal(48 + i % 5) if i % 2 else None,
        )
        if i % 10 == 0:
            TrendSettings.objects.create(organisation=org, kpi=kpi, seasonal=True, version=1)
        period = Period.containing(date(2022, 1, 1), "month")
        values = rng.normal(50, 4, VALUES) + (np.arange(VALUES) >= 28) * (3 if i % 4 == 0 else 0)
        for v in values:
            changes.append(ValueChange(kpi, period.start, Decimal(f"{v:.1f}")))
            period = period.next()
    record_values(changes, user=None, source="cli")
    return user


def timed(client, url, before=None, n=15):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, queries = [], 0
    for _ in range(n):
        if before:
            before()
        with CaptureQueriesContext(connection) as ctx:
            t = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - t)
        assert response.status_code == 200, response.status_code
        queries = len(ctx.captured_queries)
    return statistics.median(times), min(times), queries


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(tmp)
        from django.conf import settings
        from django.test import Client

        from koers.kpis.models import KPI
        from koers.trends.models import TrendResult
        from koers.trends.verdicts import _compute, _load_rebaselines, _load_series

        settings.ALLOWED_HOSTS = ["*"]
        user = build()
        client = Client()
        client.force_login(user)
        url = "/bench/units/plaatwerk/"
        client.get(url)  # warm up imports, templates, translations

        def clear():
            TrendResult.objects.all().delete()

        cold = timed(client, url, clear, n)
        warm = timed(client, url, None, n)
        print(f"unit page, {KPIS} KPIs x {VALUES} monthly values, median of {n} requests")
        print(
            f"  cold trend cache: {cold[0] * 1000:7.1f} ms (best {cold[1] * 1000:.1f}), "
            f"{cold[2]} queries"
        )
        print(
            f"  warm trend cache: {warm[0] * 1000:7.1f} ms (best {warm[1] * 1000:.1f}), "
            f"{warm[2]} queries"
        )

        kpis = list(KPI.objects.filter(organisation__slug="bench"))
        from koers.trends.verdicts import _load_settings

        _load_settings(kpis)
        _load_rebaselines(kpis)
        _load_series(kpis)
        runs = []
        for _ in range(n):
            t = time.perf_counter()
            _compute(kpis)
            runs.append(time.perf_counter() - t)
        print(
            f"  engine alone (analyse + reasons nl/en for {KPIS} KPIs): "
            f"{statistics.median(runs) * 1000:.1f} ms"
        )


if __name__ == "__main__":
    main()
