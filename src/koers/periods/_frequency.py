"""Frequencies (week, month, quarter, year) and the month names we show and read."""

from __future__ import annotations

from enum import StrEnum

from koers.language import resolve

MIN_YEAR = 1
MAX_YEAR = 9999


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
        return _FREQUENCY_NOUNS[resolve(lang)][self]

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
