"""Reading periods as people type them: 2025-01, jan 2025, week 7 2025, K1 2025, 31-01-2025."""

from __future__ import annotations

import re
from datetime import date

from ._errors import PeriodError
from ._frequency import _MONTH_NAMES, MAX_YEAR, MIN_YEAR, Frequency
from ._period import Period, _as_date, _coerce_frequency

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
