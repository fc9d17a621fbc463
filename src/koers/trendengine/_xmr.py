"""XmR steps for one segment of m series at once: spread, centre line, limits and the four rules.

Each function takes 2-D arrays (series × points of the segment) and returns arrays; the
:class:`~koers.trendengine._group._Group` stitches segments together.
"""

from __future__ import annotations

import numpy as np

from ._options import AUTOCORR_BIAS, AUTOCORR_CAP

# (limit width factor, URL factor, screening factor) per spread statistic.
FACTORS = {"mean": (2.66, 3.268, 3.267), "median": (3.145, 3.865, 3.865)}


def _masked(values: np.ndarray, keep: np.ndarray | None) -> np.ndarray:
    return values if keep is None else np.where(keep, values, np.nan)


def baseline_spread(
    d: np.ndarray, b: int, spread: str, screen: bool, keep: np.ndarray | None = None
) -> np.ndarray:
    """The baseline's average (or median) moving range per series, optionally screened once.

    ``keep`` (series × b−1) leaves out the moving ranges touching a screened-out point.
    """
    m = d.shape[0]
    if b < 2:
        return np.full(m, np.nan)
    screen_f = FACTORS[spread][2]
    base_mr = _masked(d[:, : b - 1], None if keep is None else keep[:, : b - 1])
    with np.errstate(invalid="ignore", divide="ignore"):
        average = np.nanmean if spread == "mean" else np.nanmedian
        value = average(base_mr, axis=1)
        if screen:
            value = average(np.where(base_mr <= screen_f * value[:, None], base_mr, np.nan), axis=1)
    return value


def centre_line(ys: np.ndarray, b: int, trended: bool, keep: np.ndarray | None = None):
    """(centre per point, slope or None): the baseline mean, or Wheeler's half-average line.

    ``keep`` (series × b) leaves screened-out baseline points out of the means.
    """
    m, length = ys.shape
    base = _masked(ys[:, :b], keep)
    if not trended:
        return np.repeat(np.nanmean(base, axis=1)[:, None], length, axis=1), None
    t = np.arange(length, dtype=float)
    h = b // 2
    if h == 0:
        m1, c1, slope = np.nanmean(base, axis=1), 0.0, np.zeros(m)
    else:
        m1 = np.nanmean(base[:, :h], axis=1)
        m2 = np.nanmean(base[:, b - h :], axis=1)
        c1 = (h - 1) / 2.0
        c2 = (b - h) + (h - 1) / 2.0
        slope = (m2 - m1) / (c2 - c1)
    return m1[:, None] + slope[:, None] * (t[None, :] - c1), slope


def autocorrelation_factor(base: np.ndarray, keep: np.ndarray | None = None) -> np.ndarray:
    """1/√(1 − r₁) per series, r₁ the baseline's lag-1 autocorrelation + its small-sample bias.

    r₁ is clipped to 0…AUTOCORR_CAP: negative autocorrelation never narrows the limits.
    """
    x = _masked(base, keep)
    with np.errstate(invalid="ignore", divide="ignore"):
        dev = x - np.nanmean(x, axis=1, keepdims=True)
        lagged = dev[:, 1:] * dev[:, :-1]
        r1 = np.nansum(lagged, axis=1) / np.nansum(dev * dev, axis=1)
    r1 = np.clip(np.nan_to_num(r1) + AUTOCORR_BIAS, 0.0, AUTOCORR_CAP)
    return 1.0 / np.sqrt(1.0 - r1)


def beyond_limits(ys: np.ndarray, upper: np.ndarray, lower: np.ndarray) -> np.ndarray:
    """Rule 1: +1 above the upper limit, −1 below the lower one, else 0."""
    return np.where(ys > upper, 1, np.where(ys < lower, -1, 0)).astype(np.int8)


def three_of_four(dev: np.ndarray, half: np.ndarray):
    """Rule 2 per side: (member side per point, side of a firing window ending here)."""
    m, length = dev.shape
    member_side = np.zeros((m, length), np.int8)
    fire_side = np.zeros((m, length), np.int8)
    if length < 4:
        return member_side, fire_side
    for side, zone in ((1, dev > half), (-1, dev < -half)):
        cs = np.cumsum(zone, axis=1, dtype=np.int16)
        prev = np.zeros((m, length - 3), np.int16)
        prev[:, 1:] = cs[:, : length - 4]
        fire = np.zeros((m, length), bool)
        fire[:, 3:] = (cs[:, 3:] - prev) >= 3
        cover = fire.copy()
        for sh in (1, 2, 3):
            cover[:, :-sh] |= fire[:, sh:]
        member_side[zone & cover] = side
        fire_side[fire] = side
    return member_side, fire_side


def _run_counts(sgn: np.ndarray):
    """Forward pass: length so far of the run each point is in, and a run id per point."""
    m, length = sgn.shape
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
    return cnt, rid


def _run_totals(sgn: np.ndarray, cnt: np.ndarray) -> np.ndarray:
    """Backward pass: the full length of the run each point is in (0 on the centre line)."""
    m, length = sgn.shape
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
    return tot


def runs_of_eight(dev: np.ndarray):
    """Rule 3: (side of a point in a run of ≥ 8 on one side, run id per point).

    Points exactly on the centre line neither break nor extend a run.
    """
    sgn = np.where(dev > 0, 1, np.where(dev < 0, -1, 0)).astype(np.int8)
    cnt, rid = _run_counts(sgn)
    tot = _run_totals(sgn, cnt)
    return np.where(tot >= 8, sgn, 0).astype(np.int8), rid


def big_jumps(diffs: np.ndarray, url: np.ndarray) -> np.ndarray:
    """Rule 4: the direction of a moving range above URL, at the jump's second point."""
    return np.where(np.abs(diffs) > url[:, None], np.sign(diffs), 0).astype(np.int8)
