"""Vectorised rank statistics: Mann-Kendall, Sen's slope, seasonal Mann-Kendall, Pettitt.

Every function takes a 2-D float array ``X`` of shape (series, points) and works on all rows
at once; a single series is simply a 1-row array. No scipy: the normal tail comes from
``math.erfc``.
"""

from __future__ import annotations

import functools
import math

import numpy as np

Z975 = 1.959963984540054  # standard normal 97.5% quantile
_CHUNK = 2_000_000  # pairwise elements handled at once (memory bound)


def _erfc_two_sided(z: np.ndarray) -> np.ndarray:
    """Two-sided normal p-value 2·(1 − Φ(|z|)) = erfc(|z|/√2)."""
    flat = np.abs(np.asarray(z, dtype=float)).ravel() / math.sqrt(2.0)
    return np.fromiter((math.erfc(v) for v in flat), float, flat.size).reshape(np.shape(z))


def tie_structure(X: np.ndarray):
    """Sort each row; return (order, left, right) of each sorted value's tie group.

    ``left[r, k]``/``right[r, k]`` are the first and last sorted positions holding the same
    value as sorted position k, so the group size is right − left + 1.
    """
    m, n = X.shape
    order = np.argsort(X, axis=1, kind="stable")
    xs = np.take_along_axis(X, order, axis=1)
    same_prev = np.zeros((m, n), dtype=bool)
    if n > 1:
        same_prev[:, 1:] = xs[:, 1:] == xs[:, :-1]
    idx = np.arange(n)
    left = np.maximum.accumulate(np.where(same_prev, 0, idx), axis=1)
    same_next = np.zeros((m, n), dtype=bool)
    same_next[:, :-1] = same_prev[:, 1:]
    right = np.minimum.accumulate(np.where(same_next, n, idx)[:, ::-1], axis=1)[:, ::-1]
    return order, left, right


def mk_variance(X: np.ndarray, ties=None) -> np.ndarray:
    """Var S = [n(n−1)(2n+5) − Σ t(t−1)(2t+5)] / 18 per row (tie-corrected)."""
    m, n = X.shape
    if ties is None:
        ties = tie_structure(X)
    _, left, right = ties
    c = (right - left + 1).astype(float)
    # Each member of a tie group of size t adds (t−1)(2t+5): t of them give t(t−1)(2t+5).
    tie_term = ((c - 1.0) * (2.0 * c + 5.0)).sum(axis=1)
    return (n * (n - 1) * (2 * n + 5) - tie_term) / 18.0


def z_and_p(s: np.ndarray, var_s: np.ndarray):
    """Continuity-corrected z = (S − sgn S)/√Var S and its two-sided p."""
    s = np.asarray(s, dtype=float)
    var_s = np.asarray(var_s, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(var_s > 0, (s - np.sign(s)) / np.sqrt(np.where(var_s > 0, var_s, 1.0)), 0.0)
    return z, _erfc_two_sided(z)


def _pair_index(n: int):
    i, j = np.triu_indices(n, k=1)
    return i, j


def _lag_diffs(X: np.ndarray, out: np.ndarray) -> np.ndarray:
    """All pairwise differences x[j] − x[i] (j > i) per row, grouped by lag j − i."""
    n = X.shape[1]
    off = 0
    for k in range(1, n):
        w = n - k
        np.subtract(X[:, k:], X[:, :-k], out=out[:, off : off + w])
        off += w
    return out


def mann_kendall_sen(X: np.ndarray, *, with_sen: bool = True, ties=None):
    """Mann-Kendall (tie + continuity correction) and Sen's slope with its 95% CI per row.

    Returns a dict of 1-D arrays: s, var_s, z, p, tau, and (with_sen) slope, low, high.
    The CI follows Gilbert (1987) as implemented in R's trend::sens.slope:
    C = z₀.₉₇₅·√Var S, lower = the round((N'−C)/2)-th and upper = the round((N'+C)/2 + 1)-th
    of the N' ordered pairwise slopes (1-based, rounding half to even, clamped to 1…N').
    """
    X = np.ascontiguousarray(X, dtype=float)
    m, n = X.shape
    out = {
        "s": np.zeros(m),
        "var_s": np.zeros(m),
        "z": np.zeros(m),
        "p": np.ones(m),
        "tau": np.zeros(m),
    }
    if with_sen:
        for key in ("slope", "low", "high"):
            out[key] = np.full(m, np.nan)
    if n < 2 or m == 0:
        return out
    npairs = n * (n - 1) // 2
    dist = np.concatenate([np.full(n - k, float(k)) for k in range(1, n)])
    var_s = mk_variance(X, ties)
    s = np.empty(m)
    slope = np.empty(m)
    low = np.empty(m)
    high = np.empty(m)
    c = Z975 * np.sqrt(np.maximum(var_s, 0.0))
    lo_idx = np.clip(np.rint((npairs - c) / 2.0).astype(np.int64) - 1, 0, npairs - 1)
    hi_idx = np.clip(np.rint((npairs + c) / 2.0 + 1.0).astype(np.int64) - 1, 0, npairs - 1)
    m0, m1 = (npairs - 1) // 2, npairs // 2
    step = max(1, min(m, _CHUNK // npairs))
    buf = np.empty((step, npairs))
    for a in range(0, m, step):
        b = min(m, a + step)
        d = _lag_diffs(X[a:b], buf[: b - a])
        negative = np.count_nonzero(d < 0, axis=1)  # S = #positive − #negative
        s[a:b] = np.count_nonzero(d, axis=1) - 2 * negative
        if not with_sen:
            continue
        np.divide(d, dist, out=d)
        d.sort(axis=1)
        slope[a:b] = 0.5 * (d[:, m0] + d[:, m1])
        low[a:b] = np.take_along_axis(d, lo_idx[a:b, None], axis=1)[:, 0]
        high[a:b] = np.take_along_axis(d, hi_idx[a:b, None], axis=1)[:, 0]
    z, p = z_and_p(s, var_s)
    out.update(s=s, var_s=var_s, z=z, p=p, tau=s / (0.5 * n * (n - 1)))
    if with_sen:
        out.update(slope=slope, low=low, high=high)
    return out


def seasonal_mann_kendall(X: np.ndarray, period: int):
    """Hirsch–Slack seasonal Mann-Kendall with the seasonal Sen slope (per cycle).

    S and Var S are summed over the seasons; τ = S / Σ nₛ(nₛ−1)/2. The slope is the median
    of all within-season pairwise slopes, in units per full cycle (as pymannkendall's
    seasonal_test / seasonal_sens_slope).
    """
    X = np.asarray(X, dtype=float)
    m, n = X.shape
    s = np.zeros(m)
    var_s = np.zeros(m)
    denom = 0.0
    slopes = []
    for season in range(period):
        sub = X[:, season::period]
        k = sub.shape[1]
        if k < 2:
            continue
        ii, jj = _pair_index(k)
        d = sub[:, jj] - sub[:, ii]
        s += np.sign(d).sum(axis=1)
        var_s += mk_variance(sub)
        denom += 0.5 * k * (k - 1)
        slopes.append(d / (jj - ii))
    z, p = z_and_p(s, var_s)
    slope = np.median(np.concatenate(slopes, axis=1), axis=1) if slopes else np.full(m, np.nan)
    tau = s / denom if denom else np.zeros(m)
    return {"s": s, "var_s": var_s, "z": z, "p": p, "tau": tau, "slope": slope}


def pettitt(X: np.ndarray, ties=None):
    """Pettitt's change-point test per row.

    Uₜ = Σ_{i≤t} Σ_{j>t} sgn(xᵢ − xⱼ), computed as a running sum of Vₜ = #less − #greater;
    K = max|Uₜ|, p ≈ 2·exp(−6K²/(n³+n²)) (capped at 1); index = first point of the new level
    (0-based), taken at the first t where |Uₜ| reaches K.
    """
    X = np.asarray(X, dtype=float)
    m, n = X.shape
    if n < 2:
        return {"index": np.zeros(m, dtype=np.int64), "k": np.zeros(m), "p": np.ones(m)}
    order, left, right = tie_structure(X) if ties is None else ties
    v_sorted = (left - (n - 1 - right)).astype(float)
    v = np.empty_like(v_sorted)
    np.put_along_axis(v, order, v_sorted, axis=1)
    u = np.cumsum(v, axis=1)[:, :-1]
    au = np.abs(u)
    t = np.argmax(au, axis=1)
    k = au[np.arange(m), t]
    p = np.minimum(1.0, 2.0 * np.exp(-6.0 * k**2 / (float(n) ** 3 + float(n) ** 2)))
    return {"index": t + 1, "k": k, "p": p}


def _betacf(a: float, b: float, x: float) -> float:
    """Continued fraction of the regularised incomplete beta (Numerical Recipes' betacf)."""
    tiny, qab, qap, qam = 1e-300, a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for k in range(1, 201):
        k2 = 2 * k
        for aa in (
            k * (b - k) * x / ((qam + k2) * (a + k2)),
            -(a + k) * (qab + k) * x / ((a + k2) * (qap + k2)),
        ):
            d = 1.0 + aa * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + aa / c
            c = c if abs(c) > tiny else tiny
            h *= d * c
        if abs(d * c - 1.0) < 3e-12:
            break
    return h


def f_sf(f: float, df1: int, df2: int) -> float:
    """P(F > f) for an F(df1, df2) variable (regularised incomplete beta, no scipy)."""
    if not f > 0:
        return 1.0
    x = df2 / (df2 + df1 * f)
    a, b = df2 / 2.0, df1 / 2.0
    front = math.exp(
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _betacf(a, b, x) / a
    return 1.0 - front * _betacf(b, a, 1.0 - x) / b


@functools.lru_cache(maxsize=64)
def f_critical(alpha: float, df1: int, df2: int) -> float:
    """The F(df1, df2) value exceeded with probability ``alpha`` (bisection on f_sf)."""
    lo, hi = 0.0, 1000.0
    for _ in range(80):
        mid = 0.5 * (lo + hi)
        if f_sf(mid, df1, df2) > alpha:
            lo = mid
        else:
            hi = mid
    return hi


def seasonal_f(X: np.ndarray, period: int):
    """One-way ANOVA of the linearly detrended values on their phase in a cycle of ``period``.

    Returns (F, df1, df2) per row: between-phase over within-phase mean square.
    """
    m, n = X.shape
    t = np.arange(n, dtype=float)
    tc = t - t.mean()
    # Sums, not matrix products: BLAS would start threads that only spin on a busy machine.
    centred = X - X.mean(axis=1, keepdims=True)
    slope = (centred * tc).sum(axis=1) / (tc * tc).sum()
    R = centred - slope[:, None] * tc[None, :]
    phase = np.arange(n) % period
    counts = np.bincount(phase, minlength=period).astype(float)
    cycles = -(-n // period)
    padded = np.zeros((m, cycles * period))
    padded[:, :n] = R
    means = padded.reshape(m, cycles, period).sum(axis=1) / counts
    between = ((means**2) * counts).sum(axis=1)
    within = ((R - means[:, phase]) ** 2).sum(axis=1)
    df1, df2 = period - 1, n - period - 1
    with np.errstate(divide="ignore", invalid="ignore"):
        F = (between / df1) / (within / df2)
    return F, df1, df2
