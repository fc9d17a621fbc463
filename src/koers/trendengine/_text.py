"""Plain-words reasons in Dutch and English, and number formatting for them."""

from __future__ import annotations

import math

import numpy as np

from koers.language import pick, resolve
from koers.numbers import format_number as _shared_format

_T = {
    "point": {"en": "point {i}", "nl": "punt {i}"},
    "better": {"en": "better", "nl": "beter"},
    "worse": {"en": "worse", "nl": "slechter"},
    "too_few": {
        "en": "Too few points for a verdict yet: {k} of the 6 needed.",
        "nl": "Nog te weinig punten voor een oordeel: {k} van de 6 nodig.",
    },
    "too_few_since": {
        "en": "Too few points since the new start at {when}: {k} of the 6 needed.",
        "nl": "Te weinig punten sinds de nieuwe start bij {when}: {k} van de 6 nodig.",
    },
    "outside_limits": {
        "en": "{When} is {better} than the normal range of {lo}–{hi}.",
        "nl": "{When} is {better} dan het normale bereik van {lo}–{hi}.",
    },
    "range_no_lower": {"en": "up to {hi}, no lower limit", "nl": "tot {hi}, geen ondergrens"},
    "outside_range": {
        "en": "{When} is {better} than the normal range ({range}).",
        "nl": "{When} is {better} dan het normale bereik ({range}).",
    },
    # The one wording of a seasonally adjusted value, quoted wherever limits are (issue 12).
    "seasonally": {"en": "seasonally adjusted", "nl": "gecorrigeerd voor seizoen"},
    "adjusted": {"en": "{When} ({quote})", "nl": "{When} ({quote})"},
    "adjusted_run": {
        "en": "{k} periods in a row {better} than the {line} of {cl}, since {since}; latest "
        "value {value} ({quote}).",
        "nl": "{k} perioden op rij {better} dan het {line} van {cl}, sinds {since}; laatste "
        "waarde {value} ({quote}).",
    },
    "adjusted_three_of_four": {
        "en": "{k} of the 4 periods up to {when} clearly {better} than average ({cl}); latest "
        "value {value} ({quote}).",
        "nl": "{k} van de 4 perioden tot en met {when} duidelijk {better} dan gemiddeld ({cl}); "
        "laatste waarde {value} ({quote}).",
    },
    "adjusted_jump": {
        "en": "Sudden {jump} at {when} ({seasonally}: from {a} to {b}): a bigger jump than "
        "normal, for the {good}.",
        "nl": "Plotselinge {jump} bij {when} ({seasonally}: van {a} naar {b}): een grotere "
        "sprong dan normaal, ten {good}.",
    },
    "stable_range": {
        "en": "Within its normal range ({range}): only routine variation.",
        "nl": "Binnen het normale bereik ({range}): alleen gewone schommelingen.",
    },
    "stable_adjusted": {
        "en": "Latest value {value} ({quote}): within its normal range of {range}, only routine "
        "variation.",
        "nl": "Laatste waarde {value} ({quote}): binnen het normale bereik van {range}, alleen "
        "gewone schommelingen.",
    },
    "single_value": {
        "en": "This verdict rests on a single value.",
        "nl": "Dit oordeel rust op één waarde.",
    },
    "likely_seasonal": {
        "en": "Looks seasonal: mark it as seasonal. Until then its seasonal highs and lows are "
        "not read as a change.",
        "nl": "Lijkt seizoensgebonden: markeer als seizoen. Tot dan lezen we de pieken en dalen "
        "van het seizoen niet als verandering.",
    },
    "run_of_eight": {
        "en": "{k} periods in a row {better} than the {line} of {cl}, since {since}.",
        "nl": "{k} perioden op rij {better} dan het {line} van {cl}, sinds {since}.",
    },
    "average": {"en": "average", "nl": "gemiddelde"},
    "trend_line": {"en": "trend line", "nl": "trendlijn"},
    "three_of_four": {
        "en": "{k} of the 4 periods up to {when} clearly {better} than average ({cl}).",
        "nl": "{k} van de 4 perioden tot en met {when} duidelijk {better} dan gemiddeld ({cl}).",
    },
    "moving_range": {
        "en": "Sudden {jump} from {a} to {b} at {when}: a bigger jump than normal, for the {good}.",
        "nl": "Plotselinge {jump} van {a} naar {b} bij {when}: een grotere sprong dan normaal, "
        "ten {good}.",
    },
    "rise": {"en": "rise", "nl": "stijging"},
    "drop": {"en": "drop", "nl": "daling"},
    "for_better": {"en": "better", "nl": "goede"},
    "for_worse": {"en": "worse", "nl": "kwade"},
    "drift": {
        "en": "Steadily {better} over the last {k} periods: about {slope} per period.",
        "nl": "Geleidelijk {better} over de laatste {k} perioden: ongeveer {slope} per periode.",
    },
    "stable": {
        "en": "Within its normal range of {lo}–{hi}: only routine variation.",
        "nl": "Binnen het normale bereik van {lo}–{hi}: alleen gewone schommelingen.",
    },
    "stable_no_limits": {
        "en": "No clear change.",
        "nl": "Geen duidelijke verandering.",
    },
    "provisional": {
        "en": "Limits are provisional (baseline of {b} points).",
        "nl": "De grenzen zijn voorlopig (basis van {b} punten).",
    },
    "met": {
        "en": "Target {t}: will be met consistently.",
        "nl": "Doel {t}: wordt steeds gehaald.",
    },
    "not_met": {
        "en": "Target {t}: will not be met without a change.",
        "nl": "Doel {t}: wordt niet gehaald zonder verandering.",
    },
    "hit_and_miss": {
        "en": "Target {t}: will sometimes be met and sometimes not.",
        "nl": "Doel {t}: wordt soms wel en soms niet gehaald.",
    },
}


def text(key: str, lang: str, **params) -> str:
    table = _T[key]
    return (table[lang] if lang in _LANGS else pick(table, lang)).format(**params)


_LANGS = frozenset(("nl", "en"))  # codes that need no resolving (the batch asks often)


def decimals_for(spread: float, values=None) -> int:
    """Decimals that show the spread with about two significant digits (0…4)."""
    if spread is not None and math.isfinite(spread) and spread > 0:
        return max(0, min(4, 1 - math.floor(math.log10(spread))))
    return 2


def format_number(value: float, decimals: int = 1, lang: str = "nl") -> str:
    """nl: 1.234,5 — en: 1,234.5 (minus sign as '-'); as koers.numbers.format_number."""
    if value is None or not math.isfinite(value):
        return "–"
    value = float(value)
    digits = repr(abs(value))
    fraction = digits.partition(".")[2]
    if "e" in digits or (len(fraction) == decimals + 1 and fraction[-1] == "5"):
        # A tie in the typed digits: the shared formatter rounds it half up, exactly.
        text = _shared_format(value, decimals, lang)
    else:  # no tie: binary rounding gives the same digits, much faster
        text = f"{value:,.{decimals}f}"
        if lang == "nl" or (lang != "en" and resolve(lang) == "nl"):
            text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text[1:] if text.startswith("-") and not any(c in text for c in "123456789") else text


_SPECS = tuple(f"{{:,.{d}f}}".format for d in range(5))  # decimals_for gives 0…4


def decimals_column(spread) -> list[int]:
    """:func:`decimals_for` of every value of ``spread`` (an array; NaN for none), at once."""
    spread = np.asarray(spread, float)
    ok = np.isfinite(spread) & (spread > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        lg = np.log10(np.where(ok, spread, 1.0))
    out = np.where(ok, np.clip(1 - np.floor(lg), 0, 4), 2).astype(np.int64).tolist()
    # Near a power of ten numpy's log10 may round otherwise than math's: ask decimals_for.
    for i in np.flatnonzero(ok & (np.abs(lg - np.rint(lg)) < 1e-9)).tolist():
        out[i] = decimals_for(float(spread[i]))
    return out


def format_numbers(values, decimals: list[int], lang: str) -> list[str]:
    """:func:`format_number` of each value (a float, or None/NaN for none) with its decimals,
    for a whole column: the same texts, with one separator swap for all of them."""
    dutch = lang == "nl" or (lang != "en" and resolve(lang) == "nl")
    texts, ties = [], []
    for k, (v, d) in enumerate(zip(values, decimals, strict=True)):
        if v is None or not math.isfinite(v):
            texts.append("–")
            continue
        digits = repr(v)
        if "e" in digits or (digits[-1] == "5" and len(digits) > d + 2 and digits[-d - 2] == "."):
            ties.append(k)  # a tie in the typed digits: the exact formatter, below
        texts.append(_SPECS[d](v))
    if dutch and texts:
        joined = "\n".join(texts).replace(",", "\x00").replace(".", ",").replace("\x00", ".")
        texts = joined.split("\n")
    for k in ties:
        texts[k] = format_number(values[k], decimals[k], lang)
    for k, text in enumerate(texts):
        if text[0] == "-" and not any(c in text for c in "123456789"):
            texts[k] = text[1:]
    return texts
