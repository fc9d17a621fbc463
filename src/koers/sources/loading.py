"""Loading a file into a source: read it, keep its snapshot, record its accounts.

All or nothing: the file is read into a new Parquet file first; only when that worked are
the database rows changed (in one transaction) and the old snapshot files removed.
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
from django.db import transaction

from koers.computation.auditfile import category_of
from koers.organisations.models import Organisation
from koers.sources.errors import LoadError
from koers.sources.models import Account, CostCentre, DataSource, Kind, Snapshot
from koers.sources.tabular import read_table
from koers.sources.ubl import read_invoices
from koers.sources.xaf import read_auditfile

TABLE_KINDS = (Kind.CSV, Kind.XLSX)


@dataclass
class LoadResult:
    source: DataSource
    snapshot: Snapshot
    kind: str
    unchanged: bool = False
    replaced_year: str = ""
    warnings: list[dict] = field(default_factory=list)
    has_due_dates: bool = True


def file_kind(path: Path, name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix in (".csv", ".txt", ".tsv"):
        return Kind.CSV
    if suffix in (".xlsx", ".xlsm"):
        return Kind.XLSX
    if suffix in (".xaf", ".xml", ".gz"):
        head = path.open("rb").read(4096).decode("utf-8", "replace").lower()
        if any(m in head for m in ("<invoice", "<creditnote", ":invoice", ":creditnote")):
            return Kind.UBL
        return Kind.XAF
    if suffix == ".zip":
        return Kind.UBL
    raise LoadError("unknown_kind", file=name)


def checksum(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def default_name(kind: str, name: str) -> str:
    if kind == Kind.XAF:
        return "auditfile"
    return "invoices" if kind == Kind.UBL else Path(name).stem[:100]


def _source(organisation, name: str, kind: str, file_name: str) -> DataSource:
    source = DataSource.objects.for_org(organisation).filter(name=name).first()
    if source is None:
        return DataSource.objects.create(organisation=organisation, name=name, kind=kind)
    same = source.kind == kind or (source.kind in TABLE_KINDS and kind in TABLE_KINDS)
    if not same:
        raise LoadError(
            "kind_mismatch",
            file=file_name,
            source=name,
            expected=source.get_kind_display(),
            found=Kind(kind).label,
        )
    return source


def load_file(
    organisation: Organisation,
    path: Path,
    *,
    name: str | None = None,
    source_name: str | None = None,
    types: dict[str, str] | None = None,
    confirm_company: bool = False,
    progress=None,
) -> LoadResult:
    """Load ``path`` into the organisation's source ``source_name`` (created when new)."""
    path = Path(path)
    name = name or path.name
    kind = file_kind(path, name)
    with transaction.atomic():
        source = _source(organisation, source_name or default_name(kind, name), kind, name)
    sha = checksum(path)
    same = source.snapshots.filter(sha256=sha).first()
    if same is not None and not types:
        return LoadResult(source, same, kind, unchanged=True, warnings=same.warnings)
    target = source.directory() / f"{sha[:20]}.parquet.part"
    try:
        if kind == Kind.XAF:
            result = _load_auditfile(source, path, target, name, sha, confirm_company, progress)
        else:
            result = _load_table(source, path, target, name, sha, kind, types)
    finally:
        target.unlink(missing_ok=True)
    return result


def _store(source: DataSource, target: Path, sha: str, old: list[Snapshot], **fields):
    final = target.with_name(f"{sha[:20]}.parquet")
    target.replace(final)
    stale = [s.path() for s in old if s.parquet != final.name]
    stale += [s.original() for s in old if s.sha256 != sha]
    for snapshot in old:
        snapshot.delete()
    snapshot = Snapshot.objects.create(
        organisation_id=source.organisation_id,
        source=source,
        sha256=sha,
        parquet=final.name,
        **fields,
    )
    transaction.on_commit(lambda: [p.unlink(missing_ok=True) for p in stale])
    return snapshot


def _load_table(source, path, target, name, sha, kind, types) -> LoadResult:
    if kind == Kind.UBL:
        table = read_invoices(path, target, name=name)
    else:
        table = read_table(path, target, name=name, types=types)
    original = source.directory() / f"{sha[:20]}.original"
    if Path(path).resolve() != original.resolve():
        shutil.copyfile(path, original)
    with transaction.atomic():
        old = list(source.snapshots.all())
        snapshot = _store(
            source,
            target,
            sha,
            old,
            file_name=name,
            rows=table.rows,
            date_from=table.date_from,
            date_to=table.date_to,
        )
        source.kind = kind
        source.columns = [c.as_dict() for c in table.columns]
        source.save()
    return LoadResult(source, snapshot, kind)


def company_differs(source: DataSource, company: dict) -> str:
    on_record = source.company or {}
    for key in ("commerce_number", "vat"):
        if on_record.get(key) and company.get(key) and on_record[key] != company[key]:
            return on_record[key]
    return ""


def _load_auditfile(source, path, target, name, sha, confirm, progress) -> LoadResult:
    audit = read_auditfile(path, target, name=name, progress=progress)
    expected = company_differs(source, audit.company)
    if expected and not confirm:
        found = audit.company.get("commerce_number") or audit.company.get("vat")
        raise LoadError(
            "other_company", file=name, found=found, expected=expected, source=source.name
        )
    moved = dict(
        duckdb.sql(
            f"SELECT account, sum(abs(amount)) FROM read_parquet('{target}') GROUP BY 1"
        ).fetchall()
    )
    with transaction.atomic():
        old = list(source.snapshots.filter(fiscal_year=audit.fiscal_year))
        snapshot = _store(
            source,
            target,
            sha,
            old,
            file_name=name,
            rows=audit.rows,
            date_from=audit.start or audit.date_from,
            date_to=audit.end or audit.date_to,
            fiscal_year=audit.fiscal_year,
            warnings=audit.warnings,
        )
        if not source.company or confirm:
            source.company = audit.company
            source.save()
        _save_accounts(source, audit.accounts, moved)
        _save_cost_centres(source)
    result = LoadResult(source, snapshot, Kind.XAF, warnings=audit.warnings)
    result.replaced_year = audit.fiscal_year if old else ""
    result.has_due_dates = audit.has_due_dates
    return result


def _save_accounts(source: DataSource, accounts, moved: dict) -> None:
    existing = {a.number: a for a in source.accounts.all()}
    for acc in accounts:
        row = existing.get(acc.number) or Account(
            organisation_id=source.organisation_id, source=source, number=acc.number
        )
        row.description = acc.description[:300]
        row.rgs_code = acc.rgs_code[:100] or row.rgs_code
        row.profit_loss = acc.profit_loss
        if not row.mapped_by_user:
            row.category = category_of(row.rgs_code)
        row.amount = moved.get(acc.number) or 0
        row.save()


def _save_cost_centres(source: DataSource) -> None:
    """Every cost centre the loaded years book on, with its amount moved (mapping kept)."""
    files = ", ".join("'" + str(s.path()).replace("'", "''") + "'" for s in source.snapshots.all())
    found = duckdb.sql(
        f"SELECT cost_centre, sum(abs(amount)), count(*) FROM read_parquet([{files}]) "
        "WHERE coalesce(cost_centre, '') <> '' GROUP BY 1"
    ).fetchall()
    existing = {c.code: c for c in source.cost_centres.all()}
    for code, amount, lines in found:
        row = existing.pop(code[:100], None) or CostCentre(
            organisation_id=source.organisation_id, source=source, code=code[:100]
        )
        row.amount, row.lines = amount or 0, lines
        row.save()
    for gone in existing.values():
        gone.amount, gone.lines = 0, 0
        gone.save(update_fields=["amount", "lines"])
