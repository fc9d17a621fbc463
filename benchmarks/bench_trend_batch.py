"""Benchmark: `koers trend --batch` end to end against a loop of pymannkendall.original_test.

Run: python benchmarks/bench_trend_batch.py
Writes 10,000 seeded series of 60 monthly points as Dutch long CSV (``reeks;periode;waarde``,
decimal commas), then times the trend CLI on it as one whole: reading the file, the analysis
and writing one JSON line per series (to a file). Then pymannkendall.original_test runs over
the same series in a loop. Also reports the wall time of the CLI as its own process
(``python -m koers.trendengine.cli``, interpreter start and imports included). Exits non-zero
unless the CLI is >= 10x faster than the loop, or when a sample of its JSON lines differs from
analyse() on the same values.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

SRC = Path(__file__).resolve().parents[1] / "src"
sys.path.insert(0, str(SRC))  # this checkout's code, also when another one is installed

from koers.trendengine import analyse  # noqa: E402
from koers.trendengine.cli import main as trend_cli  # noqa: E402

SERIES, POINTS, SEED = 10_000, 60, 20250101
TARGET_RATIO = 10.0


def make_series() -> np.ndarray:
    rng = np.random.default_rng(SEED)
    x = rng.normal(100.0, 10.0, size=(SERIES, POINTS))
    kind = np.arange(SERIES) % 4
    t = np.arange(POINTS)
    step_at = rng.integers(10, POINTS - 5, size=SERIES)
    x[kind == 1] += np.where(t[None, :] >= step_at[kind == 1, None], 20.0, 0.0)
    x[kind == 2] += 0.5 * t
    return np.round(x, 1)


def write_csv(x: np.ndarray, path: Path) -> None:
    periods = [f"{2020 + k // 12}-{k % 12 + 1:02d}" for k in range(POINTS)]
    with path.open("w", encoding="utf-8") as fh:
        fh.write("reeks;periode;waarde\n")
        for i, row in enumerate(x.tolist()):
            name = f"KPI-{i:05d}"
            cells = (str(v).replace(".", ",") for v in row)
            fh.writelines(f"{name};{p};{v}\n" for p, v in zip(periods, cells, strict=True))


def run_cli(csv_path: Path, out_path: Path) -> float:
    start = time.perf_counter()
    with out_path.open("w", encoding="utf-8") as out:
        code = trend_cli(["--batch", "--lang", "nl", str(csv_path)], stdout=out)
    seconds = time.perf_counter() - start
    if code != 0:
        raise SystemExit(f"koers trend --batch exited with {code}")
    return seconds


def run_process(csv_path: Path, out_path: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    cmd = [sys.executable, "-m", "koers.trendengine.cli", "--batch", "--lang", "nl", str(csv_path)]
    start = time.perf_counter()
    with out_path.open("w", encoding="utf-8") as out:
        subprocess.run(cmd, stdout=out, check=True, env=env)
    return time.perf_counter() - start


def check_sample(x: np.ndarray, out_path: Path) -> bool:
    lines = out_path.read_text(encoding="utf-8").splitlines()
    if len(lines) != SERIES:
        print(f"MISMATCH: {len(lines)} JSON lines for {SERIES} series")
        return False
    for i in np.random.default_rng(1).choice(SERIES, size=100, replace=False).tolist():
        got = json.loads(lines[i])
        want = analyse(x[i]).to_dict("nl")
        if got["series"] != f"KPI-{i:05d}" or got["verdict"] != want["verdict"]:
            print(f"MISMATCH: series {i}")
            return False
        if got["limits"] != want["limits"] or got["signals"] != want["signals"]:
            print(f"MISMATCH: limits or signals of series {i}")
            return False
    return True


def main() -> int:
    import pymannkendall

    x = make_series()
    with tempfile.TemporaryDirectory() as tmp:
        csv_path, out_path = Path(tmp) / "series.csv", Path(tmp) / "out.jsonl"
        write_csv(x, csv_path)
        cli_s = run_cli(csv_path, out_path)
        if not check_sample(x, out_path):
            return 1
        process_s = run_process(csv_path, Path(tmp) / "out2.jsonl")
        size_mb = csv_path.stat().st_size / 1e6
    start = time.perf_counter()
    for row in x:
        pymannkendall.original_test(row)
    loop_s = time.perf_counter() - start

    ratio = loop_s / cli_s
    print(f"series: {SERIES} x {POINTS} points, Dutch CSV of {size_mb:.1f} MB")
    print(f"koers trend --batch (read + analyse + JSON lines): {cli_s:.3f} s")
    print(f"  the same as its own process (with start-up):   {process_s:.3f} s")
    print(f"pymannkendall.original_test loop:                {loop_s:.3f} s")
    print(f"speed-up: {ratio:.1f}x (as a process: {loop_s / process_s:.1f}x)")
    print("sample of 100: JSON lines == analyse() on the same values")
    ok = ratio >= TARGET_RATIO
    print(f"target (>= {TARGET_RATIO:.0f}x):", "met" if ok else "MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
