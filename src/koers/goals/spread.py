"""Targets over time, per period (pure: no Django).

A KPI's target is one value for every period (``single``), a value per period of the year
(``profile``: e.g. twelve monthly values for a seasonal business), or derived from the annual
goal: spread evenly over the periods (``even``) or along last year's pattern (``pattern``).
For a KPI whose periods add up (combining rule ``sum``) the goal is divided over the periods;
for an average, ratio or last value each period's target is the goal itself (``even``) or
the goal scaled by last year's pattern around its mean (``pattern``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from koers.periods import Frequency, Period, period_range

MODES = ("single", "profile", "even", "pattern")


def year_periods(frequency: str, year: int) -> list[Period]:
    """The periods of a calendar year (ISO weeks by their ISO year)."""
    first = Period(Frequency(frequency), year, 1)
    last = Period.containing(date(year, 12, 28), frequency)  # 28 Dec: always the last ISO week
    return period_range(first, last)


def profile_fits(profile: Sequence, per_year: int) -> bool:
    """A profile has one value per period of the year (weeks: 52, or 53 for a long ISO year)."""
    if per_year >= 52:
        return len(profile) in (52, 53)
    return len(profile) == per_year


def _stretch(values: Sequence[float], n: int) -> list[float]:
    """``values`` for ``n`` periods: a 53rd week repeats the 52nd, a 52-week year drops it."""
    values = list(values)
    return (values + values[-1:] * n)[:n]


def spread(
    mode: str,
    n: int,
    *,
    single: float | None = None,
    profile: Sequence[float] = (),
    goal: float | None = None,
    rule: str = "sum",
    last_year: Sequence[float | None] = (),
) -> list[float | None]:
    """The target of each of the ``n`` periods of one year (None where there is none)."""
    if mode == "profile" and profile:
        return [float(v) for v in _stretch(profile, n)]
    if mode in ("even", "pattern"):
        if goal is None:
            return [None] * n
        adds_up = rule == "sum"
        pattern = [v for v in last_year if v is not None]
        if mode == "pattern" and len(pattern) == len(last_year) >= n - 1 and sum(pattern) > 0:
            shares = _stretch(pattern, n)
            total = sum(shares)
            scale = goal / total if adds_up else goal * n / total
            return [v * scale for v in shares]
        return [goal / n if adds_up else goal] * n
    return [single] * n
