"""The one way values are written: with history, all or nothing.

The entry form, the entry grid, imports, the API and the demo all call
``record_values``. It compares each value with what is stored, writes only
real changes, keeps a ``MeasurementChange`` for each, bumps the revision of
every KPI it touched (so cached trend results are recomputed), and does all
of it in one transaction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import KPI, Measurement, MeasurementChange, Source

BATCH = 2000


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


def _existing(changes: list[ValueChange]) -> dict[tuple[int, date], Measurement]:
    spans: dict[int, list[date]] = defaultdict(list)
    for change in changes:
        spans[change.kpi.pk].append(change.period_start)
    found: dict[tuple[int, date], Measurement] = {}
    for kpi_id, starts in spans.items():
        rows = Measurement.objects.filter(
            kpi_id=kpi_id, period_start__gte=min(starts), period_start__lte=max(starts)
        )
        for m in rows.iterator(chunk_size=BATCH):
            found[(kpi_id, m.period_start)] = m
    return found


def record_values(
    changes: Iterable[ValueChange], *, user, source: str = Source.WEB, detail: str = ""
) -> RecordSummary:
    """Write the values that differ from what is stored; keep the history of each."""
    changes = list(changes)
    summary = RecordSummary()
    user_id = user.pk if user is not None and user.is_authenticated else None
    with transaction.atomic():
        existing = _existing(changes)
        to_create: list[Measurement] = []
        to_update: list[Measurement] = []
        to_delete: list[int] = []
        history: list[MeasurementChange] = []
        for change in changes:
            kpi = change.kpi
            kpi.period_of(change.period_start)  # raises when not a period start
            current = existing.get((kpi.pk, change.period_start))
            log = MeasurementChange(
                organisation_id=kpi.organisation_id,
                kpi_id=kpi.pk,
                period_start=change.period_start,
                user_id=user_id,
                source=source,
                source_detail=detail[:200],
            )
            if change.value is None:
                if current is None:
                    summary.unchanged += 1
                    continue
                to_delete.append(current.pk)
                del existing[(kpi.pk, change.period_start)]
                log.action = MeasurementChange.Action.DELETED
                log.old_value, log.old_comment = current.value, current.comment
                summary.deleted += 1
            elif current is None:
                comment = change.comment or ""
                measurement = Measurement(
                    organisation_id=kpi.organisation_id,
                    kpi_id=kpi.pk,
                    period_start=change.period_start,
                    value=change.value,
                    comment=comment,
                    updated_by_id=user_id,
                )
                to_create.append(measurement)
                existing[(kpi.pk, change.period_start)] = measurement
                log.action = MeasurementChange.Action.CREATED
                log.new_value, log.new_comment = change.value, comment
                summary.created += 1
            else:
                comment = current.comment if change.comment is None else change.comment
                if current.value == change.value and current.comment == comment:
                    summary.unchanged += 1
                    continue
                log.action = MeasurementChange.Action.UPDATED
                log.old_value, log.old_comment = current.value, current.comment
                log.new_value, log.new_comment = change.value, comment
                current.value, current.comment, current.updated_by_id = (
                    change.value,
                    comment,
                    user_id,
                )
                current.updated_at = timezone.now()
                if current.pk is not None:
                    to_update.append(current)
                summary.updated += 1
            history.append(log)
            summary.changed_kpi_ids.add(kpi.pk)

        Measurement.objects.bulk_create(to_create, batch_size=BATCH)
        Measurement.objects.bulk_update(
            to_update, ["value", "comment", "updated_by", "updated_at"], batch_size=BATCH
        )
        for i in range(0, len(to_delete), BATCH):
            Measurement.objects.filter(pk__in=to_delete[i : i + BATCH]).delete()
        MeasurementChange.objects.bulk_create(history, batch_size=BATCH)
        if summary.changed_kpi_ids:
            KPI.objects.filter(pk__in=summary.changed_kpi_ids).update(revision=F("revision") + 1)
    return summary


def record_value(
    kpi: KPI, period_start: date, value: Decimal | None, comment: str | None, *, user, source
) -> RecordSummary:
    return record_values([ValueChange(kpi, period_start, value, comment)], user=user, source=source)
