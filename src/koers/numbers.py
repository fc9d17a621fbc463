"""Numbers as people type them, in Dutch (``1.234,56``) and English (``1,234.56``).

Pure module: no Django. Values are kept as exact ``Decimal``s (never via float).

Reading rules (``parse_number``)
--------------------------------
* Accepted around the number: a sign (``-5``, ``+5``, ``- 5``, unicode minus ``−5``, en dash),
  accounting brackets ``(5)`` = -5, a currency before or after (``€``, ``EUR``, ``$``, ``USD``,
  ``£``, ``GBP``), a trailing percent sign (``12%`` -> 12, not 0.12), and the Dutch round-amount
  ending ``,-`` (``€ 12,-`` -> 12).
* Thousands may be separated by ``.``, ``,``, spaces or non-breaking spaces, always in groups of
  three. When both ``.`` and ``,`` appear, the last one is the decimal separator.
* A single separator followed by exactly three digits (``1.234``, ``1,234``) is ambiguous: the
  ``decimal`` argument decides, and without it NumberError("ambiguous") is raised. It is not
  ambiguous when the part before it is 0 or longer than three digits (``0,123``, ``1234,567``)
  or uses space grouping (``1 234,567``): then it is the decimal separator.
* ``decimal`` only settles ambiguity; text that can be read only one way is read that way
  (``1,5`` is 1.5 even with ``decimal="."``).
* Scientific notation (``1E3``, ``1,2E+05``) is rejected as unreadable, on purpose: in business
  data it is more often a mangled code or a spreadsheet display artefact than a number someone
  meant to type.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from typing import Any

from koers.errors import CodedError
from koers.language import pick, resolve

__all__ = [
    "NumberError",
    "detect_decimal",
    "format_number",
    "parse_number",
    "parse_quantity",
    "unit_of",
]


_SEP_NAMES = {
    "nl": {",": "komma", ".": "punt"},
    "en": {",": "comma", ".": "point"},
}

_MESSAGES = {
    "nl": {
        "empty": "Geen getal ingevuld",
        "unreadable": "'{text}' is geen getal",
        "ambiguous": "'{text}' kan twee dingen betekenen: {as_thousands} (met de {sep_name} "
        "tussen de duizendtallen) of {as_decimal} (met de {sep_name} als decimaalteken). "
        "Geef aan welk decimaalteken gebruikt wordt: komma of punt",
        "conflict": "De getallen spreken elkaar tegen: '{comma_example}' gebruikt een komma "
        "als decimaalteken en '{point_example}' een punt",
        "wrong_unit": "'{text}' is in {found}, maar deze KPI wordt gemeten in {expected}",
        "unknown_unit": "'{text}': '{word}' is geen eenheid van deze KPI; deze KPI wordt "
        "gemeten in {expected}",
    },
    "en": {
        "empty": "No number given",
        "unreadable": "'{text}' is not a number",
        "ambiguous": "'{text}' can be read two ways: {as_thousands} (with the {sep_name} "
        "between thousands) or {as_decimal} (with the {sep_name} as decimal separator). "
        "Say which decimal separator is used: comma or point",
        "conflict": "The numbers contradict each other: '{comma_example}' uses a comma as "
        "decimal separator and '{point_example}' a point",
        "wrong_unit": "'{text}' is in {found}, but this KPI is measured in {expected}",
        "unknown_unit": "'{text}': '{word}' is not a unit of this KPI; it is measured in "
        "{expected}",
    },
}


class NumberError(CodedError):
    """A text is not a number we can read.

    ``code``: "empty", "unreadable", "ambiguous" (``parse_number``) or "conflict"
    (``detect_decimal``). ``params`` holds the values used in the message; ``str(error)`` is
    English, ``message("nl")`` Dutch.
    """

    messages = {
        code: {lang: _MESSAGES[lang][code] for lang in _MESSAGES} for code in _MESSAGES["en"]
    }

    def shown_params(self, lang: str) -> dict[str, Any]:
        p = dict(self.params)
        for key in ("found", "expected"):
            if key in p and p[key] in _UNIT_NAMES:
                p[key] = pick(_UNIT_NAMES[p[key]], lang)
        if self.code == "ambiguous":
            p["sep_name"] = _SEP_NAMES[lang][p["sep"]]
            p["as_thousands"] = format_number(p["as_thousands"], lang=lang, grouping=False)
            p["as_decimal"] = format_number(p["as_decimal"], lang=lang, grouping=False)
        return p


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------

_CURRENCY = r"(?:€|eur|\$|usd|£|gbp)"
_OUTER = re.compile(
    r"(?P<s1>[+-])?\s*(?P<c1>" + _CURRENCY + r")?\s*(?P<s2>[+-])?\s*"
    r"(?P<body>[0-9., ]*[0-9])(?P<dash>[.,]-{1,2})?"
    r"\s*(?P<c2>" + _CURRENCY + r")?\s*(?P<pct>%)?"
)
_SPACED_INT = re.compile(r"[0-9]{1,3}(?: [0-9]{3})+")
_DIGITS = re.compile(r"[0-9]+")


def _grouped(int_part: str, sep: str) -> bool:
    return re.fullmatch(r"[0-9]{1,3}(?:" + re.escape(sep) + r"[0-9]{3})+", int_part) is not None


def _plain_int(int_part: str) -> str | None:
    """Digits of an integer part without separators or with space grouping, else None."""
    if _DIGITS.fullmatch(int_part):
        return int_part
    if _SPACED_INT.fullmatch(int_part):
        return int_part.replace(" ", "")
    return None


class _Reading:
    """What a number body says: a value (and which decimal separator it proves, if any), or
    two possible values for a separator that is ambiguous."""

    __slots__ = ("value", "evidence", "sep", "as_thousands", "as_decimal")

    def __init__(self, value=None, evidence=None, sep=None, as_thousands=None, as_decimal=None):
        self.value: Decimal | None = value
        self.evidence: str | None = evidence
        self.sep: str | None = sep
        self.as_thousands: Decimal | None = as_thousands
        self.as_decimal: Decimal | None = as_decimal


def _dec(int_digits: str, frac: str = "") -> Decimal:
    return Decimal((int_digits or "0") + ("." + frac if frac else ""))


def _read_body(body: str) -> _Reading | None:
    """Interpret digits with '.', ',' and single spaces; None when unreadable."""
    other = {".": ",", ",": "."}
    has_dot, has_comma = "." in body, "," in body
    if has_dot and has_comma:
        dec = "." if body.rfind(".") > body.rfind(",") else ","
        if body.count(dec) != 1:
            return None
        int_part, frac = body.split(dec)
        if not _DIGITS.fullmatch(frac) or not _grouped(int_part, other[dec]):
            return None
        return _Reading(_dec(int_part.replace(other[dec], ""), frac), evidence=dec)
    if has_dot or has_comma:
        sep = "." if has_dot else ","
        if body.count(sep) > 1:
            if not _grouped(body, sep):
                return None
            # Several of the same separator can only group thousands: the other one is decimal.
            return _Reading(_dec(body.replace(sep, "")), evidence=other[sep])
        int_part, frac = body.split(sep)
        if not _DIGITS.fullmatch(frac):
            return None
        if int_part == "":
            return _Reading(_dec("", frac), evidence=sep)
        digits = _plain_int(int_part)
        if digits is None:
            return None
        if len(frac) != 3 or " " in int_part or len(int_part) > 3 or int(int_part) == 0:
            return _Reading(_dec(digits, frac), evidence=sep)
        return _Reading(sep=sep, as_thousands=_dec(digits + frac), as_decimal=_dec(digits, frac))
    digits = _plain_int(body)
    return None if digits is None else _Reading(_dec(digits))


def _clean(text: str) -> str:
    for space in ("\u00a0", "\u202f", "\u2009", "\u2007"):
        text = text.replace(space, " ")
    text = text.replace("\u2212", "-").replace("\u2013", "-")
    return " ".join(text.split()).casefold()


def _analyse(text: str) -> tuple[int, _Reading] | None:
    """(sign, reading) for a whole cell text, or None if it is not a number."""
    s = text
    negative = False
    if s.startswith("(") and s.endswith(")"):
        negative = True
        s = s[1:-1].strip()
    m = _OUTER.fullmatch(s)
    if not m:
        return None
    if (m["s1"] and m["s2"]) or (m["c1"] and m["c2"]) or (m["pct"] and (m["c1"] or m["c2"])):
        return None
    sign = m["s1"] or m["s2"]
    if negative and sign:
        return None
    negative = negative or sign == "-"
    body = m["body"]
    if m["dash"]:
        # "12,-" / "1.234,-": a whole amount, written with the decimal separator of the dash.
        body = body + m["dash"][0] + "00"
    reading = _read_body(body)
    if reading is None:
        return None
    if m["dash"] and reading.value is not None:
        reading.value = reading.value.to_integral_value()
    return (-1 if negative else 1), reading


def _to_decimal_input(value: Any) -> Decimal | None:
    """Numbers handed in directly (e.g. spreadsheet cells); None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        d = Decimal(repr(value))  # shortest text that gives this float: what was typed
        return d if d.is_finite() else None
    return None


def parse_number(text: str, decimal: str | None = None) -> Decimal:
    """Read a number typed in Dutch or English style; see the module docstring for the rules.

    ``decimal`` ("," or ".") settles the ambiguous case of one separator followed by exactly
    three digits. int, float and Decimal values are accepted too (floats via their shortest
    repr, so 0.1 stays 0.1).
    """
    if decimal not in (None, ",", "."):
        raise ValueError(f"decimal must be ',', '.' or None, not {decimal!r}")
    if not isinstance(text, str):
        direct = _to_decimal_input(text)
        if direct is None:
            if text is None:
                raise NumberError("empty")
            raise NumberError("unreadable", text=str(text))
        return direct
    shown = " ".join(text.split())
    cleaned = _clean(text)
    if not cleaned:
        raise NumberError("empty")
    analysed = _analyse(cleaned)
    if analysed is None:
        raise NumberError("unreadable", text=shown)
    sign, reading = analysed
    if reading.value is not None:
        value = reading.value
    elif decimal is None:
        raise NumberError(
            "ambiguous",
            text=shown,
            sep=reading.sep,
            as_thousands=sign * reading.as_thousands,
            as_decimal=sign * reading.as_decimal,
        )
    else:
        value = reading.as_decimal if decimal == reading.sep else reading.as_thousands
    value = -value if sign < 0 else value
    return value if value != 0 else abs(value)


def detect_decimal(texts: Iterable[Any]) -> str | None:
    """The decimal separator ("," or ".") that unambiguous examples show, or None.

    Unreadable, empty, ambiguous and non-text items say nothing and are skipped. Raises
    NumberError("conflict") when one example proves a comma and another a point.
    """
    examples: dict[str, str] = {}
    for text in texts:
        if not isinstance(text, str):
            continue
        cleaned = _clean(text)
        analysed = _analyse(cleaned) if cleaned else None
        if analysed is None:
            continue
        evidence = analysed[1].evidence
        if evidence is not None and evidence not in examples:
            examples[evidence] = " ".join(text.split())
            if len(examples) == 2:
                raise NumberError(
                    "conflict", comma_example=examples[","], point_example=examples["."]
                )
    if not examples:
        return None
    return next(iter(examples))


# --------------------------------------------------------------------------------------------
# Reading a number with its unit (6,5 dagen · € 12 · 12,5% · 12 uur)
# --------------------------------------------------------------------------------------------

# The words and signs people type for each unit of measure (compared case-insensitively).
_UNIT_WORDS: dict[str, tuple[str, ...]] = {
    "percent": ("%", "procent", "percent", "pct"),
    "euro": ("€", "eur", "euro", "euros"),
    "dollar": ("$", "usd", "dollar", "dollars"),
    "pound": ("£", "gbp", "pound", "pounds"),
    "hours": ("u", "uur", "uren", "h", "hr", "hrs", "hour", "hours"),
    "days": ("d", "dag", "dagen", "day", "days"),
    "minutes": ("min", "mins", "minuut", "minuten", "minute", "minutes"),
    "count": ("st", "stuk", "stuks", "x", "keer", "times", "pcs", "pieces"),
}
_UNIT_OF_WORD = {word: unit for unit, words in _UNIT_WORDS.items() for word in words}
_UNIT_NAMES = {
    "percent": {"nl": "procent", "en": "percent"},
    "euro": {"nl": "euro", "en": "euros"},
    "dollar": {"nl": "dollar", "en": "dollars"},
    "pound": {"nl": "pond", "en": "pounds"},
    "hours": {"nl": "uren", "en": "hours"},
    "days": {"nl": "dagen", "en": "days"},
    "minutes": {"nl": "minuten", "en": "minutes"},
    "count": {"nl": "aantallen", "en": "counts"},
    "ratio": {"nl": "een verhouding", "en": "a ratio"},
}
_SIGN = r"[€$£%]"
_WORD = r"[^\W\d_][^\W\d_.]*\.?"
_LEADING_UNIT = re.compile(
    r"^\s*(?P<unit>" + _SIGN + r"|eur|usd|gbp)(?P<rest>\s*[-+(\d.,].*)$", re.I
)
_TRAILING_UNIT = re.compile(r"^(?P<rest>.*?[\d)\-])\s*(?P<unit>" + _SIGN + "|" + _WORD + r")\s*$")


def unit_of(word: str) -> str | None:
    """The unit of measure a typed word or sign stands for ('dagen' -> 'days'), or None."""
    return _UNIT_OF_WORD.get(word.casefold().rstrip("."))


def _split_unit(text: str) -> tuple[str, str | None]:
    """(number text, unit word or None) for text with a unit before or after the number."""
    m = _LEADING_UNIT.match(text)
    if m:
        return m["rest"], m["unit"]
    m = _TRAILING_UNIT.match(text)
    if m and not (m["unit"] == "-" or m["rest"].rstrip().endswith(",")):
        return m["rest"], m["unit"]
    return text, None


def parse_quantity(
    text: str, unit: str, decimal: str | None = None, words: Iterable[str] = ()
) -> Decimal:
    """Read a number typed with or without its unit, for a KPI measured in ``unit``.

    ``unit`` is the KPI's unit of measure ("percent", "euro", "count", "hours", "days",
    "minutes", "ratio" or "custom"); ``words`` are extra words that also name it (a custom
    unit such as "klanten"). ``6,5 dagen``, ``€ 12``, ``12,5%``, ``12 uur`` and ``3 klanten``
    read as their number when the unit is the KPI's; no conversion is made. A unit of
    another kind raises NumberError("wrong_unit", found=..., expected=...); a word that is
    no unit of this KPI raises NumberError("unknown_unit", word=...). The number itself is
    read as by :func:`parse_number` (same ``decimal`` and errors).
    """
    if not isinstance(text, str):
        return parse_number(text, decimal)
    shown = " ".join(text.split())
    number, word = _split_unit(text)
    if word is not None:
        own = {w.casefold() for w in words}
        found = unit_of(word)
        if word.casefold().rstrip(".") in own or found == unit:
            pass
        elif found is not None:
            raise NumberError("wrong_unit", text=shown, found=found, expected=unit)
        else:
            raise NumberError("unknown_unit", text=shown, word=word, expected=_expected(unit, own))
    elif unit != "euro" and re.search(r"€|\beur\b", text, re.I):
        raise NumberError("wrong_unit", text=shown, found="euro", expected=unit)
    try:
        return parse_number(number, decimal)
    except NumberError as error:
        raise NumberError(error.code, **{**error.params, "text": shown}) from None


def _expected(unit: str, own: set[str]) -> str:
    if unit in _UNIT_NAMES or not own:
        return unit
    return sorted(own)[0]


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------


def format_number(
    value: Decimal | float | int | None,
    decimals: int | None = None,
    lang: str = "nl",
    grouping: bool = True,
) -> str:
    """Write a number the way ``lang`` readers expect: nl '1.234,56', en '1,234.56'.

    ``decimals`` rounds half-up to that many places (and pads with zeros); None keeps the
    value's own places. None gives ''. Negative numbers use an ASCII '-', so the text reads
    back with ``parse_number``. Negative zero is written without sign.
    """
    if value is None:
        return ""
    d = _to_decimal_input(value)
    if d is None:
        raise ValueError(f"cannot format {value!r} as a number")
    if decimals is not None and (isinstance(decimals, bool) or decimals < 0):
        raise ValueError(f"decimals must be a non-negative int or None, not {decimals!r}")
    lang = resolve(lang)
    dec_sep, group_sep = (",", ".") if lang == "nl" else (".", ",")
    digits = len(d.as_tuple().digits) + max(d.as_tuple().exponent, 0)
    with localcontext() as ctx:
        ctx.prec = max(28, digits + (decimals or 0) + 2)
        if decimals is not None:
            try:
                d = d.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
            except InvalidOperation:  # pragma: no cover - prec is sized to avoid this
                raise ValueError(f"cannot round {value!r} to {decimals} decimals") from None
        plain = format(abs(d), "f")
    int_part, _, frac = plain.partition(".")
    if grouping:
        head = len(int_part) % 3 or 3
        groups = [int_part[:head]] + [int_part[i : i + 3] for i in range(head, len(int_part), 3)]
        int_part = group_sep.join(groups)
    sign = "-" if d < 0 else ""
    return sign + int_part + (dec_sep + frac if frac else "")
