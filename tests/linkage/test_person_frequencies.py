"""Frequencies counted over persons: the second pass of `dedupe`."""

from __future__ import annotations

from collections import Counter
from functools import cache

import pytest

from homeward.linkage.batch import DedupeResult, dedupe
from homeward.linkage.features import LinkRecord
from homeward.linkage.model import LinkageModel
from homeward.linkage.prepared import PreparedRecords, person_frequencies
from tests.linkage.factories import population, record


def _prepared(*names: tuple[str, str]) -> PreparedRecords:
    return PreparedRecords.of(
        [record(f"r{i}", surname=s, given_name=g) for i, (s, g) in enumerate(names)]
    )


def test_a_value_counts_the_other_persons_that_hold_it() -> None:
    prepared = _prepared(
        ("Яблочкін", "Вадим"), ("Яблочкін", "Вадим"), ("Яблочкін", "Вадим"),  # one person
        ("Мельник", "Олександр"), ("Мельник", "Олександр"),  # two persons
        ("Мельник", "Іван"), ("Шевчук", "Іван"), ("Бондар", "Іван"),
    )  # fmt: skip
    groups = [0, 0, 0, 3, 4, 5, 6, 7]  # six persons
    keys = prepared.table.column("surname_key").to_pylist()
    shares = person_frequencies(prepared, groups)["surname_key"]
    # Мельник: three persons, two besides the one weighed, among five others
    assert shares[keys[3]] == pytest.approx(2 / 5)
    # Яблочкін (and Шевчук, Бондар): no other person; seen once thrice, twice never, so
    # Good–Turing's 2·N2/N1 is 0, held at the least a value may count: a tenth of a person
    assert shares[keys[0]] == pytest.approx(0.1 / 5)
    assert shares[keys[6]] == shares[keys[0]]


def test_the_given_name_within_the_surname_leaves_out_the_person_weighed() -> None:
    prepared = _prepared(
        ("Яблочкін", "Вадим"), ("Яблочкін", "Вадим"), ("Яблочкін", "Вадим"),
        ("Мельник", "Олександр"), ("Мельник", "Олександр"),
        ("Мельник", "Іван"), ("Шевчук", "Іван"), ("Бондар", "Іван"),
    )  # fmt: skip
    groups = [0, 0, 0, 3, 4, 5, 6, 7]
    frequencies = person_frequencies(prepared, groups)
    pair_keys = prepared.table.column("name_pair_key").to_pylist()
    given_keys = prepared.table.column("given_key").to_pylist()
    pairs, given = frequencies["name_pair_key"], frequencies["given_key"]
    # Вадим Яблочкін: no other Яблочкін, so the share of Вадим among all persons
    assert pairs[pair_keys[0]] == pytest.approx(given[given_keys[0]])
    # Олександр Мельник: of the two other Мельники one is Олександр, drawn towards the share of
    # Олександр among all (one other person of five) with the weight of two persons
    assert given[given_keys[3]] == pytest.approx(1 / 5)
    assert pairs[pair_keys[3]] == pytest.approx((1 + 2 * (1 / 5)) / (2 + 2))
    # counted over records, Вадим would come with Яблочкін every time: no evidence at all
    assert PreparedRecords.of(prepared.table).shares["name_pair_key"][pair_keys[0]] == 1.0


@cache
def _population() -> tuple[tuple[LinkRecord, ...], dict[str, str]]:
    rows = population(persons=600, seed=5)
    records = tuple(r for r, _ in rows)
    return records, {r.record_id: t for r, t in rows}


def _recall_and_precision(result: DedupeResult, truth: dict[str, str]) -> tuple[float, float]:
    def pairs(counts: Counter[object]) -> int:
        return sum(n * (n - 1) // 2 for n in counts.values())

    clusters = result.clusters
    together = pairs(Counter((clusters[r], truth[r]) for r in truth))
    recall = together / pairs(Counter(truth.values()))
    auto = [e for e in result.edges.to_pylist() if e["decision"] == "auto"]
    right = sum(truth[e["left_id"]] == truth[e["right_id"]] for e in auto)
    return recall, right / len(auto)


def test_the_second_pass_finds_more_and_stays_precise() -> None:
    records, truth = _population()
    assert len(records) >= 1000  # the second pass needs a register's worth of records
    model = LinkageModel.load()
    first = dedupe(records, model=model, by_persons=False)
    second = dedupe(records, model=model)
    recall_first, precision_first = _recall_and_precision(first, truth)
    recall_second, precision_second = _recall_and_precision(second, truth)
    assert recall_second > recall_first
    assert precision_first > 0.999 and precision_second > 0.999


def test_the_explanations_use_the_second_pass_figures() -> None:
    records, _ = _population()
    result = dedupe(records, model=LinkageModel.load())
    weights = {(e["left_id"], e["right_id"]): e["match_weight"] for e in result.edges.to_pylist()}
    assert result.pairs
    for pair in result.pairs:
        assert pair.score.match_weight == pytest.approx(
            weights[(pair.left_id, pair.right_id)], abs=1e-6
        )
