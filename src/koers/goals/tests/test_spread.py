"""Targets over time, per period (pure)."""

from koers.goals.spread import profile_fits, spread


def test_it_spreads_an_annual_sum_evenly_and_keeps_an_average_goal_per_period():
    assert spread("even", 4, goal=100, rule="sum") == [25, 25, 25, 25]
    assert spread("even", 4, goal=95, rule="average") == [95, 95, 95, 95]


def test_it_follows_last_years_pattern():
    assert spread("pattern", 4, goal=200, rule="sum", last_year=[10, 30, 40, 20]) == [
        20,
        60,
        80,
        40,
    ]
    # An average goal of 50 along a pattern around its mean.
    assert spread("pattern", 2, goal=50, rule="average", last_year=[8, 12]) == [40, 60]
    # Without a complete last year: evenly.
    assert spread("pattern", 4, goal=100, rule="sum", last_year=[1, None, 2, 3]) == [25] * 4


def test_it_takes_a_profile_and_one_value_and_has_none_without_a_goal():
    assert spread("profile", 3, profile=[1, 2, 3]) == [1, 2, 3]
    assert spread("profile", 53, profile=list(range(52)))[-2:] == [51, 51]
    assert spread("single", 2, single=7.5) == [7.5, 7.5]
    assert spread("even", 2, goal=None) == [None, None]


def test_it_checks_that_a_profile_fits_the_frequency():
    assert profile_fits([1] * 12, 12) and not profile_fits([1] * 11, 12)
    assert profile_fits([1] * 52, 52) and profile_fits([1] * 53, 52)
    assert not profile_fits([1] * 12, 4)
