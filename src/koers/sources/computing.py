"""Computing KPIs from sources and writing their values through the one write path."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format

from koers import catalogue
from koers.computation.auditfile import STANDARDS, drill_sql, standard_sql
from koers.computation.definitions import Definition
from koers.computation.invoices import INVOICE_STANDARDS, has_due_dates_sql, overdue_sql
from koers.computation.queries import compile_definition, period_value
from koers.computation.runner import connect, period_values, rows_behind
from koers.kpis.changes import kpi_created, log_change
from koers.kpis.models import KPI, Feed, Source, Status, fields_from_catalogue
from koers.kpis.recording import ValueChange, record_values
from koers.organisations.models import Unit
from koers.periods import Period
from koers.sources.models import Category, Computation, CostCentre, DataSource, Kind


@dataclass
class Computed:
    kpi: KPI
    values: int
    written: int


def _paths(source: DataSource) -> list:
    return [s.path() for s in source.snapshots.order_by("date_from")]


def _accounts_table(con, source: DataSource) -> None:
    con.execute("CREATE TABLE accounts (account VARCHAR, category VARCHAR)")
    rows = list(source.accounts.exclude(category="").values_list("number", "category"))
    if rows:
        con.executemany("INSERT INTO accounts VALUES (?, ?)", rows)


def payments_source(source: DataSource) -> DataSource | None:
    """The organisation's auditfile that says which e-invoices were paid (None if not loaded)."""
    found = DataSource.objects.for_org(source.organisation).filter(
        kind=Kind.XAF, snapshots__isnull=False
    )
    return found.order_by("pk").first()


def open_source(source: DataSource):
    """One in-memory DuckDB connection for this job, reading only the source's snapshots.

    E-invoices get the organisation's auditfile lines beside them (their payments).
    """
    if source.is_auditfile:
        con = connect({"lines": _paths(source)})
        _accounts_table(con, source)
        return con
    ledger = payments_source(source) if source.kind == Kind.UBL else None
    if ledger is None:
        return connect({"src": _paths(source)})
    con = connect({"src": _paths(source), "lines": _paths(ledger)})
    _accounts_table(con, ledger)
    return con


def cost_centres_of(computation: Computation) -> tuple[str, ...] | None:
    """The cost centres mapped to the KPI's unit (or below it); None: all lines count."""
    kpi = computation.kpi
    if not computation.source.is_auditfile or kpi.unit.parent_id is None:
        return None
    units = Unit.objects.subtree_ids(kpi.unit)
    codes = CostCentre.objects.filter(source=computation.source, unit_id__in=units)
    found = tuple(codes.order_by("code").values_list("code", flat=True))
    return found or None


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
        if not source.is_auditfile:
            payments = payments_source(source) is not None
            sql = overdue_sql(kpi.frequency, span, payments=payments)
            return [
                (Period.from_start(kpi.frequency, p), Decimal(n))
                for p, n, _ in con.execute(sql).fetchall()
            ]
        standard = STANDARDS[computation.standard]
        centres = cost_centres_of(computation)
        sql = standard_sql(computation.standard, kpi.frequency, span, centres)
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


def _has_due_dates(source: DataSource) -> bool | None:
    """Whether the loaded files have due dates (None: nothing loaded, or not invoices)."""
    if not source.snapshots.exists() or source.kind not in (Kind.XAF, Kind.UBL):
        return None
    con = connect({"lines" if source.is_auditfile else "src": _paths(source)})
    try:
        sql = "SELECT count(due) FROM lines" if source.is_auditfile else has_due_dates_sql()
        return bool(con.execute(sql).fetchone()[0])
    finally:
        con.close()


def computable(source: DataSource) -> list[str]:
    """Catalogue keys of the standard KPIs this source can feed."""
    if source.kind == Kind.UBL:
        return list(INVOICE_STANDARDS) if _has_due_dates(source) else []
    if not source.is_auditfile:
        return []
    mapped = set(source.accounts.exclude(category="").values_list("category", flat=True))
    journals = set()
    due = False
    if source.snapshots.exists():
        con = open_source(source)
        journals = {r[0] for r in con.execute("SELECT DISTINCT journal_kind FROM lines").fetchall()}
        due = bool(con.execute("SELECT count(due) FROM lines").fetchone()[0])
        con.close()
    return [
        key
        for key, s in STANDARDS.items()
        if set(s.needs) <= mapped
        and (not s.journal or s.journal in journals)
        and (not s.due or due)
    ]


LOOK_BACK = ("new_customers", "lost_customers", "revenue_growth")


def cannot_compute(source: DataSource) -> list[str]:
    """What the loaded files cannot support, said plainly (in the active language)."""
    lang = (translation.get_language() or "nl")[:2]
    out = []
    if source.is_auditfile and source.snapshots.values("fiscal_year").distinct().count() == 1:
        names = ", ".join(catalogue.get(key).name[lang] for key in LOOK_BACK)
        out.append(
            translation.gettext(
                "%(kpis)s: these need the previous year's auditfile as well; until it is "
                "loaded they have no values."
            )
            % {"kpis": names}
        )
    if _has_due_dates(source) is not False:
        return out
    name = catalogue.get("invoices_overdue").name[lang]
    if source.is_auditfile:
        text = translation.gettext("%(kpi)s: this auditfile has no due dates.")
    else:
        text = translation.gettext("%(kpi)s: these e-invoices have no due dates.")
    return [*out, text % {"kpi": name}]


def _free_code(organisation, key: str) -> str:
    code, n = key[:30], 2
    while KPI.objects.for_org(organisation).filter(code=code).exists():
        code, n = f"{key[:27]}_{n}", n + 1
    return code


@transaction.atomic
def create_standard_kpis(source: DataSource, unit, lang: str, user=None) -> list[KPI]:
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
        kpi_created(kpi, user=user, summary=_created_from(source))
        attach_standard(kpi, source, user)
        created.append(kpi)
    return created


@transaction.atomic
def create_unit_kpis(source: DataSource, lang: str, user=None) -> list[KPI]:
    """Standard KPIs in every unit that has cost centres mapped to it (once per unit)."""
    keys = [k for k in computable(source) if STANDARDS[k].per_unit]
    units = Unit.objects.for_org(source.organisation).filter(
        cost_centres__source=source, parent__isnull=False
    )
    created = []
    for unit in units.distinct().order_by("pk"):
        have = set(KPI.objects.filter(unit=unit).values_list("catalogue_key", flat=True))
        for key in keys:
            if key in have:
                continue
            entry = catalogue.get(key)
            kpi = KPI.objects.create(
                organisation=source.organisation,
                unit=unit,
                code=_free_code(source.organisation, f"{key[:20]}_{unit.slug}"[:30]),
                status=Status.ACTIVE,
                feed=Feed.COMPUTED,
                **fields_from_catalogue(entry, lang),
            )
            kpi_created(kpi, user=user, summary=_created_from(source))
            attach_standard(kpi, source, user)
            created.append(kpi)
    return created


def _created_from(source: DataSource) -> str:
    return translation.gettext("KPI created, computed from %(source)s") % {"source": source.name}


def attach_standard(kpi: KPI, source: DataSource, user=None) -> Computation:
    if kpi.feed != Feed.COMPUTED:
        old = kpi.get_feed_display()
        kpi.feed = Feed.COMPUTED
        kpi.save(update_fields=["feed"])
        log_change(
            kpi,
            user=user,
            summary=translation.gettext("Values now computed from %(source)s")
            % {"source": source.name},
            changes={str(KPI._meta.get_field("feed").verbose_name): [old, kpi.get_feed_display()]},
            bump=True,
        )
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
    if not source.is_auditfile:
        return translation.gettext(
            "%(source)s: invoices (not credit notes) with an amount payable, issued on or "
            "before the period's last day and due before it; paid according to the "
            "auditfile's receivables when it is loaded."
        ) % {"source": source.name}
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
        if computation.standard and not computation.source.is_auditfile:
            cur = con.execute(
                "SELECT * FROM src WHERE kind = 'invoice' AND issue_date <= ? AND due_date < ? "
                "ORDER BY __row LIMIT 100",
                [period.end, period.end],
            )
            return [d[0] for d in cur.description], cur.fetchall(), []
        if computation.standard:
            centres = cost_centres_of(computation)
            sql = drill_sql(computation.standard, period.start, period.end, centres)
            accounts = con.execute(sql).fetchall()
            cats = "', '".join(STANDARDS[computation.standard].drill)
            only, params = "", [period.start, period.end]
            if centres is not None:
                only = " AND l.cost_centre IN (SELECT unnest(?))"
                params.append(list(centres))
            cur = con.execute(
                "SELECT l.* FROM lines l JOIN accounts a USING (account) WHERE a.category IN "
                f"('{cats}') AND date >= ? AND date <= ?{only} ORDER BY __row LIMIT 100",
                params,
            )
            return [d[0] for d in cur.description], cur.fetchall(), accounts
        compiled = compile_definition(definition_of(computation), computation.source.column_types)
        names, rows = rows_behind(con, compiled, period)
        return names, rows, []
    finally:
        con.close()
