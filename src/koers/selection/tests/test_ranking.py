"""The ranking on known numbers: means, weights, spread and the disagreement flag."""

import pytest

from koers.selection.ranking import DISAGREE_RANGE, DISAGREE_SD, RankingError, rank, rank_one


def test_it_takes_plain_means_per_criterion_and_their_equal_weighted_mean():
    row = rank_one("a", [(5, 4, 3, 2), (3, 4, 5, 2)])
    assert row.means == {"critical": 4, "leverage": 4, "motivating": 4, "ease": 2}
    assert row.combined == pytest.approx(3.5)
    assert row.count == 2
    # Both people's own combined score is 3.5: no spread in the total.
    assert row.spread == pytest.approx(0)
    # critical: 5 and 3 → population SD 1, range 2: not a strong disagreement.
    assert row.sds["critical"] == pytest.approx(1.0)
    assert row.disagreement == ()


def test_it_applies_weights_to_the_criterion_means():
    weights = {"critical": 3, "leverage": 1, "motivating": 0, "ease": 1}
    row = rank_one("a", [(5, 1, 1, 3), (3, 3, 5, 1)], weights)
    # means 4, 2, 3, 2 → (3*4 + 1*2 + 0*3 + 1*2) / 5 = 16/5
    assert row.combined == pytest.approx(3.2)
    # people's own totals: (15+1+3)/5 = 3.8 and (9+3+1)/5 = 2.6 → SD 0.6
    assert row.spread == pytest.approx(0.6)


def test_it_flags_disagreement_by_sd_or_range():
    # range 4 on critical (1 and 5), SD 2
    assert rank_one("a", [(1, 3, 3, 3), (5, 3, 3, 3)]).disagreement == ("critical",)
    # 1,4,4,4,4 on ease: population SD exactly 1.2, range 3
    sets = [(3, 3, 3, 1)] + [(3, 3, 3, 4)] * 4
    row = rank_one("b", sets)
    assert row.sds["ease"] == pytest.approx(DISAGREE_SD)
    assert row.ranges["ease"] == DISAGREE_RANGE
    assert row.disagreement == ("ease",)
    # 2,4 twice: SD 1.0, range 2 → no flag
    assert rank_one("c", [(2, 2, 2, 2), (4, 4, 4, 4)] * 2).disagreement == ()


def test_it_does_not_flag_a_single_score_set():
    assert rank_one("a", [(1, 5, 1, 5)]).disagreement == ()


def test_it_orders_by_combined_then_count_and_puts_unscored_last():
    result = rank(
        [
            ("empty", []),
            ("low", [(2, 2, 2, 2)]),
            ("high_one", [(4, 4, 4, 4)]),
            ("high_two", [(4, 4, 4, 4), (4, 4, 4, 4)]),
        ]
    )
    assert [r.key for r in result] == ["high_two", "high_one", "low", "empty"]
    assert [r.position for r in result] == [1, 2, 3, None]
    assert result[-1].combined is None and result[-1].count == 0


def test_it_changes_the_order_when_weights_change():
    candidates = [("easy", [(2, 2, 2, 5)]), ("critical", [(5, 2, 2, 2)])]
    equal = rank(candidates)
    # Equal weights: both 2.75, a tie kept in the order given.
    assert [r.key for r in equal] == ["easy", "critical"]
    assert equal[0].combined == equal[1].combined == pytest.approx(2.75)
    weighted = rank(candidates, {"critical": 4, "leverage": 1, "motivating": 1, "ease": 1})
    assert [r.key for r in weighted] == ["critical", "easy"]
    assert weighted[0].combined == pytest.approx((20 + 2 + 2 + 2) / 7)


def test_it_rejects_scores_outside_1_to_5_and_bad_weights():
    with pytest.raises(RankingError) as error:
        rank_one("a", [(0, 3, 3, 3)])
    assert error.value.code == "bad_score"
    assert "1 tot en met 5" in error.value.message("nl")
    with pytest.raises(RankingError):
        rank_one("a", [(3, 3, 3)])
    with pytest.raises(RankingError) as error:
        rank([("a", [(3, 3, 3, 3)])], {"critical": 0, "leverage": 0, "motivating": 0, "ease": 0})
    assert error.value.code == "bad_weights"
    with pytest.raises(RankingError):
        rank([], {"critical": -1, "leverage": 1, "motivating": 1, "ease": 1})
