"""The one way values are written: with history, all or nothing.

The entry form, the entry grid, imports, the API and the demo all call
``record_values``. It compares each value with what is stored, writes only
real changes, keeps a ``MeasurementChange`` for each, bumps the revision of
every KPI it touched (so cached trend results are recomputed), and does all
of it in one transaction.

Imports write up to hundreds of thousands of rows at once, so the rows are
written with one ``executemany`` per table instead of model instances: the
same columns and the same database adaptation Django uses, without building
two model objects per value.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from . import rollup
from .models import KPI, Measurement, MeasurementChange, Source

BATCH = 2000
_M_COLUMNS = ["organisation", "kpi", "period_start", "value", "comment", "updated_by", "updated_at"]
_H_COLUMNS = [
    "organisation",
    "kpi",
    "period_start",
    "action",
    "old_value",
    "new_value",
    "old_comment",
    "new_comment",
    "user",
    "source",
    "source_detail",
    "at",
]


@dataclass(frozen=True)
class ValueChange:
    kpi: KPI
    period_start: date
    value: Decimal | None  # None deletes the value
    comment: str | None = None  # None keeps the stored comment


@dataclass
class RecordSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    changed_kpi_ids: set[int] = field(default_factory=set)

    @property
    def written(self) -> int:
        return self.created + self.updated + self.deleted


@dataclass
class _Stored:
    """A stored value (``pk`` set) or one created earlier in this batch (``row`` set)."""

    value: Decimal
    comment: str
    pk: int | None = None
    row: int | None = None


def _existing(changes: list[ValueChange]) -> dict[tuple[int, date], _Stored]:
    spans: dict[int, list[date]] = defaultdict(list)
    for change in changes:
        spans[change.kpi.pk].append(change.period_start)
    found: dict[tuple[int, date], _Stored] = {}
    for kpi_id, starts in spans.items():
        rows = Measurement.objects.filter(
            kpi_id=kpi_id, period_start__gte=min(starts), period_start__lte=max(starts)
        ).values_list("pk", "period_start", "value", "comment")
        for pk, start, value, comment in rows.iterator(chunk_size=BATCH):
            found[(kpi_id, start)] = _Stored(value, comment, pk=pk)
    return found


def _insert(model, columns: list[str], rows: list[tuple]) -> None:
    if not rows:
        return
    meta = model._meta
    names = ", ".join(connection.ops.quote_name(meta.get_field(c).column) for c in columns)
    marks = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {connection.ops.quote_name(meta.db_table)} ({names}) VALUES ({marks})"
    with connection.cursor() as cursor:
        for i in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[i : i + BATCH])


def _update(rows: list[tuple]) -> None:
    if not rows:
        return
    meta = Measurement._meta
    q = connection.ops.quote_name
    sets = ", ".join(
        f"{q(meta.get_field(c).column)} = %s"
        for c in ["value", "comment", "updated_by", "updated_at"]
    )
    sql = f"UPDATE {q(meta.db_table)} SET {sets} WHERE {q(meta.pk.column)} = %s"
    with connection.cursor() as cursor:
        for i in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[i : i + BATCH])


def record_values(
    changes: Iterable[ValueChange], *, user, source: str = Source.WEB, detail: str = ""
) -> RecordSummary:
    """Write the values that differ from what is stored; keep the history of each."""
    changes = list(changes)
    summary = RecordSummary()
    user_id = user.pk if user is not None and user.is_authenticated else None
    ops = connection.ops
    now = ops.adapt_datetimefield_value(timezone.now())
    detail = detail[:200]

    def dec(value: Decimal | None):
        return None if value is None else ops.adapt_decimalfield_value(value, 20, 6)

    with transaction.atomic():
        existing = _existing(changes)
        creates: list[tuple | None] = []
        updates: dict[int, tuple] = {}
        deletes: list[int] = []
        history: list[tuple] = []
        for change in changes:
            kpi = change.kpi
            kpi.period_of(change.period_start)  # raises when not a period start
            key = (kpi.pk, change.period_start)
            start = ops.adapt_datefield_value(change.period_start)
            current = existing.get(key)
            if change.value is None:
                if current is None:
                    summary.unchanged += 1
                    continue
                if current.pk is not None:
                    deletes.append(current.pk)
                    updates.pop(current.pk, None)
                else:
                    creates[current.row] = None
                del existing[key]
                action, old, new = MeasurementChange.Action.DELETED, current, None
                summary.deleted += 1
            else:
                value = change.value
                if current is None:
                    comment = change.comment or ""
                    existing[key] = _Stored(value, comment, row=len(creates))
                    creates.append(
                        (kpi.organisation_id, kpi.pk, start, dec(value), comment, user_id, now)
                    )
                    action, old = MeasurementChange.Action.CREATED, None
                    summary.created += 1
                else:
                    comment = current.comment if change.comment is None else change.comment
                    if current.value == value and current.comment == comment:
                        summary.unchanged += 1
                        continue
                    old = _Stored(current.value, current.comment)
                    current.value, current.comment = value, comment
                    if current.pk is not None:
                        updates[current.pk] = (dec(value), comment, user_id, now, current.pk)
                    else:
                        creates[current.row] = (
                            kpi.organisation_id,
                            kpi.pk,
                            start,
                            dec(value),
                            comment,
                            user_id,
                            now,
                        )
                    action = MeasurementChange.Action.UPDATED
                    summary.updated += 1
                new = _Stored(value, comment)
            history.append(
                (
                    kpi.organisation_id,
                    kpi.pk,
                    start,
                    action,
                    dec(old.value) if old else None,
                    dec(new.value) if new else None,
                    old.comment if old else "",
                    new.comment if new else "",
                    user_id,
                    source,
                    detail,
                    now,
                )
            )
            summary.changed_kpi_ids.add(kpi.pk)

        for i in range(0, len(deletes), BATCH):
            Measurement.objects.filter(pk__in=deletes[i : i + BATCH]).delete()
        _update(list(updates.values()))
        _insert(Measurement, _M_COLUMNS, [row for row in creates if row is not None])
        _insert(MeasurementChange, _H_COLUMNS, history)
        if summary.changed_kpi_ids:
            KPI.objects.filter(pk__in=summary.changed_kpi_ids).update(revision=F("revision") + 1)
            if source != Source.ROLLUP:  # roll-ups recompute their own ancestors in order
                rollup.recompute_ancestors(
                    c for c in changes if c.kpi.pk in summary.changed_kpi_ids
                )
    return summary


def record_value(
    kpi: KPI, period_start: date, value: Decimal | None, comment: str | None, *, user, source
) -> RecordSummary:
    return record_values([ValueChange(kpi, period_start, value, comment)], user=user, source=source)
