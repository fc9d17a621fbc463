"""Benchmark: the director's pages with 300 KPIs in 30 units over 5 years.

Run: python benchmarks/bench_director_pages.py [N] [KPIS]
Builds a throw-away database (SQLite in a temporary directory, or PostgreSQL when
KOERS_DATABASE_URL is set: its test database is created and dropped), one organisation with a
company unit, 5 departments and 24 teams (three levels), KPIS KPIs (default 300) spread over
the 30 units with 60 monthly values each, an annual goal per department with a target KPI,
done actions on 40 KPIs, and roll-ups: each department's "complaints" is the sum of its teams',
the company's the sum of the departments'. Requests the home (organisation) page, the top unit
page, the goals page and the health page with Django's test client, warm trend cache, and
prints the median and best of N requests (default 10), the median CPU time of this process
(what a machine busy with other work blurs least; the database server's own time is not in it)
and the number of queries. It also times
recomputing the ancestors after one team's value changes, and lists the KPIs whose revision
that change moved (the team's KPI, its department's and the company's roll-up, nothing else).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

# The checkout's code, even when another checkout of Koers is installed in the environment.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

YEARS = 5


def setup_django(data_dir: str):
    os.environ["KOERS_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_databases

    if connection.vendor == "postgresql":
        return setup_databases(verbosity=0, interactive=False)
    from django.core.management import call_command

    call_command("migrate", verbosity=0, skip_checks=True)
    return None


def _units(org):
    from koers.organisations.models import Unit

    top = Unit.objects.create(organisation=org, name="Bedrijf", slug="bedrijf", kind="company")
    units = [top]
    for d in range(5):
        dep = Unit.objects.create(
            organisation=org, parent=top, name=f"Afdeling {d}", slug=f"afd-{d}", kind="department"
        )
        units.append(dep)
        for t in range(5 if d < 4 else 4):
            units.append(
                Unit.objects.create(
                    organisation=org, parent=dep, name=f"Team {d}.{t}", slug=f"team-{d}-{t}"
                )
            )
    return units


def _kpi(org, unit, code, i, **extra):
    from decimal import Decimal

    from koers.kpis.models import KPI

    return KPI.objects.create(
        organisation=org,
        unit=unit,
        code=code,
        name=f"KPI {code}",
        definition="-",
        unit_of_measure="count",
        frequency="month",
        direction="higher" if i % 3 else "lower",
        area="production",
        status="active",
        decimals=1,
        target=Decimal(48 + i % 5) if i % 2 else None,
        **extra,
    )


def build(kpi_count: int):
    from datetime import date, timedelta
    from decimal import Decimal

    import numpy as np
    from django.contrib.auth import get_user_model

    from koers.goals.models import AnnualGoal
    from koers.kpis.recording import ValueChange, record_values
    from koers.meetings.models import Action
    from koers.organisations.models import Membership, Organisation
    from koers.periods import Period

    org = Organisation.objects.create(name="Bench", slug="bench", vision="V", mission="M")
    user = get_user_model().objects.create_user("bench", "b@example.org", "x")
    Membership.objects.create(organisation=org, user=user, role="admin")
    units = _units(org)
    rng = np.random.default_rng(1)
    today = date.today()
    first = Period.containing(date(today.year - YEARS + 1, 1, 1), "month")
    n_values = (today.year - first.start.year) * 12 + today.month - 1
    changes, kpis = [], []
    for i in range(kpi_count):
        kpi = _kpi(org, units[i % len(units)], f"K{i:03d}", i)
        kpis.append(kpi)
        period = first
        values = rng.normal(50, 4, n_values) + (np.arange(n_values) >= n_values - 8) * (i % 4)
        for v in values:
            changes.append(ValueChange(kpi, period.start, Decimal(f"{v:.1f}")))
            period = period.next()
    record_values(changes, user=None, source="cli")
    _rollups(org, units, first, n_values, rng)
    for d, dep in enumerate(u for u in units if u.kind == "department"):
        goal = AnnualGoal.objects.create(
            organisation=org,
            year=today.year,
            unit=dep,
            title=f"Doel {d}",
            target_kpi=kpis[units.index(dep)],
            target_value=Decimal(600),
        )
        goal.kpis.add(*kpis[d::37][:4])
    for i, kpi in enumerate(kpis[:40]):
        action = Action.objects.create(
            organisation=org,
            unit=kpi.unit,
            title=f"Actie {i}",
            status=Action.Status.DONE,
            started_on=today - timedelta(days=300),
            completed_on=today - timedelta(days=200),
        )
        action.kpis.add(kpi)
    return org, user


def _rollups(org, units, first, n_values, rng):
    """Complaints per team (one team has not reported the last month), summed per department
    and for the company: roll-ups three levels deep."""
    from decimal import Decimal

    from koers.kpis.recording import ValueChange, record_values
    from koers.kpis.rollup import recompute

    changes, codes = [], {}
    for t, team in enumerate(u for u in units if u.kind == "team"):
        kpi = _kpi(org, team, f"KLA-{team.slug}", 1)
        codes.setdefault(team.parent_id, []).append(kpi.code)
        period = first
        for v in rng.poisson(4, n_values - (t == 0)):
            changes.append(ValueChange(kpi, period.start, Decimal(int(v))))
            period = period.next()
    record_values(changes, user=None, source="cli")
    deps = [u for u in units if u.kind == "department"]
    for dep in deps:
        _kpi(
            org,
            dep,
            f"KLA-{dep.slug}",
            1,
            feed="rollup",
            rollup_rule="sum",
            rollup_children=codes[dep.pk],
        )
    _kpi(
        org,
        units[0],
        "KLA",
        1,
        feed="rollup",
        rollup_rule="sum",
        rollup_children=[f"KLA-{d.slug}" for d in deps],
    )
    recompute(org.pk)


def time_recompute(org, n):
    """Change one team's latest complaints value: only its department's and the company's
    roll-ups are recomputed. Median ms and the queries of one change."""
    from decimal import Decimal

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from koers.kpis.models import KPI
    from koers.kpis.recording import ValueChange, record_values

    team = KPI.objects.get(organisation=org, code="KLA-team-1-0")
    start = team.measurements.order_by("-period_start").values_list("period_start", flat=True)[0]
    times, queries = [], 0
    for i in range(n):
        with CaptureQueriesContext(connection) as ctx:
            t = time.perf_counter()
            record_values([ValueChange(team, start, Decimal(10 + i))], user=None, source="cli")
            times.append(time.perf_counter() - t)
        queries = len(ctx.captured_queries)
    top = KPI.objects.get(organisation=org, code="KLA").measurements.get(period_start=start)
    before = dict(KPI.objects.filter(organisation=org).values_list("code", "revision"))
    record_values([ValueChange(team, start, Decimal(5))], user=None, source="cli")
    after = dict(KPI.objects.filter(organisation=org).values_list("code", "revision"))
    changed = sorted(code for code, revision in after.items() if revision != before[code])
    return statistics.median(times), queries, top.value, changed


def timed(client, url, n):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, cpu, queries, size = [], [], 0, 0
    for _ in range(n):
        with CaptureQueriesContext(connection) as ctx:
            t, c = time.perf_counter(), time.process_time()
            response = client.get(url)
            times.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)
        assert response.status_code == 200, (url, response.status_code)
        queries, size = len(ctx.captured_queries), len(response.content)
    return statistics.median(times), min(times), statistics.median(cpu), queries, size


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    kpi_count = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    with tempfile.TemporaryDirectory() as tmp:
        old = setup_django(tmp)
        from django.conf import settings
        from django.db import connection
        from django.test import Client

        settings.ALLOWED_HOSTS = ["*"]
        org, user = build(kpi_count)
        client = Client()
        client.force_login(user)
        pages = {
            "home": "/bench/",
            "top unit": "/bench/units/bedrijf/",
            "goals": "/bench/goals/",
            "health": "/bench/health/",
        }
        for url in pages.values():
            client.get(url)  # warm up imports, templates, translations, trend cache
        print(f"{kpi_count} KPIs in 30 units, {YEARS} years monthly, {connection.vendor}, n={n}")
        for name, url in pages.items():
            median, best, cpu, queries, size = timed(client, url, n)
            print(
                f"  {name:9} {median * 1000:7.1f} ms (best {best * 1000:.1f}, "
                f"CPU {cpu * 1000:.1f}), {queries} queries, {size // 1024} KB"
            )
        median, queries, total, changed = time_recompute(org, n)
        print(
            f"  one team's value changed: {median * 1000:.1f} ms, {queries} queries "
            f"(company total now {total}); KPIs changed: {', '.join(changed)}"
        )
        if old is not None:
            from django.test.utils import teardown_databases

            teardown_databases(old, verbosity=0)


if __name__ == "__main__":
    main()
