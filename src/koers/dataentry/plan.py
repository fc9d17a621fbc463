"""Check a batch of incoming values and say exactly what writing it would do.

Imports (file, CLI, web) and the API's bulk writes share this core:

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
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import CharField
from django.db.models.functions import Cast

from koers.kpis.models import KPI, Measurement
from koers.kpis.recording import RecordSummary, ValueChange, record_values
from koers.numbers import NumberError, detect_decimal, parse_number
from koers.periods import Period, PeriodError, period_of

__all__ = [
    "Plan",
    "PlannedChange",
    "RowError",
    "RowInput",
    "apply_plan",
    "make_plan",
    "summary_text",
]

STORED_PLACES = Decimal("0.000001")  # Measurement.value has six decimal places
LIMIT = Decimal("1e14")  # Measurement.value has at most 14 digits before the point

NEW, CHANGED, UNCHANGED = "new", "changed", "unchanged"


def _lang(lang: str | None) -> str:
    return "nl" if (lang or "").lower()[:2] == "nl" else "en"


# Column roles, named when the input did not say what its columns are called.
_ROLE_NAMES = {
    "nl": {"kpi": "KPI", "period": "Periode", "value": "Waarde", "comment": "Opmerking"},
    "en": {"kpi": "KPI", "period": "Period", "value": "Value", "comment": "Comment"},
}

_MESSAGES = {
    "nl": {
        "where": "rij {row}, kolom {column}: {text}",
        "where_no_column": "rij {row}: {text}",
        "unknown_kpi": "'{text}' is geen KPI van deze organisatie (code of precieze naam)",
        "ambiguous_kpi": "'{text}' is de naam van meer dan één KPI; gebruik de code ({codes})",
        "retired_kpi": "KPI {code} is buiten gebruik; er kunnen geen waarden meer bij",
        "no_kpi": "geen KPI ingevuld",
        "duplicate": "KPI {code} heeft voor {period} al waarde {other} in rij {other_row}, "
        "hier staat {value}",
        "too_large": "'{text}' is te groot om op te slaan",
        "ambiguous_hint": " (de andere getallen in het bestand beslissen het niet; bij koers "
        "import: --decimal , of --decimal .)",
        "conflict_hint": " (de andere getallen in het bestand gebruiken zowel een komma als een "
        "punt als decimaalteken; bij koers import: --decimal , of --decimal .)",
        "also": " (ook in {n} andere rijen)",
        "also_one": " (ook in 1 andere rij)",
        "summary": "{new} nieuw, {changed} gewijzigd, {unchanged} ongewijzigd, {empty} leeg",
        "forbidden": "Je mag geen gegevens invoeren voor: {codes}. Er is niets opgeslagen.",
    },
    "en": {
        "where": "row {row}, column {column}: {text}",
        "where_no_column": "row {row}: {text}",
        "unknown_kpi": "'{text}' is not a KPI of this organisation (code or exact name)",
        "ambiguous_kpi": "'{text}' is the name of more than one KPI; use the code ({codes})",
        "retired_kpi": "KPI {code} is retired; no values can be added to it",
        "no_kpi": "no KPI given",
        "duplicate": "KPI {code} already has value {other} for {period} in row {other_row}, "
        "this row says {value}",
        "too_large": "'{text}' is too large to store",
        "ambiguous_hint": " (the other numbers in the file do not settle it; with koers import: "
        "--decimal , or --decimal .)",
        "conflict_hint": " (the other numbers in the file use both a comma and a point as "
        "decimal separator; with koers import: --decimal , or --decimal .)",
        "also": " (also in {n} other rows)",
        "also_one": " (also in 1 other row)",
        "summary": "{new} new, {changed} changed, {unchanged} unchanged, {empty} empty",
        "forbidden": "You may not enter data for: {codes}. Nothing was saved.",
    },
}


# --------------------------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------------------------


@dataclass
class RowInput:
    """One incoming value as read from a file, a form or an API call.

    ``row`` is the number the user sees (a file's header is row 1). ``kpi`` is a code or exact
    name, or "" when a fixed KPI is given to ``make_plan``. ``period`` and ``value`` are text or
    what a spreadsheet cell held (date, datetime, number). ``comment`` None keeps the stored
    comment. ``column`` names the columns for messages: keys "kpi", "period", "value",
    "comment". ``kpi_row`` is the row where the KPI is named when it is not ``row`` (the header
    row of a wide file).
    """

    row: int
    kpi: str
    period: Any
    value: Any
    comment: str | None = None
    column: dict[str, str] = field(default_factory=dict)
    kpi_row: int | None = None


@dataclass
class RowError:
    """What is wrong with one cell. ``code`` is stable (for the API); ``message(lang)`` reads
    "rij 7, kolom Waarde: '12,3,4' is geen getal"."""

    row: int
    column: str
    text: str
    code: str
    params: dict[str, Any] = field(default_factory=dict)
    role: str = ""

    def column_name(self, lang: str = "nl") -> str:
        return self.column or _ROLE_NAMES[_lang(lang)].get(self.role, self.role)

    def reason(self, lang: str = "nl") -> str:
        """Why, without the row and column: "'12,3,4' is geen getal"."""
        lang = _lang(lang)
        table = _MESSAGES[lang]
        p = self.params
        kind, _, sub = self.code.partition(".")
        if kind == "number":
            if sub == "too_large":
                return table["too_large"].format(text=self.text)
            text = NumberError(sub, **p.get("error", {})).message(lang)
            if sub == "ambiguous":
                text += table["conflict_hint" if p.get("conflict") else "ambiguous_hint"]
            return text
        if kind == "period":
            return PeriodError(sub, **p.get("error", {})).message(lang)
        text = table[self.code].format(text=self.text, **p)
        extra = p.get("also", 0)
        if extra:
            text += table["also_one"] if extra == 1 else table["also"].format(n=extra)
        return text

    def message(self, lang: str = "nl") -> str:
        lang = _lang(lang)
        column = self.column_name(lang)
        key = "where" if column else "where_no_column"
        return _MESSAGES[lang][key].format(row=self.row, column=column, text=self.reason(lang))

    def as_dict(self, lang: str = "nl") -> dict[str, Any]:
        return {
            "row": self.row,
            "column": self.column_name(lang),
            "text": self.text,
            "code": self.code,
            "message": self.message(lang),
        }


@dataclass
class PlannedChange:
    row: int
    kpi: KPI
    period: Period
    old_value: Decimal | None
    new_value: Decimal
    old_comment: str | None
    new_comment: str | None
    status: str  # "new" | "changed" | "unchanged"


@dataclass
class Plan:
    changes: list[PlannedChange] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    empty: int = 0
    forbidden: list[str] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        counts = {NEW: 0, CHANGED: 0, UNCHANGED: 0}
        for change in self.changes:
            counts[change.status] += 1
        counts["empty"] = self.empty
        return counts

    @property
    def ok(self) -> bool:
        return not self.errors and not self.forbidden

    def summary(self, lang: str = "nl") -> str:
        return summary_text(self.counts, lang)

    def forbidden_message(self, lang: str = "nl") -> str:
        return _MESSAGES[_lang(lang)]["forbidden"].format(codes=", ".join(self.forbidden))

    def messages(self, lang: str = "nl") -> list[str]:
        """Every problem as one line each: errors first, then the forbidden KPIs."""
        lines = [error.message(lang) for error in self.errors]
        if self.forbidden:
            lines.append(self.forbidden_message(lang))
        return lines

    def as_dict(self, lang: str = "nl") -> dict[str, Any]:
        """The machine-readable report (``koers import --json``)."""
        return {
            "ok": self.ok,
            "counts": self.counts,
            "summary": self.summary(lang),
            "errors": [error.as_dict(lang) for error in self.errors],
            "forbidden": list(self.forbidden),
            "changes": [
                {
                    "row": c.row,
                    "kpi": c.kpi.code,
                    "period": c.period.key,
                    "status": c.status,
                    "old_value": None if c.old_value is None else _plain(c.old_value),
                    "new_value": _plain(c.new_value),
                }
                for c in self.changes
            ],
        }


def summary_text(counts: dict[str, int], lang: str = "nl") -> str:
    """ "12 nieuw, 3 gewijzigd, 40 ongewijzigd, 2 leeg"."""
    return _MESSAGES[_lang(lang)]["summary"].format(
        new=counts.get(NEW, 0),
        changed=counts.get(CHANGED, 0),
        unchanged=counts.get(UNCHANGED, 0),
        empty=counts.get("empty", 0),
    )


def _plain(value: Decimal) -> str:
    """Shortest exact text of a stored value: 12.300000 -> '12.3'."""
    text = format(value.normalize(), "f")
    return text


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()[:10] if hasattr(value, "hour") else value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# --------------------------------------------------------------------------------------------
# Finding KPIs
# --------------------------------------------------------------------------------------------


def _norm(text: str) -> str:
    return " ".join(str(text).split()).casefold()


class _KPIIndex:
    """Every KPI of the organisation, found by code (exact, then any case) or exact name."""

    def __init__(self, kpis: Iterable[KPI]) -> None:
        self.by_code: dict[str, KPI] = {}
        self.by_code_folded: dict[str, list[KPI]] = {}
        self.by_name: dict[str, list[KPI]] = {}
        for kpi in kpis:
            self.by_code[kpi.code] = kpi
            self.by_code_folded.setdefault(kpi.code.casefold(), []).append(kpi)
            self.by_name.setdefault(_norm(kpi.name), []).append(kpi)
        self._cache: dict[str, tuple[KPI | None, str, dict]] = {}

    def find(self, text: str) -> tuple[KPI | None, str, dict]:
        """(kpi, "", {}) or (None, error code, params)."""
        if text in self._cache:
            return self._cache[text]
        stripped = " ".join(text.split())
        found: tuple[KPI | None, str, dict]
        if stripped in self.by_code:
            found = (self.by_code[stripped], "", {})
        else:
            folded = self.by_code_folded.get(stripped.casefold(), [])
            named = self.by_name.get(_norm(stripped), [])
            if len(folded) == 1:
                found = (folded[0], "", {})
            elif len(named) == 1:
                found = (named[0], "", {})
            elif len(named) > 1:
                codes = ", ".join(sorted(k.code for k in named))
                found = (None, "ambiguous_kpi", {"codes": codes})
            else:
                found = (None, "unknown_kpi", {})
        self._cache[text] = found
        return found


# --------------------------------------------------------------------------------------------
# Planning
# --------------------------------------------------------------------------------------------


class _Errors:
    """Collects errors once each; KPI errors once per KPI text, counting the other rows."""

    def __init__(self) -> None:
        self.items: list[RowError] = []
        self._seen: set[tuple] = set()
        self._kpi_errors: dict[tuple[str, str], RowError] = {}

    def add(self, error: RowError) -> None:
        key = (error.row, error.column, error.role, error.code, error.text)
        if key not in self._seen:
            self._seen.add(key)
            self.items.append(error)

    def add_kpi(self, error: RowError) -> None:
        key = (error.column, error.text)
        first = self._kpi_errors.get(key)
        if first is None:
            self._kpi_errors[key] = error
            self.items.append(error)
        elif first.row != error.row:
            first.params["also"] = first.params.get("also", 0) + 1


def _number_error(row: RowInput, error: NumberError, conflict: bool) -> RowError:
    params: dict[str, Any] = {"error": dict(error.params)}
    if conflict:
        params["conflict"] = True
    return RowError(
        row.row,
        row.column.get("value", ""),
        _shown(row.value),
        "number." + error.code,
        params,
        role="value",
    )


def make_plan(
    organisation,
    rows: Iterable[RowInput],
    *,
    access,
    kpi: KPI | None = None,
    decimal: str | None = None,
) -> Plan:
    """Check every row and compare it with what is stored; write nothing.

    ``access`` is the user's ``koers.organisations.access.Access``: every KPI with a value in
    the batch must allow ``access.can_enter_data(kpi.unit_id)``, else its code is listed in
    ``plan.forbidden``. ``kpi`` fixes the KPI for rows whose ``kpi`` is "". ``decimal`` ("," or
    ".") settles numbers that can be read two ways; without it the batch's other numbers do,
    and when they cannot either, those rows are errors.
    """
    if decimal not in (None, ",", "."):
        raise ValueError(f"decimal must be ',', '.' or None, not {decimal!r}")
    rows = list(rows)
    plan = Plan()
    errors = _Errors()

    conflict = False
    given = decimal
    detected = False

    def settle() -> None:
        # Only when a number is ambiguous do the other numbers of the batch get asked.
        nonlocal decimal, conflict, detected
        detected = True
        try:
            decimal = detect_decimal(r.value for r in rows if isinstance(r.value, str))
        except NumberError:
            conflict = True

    index = _KPIIndex(KPI.objects.for_org(organisation).select_related("unit"))
    if kpi is not None:
        index.by_code.setdefault(kpi.code, kpi)

    period_cache: dict[tuple[Any, str], Period | PeriodError] = {}
    # (kpi id, period start) -> (row, value, comment)
    wanted: dict[tuple[int, date], tuple[RowInput, Decimal, str | None, KPI, Period]] = {}
    used_kpis: dict[int, KPI] = {}

    for row in rows:
        # --- which KPI
        target = kpi
        kpi_text = row.kpi.strip() if isinstance(row.kpi, str) else _shown(row.kpi)
        if kpi_text:
            target, code, params = index.find(kpi_text)
            if target is None:
                errors.add_kpi(
                    RowError(
                        row.kpi_row or row.row,
                        row.column.get("kpi", ""),
                        kpi_text,
                        code,
                        dict(params),
                        role="kpi",
                    )
                )
                continue
        if _is_empty(row.value):
            plan.empty += 1
            continue
        if target is None:
            errors.add(RowError(row.row, row.column.get("kpi", ""), "", "no_kpi", {}, role="kpi"))
            continue
        if target.is_retired:
            errors.add_kpi(
                RowError(
                    row.kpi_row or row.row,
                    row.column.get("kpi", ""),
                    kpi_text or target.code,
                    "retired_kpi",
                    {"code": target.code},
                    role="kpi",
                )
            )
            continue

        # --- which period
        ok = True
        cache_key = (row.period, target.frequency)
        try:
            period = period_cache.get(cache_key)
        except TypeError:  # unhashable cell value
            cache_key, period = None, None
        if period is None:
            try:
                period = period_of(
                    row.period.strip() if isinstance(row.period, str) else row.period,
                    target.frequency,
                )
            except PeriodError as error:
                period = error
            if cache_key is not None:
                period_cache[cache_key] = period
        if isinstance(period, PeriodError):
            errors.add(
                RowError(
                    row.row,
                    row.column.get("period", ""),
                    _shown(row.period),
                    "period." + period.code,
                    {"error": dict(period.params)},
                    role="period",
                )
            )
            ok = False

        # --- which number
        try:
            value = parse_number(row.value, decimal=decimal)
        except NumberError as error:
            if error.code == "ambiguous" and given is None and not detected:
                settle()
                try:
                    value = parse_number(row.value, decimal=decimal)
                except NumberError as again:
                    error = again
                else:
                    error = None
            if error is not None:
                errors.add(_number_error(row, error, conflict))
                continue
        if abs(value) >= LIMIT:
            errors.add(
                RowError(
                    row.row,
                    row.column.get("value", ""),
                    _shown(row.value),
                    "number.too_large",
                    {},
                    role="value",
                )
            )
            continue
        if not ok:
            continue
        value = value.quantize(STORED_PLACES, rounding=ROUND_HALF_UP)
        comment = row.comment.strip() if isinstance(row.comment, str) else row.comment
        comment = comment or None

        # --- the same KPI and period twice
        slot = (target.pk, period.start)
        earlier = wanted.get(slot)
        if earlier is not None:
            if earlier[1] != value:
                errors.add(
                    RowError(
                        row.row,
                        row.column.get("value", ""),
                        _shown(row.value),
                        "duplicate",
                        {
                            "code": target.code,
                            "period": period.key,
                            "other": _plain(earlier[1]),
                            "value": _plain(value),
                            "other_row": earlier[0].row,
                        },
                        role="value",
                    )
                )
            continue
        wanted[slot] = (row, value, comment, target, period)
        used_kpis[target.pk] = target

    plan.forbidden = sorted(
        k.code for k in used_kpis.values() if not access.can_enter_data(k.unit_id)
    )
    plan.errors = sorted(errors.items, key=lambda e: e.row)
    plan.changes = _compare(wanted)
    return plan


def _compare(wanted: dict) -> list[PlannedChange]:
    """Each wanted value against what is stored, with one query."""
    stored: dict[tuple[int, date], tuple[Decimal, str]] = {}
    if wanted:
        starts = [start for _, start in wanted]
        kpi_ids = {kpi_id for kpi_id, _ in wanted}
        rows = Measurement.objects.filter(
            kpi_id__in=kpi_ids, period_start__gte=min(starts), period_start__lte=max(starts)
        ).values_list("kpi_id", "period_start", Cast("value", CharField()), "comment")
        # Read values as text: Django's decimal converter costs more than the whole query.
        for kpi_id, start, value, comment in rows.iterator(chunk_size=5000):
            stored[(kpi_id, start)] = (Decimal(value), comment)
    changes = []
    for slot, (row, value, comment, kpi, period) in wanted.items():
        old = stored.get(slot)
        if old is None:
            status = NEW
            old_value = old_comment = None
            new_comment = comment or ""
        else:
            old_value, old_comment = old
            new_comment = old_comment if comment is None else comment
            same = old_value == value and new_comment == old_comment
            status = UNCHANGED if same else CHANGED
        changes.append(
            PlannedChange(row.row, kpi, period, old_value, value, old_comment, new_comment, status)
        )
    changes.sort(key=lambda c: c.row)
    return changes


class PlanNotOk(ValueError):
    """apply_plan was handed a plan with errors or forbidden KPIs."""


def apply_plan(plan: Plan, *, user, source: str, detail: str) -> RecordSummary:
    """Write a plan that is ok, all in one transaction; refuse any other plan.

    Unchanged rows are not written. The returned summary counts them as unchanged too.
    """
    if not plan.ok:
        raise PlanNotOk("a plan with errors or forbidden KPIs cannot be applied")
    changes = [
        ValueChange(c.kpi, c.period.start, c.new_value, c.new_comment)
        for c in plan.changes
        if c.status != UNCHANGED
    ]
    summary = record_values(changes, user=user, source=source, detail=detail)
    summary.unchanged += sum(1 for c in plan.changes if c.status == UNCHANGED)
    return summary
