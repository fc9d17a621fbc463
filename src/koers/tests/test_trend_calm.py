"""Issue 12 point 2: a calmer, sharper verdict, proven on seeded simulations of 36 points."""

import numpy as np
import pytest

from koers.trendengine import analyse, analyse_batch

M, N = 2000, 36


def share(result, verdict):
    return float(np.mean([v == verdict for v in result.verdicts]))


def ar1(seed, phi=0.3):
    rng = np.random.default_rng(seed)
    e = rng.normal(size=(M, N + 50))
    x = np.zeros_like(e)
    for t in range(1, e.shape[1]):
        x[:, t] = phi * x[:, t - 1] + e[:, t]
    return x[:, 50:]


def seasonal(seed):
    rng = np.random.default_rng(seed)
    phase = rng.integers(0, 12, size=(M, 1))
    cycle = np.sqrt(2) * np.sin(2 * np.pi * (np.arange(N)[None, :] + phase) / 12)  # sd 1
    return 100 + rng.normal(size=(M, N)) + cycle


def test_it_calls_independent_noise_stable_at_least_92_percent_of_the_time():
    x = np.random.default_rng(12).normal(size=(M, N))
    assert share(analyse_batch(x), "stable") >= 0.92


def test_it_calls_mildly_autocorrelated_noise_stable_at_least_88_percent_of_the_time():
    assert share(analyse_batch(ar1(1202)), "stable") >= 0.88


def test_it_does_not_judge_an_unmarked_seasonal_cycle_better_or_worse():
    assert share(analyse_batch(seasonal(1203)), "stable") >= 0.88


def test_it_says_an_unmarked_seasonal_series_looks_seasonal():
    batch = analyse_batch(seasonal(1204)[:200])
    flagged = [a for a in batch if a.likely_seasonal]
    assert len(flagged) >= 100
    assert flagged[0].reason("nl").startswith("Lijkt seizoensgebonden: markeer als seizoen.")
    assert flagged[0].reason("en").startswith("Looks seasonal: mark it as seasonal.")
    noise = analyse_batch(np.random.default_rng(1205).normal(size=(M, N)))
    assert np.mean([a.likely_seasonal for a in noise]) < 0.02


def test_it_does_not_call_a_series_seasonal_once_marked_seasonal():
    a = analyse(seasonal(1206)[0], season_length=12)
    assert not a.likely_seasonal


@pytest.mark.parametrize(("shift", "expected"), [(2.0, "improving"), (-2.0, "deteriorating")])
def test_it_finds_a_two_sigma_step_in_the_last_eight_points_both_ways(shift, expected):
    x = np.random.default_rng(1207).normal(size=(M, N))
    x[:, -8:] += shift
    assert share(analyse_batch(x), expected) >= 0.90


def test_it_finds_a_drift_of_a_tenth_sigma_per_period():
    x = np.random.default_rng(1208).normal(size=(M, N)) + 0.1 * np.arange(N)
    assert share(analyse_batch(x), "improving") >= 0.90


def test_it_finds_a_later_step_despite_a_wild_value_in_the_baseline():
    rng = np.random.default_rng(1209)
    x = rng.normal(size=(M, N))
    x[np.arange(M), rng.integers(0, 20, size=M)] += 6
    x[:, -8:] += 2
    assert share(analyse_batch(x), "improving") >= 0.88
    assert share(analyse_batch(x, robust=False), "improving") < 0.85  # what robust buys


def test_it_screens_the_wild_value_out_of_centre_and_spread_and_shows_it():
    x = [10.0, 12.0] * 10 + [11.0] * 4
    x[5] = 40.0
    a = analyse(x)
    assert a.screened == [5]
    assert a.chart()["screened"] == [5]
    assert a.limits["centre"] == pytest.approx(sum(v for i, v in enumerate(x[:20]) if i != 5) / 19)
    plain = analyse(x, robust=False)
    assert plain.screened == [] and plain.limits["centre"] > a.limits["centre"]


def test_it_says_when_the_verdict_rests_on_a_single_value():
    a = analyse([10.0, 12.0] * 10 + [30.0])
    assert a.verdict == "improving" and a.single_value
    assert a.reason("nl").endswith("Dit oordeel rust op één waarde.")
    assert a.reason("en").endswith("This verdict rests on a single value.")
    two = analyse([10.0, 12.0] * 10 + [30.0, 31.0])
    assert two.verdict == "improving" and not two.single_value
    assert "single value" not in two.reason("en")


def test_it_reports_no_lower_limit_below_the_natural_bound():
    counts = [2.0, 0.0, 1.0, 4.0, 0.0, 3.0, 1.0, 0.0, 2.0, 5.0] * 2 + [1.0, 2.0]
    plain = analyse(counts)
    assert plain.limits["lnpl"] < 0
    a = analyse(counts, lower_bound=0)
    assert a.no_lower_limit and a.limits["lnpl"] is None
    assert all(v is None for v in a.lnpl_line)
    assert a.limits["unpl"] == pytest.approx(plain.limits["unpl"])
    assert "geen ondergrens" in a.reason("nl")
    assert "no lower limit" in a.reason("en")
    assert a.chart()["no_lower_limit"] is True
    kept = analyse([50.0, 52.0] * 10, lower_bound=0)
    assert not kept.no_lower_limit and kept.limits["lnpl"] is not None


def test_it_quotes_the_seasonally_adjusted_value_with_the_range():
    rng = np.random.default_rng(1210)
    x = [2000 * (1 + 0.2 * np.sin(2 * np.pi * i / 12)) + rng.normal(0, 20) for i in range(36)]
    a = analyse(x, season_length=12)
    assert a.verdict == "stable"
    assert a.reason("nl") == (
        "Laatste waarde 1.827 (gecorrigeerd voor seizoen: 2.021): binnen het normale bereik "
        "van 1.937–2.062, alleen gewone schommelingen."
    )
    assert a.reason("en").startswith("Latest value 1,827 (seasonally adjusted: 2,021): within")
    high = analyse(x[:35] + [x[35] * 1.3], season_length=12)
    assert high.verdict == "improving"
    assert "(gecorrigeerd voor seizoen: " in high.reason("nl")


def test_it_keeps_wheelers_limits_for_a_short_baseline():
    wheeler = [5045, 4350, 4350, 3975, 4290, 4430, 4485, 4285, 3980, 3925, 3645, 3760, 3300,
               3685, 3463, 5200]  # fmt: skip
    a = analyse(wheeler)
    assert a.screened == []
    assert round(a.limits["unpl"], 2) == 5082.28
