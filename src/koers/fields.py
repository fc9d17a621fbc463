"""Form fields that read numbers and periods the way people type them.

Dutch users type ``1.234,56`` and ``jan 2025``; English users ``1,234.56``
and ``Jan 2025``. Both are read; errors say why in the user's language.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import get_language

from koers.numbers import NumberError, format_number, parse_number
from koers.periods import Frequency, Period, PeriodError, parse_period


def current_lang() -> str:
    return "en" if (get_language() or "nl").startswith("en") else "nl"


def read_number(text: str, lang: str) -> Decimal:
    """Read a number; when it can be read two ways, the user's language decides."""
    try:
        return parse_number(text)
    except NumberError as error:
        if error.code != "ambiguous":
            raise
        return parse_number(text, decimal="," if lang == "nl" else ".")


class NumberInput(forms.TextInput):
    input_type = "text"

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, int | float | Decimal):
            return format_number(Decimal(str(value)).normalize(), None, current_lang(), False)
        return super().format_value(value)


class LocalDecimalField(forms.Field):
    widget = NumberInput

    def to_python(self, value) -> Decimal | None:
        text = str(value).strip() if value is not None else ""
        if text in self.empty_values:
            return None
        try:
            return read_number(text, current_lang())
        except NumberError as error:
            raise forms.ValidationError(error.message(current_lang()), code=error.code) from None


class PeriodField(forms.Field):
    """A period typed as text (`jan 2025`, `2025-W07`, `31-01-2025`, …)."""

    widget = forms.TextInput

    def __init__(self, *args, frequency: Frequency | str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.frequency = frequency

    def prepare_value(self, value):
        if isinstance(value, Period):
            return value.label(current_lang())
        return value

    def to_python(self, value) -> Period | None:
        if isinstance(value, Period):
            return value
        text = str(value).strip() if value is not None else ""
        if text in self.empty_values:
            return None
        try:
            return parse_period(text, self.frequency)
        except PeriodError as error:
            raise forms.ValidationError(error.message(current_lang()), code=error.code) from None
