"""The rows a plan reads and the errors it reports, with their messages in Dutch and English.

``RowInput`` is one incoming value (a file's row, a form, an API item); ``RowError`` says what
is wrong with one cell, with a stable ``code`` for the API and ``message(lang)`` for people.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from koers.numbers import NumberError
from koers.periods import PeriodError

from .plausibility import Finding
from .values import ValueProblem

NEW, CHANGED, UNCHANGED, DELETED = "new", "changed", "unchanged", "deleted"


class _NotChecked:
    def __repr__(self) -> str:
        return "NOT_CHECKED"


NOT_CHECKED: Any = _NotChecked()


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
        "fed_kpi": "KPI {code} krijgt zijn waarden {feed}; Koers schrijft ze zelf, dus ze "
        "kunnen niet worden ingevoerd",
        "feed.computed": "uit een berekening op de eigen gegevens van het bedrijf",
        "feed.rollup": "door optelling van andere KPI's",
        "no_kpi": "geen KPI ingevuld",
        "boolean": '{text} is geen getal: stuur een getal of een tekst als "12,5"',
        "conflict": "intussen heeft iemand anders {period} van {code} gewijzigd in {newer}; "
        "jouw waarde {yours} is niet opgeslagen. Sla opnieuw op om die toch te bewaren",
        "conflict_none": "(geen waarde)",
        "comment_unreadable": "de opmerking bevat een teken dat geen geldige tekst is (een los "
        "surrogaat-teken); haal het weg en probeer het opnieuw",
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
        "deleted": ", {n} gewist",
        "forbidden": "Je mag geen gegevens invoeren voor: {codes}. Er is niets opgeslagen.",
    },
    "en": {
        "where": "row {row}, column {column}: {text}",
        "where_no_column": "row {row}: {text}",
        "unknown_kpi": "'{text}' is not a KPI of this organisation (code or exact name)",
        "ambiguous_kpi": "'{text}' is the name of more than one KPI; use the code ({codes})",
        "retired_kpi": "KPI {code} is retired; no values can be added to it",
        "fed_kpi": "KPI {code} gets its values {feed}; Koers writes them itself, so they "
        "cannot be entered",
        "feed.computed": "by computing them from the company's own data",
        "feed.rollup": "by rolling up other KPIs",
        "no_kpi": "no KPI given",
        "boolean": '{text} is not a number: send a number or a text like "12.5"',
        "conflict": "meanwhile someone else changed {period} of {code} to {newer}; your "
        "value {yours} was not saved. Save again to keep yours",
        "conflict_none": "(no value)",
        "comment_unreadable": "the comment holds a character that is not valid text (a lone "
        "surrogate); remove it and try again",
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
        "deleted": ", {n} cleared",
        "forbidden": "You may not enter data for: {codes}. Nothing was saved.",
    },
}


# --------------------------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------------------------


@dataclass(slots=True)
class RowInput:
    """One incoming value as read from a file, a form or an API call.

    ``row`` is the number the user sees (a file's header is row 1). ``kpi`` is a code or exact
    name, or "" when a fixed KPI is given to ``make_plan``. ``period`` and ``value`` are text or
    what a spreadsheet cell held (date, datetime, number). ``comment`` None keeps the stored
    comment. ``column`` names the columns for messages: keys "kpi", "period", "value",
    "comment". ``kpi_row`` is the row where the KPI is named when it is not ``row`` (the header
    row of a wide file).

    An empty value is skipped (counted as empty), unless ``clear`` says the stored value is to
    be deleted (a cleared cell or form). ``expected`` is the stored value the user started from
    (``None``: there was none); when the stored value differs by now, the row is a conflict and
    nothing is saved. Left at ``NOT_CHECKED``, whatever is stored is overwritten (imports).
    ``confirmed`` says the user has seen and confirmed the plausibility warnings of this value
    (``koers.kpis.plausibility``); blocking findings are refused all the same.
    """

    row: int
    kpi: str
    period: Any
    value: Any
    comment: str | None = None
    column: dict[str, str] = field(default_factory=dict)
    kpi_row: int | None = None
    clear: bool = False
    expected: Any = NOT_CHECKED
    confirmed: bool = False


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
            if "value" in p:
                return ValueProblem(sub, **p).message(lang)
            if sub in ("too_large", "boolean"):
                return table[sub].format(text=self.text)
            text = NumberError(sub, **p.get("error", {})).message(lang)
            if sub == "ambiguous":
                text += table["conflict_hint" if p.get("conflict") else "ambiguous_hint"]
            return text
        if kind == "plausibility":
            return Finding(self.code, **p).message(lang)
        if kind == "period":
            return PeriodError(sub, **p.get("error", {})).message(lang)
        if self.code == "fed_kpi":
            p = {**p, "feed": table["feed." + p["feed"]]}
        if self.code == "conflict":
            shown = {k: _local(p[k], lang) or table["conflict_none"] for k in ("newer", "yours")}
            p = {**p, **shown, "period": p["label"][lang]}
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


def summary_text(counts: dict[str, int], lang: str = "nl") -> str:
    """ "12 nieuw, 3 gewijzigd, 40 ongewijzigd, 2 leeg" (", 1 gewist" when values are cleared)."""
    table = _MESSAGES[_lang(lang)]
    text = table["summary"].format(
        new=counts.get(NEW, 0),
        changed=counts.get(CHANGED, 0),
        unchanged=counts.get(UNCHANGED, 0),
        empty=counts.get("empty", 0),
    )
    if counts.get(DELETED):
        text += table["deleted"].format(n=counts[DELETED])
    return text


def _plain(value: Decimal) -> str:
    """Shortest exact text of a stored value: 12.300000 -> '12.3'."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def _local(plain: str, lang: str) -> str:
    """A plain value ("89.9") as its reader writes it ("89,9" in Dutch)."""
    return plain.replace(".", ",") if lang == "nl" else plain


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


KEPT_ERRORS = 10_000  # errors kept with their details; beyond that they are only counted


class Errors:
    """Collects errors once each; KPI errors once per KPI text, counting the other rows.

    At most ``keep`` errors are kept (``items``); ``count`` counts every one, so a file with
    millions of wrong cells costs no more memory than one with ten thousand. An error is the
    same as another of its row with the same column, code and text (rows come in order)."""

    def __init__(self, keep: int | None = None) -> None:
        self.items: list[RowError] = []
        self.count = 0
        self.keep = KEPT_ERRORS if keep is None else keep
        self._row: int | None = None
        self._seen: set[tuple] = set()  # the current row's errors
        self._kpi_errors: dict[tuple[str, str], RowError | None] = {}

    def _kept(self, error: RowError) -> bool:
        self.count += 1
        if len(self.items) < self.keep:
            self.items.append(error)
            return True
        return False

    def add(self, error: RowError) -> None:
        if error.row != self._row:
            self._row, self._seen = error.row, set()
        key = (error.column, error.role, error.code, error.text)
        if key not in self._seen:
            self._seen.add(key)
            self._kept(error)

    def add_kpi(self, error: RowError) -> None:
        key = (error.column, error.text)
        if key not in self._kpi_errors:
            self._kpi_errors[key] = error if self._kept(error) else None
            return
        first = self._kpi_errors[key]
        if first is not None and first.row != error.row:
            first.params["also"] = first.params.get("also", 0) + 1


def number_error(row: RowInput, error: NumberError, conflict: bool) -> RowError:
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
