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
from .models import KPI, Feed, Measurement, MeasurementChange, Source

BATCH = 2000

# Koers' own writers: the only sources that may write a fed (computed / rolled-up) KPI.
FEEDING_SOURCES = frozenset({Source.COMPUTED, Source.ROLLUP, Source.DEMO})


class FedKPIError(ValueError):
    """A value for a KPI whose values Koers writes itself, from a source other than Koers."""


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


@dataclass(slots=True)
class _Stored:
    """A stored value (``pk`` set) or one created earlier in this batch (``row`` set: its
    place in the rows not yet written; neither: written already, its pk not read back)."""

    value: Decimal
    comment: str
    pk: int | None = None
    row: int | None = None


def _spans(changes: list[ValueChange]) -> dict[int, tuple[date, date]]:
    spans: dict[int, list[date]] = defaultdict(list)
    for change in changes:
        spans[change.kpi.pk].append(change.period_start)
    return {kpi_id: (min(starts), max(starts)) for kpi_id, starts in spans.items()}


def _stored(kpi_id: int, span: tuple[date, date] | None) -> Iterable[tuple]:
    rows = Measurement.objects.filter(kpi_id=kpi_id).order_by()  # no join for the ordering
    if span is not None:
        rows = rows.filter(period_start__gte=span[0], period_start__lte=span[1])
    fields = ("pk", "period_start", "value", "comment")
    return rows.values_list(*fields).iterator(chunk_size=BATCH)


def _insert(model, rows: list[dict]) -> None:
    """INSERT rows given as {field name: database value}, one executemany per BATCH."""
    if not rows:
        return
    meta, q = model._meta, connection.ops.quote_name
    columns = list(rows[0])
    names = ", ".join(q(meta.get_field(c).column) for c in columns)
    marks = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {q(meta.db_table)} ({names}) VALUES ({marks})"
    params = [tuple(row[c] for c in columns) for row in rows]
    with connection.cursor() as cursor:
        for i in range(0, len(params), BATCH):
            cursor.executemany(sql, params[i : i + BATCH])


def _update(rows: dict[int, dict]) -> None:
    """UPDATE measurements by primary key from {pk: {field name: database value}}."""
    if not rows:
        return
    meta, q = Measurement._meta, connection.ops.quote_name
    columns = list(next(iter(rows.values())))
    sets = ", ".join(f"{q(meta.get_field(c).column)} = %s" for c in columns)
    sql = f"UPDATE {q(meta.db_table)} SET {sets} WHERE {q(meta.pk.column)} = %s"
    params = [(*(row[c] for c in columns), pk) for pk, row in rows.items()]
    with connection.cursor() as cursor:
        for i in range(0, len(params), BATCH):
            cursor.executemany(sql, params[i : i + BATCH])


class _Batch:
    """The rows one call of ``record_values`` writes, built change by change and written in
    blocks of ``FLUSH`` rows (inside the caller's transaction), so that memory stays bounded
    however many values come in: at no time are all rows and their history held at once."""

    def __init__(self, user, source: str, detail: str, spans=None, stored=None) -> None:
        ops = connection.ops
        self.ops = ops
        self.user_id = user.pk if user is not None and user.is_authenticated else None
        self.now = ops.adapt_datetimefield_value(timezone.now())
        self.source, self.detail = source, detail[:200]
        self.spans = spans  # {kpi id: (first, last)} known up front, else whole series
        self.known: dict[int, list] | None = None  # the caller's read (``record_values``)
        if stored is not None:
            self.known = defaultdict(list)
            for (kpi_id, start), (pk, value, comment) in stored.items():
                self.known[kpi_id].append((pk, start, value, comment))
        self.existing: dict[tuple[int, date], _Stored] = {}
        self.loaded: set[int] = set()
        self.created: list[tuple[int, date]] = []  # keys of the rows in ``creates``
        self.creates: list[dict | None] = []
        self.updates: dict[int, dict] = {}
        self.deletes: list[int] = []
        self.history: list[dict] = []
        self.summary = RecordSummary()

    def load(self, kpi_id: int) -> None:
        """The stored values of a KPI, read when its first change comes."""
        self.loaded.add(kpi_id)
        span = None if self.spans is None else self.spans.get(kpi_id)
        rows = _stored(kpi_id, span) if self.known is None else self.known.get(kpi_id, ())
        for pk, start, value, comment in rows:
            self.existing[(kpi_id, start)] = _Stored(value, comment, pk=pk)

    def dec(self, value: Decimal | None):
        return None if value is None else self.ops.adapt_decimalfield_value(value, 20, 6)

    def measurement(self, kpi: KPI, start: date, value: Decimal, comment: str) -> dict:
        return {
            "organisation": kpi.organisation_id,
            "kpi": kpi.pk,
            "period_start": self.ops.adapt_datefield_value(start),
            "value": self.dec(value),
            "comment": comment,
            "updated_by": self.user_id,
            "updated_at": self.now,
        }

    def add(self, change: ValueChange) -> None:
        kpi = change.kpi
        kpi.period_of(change.period_start)  # raises when not a period start
        if kpi.pk not in self.loaded:
            self.load(kpi.pk)
        key = (kpi.pk, change.period_start)
        current = self.existing.get(key)
        if current is not None and current.pk is None and current.row is None:
            current.pk = self.written_pk(key)
        if change.value is None:
            done = self.delete(key, current)
        elif current is None:
            done = self.create(key, change)
        else:
            done = self.correct(current, change)
        if done is None:
            self.summary.unchanged += 1
        else:
            action, old, new = done
            self.log(kpi, change.period_start, action, old, new)
        if len(self.creates) + len(self.updates) + len(self.history) >= FLUSH:
            self.write()

    def written_pk(self, key: tuple[int, date]) -> int:
        """The primary key of a row this batch created and wrote already."""
        return Measurement.objects.values_list("pk", flat=True).get(
            kpi_id=key[0], period_start=key[1]
        )

    def delete(self, key, current: _Stored | None):
        if current is None:
            return None
        if current.pk is not None:
            self.deletes.append(current.pk)
            self.updates.pop(current.pk, None)
        else:
            self.creates[current.row] = None
        del self.existing[key]
        self.summary.deleted += 1
        return MeasurementChange.Action.DELETED, current, None

    def create(self, key, change: ValueChange):
        comment = change.comment or ""
        self.existing[key] = _Stored(change.value, comment, row=len(self.creates))
        row = self.measurement(change.kpi, change.period_start, change.value, comment)
        self.creates.append(row)
        self.created.append(key)
        self.summary.created += 1
        return MeasurementChange.Action.CREATED, None, _Stored(change.value, comment)

    def correct(self, current: _Stored, change: ValueChange):
        value = change.value
        comment = current.comment if change.comment is None else change.comment
        if current.value == value and current.comment == comment:
            return None
        old = _Stored(current.value, current.comment)
        current.value, current.comment = value, comment
        row = self.measurement(change.kpi, change.period_start, value, comment)
        if current.pk is not None:
            self.updates[current.pk] = {k: row[k] for k in _CORRECTED}
        else:
            self.creates[current.row] = row
        self.summary.updated += 1
        return MeasurementChange.Action.UPDATED, old, _Stored(value, comment)

    def log(self, kpi: KPI, start: date, action: str, old, new) -> None:
        self.history.append(
            {
                "organisation": kpi.organisation_id,
                "kpi": kpi.pk,
                "period_start": self.ops.adapt_datefield_value(start),
                "action": action,
                "old_value": self.dec(old.value) if old else None,
                "new_value": self.dec(new.value) if new else None,
                "old_comment": old.comment if old else "",
                "new_comment": new.comment if new else "",
                "user": self.user_id,
                "source": self.source,
                "source_detail": self.detail,
                "at": self.now,
            }
        )
        self.summary.changed_kpi_ids.add(kpi.pk)

    def write(self) -> None:
        """Write the rows gathered so far (deletes first: a key may be deleted and created)."""
        for i in range(0, len(self.deletes), BATCH):
            Measurement.objects.filter(pk__in=self.deletes[i : i + BATCH]).delete()
        _update(self.updates)
        _insert(Measurement, [row for row in self.creates if row is not None])
        _insert(MeasurementChange, self.history)
        for key in self.created:  # written: a later change of it reads its pk back
            stored = self.existing.get(key)
            if stored is not None and stored.row is not None:
                stored.row = None
        self.deletes, self.updates, self.created, self.creates, self.history = [], {}, [], [], []

    def finish(self) -> None:
        self.write()
        if self.summary.changed_kpi_ids:
            changed = self.summary.changed_kpi_ids
            KPI.objects.filter(pk__in=changed).update(revision=F("revision") + 1)


_CORRECTED = ("value", "comment", "updated_by", "updated_at")
FLUSH = 20_000  # rows (values and history) gathered before they are written


def _check_feed(change: ValueChange, source: str) -> None:
    if source not in FEEDING_SOURCES and change.kpi.is_fed:
        raise FedKPIError(
            f"KPI {change.kpi.code} is fed by Koers ({change.kpi.feed}); "
            f"source {source!r} may not write its values"
        )


class _Ancestors:
    """The periods per KPI code that roll-ups above may need recomputed, per organisation
    (as ``rollup.recompute_ancestors``). A large write first asks whether the organisation
    has roll-ups at all, and stops gathering when it has none."""

    ASK_AFTER = 10_000

    def __init__(self) -> None:
        self.none_above: set[int] = set()
        self.asked: set[int] = set()
        self.count = 0
        self.changed: dict[int, dict[str, set[date]]] = defaultdict(lambda: defaultdict(set))

    def note(self, change: ValueChange) -> None:
        org = change.kpi.organisation_id
        if org in self.none_above:
            return
        self.changed[org][change.kpi.code].add(change.period_start)
        self.count += 1
        if self.count >= self.ASK_AFTER and org not in self.asked:
            self.asked.add(org)
            rollups = KPI.objects.filter(organisation_id=org, feed=Feed.ROLLUP)
            if not rollups.exclude(rollup_rule="").exists():
                self.none_above.add(org)
                self.changed.pop(org, None)

    def recompute(self, changed_kpi_ids: set[int], kpis: dict[int, KPI]) -> None:
        codes = {(kpis[k].organisation_id, kpis[k].code) for k in changed_kpi_ids if k in kpis}
        for org, by_code in self.changed.items():
            wanted = {c: starts for c, starts in by_code.items() if (org, c) in codes}
            if wanted:
                rollup.recompute(org, wanted)


def record_values(
    changes: Iterable[ValueChange],
    *,
    user,
    source: str = Source.WEB,
    detail: str = "",
    stored: dict[tuple[int, date], tuple[int, Decimal, str]] | None = None,
) -> RecordSummary:
    """Write the values that differ from what is stored; keep the history of each.

    All in one transaction; ``changes`` may be a generator (an import of millions of rows is
    written in blocks, never held at once). Values of a fed KPI (``KPI.is_fed``) are written
    only by Koers itself (source computed, rollup or demo); any other source raises
    ``FedKPIError`` and writes nothing.

    ``stored``: what the caller read as stored for every (KPI id, period start) it changes,
    as {key: (pk, value, comment)} (a key not in it: nothing stored), inside the transaction
    it calls from, with those KPIs locked (``koers.kpis.plan.locked``): then nothing is read
    again, and no savepoint is taken (an error ends the caller's transaction too).
    """
    if isinstance(changes, list | tuple):
        for change in changes:
            _check_feed(change, source)  # before anything is written
        spans = _spans(list(changes))
    else:
        spans = None  # a stream: each KPI's stored values are read when it first comes
    ancestors = _Ancestors() if source != Source.ROLLUP else None  # roll-ups do their own
    kpis: dict[int, KPI] = {}
    with transaction.atomic(savepoint=stored is None):
        batch = _Batch(user, source, detail, spans, stored)
        for change in changes:
            _check_feed(change, source)
            batch.add(change)
            kpis.setdefault(change.kpi.pk, change.kpi)
            if ancestors is not None:
                ancestors.note(change)
        batch.finish()
        if ancestors is not None and batch.summary.changed_kpi_ids:
            ancestors.recompute(batch.summary.changed_kpi_ids, kpis)
    return batch.summary


def record_value(
    kpi: KPI, period_start: date, value: Decimal | None, comment: str | None, *, user, source
) -> RecordSummary:
    return record_values([ValueChange(kpi, period_start, value, comment)], user=user, source=source)
