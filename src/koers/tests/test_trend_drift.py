"""Mann-Kendall, Sen's slope (with CI), seasonal Mann-Kendall and Pettitt, against references."""

import math

import numpy as np
import pymannkendall as pmk
import pytest

from koers.trendengine import analyse

WHEELER = [5045, 4350, 4350, 3975, 4290, 4430, 4485, 4285, 3980, 3925, 3645, 3760, 3300, 3685,
           3463, 5200]  # fmt: skip


def series_with_ties(seed, count):
    rng = np.random.default_rng(seed)
    out = []
    for k in range(count):
        n = int(rng.integers(4, 80))
        x = rng.normal(size=n) + rng.normal() * 0.05 * np.arange(n)
        out.append(np.round(x, int(k % 3)))  # rounding to 0-2 decimals makes ties
    return out


def naive_mk(x):
    n = len(x)
    s = sum(np.sign(x[j] - x[i]) for i in range(n) for j in range(i + 1, n))
    _, counts = np.unique(x, return_counts=True)
    var = (n * (n - 1) * (2 * n + 5) - sum(t * (t - 1) * (2 * t + 5) for t in counts)) / 18
    z = 0.0 if s == 0 else (s - math.copysign(1, s)) / math.sqrt(var)
    return s, var, z


def naive_sen_ci(x):
    """Gilbert (1987) / R trend::sens.slope: ranks round((N'−C)/2) and round((N'+C)/2 + 1)."""
    n = len(x)
    d = sorted((x[j] - x[i]) / (j - i) for i in range(n) for j in range(i + 1, n))
    _, var, _ = naive_mk(x)
    c = 1.959963984540054 * math.sqrt(var)
    lo = min(max(round((len(d) - c) / 2), 1), len(d))
    hi = min(max(round((len(d) + c) / 2 + 1), 1), len(d))
    return d[lo - 1], d[hi - 1]


def test_it_matches_pymannkendall_original_test_with_ties():
    for x in series_with_ties(1, 60):
        ref = pmk.original_test(x)
        a = analyse(x)
        mk = a.mann_kendall
        assert mk["s"] == ref.s
        assert mk["var_s"] == pytest.approx(ref.var_s)
        assert mk["z"] == pytest.approx(ref.z)
        assert mk["p"] == pytest.approx(ref.p, rel=1e-9, abs=1e-15)
        assert mk["tau"] == pytest.approx(ref.Tau)
        assert a.sen_slope["slope"] == pytest.approx(ref.slope, rel=1e-12, abs=1e-15)


def test_it_matches_pymannkendall_sens_slope():
    for x in series_with_ties(2, 20):
        assert analyse(x).sen_slope["slope"] == pytest.approx(pmk.sens_slope(x).slope)


def test_it_matches_the_textbook_mann_kendall_formulas():
    x = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5]
    s, var, z = naive_mk(np.array(x, float))
    mk = analyse(x).mann_kendall
    assert (mk["s"], mk["var_s"], mk["z"]) == pytest.approx((s, var, z))
    assert mk["p"] == pytest.approx(math.erfc(abs(z) / math.sqrt(2)))
    assert mk["tau"] == pytest.approx(s / (11 * 10 / 2))


def test_it_gives_the_sen_confidence_interval_of_gilbert():
    for x in series_with_ties(3, 25):
        lo, hi = naive_sen_ci(list(x))
        sen = analyse(x).sen_slope
        assert sen["low"] == pytest.approx(lo) and sen["high"] == pytest.approx(hi)
        assert sen["low"] <= sen["slope"] <= sen["high"]


def test_it_gives_a_worked_sen_interval():
    # a straight line: every pairwise slope is 2, so slope and interval are 2
    sen = analyse([1.0 + 2 * i for i in range(10)]).sen_slope
    assert (sen["slope"], sen["low"], sen["high"]) == (2.0, 2.0, 2.0)
    # Wheeler's data: S = -57, decreasing, interval below zero
    a = analyse(WHEELER)
    assert a.mann_kendall["s"] == -57
    assert a.sen_slope["high"] < 0


def test_it_matches_pymannkendall_seasonal_test():
    rng = np.random.default_rng(4)
    for n, period in ((36, 12), (40, 12), (30, 4), (21, 7)):
        x = np.round(10 + np.sin(np.arange(n) * 2 * np.pi / period) * 3 + rng.normal(size=n), 1)
        x = x + 0.05 * np.arange(n)
        ref = pmk.seasonal_test(x, period=period)
        smk = analyse(x, season_length=period).seasonal_mann_kendall
        assert smk["s"] == ref.s
        assert smk["var_s"] == pytest.approx(ref.var_s)
        assert smk["z"] == pytest.approx(ref.z)
        assert smk["p"] == pytest.approx(ref.p, rel=1e-9)
        assert smk["slope"] == pytest.approx(ref.slope)


def test_it_needs_three_cycles_for_the_seasonal_test():
    x = list(range(35))
    assert analyse(x, season_length=12).seasonal_mann_kendall is None
    assert analyse(x + [35], season_length=12).seasonal_mann_kendall is not None
    assert analyse(x + [35]).seasonal_mann_kendall is None


def naive_pettitt(x):
    n = len(x)
    u = [sum(np.sign(x[i] - x[j]) for i in range(t) for j in range(t, n)) for t in range(1, n)]
    k = max(abs(v) for v in u)
    t = [abs(v) for v in u].index(k) + 1
    return t, k, min(1.0, 2 * math.exp(-6 * k**2 / (n**3 + n**2)))


def test_it_finds_the_change_point_of_pettitt():
    for x in series_with_ties(5, 15):
        if len(set(x)) == 1:
            continue
        t, k, p = naive_pettitt(list(x))
        cp = analyse(x).change_point
        assert (cp["index"], cp["k"]) == (t, k)
        assert cp["p"] == pytest.approx(p)


def test_it_points_the_change_point_at_the_first_point_of_the_new_level():
    rng = np.random.default_rng(6)
    x = np.concatenate([rng.normal(10, 1, 15), rng.normal(14, 1, 10)])
    cp = analyse(x).change_point
    assert cp["index"] == 15
    assert cp["k"] == 150  # every early point is below every late point: K = 15 · 10
    assert cp["p"] < 0.001
    assert analyse([5.0] * 10).change_point is None


def test_it_covers_the_whole_input_with_drift_statistics_despite_segments():
    x = [1.0, 3.0, 2.0, 4.0, 3.0, 5.0, 10.0, 12.0, 11.0, 13.0, 12.0, 14.0]
    whole = analyse(x).mann_kendall
    assert analyse(x, rebaseline_at=[6]).mann_kendall == whole
