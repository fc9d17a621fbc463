"""The engine's options, checked once, its constants, and the segments they give a series."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._errors import TrendError

RULES = ("outside_limits", "three_of_four", "run_of_eight", "moving_range")
_RULE_ORDER = {name: k for k, name in enumerate(RULES)}
# Priority for the verdict when two signals end on the same point (higher wins).
_PRIORITY = {"outside_limits": 3, "run_of_eight": 2, "three_of_four": 1, "moving_range": 0}
VERDICTS = ("insufficient_data", "stable", "improving", "deteriorating")
EVIDENCE = (None, "signal", "drift")
ASSURANCE = ("met", "not_met", "hit_and_miss")

DEFAULT_BASELINE = 20
MIN_FOR_VERDICT = 6
FIRM_BASELINE = 12
DRIFT_WINDOW = 24
# How recent a signal must be to decide the verdict: its last point among the last k points.
RECENT = {"outside_limits": 1, "three_of_four": 2, "run_of_eight": 2}
ALPHA = 0.05
ROBUST_BASELINE = 20  # robust limits need a full baseline (see the engine's docstring)
AUTOCORR_BIAS, AUTOCORR_CAP = 0.1, 0.6
SEASONAL_ALPHA = 0.01
SEASONAL_CYCLES = 3  # full cycles before a series is called likely seasonal
DEFAULT_CYCLE = 12  # checked for likely seasonality when not marked seasonal


@dataclass(frozen=True)
class _Options:
    direction: str = "higher"
    baseline: int | None = None
    rebaseline_at: tuple = ()
    spread: str = "mean"
    trended: bool = False
    screen: bool = False
    season_length: int | None = None
    target: float | None = None
    robust: bool = True
    lower_bound: float | None = None
    cycle: int | None = DEFAULT_CYCLE


def _is_int(v) -> bool:
    return isinstance(v, int | np.integer) and not isinstance(v, bool)


def _options(
    direction="higher",
    baseline=None,
    rebaseline_at=(),
    spread="mean",
    trended=False,
    screen=False,
    season_length=None,
    target=None,
    robust=True,
    lower_bound=None,
    cycle=DEFAULT_CYCLE,
) -> _Options:
    if direction not in ("higher", "lower"):
        raise TrendError("bad_direction", value=direction)
    if spread not in ("mean", "median"):
        raise TrendError("bad_spread", value=spread)
    if baseline is not None and not _is_int(baseline):
        raise TrendError("baseline_out_of_range", value=baseline, max="n")
    if rebaseline_at is None:
        rebaseline_at = ()
    if _is_int(rebaseline_at):
        rebaseline_at = (rebaseline_at,)
    cuts = []
    for i in rebaseline_at:
        if not _is_int(i):
            raise TrendError("rebaseline_out_of_range", value=i, max="n-1")
        cuts.append(int(i))
    if season_length is not None and (not _is_int(season_length) or season_length < 2):
        raise TrendError("bad_season_length", value=season_length)
    if target is not None:
        try:
            target = float(target)
        except (TypeError, ValueError):
            raise TrendError("bad_target", value=target) from None
        if not np.isfinite(target):
            raise TrendError("bad_target", value=target)
    return _Options(
        direction=direction,
        baseline=None if baseline is None else int(baseline),
        rebaseline_at=tuple(sorted(set(cuts))),
        spread=spread,
        trended=bool(trended),
        screen=bool(screen),
        season_length=None if season_length is None else int(season_length),
        target=target,
        robust=bool(robust),
        lower_bound=_finite_or_none(lower_bound, "bad_lower_bound"),
        cycle=None if not cycle else _cycle(cycle),
    )


def _finite_or_none(value, code: str):
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise TrendError(code, value=value) from None
    if not np.isfinite(number):
        raise TrendError(code, value=value)
    return number


def _cycle(value) -> int:
    if not _is_int(value) or value < 2:
        raise TrendError("bad_season_length", value=value)
    return int(value)


def _segments(n: int, o: _Options):
    for i in o.rebaseline_at:
        if i < 0 or i >= n:
            raise TrendError("rebaseline_out_of_range", value=i, max=n - 1)
    bounds = [0] + [i for i in o.rebaseline_at if i > 0] + [n]
    segs = []
    for k, (s, e) in enumerate(zip(bounds[:-1], bounds[1:], strict=True)):
        length = e - s
        if k == 0 and o.baseline is not None:
            if o.baseline < 2 or o.baseline > length:
                raise TrendError("baseline_out_of_range", value=o.baseline, max=length)
            b = o.baseline
        else:
            b = min(DEFAULT_BASELINE, length)
        segs.append((s, e, b))
    return segs
