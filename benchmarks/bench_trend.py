"""Benchmark: the batch trend engine against a loop of pymannkendall.original_test.

Run: python benchmarks/bench_trend.py
10,000 seeded series of 60 points (noise, steps, drifts, ties from rounding) go through
analyse_batch (all four XmR rules, Mann-Kendall with ties, Sen's slope with its CI, Pettitt,
verdicts); then pymannkendall.original_test runs over the same series in a loop. Exits
non-zero unless the batch takes < 1 s and is >= 20x faster, or when a sample of batch
results differs from analyse() on the same series.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

try:
    import koers.trendengine  # noqa: F401
except ImportError:  # running from a checkout without an install
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from koers.trendengine import analyse, analyse_batch  # noqa: E402

SERIES, POINTS, SEED = 10_000, 60, 20250101
TARGET_SECONDS, TARGET_RATIO = 1.0, 20.0


def make_series() -> np.ndarray:
    rng = np.random.default_rng(SEED)
    x = rng.normal(100.0, 10.0, size=(SERIES, POINTS))
    kind = np.arange(SERIES) % 4
    t = np.arange(POINTS)
    step_at = rng.integers(10, POINTS - 5, size=SERIES)
    x[kind == 1] += np.where(t[None, :] >= step_at[kind == 1, None], 20.0, 0.0)
    x[kind == 2] += 0.5 * t
    x[kind == 3] = np.round(x[kind == 3] / 5.0) * 5.0  # heavy ties
    return np.round(x, 0)  # whole numbers: ties everywhere


def best_of(fn, runs=3):
    best, out = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - start)
    return best, out


def main() -> int:
    import pymannkendall

    x = make_series()
    analyse_batch(x[:50])  # warm up imports and caches
    batch_s, result = best_of(lambda: analyse_batch(x))
    verdicts = result.verdicts

    start = time.perf_counter()
    refs = [pymannkendall.original_test(row) for row in x]
    loop_s = time.perf_counter() - start

    # correctness of the fast path on a sample
    rng = np.random.default_rng(1)
    sample = rng.choice(SERIES, size=200, replace=False)
    for i in sample:
        single = analyse(x[i])
        if result[i].to_dict() != single.to_dict():
            print(f"MISMATCH: batch result {i} differs from analyse()")
            return 1
        mk = result[i].mann_kendall
        ref = refs[i]
        if mk["s"] != ref.s or not np.isclose(mk["p"], ref.p, rtol=1e-9, atol=1e-15):
            print(f"MISMATCH: Mann-Kendall of series {i} differs from pymannkendall")
            return 1
        if result[i].sen_slope["slope"] != ref.slope:
            print(f"MISMATCH: Sen slope of series {i} differs from pymannkendall")
            return 1

    ratio = loop_s / batch_s
    counts = {v: verdicts.count(v) for v in sorted(set(verdicts))}
    print(f"series: {SERIES} x {POINTS} points")
    print(f"analyse_batch (best of 3):        {batch_s:.3f} s")
    print(f"pymannkendall.original_test loop: {loop_s:.3f} s")
    print(f"speed-up:                         {ratio:.1f}x")
    print(f"verdicts: {counts}")
    print("sample of 200: batch == analyse() and MK/Sen == pymannkendall")
    ok = batch_s < TARGET_SECONDS and ratio >= TARGET_RATIO
    print("targets (< 1 s, >= 20x):", "met" if ok else "MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
