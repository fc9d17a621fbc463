"""The plausibility rules on their own (pure: no database)."""

from datetime import date
from decimal import Decimal as D

from koers.kpis.plausibility import (
    MIN_POINTS,
    Process,
    bounds,
    check_clear,
    check_period,
    check_value,
)

# The return percentage of the issue: normal range 1,09–2,49, mean moving range ~0,26.
RETURNS = Process(low=1.09, high=2.49, url=0.86)
JAN = {"nl": "januari 2025", "en": "January 2025"}


def codes(findings):
    return [f.code for f in findings]


def test_it_takes_natural_bounds_from_the_unit_and_lets_the_kpi_replace_them():
    assert bounds("percent") == (D(0), D(100), "natural", "natural")
    assert bounds("count")[:2] == (D(0), None)
    assert bounds("hours")[:2] == (D(0), None)
    assert bounds("days")[:2] == (D(0), None)
    assert bounds("euro")[:2] == (None, None)
    assert bounds("custom")[:2] == (None, None)
    assert bounds("percent", maximum=D(150)) == (D(0), D(150), "natural", "kpi")
    assert bounds("euro", minimum=D(-5), maximum=D(5)) == (D(-5), D(5), "kpi", "kpi")


def test_it_blocks_a_negative_count_and_120_percent_in_both_languages():
    [negative] = check_value(D(-3), unit="count")
    assert negative.code == "plausibility.bound" and negative.blocking
    assert negative.message("nl") == "-3 kan niet: aantallen zijn nooit negatief"
    assert negative.message("en") == "-3 is not possible: counts are never negative"
    [too_much] = check_value(D("120"), unit="percent")
    assert too_much.blocking
    assert too_much.message("nl").startswith("120 kan niet: een percentage is hoogstens 100")
    assert too_much.message("en").startswith("120 is not possible: a percentage is at most 100")
    assert check_value(D(100), unit="percent") == []
    assert check_value(D(0), unit="days") == []
    assert check_value(D(-3), unit="euro") == []


def test_it_allows_more_when_the_kpi_says_so_and_refuses_beyond_its_own_bounds():
    assert check_value(D(120), unit="percent", maximum=D(150)) == []
    [above] = check_value(D("1234.5"), unit="days", maximum=D(365))
    assert above.blocking
    assert above.message("nl") == "1.234,5 ligt boven het maximum van deze KPI (365)"
    assert above.message("en") == "1,234.5 is above this KPI's maximum (365)"
    [below] = check_value(D("-2"), unit="percent", minimum=D(-1))
    assert below.message("en") == "-2 is below this KPI's minimum (-1)"
    assert check_value(D(-3), unit="percent", minimum=D(-100)) == []


def test_it_warns_far_outside_the_process_by_more_than_the_limits_width():
    # width 1.40: far outside means above 3.89 or below -0.31
    assert check_value(D("3.8"), unit="euro", process=RETURNS) == []
    [far] = check_value(D("3.9"), unit="euro", process=RETURNS, decimals=2)
    assert far.code == "plausibility.far_outside" and not far.blocking
    assert far.message("nl") == (
        "3,9 ligt ver buiten het normale bereik van 1,09–2,49 (meer dan de breedte van dat "
        "bereik erbuiten); bevestig dat dit klopt"
    )
    assert "far outside the normal range of 1.09–2.49" in far.message("en")
    assert codes(check_value(D("-0.4"), unit="euro", process=RETURNS)) == [
        "plausibility.far_outside"
    ]


def test_it_warns_a_jump_larger_than_the_upper_range_limit():
    previous = {"nl": "december 2024", "en": "December 2024"}
    assert check_value(D("2.3"), unit="euro", process=RETURNS, previous=D("1.5")) == []
    [jump] = check_value(
        D("2.4"), unit="euro", process=RETURNS, previous=D("1.5"), previous_period=previous
    )
    assert jump.code == "plausibility.jump"
    assert "sprong van 0,9 ten opzichte van 1,5 (december 2024)" in jump.message("nl")
    assert "step of 0.9 from 1.5 (December 2024)" in jump.message("en")


def test_it_says_both_for_a_value_1000_times_the_usual_level():
    found = check_value(D(1800), unit="euro", process=RETURNS, previous=D("1.8"))
    assert codes(found) == ["plausibility.far_outside", "plausibility.jump"]


def test_it_checks_bounds_before_the_process():
    assert codes(check_value(D(-3), unit="percent", process=RETURNS, previous=D(2))) == [
        "plausibility.bound"
    ]


def test_it_refuses_future_periods_and_warns_the_current_one():
    today = date(2025, 3, 15)
    future = check_period(date(2025, 4, 1), date(2025, 4, 30), today, label=JAN, value=D(1))
    assert future.code == "plausibility.future" and future.blocking
    assert future.message("nl").startswith("januari 2025 is nog niet begonnen")
    current = check_period(date(2025, 3, 1), date(2025, 3, 31), today, label=JAN, value=D(7))
    assert current.code == "plausibility.current_period" and not current.blocking
    assert "bevestig dat 7 al de waarde van de hele periode is" in current.message("nl")
    last_day = check_period(date(2025, 3, 1), date(2025, 3, 15), today, label=JAN, value=D(7))
    assert last_day.code == "plausibility.current_period"
    assert check_period(date(2025, 2, 1), date(2025, 2, 28), today, label=JAN, value=D(1)) is None


def test_it_asks_to_confirm_clearing_and_says_it_can_be_put_back():
    clear = check_clear(D("89.9"), label=JAN)
    assert clear.code == "plausibility.clear" and not clear.blocking
    assert clear.message("nl").startswith("de waarde 89,9 van januari 2025 wordt gewist")
    assert "put it back from the history" in clear.message("en")


def test_it_reads_the_process_from_the_engine_limits_only_when_they_say_something():
    limits = {"centre": 1.79, "unpl": 2.49, "lnpl": 1.09, "url": 0.86, "mr_bar": 0.26}
    assert Process.from_limits(limits, 20) == Process(1.09, 2.49, 0.86)
    assert Process.from_limits(limits, MIN_POINTS - 1) is None
    assert Process.from_limits(None, 20) is None
    flat = {"centre": 5.0, "unpl": 5.0, "lnpl": 5.0, "url": 0.0, "mr_bar": 0.0}
    assert Process.from_limits(flat, 20) is None
    # "no lower limit" (below a natural bound): the symmetric limit is used for the width
    counts = {"centre": 2.0, "unpl": 6.4, "lnpl": None, "url": 5.4, "mr_bar": 1.65}
    process = Process.from_limits(counts, 20)
    assert round(process.low, 9) == -2.4 and process.high == 6.4 and process.width > 8.7
