"""The XmR chart's building blocks: colours, words, scales and number formats. Pure: no
Django (the chart itself is drawn in ``koers.trends.xmrchart``)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from koers.numbers import format_number
from koers.periods import Period

COLOURS = {
    "improvement": "#1b6e3a",
    "concern": "#a4161a",
    "none": "#0b5cad",
    "limit": "#a4161a",
    "centre": "#3d4a57",
    "mid": "#9aa5b1",
    "target": "#8a5300",
    "grid": "#e3e7eb",
    "axis": "#56606b",
    "raw": "#b8c2cc",
    "divider": "#56606b",
    "marker": "#6a3d9a",
}
# A white outline behind a label's letters: readable over lines and points.
HALO = 'stroke="#fff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"'
FONT = 'font-family="system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif"'


@dataclass(frozen=True)
class ChartTexts:
    """The chart's words as ``str.format`` templates. This module is pure, so the caller gives
    them in the reader's language (``koers.trends.charttexts.chart_texts()`` through gettext);
    without them the chart speaks English."""

    title: str = "Process behaviour chart of {name}"
    desc: str = (
        "{n} values from {first} to {last}. Centre line {cl}; natural process limits {lo} to {hi}."
    )
    desc_signals: str = "{good} points signal an improvement, {bad} a concern."
    desc_target: str = "Target {t}."
    desc_adjusted: str = "Values are adjusted for the season."
    desc_mr: str = (
        "Beneath: the moving ranges (jump from one period to the next), upper range limit {url}."
    )
    cl: str = "CL"
    unpl: str = "UNPL"
    lnpl: str = "LNPL"
    no_lnpl: str = "no lower limit"
    url: str = "URL"
    mr: str = "moving range"
    target: str = "target"
    baseline_end: str = "baseline"
    new_level: str = "new level"
    improvement: str = "improvement"
    concern: str = "concern"


# The chart's words when the caller gives none.
ENGLISH = ChartTexts()


def text(texts: ChartTexts, key: str, **params) -> str:
    return getattr(texts, key).format(**params)


def nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """Round tick values (1, 2 or 5 × 10^k apart) that cover [lo, hi]."""
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return []
    if hi <= lo:
        pad = abs(hi) * 0.1 or 1.0
        lo, hi = lo - pad, hi + pad
    raw = (hi - lo) / max(count, 1)
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 5, 10) if m * mag >= raw)
    first = math.floor(lo / step) * step
    ticks = []
    v = first
    while v <= hi + step * 1e-9:
        ticks.append(round(v, 12))
        v += step
    if ticks[-1] < hi:
        ticks.append(round(ticks[-1] + step, 12))
    return ticks


def tick_decimals(ticks: Sequence[float]) -> int:
    if len(ticks) < 2:
        return 0
    step = abs(ticks[1] - ticks[0])
    return max(0, -math.floor(math.log10(step) + 1e-9)) if step > 0 else 0


def value_decimals(spread: float | None, decimals: int | None) -> int:
    """Decimals for limits: the KPI's own plus enough to show the spread (at most 4)."""
    base = decimals if decimals is not None else 1
    if spread is not None and math.isfinite(spread) and spread > 0:
        return max(base, min(4, 1 - math.floor(math.log10(spread))))
    return base


_SWAP = {"en": None, "nl": str.maketrans(",.", ".,")}  # Python's 1,234.5 as each language


def fmt(v, dec: int, lang: str) -> str:
    """``format_number(round(v, dec), dec, lang)``; for the usual numbers (a chart writes one per
    point) by Python's own float formatting, which gives the same text there: a value rounded to
    ``dec`` places (at most 6) and below 10^9 prints exactly as its shortest decimal."""
    if v is None:
        return "–"
    r = round(float(v), dec)
    if lang in _SWAP and 0 <= dec <= 6 and -1e9 < r < 1e9:
        text = f"{r if r else 0.0:,.{dec}f}"  # no sign on a negative zero
        swap = _SWAP[lang]
        return text.translate(swap) if swap else text
    return format_number(r, dec, lang)


def start_of(when) -> date:
    return when.start if isinstance(when, Period) else when


def meanings(analysis) -> tuple[list[str], list[bool]]:
    """Per point: 'improvement' | 'concern' | 'none' (rules 1–3), and rule-4 jumps."""
    n = analysis.n
    meaning = ["none"] * n
    jump = [False] * n
    for sig in analysis.signals:
        if sig["rule"] == "moving_range":
            jump[sig["points"][-1]] = True
            continue
        for p in sig["points"]:
            if meaning[p] != "concern":
                meaning[p] = sig["meaning"]
    return meaning, jump


def svg_path(points: list[tuple[float, float]]) -> str:
    return " ".join(f"{'M' if k == 0 else 'L'}{x:.1f},{y:.1f}" for k, (x, y) in enumerate(points))


def target_values(target) -> list[float]:
    """The target values drawn: one number, or one per point (None where there is none)."""
    if target is None:
        return []
    if isinstance(target, (list, tuple)):
        return [float(t) for t in target if t is not None]
    return [float(target)]
