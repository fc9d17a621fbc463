"""The trend engine: XmR (process behaviour) charts, Mann-Kendall drift, Pettitt change point.

All computation happens in :class:`_Group` on a 2-D array (series × points) of equal-length
series, so ``analyse`` (one row) and ``analyse_batch`` (many rows) run the very same code.
Per-series Python work (building signal lists, dicts and reasons) is done lazily by
:class:`Analysis` when asked for.

Conventions (documented choices where the sources leave room):

* Indices are 0-based; ``baseline`` and segment ``end`` are half-open [start, end).
* Baseline: ``baseline=N`` applies to the first segment; every other segment uses its first
  min(20, length) points.
* A point exactly on the centre line neither breaks nor extends a run (rule 3).
* "Beyond" is strict: a point equal to a limit or midline is not beyond it, a moving range
  equal to URL is not a signal.
* Rule 2 needs a full window of four points inside one segment. Overlapping firing windows
  on the same side form one signal whose points are the points beyond the midline.
* Rule 4 (moving range above URL) records the two points of the jump; its side is the jump's
  direction ("above" = a rise). It is reported and charted, but does not decide the verdict on
  its own: the return from an outlier to normal is itself a big jump, and on pure noise it
  alone pushed false alarms from ~10% to ~12% (NHS Making Data Count does not use the mR
  chart for its icons either). A real sudden shift is still caught by rules 1–3.
* ``spread="median"``: CL ± 3.145·median mR, URL = 3.865·median mR; ``mr_bar`` then reports
  the median moving range. Screening drops baseline moving ranges above 3.267·mR̄ (or above
  3.865·median mR) once and recomputes.
* Trended limits (Wheeler's half-average method) over the baseline: with an odd baseline the
  middle point is left out of both halves, so the slope is the difference of the half
  averages divided by the distance between the halves' centres ((b+1)/2 then, b/2 for even
  b). Segment and ``limits`` values are those at the segment's last point, plus ``slope``.
* Seasonal factors use complete cycles only (factors average exactly 1); deseasonalising is
  skipped for a series whose mean or any factor is not positive.
* Drift for the verdict: Mann-Kendall (p < 0.05) over the last ≤ 24 points of the last
  segment of the charted (deseasonalised, when applicable) values, once the drift has carried
  the latest point beyond the midline (between CL and the limit) on the drift's side. Without
  that condition pure noise of 36 points was called "stable" only ~90% of the time; with it
  ~92.5%, while a drift of 0.08σ per period is still found ~91% of the time.
* Seasonal Sen slope is per full cycle (as pymannkendall).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from . import _stats
from . import _text as T
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


def _last_true(flags: np.ndarray) -> np.ndarray:
    """Index of the last True per row, −1 where none."""
    k = flags.shape[1]
    rev = np.argmax(flags[:, ::-1], axis=1)
    return np.where(flags.any(axis=1), k - 1 - rev, -1)


class _Group:
    """All statistics for m equal-length series, as arrays."""

    def __init__(self, X: np.ndarray, o: _Options):
        X = np.ascontiguousarray(X, dtype=float)
        m, n = X.shape
        self.X, self.m, self.n, self.o = X, m, n, o
        self.segs = segs = _segments(n, o)
        self.good = 1 if o.direction == "higher" else -1

        # Seasonality: deseasonalise for the chart with >= 2 complete cycles.
        L = o.season_length
        self.adjusted_ok = None
        Y = X
        if L and n // L >= 2:
            cyc = n // L
            season_mean = X[:, : cyc * L].reshape(m, cyc, L).mean(axis=1)
            overall = season_mean.mean(axis=1)
            with np.errstate(divide="ignore", invalid="ignore"):
                factors = season_mean / overall[:, None]
            ok = (overall > 0) & np.all(factors > 0, axis=1)
            per_point = np.where(ok[:, None], factors, 1.0)[:, np.arange(n) % L]
            Y = X / per_point
            self.adjusted_ok = ok
        self.Y = Y

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
        self.seg_stats = []
        run_base = 0
        for s, e, b in segs:
            self._segment(s, e, b, run_base)
            run_base += e - s + 1

        # Whole-input statistics.
        self.mk = _stats.mann_kendall_sen(X)
        self.pettitt = _stats.pettitt(X) if n >= 3 else None
        self.smk = _stats.seasonal_mann_kendall(X, L) if L and n // L >= 3 else None

        # Drift for the verdict: last <= 24 points of the last segment (charted values).
        s_last = segs[-1][0]
        self.drift_start = max(s_last, n - DRIFT_WINDOW)
        self.drift = _stats.mann_kendall_sen(Y[:, self.drift_start :], with_sen=False)
        self._verdicts()
        self._targets()

    # -- XmR ----------------------------------------------------------------------------
    def _segment(self, s: int, e: int, b: int, run_base: int) -> None:
        o, m = self.o, self.m
        ys = self.Y[:, s:e]
        length = e - s
        diffs = np.diff(ys, axis=1)
        d = np.abs(diffs)
        self.mr[:, s + 1 : e] = d
        if o.spread == "mean":
            wf, uf, screen_f = 2.66, 3.268, 3.267
        else:
            wf, uf, screen_f = 3.145, 3.865, 3.865
        if b >= 2:
            base_mr = d[:, : b - 1]
            if o.spread == "mean":
                spread = base_mr.mean(axis=1)
                if o.screen:
                    keep = base_mr <= screen_f * spread[:, None]
                    spread = (base_mr * keep).sum(axis=1) / keep.sum(axis=1)
            else:
                spread = np.median(base_mr, axis=1)
                if o.screen:
                    keep = base_mr <= screen_f * spread[:, None]
                    spread = np.nanmedian(np.where(keep, base_mr, np.nan), axis=1)
        else:
            spread = np.full(m, np.nan)
        base = ys[:, :b]
        t = np.arange(length, dtype=float)
        slope = None
        if o.trended:
            h = b // 2
            if h == 0:
                m1, c1, slope = base.mean(axis=1), 0.0, np.zeros(m)
            else:
                m1 = base[:, :h].mean(axis=1)
                m2 = base[:, b - h :].mean(axis=1)
                c1 = (h - 1) / 2.0
                c2 = (b - h) + (h - 1) / 2.0
                slope = (m2 - m1) / (c2 - c1)
            centre = m1[:, None] + slope[:, None] * (t[None, :] - c1)
        else:
            centre = np.repeat(base.mean(axis=1)[:, None], length, axis=1)
        width = wf * spread
        url = uf * spread
        upper = centre + width[:, None]
        lower = centre - width[:, None]
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

        # Rule 1: beyond a natural process limit.
        self.r1[:, s:e] = np.where(ys > upper, 1, np.where(ys < lower, -1, 0))

        # Rule 2: three of four consecutive beyond the midline, same side.
        dev = ys - centre
        half = (width / 2.0)[:, None]
        zone_up = dev > half
        zone_dn = dev < -half
        if length >= 4:
            for side, zone in ((1, zone_up), (-1, zone_dn)):
                cs = np.cumsum(zone, axis=1, dtype=np.int16)
                prev = np.zeros((m, length - 3), np.int16)
                prev[:, 1:] = cs[:, : length - 4]
                fire = np.zeros((m, length), bool)
                fire[:, 3:] = (cs[:, 3:] - prev) >= 3
                cover = fire.copy()
                for sh in (1, 2, 3):
                    cover[:, :-sh] |= fire[:, sh:]
                member = zone & cover
                seg_r2 = self.r2[:, s:e]
                seg_r2[member] = side
                seg_fire = self.r2_fire[:, s:e]
                seg_fire[fire] = side

        # Rule 3: eight consecutive on one side; points on the centre line are skipped.
        sgn = np.where(dev > 0, 1, np.where(dev < 0, -1, 0)).astype(np.int8)
        cnt = np.zeros((m, length), np.int32)
        rid = np.zeros((m, length), np.int32)
        last_side = np.zeros(m, np.int8)
        last_cnt = np.zeros(m, np.int32)
        run_id = np.zeros(m, np.int32)
        for k in range(length):
            sk = sgn[:, k]
            nz = sk != 0
            same = nz & (sk == last_side)
            new = nz & ~same
            last_cnt = np.where(same, last_cnt + 1, np.where(new, 1, last_cnt))
            run_id = run_id + new
            last_side = np.where(nz, sk, last_side)
            cnt[:, k] = np.where(nz, last_cnt, 0)
            rid[:, k] = run_id
        nxt_side = np.zeros(m, np.int8)
        nxt_tot = np.zeros(m, np.int32)
        tot = np.zeros((m, length), np.int32)
        for k in range(length - 1, -1, -1):
            sk = sgn[:, k]
            nz = sk != 0
            tk = np.where(nz & (sk == nxt_side), nxt_tot, cnt[:, k])
            tot[:, k] = np.where(nz, tk, 0)
            nxt_side = np.where(nz, sk, nxt_side)
            nxt_tot = np.where(nz, tk, nxt_tot)
        self.r3[:, s:e] = np.where(tot >= 8, sgn, 0)
        self.r3_run[:, s:e] = rid + run_base

        # Rule 4: a moving range above URL (not across the segment boundary).
        if length >= 2:
            jump = np.where(d > url[:, None], np.sign(diffs), 0).astype(np.int8)
            self.r4[:, s + 1 : e] = jump

    # -- verdict --------------------------------------------------------------------------
    def _verdicts(self) -> None:
        m, n = self.m, self.n
        tail0 = max(0, n - RECENT)
        best = np.full(m, -1, np.int64)
        best_rule = np.full(m, -1, np.int8)
        best_side = np.zeros(m, np.int8)
        best_last = np.full(m, -1, np.int64)
        for rule, arr in (
            ("outside_limits", self.r1),
            ("three_of_four", self.r2),
            ("run_of_eight", self.r3),
        ):
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
        if n < MIN_FOR_VERDICT or last_base < MIN_FOR_VERDICT:
            verdict[:] = 0
            evidence[:] = 0
        self.verdict = verdict.astype(np.int8)
        self.evidence = evidence.astype(np.int8)

    def _targets(self) -> None:
        t = self.o.target
        self.assurance = None
        if t is None:
            return
        up, lo = self.unpl[:, -1], self.lnpl[:, -1]
        if self.good == 1:
            met, not_met = lo > t, up < t
        else:
            met, not_met = up < t, lo > t
        known = np.isfinite(up) & np.isfinite(lo)
        self.assurance = np.where(~known, -1, np.where(met, 0, np.where(not_met, 1, 2)))


def _f(v):
    """A JSON-friendly float (None for NaN/inf)."""
    if v is None:
        return None
    v = float(v)
    return v if np.isfinite(v) else None


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
    def _segment_dict(self, st: dict, with_baseline: bool) -> dict:
        r = self._r
        d = {"start": st["start"], "end": st["end"]}
        d.update(
            centre=_f(st["centre"][r]),
            mr_bar=_f(st["mr_bar"][r]),
            unpl=_f(st["unpl"][r]),
            lnpl=_f(st["lnpl"][r]),
            url=_f(st["url"][r]),
        )
        if st["slope"] is not None:
            d["slope"] = _f(st["slope"][r])
        if with_baseline:
            d.pop("start")
            d.pop("end")
            d["baseline"] = [st["start"], st["start"] + st["baseline"]]
            d["provisional"] = st["baseline"] < FIRM_BASELINE
        return d

    @cached_property
    def segments(self) -> list[dict]:
        return [self._segment_dict(st, False) for st in self._g.seg_stats]

    @cached_property
    def limits(self) -> dict:
        return self._segment_dict(self._g.seg_stats[-1], True)

    # -- per-point arrays ---------------------------------------------------------------
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
        return {
            "rule": rule,
            "points": [int(p) for p in points],
            "side": _side(side),
            "meaning": self._meaning(side),
        }

    @cached_property
    def signals(self) -> list[dict]:
        g, r = self._g, self._r
        sigs = []
        r1 = g.r1[r]
        for i in np.flatnonzero(r1):
            sigs.append(self._sig("outside_limits", [i], r1[i]))
        r2, fire = g.r2[r], g.r2_fire[r]
        for side in (1, -1):
            groups = []
            for k in np.flatnonzero(fire == side):
                k = int(k)
                if groups and k - 3 <= groups[-1][1]:
                    groups[-1][1] = k
                else:
                    groups.append([k - 3, k])
            for a, b in groups:
                pts = [i for i in range(a, b + 1) if r2[i] == side]
                sigs.append(self._sig("three_of_four", pts, side))
        r3, run = g.r3[r], g.r3_run[r]
        members = np.flatnonzero(r3)
        if members.size:
            runs: dict[int, list[int]] = {}
            for i in members:
                runs.setdefault(int(run[i]), []).append(int(i))
            for pts in runs.values():
                sigs.append(self._sig("run_of_eight", pts, r3[pts[0]]))
        r4 = g.r4[r]
        for i in np.flatnonzero(r4):
            sigs.append(self._sig("moving_range", [i - 1, i], r4[i]))
        sigs.sort(key=lambda s: (s["points"][-1], _RULE_ORDER[s["rule"]], s["points"][0]))
        return sigs

    @cached_property
    def verdict_signal(self) -> dict | None:
        """The signal the verdict rests on (evidence == 'signal'), else None."""
        g, r = self._g, self._r
        if g.evidence[r] != 1:
            return None
        rule = RULES[g.v_rule[r]]
        side = _side(g.v_side[r])
        last = int(g.v_last[r])
        for s in reversed(self.signals):
            if s["rule"] == rule and s["side"] == side and last in s["points"]:
                return s
        return None  # pragma: no cover - every verdict signal is in the list

    # -- statistics ---------------------------------------------------------------------
    @cached_property
    def mann_kendall(self) -> dict:
        mk, r = self._g.mk, self._r
        return {k: _f(mk[k][r]) for k in ("s", "var_s", "z", "p", "tau")}

    @cached_property
    def sen_slope(self) -> dict:
        mk, r = self._g.mk, self._r
        return {"slope": _f(mk["slope"][r]), "low": _f(mk["low"][r]), "high": _f(mk["high"][r])}

    @cached_property
    def seasonal_mann_kendall(self) -> dict | None:
        smk = self._g.smk
        if smk is None:
            return None
        r = self._r
        return {k: _f(smk[k][r]) for k in ("s", "var_s", "z", "p", "slope")}

    @cached_property
    def change_point(self) -> dict | None:
        pt = self._g.pettitt
        r = self._r
        if pt is None or pt["k"][r] == 0:
            return None
        return {"index": int(pt["index"][r]), "k": _f(pt["k"][r]), "p": _f(pt["p"][r])}

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
        labels = labels if labels is not None else self._labels
        if labels is not None:
            try:
                text = labels(i, lang) if callable(labels) else labels[i]
            except (IndexError, KeyError, TypeError):
                text = None
            if text:
                return str(text)
        return T.text("point", lang, i=i + 1)

    def reason(self, lang: str = "nl", labels=None) -> str:
        """Plain words for the verdict (and the target, second), in Dutch or English."""
        g, r = self._g, self._r
        lim = self.limits
        dec = T.decimals_for(lim["mr_bar"] if lim["mr_bar"] is not None else np.nan)

        def num(v):
            return T.format_number(v, dec, lang)

        def when(i):
            return self._when(i, lang, labels)

        def better(side_is_good):
            return T.text("better" if side_is_good else "worse", lang)

        verdict = self.verdict
        parts = []
        if verdict == "insufficient_data":
            s, e, _b = g.segs[-1]
            if len(g.segs) > 1 and self.n >= MIN_FOR_VERDICT:
                parts.append(T.text("too_few_since", lang, when=when(s), k=e - s))
            else:
                parts.append(T.text("too_few", lang, k=self.n))
        elif self.evidence == "signal":
            sig = self.verdict_signal
            good = sig["meaning"] == "improvement"
            pts = sig["points"]
            rule = sig["rule"]
            if rule == "outside_limits":
                w = when(pts[-1])
                parts.append(
                    T.text(
                        rule,
                        lang,
                        When=w[:1].upper() + w[1:],
                        better=better(good),
                        lo=num(self.lnpl_line[pts[-1]]),
                        hi=num(self.unpl_line[pts[-1]]),
                    )
                )
            elif rule == "run_of_eight":
                line = T.text("trend_line" if g.o.trended else "average", lang)
                parts.append(
                    T.text(
                        rule,
                        lang,
                        k=len(pts),
                        better=better(good),
                        line=line,
                        cl=num(self.centre_line[pts[-1]]),
                        since=when(pts[0]),
                    )
                )
            elif rule == "three_of_four":
                last = pts[-1]
                k = sum(1 for p in pts if last - 3 <= p <= last)
                parts.append(
                    T.text(
                        rule,
                        lang,
                        k=k,
                        when=when(last),
                        better=better(good),
                        cl=num(self.centre_line[last]),
                    )
                )
            else:
                a, b = pts
                y = g.Y[r]
                parts.append(
                    T.text(
                        rule,
                        lang,
                        jump=T.text("rise" if sig["side"] == "above" else "drop", lang),
                        a=num(y[a]),
                        b=num(y[b]),
                        when=when(b),
                        good=T.text("for_better" if good else "for_worse", lang),
                    )
                )
        elif self.evidence == "drift":
            dr = self.drift
            good = np.sign(dr["s"]) == g.good
            slope = dr["slope"]
            slope_txt = ("+" if slope > 0 else "") + num(slope)
            parts.append(
                T.text(
                    "drift",
                    lang,
                    better=better(good),
                    k=self.n - dr["start"],
                    slope=slope_txt,
                )
            )
        else:
            if lim["unpl"] is None:
                parts.append(T.text("stable_no_limits", lang))
            else:
                parts.append(T.text("stable", lang, lo=num(lim["lnpl"]), hi=num(lim["unpl"])))
        if verdict != "insufficient_data" and lim["provisional"]:
            b = lim["baseline"][1] - lim["baseline"][0]
            parts.append(T.text("provisional", lang, b=b))
        tgt = self.target
        if tgt is not None and tgt["assurance"] is not None:
            parts.append(T.text(tgt["assurance"], lang, t=num(tgt["value"])))
        return " ".join(parts)

    # -- JSON ---------------------------------------------------------------------------
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
        }


def _as_row(values) -> np.ndarray:
    try:
        x = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise TrendError("bad_shape") from None
    if x.ndim != 1:
        raise TrendError("bad_shape")
    if x.size == 0:
        raise TrendError("no_values")
    bad = np.flatnonzero(~np.isfinite(x))
    if bad.size:
        raise TrendError("not_finite", index=int(bad[0]))
    return x


def analyse(
    values,
    *,
    direction="higher",
    baseline=None,
    rebaseline_at=(),
    spread="mean",
    trended=False,
    screen=False,
    season_length=None,
    target=None,
    labels=None,
) -> Analysis:
    """Analyse one series (periods in order, no missing values). See the module docstring."""
    o = _options(direction, baseline, rebaseline_at, spread, trended, screen, season_length, target)
    x = _as_row(values)
    return Analysis(_Group(x[None, :], o), 0, labels)


class BatchResult:
    """The analyses of many series, in input order; ``result[i]`` is an :class:`Analysis`."""

    def __init__(self, groups: list[_Group], where: list[tuple[int, int]]):
        self._groups = groups
        self._where = where

    def __len__(self) -> int:
        return len(self._where)

    def __getitem__(self, i: int) -> Analysis:
        gi, row = self._where[i]
        return Analysis(self._groups[gi], row)

    def __iter__(self):
        for i in range(len(self)):
            yield self[i]

    @property
    def verdicts(self) -> list[str]:
        return [VERDICTS[self._groups[g].verdict[r]] for g, r in self._where]

    def to_dicts(self, lang: str = "en") -> list[dict]:
        return [a.to_dict(lang) for a in self]


def analyse_batch(
    series,
    *,
    direction="higher",
    baseline=None,
    rebaseline_at=(),
    spread="mean",
    trended=False,
    screen=False,
    season_length=None,
    target=None,
) -> BatchResult:
    """Analyse many series at once with the same options (vectorised across series).

    ``series`` is a 2-D array (one series per row) or a list of sequences; series of
    different lengths are grouped by length.
    """
    o = _options(direction, baseline, rebaseline_at, spread, trended, screen, season_length, target)
    if isinstance(series, np.ndarray) and series.ndim == 2:
        X = np.asarray(series, dtype=float)
        if X.shape[1] == 0:
            raise TrendError("no_values")
        if not np.isfinite(X).all():
            bad = np.argwhere(~np.isfinite(X))[0]
            raise TrendError("not_finite", index=int(bad[1]))
        if X.shape[0] == 0:
            return BatchResult([], [])
        return BatchResult([_Group(X, o)], [(0, r) for r in range(X.shape[0])])
    rows = [_as_row(v) for v in series]
    by_len: dict[int, list[int]] = {}
    for i, x in enumerate(rows):
        by_len.setdefault(x.size, []).append(i)
    groups = []
    where: list[tuple[int, int]] = [(0, 0)] * len(rows)
    for length, idxs in by_len.items():
        X = np.stack([rows[i] for i in idxs]) if idxs else np.empty((0, length))
        groups.append(_Group(X, o))
        for row, i in enumerate(idxs):
            where[i] = (len(groups) - 1, row)
    return BatchResult(groups, where)
