"""Computing KPIs from sources and writing their values through the one write path."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format

from koers import catalogue
from koers.computation.auditfile import STANDARDS, drill_sql, standard_sql
from koers.computation.definitions import Definition
from koers.computation.queries import compile_definition, period_value
from koers.computation.runner import connect, period_values, rows_behind
from koers.kpis.models import KPI, Feed, Source, Status, fields_from_catalogue
from koers.kpis.recording import ValueChange, record_values
from koers.periods import Period
from koers.sources.models import Category, Computation, DataSource


@dataclass
class Computed:
    kpi: KPI
    values: int
    written: int


def open_source(source: DataSource):
    """One in-memory DuckDB connection for this job, reading only the source's snapshots."""
    paths = [s.path() for s in source.snapshots.order_by("date_from")]
    if source.is_auditfile:
        con = connect({"lines": paths})
        con.execute("CREATE TABLE accounts (account VARCHAR, category VARCHAR)")
        rows = list(source.accounts.exclude(category="").values_list("number", "category"))
        if rows:
            con.executemany("INSERT INTO accounts VALUES (?, ?)", rows)
        return con
    return connect({"src": paths})


def coverage(source: DataSource):
    snaps = list(source.snapshots.exclude(date_from=None))
    if not snaps:
        return None
    return min(s.date_from for s in snaps), max(s.date_to for s in snaps)


def definition_of(computation: Computation) -> Definition:
    kpi = computation.kpi
    return Definition.from_spec(
        computation.spec,
        code=kpi.code,
        name=kpi.name,
        unit_of_measure=kpi.unit_of_measure,
        direction=kpi.direction,
    )


def _periods(con, computation: Computation):
    """[(Period, value)] for one computation on an open connection."""
    kpi, source = computation.kpi, computation.source
    if computation.standard:
        span = coverage(source)
        if span is None:
            return []
        standard = STANDARDS[computation.standard]
        sql = standard_sql(computation.standard, kpi.frequency, span)
        out = []
        for start, num, den in con.execute(sql).fetchall():
            value = period_value(num, den, ratio=standard.ratio, percent=standard.percent)
            out.append((Period.from_start(kpi.frequency, start), value))
        return out
    compiled = compile_definition(definition_of(computation), source.column_types)
    return [(p, v) for p, v, _, _ in period_values(con, compiled)]


def detail_of(source: DataSource) -> str:
    latest = source.snapshots.order_by("-loaded_at").first()
    when = date_format(timezone.localtime(latest.loaded_at), "SHORT_DATE_FORMAT") if latest else ""
    return translation.gettext("%(source)s (loaded %(date)s)") % {
        "source": source.name,
        "date": when,
    }


def compute(computations: list[Computation], *, user=None) -> list[Computed]:
    """Compute each KPI and write the values that changed (history source 'computed')."""
    done = []
    by_source: dict[int, list[Computation]] = {}
    for c in computations:
        by_source.setdefault(c.source_id, []).append(c)
    for items in by_source.values():
        source = items[0].source
        con = open_source(source)
        try:
            for computation in items:
                kpi = computation.kpi
                values = [(p, v) for p, v in _periods(con, computation) if v is not None]
                changes = [ValueChange(kpi, p.start, kpi.quantize(v)) for p, v in values]
                summary = record_values(
                    changes, user=user, source=Source.COMPUTED, detail=detail_of(source)
                )
                computation.computed_at = timezone.now()
                computation.save(update_fields=["computed_at"])
                done.append(Computed(kpi, len(values), summary.written))
        finally:
            con.close()
    return done


def source_computations(source: DataSource) -> list[Computation]:
    return list(source.computations.select_related("kpi", "source").order_by("kpi__code"))


def computable(source: DataSource) -> list[str]:
    """Catalogue keys of the standard KPIs this source can feed."""
    if not source.is_auditfile:
        return []
    mapped = set(source.accounts.exclude(category="").values_list("category", flat=True))
    journals = set()
    if source.snapshots.exists():
        con = open_source(source)
        journals = {r[0] for r in con.execute("SELECT DISTINCT journal_kind FROM lines").fetchall()}
        con.close()
    return [
        key
        for key, s in STANDARDS.items()
        if set(s.needs) <= mapped and (not s.journal or s.journal in journals)
    ]


def _free_code(organisation, key: str) -> str:
    code, n = key[:30], 2
    while KPI.objects.for_org(organisation).filter(code=code).exists():
        code, n = f"{key[:27]}_{n}", n + 1
    return code


@transaction.atomic
def create_standard_kpis(source: DataSource, unit, lang: str) -> list[KPI]:
    """A KPI for every computable catalogue entry the organisation has no KPI for yet."""
    org = source.organisation
    have = set(KPI.objects.for_org(org).values_list("catalogue_key", flat=True))
    created = []
    for key in computable(source):
        if key in have:
            continue
        entry = catalogue.get(key)
        kpi = KPI.objects.create(
            organisation=org,
            unit=unit,
            code=_free_code(org, key),
            status=Status.ACTIVE,
            feed=Feed.COMPUTED,
            **fields_from_catalogue(entry, lang),
        )
        attach_standard(kpi, source)
        created.append(kpi)
    return created


def attach_standard(kpi: KPI, source: DataSource) -> Computation:
    kpi.feed = Feed.COMPUTED
    kpi.save(update_fields=["feed"])
    computation, _ = Computation.objects.update_or_create(
        kpi=kpi,
        defaults={
            "organisation_id": kpi.organisation_id,
            "source": source,
            "standard": kpi.catalogue_key,
            "spec": {},
            "used": used_accounts(source, kpi.catalogue_key),
        },
    )
    return computation


def used_accounts(source: DataSource, key: str) -> str:
    cats = STANDARDS[key].drill
    labels = dict(Category.choices)
    parts = []
    for cat in cats:
        accounts = source.accounts.filter(category=cat).order_by("number")
        listed = ", ".join(f"{a.number} {a.description} ({a.rgs_code or '-'})" for a in accounts)
        parts.append(f"{labels[cat]}: {listed or '-'}")
    return "; ".join(parts)


def drill_down(computation: Computation, period: Period):
    """(columns, rows, accounts) behind one period's value: first 100 rows; accounts for XAF."""
    con = open_source(computation.source)
    try:
        if computation.standard:
            cur = con.execute(drill_sql(computation.standard, period.start, period.end))
            accounts = cur.fetchall()
            cats = "', '".join(STANDARDS[computation.standard].drill)
            cur = con.execute(
                "SELECT l.* FROM lines l JOIN accounts a USING (account) WHERE a.category IN "
                f"('{cats}') AND date >= ? AND date <= ? ORDER BY __row LIMIT 100",
                [period.start, period.end],
            )
            return [d[0] for d in cur.description], cur.fetchall(), accounts
        compiled = compile_definition(definition_of(computation), computation.source.column_types)
        names, rows = rows_behind(con, compiled, period)
        return names, rows, []
    finally:
        con.close()
