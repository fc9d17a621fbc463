"""Verdicts: no crying wolf on noise, steps found in the right direction, reasons, target."""

import numpy as np
import pytest

from koers.trendengine import analyse, analyse_batch

ALT = [10.0, 12.0] * 10  # CL 11, limits 5.68–16.32


def share(result, verdict):
    return float(np.mean([v == verdict for v in result.verdicts]))


def test_it_calls_pure_noise_stable_at_least_90_percent_of_the_time():
    x = np.random.default_rng(2025).normal(50, 5, size=(2000, 36))
    assert share(analyse_batch(x), "stable") >= 0.90
    assert share(analyse_batch(x, direction="lower"), "stable") >= 0.90


@pytest.mark.parametrize(
    ("direction", "shift", "expected"),
    [
        ("higher", 2.0, "improving"),
        ("higher", -2.0, "deteriorating"),
        ("lower", 2.0, "deteriorating"),
        ("lower", -2.0, "improving"),
    ],
)
def test_it_finds_a_two_sigma_step_in_the_last_eight_points(direction, shift, expected):
    x = np.random.default_rng(7).normal(0, 1, size=(2000, 36))
    x[:, -8:] += shift
    assert share(analyse_batch(x, direction=direction), expected) >= 0.90


def test_it_flips_meanings_for_lower_is_better():
    x = ALT + [20.0]
    up = analyse(x)
    down = analyse(x, direction="lower")
    assert up.verdict == "improving" and down.verdict == "deteriorating"
    assert {s["meaning"] for s in up.signals} == {"improvement"}
    assert {s["meaning"] for s in down.signals} == {"concern"}


def test_it_decides_by_a_point_beyond_a_limit_only_while_it_is_the_latest():
    old = analyse(ALT + [20.0] + [10.0, 12.0] * 3)
    assert old.signals and old.verdict == "stable" and old.evidence is None
    passed = analyse(ALT + [10.0, 12.0, 20.0, 12.0])
    assert passed.signals and passed.verdict == "stable"
    latest = analyse(ALT + [10.0, 12.0, 12.0, 20.0])
    assert latest.verdict == "improving" and latest.evidence == "signal"


def test_it_decides_by_runs_and_three_of_four_that_reach_the_last_two_points():
    run = [12.0, 10.0] * 10 + [11.5] * 8
    assert analyse(run).verdict == "improving"
    assert analyse(run + [10.0]).verdict == "improving"
    assert analyse(run + [10.0, 10.5]).verdict == "stable"


def test_it_takes_the_most_recent_signal():
    a = analyse(ALT + [20.0, 2.0])
    assert a.verdict == "deteriorating"
    assert a.verdict_signal["points"] == [21]


def test_it_does_not_call_the_return_from_an_outlier_an_improvement():
    a = analyse(ALT + [2.0, 11.0])
    assert ("moving_range", [20, 21], "above") in [
        (s["rule"], s["points"], s["side"]) for s in a.signals
    ]
    assert a.verdict == "stable"
    assert analyse(ALT + [2.0]).verdict == "deteriorating"


def test_it_reports_a_significant_drift_when_there_is_no_signal():
    # noise (sd 2) plus 0.15 per period, rounded: no XmR signal at all, but a clear drift
    x = [0.9, -0.6, -0.3, 2.6, 4.0, 1.3, 0.5, 2.2, -2.6, 1.3, -0.6, 6.4, 3.2, 2.2, 1.7, -2.8,
         3.8, 5.8, 1.2, 4.2, 4.4, 0.1, 5.2, 6.2, 4.1, 3.6, 5.5, 1.0, 4.4, 6.5]  # fmt: skip
    a = analyse(x)
    assert a.signals == []
    assert a.drift["start"] == 6 and a.drift["p"] < 0.05
    assert a.verdict == "improving" and a.evidence == "drift"
    assert analyse(x, direction="lower").verdict == "deteriorating"
    assert "Steadily better over the last 24 periods" in a.reason("en")
    assert "Geleidelijk beter over de laatste 24 perioden" in a.reason("nl")


def test_it_finds_a_slow_drift_most_of_the_time():
    x = np.random.default_rng(3).normal(size=(2000, 36)) + 0.08 * np.arange(36)
    assert share(analyse_batch(x), "improving") >= 0.85


def test_it_needs_six_points_since_a_new_start():
    x = ALT + [30.0, 31.0, 30.0, 31.0, 30.0]
    a = analyse(x, rebaseline_at=[20])
    assert a.verdict == "insufficient_data"
    assert a.reason("en") == "Too few points since the new start at point 21: 5 of the 6 needed."
    assert analyse(x + [31.0], rebaseline_at=[20]).verdict == "stable"


@pytest.mark.parametrize(
    ("direction", "target", "assurance"),
    [
        ("higher", 5.0, "met"),
        ("higher", 17.0, "not_met"),
        ("higher", 11.0, "hit_and_miss"),
        ("lower", 17.0, "met"),
        ("lower", 5.0, "not_met"),
        ("lower", 11.0, "hit_and_miss"),
    ],
)
def test_it_gives_target_assurance(direction, target, assurance):
    a = analyse(ALT, direction=direction, target=target)  # limits 5.68–16.32
    assert a.target == {"value": target, "assurance": assurance}
    assert a.verdict == "stable"  # the target never replaces the trend


def test_it_says_the_target_second_in_the_reason():
    a = analyse(ALT, target=5)
    assert a.reason("en") == (
        "Within its normal range of 5.7–16.3: only routine variation. "
        "Target 5.0: will be met consistently."
    )
    assert a.reason("nl") == (
        "Binnen het normale bereik van 5,7–16,3: alleen gewone schommelingen. "
        "Doel 5,0: wordt steeds gehaald."
    )


def test_it_uses_period_labels_in_reasons():
    months = {
        "nl": [
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
        ],  # fmt: skip
        "en": [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],  # fmt: skip
    }

    def label(i, lang):
        return f"{months[lang][i % 12]} {2024 + i // 12}"

    x = [12.0, 10.0] * 10 + [11.5] * 8  # eight above the average from point 20 (Sep 2025)
    a = analyse(x, labels=label)
    assert a.verdict == "improving"
    assert a.reason("nl") == (
        "8 perioden op rij beter dan het gemiddelde van 11,0, sinds september 2025."
    )
    assert (
        a.reason("en")
        == "8 periods in a row better than the average of 11.0, since September 2025."
    )


def test_it_formats_big_numbers_per_language():
    x = [v * 1000 for v in ALT] + [25000.0]
    a = analyse(x)
    assert a.reason("en") == (
        "Point 21 is better than the normal range of 5,680–16,320. "
        "This verdict rests on a single value."
    )
    assert a.reason("nl") == (
        "Punt 21 is beter dan het normale bereik van 5.680–16.320. Dit oordeel rust op één waarde."
    )


def test_it_explains_a_lack_of_data():
    a = analyse([1.0, 2.0, 3.0])
    assert a.reason("en") == "Too few points for a verdict yet: 3 of the 6 needed."
    assert a.reason("nl") == "Nog te weinig punten voor een oordeel: 3 van de 6 nodig."


def test_it_mentions_provisional_limits():
    a = analyse(ALT[:8])
    assert a.reason("en").endswith("Limits are provisional (baseline of 8 points).")
    assert a.reason("nl").endswith("De grenzen zijn voorlopig (basis van 8 punten).")
