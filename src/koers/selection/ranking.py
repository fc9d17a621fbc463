"""Ranking the long list: combine the four criteria, show spread, flag disagreement.

Pure Python (no Django). Each score set is four integers 1–5 in the order of
CRITERIA: critical for our result, leverage, motivating, ease of keeping it up
to date.

- A candidate's mean per criterion is the plain mean of its score sets.
- Its combined score is the weighted mean of those criterion means
  (equal weights by default; a weight of 0 leaves a criterion out).
- Spread is the population standard deviation (the typical distance from the
  mean) of each participant's own combined score, so it reads on the same
  1–5 scale as the combined score.
- People disagree strongly when, on any criterion, the standard deviation is
  at least DISAGREE_SD (1.2) or the range (highest − lowest score) is at least
  DISAGREE_RANGE (3): then at least one person thinks a candidate is poor where
  another thinks it is good. Needs two score sets or more.
- Order: combined score (highest first), then more score sets, then the order
  in which candidates were given. Candidates without scores come last.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from koers.errors import CodedError

CRITERIA: tuple[str, ...] = ("critical", "leverage", "motivating", "ease")
DISAGREE_SD = 1.2
DISAGREE_RANGE = 3
EQUAL_WEIGHTS: dict[str, float] = {c: 1 for c in CRITERIA}

_MESSAGES = {
    "bad_score": {
        "nl": "Een score moet een geheel getal van 1 tot en met 5 zijn, niet {value}.",
        "en": "A score must be a whole number from 1 to 5, not {value}.",
    },
    "bad_weights": {
        "nl": "Gewichten mogen niet negatief zijn en ten minste één moet groter dan 0 zijn.",
        "en": "Weights cannot be negative and at least one must be above 0.",
    },
}


class RankingError(CodedError):
    messages = _MESSAGES


@dataclass(frozen=True)
class Ranked:
    """One candidate's place in the ranking."""

    key: object
    position: int | None  # 1-based; None when the candidate has no scores
    count: int
    means: dict[str, float | None]
    combined: float | None
    spread: float | None  # standard deviation of the participants' combined scores
    sds: dict[str, float | None]
    ranges: dict[str, int | None]
    disagreement: tuple[str, ...] = field(default=())  # criteria people disagree on

    @property
    def disagree(self) -> bool:
        return bool(self.disagreement)


def check_weights(weights: Mapping[str, float] | None) -> dict[str, float]:
    weights = dict(EQUAL_WEIGHTS if weights is None else weights)
    values = [weights.get(c, 0) for c in CRITERIA]
    if any(v < 0 for v in values) or not any(v > 0 for v in values):
        raise RankingError("bad_weights")
    return {c: weights.get(c, 0) for c in CRITERIA}


def _mean(values: Sequence[float]) -> float:
    return math.fsum(values) / len(values)


def _sd(values: Sequence[float]) -> float:
    mean = _mean(values)
    return math.sqrt(math.fsum((v - mean) ** 2 for v in values) / len(values))


def combine(score: Sequence[int], weights: Mapping[str, float]) -> float:
    """One score set's weighted mean over the criteria."""
    total = math.fsum(weights[c] for c in CRITERIA)
    return math.fsum(weights[c] * s for c, s in zip(CRITERIA, score, strict=True)) / total


def rank_one(
    key: object, scores: Iterable[Sequence[int]], weights: Mapping[str, float] | None = None
) -> Ranked:
    """Statistics of one candidate (position left empty)."""
    weights = check_weights(weights)
    sets = [tuple(s) for s in scores]
    for s in sets:
        if len(s) != len(CRITERIA):
            raise RankingError("bad_score", value=s)
        for v in s:
            if isinstance(v, bool) or not isinstance(v, int) or not 1 <= v <= 5:
                raise RankingError("bad_score", value=v)
    if not sets:
        empty = {c: None for c in CRITERIA}
        return Ranked(key, None, 0, dict(empty), None, None, dict(empty), dict(empty))
    columns = {c: [s[i] for s in sets] for i, c in enumerate(CRITERIA)}
    means = {c: _mean(col) for c, col in columns.items()}
    sds = {c: _sd(col) for c, col in columns.items()}
    ranges = {c: max(col) - min(col) for c, col in columns.items()}
    combined = combine([means[c] for c in CRITERIA], weights)
    spread = _sd([combine(s, weights) for s in sets])
    disagreement: tuple[str, ...] = ()
    if len(sets) >= 2:
        disagreement = tuple(
            c for c in CRITERIA if sds[c] >= DISAGREE_SD - 1e-9 or ranges[c] >= DISAGREE_RANGE
        )
    return Ranked(key, None, len(sets), means, combined, spread, sds, ranges, disagreement)


def rank(
    candidates: Iterable[tuple[object, Iterable[Sequence[int]]]],
    weights: Mapping[str, float] | None = None,
) -> list[Ranked]:
    """Rank candidates given as (key, score sets) pairs; see the module docstring."""
    weights = check_weights(weights)
    rows = [(i, rank_one(key, scores, weights)) for i, (key, scores) in enumerate(candidates)]
    scored = [r for r in rows if r[1].count]
    unscored = [r for r in rows if not r[1].count]
    scored.sort(key=lambda r: (-round(r[1].combined, 9), -r[1].count, r[0]))
    result = []
    for position, (_, row) in enumerate(scored, start=1):
        result.append(
            Ranked(
                row.key,
                position,
                row.count,
                row.means,
                row.combined,
                row.spread,
                row.sds,
                row.ranges,
                row.disagreement,
            )
        )
    return result + [row for _, row in unscored]
