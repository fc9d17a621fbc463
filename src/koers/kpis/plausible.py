"""The plan's plausibility step: every planned value asked about by ``koers.kpis.plausibility``.

``check(wanted, changes, today=...)`` returns ``(errors, warnings)`` as ``RowError``s (codes
``plausibility.*``): errors (outside the bounds, a future period) are never written; warnings
(far outside the process, a jump, the current period, clearing a value) are written only for
rows whose ``RowInput.confirmed`` is set. Unchanged rows are not asked about: nothing would
be written. Queries: the KPIs' usual process (cached verdicts) and the previous periods'
values, once each for the whole batch. The usual process comes from the trends app through
``settings.KOERS_USUAL_PROCESS`` (``koers.trends.process.processes``), so kpis never imports
the layer above it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

from .models import Measurement
from .plausibility import Finding, check_clear, check_period, check_value
from .rows import CHANGED, DELETED, NEW, RowError, _shown

LANGS = ("nl", "en")


@cache
def _source(path: str):
    return import_string(path)


def processes(kpis) -> Mapping:
    """Each KPI's usual process (``plausibility.Process`` or None), by primary key: asked of
    ``settings.KOERS_USUAL_PROCESS`` (the trends app keeps the verdicts, a layer above kpis);
    none at all when it is not set."""
    path = getattr(settings, "KOERS_USUAL_PROCESS", "")
    return _source(path)(kpis) if path else {}


def _label(period) -> dict[str, str]:
    return {lang: period.long_label(lang) for lang in LANGS}


def _previous_values(wanted: Mapping, todo: list) -> dict[tuple[int, date], Decimal]:
    """The value before each wanted one: from the batch itself, else as stored (one query)."""
    found: dict[tuple[int, date], Decimal] = {}
    missing = []
    for want in todo:
        slot = (want.kpi.pk, want.period.previous().start)
        earlier = wanted.get(slot)
        if earlier is not None and earlier.value is not None:
            found[slot] = earlier.value
        else:
            missing.append(slot)
    if missing:
        rows = Measurement.objects.filter(
            kpi_id__in={k for k, _ in missing}, period_start__in={s for _, s in missing}
        ).values_list("kpi_id", "period_start", "value")
        rows = rows.order_by()
        for kpi_id, start, value in rows:
            found.setdefault((kpi_id, start), value)
    return found


def _row_error(want, finding: Finding) -> RowError:
    row = want.row
    role = "period" if finding.name in ("future", "current_period") else "value"
    text = _shown(row.period) if role == "period" else _shown(row.value)
    column = row.column.get(role, "")
    return RowError(row.row, column, text, finding.code, finding.json_params(), role=role)


def _findings(want, change, process, previous, today) -> list[Finding]:
    kpi, period = want.kpi, want.period
    if change.status == DELETED:
        return [check_clear(change.old_value, label=_label(period))]
    found = []
    on_period = check_period(
        period.start, period.end, today, label=_label(period), value=want.value
    )
    if on_period is not None:
        if on_period.blocking:
            return [on_period]
        found.append(on_period)
    found += check_value(
        want.value,
        unit=kpi.unit_of_measure,
        minimum=kpi.minimum,
        maximum=kpi.maximum,
        decimals=kpi.decimals,
        process=process,
        previous=previous,
        previous_period=_label(period.previous()),
    )
    return found


def check(wanted: Mapping, changes: list, *, today: date) -> tuple[list[RowError], list[RowError]]:
    """(errors, warnings) for the planned ``changes`` of the ``wanted`` rows (see module)."""
    by_slot = {(c.kpi.pk, c.period.start): c for c in changes}
    todo = [
        w
        for slot, w in wanted.items()
        if slot in by_slot and by_slot[slot].status in (NEW, CHANGED, DELETED)
    ]
    if not todo:
        return [], []
    usual = processes({w.kpi.pk: w.kpi for w in todo}.values())
    previous = _previous_values(wanted, [w for w in todo if w.value is not None])
    errors, warnings = [], []
    for want in todo:
        change = by_slot[(want.kpi.pk, want.period.start)]
        before = previous.get((want.kpi.pk, want.period.previous().start))
        for finding in _findings(want, change, usual.get(want.kpi.pk), before, today):
            if finding.blocking:
                errors.append(_row_error(want, finding))
            elif not want.row.confirmed:
                warnings.append(_row_error(want, finding))
    return errors, warnings
