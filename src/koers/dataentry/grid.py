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
from koers.kpis.plan import CHANGED, DELETED, NEW, RowInput, apply_plan, make_plan
from koers.kpis.recording import RecordSummary
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

    @property
    def fed(self) -> bool:
        """Koers writes this value itself (computed or rolled up): shown, never typed over."""
        return self.kpi.is_fed


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
                editable and not kpi.is_fed,
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


def _row(index: int, cell: Cell, value: Decimal | None) -> RowInput:
    return RowInput(index, cell.kpi.code, cell.period, value, clear=value is None)


def save(cells_and_texts: list[tuple[Cell, str]], *, user, access) -> RecordSummary:
    """Save every readable cell at once, checked by the same plan as imports and the value
    form; cells with an error keep their text and say why, the others are saved."""
    lang = current_lang()
    typed: dict[int, tuple[Cell, Decimal | None]] = {}
    for cell, text in cells_and_texts:
        ok, value = read(cell, text)
        if ok and not (value is None and cell.value is None):
            typed[len(typed)] = (cell, value)
    organisation = access.organisation
    rows = [_row(i, cell, value) for i, (cell, value) in typed.items()]
    plan = make_plan(organisation, rows, access=access)
    if plan.errors:
        for error in plan.errors:
            typed[error.row][0].error = error.reason(lang)
        rows = [row for row in rows if not typed[row.row][0].error]
        plan = make_plan(organisation, rows, access=access)
    if not plan.ok:
        return RecordSummary()
    for change in plan.changes:
        cell = typed[change.row][0]
        if change.status in (NEW, CHANGED, DELETED):
            cell.value, cell.saved = change.new_value, True
            cell.text = _show(change.new_value, lang)
    return apply_plan(plan, user=user, source=Source.WEB, detail="entry grid")
