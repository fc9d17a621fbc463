"""The user's language for the pure core (no Django here): Dutch or English, one fallback rule.

Rule: a language code is read by its first two letters (``"nl"``, ``"nl-BE"``, ``"NL_nl"`` ->
``"nl"``; ``"en-GB"`` -> ``"en"``). No code (``None`` or ``""``) means the *current* language:
the one set with :func:`using`, else Django's active language when Django is loaded (looked
up in ``sys.modules``, never imported), else :data:`DEFAULT`. A code we do not speak
(``"de"``) also falls back to :data:`DEFAULT`, Dutch: the product's own language, as Django's
``LANGUAGE_CODE``.

Texts for the pure core are ``{"nl": ..., "en": ...}`` tables; :func:`pick` chooses from one
with the same rule (a table missing the language gives its :data:`DEFAULT` text).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar

__all__ = ["DEFAULT", "LANGUAGES", "current", "pick", "resolve", "using"]

LANGUAGES: tuple[str, ...] = ("nl", "en")
DEFAULT = "nl"

_current: ContextVar[str | None] = ContextVar("koers_language", default=None)


def _known(code: object) -> str | None:
    """'nl-BE' -> 'nl'; a language we do not speak or no code -> None."""
    if not isinstance(code, str):
        return None
    short = code.strip().lower()[:2]
    return short if short in LANGUAGES else None


def _django_language() -> str | None:
    translation = sys.modules.get("django.utils.translation")
    if translation is None:
        return None
    try:
        return translation.get_language()
    except Exception:  # settings not configured: Django is loaded but not set up
        return None


def current() -> str:
    """The current language: set by :func:`using`, else Django's active one, else DEFAULT."""
    return _known(_current.get()) or _known(_django_language()) or DEFAULT


def resolve(lang: str | None = None) -> str:
    """'nl' or 'en' for ``lang``; no code -> :func:`current`; an unknown code -> DEFAULT."""
    if lang is None or (isinstance(lang, str) and not lang.strip()):
        return current()
    return _known(lang) or DEFAULT


def pick(texts: Mapping[str, str], lang: str | None = None) -> str:
    """The text for ``lang`` from a ``{"nl": ..., "en": ...}`` table (DEFAULT when missing)."""
    code = resolve(lang)
    return texts[code] if code in texts else texts[DEFAULT]


@contextmanager
def using(lang: str) -> Iterator[str]:
    """Make ``lang`` the current language inside the block (per thread / task)."""
    token = _current.set(resolve(lang))
    try:
        yield _current.get()
    finally:
        _current.reset(token)
