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
RECENT = 3
ALPHA = 0.05


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
    )


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
