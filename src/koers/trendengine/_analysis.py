"""Analysis: one series' verdict, limits, signals and statistics, read lazily from its _Group."""

from __future__ import annotations

import math

import numpy as np

from . import _reason
from . import _text as T
from ._cached import cached_property
from ._group import _Group
from ._options import ASSURANCE, EVIDENCE, FIRM_BASELINE, RULES, VERDICTS


def _f(v):
    """A JSON-friendly float (None for NaN/inf)."""
    if v is None:
        return None
    v = float(v)
    return v if np.isfinite(v) else None


def period_name(i: int, lang: str, labels=None) -> str:
    """Point ``i``'s name: its label (a list, or a callable (i, lang)), else "punt i+1"."""
    if labels is not None:
        try:
            text = labels(i, lang) if callable(labels) else labels[i]
        except (IndexError, KeyError, TypeError):
            text = None
        if text:
            return str(text)
    return T.text("point", lang, i=i + 1)


def _side(v: int) -> str:
    return "above" if v > 0 else "below"


class Analysis:
    """The analysis of one series. Fields are computed on first access."""

    def __init__(self, group: _Group, row: int, labels=None):
        self._g = group
        self._r = row
        self._labels = labels

    def __repr__(self) -> str:
        return f"<Analysis n={self.n} verdict={self.verdict} evidence={self.evidence}>"

    # -- scalars --------------------------------------------------------------------------
    @property
    def n(self) -> int:
        return self._g.n

    @property
    def direction(self) -> str:
        return self._g.o.direction

    @property
    def values(self) -> list[float]:
        return self._g.X[self._r].tolist()

    @property
    def verdict(self) -> str:
        return VERDICTS[self._g.verdict[self._r]]

    @property
    def evidence(self) -> str | None:
        return EVIDENCE[self._g.evidence[self._r]]

    # -- limits & segments ------------------------------------------------------------
    def _segment_dict(self, k: int, with_baseline: bool) -> dict:
        st, cols, r = self._g.seg_stats[k], self._g.seg_lists(k), self._r
        d = {"start": st["start"], "end": st["end"]}
        for key, col in cols.items():
            d[key] = col[r]
        if with_baseline:
            d.pop("start")
            d.pop("end")
            d["baseline"] = [st["start"], st["start"] + st["baseline"]]
            d["provisional"] = st["baseline"] < FIRM_BASELINE
        return d

    @cached_property
    def segments(self) -> list[dict]:
        return [self._segment_dict(k, False) for k in range(len(self._g.seg_stats))]

    @cached_property
    def limits(self) -> dict:
        return self._segment_dict(len(self._g.seg_stats) - 1, True)

    # -- per-point arrays ---------------------------------------------------------------
    def at(self, name: str, i: int):
        """Point ``i`` of per-point array ``name`` of the group (``centre``, ``unpl``…), or
        None for NaN: one value, without building the whole line."""
        v = float(getattr(self._g, name)[self._r, i])
        return v if math.isfinite(v) else None

    def _line(self, arr) -> list:
        return [_f(v) for v in arr[self._r]]

    @cached_property
    def centre_line(self) -> list:
        return self._line(self._g.centre)

    @cached_property
    def unpl_line(self) -> list:
        return self._line(self._g.unpl)

    @cached_property
    def lnpl_line(self) -> list:
        return self._line(self._g.lnpl)

    @cached_property
    def moving_ranges(self) -> list:
        return self._line(self._g.mr)

    @cached_property
    def adjusted(self) -> list | None:
        ok = self._g.adjusted_ok
        if ok is None or not ok[self._r]:
            return None
        return self._g.Y[self._r].tolist()

    @cached_property
    def point_signals(self) -> list[list[str]]:
        g, r = self._g, self._r
        out = [[] for _ in range(g.n)]
        for rule, arr in (
            ("outside_limits", g.r1),
            ("three_of_four", g.r2),
            ("run_of_eight", g.r3),
            ("moving_range", g.r4),
        ):
            for i in np.flatnonzero(arr[r]):
                out[int(i)].append(rule)
        return out

    # -- signals ------------------------------------------------------------------------
    def _meaning(self, side: int) -> str:
        return "improvement" if side == self._g.good else "concern"

    def _sig(self, rule: str, points, side: int) -> dict:
        good = self._g.good
        return {
            "rule": rule,
            "points": points,
            "side": "above" if side > 0 else "below",
            "meaning": "improvement" if side == good else "concern",
        }

    @cached_property
    def signals(self) -> list[dict]:
        sig = self._sig
        return [sig(rule, list(pts), side) for rule, pts, side in self._g.signals()[self._r]]

    @cached_property
    def verdict_signal(self) -> dict | None:
        """The signal the verdict rests on (evidence == 'signal'), else None."""
        g, r = self._g, self._r
        if g.evidence[r] != 1:
            return None
        rule, side, last = RULES[g.v_rule[r]], int(g.v_side[r]), int(g.v_last[r])
        for s_rule, pts, s_side in reversed(g.signals()[r]):
            if s_rule == rule and s_side == side and last in pts:
                return self._sig(rule, list(pts), side)
        return None  # pragma: no cover - every verdict signal is in the list

    # -- statistics ---------------------------------------------------------------------
    @cached_property
    def mann_kendall(self) -> dict:
        mk, r = self._g.mk, self._r
        return {k: self._g.floats(mk[k])[r] for k in ("s", "var_s", "z", "p", "tau")}

    @cached_property
    def sen_slope(self) -> dict:
        floats, mk, r = self._g.floats, self._g.mk, self._r
        return {k: floats(mk[k])[r] for k in ("slope", "low", "high")}

    @cached_property
    def seasonal_mann_kendall(self) -> dict | None:
        smk = self._g.smk
        if smk is None:
            return None
        r = self._r
        return {k: self._g.floats(smk[k])[r] for k in ("s", "var_s", "z", "p", "slope")}

    @cached_property
    def change_point(self) -> dict | None:
        pt = self._g.pettitt
        r = self._r
        if pt is None or pt["k"][r] == 0:
            return None
        floats = self._g.floats
        return {"index": int(pt["index"][r]), "k": floats(pt["k"])[r], "p": floats(pt["p"])[r]}

    @cached_property
    def drift(self) -> dict:
        """Mann-Kendall over the verdict's drift window (last <= 24 points of last segment)."""
        g, r = self._g, self._r
        y = g.Y[r, g.drift_start :]
        k = y.size
        slopes = [(y[j] - y[i]) / (j - i) for i in range(k) for j in range(i + 1, k)]
        return {
            "start": g.drift_start,
            "s": _f(g.drift["s"][r]),
            "p": _f(g.drift["p"][r]),
            "slope": _f(np.median(slopes)) if slopes else None,
        }

    @cached_property
    def target(self) -> dict | None:
        g = self._g
        if g.o.target is None:
            return None
        a = int(g.assurance[self._r])
        return {"value": g.o.target, "assurance": ASSURANCE[a] if a >= 0 else None}

    # -- words --------------------------------------------------------------------------
    def _when(self, i: int, lang: str, labels=None) -> str:
        return period_name(i, lang, labels if labels is not None else self._labels)

    def reason(self, lang: str = "nl", labels=None) -> str:
        """Plain words for the verdict (and the target, second), in Dutch or English."""
        return _reason.reason(self, lang, labels)

    # -- JSON ---------------------------------------------------------------------------
    # -- notes on the verdict -------------------------------------------------------------
    @property
    def likely_seasonal(self) -> bool:
        """Not marked seasonal, yet its phase in a cycle explains much of it (p < 0.01)."""
        return bool(self._g._looks_seasonal()[self._r])

    @property
    def no_lower_limit(self) -> bool:
        """A lower bound was given and the lower limit falls below it: no lower limit."""
        lim = self.limits
        return self._g.o.lower_bound is not None and lim["lnpl"] is None and lim["unpl"] is not None

    @cached_property
    def screened(self) -> list[int]:
        """Baseline points the robust limits left out (exceptional even to the first limits)."""
        return [int(i) for i in np.flatnonzero(self._g.screened[self._r])]

    @property
    def single_value(self) -> bool:
        """The verdict rests on one value: the latest point beyond a limit, nothing else."""
        g, r, n = self._g, self._r, self._g.n
        if g.evidence[r] != 1 or RULES[g.v_rule[r]] != "outside_limits" or g.v_last[r] != n - 1:
            return False
        side = g.v_side[r]
        return not (g.r2[r, -1] == side or g.r3[r, -1] == side or (n > 1 and g.r1[r, -2] == side))

    def to_dict(self, lang: str = "en", labels=None) -> dict:
        return {
            "n": self.n,
            "verdict": self.verdict,
            "evidence": self.evidence,
            "reason": self.reason(lang, labels),
            "limits": self.limits,
            "segments": self.segments,
            "signals": self.signals,
            "mann_kendall": self.mann_kendall,
            "sen_slope": self.sen_slope,
            "seasonal_mann_kendall": self.seasonal_mann_kendall,
            "change_point": self.change_point,
            "target": self.target,
        }

    def chart(self) -> dict:
        """Everything a chart needs, per point."""
        return {
            "values": self.values,
            "adjusted": self.adjusted,
            "centre_line": self.centre_line,
            "unpl_line": self.unpl_line,
            "lnpl_line": self.lnpl_line,
            "moving_ranges": self.moving_ranges,
            "point_signals": self.point_signals,
            "screened": self.screened,
            "lower_bound": self._g.o.lower_bound,
            "no_lower_limit": self.no_lower_limit,
        }
