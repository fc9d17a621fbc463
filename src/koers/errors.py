"""One base class for errors the user reads: a stable code, its parameters, a message per language.

Pure (no Django). A subclass lists its texts in ``messages``: ``{code: {"nl": ..., "en": ...}}``
with ``str.format`` fields named after the parameters::

    class PlausibilityError(CodedError):
        messages = {
            "plausibility.bound": {
                "nl": "{value} ligt onder de ondergrens {bound}",
                "en": "{value} is below the lower bound {bound}",
            },
        }

    err = PlausibilityError("plausibility.bound", value=Decimal("-3"), bound=0)
    err.code            # "plausibility.bound" (stable: APIs and tests match on it)
    err.params          # {"value": Decimal("-3"), "bound": 0}
    err.message("nl")   # "-3 ligt onder de ondergrens 0"; no language: the current one
    str(err)            # the English message (logs, tracebacks)
    err.as_dict("nl")   # {"code": ..., "params": {...JSON-friendly...}, "message": ...}

Parameters are shown in the reader's language by :meth:`CodedError.shown_params`: numbers
with the right decimal separator (``1234,5`` / ``1234.5``, no grouping, exact for ``Decimal``)
and dates as ``31-01-2025`` / ``2025-01-31``; a subclass may override it for more. A code
missing from ``messages`` shows the code itself, and a field the template names but the
parameters lack leaves the template unformatted, so a message is never lost.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any, ClassVar

from koers.language import pick, resolve

__all__ = ["CodedError", "per_code", "show_value"]


def show_value(value: Any, lang: str | None = None) -> Any:
    """A parameter as the reader expects it: numbers and dates localised, the rest as is."""
    lang = resolve(lang)
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float | Decimal):
        if isinstance(value, float):
            value = int(value) if value.is_integer() else Decimal(repr(value))
        exact = Decimal(value)
        text = format(exact, "f")
        return text.replace(".", ",") if lang == "nl" else text
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y") if lang == "nl" else value.isoformat()
    return value


def per_code(by_language: Mapping[str, Mapping[str, str]]) -> dict[str, dict[str, str]]:
    """``{"nl": {code: text}, "en": {...}}`` -> ``{code: {"nl": text, "en": text}}``."""
    codes = {code for texts in by_language.values() for code in texts}
    return {c: {lang: t[c] for lang, t in by_language.items() if c in t} for c in sorted(codes)}


def _json_value(value: Any) -> Any:
    if isinstance(value, bool | int | float | str) or value is None:
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_json_value(v) for v in value]
    return str(value)


class CodedError(ValueError):
    """An error with a stable ``code``, its ``params`` and a message in the user's language."""

    messages: ClassVar[Mapping[str, Mapping[str, str]]] = {}

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(self.message("en"))

    def template(self, code: str, lang: str) -> str:
        """The message text for ``code`` in ``lang`` (the code itself when unknown)."""
        table = self.messages.get(code)
        return pick(table, lang) if table else code

    def shown_params(self, lang: str) -> dict[str, Any]:
        """The parameters as shown in ``lang``; override to localise more."""
        return {
            key: value.message(lang) if isinstance(value, CodedError) else show_value(value, lang)
            for key, value in self.params.items()
        }

    def message(self, lang: str | None = None) -> str:
        """The message in ``lang`` ('nl'/'en'; no language: the current one)."""
        lang = resolve(lang)
        text = self.template(self.code, lang)
        try:
            return text.format(**self.shown_params(lang))
        except (KeyError, IndexError, ValueError):
            return text

    def as_dict(self, lang: str | None = None) -> dict[str, Any]:
        """``{"code", "params", "message"}``, JSON-friendly, e.g. for an API 400 body."""
        params = {key: _json_value(value) for key, value in self.params.items()}
        return {"code": self.code, "params": params, "message": self.message(lang)}

    def __str__(self) -> str:
        return self.message("en")
