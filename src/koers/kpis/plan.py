"""Check a batch of incoming values and say exactly what writing it would do.

Every way a value comes in shares this core — the KPI page's value form, the entry grid,
imports (file, CLI, web) and the API — so each is checked by the same rules (``values``:
what can be stored; retired and fed KPIs; "unchanged?"; a stale edit is a conflict):

1. ``make_plan(organisation, rows, access=...)`` reads every row — KPI, period,
   number — against the organisation's KPIs and what is stored, and returns a
   ``Plan``: each row new / changed / unchanged, every error with its row and
   column, empty cells counted, and the KPIs the user may not enter data for.
2. ``apply_plan(plan, user=..., source=..., detail=...)`` writes a plan that is
   ``ok`` in one transaction through ``koers.kpis.recording.record_values``
   (history kept, revisions bumped). A plan with any error or forbidden KPI is
   refused: nothing is ever half imported.

Numbers that can be read two ways (``1.234``) are settled by the other
numbers in the batch (``detect_decimal``) or by ``decimal``; never guessed.

The plan costs a fixed number of queries whatever the batch size: all KPIs of
the organisation once, the stored measurements of the KPIs involved once.

Memory: rows are read one by one and not kept when ``rows`` can be gone through again (a
list, or an object whose ``__iter__`` reads its file afresh: a 50 MB import is never held as
rows); a one-shot iterator is kept as a list, since an ambiguous number may need the batch's
other numbers. Per value the plan keeps one compact entry (slots), and at most
``rows.KEPT_ERRORS`` errors (``Plan.error_count`` counts them all).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Context, Decimal
from typing import Any

from django.db.models import CharField
from django.db.models.functions import Cast
from django.utils import timezone

from koers.numbers import NumberError, detect_decimal, parse_quantity
from koers.periods import Period, PeriodError, period_of

from . import locks, plausible
from .index import FEW_ROWS, KPIIndex, named_codes
from .models import KPI, Measurement
from .recording import RecordSummary, ValueChange, record_values
from .rows import (
    _MESSAGES,
    CHANGED,
    DELETED,
    NEW,
    NOT_CHECKED,
    UNCHANGED,
    Errors,
    RowError,
    RowInput,
    _is_empty,
    _lang,
    _plain,
    _shown,
    number_error,
    summary_text,
)
from .values import ValueProblem, storable

__all__ = [
    "NOT_CHECKED",
    "Plan",
    "PlanNotOk",
    "PlannedChange",
    "RowError",
    "RowInput",
    "apply_plan",
    "make_plan",
    "summary_text",
]

_SKIP = object()  # the row's KPI could not be found: the error is already recorded


# --------------------------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------------------------


@dataclass(slots=True)
class PlannedChange:
    row: int
    kpi: KPI
    period: Period
    old_value: Decimal | None
    new_value: Decimal | None  # None: the stored value is cleared
    old_comment: str | None
    new_comment: str | None
    status: str  # "new" | "changed" | "unchanged" | "deleted"


@dataclass
class Plan:
    changes: list[PlannedChange] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    empty: int = 0
    forbidden: list[str] = field(default_factory=list)
    # Plausibility warnings (``plausibility.*``) of rows not confirmed: written only once
    # confirmed (``RowInput.confirmed``); blocking findings are among the errors.
    warnings: list[RowError] = field(default_factory=list)
    dropped_errors: int = 0  # errors beyond the kept ``errors`` (only counted)
    # What is stored for every value of a small plan made inside ``locked`` (its KPIs held):
    # {(KPI id, period start): (pk, value, comment)}; ``apply_plan`` hands it to the write in
    # the same locked block instead of reading it again. None: the write reads for itself.
    stored: dict[tuple[int, date], tuple[int, Decimal, str]] | None = field(
        default=None, repr=False, compare=False
    )
    held: object | None = field(default=None, repr=False, compare=False)

    @property
    def error_count(self) -> int:
        """Every error, also those not kept (``errors`` keeps ``rows.KEPT_ERRORS``)."""
        return len(self.errors) + self.dropped_errors

    @property
    def counts(self) -> dict[str, int]:
        counts = {NEW: 0, CHANGED: 0, UNCHANGED: 0}
        for change in self.changes:
            counts[change.status] = counts.get(change.status, 0) + 1
        counts["empty"] = self.empty
        return counts

    @property
    def ok(self) -> bool:
        return not self.errors and not self.forbidden and not self.warnings

    @property
    def needs_confirmation(self) -> bool:
        """Nothing is wrong but some values want confirming first."""
        return not self.errors and not self.forbidden and bool(self.warnings)

    def summary(self, lang: str = "nl") -> str:
        return summary_text(self.counts, lang)

    def forbidden_message(self, lang: str = "nl") -> str:
        return _MESSAGES[_lang(lang)]["forbidden"].format(codes=", ".join(self.forbidden))

    def messages(self, lang: str = "nl") -> list[str]:
        """Every problem as one line each: errors, the forbidden KPIs, then the warnings."""
        lines = [error.message(lang) for error in self.errors]
        if self.forbidden:
            lines.append(self.forbidden_message(lang))
        return lines + [warning.message(lang) for warning in self.warnings]

    def as_dict(self, lang: str = "nl") -> dict[str, Any]:
        """The machine-readable report (``koers import --json``): the kept errors (all of them
        up to ``KEPT_ERRORS``) and ``error_count``."""
        return {
            "ok": self.ok,
            "counts": self.counts,
            "summary": self.summary(lang),
            "errors": [error.as_dict(lang) for error in self.errors],
            "warnings": [warning.as_dict(lang) for warning in self.warnings],
            "error_count": self.error_count,
            "forbidden": list(self.forbidden),
            "changes": [
                {
                    "row": c.row,
                    "kpi": c.kpi.code,
                    "period": c.period.key,
                    "status": c.status,
                    "old_value": None if c.old_value is None else _plain(c.old_value),
                    "new_value": None if c.new_value is None else _plain(c.new_value),
                }
                for c in self.changes
            ],
        }


# --------------------------------------------------------------------------------------------
# Planning
# --------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Wanted:
    """One value to store, kept compact: the RowInput itself only when it is to be checked
    for a conflict (``source``), else just its row number."""

    row_no: int
    kpi: KPI
    period: Period
    value: Decimal | None  # None: clear the stored value
    comment: str | None
    source: RowInput | None = None  # the row, when its ``expected`` is checked
    old: tuple[Decimal, str] | None = None  # what is stored now (value, comment)
    pk: int | None = None  # the stored row's primary key (small plans only)
    before: Any = plausible.NOT_READ  # the stored value of the period before (small plans)
    # For the plausibility step: (the row's columns, its period and value as typed, confirmed)
    note: tuple[dict, str, str, bool] | None = None


class _Planner:
    """Reads the rows one by one, each through the same named steps."""

    def __init__(self, organisation, rows: Iterable[RowInput], access, kpi, decimal, known):
        self.rows, self.access, self.kpi = rows, access, kpi
        self.decimal, self.given = decimal, decimal
        self.detected = self.conflict = False
        self.errors = Errors()
        self.empty = 0
        known = {k.code: k for k in [*(known or ()), *([kpi] if kpi is not None else [])]}
        codes = named_codes(rows)
        kpis = KPI.objects.for_org(organisation).select_related("unit")
        self.index = KPIIndex(kpis, None if codes is None else codes - known.keys(), known)
        self.periods: dict[tuple[Any, str], Period | PeriodError] = {}
        self.wanted: dict[int, dict[date, _Wanted]] = {}  # KPI id -> period start -> value
        self.used: dict[int, KPI] = {}

    def run(self) -> Plan:
        for row in self.rows:
            self.plan_row(row)
        plan = Plan(empty=self.empty)
        plan.forbidden = sorted(
            k.code for k in self.used.values() if not self.access.can_enter_data(k.unit_id)
        )
        small = _attach_stored(self.wanted)
        held = locks.held()
        if small and held is not None and held.ids.issuperset(self.wanted):
            plan.held, plan.stored = held, _stored_of(self.wanted)
        self.plausible(plan)
        plan.changes = _compare(self.wanted, self.errors, self.used)
        plan.errors = sorted(self.errors.items, key=lambda e: e.row)
        plan.dropped_errors = self.errors.count - len(plan.errors)
        return plan

    def plausible(self, plan: Plan) -> None:
        """Ask ``koers.kpis.plausibility`` about every value that would be written (the
        stored values attached: new, changed and cleared ones only)."""
        todo = []
        for slots in self.wanted.values():
            for want in slots.values():
                status = _status(want, want.old)[0]
                if status in (NEW, CHANGED, DELETED):
                    todo.append((want, status))
        errors, warnings = plausible.check(todo, self.wanted, today=timezone.localdate())
        for error in errors:
            self.errors.add(error)
        plan.warnings = sorted(warnings, key=lambda w: w.row)

    def plan_row(self, row: RowInput) -> None:
        kpi_text = row.kpi.strip() if isinstance(row.kpi, str) else _shown(row.kpi)
        target = self.target(row, kpi_text)
        if target is _SKIP:
            return
        if _is_empty(row.value) and not row.clear:
            self.empty += 1
            return
        if target is None:
            self.errors.add(RowError(row.row, row.column.get("kpi", ""), "", "no_kpi", role="kpi"))
            return
        if not self.writable(row, target, kpi_text):
            return
        period = self.period(row, target)
        value = None if row.clear else self.number(row, target)
        if period is None or (value is None and not row.clear):
            return
        ok, comment = self.comment(row)
        if ok:
            source = None if row.expected is NOT_CHECKED else row
            note = (row.column, _shown(row.period), _shown(row.value), row.confirmed)
            self.want(row, _Wanted(row.row, target, period, value, comment, source, note=note))

    def comment(self, row: RowInput) -> tuple[bool, str | None]:
        """The comment to store (None keeps the stored one); text only, no lone surrogates."""
        comment = row.comment.strip() if isinstance(row.comment, str) else row.comment
        if comment and any("\ud800" <= ch <= "\udfff" for ch in comment):
            column = row.column.get("comment", "")
            shown = comment.encode("utf-8", "replace").decode("utf-8")
            self.errors.add(RowError(row.row, column, shown, "comment_unreadable", role="comment"))
            return False, None
        return True, comment or None

    def target(self, row: RowInput, kpi_text: str):
        """The row's KPI, the fixed KPI when the row names none, or _SKIP after an error."""
        if not kpi_text:
            return self.kpi
        found, code, params = self.index.find(kpi_text)
        if found is None:
            where = row.kpi_row or row.row
            column = row.column.get("kpi", "")
            self.errors.add_kpi(RowError(where, column, kpi_text, code, dict(params), role="kpi"))
            return _SKIP
        return found

    def writable(self, row: RowInput, kpi: KPI, kpi_text: str) -> bool:
        """Values may be entered: the KPI is not retired, and people (not Koers) feed it."""
        if kpi.is_retired:
            code, params = "retired_kpi", {"code": kpi.code}
        elif kpi.is_fed:
            code, params = "fed_kpi", {"code": kpi.code, "feed": kpi.feed}
        else:
            return True
        where, column = row.kpi_row or row.row, row.column.get("kpi", "")
        self.errors.add_kpi(RowError(where, column, kpi_text or kpi.code, code, params, role="kpi"))
        return False

    def period(self, row: RowInput, kpi: KPI) -> Period | None:
        key = (row.period, kpi.frequency)
        try:
            found = self.periods.get(key)
        except TypeError:  # unhashable cell value
            key, found = None, None
        if found is None:
            try:
                text = row.period.strip() if isinstance(row.period, str) else row.period
                found = period_of(text, kpi.frequency)
            except PeriodError as error:
                found = error
            if key is not None:
                self.periods[key] = found
        if isinstance(found, PeriodError):
            self.errors.add(
                RowError(
                    row.row,
                    row.column.get("period", ""),
                    _shown(row.period),
                    "period." + found.code,
                    {"error": dict(found.params)},
                    role="period",
                )
            )
            return None
        return found

    def settle(self) -> None:
        """Only when a number is ambiguous do the other numbers of the batch get asked."""
        self.detected = True
        try:
            self.decimal = detect_decimal(r.value for r in self.rows if isinstance(r.value, str))
        except NumberError:
            self.conflict = True

    def read(self, value: Any, kpi: KPI) -> Decimal:
        """The number, typed with or without the KPI's unit (``6,5 dagen``, ``€ 12``)."""
        unit, words = kpi.unit_of_measure, kpi.unit_words
        try:
            return parse_quantity(value, unit, decimal=self.decimal, words=words)
        except NumberError as error:
            if error.code != "ambiguous" or self.given is not None or self.detected:
                raise
        self.settle()
        return parse_quantity(value, unit, decimal=self.decimal, words=words)

    def number(self, row: RowInput, kpi: KPI) -> Decimal | None:
        """The row's value exactly as it would be stored (``values.storable``), or None."""
        column = row.column.get("value", "")
        if isinstance(row.value, bool):  # JSON true/false: never a number
            text = "true" if row.value else "false"
            self.errors.add(RowError(row.row, column, text, "number.boolean", role="value"))
            return None
        try:
            return storable(self.read(row.value, kpi))
        except NumberError as error:
            self.errors.add(number_error(row, error, self.conflict))
        except ValueProblem as problem:
            code = "number." + problem.code
            self.errors.add(
                RowError(row.row, column, _shown(row.value), code, problem.params, role="value")
            )
        return None

    def want(self, row: RowInput, wanted: _Wanted) -> None:
        """Keep the row's value; the same KPI and period twice must say the same."""
        kpi, period = wanted.kpi, wanted.period
        slots = self.wanted.get(kpi.pk)
        if slots is None:
            slots = self.wanted[kpi.pk] = {}
            self.used[kpi.pk] = kpi
        earlier = slots.get(period.start)
        if earlier is None:
            slots[period.start] = wanted
            return
        if earlier.value == wanted.value:
            return
        params = {
            "code": kpi.code,
            "period": period.key,
            "other": "" if earlier.value is None else _plain(earlier.value),
            "value": "" if wanted.value is None else _plain(wanted.value),
            "other_row": earlier.row_no,
        }
        column = row.column.get("value", "")
        self.errors.add(
            RowError(row.row, column, _shown(row.value), "duplicate", params, role="value")
        )


def make_plan(
    organisation,
    rows: Iterable[RowInput],
    *,
    access,
    kpi: KPI | None = None,
    decimal: str | None = None,
    kpis: Iterable[KPI] | None = None,
) -> Plan:
    """Check every row and compare it with what is stored; write nothing.

    ``access`` is the user's ``koers.organisations.access.Access``: every KPI with a value in
    the batch must allow ``access.can_enter_data(kpi.unit_id)``, else its code is listed in
    ``plan.forbidden``. ``kpi`` fixes the KPI for rows whose ``kpi`` is "". ``decimal`` ("," or
    ".") settles numbers that can be read two ways; without it the batch's other numbers do,
    and when they cannot either, those rows are errors. ``kpis``: KPIs of the organisation
    read already (``locked_kpis``), found by their code without reading them again.
    """
    if decimal not in (None, ",", "."):
        raise ValueError(f"decimal must be ',', '.' or None, not {decimal!r}")
    if isinstance(rows, Iterator):  # one-shot: keep it, an ambiguous number may ask again
        rows = list(rows)
    return _Planner(organisation, rows, access, kpi, decimal, kpis).run()


def _attach_stored(wanted: dict[int, dict[date, _Wanted]]) -> bool:
    """Tell each wanted value what is stored for its slot (``old``), with one query. For a
    small plan (at most ``FEW_ROWS`` values; returns True) the same query also reads the row's
    primary key and the value of the period before each (``before``, for the plausibility
    step), which would otherwise take a query each."""
    if not wanted:
        return False
    starts = [start for slots in wanted.values() for start in slots]
    small = len(starts) <= FEW_ROWS
    first = min(starts)
    previous: dict[tuple[int, date], _Wanted] = {}
    if small:
        for kpi_id, slots in wanted.items():
            for want in slots.values():
                before = want.period.previous().start
                previous[(kpi_id, before)] = want
                want.before = None  # read: None unless a value is stored
                first = min(first, before)
    rows = Measurement.objects.filter(
        kpi_id__in=list(wanted), period_start__gte=first, period_start__lte=max(starts)
    ).order_by()  # unordered: the default ordering joins the KPI and its unit
    rows = rows.values_list("pk", "kpi_id", "period_start", Cast("value", CharField()), "comment")
    del starts
    # Read values as text: Django's decimal converter costs more than the whole query. A small
    # plan reads its few rows at once: a server-side cursor (``iterator``) costs three more
    # round trips on PostgreSQL (declare, fetch, close).
    for pk, kpi_id, start, value, comment in rows if small else rows.iterator(chunk_size=5000):
        want = wanted[kpi_id].get(start)
        if want is not None:
            want.old, want.pk = (Decimal(value), comment), pk
        later = previous.get((kpi_id, start)) if small else None
        if later is not None:  # as the field reads it: 6 decimals
            later.before = Decimal(value).quantize(_PLACES, context=_WIDE)
    return small


_PLACES, _WIDE = Decimal("0.000001"), Context(prec=26)


def _stored_of(wanted: dict[int, dict[date, _Wanted]]) -> dict[tuple[int, date], tuple]:
    """What ``_attach_stored`` found stored, for the write (``Plan.stored``)."""
    return {
        (kpi_id, start): (want.pk, *want.old)
        for kpi_id, slots in wanted.items()
        for start, want in slots.items()
        if want.old is not None
    }


def _status(wanted: _Wanted, old: tuple[Decimal, str] | None) -> tuple[str, str | None]:
    """(status, the comment that would be stored): the one place "unchanged?" is decided."""
    if wanted.value is None:
        return (UNCHANGED, None) if old is None else (DELETED, None)
    if old is None:
        return NEW, wanted.comment or ""
    comment = old[1] if wanted.comment is None else wanted.comment
    same = old[0] == wanted.value and comment == old[1]
    return (UNCHANGED if same else CHANGED), comment


def _stale(want: _Wanted, errors: Errors) -> bool:
    """The row started from another stored value than there is now: a conflict."""
    row = want.source
    if row is None or row.expected is NOT_CHECKED:
        return False
    expected, old = row.expected, want.old
    now = None if old is None else old[0]
    if now == expected:
        return False
    params = {
        "code": want.kpi.code,
        "label": {lang: want.period.label(lang) for lang in ("nl", "en")},
        "newer": "" if now is None else _plain(now),
        "yours": "" if want.value is None else _plain(want.value),
    }
    column = row.column.get("value", "")
    errors.add(RowError(row.row, column, _shown(row.value), "conflict", params, role="value"))
    return True


def _compare(
    wanted: dict[int, dict[date, _Wanted]], errors: Errors, used: dict[int, KPI]
) -> list[PlannedChange]:
    """Each wanted value against what is stored; ``wanted`` is emptied on the way (each entry
    gives way to its change, so a large batch is not held twice). The stored values are
    attached already (``_attach_stored``)."""
    changes = []
    while wanted:
        _, slots = wanted.popitem()
        while slots:
            _, want = slots.popitem()
            if _stale(want, errors):
                continue
            status, new_comment = _status(want, want.old)
            old_value, old_comment = want.old if want.old is not None else (None, None)
            changes.append(
                PlannedChange(
                    want.row_no,
                    want.kpi,
                    want.period,
                    old_value,
                    want.value,
                    old_comment,
                    new_comment,
                    status,
                )
            )
    # File order: by row, then (a wide file's columns) the order the KPIs came in.
    order = {pk: i for i, pk in enumerate(used)}
    changes.sort(key=lambda c: (c.row, order[c.kpi.pk], c.period.start))
    return changes


class PlanNotOk(ValueError):
    """apply_plan was handed a plan with errors or forbidden KPIs."""


def apply_plan(plan: Plan, *, user, source: str, detail: str) -> RecordSummary:
    """Write a plan that is ok, all in one transaction; refuse any other plan.

    Unchanged rows are not written. The returned summary counts them as unchanged too.
    """
    if not plan.ok:
        raise PlanNotOk("a plan with errors or forbidden KPIs cannot be applied")
    changes = (  # a stream: a large import is written in blocks, never held twice
        ValueChange(c.kpi, c.period.start, c.new_value, c.new_comment)
        for c in plan.changes
        if c.status != UNCHANGED
    )
    stored = plan.stored if plan.held is not None and plan.held is locks.held() else None
    summary = record_values(changes, user=user, source=source, detail=detail, stored=stored)
    summary.unchanged += sum(1 for c in plan.changes if c.status == UNCHANGED)
    return summary
