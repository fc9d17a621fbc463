"""PeriodError: a period that cannot be read or does not exist, in Dutch and English."""

from __future__ import annotations

from typing import Any

from koers.errors import CodedError

from ._frequency import Frequency

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


class PeriodError(CodedError):
    """A period could not be read or does not exist.

    ``code`` is one of: "empty", "unreadable", "out_of_range", "wrong_frequency",
    "needs_frequency", "not_a_start", "unknown_frequency". ``params`` holds the values used in
    the message. ``str(error)`` is the English message; ``message("nl")`` the Dutch one.
    """

    messages = {
        code: {lang: _MESSAGES[lang][code] for lang in _MESSAGES} for code in _MESSAGES["en"]
    }

    def template(self, code: str, lang: str) -> str:
        if code == "out_of_range" and self.params.get("reason") == "date":
            code = "no_such_date"
        return super().template(code, lang)

    def shown_params(self, lang: str) -> dict[str, Any]:
        p = dict(self.params)
        code = self.code
        if code == "out_of_range" and p.get("reason") != "date":
            p["reason"] = _REASONS[lang][p["reason"]].format(**p)
        elif code == "unreadable":
            p["examples"] = _join(_EXAMPLES[lang][p.get("expected")], lang)
        elif code == "wrong_frequency":
            p["found"] = Frequency(p["found"]).label(lang)
            p["expected"] = Frequency(p["expected"]).label(lang)
        elif code == "not_a_start":
            p["frequency"] = Frequency(p["frequency"]).label(lang)
            p["date"] = p["date"].strftime("%d-%m-%Y") if lang == "nl" else p["date"].isoformat()
        return p
