"""Which values the entry grid asks for, and saving what was typed in it.

Choosing a period (usually a month) asks, for each active KPI of the unit, for every period
of the KPI's own frequency that *ends* inside the chosen one: a month shows its monthly
KPIs once, the weekly KPIs for each ISO week ending in that month, quarterly KPIs only in
the quarter's last month and yearly KPIs only in December. So walking month by month asks
for every value exactly once, and a KPI is asked for as soon as its period is complete.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django import forms

from koers.fields import LocalDecimalField, current_lang
from koers.kpis.models import KPI, Measurement, Source
from koers.kpis.recording import RecordSummary, ValueChange, record_values
from koers.numbers import format_number
from koers.periods import Period


@dataclass
class Cell:
    kpi: KPI
    period: Period
    value: Decimal | None
    previous: Decimal | None
    previous_period: Period
    editable: bool
    text: str = ""  # what is in the input (typed text is kept after an error)
    error: str = ""
    saved: bool = False

    @property
    def name(self) -> str:
        return f"c-{self.kpi.pk}-{self.period.key}"


def due_periods(kpi: KPI, chosen: Period) -> list[Period]:
    """The KPI's periods that end inside ``chosen``."""
    found = []
    period = Period.containing(chosen.start, kpi.frequency)
    while period.start <= chosen.end:
        if chosen.start <= period.end <= chosen.end:
            found.append(period)
        period = period.next()
    return found


def cells(unit, chosen: Period, *, editable: bool) -> list[Cell]:
    """One cell per (active KPI of the unit, due period), with stored and previous values."""
    kpis = list(KPI.objects.filter(unit=unit).active().order_by("-importance", "name"))
    wanted = [(kpi, p) for kpi in kpis for p in due_periods(kpi, chosen)]
    if not wanted:
        return []
    earliest = min(p.previous().start for _, p in wanted)
    stored = {
        (kpi_id, start): value
        for kpi_id, start, value in Measurement.objects.filter(
            kpi__in=kpis, period_start__gte=earliest, period_start__lte=chosen.end
        ).values_list("kpi_id", "period_start", "value")
    }
    lang = current_lang()
    result = []
    for kpi, period in wanted:
        value = stored.get((kpi.pk, period.start))
        before = period.previous()
        result.append(
            Cell(
                kpi,
                period,
                value,
                stored.get((kpi.pk, before.start)),
                before,
                editable,
                text=_show(value, lang),
            )
        )
    return result


def _show(value: Decimal | None, lang: str) -> str:
    if value is None:
        return ""
    return format_number(value.normalize(), None, lang, grouping=False)


def read(cell: Cell, text: str) -> tuple[bool, Decimal | None]:
    """(ok, value) for what was typed; on error, ``cell.error`` says why."""
    cell.text = text
    try:
        return True, LocalDecimalField(required=False).clean(text)
    except forms.ValidationError as error:
        cell.error = " ".join(error.messages)
        return False, None


def change_for(cell: Cell, value: Decimal | None) -> ValueChange | None:
    """The change to record, or None when the cell is unchanged (also: empty stays empty)."""
    if value is None and cell.value is None:
        return None
    if value is not None and cell.value is not None and value == cell.value:
        return None
    return ValueChange(cell.kpi, cell.period.start, value, None)


def save(cells_and_texts: list[tuple[Cell, str]], *, user) -> RecordSummary:
    """Save every readable cell at once; unreadable ones keep their text and error."""
    changes = []
    for cell, text in cells_and_texts:
        ok, value = read(cell, text)
        if not ok:
            continue
        change = change_for(cell, value)
        if change is not None:
            changes.append(change)
            cell.value = value
            cell.saved = True
            cell.text = _show(value, current_lang())
    return record_values(changes, user=user, source=Source.WEB, detail="entry grid")
