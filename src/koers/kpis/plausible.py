"""The plan's plausibility step: every planned value asked about by ``koers.kpis.plausibility``.

``check(todo, wanted, today=...)`` returns ``(errors, warnings)`` as ``RowError``s (codes
``plausibility.*``) for ``todo``, the plan's wanted values that would be written, each with
its status (new, changed, deleted): errors (outside the bounds, a future period) are never
written; warnings (far outside the process, a jump, the current period, clearing a value) are
written only for rows whose ``RowInput.confirmed`` is set. Unchanged rows are not asked
about: nothing would be written. Queries: the KPIs' usual process (cached verdicts) and the
previous periods' values, once each for the whole batch. The usual process comes from the
trends app through
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
from .rows import DELETED, RowError

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


NOT_READ = object()  # a wanted value's ``before``: the previous period's value not read yet


def _previous_values(wanted: Mapping, todo: list) -> dict[tuple[int, date], Decimal]:
    """The value before each wanted one: from the batch itself, else as stored (read with the
    plan's stored values for a small plan, ``before``; else one query). ``wanted``: the plan's
    wanted values by KPI id, then period start."""
    found: dict[tuple[int, date], Decimal] = {}
    missing = []
    for want in todo:
        slot = (want.kpi.pk, want.period.previous().start)
        earlier = wanted.get(slot[0], {}).get(slot[1])
        if earlier is not None and earlier.value is not None:
            found[slot] = earlier.value
        elif want.before is not NOT_READ:
            if want.before is not None:
                found.setdefault(slot, want.before)
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
    columns, period_text, value_text, _ = want.note
    role = "period" if finding.name in ("future", "current_period") else "value"
    text = period_text if role == "period" else value_text
    column = columns.get(role, "")
    return RowError(want.row_no, column, text, finding.code, finding.json_params(), role=role)


def _findings(want, status: str, process, previous, today) -> list[Finding]:
    kpi, period = want.kpi, want.period
    if status == DELETED:
        return [check_clear(want.old[0] if want.old else None, label=_label(period))]
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


def check(todo: list, wanted: Mapping, *, today: date) -> tuple[list[RowError], list[RowError]]:
    """(errors, warnings) for ``todo``, (wanted value, status) pairs (see module)."""
    if not todo:
        return [], []
    usual = processes({w.kpi.pk: w.kpi for w, _ in todo}.values())
    previous = _previous_values(wanted, [w for w, _ in todo if w.value is not None])
    errors, warnings = [], []
    for want, status in todo:
        before = previous.get((want.kpi.pk, want.period.previous().start))
        for finding in _findings(want, status, usual.get(want.kpi.pk), before, today):
            if finding.blocking:
                errors.append(_row_error(want, finding))
            elif not want.note[3]:
                warnings.append(_row_error(want, finding))
    return errors, warnings
