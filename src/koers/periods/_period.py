"""Period: one week, month, quarter or year, with its dates, order, key and labels."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from koers.language import resolve

from ._errors import PeriodError
from ._frequency import _MONTHS_LONG, _MONTHS_SHORT, MAX_YEAR, MIN_YEAR, Frequency


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
        lang = resolve(lang)
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
        lang = resolve(lang)
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
