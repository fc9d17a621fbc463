"""Which values the entry grid asks for, and saving what was typed in it.

Choosing a period (usually a month) asks, for each active KPI of the unit, for every period
of the KPI's own frequency that *ends* inside the chosen one: a month shows its monthly
KPIs once, the weekly KPIs for each ISO week ending in that month, quarterly KPIs only in
the quarter's last month and yearly KPIs only in December. So walking month by month asks
for every value exactly once, and a KPI is asked for as soon as its period is complete.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django import forms

from koers.fields import LocalDecimalField, current_lang
from koers.kpis.locks import locked
from koers.kpis.models import KPI, Measurement, Source
from koers.kpis.plan import (
    CHANGED,
    DELETED,
    NEW,
    NOT_CHECKED,
    RowInput,
    apply_plan,
    make_plan,
)
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
    warning: str = ""  # a plausibility warning: saved only once confirmed
    saved: bool = False

    @property
    def name(self) -> str:
        return f"c-{self.kpi.pk}-{self.period.key}"

    @property
    def confirm_name(self) -> str:
        """The field that confirms this cell's plausibility warning."""
        return "ok-" + self.name

    @property
    def version(self) -> str:
        """The stored value this cell started from, as plain text ("" for none)."""
        return "" if self.value is None else format(self.value.normalize(), "f")

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
    field = LocalDecimalField(
        required=False, unit=cell.kpi.unit_of_measure, words=cell.kpi.unit_words
    )
    try:
        return True, field.clean(text)
    except forms.ValidationError as error:
        cell.error = " ".join(error.messages)
        return False, None


def _expected(version: str | None):
    if version is None:
        return NOT_CHECKED
    try:
        return Decimal(version) if version else None
    except InvalidOperation:
        return NOT_CHECKED


def _row(
    index: int, cell: Cell, value: Decimal | None, version: str | None, confirmed: bool
) -> RowInput:
    expected = _expected(version)
    return RowInput(
        index,
        cell.kpi.code,
        cell.period,
        value,
        clear=value is None,
        expected=expected,
        confirmed=confirmed,
    )


def save(
    typed_cells: list[tuple[Cell, str, str | None]], *, user, access, confirmed=frozenset()
) -> RecordSummary:
    """Save every readable cell at once, checked by the same plan as imports and the value
    form; cells with an error keep their text and say why, the others are saved.

    Each cell comes with the version it started from (the stored value when the page was
    drawn, None when not sent): a cell changed by someone else since is a conflict — not
    saved, its message shows the newer value and the typed one, and the cell now starts from
    the newer value so saving again keeps the typed one.

    A cell with a plausibility warning (``koers.kpis.plausibility``) is not saved either: it
    shows the warning with a button to confirm; ``confirmed`` holds the names of the cells
    whose warning the user confirmed."""
    lang = current_lang()
    typed: dict[int, tuple[Cell, Decimal | None, str | None]] = {}
    for cell, text, version in typed_cells:
        ok, value = read(cell, text)
        if ok and not (value is None and cell.value is None and version in (None, "")):
            typed[len(typed)] = (cell, value, version)
    organisation = access.organisation
    rows = [
        _row(i, cell, value, version, cell.name in confirmed)
        for i, (cell, value, version) in typed.items()
    ]
    with locked(cell.kpi for cell, _, _ in typed.values()):  # checked and written as one
        plan = make_plan(organisation, rows, access=access)
        if plan.errors or plan.warnings:
            for error in plan.errors:
                cell = typed[error.row][0]
                cell.error = error.reason(lang)
                if error.code == "conflict":
                    newer = error.params["newer"]
                    cell.value = Decimal(newer) if newer else None
            for warning in plan.warnings:
                cell = typed[warning.row][0]
                cell.warning = " ".join(filter(None, [cell.warning, warning.reason(lang)]))
            held = {r.row for r in rows if typed[r.row][0].error or typed[r.row][0].warning}
            rows = [row for row in rows if row.row not in held]
            plan = make_plan(organisation, rows, access=access)
        if not plan.ok:
            return RecordSummary()
        for change in plan.changes:
            cell = typed[change.row][0]
            if change.status in (NEW, CHANGED, DELETED):
                cell.value, cell.saved = change.new_value, True
                cell.text = _show(change.new_value, lang)
        return apply_plan(plan, user=user, source=Source.WEB, detail="entry grid")
