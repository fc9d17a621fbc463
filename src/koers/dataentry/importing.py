"""A file in, a plan out: the part of importing shared by `koers import` and the web page.

On the web a file is parsed once (``check_batch``): its rows are stored, packed, in the
``ImportBatch`` next to what the preview shows; the confirmation (``apply_batch``) checks
those stored rows again against what is stored now and writes them, without reading the file
again. Both are plain functions taking ids, run as background jobs for large files
(``koers.dataentry.tasks``) and at once for small ones.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from koers.kpis.models import KPI, Source
from koers.kpis.recording import RecordSummary

from .models import ImportBatch
from .plan import Plan, RowError, RowInput, apply_plan, make_plan
from .tables import TableError, entries, read_table

SHOWN_ROWS = 2000  # rows of the preview kept for the page
PROGRESS_EVERY = 10_000  # rows read between two progress reports


@dataclass
class FilePlan:
    plan: Plan
    layout: str  # "long" | "wide" | "single"
    rows: int  # data rows in the file


def _row_inputs(cells) -> Iterator[RowInput]:
    for e in cells:
        yield RowInput(e.row, e.kpi, e.period, e.value, e.comment, e.column, e.kpi_row)


class _FileRows:
    """The rows of a file, read afresh each time they are gone through: the plan streams them
    and reads them again only to settle an ambiguous number. The first reading may pack every
    row (``keep``) and report progress."""

    def __init__(self, cells, data: bytes, filename: str, sheet, single: bool) -> None:
        self.first: Iterator[RowInput] | None = _row_inputs(cells)
        self.data, self.filename, self.sheet, self.single = data, filename, sheet, single
        self.keep: RowPacker | None = None
        self.progress = None

    def __iter__(self) -> Iterator[RowInput]:
        if self.first is None:  # again: read the file again
            table = read_table(self.data, self.filename, self.sheet)
            yield from _row_inputs(entries(table, self.single)[1])
            return
        rows, self.first = self.first, None
        yield from (rows if self.keep is None else self._kept(rows))

    def _kept(self, rows: Iterator[RowInput]) -> Iterator[RowInput]:
        keep = self.keep
        for row in rows:
            keep.add(row)
            if self.progress is not None and keep.count % PROGRESS_EVERY == 0:
                self.progress(keep.count)
            yield row


def plan_file(
    organisation,
    data: bytes,
    filename: str,
    *,
    access,
    kpi: KPI | None = None,
    sheet: str | None = None,
    decimal: str | None = None,
    keep: RowPacker | None = None,
    progress=None,
    confirm: bool = False,
) -> FilePlan:
    """Read a CSV/.xlsx file and plan it. Raises tables.TableError for an unreadable file.

    The file's rows are streamed, not held. ``keep``: a ``RowPacker`` that receives every
    row read, to store them; ``progress(n)`` is told every PROGRESS_EVERY rows how many have
    been read; ``confirm``: the plausibility warnings are confirmed
    (``koers import --confirm``)."""
    table = read_table(data, filename, sheet)
    layout, cells = entries(table, single=kpi is not None)
    rows = _FileRows(cells, data, filename, sheet, kpi is not None)
    rows.keep, rows.progress = keep, progress
    if confirm:
        rows = _Confirmed(rows)
    plan = make_plan(organisation, rows, access=access, kpi=kpi, decimal=decimal)
    return FilePlan(plan, layout, table.read_rows)


def apply_file_plan(plan: Plan, *, user, filename: str) -> RecordSummary:
    """Write the plan as an import of ``filename`` (history: source import, the file name)."""
    return apply_plan(plan, user=user, source=Source.IMPORT, detail=filename)


# --------------------------------------------------------------------------------------------
# Rows kept between the preview and the confirmation
# --------------------------------------------------------------------------------------------


def _cell_json(value):
    if isinstance(value, datetime):
        return {"dt": value.isoformat()}
    if isinstance(value, date):
        return {"d": value.isoformat()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _cell_value(value):
    if isinstance(value, dict):
        return (
            datetime.fromisoformat(value["dt"]) if "dt" in value else date.fromisoformat(value["d"])
        )
    return value


class RowPacker:
    """Rows as compressed JSON lines, packed as they come: the column names once, then one
    short list per row."""

    def __init__(self) -> None:
        self.count = 0
        self._packer = zlib.compressobj(6)
        self._columns: dict[int, int] = {}  # id of a column dict -> its number
        self._column_keys: dict[str, int] = {}  # the same, by content
        self._column_dicts: list[dict] = []  # kept alive, so their ids stay theirs
        self._parts: list[bytes] = []

    def _column(self, column: dict) -> int:
        number = self._columns.get(id(column))
        if number is None:
            key = json.dumps(column, sort_keys=True)
            number = self._column_keys.get(key)
            if number is None:
                number = self._column_keys[key] = len(self._column_keys)
                self._write("C" + key)
            self._columns[id(column)] = number
            self._column_dicts.append(column)
        return number

    def _write(self, line: str) -> None:
        part = self._packer.compress((line + "\n").encode())
        if part:
            self._parts.append(part)

    def add(self, row: RowInput) -> None:
        self.count += 1
        line = [row.row, row.kpi, _cell_json(row.period), _cell_json(row.value), row.comment,
                self._column(row.column), row.kpi_row]  # fmt: skip
        self._write(json.dumps(line, ensure_ascii=False))

    def finish(self) -> bytes:
        self._parts.append(self._packer.flush())
        return b"".join(self._parts)


def pack_rows(rows: Iterable[RowInput]) -> bytes:
    packer = RowPacker()
    for row in rows:
        packer.add(row)
    return packer.finish()


def _lines(data: bytes) -> Iterator[str]:
    """The lines of packed rows, unpacked a piece at a time."""
    unpacker = zlib.decompressobj()
    rest = b""
    for start in range(0, len(data), 1 << 16):
        chunk = rest + unpacker.decompress(data[start : start + (1 << 16)])
        *lines, rest = chunk.split(b"\n")
        for line in lines:
            yield line.decode()
    rest += unpacker.flush()
    if rest:
        yield rest.decode()


def unpack_rows(data: bytes) -> Iterator[RowInput]:
    columns: list[dict] = []
    for line in _lines(data):
        if line.startswith("C"):
            columns.append(json.loads(line[1:]))
            continue
        row, kpi, period, value, comment, column, kpi_row = json.loads(line)
        yield RowInput(
            row, kpi, _cell_value(period), _cell_value(value), comment, columns[column], kpi_row
        )


class PackedRows:
    """Packed rows that can be gone through more than once (each time unpacked afresh)."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def __iter__(self) -> Iterator[RowInput]:
        return unpack_rows(self.data)


def preview_of(result: FilePlan) -> dict:
    """What the preview page shows, as JSON: counts, and the first rows and errors."""
    plan = result.plan
    changes = [
        {"row": c.row, "status": c.status, "kpi": c.kpi.code, "frequency": str(c.kpi.frequency),
         "period": c.period.key, "decimals": c.kpi.decimals,
         "old": None if c.old_value is None else str(c.old_value), "new": str(c.new_value)}
        for c in plan.changes[:SHOWN_ROWS]
    ]  # fmt: skip
    return {
        "layout": result.layout,
        "rows": result.rows,
        "ok": plan.ok,
        "counts": plan.counts,
        "forbidden": list(plan.forbidden),
        "errors": [asdict(e) for e in plan.errors[:SHOWN_ROWS]],
        "error_count": plan.error_count,
        # plausibility warnings: the import is written only once the user confirms them
        "warnings": [asdict(w) for w in plan.warnings[:SHOWN_ROWS]],
        "warning_count": len(plan.warnings),
        "confirmable": plan.needs_confirmation,
        "changes": changes,
        "change_count": len(plan.changes),
    }


def stored_errors(preview: dict, kind: str = "errors") -> list[RowError]:
    """The preview's errors (or, with ``kind="warnings"``, its plausibility warnings)."""
    return [RowError(**fields) for fields in preview.get(kind, [])]


class _Confirmed:
    """Rows whose plausibility warnings the user confirmed; as re-readable as the rows."""

    def __init__(self, rows: Iterable[RowInput]) -> None:
        self.rows = rows

    def __iter__(self) -> Iterator[RowInput]:
        for row in self.rows:
            row.confirmed = True
            yield row


# --------------------------------------------------------------------------------------------
# The two steps of a web import, as plain functions of ids (run as jobs or at once)
# --------------------------------------------------------------------------------------------


def check_batch(batch_id: int, access, progress=None) -> ImportBatch:
    """Parse the uploaded file once, plan it, and keep the rows and the preview."""
    batch = ImportBatch.objects.select_related("kpi").get(pk=batch_id)
    kept = RowPacker()
    try:
        result = plan_file(
            batch.organisation, bytes(batch.data), batch.filename, access=access, kpi=batch.kpi,
            sheet=batch.sheet or None, decimal=batch.decimal or None, keep=kept,
            progress=progress,
        )  # fmt: skip
    except TableError as error:
        batch.result = {"file_error": {"code": error.code, "params": error.params}}
        batch.status = ImportBatch.Status.REJECTED
    else:
        batch.rows = kept.finish()
        batch.result = preview_of(result)
    batch.data = b""  # parsed once: the rows are kept, the file is no longer needed
    batch.save(update_fields=["rows", "result", "status", "data"])
    return batch


def apply_batch(batch_id: int, access, user, confirm: bool = False) -> tuple[bool, Plan | None]:
    """Check the kept rows against what is stored now and write them all, or nothing.

    ``confirm``: the user confirmed the preview's plausibility warnings (without it a plan
    with warnings is not written)."""
    with transaction.atomic():
        batch = (
            ImportBatch.objects.select_for_update(of=("self",))
            .select_related("kpi")
            .get(pk=batch_id)
        )
        if batch.status != ImportBatch.Status.PENDING or not batch.rows:
            return False, None
        preview = batch.result
        rows = PackedRows(bytes(batch.rows))
        plan = make_plan(
            batch.organisation, _Confirmed(rows) if confirm else rows, access=access,
            kpi=batch.kpi, decimal=batch.decimal or None,
        )  # fmt: skip
        if not plan.ok:
            return False, plan
        apply_file_plan(plan, user=user, filename=batch.filename)
        batch.status = ImportBatch.Status.APPLIED
        batch.applied_at = timezone.now()
        batch.result = {"counts": plan.counts, "layout": preview.get("layout", "")}
        batch.rows = b""
        batch.save(update_fields=["status", "applied_at", "result", "rows"])
    return True, plan
