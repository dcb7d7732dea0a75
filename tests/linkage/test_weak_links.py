"""A weak link does not chain two groups together: the pairs between them must bear it out."""

from __future__ import annotations

from homeward.linkage.clustering import ONE_WEAK_LINK, Clusters

NO_NUMBERS = [[None] * 4]


def test_two_groups_joined_by_one_pair_of_four_stay_apart() -> None:
    neighbours = [[1], [0, 2], [1, 3], [2]]  # 0–1 and 2–3 are groups; only 1–2 crosses
    groups = Clusters(NO_NUMBERS, ("service_number",), neighbours)
    assert groups.join(0, 1) and groups.join(2, 3)
    assert not groups.join(1, 2)
    assert groups.refused == ONE_WEAK_LINK
    assert groups.roots() == [0, 0, 2, 2]


def test_two_groups_are_joined_when_the_pairs_between_them_agree() -> None:
    neighbours = [[1, 2], [0, 2], [0, 1, 3], [2]]  # 0–2 and 1–2 cross: half of the four
    groups = Clusters(NO_NUMBERS, ("service_number",), neighbours)
    assert groups.join(0, 1) and groups.join(2, 3)
    assert groups.join(1, 2)
    assert groups.roots() == [0, 0, 0, 0]


def test_a_record_alone_joins_a_group_on_its_own_pair() -> None:
    neighbours = [[1], [0, 2], [1], []]
    groups = Clusters(NO_NUMBERS, ("service_number",), neighbours)
    assert groups.join(0, 1)
    assert groups.join(1, 2)  # record 2 alone: its pair with 1 is the evidence
    assert groups.roots() == [0, 0, 0, 3]
