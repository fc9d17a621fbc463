"""The batch path gives exactly what analyse() gives, and both match a plain reference."""

import numpy as np
import pytest

from koers.trendengine import Analysis, TrendError, analyse, analyse_batch


def mixed_series(seed, count, n=None):
    rng = np.random.default_rng(seed)
    out = []
    for k in range(count):
        m = n or int(rng.integers(1, 70))
        x = rng.normal(50, 5, size=m)
        kind = k % 4
        if kind == 1:
            x[m // 2 :] += 12
        elif kind == 2:
            x += 0.4 * np.arange(m)
        elif kind == 3:
            x = np.round(x / 5) * 5  # many ties, many points on the centre line
        out.append(np.round(x, 1))
    return out


OPTIONS = [
    {},
    {"direction": "lower", "target": 50},
    {"spread": "median", "screen": True},
    {"trended": True},
    {"screen": True, "season_length": 4},
]


@pytest.mark.parametrize("options", OPTIONS)
def test_it_gives_the_same_answers_in_batch_as_one_by_one(options):
    series = mixed_series(1, 80)
    batch = analyse_batch(series, **options)
    assert len(batch) == len(series)
    for x, a in zip(series, batch, strict=True):
        single = analyse(x, **options)
        assert a.to_dict("nl") == single.to_dict("nl")
        assert a.to_dict("en") == single.to_dict("en")
        assert a.point_signals == single.point_signals
        assert a.centre_line == single.centre_line
        assert a.adjusted == single.adjusted


def test_it_takes_a_2d_array_and_keeps_order():
    x = np.stack(mixed_series(2, 30, n=40))
    batch = analyse_batch(x, rebaseline_at=[25])
    assert batch.verdicts == [analyse(row, rebaseline_at=[25]).verdict for row in x]
    assert isinstance(batch[3], Analysis)
    assert [a.n for a in batch] == [40] * 30
    assert batch.to_dicts()[5] == analyse(x[5], rebaseline_at=[25]).to_dict()


def test_it_groups_series_of_different_lengths():
    series = [[1.0, 2.0, 3.0], [5.0] * 10, [1.0, 2.0, 3.0, 2.0], [4.0, 5.0, 4.0]]
    batch = analyse_batch(series)
    assert [a.n for a in batch] == [3, 10, 4, 3]
    assert batch[2].limits["centre"] == 2.0


def test_it_reports_bad_batch_input():
    with pytest.raises(TrendError) as info:
        analyse_batch([[1.0, 2.0], [1.0, float("nan")]])
    assert info.value.code == "not_finite"
    with pytest.raises(TrendError) as info:
        analyse_batch([[1.0, 2.0, 3.0]], rebaseline_at=[5])
    assert info.value.code == "rebaseline_out_of_range"
    assert len(analyse_batch(np.empty((0, 5)))) == 0


def reference_signals(x, segments):
    """Rules 1-4 straight from their definitions, one point at a time."""
    found = set()
    runs = []
    for s, e in segments:
        seg = list(x[s:e])
        b = min(20, e - s)
        cl = sum(seg[:b]) / b
        mrs = [abs(seg[i] - seg[i - 1]) for i in range(1, e - s)]
        mr_bar = sum(mrs[: b - 1]) / (b - 1)
        up, lo, url = cl + 2.66 * mr_bar, cl - 2.66 * mr_bar, 3.268 * mr_bar
        mid_up, mid_lo = cl + 1.33 * mr_bar, cl - 1.33 * mr_bar
        for i, v in enumerate(seg):
            if v > up:
                found.add(("outside_limits", "above", s + i))
            if v < lo:
                found.add(("outside_limits", "below", s + i))
        for k in range(3, len(seg)):
            window = range(k - 3, k + 1)
            for side, sign, mid in (("above", 1, mid_up), ("below", -1, mid_lo)):
                hits = [i for i in window if sign * (seg[i] - mid) > 0]
                if len(hits) >= 3:
                    found.update(("three_of_four", side, s + i) for i in hits)
        current, side = [], 0
        for i, v in enumerate(seg + [None]):
            sgn = 0 if v is None or v == cl else (1 if v > cl else -1)
            if v is not None and sgn == 0:
                continue
            if sgn != side or v is None:
                if len(current) >= 8:
                    runs.append(("above" if side > 0 else "below", current))
                current, side = [], sgn
            current.append(s + i)
        for i in range(1, len(seg)):
            if mrs[i - 1] > url:
                side = "above" if seg[i] > seg[i - 1] else "below"
                found.update({("moving_range", side, s + i - 1), ("moving_range", side, s + i)})
    for side, pts in runs:
        found.update(("run_of_eight", side, p) for p in pts)
    return found, sorted(runs)


def test_it_matches_a_plain_reference_of_the_four_rules():
    series = mixed_series(3, 300, n=45)
    batch = analyse_batch(series, rebaseline_at=[22], robust=False)  # Wheeler's plain limits
    total = 0
    for x, a in zip(series, batch, strict=True):
        expected, runs = reference_signals(list(x), [(0, 22), (22, 45)])
        got = {(s["rule"], s["side"], p) for s in a.signals for p in s["points"]}
        assert got == expected
        got_runs = sorted(
            (s["side"], s["points"]) for s in a.signals if s["rule"] == "run_of_eight"
        )
        assert got_runs == runs
        total += len(expected)
    assert total > 300  # the sample really exercises the rules
