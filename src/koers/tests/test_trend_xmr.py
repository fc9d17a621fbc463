"""XmR limits and detection rules of the trend engine, checked against published numbers."""

import math

import pytest

from koers.trendengine import TrendError, analyse

WHEELER = [5045, 4350, 4350, 3975, 4290, 4430, 4485, 4285, 3980, 3925, 3645, 3760, 3300, 3685,
           3463, 5200]  # fmt: skip
NIST = [49.6, 47.6, 49.9, 51.3, 47.8, 51.2, 52.6, 52.4, 53.6, 52.1]
# Alternating baseline: CL 11, mR̄ 2, limits 11 ± 5.32, midlines 13.66 / 8.34, URL 6.536.
ALT = [10.0, 12.0] * 10
ALT_LOW_END = [12.0, 10.0] * 10


def rules(a):
    return [(s["rule"], s["points"], s["side"]) for s in a.signals]


def test_it_reproduces_wheelers_verification_data_set():
    a = analyse(WHEELER)
    lim = a.limits
    assert round(lim["centre"], 2) == 4135.50
    assert round(lim["mr_bar"], 2) == 355.93
    assert round(lim["lnpl"], 2) == 3188.72
    assert round(lim["unpl"], 2) == 5082.28
    assert round(lim["url"], 2) == 1163.19
    assert lim["baseline"] == [0, 16] and lim["provisional"] is False
    assert ("outside_limits", [15], "above") in rules(a)
    assert ("moving_range", [14, 15], "above") in rules(a)
    assert a.moving_ranges[15] > lim["url"]
    # points 8–14 are seven below the centre line: not yet a run of eight
    assert all(WHEELER[i] < lim["centre"] for i in range(8, 15))
    assert not [s for s in a.signals if s["rule"] == "run_of_eight"]
    assert len(a.signals) == 2


def test_it_reproduces_the_nist_individuals_chart():
    a = analyse(NIST)
    assert a.limits["centre"] == pytest.approx(50.81)
    assert a.limits["mr_bar"] == pytest.approx(1.8778, abs=1e-4)
    assert a.limits["unpl"] == pytest.approx(55.80, abs=0.005)
    assert a.limits["lnpl"] == pytest.approx(45.82, abs=0.005)
    assert a.signals == []
    assert a.limits["provisional"] is True


def test_it_gives_per_point_lines_and_no_moving_range_for_the_first_point():
    a = analyse(NIST)
    assert a.moving_ranges[0] is None
    assert a.moving_ranges[1] == pytest.approx(2.0)
    assert a.centre_line == pytest.approx([50.81] * 10)
    assert a.unpl_line[3] == pytest.approx(a.limits["unpl"])
    assert a.point_signals == [[] for _ in NIST]
    assert a.adjusted is None


def test_it_flags_three_of_four_beyond_the_midline():
    a = analyse(ALT + [14.0, 14.0, 11.0, 14.0])
    assert rules(a) == [("three_of_four", [20, 21, 23], "above")]
    assert a.point_signals[23] == ["three_of_four"]
    assert a.point_signals[22] == []


def test_it_needs_three_of_four_not_two():
    a = analyse(ALT + [14.0, 11.5, 11.0, 14.0])
    assert rules(a) == []


def test_it_merges_overlapping_three_of_four_windows():
    a = analyse(ALT + [8.0, 8.0, 8.0, 8.0, 8.0])
    sig = [s for s in a.signals if s["rule"] == "three_of_four"]
    assert len(sig) == 1 and sig[0]["points"] == [20, 21, 22, 23, 24]
    assert sig[0]["side"] == "below" and sig[0]["meaning"] == "concern"


def test_it_skips_points_on_the_centre_line_in_a_run():
    # eight points above CL (11) with one exactly on CL in between: still a run of eight
    a = analyse(ALT_LOW_END + [11.5] * 4 + [11.0] + [11.5] * 4)
    runs = [s for s in a.signals if s["rule"] == "run_of_eight"]
    assert len(runs) == 1
    assert runs[0]["points"] == [20, 21, 22, 23, 25, 26, 27, 28]
    assert a.point_signals[24] == []


def test_it_does_not_count_a_point_on_the_centre_line_towards_the_run():
    a = analyse(ALT_LOW_END + [11.5] * 4 + [11.0] + [11.5] * 3)
    assert not [s for s in a.signals if s["rule"] == "run_of_eight"]


def test_it_flags_a_moving_range_above_url_with_the_direction_of_the_jump():
    a = analyse(ALT + [4.0])
    assert ("moving_range", [19, 20], "below") in rules(a)
    assert ("outside_limits", [20], "below") in rules(a)
    assert a.point_signals[20] == ["outside_limits", "moving_range"]


def test_it_uses_the_median_moving_range_when_asked():
    x = [1, 2, 4, 3, 5, 4, 6]  # moving ranges 1 2 1 2 1 2 -> median 1.5
    a = analyse(x, spread="median")
    mean = sum(x) / 7
    assert a.limits["mr_bar"] == pytest.approx(1.5)
    assert a.limits["unpl"] == pytest.approx(mean + 3.145 * 1.5)
    assert a.limits["lnpl"] == pytest.approx(mean - 3.145 * 1.5)
    assert a.limits["url"] == pytest.approx(3.865 * 1.5)


def test_it_screens_large_moving_ranges_before_recomputing():
    x = [10, 11, 10, 11, 10, 30, 10, 11, 10, 11, 10, 11]
    plain = analyse(x)
    assert plain.limits["mr_bar"] == pytest.approx(49 / 11)
    screened = analyse(x, screen=True)
    assert screened.limits["mr_bar"] == pytest.approx(1.0)
    assert screened.limits["unpl"] == pytest.approx(sum(x) / 12 + 2.66)
    assert ("outside_limits", [5], "above") in rules(screened)


def test_it_draws_trended_limits_by_the_half_average_method():
    x = [3.0 + 2.0 * i + (0.5 if i % 2 else -0.5) for i in range(10)]
    a = analyse(x, trended=True)
    # half averages 7.1 (points 0-4, centre 2) and 16.9 (points 5-9, centre 7): slope 9.8/5
    first, second = sum(x[:5]) / 5, sum(x[5:]) / 5
    slope = (second - first) / 5
    assert a.limits["slope"] == pytest.approx(slope)
    mr_bar = sum(abs(x[i] - x[i - 1]) for i in range(1, 10)) / 9
    for i in range(10):
        cl = first + slope * (i - 2)
        assert a.centre_line[i] == pytest.approx(cl)
        assert a.unpl_line[i] == pytest.approx(cl + 2.66 * mr_bar)
        assert a.lnpl_line[i] == pytest.approx(cl - 2.66 * mr_bar)
    assert a.limits["centre"] == pytest.approx(a.centre_line[-1])
    assert a.signals == []


def test_it_leaves_out_the_middle_point_of_an_odd_trended_baseline():
    x = [3.0 + 2.0 * i for i in range(9)]
    a = analyse(x, trended=True)
    assert a.limits["slope"] == pytest.approx(2.0)
    assert a.centre_line == pytest.approx(x)


def test_it_starts_a_new_segment_with_its_own_limits():
    x = [10.0, 12.0] * 5 + [20.0, 23.0] * 5
    a = analyse(x, rebaseline_at=[10])
    assert [(s["start"], s["end"]) for s in a.segments] == [(0, 10), (10, 20)]
    assert a.segments[0]["centre"] == pytest.approx(11.0)
    assert a.segments[1]["centre"] == pytest.approx(21.5)
    assert a.segments[1]["mr_bar"] == pytest.approx(3.0)
    assert a.moving_ranges[10] is None  # not computed across the boundary
    assert a.limits["baseline"] == [10, 20]
    assert a.limits["centre"] == pytest.approx(21.5)
    assert not [s for s in a.signals if 10 in s["points"] and 9 in s["points"]]


def test_it_applies_a_chosen_baseline_to_the_first_segment():
    x = [10.0, 12.0] * 4 + [30.0] * 4
    a = analyse(x, baseline=8)
    assert a.limits["baseline"] == [0, 8]
    assert a.limits["centre"] == pytest.approx(11.0)
    assert [s["points"] for s in a.signals if s["rule"] == "outside_limits"] == [
        [8],
        [9],
        [10],
        [11],
    ]


def test_it_marks_limits_provisional_below_twelve_baseline_points():
    assert analyse(ALT[:11]).limits["provisional"] is True
    assert analyse(ALT[:12]).limits["provisional"] is False
    assert analyse(ALT, baseline=11).limits["provisional"] is True


def test_it_gives_no_verdict_below_six_points():
    a = analyse([1.0, 2.0, 3.0, 4.0, 5.0])
    assert a.verdict == "insufficient_data" and a.evidence is None
    assert analyse([1.0, 2.0, 1.0, 2.0, 1.0, 2.0]).verdict == "stable"


def test_it_handles_a_single_point():
    a = analyse([7.0])
    assert a.n == 1 and a.verdict == "insufficient_data"
    assert a.limits["centre"] == 7.0 and a.limits["mr_bar"] is None
    assert a.moving_ranges == [None] and a.change_point is None


def test_it_deseasonalises_with_two_cycles_before_charting():
    x = [10.0, 20.0, 30.0, 12.0, 18.0, 30.0, 11.0]
    a = analyse(x, season_length=3)
    # season means 11, 19, 30 over the two complete cycles; overall mean 20
    f = [11 / 20, 19 / 20, 30 / 20]
    assert a.adjusted == pytest.approx([v / f[i % 3] for i, v in enumerate(x)])
    assert a.limits["centre"] == pytest.approx(sum(a.adjusted) / 7)
    assert a.seasonal_mann_kendall is None  # fewer than three cycles
    assert analyse(x[:5], season_length=3).adjusted is None


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"baseline": 1}, "baseline_out_of_range"),
        ({"baseline": 17}, "baseline_out_of_range"),
        ({"rebaseline_at": [16]}, "rebaseline_out_of_range"),
        ({"rebaseline_at": [-1]}, "rebaseline_out_of_range"),
        ({"direction": "up"}, "bad_direction"),
        ({"spread": "max"}, "bad_spread"),
        ({"season_length": 1}, "bad_season_length"),
        ({"target": "abc"}, "bad_target"),
    ],
)
def test_it_rejects_bad_options_with_a_coded_error(kwargs, code):
    with pytest.raises(TrendError) as info:
        analyse(WHEELER, **kwargs)
    err = info.value
    assert isinstance(err, ValueError)
    assert err.code == code
    assert err.message("nl") != err.message("en")


def test_it_names_the_range_in_both_languages():
    with pytest.raises(TrendError) as info:
        analyse(WHEELER, rebaseline_at=[40])
    assert info.value.params == {"value": 40, "max": 15}
    assert "40" in info.value.message("en") and "15" in info.value.message("en")
    assert "buiten het bereik" in info.value.message("nl")


def test_it_rejects_empty_and_non_finite_values():
    with pytest.raises(TrendError) as info:
        analyse([])
    assert info.value.code == "no_values"
    with pytest.raises(TrendError) as info:
        analyse([1.0, math.nan, 2.0])
    assert info.value.code == "not_finite" and info.value.params == {"index": 1}
