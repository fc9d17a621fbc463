"""_Group: every statistic of m equal-length series, as arrays (the engine's computation)."""

from __future__ import annotations

import math

import numpy as np

from . import _stats, _xmr
from ._options import (
    _PRIORITY,
    _RULE_ORDER,
    ALPHA,
    DRIFT_WINDOW,
    MIN_FOR_VERDICT,
    RECENT,
    ROBUST_BASELINE,
    SEASONAL_ALPHA,
    SEASONAL_CYCLES,
    _Options,
    _segments,
)
from ._signals import signal_records


def _last_true(flags: np.ndarray) -> np.ndarray:
    """Index of the last True per row, −1 where none."""
    k = flags.shape[1]
    rev = np.argmax(flags[:, ::-1], axis=1)
    return np.where(flags.any(axis=1), k - 1 - rev, -1)


def _deseasonalise(X: np.ndarray, L: int | None):
    """(charted values, ok per series): X divided by seasonal factors with >= 2 full cycles."""
    m, n = X.shape
    if not L or n // L < 2:
        return X, None
    cyc = n // L
    season_mean = X[:, : cyc * L].reshape(m, cyc, L).mean(axis=1)
    overall = season_mean.mean(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        factors = season_mean / overall[:, None]
    ok = (overall > 0) & np.all(factors > 0, axis=1)
    per_point = np.where(ok[:, None], factors, 1.0)[:, np.arange(n) % L]
    return X / per_point, ok


class _Group:
    """All statistics for m equal-length series, as arrays."""

    def __init__(self, X: np.ndarray, o: _Options):
        X = np.ascontiguousarray(X, dtype=float)
        self._cache, self._floats, self._seg_lists = {}, {}, {}  # per-series lists, on demand
        m, n = X.shape
        self.X, self.m, self.n, self.o = X, m, n, o
        self.segs = segs = _segments(n, o)
        self.good = 1 if o.direction == "higher" else -1

        self.Y, self.adjusted_ok = _deseasonalise(X, o.season_length)
        L = o.season_length
        nan = np.nan
        self.centre = np.full((m, n), nan)
        self.unpl = np.full((m, n), nan)
        self.lnpl = np.full((m, n), nan)
        self.mr = np.full((m, n), nan)
        self.r1 = np.zeros((m, n), np.int8)  # side of a point beyond a limit
        self.r2 = np.zeros((m, n), np.int8)  # side of a point in a 3-of-4 signal
        self.r2_fire = np.zeros((m, n), np.int8)  # side of a firing window ending here
        self.r3 = np.zeros((m, n), np.int8)  # side of a point in a run of >= 8
        self.r3_run = np.zeros((m, n), np.int32)  # run id (unique per series)
        self.r4 = np.zeros((m, n), np.int8)  # direction of a jump above URL ending here
        self.screened = np.zeros((m, n), bool)  # baseline points left out of the limits
        self.seg_stats = []
        run_base = 0
        for s, e, b in segs:
            self._segment(s, e, b, run_base)
            run_base += e - s + 1

        # Whole-input statistics.
        ties = _stats.tie_structure(X) if n >= 2 else None  # shared by both tests
        self.mk = _stats.mann_kendall_sen(X, ties=ties)
        self.pettitt = _stats.pettitt(X, ties) if n >= 3 else None
        self.smk = _stats.seasonal_mann_kendall(X, L) if L and n // L >= 3 else None

        # Drift for the verdict: last <= 24 points of the last segment (charted values).
        s_last = segs[-1][0]
        self.drift_start = max(s_last, n - DRIFT_WINDOW)
        self.drift = _stats.mann_kendall_sen(self.Y[:, self.drift_start :], with_sen=False)

        self._verdicts()
        self._targets()

    # -- XmR ----------------------------------------------------------------------------
    def _segment(self, s: int, e: int, b: int, run_base: int) -> None:
        o = self.o
        self._seg_start = s
        ys = self.Y[:, s:e]
        diffs = np.diff(ys, axis=1)
        d = np.abs(diffs)
        self.mr[:, s + 1 : e] = d
        wf, uf, _ = _xmr.FACTORS[o.spread]
        spread, centre, slope = self._limits_basis(ys, d, b)
        width, url = wf * spread, uf * spread
        upper = centre + width[:, None]
        lower = centre - width[:, None]
        if o.lower_bound is not None:  # a limit below the natural bound is no limit
            lower = np.where(lower < o.lower_bound, np.nan, lower)
        self.centre[:, s:e] = centre
        self.unpl[:, s:e] = upper
        self.lnpl[:, s:e] = lower
        self.seg_stats.append(
            {
                "start": s,
                "end": e,
                "baseline": b,
                "centre": centre[:, -1],
                "mr_bar": spread,
                "unpl": upper[:, -1],
                "lnpl": lower[:, -1],
                "url": url,
                "slope": slope,
            }
        )
        dev = ys - centre
        self.r1[:, s:e] = _xmr.beyond_limits(ys, upper, lower)
        self.r2[:, s:e], self.r2_fire[:, s:e] = _xmr.three_of_four(dev, (width / 2.0)[:, None])
        self.r3[:, s:e], rid = _xmr.runs_of_eight(dev)
        self.r3_run[:, s:e] = rid + run_base
        if e - s >= 2:  # not across the segment boundary
            self.r4[:, s + 1 : e] = _xmr.big_jumps(diffs, url)

    def _limits_basis(self, ys: np.ndarray, d: np.ndarray, b: int):
        """Spread and centre line from the baseline; robust: autocorrelation and outliers.

        Robust (the default, with a full baseline of 20 points; see the module docstring):
        the spread is widened by 1/√(1 − r₁) for the baseline's lag-1 autocorrelation r₁, and
        baseline points beyond the first limits are left out of the centre line and, with
        the moving ranges touching them, out of the spread, once.
        """
        o = self.o
        spread = _xmr.baseline_spread(d, b, o.spread, o.screen)
        centre, slope = _xmr.centre_line(ys, b, o.trended)
        if not o.robust or b < ROBUST_BASELINE:
            return spread, centre, slope
        spread = spread * _xmr.autocorrelation_factor(ys[:, :b])
        width = _xmr.FACTORS[o.spread][0] * spread
        out = np.abs(ys[:, :b] - centre[:, :b]) > width[:, None]
        usable = out.any(axis=1) & ((~out).sum(axis=1) * 2 >= b)
        if not usable.any():
            return spread, centre, slope
        keep = ~out | ~usable[:, None]
        spread2 = _xmr.baseline_spread(d, b, o.spread, o.screen, keep[:, 1:] & keep[:, :-1])
        spread2 = spread2 * _xmr.autocorrelation_factor(ys[:, :b], keep)
        centre2, slope2 = _xmr.centre_line(ys, b, o.trended, keep)
        fine = usable & np.isfinite(spread2)
        self.screened[:, self._seg_start : self._seg_start + b] |= out & fine[:, None]
        spread = np.where(fine, spread2, spread)
        centre = np.where(fine[:, None], centre2, centre)
        if slope is not None:
            slope = np.where(fine, slope2, slope)
        return spread, centre, slope

    # -- verdict --------------------------------------------------------------------------
    def _verdicts(self) -> None:
        m, n = self.m, self.n
        best = np.full(m, -1, np.int64)
        best_rule = np.full(m, -1, np.int8)
        best_side = np.zeros(m, np.int8)
        best_last = np.full(m, -1, np.int64)
        for rule, arr in (
            ("outside_limits", self.r1),
            ("three_of_four", self.r2),
            ("run_of_eight", self.r3),
        ):
            tail0 = max(0, n - RECENT[rule])
            tail = arr[:, tail0:]
            for side in (1, -1):
                last = _last_true(tail == side)
                score = np.where(last >= 0, (last + tail0) * 8 + _PRIORITY[rule], -1)
                better = score > best
                best = np.where(better, score, best)
                best_rule = np.where(better, _RULE_ORDER[rule], best_rule)
                best_side = np.where(better, side, best_side)
                best_last = np.where(better, last + tail0, best_last)
        self.v_rule, self.v_side, self.v_last = best_rule, best_side, best_last
        has_signal = best >= 0
        ds = self.drift["s"]
        # A drift counts once it has carried the latest point beyond the midline on its side.
        dev_last = (self.Y[:, -1] - self.centre[:, -1]) * np.sign(ds)
        half_last = 0.5 * (self.unpl[:, -1] - self.centre[:, -1])
        drifting = (self.drift["p"] < ALPHA) & (ds != 0) & (dev_last > half_last)
        good = self.good
        verdict = np.where(
            has_signal,
            np.where(best_side == good, 2, 3),
            np.where(drifting, np.where(np.sign(ds) == good, 2, 3), 1),
        )
        evidence = np.where(has_signal, 1, np.where(drifting, 2, 0))
        last_base = self.segs[-1][2]
        seasonal = self._looks_seasonal() & (verdict > 1)
        verdict[seasonal], evidence[seasonal] = 1, 0
        if n < MIN_FOR_VERDICT or last_base < MIN_FOR_VERDICT:
            verdict[:] = 0
            evidence[:] = 0
        self.verdict = verdict.astype(np.int8)
        self.evidence = evidence.astype(np.int8)

    def floats(self, arr: np.ndarray) -> list:
        """``arr`` (one value per series) as JSON-friendly floats, None for NaN/inf; cached."""
        cache = self._floats
        out = cache.get(id(arr))
        if out is None:
            values = np.asarray(arr, float)
            out = values.tolist()
            if not np.isfinite(values).all():
                out = [v if math.isfinite(v) else None for v in out]
            cache[id(arr)] = out
        return out

    def signals(self) -> list[list[tuple[str, list[int], int]]]:
        """Per series, its signals as (rule, points, side) records, in order; cached."""
        out = self._cache.get("signals")
        if out is None:
            out = self._cache["signals"] = signal_records(self)
        return out

    def seg_lists(self, k: int) -> dict[str, list]:
        """Segment ``k``'s statistics as JSON-friendly lists (one value per series); cached."""
        cache = self._seg_lists
        out = cache.get(k)
        if out is None:
            st = self.seg_stats[k]
            keys = ("centre", "mr_bar", "unpl", "lnpl", "url")
            out = {key: self.floats(st[key]) for key in keys}
            if st["slope"] is not None:
                out["slope"] = self.floats(st["slope"])
            cache[k] = out
        return out

    def _looks_seasonal(self) -> np.ndarray:
        """Per series: not marked seasonal, yet its phase in a cycle explains it (p < 0.01)."""
        if not hasattr(self, "likely_seasonal"):
            L = self.o.cycle
            self.likely_seasonal = np.zeros(self.m, bool)
            if self.o.season_length is None and L and self.n >= SEASONAL_CYCLES * L:
                F, df1, df2 = _stats.seasonal_f(self.X, L)
                self.likely_seasonal = F > _stats.f_critical(SEASONAL_ALPHA, df1, df2)
        return self.likely_seasonal

    def _targets(self) -> None:
        t = self.o.target
        self.assurance = None
        if t is None:
            return
        up, lo = self.unpl[:, -1], self.lnpl[:, -1]
        if self.o.lower_bound is not None:  # no lower limit: the bound itself
            lo = np.where(np.isnan(lo) & np.isfinite(up), self.o.lower_bound, lo)
        if self.good == 1:
            met, not_met = lo > t, up < t
        else:
            met, not_met = up < t, lo > t
        known = np.isfinite(up) & np.isfinite(lo)
        self.assurance = np.where(~known, -1, np.where(met, 0, np.where(not_met, 1, 2)))
