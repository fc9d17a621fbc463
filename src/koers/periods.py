"""Reporting periods (week, month, quarter, year) and reading them as people type them.

Pure module: no Django. User-facing text comes from the small Dutch/English tables below.

Conventions
-----------
* Weeks are ISO weeks: they start on Monday and belong to the ISO year (``2024-12-30`` lies in
  ``2025-W01``).
* ``Period.key`` is the canonical, sortable text form: ``2025-W07``, ``2025-01``, ``2025-Q1``,
  ``2025``. Store and exchange keys; show labels.
* Years are 1..9999 and always written with four digits; two-digit years are not read
  (``jan 25`` is unreadable rather than guessed).
* Dates are read day-first (``03-04-2025`` is 3 April) unless the year comes first
  (``2025-04-03`` is ISO). A time part after a date (``2025-01-31 00:00:00``) is ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

__all__ = [
    "Frequency",
    "Period",
    "PeriodError",
    "last_finished",
    "parse_period",
    "period_of",
    "period_range",
]

MIN_YEAR = 1
MAX_YEAR = 9999


def _lang(lang: str | None) -> str:
    """'nl', 'nl-BE', 'NL' -> 'nl'; anything else -> 'en'."""
    return "nl" if (lang or "").lower()[:2] == "nl" else "en"


class Frequency(StrEnum):
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"

    @classmethod
    def _missing_(cls, value: object) -> Frequency | None:
        # Accept any case, Dutch nouns and the usual adjectives: "Maand", "kwartaal", "weekly".
        if isinstance(value, str):
            return _FREQUENCY_ALIASES.get(" ".join(value.casefold().split()))
        return None

    def label(self, lang: str = "nl") -> str:
        """The noun: nl 'maand', en 'month'."""
        return _FREQUENCY_NOUNS[_lang(lang)][self]

    @property
    def per_year(self) -> int:
        """Nominal number of periods in a year (52 for weeks; ISO years sometimes have 53)."""
        return _PER_YEAR[self]


_FREQUENCY_ALIASES = {
    "week": Frequency.WEEK,
    "weeks": Frequency.WEEK,
    "weekly": Frequency.WEEK,
    "wekelijks": Frequency.WEEK,
    "per week": Frequency.WEEK,
    "month": Frequency.MONTH,
    "monthly": Frequency.MONTH,
    "maand": Frequency.MONTH,
    "maandelijks": Frequency.MONTH,
    "per maand": Frequency.MONTH,
    "quarter": Frequency.QUARTER,
    "quarterly": Frequency.QUARTER,
    "kwartaal": Frequency.QUARTER,
    "per kwartaal": Frequency.QUARTER,
    "year": Frequency.YEAR,
    "yearly": Frequency.YEAR,
    "annual": Frequency.YEAR,
    "annually": Frequency.YEAR,
    "jaar": Frequency.YEAR,
    "jaarlijks": Frequency.YEAR,
    "per jaar": Frequency.YEAR,
}

_FREQUENCY_NOUNS = {
    "nl": {
        Frequency.WEEK: "week",
        Frequency.MONTH: "maand",
        Frequency.QUARTER: "kwartaal",
        Frequency.YEAR: "jaar",
    },
    "en": {
        Frequency.WEEK: "week",
        Frequency.MONTH: "month",
        Frequency.QUARTER: "quarter",
        Frequency.YEAR: "year",
    },
}

_PER_YEAR = {Frequency.WEEK: 52, Frequency.MONTH: 12, Frequency.QUARTER: 4, Frequency.YEAR: 1}

_MONTHS_LONG = {
    "nl": [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}
_MONTHS_SHORT = {
    "nl": ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}

# Every month name we read (case-insensitive, optional trailing dot), Dutch and English.
_MONTH_NAMES: dict[str, int] = {}
for _table in (_MONTHS_LONG, _MONTHS_SHORT):
    for _names in _table.values():
        for _i, _name in enumerate(_names, start=1):
            _MONTH_NAMES[_name.casefold()] = _i
_MONTH_NAMES.update({"maa": 3, "mar": 3, "mrt": 3, "sept": 9, "okt": 10, "oct": 10, "mei": 5})


# --------------------------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------------------------

_MESSAGES = {
    "nl": {
        "empty": "Geen periode ingevuld",
        "unreadable": "'{text}' is geen periode die we kunnen lezen; schrijf bijvoorbeeld "
        "{examples}",
        "out_of_range": "'{text}' is geen geldige periode: {reason}",
        "no_such_date": "'{text}' is geen bestaande datum",
        "wrong_frequency": "'{text}' is een {found}, maar deze KPI wordt per {expected} gemeten",
        "needs_frequency": "'{text}' is een datum; geef aan of de week, maand, kwartaal of het "
        "jaar bedoeld is",
        "not_a_start": "{date} is niet de eerste dag van een {frequency}",
        "unknown_frequency": "'{text}' is geen bekende frequentie (week, maand, kwartaal, jaar)",
    },
    "en": {
        "empty": "No period given",
        "unreadable": "'{text}' is not a period we can read; write for example {examples}",
        "out_of_range": "'{text}' is not a valid period: {reason}",
        "no_such_date": "'{text}' is not an existing date",
        "wrong_frequency": "'{text}' is a {found}, but this KPI is measured per {expected}",
        "needs_frequency": "'{text}' is a date; say whether its week, month, quarter or year "
        "is meant",
        "not_a_start": "{date} is not the first day of a {frequency}",
        "unknown_frequency": "'{text}' is not a known frequency (week, month, quarter, year)",
    },
}

_REASONS = {
    "nl": {
        "month": "een maand loopt van 1 tot en met 12",
        "quarter": "een kwartaal loopt van 1 tot en met 4",
        "week": "{year} heeft {weeks} weken",
        "year": "jaartallen lopen van 1 tot en met 9999",
        "index": "een jaar heeft als volgnummer altijd 1",
    },
    "en": {
        "month": "months run from 1 to 12",
        "quarter": "quarters run from 1 to 4",
        "week": "{year} has {weeks} weeks",
        "year": "years run from 1 to 9999",
        "index": "a year always has index 1",
    },
}

_EXAMPLES = {
    "nl": {
        None: ["2025-01", "jan 2025", "2025-W07", "week 7 2025", "K1 2025", "2025"],
        Frequency.WEEK: ["2025-W07", "week 7 2025", "een datum in die week (31-01-2025)"],
        Frequency.MONTH: ["2025-01", "jan 2025", "een datum in die maand (31-01-2025)"],
        Frequency.QUARTER: ["2025-Q1", "K1 2025", "een datum in dat kwartaal (31-01-2025)"],
        Frequency.YEAR: ["2025", "een datum in dat jaar (31-01-2025)"],
    },
    "en": {
        None: ["2025-01", "Jan 2025", "2025-W07", "week 7 2025", "Q1 2025", "2025"],
        Frequency.WEEK: ["2025-W07", "week 7 2025", "a date in that week (31-01-2025)"],
        Frequency.MONTH: ["2025-01", "Jan 2025", "a date in that month (31-01-2025)"],
        Frequency.QUARTER: ["2025-Q1", "Q1 2025", "a date in that quarter (31-01-2025)"],
        Frequency.YEAR: ["2025", "a date in that year (31-01-2025)"],
    },
}


def _join(items: list[str], lang: str) -> str:
    last = " of " if lang == "nl" else " or "
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + last + items[-1]


class PeriodError(ValueError):
    """A period could not be read or does not exist.

    ``code`` is one of: "empty", "unreadable", "out_of_range", "wrong_frequency",
    "needs_frequency", "not_a_start", "unknown_frequency". ``params`` holds the values used in
    the message. ``str(error)`` is the English message; ``message("nl")`` the Dutch one.
    """

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "nl") -> str:
        lang = _lang(lang)
        p = dict(self.params)
        code = self.code
        if code == "out_of_range":
            if p.get("reason") == "date":
                code = "no_such_date"
            else:
                p["reason"] = _REASONS[lang][p["reason"]].format(**p)
        elif code == "unreadable":
            p["examples"] = _join(_EXAMPLES[lang][p.get("expected")], lang)
        elif code == "wrong_frequency":
            p["found"] = Frequency(p["found"]).label(lang)
            p["expected"] = Frequency(p["expected"]).label(lang)
        elif code == "not_a_start":
            p["frequency"] = Frequency(p["frequency"]).label(lang)
            p["date"] = p["date"].strftime("%d-%m-%Y") if lang == "nl" else p["date"].isoformat()
        return _MESSAGES[lang][code].format(**p)

    def __str__(self) -> str:
        return self.message("en")


def _coerce_frequency(frequency: Frequency | str) -> Frequency:
    if isinstance(frequency, Frequency):
        return frequency
    try:
        return Frequency(frequency)
    except ValueError:
        raise PeriodError("unknown_frequency", text=str(frequency)) from None


def _weeks_in_year(year: int) -> int:
    return date(year, 12, 28).isocalendar()[1]


def _as_date(d: date) -> date:
    return d.date() if isinstance(d, datetime) else d


# --------------------------------------------------------------------------------------------
# Period
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """One reporting period.

    ``index`` is the ISO week (1..52/53, ``year`` is then the ISO year), the month (1..12), the
    quarter (1..4) or 1 for a year. Periods of one frequency are totally ordered; comparing
    periods of different frequencies raises TypeError.
    """

    frequency: Frequency
    year: int
    index: int = 1

    def __post_init__(self) -> None:
        object.__setattr__(self, "frequency", _coerce_frequency(self.frequency))
        for name in ("year", "index"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError(f"Period.{name} must be an int, not {value!r}")
        f, y, i = self.frequency, self.year, self.index
        text = self._raw_key()
        if not MIN_YEAR <= y <= MAX_YEAR:
            raise PeriodError("out_of_range", text=text, reason="year")
        if f is Frequency.MONTH and not 1 <= i <= 12:
            raise PeriodError("out_of_range", text=text, reason="month")
        if f is Frequency.QUARTER and not 1 <= i <= 4:
            raise PeriodError("out_of_range", text=text, reason="quarter")
        if f is Frequency.YEAR and i != 1:
            raise PeriodError("out_of_range", text=text, reason="index")
        if f is Frequency.WEEK:
            weeks = _weeks_in_year(y)
            # The last ISO week of 9999 would end in the year 10000, which `date` cannot hold.
            if y == MAX_YEAR:
                weeks -= 1
            if not 1 <= i <= weeks:
                raise PeriodError("out_of_range", text=text, reason="week", year=y, weeks=weeks)

    def _raw_key(self) -> str:
        y, i = self.year, self.index
        match self.frequency:
            case Frequency.WEEK:
                return f"{y:04d}-W{i:02d}"
            case Frequency.MONTH:
                return f"{y:04d}-{i:02d}"
            case Frequency.QUARTER:
                return f"{y:04d}-Q{i}"
            case _:
                return f"{y:04d}" if i == 1 else f"{y:04d} ({i})"

    # ---- constructors ------------------------------------------------------------------

    @classmethod
    def containing(cls, d: date, frequency: Frequency | str) -> Period:
        """The period of ``frequency`` that ``d`` (a date or datetime) lies in."""
        f = _coerce_frequency(frequency)
        d = _as_date(d)
        match f:
            case Frequency.WEEK:
                iso = d.isocalendar()
                return cls(f, iso[0], iso[1])
            case Frequency.MONTH:
                return cls(f, d.year, d.month)
            case Frequency.QUARTER:
                return cls(f, d.year, (d.month - 1) // 3 + 1)
            case _:
                return cls(f, d.year, 1)

    @classmethod
    def from_start(cls, frequency: Frequency | str, d: date) -> Period:
        """The period that starts on ``d``; PeriodError("not_a_start") if none does."""
        f = _coerce_frequency(frequency)
        d = _as_date(d)
        p = cls.containing(d, f)
        if p.start != d:
            raise PeriodError("not_a_start", date=d, frequency=f.value)
        return p

    @classmethod
    def from_key(cls, key: str) -> Period:
        """Read a canonical key: '2025-W07', '2025-01', '2025-Q1', '2025' (any letter case)."""
        m = _KEY_RE.fullmatch(key.strip()) if isinstance(key, str) else None
        if not m:
            raise PeriodError("unreadable", text=str(key), expected=None)
        y = int(m["y"])
        if m["w"]:
            return cls(Frequency.WEEK, y, int(m["w"]))
        if m["m"]:
            return cls(Frequency.MONTH, y, int(m["m"]))
        if m["q"]:
            return cls(Frequency.QUARTER, y, int(m["q"]))
        return cls(Frequency.YEAR, y, 1)

    @classmethod
    def from_ordinal(cls, frequency: Frequency | str, ordinal: int) -> Period:
        """Inverse of ``Period.ordinal``."""
        f = _coerce_frequency(frequency)
        match f:
            case Frequency.WEEK:
                try:
                    monday = date.fromordinal(ordinal * 7 + 1)
                except (ValueError, OverflowError):
                    raise PeriodError("out_of_range", text=str(ordinal), reason="year") from None
                return cls.containing(monday, f)
            case Frequency.MONTH:
                return cls(f, ordinal // 12, ordinal % 12 + 1)
            case Frequency.QUARTER:
                return cls(f, ordinal // 4, ordinal % 4 + 1)
            case _:
                return cls(f, ordinal, 1)

    # ---- dates ---------------------------------------------------------------------------

    @property
    def start(self) -> date:
        y, i = self.year, self.index
        match self.frequency:
            case Frequency.WEEK:
                return date.fromisocalendar(y, i, 1)
            case Frequency.MONTH:
                return date(y, i, 1)
            case Frequency.QUARTER:
                return date(y, 3 * i - 2, 1)
            case _:
                return date(y, 1, 1)

    @property
    def end(self) -> date:
        """Last day, inclusive."""
        y, i = self.year, self.index
        match self.frequency:
            case Frequency.WEEK:
                return date.fromisocalendar(y, i, 7)
            case Frequency.MONTH:
                return date(y, 12, 31) if i == 12 else date(y, i + 1, 1) - timedelta(1)
            case Frequency.QUARTER:
                return date(y, 12, 31) if i == 4 else date(y, 3 * i + 1, 1) - timedelta(1)
            case _:
                return date(y, 12, 31)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, d: date) -> bool:
        return self.start <= _as_date(d) <= self.end

    def __contains__(self, d: object) -> bool:
        return isinstance(d, date) and self.contains(d)

    # ---- arithmetic and order ------------------------------------------------------------

    @property
    def ordinal(self) -> int:
        """Monotone integer; consecutive periods differ by exactly 1."""
        match self.frequency:
            case Frequency.WEEK:
                return self.start.toordinal() // 7
            case Frequency.MONTH:
                return self.year * 12 + self.index - 1
            case Frequency.QUARTER:
                return self.year * 4 + self.index - 1
            case _:
                return self.year

    def next(self) -> Period:
        return self + 1

    def previous(self) -> Period:
        return self - 1

    def __add__(self, other: int) -> Period:
        if isinstance(other, bool) or not isinstance(other, int):
            return NotImplemented
        return Period.from_ordinal(self.frequency, self.ordinal + other)

    __radd__ = __add__

    def __sub__(self, other: int | Period) -> Any:
        if isinstance(other, Period):
            self._check_same(other)
            return self.ordinal - other.ordinal
        if isinstance(other, bool) or not isinstance(other, int):
            return NotImplemented
        return Period.from_ordinal(self.frequency, self.ordinal - other)

    def _check_same(self, other: Period) -> None:
        if other.frequency is not self.frequency:
            raise TypeError(
                f"cannot compare a {self.frequency.value} period with a "
                f"{other.frequency.value} period"
            )

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        self._check_same(other)
        return (self.year, self.index) < (other.year, other.index)

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        self._check_same(other)
        return (self.year, self.index) <= (other.year, other.index)

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        self._check_same(other)
        return (self.year, self.index) > (other.year, other.index)

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        self._check_same(other)
        return (self.year, self.index) >= (other.year, other.index)

    # ---- text ------------------------------------------------------------------------------

    @property
    def key(self) -> str:
        """Canonical text: '2025-W07', '2025-01', '2025-Q1', '2025'."""
        return self._raw_key()

    def __str__(self) -> str:
        return self.key

    def label(self, lang: str = "nl") -> str:
        """Short human label: nl 'jan 2025', 'week 7 2025', 'K1 2025', '2025'; en 'Jan 2025',
        'week 7 2025', 'Q1 2025', '2025'."""
        lang = _lang(lang)
        y = f"{self.year:04d}"
        match self.frequency:
            case Frequency.WEEK:
                return f"week {self.index} {y}"
            case Frequency.MONTH:
                return f"{_MONTHS_SHORT[lang][self.index - 1]} {y}"
            case Frequency.QUARTER:
                return f"{'K' if lang == 'nl' else 'Q'}{self.index} {y}"
            case _:
                return y

    def long_label(self, lang: str = "nl") -> str:
        """Like ``label`` but months in full: nl 'januari 2025', en 'January 2025'."""
        lang = _lang(lang)
        if self.frequency is Frequency.MONTH:
            return f"{_MONTHS_LONG[lang][self.index - 1]} {self.year:04d}"
        return self.label(lang)


_KEY_RE = re.compile(
    r"(?P<y>\d{4})(?:-W(?P<w>\d{2})|-(?P<m>\d{2})|-Q(?P<q>\d))?",
    re.IGNORECASE,
)


def period_range(first: Period, last: Period) -> list[Period]:
    """All periods from ``first`` to ``last`` inclusive; empty when ``last < first``."""
    first._check_same(last)
    a, b = first.ordinal, last.ordinal
    return [Period.from_ordinal(first.frequency, n) for n in range(a, b + 1)]


def last_finished(frequency: Frequency | str, today: date) -> Period:
    """The most recent period that ended before ``today``."""
    return Period.containing(today, frequency).previous()


# --------------------------------------------------------------------------------------------
# Reading what people type
# --------------------------------------------------------------------------------------------

_MON = "(?P<mon>" + "|".join(sorted(_MONTH_NAMES, key=len, reverse=True)) + r")\.?"
_Y = r"(?P<y>\d{4})"
_S = r"[\s,/-]*"  # optional separator between a word and a number
_NUMSEP = r"\s*[-/.]\s*"  # required separator between two numbers
_WEEK = r"(?:week|wk|w)\.?"
_QUARTER = r"(?:kwartaal|quarter|kw|q|k)\.?"
_TIME = r"(?:[\st]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (kind, re.compile(rx))
    for kind, rx in [
        ("year", _Y),
        ("month", _Y + _NUMSEP + r"(?P<m>\d{1,2})"),
        ("month", r"(?P<m>\d{1,2})" + _NUMSEP + _Y),
        ("month", _MON + _S + _Y),
        ("month", _Y + _S + _MON),
        ("week", _WEEK + r"\s*(?P<w>\d{1,2})" + _S + _Y),
        ("week", _Y + _S + _WEEK + r"\s*(?P<w>\d{1,2})"),
        ("quarter", _QUARTER + r"\s*(?P<q>\d{1,2})" + _S + _Y),
        ("quarter", r"(?P<q>\d)\s*(?:e|ste|de|st|nd|rd|th)?\s*(?:kwartaal|quarter)" + _S + _Y),
        ("quarter", _Y + _S + _QUARTER + r"\s*(?P<q>\d{1,2})"),
        ("date", _Y + r"(?P<s>[-/.])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})" + _TIME),
        ("date", r"(?P<d>\d{1,2})(?P<s>[-/.])(?P<m>\d{1,2})(?P=s)" + _Y + _TIME),
        ("date", r"(?P<d>\d{1,2})\.?[\s-]*" + _MON + _S + _Y),
        ("date", _MON + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+" + _Y),
    ]
]


def _normalise(text: str) -> str:
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2009", " ")
    return " ".join(text.casefold().split())


def _read(text: str, shown: str) -> Period | date:
    """Parse normalised ``text`` into a Period or a date; errors quote ``shown``."""
    for kind, rx in _PATTERNS:
        m = rx.fullmatch(text)
        if not m:
            continue
        y = int(m["y"])
        month = m.groupdict().get("m") or m.groupdict().get("mon")
        if month is not None:
            month = _MONTH_NAMES[month] if month.isalpha() else int(month)
        try:
            match kind:
                case "year":
                    return Period(Frequency.YEAR, y, 1)
                case "month":
                    return Period(Frequency.MONTH, y, month)
                case "week":
                    return Period(Frequency.WEEK, y, int(m["w"]))
                case "quarter":
                    return Period(Frequency.QUARTER, y, int(m["q"]))
                case _:
                    if not MIN_YEAR <= y <= MAX_YEAR:
                        raise PeriodError("out_of_range", text=shown, reason="year")
                    try:
                        return date(y, month, int(m["d"]))
                    except ValueError:
                        raise PeriodError("out_of_range", text=shown, reason="date") from None
        except PeriodError as e:
            # Quote what the person typed, not our canonical rendering of it.
            raise PeriodError(e.code, **{**e.params, "text": shown}) from None
    raise PeriodError("unreadable", text=shown, expected=None)


def parse_period(text: str, frequency: Frequency | str | None = None) -> Period:
    """Read a period as people type it, in Dutch or English (case and spacing ignored).

    Without ``frequency`` the text must name a period ('2025-01', 'K1 2025', 'week 7 2025',
    ...); a bare date raises PeriodError("needs_frequency"). With ``frequency`` the result has
    that frequency: a date gives the period containing it, a period of another frequency raises
    PeriodError("wrong_frequency").
    """
    f = None if frequency is None else _coerce_frequency(frequency)
    if not isinstance(text, str):
        raise TypeError(f"parse_period expects a str, not {type(text).__name__}")
    shown = " ".join(text.split())
    norm = _normalise(text)
    if not norm:
        raise PeriodError("empty")
    try:
        result = _read(norm, shown)
    except PeriodError as e:
        if e.code == "unreadable" and f is not None:
            raise PeriodError("unreadable", text=shown, expected=f) from None
        raise
    if isinstance(result, date):
        if f is None:
            raise PeriodError("needs_frequency", text=shown)
        return Period.containing(result, f)
    if f is not None and result.frequency is not f:
        raise PeriodError(
            "wrong_frequency", text=shown, found=result.frequency.value, expected=f.value
        )
    return result


def period_of(value: object, frequency: Frequency | str | None = None) -> Period:
    """A period from a spreadsheet cell or form value.

    date/datetime -> the containing period (needs ``frequency``); str -> ``parse_period``;
    int (and integral float, e.g. 2025.0) -> read as text; Period -> checked against
    ``frequency``; None -> PeriodError("empty").
    """
    f = None if frequency is None else _coerce_frequency(frequency)
    if value is None:
        raise PeriodError("empty")
    if isinstance(value, Period):
        if f is not None and value.frequency is not f:
            raise PeriodError(
                "wrong_frequency", text=value.key, found=value.frequency.value, expected=f.value
            )
        return value
    if isinstance(value, date):
        if f is None:
            raise PeriodError("needs_frequency", text=_as_date(value).isoformat())
        return Period.containing(value, f)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str):
        return parse_period(value, f)
    raise PeriodError("unreadable", text=str(value), expected=f)
