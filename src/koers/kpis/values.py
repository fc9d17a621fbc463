"""What a value must be to be stored: the one rule every way in uses.

Pure module (no Django). ``storable(value)`` gives the value exactly as it will be stored, or
raises ``ValueProblem``. The rule is the intersection of what both databases keep exactly:
PostgreSQL's ``numeric(20, 6)`` and SQLite, which keeps 15 significant digits. So a value has

* at most 6 decimals — more is an error, never silently rounded (trailing zeros do not count);
* at most 14 digits before the decimal point;
* at most 15 digits in all.

The largest storable value is 99999999999999.9, the smallest -99999999999999.9; both read
back unchanged on either database, and one digit more is refused with a message saying why.
The check runs on the value as stored (after removing trailing zeros), so no rounding can
ever carry a value past the limit.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

__all__ = ["MAX_DECIMALS", "MAX_DIGITS", "MAX_INTEGER_DIGITS", "ValueProblem", "storable"]

MAX_DECIMALS = 6
MAX_INTEGER_DIGITS = 14
MAX_DIGITS = 15
LARGEST = Decimal("99999999999999.9")
STORED_PLACES = Decimal(1).scaleb(-MAX_DECIMALS)


def _lang(lang: str | None) -> str:
    return "nl" if (lang or "").lower()[:2] == "nl" else "en"


def _shown(value: Decimal, lang: str) -> str:
    text = format(value, "f")
    return text.replace(".", ",") if lang == "nl" else text


_MESSAGES = {
    "nl": {
        "too_precise": "{text} heeft {n} decimalen; Koers bewaart er hoogstens 6. Rond het "
        "getal zelf af",
        "too_large": "{text} is te groot om op te slaan: hoogstens 14 cijfers voor de komma "
        "en 15 cijfers in totaal (het grootste getal is 99999999999999,9)",
        "too_many_digits": "{text} heeft {n} cijfers; Koers bewaart er hoogstens 15 in totaal "
        "(14 voor de komma, 6 erna). Rond het getal af",
    },
    "en": {
        "too_precise": "{text} has {n} decimals; Koers keeps at most 6. Round the number yourself",
        "too_large": "{text} is too large to store: at most 14 digits before the decimal "
        "point and 15 digits in all (the largest number is 99999999999999.9)",
        "too_many_digits": "{text} has {n} digits; Koers keeps at most 15 in all (14 before "
        "the decimal point, 6 after it). Round the number",
    },
}


class ValueProblem(ValueError):
    """A value Koers cannot store as given. ``code``: "too_precise", "too_large" or
    "too_many_digits"; ``message(lang)`` says why in Dutch or English."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "nl") -> str:
        lang = _lang(lang)
        params = dict(self.params)
        params["text"] = _shown(params["value"], lang)
        return _MESSAGES[lang][self.code].format(**params)

    def __str__(self) -> str:
        return self.message("en")


def storable(value: Decimal) -> Decimal:
    """The value as it will be stored, or ``ValueProblem`` saying why it cannot be."""
    if not value.is_finite():
        raise ValueProblem("too_large", value=value)
    exact = value.normalize() if value else Decimal(0)
    sign, digits, exponent = exact.as_tuple()
    decimals = max(-exponent, 0)
    if decimals > MAX_DECIMALS:
        raise ValueProblem("too_precise", value=value, n=decimals)
    integer_digits = max(len(digits) + exponent, 0) if exact else 0
    if integer_digits > MAX_INTEGER_DIGITS:
        raise ValueProblem("too_large", value=value)
    total = integer_digits + decimals
    if total > MAX_DIGITS:
        raise ValueProblem("too_many_digits", value=value, n=total)
    return exact.quantize(STORED_PLACES)
