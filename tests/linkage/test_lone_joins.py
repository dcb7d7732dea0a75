"""A record the automatic links leave alone that resembles one cluster and no other goes first in
the review queue (`clustering.lone_joins`, `guards.joins_alone`), and is not linked."""

from __future__ import annotations

from homeward.linkage import guards
from homeward.linkage.batch import dedupe
from homeward.linkage.clustering import lone_joins, review_priorities
from homeward.linkage.model import LinkageModel
from homeward.linkage.pairs import Thresholds
from homeward.linkage.scoring import prior_weight
from tests.linkage.factories import record

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


def test_a_record_alone_goes_first_in_the_review_queue_and_is_not_linked() -> None:
    # records 0 and 1 are one cluster; 2 is alone and resembles them only; 3 and 4 are a
    # review pair between two clusters of two (5 and 6 their partners)
    lefts, rights = [0, 3], [2, 4]
    probabilities = [0.6, 0.9]
    roots = [0, 0, 2, 3, 4, 3, 4]
    plain = review_priorities(lefts, rights, probabilities, [True, True], roots)
    assert plain[1] > plain[0] > 0  # 0.9 * 2 * 2 against 0.6 * 2 * 1
    ordered = review_priorities(lefts, rights, probabilities, [True, True], roots, [0])
    assert ordered[0] > ordered[1] == plain[1]


def test_batch_linkage_queues_a_record_alone_first_without_linking_it() -> None:
    full = {"surname": "Яблочкін", "given_name": "Петро", "patronymic": "Іванович",
            "birth_date": "25.10.1985", "unit": "в/ч А4185"}  # fmt: skip
    other = [record(f"p{i}", surname=f"Сотник{i}", given_name="Іван",
                    birth_date=f"0{i % 9 + 1}.01.1970") for i in range(30)]  # fmt: skip
    records = [*other, record("a", **full), record("b", **full),
               record("c", surname="Яблочкін", given_name="Петро", birth_date="1985")]  # fmt: skip
    result = dedupe(
        records, model=LinkageModel.load(), thresholds=Thresholds(auto=0.999999, review=0.5)
    )
    assert result.clusters["a"] == result.clusters["b"]
    edges = result.edges.to_pylist()
    lone = [e for e in edges if "c" in (e["left_id"], e["right_id"]) and e["decision"] == "review"]
    assert lone, "the sparse record waits for review"
    assert result.clusters["c"] != result.clusters["a"]
    top = max(edges, key=lambda e: e["priority"])
    assert "c" in (top["left_id"], top["right_id"])
    # ahead of what it would weigh for its clusters alone (p times 1 times 2)
    assert top["priority"] > 1.0 + 2 * top["match_probability"]
