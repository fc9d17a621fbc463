"""Where an annual goal's year will end at this pace: pure, no Django.

``progress(inputs)`` takes what is known of the year so far (the values of its periods, their
lengths in days, for ratio KPIs their numerators and denominators), what the trend engine says
of the KPI (the current level's spread, a drift's slope, seasonality) and the target, and
returns a :class:`Progress`: the year to date by the KPI's combining rule, a projection of the
year's end with an interval, a status and a plain-words sentence in Dutch and English.

Combining rules (``rule``)
--------------------------
* ``sum``: the year to date is the sum of the periods so far; the year ends at that sum plus
  the expected values of the periods still to come (periods without a value count as to come).
* ``average``: the average of the periods weighted by their length in days (a 5-week month
  weighs more than a 4-week one, a week 7 days); the year ends at that average over every period.
* ``ratio``: Σ numerator / Σ denominator over the periods so far (×100 for a percentage), when
  every known period has both parts; otherwise as ``average``, weighted by length.
* ``last``: the latest value; the year ends at the expected value of the last period.

The pace
--------
The expected value of a period to come is the current level: the mean of the values since the
trend engine's last new level (``segment_start``), or of the last six values when the engine
saw a shift (``evidence="signal"``), plus, when the engine found a drift, the drift's Sen slope
per period carried forward from the latest point. For seasonal KPIs (``season`` factors, one per
position in the year, mean 1) the level is multiplied by the period's factor. The spread of a
single period is σ = mR̄ / 1.128 (the XmR chart's own estimate); the interval is the 90% range
(±1.645 standard deviations) of the year's end, from the periods to come (each varying by σ)
and from the uncertainty of the level itself (σ² / n for n points behind the level).

Status (``higher`` is better; the reverse for ``lower``)
---------------------------------------------------------
* During the year: ``on_course`` when even the unfavourable end of the interval reaches the
  target, ``at_risk`` when the expected end reaches it but the interval does not, ``off_course``
  when the expected end falls short.
* After the year (``year_over``): ``met`` or ``missed`` by the year's result.
* ``None`` when there is no target, or no value this year and no level to project from.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from koers.numbers import format_number

Z90 = 1.645
D2 = 1.128
SHIFT_POINTS = 6
STATUSES = ("on_course", "at_risk", "off_course", "met", "missed")


@dataclass
class PaceInputs:
    rule: str  # sum | average | ratio | last
    values: list[float | None]  # one per period of the year, in order; None: no value (yet)
    days: list[int]  # the length of each period of the year, in days
    elapsed: int  # how many periods of the year have finished (or begun, for the last rule)
    target: float | None = None
    direction: str = "higher"
    history: list[float] = field(default_factory=list)  # every value up to now, in order
    segment_start: int = 0  # index in ``history`` where the current level starts
    evidence: str | None = None  # the engine's evidence: None, "signal" or "drift"
    slope: float | None = None  # drift per period (engine's Sen slope), with evidence "drift"
    mr_bar: float | None = None  # the average moving range of the current level
    season: list[float] | None = None  # a factor per period of the year (mean 1), when seasonal
    numerators: list[float | None] | None = None
    denominators: list[float | None] | None = None
    percent: bool = False  # a ratio written as a percentage
    year_over: bool = False


@dataclass
class Progress:
    year_to_date: float | None
    target: float | None
    low: float | None
    expected: float | None
    high: float | None
    status: str | None
    reported: int = 0  # periods with a value so far
    periods: int = 0  # periods in the year

    @property
    def has_projection(self) -> bool:
        return self.expected is not None


def _level(inp: PaceInputs) -> tuple[float, int] | None:
    """The current level (expected value of the latest period) and the points behind it."""
    hist = inp.history
    if not hist:
        return None
    if inp.evidence == "signal":
        recent = hist[-SHIFT_POINTS:]
    else:
        recent = hist[min(max(inp.segment_start, 0), len(hist) - 1) :]
    level = sum(recent) / len(recent)
    if inp.evidence == "drift" and inp.slope:
        # The drift line through the middle of the recent points, read at the latest point.
        level += inp.slope * (len(recent) - 1) / 2
    return level, len(recent)


def _sigma(inp: PaceInputs) -> float:
    if inp.mr_bar is not None and math.isfinite(inp.mr_bar):
        return max(inp.mr_bar, 0.0) / D2
    hist = inp.history
    if len(hist) < 2:
        return 0.0
    ranges = [abs(b - a) for a, b in zip(hist, hist[1:], strict=False)]
    return sum(ranges) / len(ranges) / D2


def _to_come(inp: PaceInputs) -> list[int]:
    """Indices of the periods still to come: not finished yet, or finished without a value."""
    return [i for i, v in enumerate(inp.values) if v is None or i >= inp.elapsed]


def _expected(inp: PaceInputs, level: float, i: int) -> float:
    steps = i - (inp.elapsed - 1)
    value = level + (inp.slope * steps if inp.evidence == "drift" and inp.slope else 0.0)
    if inp.season:
        value *= inp.season[i]
    return value


def year_to_date(inp: PaceInputs) -> float | None:
    known = [(i, v) for i, v in enumerate(inp.values) if v is not None and i < inp.elapsed]
    if not known:
        return None
    if inp.rule == "sum":
        return sum(v for _, v in known)
    if inp.rule == "last":
        return known[-1][1]
    if inp.rule == "ratio" and inp.numerators and inp.denominators:
        num = [inp.numerators[i] for i, _ in known]
        den = [inp.denominators[i] for i, _ in known]
        if None not in num and None not in den and sum(den):
            return sum(num) / sum(den) * (100 if inp.percent else 1)
    weight = sum(inp.days[i] for i, _ in known)
    return sum(v * inp.days[i] for i, v in known) / weight


def _project(inp: PaceInputs, ytd: float | None) -> tuple[float, float] | None:
    """The expected end of the year and its standard deviation."""
    found = _level(inp)
    if found is None:
        return None
    level, n = found
    sigma = _sigma(inp)
    come = _to_come(inp)
    level_var = sigma**2 / max(n, 1)
    if inp.rule == "last":
        if not come:
            return (ytd, 0.0) if ytd is not None else None
        last = len(inp.values) - 1
        return _expected(inp, level, last), math.sqrt(sigma**2 + level_var)
    future = [_expected(inp, level, i) for i in come]
    done = [(i, v) for i, v in enumerate(inp.values) if v is not None and i < inp.elapsed]
    if inp.rule == "sum":
        total = sum(v for _, v in done) + sum(future)
        var = len(come) * sigma**2 + len(come) ** 2 * level_var
        return total, math.sqrt(var)
    weights = [inp.days[i] for i in come]
    total_days = sum(inp.days[i] for i, _ in done) + sum(weights)
    if inp.rule == "ratio" and ytd is not None and done:
        base = ytd * sum(inp.days[i] for i, _ in done)  # the parts' ratio, weighted by days
    else:
        base = sum(v * inp.days[i] for i, v in done)
    mean = (base + sum(e * w for e, w in zip(future, weights, strict=True))) / total_days
    var = (sum(w * w for w in weights) * sigma**2 + sum(weights) ** 2 * level_var) / total_days**2
    return mean, math.sqrt(var)


def _good(value: float, target: float, direction: str) -> bool:
    return value <= target if direction == "lower" else value >= target


def _status(inp: PaceInputs, ytd, low, expected, high) -> str | None:
    if inp.target is None:
        return None
    if inp.year_over:
        result = expected if expected is not None else ytd
        if result is None:
            return None
        return "met" if _good(result, inp.target, inp.direction) else "missed"
    if expected is None:
        return None
    if not _good(expected, inp.target, inp.direction):
        return "off_course"
    worst = high if inp.direction == "lower" else low
    return "on_course" if _good(worst, inp.target, inp.direction) else "at_risk"


def progress(inp: PaceInputs) -> Progress:
    ytd = year_to_date(inp)
    reported = sum(1 for i, v in enumerate(inp.values) if v is not None and i < inp.elapsed)
    if inp.year_over:
        projected = (ytd, 0.0) if ytd is not None else None
    elif inp.elapsed == 0:
        projected = None  # the year has not begun: nothing can be said about it yet
    else:
        projected = _project(inp, ytd)
    low = expected = high = None
    if projected is not None:
        expected, sd = projected
        low, high = expected - Z90 * sd, expected + Z90 * sd
        if inp.rule == "sum" and ytd is not None and all(v >= 0 for v in inp.history):
            low = max(low, ytd)  # a sum of counts cannot end below what is already in
    return Progress(
        year_to_date=ytd,
        target=inp.target,
        low=low,
        expected=expected,
        high=high,
        status=_status(inp, ytd, low, expected, high),
        reported=reported,
        periods=len(inp.values),
    )


# -- words ---------------------------------------------------------------------------------

SENTENCES = {
    "nl": {
        "pace": "Bij dit tempo eindigen we rond {expected} ({low}–{high})",
        "on_course": "het doel van {target} wordt gehaald.",
        "at_risk": "het doel van {target} is in gevaar.",
        "off_course": "het doel van {target} wordt niet gehaald.",
        "no_target": "er is geen doelwaarde.",
        "met": "Het jaar eindigde op {result}; het doel van {target} is gehaald.",
        "missed": "Het jaar eindigde op {result}; het doel van {target} is niet gehaald.",
        "ended": "Het jaar eindigde op {result}.",
        "nothing": "Nog geen waarden dit jaar; er valt nog niets te zeggen over het doel.",
    },
    "en": {
        "pace": "At this pace we end the year around {expected} ({low}–{high})",
        "on_course": "the goal of {target} will be met.",
        "at_risk": "the goal of {target} is at risk.",
        "off_course": "the goal of {target} will not be met.",
        "no_target": "there is no target value.",
        "met": "The year ended at {result}; the goal of {target} was met.",
        "missed": "The year ended at {result}; the goal of {target} was missed.",
        "ended": "The year ended at {result}.",
        "nothing": "No values this year yet; nothing can be said about the goal yet.",
    },
}


def sentence(p: Progress, lang: str = "nl", decimals: int = 0) -> str:
    """The progress in plain words, e.g. 'Bij dit tempo eindigen we rond 40 (35–45); het doel
    van 50 wordt niet gehaald.'"""
    words = SENTENCES["en" if lang == "en" else "nl"]

    def num(value: float | None) -> str:
        return format_number(round(value, decimals), decimals, lang) if value is not None else ""

    target = num(p.target)
    if p.status in ("met", "missed"):
        return words[p.status].format(result=num(p.expected), target=target)
    if p.expected is None:
        return words["nothing"]
    if p.low == p.high:
        return words["ended"].format(result=num(p.expected))
    head = words["pace"].format(expected=num(p.expected), low=num(p.low), high=num(p.high))
    tail = words[p.status or "no_target"].format(target=target)
    return f"{head}; {tail}"
