"""A record the automatic links leave alone joins the one cluster it resembles, and only then
(`clustering.lone_joins`, `guards.joins_alone`)."""

from __future__ import annotations

from homeward.linkage import guards
from homeward.linkage.clustering import lone_joins
from homeward.linkage.scoring import prior_weight

REVIEW = prior_weight(0.5)


def test_a_record_alone_joins_the_one_cluster_it_resembles() -> None:
    # records 0 and 1 are one cluster; record 2 is alone and resembles only them
    roots = [0, 0, 2]
    assert lone_joins([0, 1], [2, 2], [True, True], roots) == [0, 1]


def test_a_record_resembling_two_clusters_joins_neither() -> None:
    roots = [0, 0, 2, 3, 3]
    lefts, rights = [0, 2], [2, 3]
    assert lone_joins(lefts, rights, [True, True], roots) == []


def test_a_rival_below_review_is_a_second_candidate() -> None:
    roots = [0, 0, 2, 3]
    assert lone_joins([0], [2], [True], roots) == [0]
    assert lone_joins([0], [2], [True], roots, [3], [2]) == []


def test_only_eligible_pairs_carry_the_record_and_a_group_never_joins_this_way() -> None:
    roots = [0, 0, 2]
    assert lone_joins([0], [2], [False], roots) == []
    # two clusters of two records: neither is alone
    assert lone_joins([0], [2], [True], [0, 0, 2, 2]) == []


def test_two_records_alone_that_resemble_only_each_other_do_not_join() -> None:
    assert lone_joins([0], [1], [True], [0, 1]) == []
    # with a third record, one of them is a cluster of two the other may join
    assert lone_joins([0, 0], [1, 2], [True, True], [0, 0, 2]) == [1]


def test_a_pair_in_the_review_band_may_carry_a_record_alone() -> None:
    assert guards.joins_alone(None, 1.0, False, REVIEW)


def test_a_sparse_record_never_joins_this_way() -> None:
    # half a name, or a given name agreeing only through a diminutive, waits for a reviewer
    # however high the score: a namesake's only report resembles one person too
    assert not guards.joins_alone(guards.HALF_A_NAME, 9.0, False, REVIEW)
    assert not guards.joins_alone(guards.DIMINUTIVE_ONLY, 9.0, False, REVIEW)


def test_a_conflict_a_veto_or_the_circumstances_alone_never_carry_it() -> None:
    for conflict in guards.CONFLICTS.values():
        assert not guards.joins_alone(conflict, 9.0, False, REVIEW)
    assert not guards.joins_alone(None, 9.0, True, REVIEW)
    # the circumstances counted once leave it below review
    assert not guards.joins_alone(None, -1.0, False, REVIEW)


def test_a_merge_made_for_a_record_alone_says_so() -> None:
    from homeward.linkage.pairs import Thresholds
    from homeward.linkage.register import _automatic_reason
    from homeward.linkage.scoring import PairScore

    def reason(probability: float) -> str:
        return _automatic_reason(PairScore(0.0, probability, (), None), Thresholds())

    assert reason(0.999) == "automatic link, match probability 0.9990"
    assert reason(0.7) == (
        "automatic link, match probability 0.7000; the only person the record resembles"
    )
