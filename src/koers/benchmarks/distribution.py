"""The distribution of a peer group's values: median, quartiles, and one's own rank.

Pure (numpy, no Django). Quartiles by linear interpolation between the closest ranks:
numpy's default ``percentile`` method, the same as PostgreSQL's ``percentile_cont``.
A group smaller than ``MIN_PEERS`` has no distribution at all: with fewer companies the
figures would come too close to one company's value.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

MIN_PEERS = 5

BEST, MIDDLE, WORST = "best", "middle", "worst"  # which quarter one's own value lies in


@dataclass(frozen=True)
class Distribution:
    n: int
    median: float
    p25: float
    p75: float
    rank: int | None  # 1 = best; None when one's own value is not among them

    def as_dict(self) -> dict:
        return {
            "n": self.n,
            "median": self.median,
            "p25": self.p25,
            "p75": self.p75,
            "rank": self.rank,
        }


def rank_of(own: float, values: Sequence[float], direction: str) -> int:
    """1 + how many values are better than ``own`` ("higher" or "lower" is better); ties share."""
    data = np.asarray(values, dtype=float)
    better = data > own if direction == "higher" else data < own
    return int(better.sum()) + 1


def distribution(
    values: Sequence[float], own: float | None, direction: str, minimum: int = MIN_PEERS
) -> Distribution | None:
    """The distribution of ``values`` (one per organisation, one's own among them when given).

    None when fewer than ``minimum`` values contribute.
    """
    data = np.asarray(values, dtype=float)
    if data.size < minimum:
        return None
    p25, median, p75 = np.percentile(data, [25, 50, 75])
    rank = rank_of(own, data, direction) if own is not None else None
    return Distribution(int(data.size), float(median), float(p25), float(p75), rank)


def quarter(own: float, p25: float, p75: float, direction: str) -> str:
    """Whether ``own`` lies in the best quarter, the middle half or the worst quarter."""
    top, bottom = (p75, p25) if direction == "higher" else (p25, p75)
    if (own >= top) if direction == "higher" else (own <= top):
        return BEST
    if (own <= bottom) if direction == "higher" else (own >= bottom):
        return WORST
    return MIDDLE
