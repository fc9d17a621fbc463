"""An uploaded file before it is loaded: kept aside, read far enough to show what it holds.

The web flow is upload → see what was read → confirm; only the confirmation loads the file
(as a background job). What would be replaced (a financial year, a table source's file) and
an auditfile of another company are asked for in the confirmation.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from django.utils import timezone

from koers.sources.errors import LoadError
from koers.sources.loading import (
    TABLE_KINDS,
    checksum,
    company_differs,
    default_name,
    file_kind,
)
from koers.sources.models import DataSource, Kind, PendingLoad
from koers.sources.tabular import inspect_table
from koers.sources.ubl import read_invoices
from koers.sources.xaf import peek_auditfile

KEEP = timedelta(days=1)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal | float):
        return str(value)
    return str(value)


def _table(path: Path, kind: str, name: str) -> dict:
    if kind == Kind.UBL:
        with tempfile.TemporaryDirectory() as tmp:
            table = read_invoices(path, Path(tmp) / "invoices.parquet", name=name)
        rows = [row[1:] for row in table.preview]  # without __row
    else:
        table = inspect_table(path, name=name)
        rows = table.preview
    return {
        "rows": table.rows,
        "columns": [c.as_dict() for c in table.columns],
        "preview": [[_cell(v) for v in row] for row in rows],
    }


def inspect(organisation, path: Path, *, name: str, source_name: str) -> dict:
    """What the file holds and what loading it would do (JSON)."""
    kind = file_kind(path, name)
    source_name = source_name or default_name(kind, name)
    source = DataSource.objects.for_org(organisation).filter(name=source_name).first()
    if source is not None:
        same = source.kind == kind or (source.kind in TABLE_KINDS and kind in TABLE_KINDS)
        if not same:
            raise LoadError(
                "kind_mismatch",
                file=name,
                source=source_name,
                expected=source.get_kind_display(),
                found=Kind(kind).label,
            )
    sha = checksum(path)
    found = {"kind": kind, "source": source_name, "new_source": source is None}
    found["same_file"] = bool(source and source.snapshots.filter(sha256=sha).exists())
    found["replaces"] = ""
    found["other_company"] = ""
    if kind == Kind.XAF:
        head = peek_auditfile(path, name=name)
        found.update(head)
        if source is not None:
            year = source.snapshots.filter(fiscal_year=head["fiscal_year"]).first()
            if year is not None and not found["same_file"]:
                found["replaces"] = f"{head['fiscal_year']} ({year.file_name})"
            found["other_company"] = company_differs(source, head["company"])
    else:
        found.update(_table(path, kind, name))
        old = source.snapshots.first() if source else None
        if old is not None and not found["same_file"]:
            found["replaces"] = old.file_name
    return found


def _forget_old(organisation) -> None:
    for old in PendingLoad.objects.filter(
        organisation=organisation, created_at__lt=timezone.now() - KEEP
    ):
        discard(old)


def stage(organisation, user, upload, source_name: str) -> PendingLoad:
    """Keep the upload aside and read what it holds; a bad file raises LoadError, kept nowhere."""
    _forget_old(organisation)
    name = Path(upload.name).name[:300]
    pending = PendingLoad.objects.create(
        organisation=organisation, user=user, file_name=name, source_name="", kind=Kind.CSV
    )
    try:
        with pending.path().open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        found = inspect(organisation, pending.path(), name=name, source_name=source_name)
    except BaseException:
        discard(pending)
        raise
    pending.kind, pending.source_name, pending.preview = found["kind"], found["source"], found
    pending.save(update_fields=["kind", "source_name", "preview"])
    return pending


def discard(pending: PendingLoad) -> None:
    shutil.rmtree(pending.directory(), ignore_errors=True)
    pending.delete()
