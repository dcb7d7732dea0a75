"""Deduplicating and linking a small synthetic population: precise, and explained."""

from __future__ import annotations

from collections import Counter

import duckdb

from homeward.linkage.batch import DedupeResult, Thresholds, dedupe, link_list
from homeward.linkage.blocking import source
from homeward.linkage.listing import _pairs_within_reach, _through_splink
from homeward.linkage.model import LinkageModel
from homeward.linkage.prepared import PreparedRecords
from tests.linkage.factories import population


def pairs(sizes: list[int]) -> int:
    return sum(n * (n - 1) // 2 for n in sizes)


def test_dedupe_finds_persons_with_high_precision() -> None:
    records, truth = zip(*population(), strict=True)
    result = dedupe(records, model=LinkageModel.load())
    truth_of = {r.record_id: t for r, t in zip(records, truth, strict=True)}
    clusters = result.clusters
    together = pairs(list(Counter((clusters[r], truth_of[r]) for r in truth_of).values()))
    predicted = pairs(list(Counter(clusters.values()).values()))
    actual = pairs(list(Counter(truth).values()))
    assert together / predicted > 0.995
    assert together / actual > 0.6
    auto = [p for p in result.pairs if p.decision == "auto"]
    assert sum(truth_of[p.left_id] == truth_of[p.right_id] for p in auto) / len(auto) > 0.999


def test_every_pair_carries_its_reasons() -> None:
    records = [r for r, _ in population()[:300]]
    result = dedupe(records, model=LinkageModel.load())
    assert result.pairs
    for pair in result.pairs:
        assert pair.decision in ("auto", "review")
        assert pair.score.fields
        assert (
            abs(pair.score.match_weight - _edge_weight(result, pair.left_id, pair.right_id)) < 1e-6
        )


def _edge_weight(result: DedupeResult, left: str, right: str) -> float:
    edges = result.edges.to_pylist()
    return float(
        next(e["match_weight"] for e in edges if (e["left_id"], e["right_id"]) == (left, right))
    )


def test_link_list_finds_each_list_row_in_the_register() -> None:
    rows = population()
    register = [r for i, (r, _) in enumerate(rows) if i % 5]
    incoming = [r for i, (r, _) in enumerate(rows) if not i % 5]
    truth = {r.record_id: t for r, t in rows}
    decisions = link_list(register, incoming, model=LinkageModel.load())
    assert [d.list_record_id for d in decisions] == [r.record_id for r in incoming]
    auto = [d for d in decisions if d.decision == "auto"]
    assert len(auto) > len(incoming) / 3
    assert all(truth[d.list_record_id] == truth[d.register_record_id or ""] for d in auto)
    for decision in decisions:
        if decision.decision == "none":
            assert decision.register_record_id is None
        else:
            assert decision.explanation
            assert all(a.score.match_weight <= decision.score.match_weight
                       for a in decision.alternatives)  # fmt: skip


def test_dedupe_of_one_record_or_none_is_empty() -> None:
    model = LinkageModel.load()
    assert dedupe([], model=model).clusters == {}
    one = population()[0][0]
    assert dedupe([one], model=model).clusters == {one.record_id: one.record_id}


def test_the_same_pairs_decided_again_at_other_thresholds() -> None:
    records = [r for r, _ in population()]
    result = dedupe(records, model=LinkageModel.load(), thresholds=Thresholds(review=0.3))
    again = result.at(Thresholds(review=0.3))
    assert again.clusters == result.clusters
    assert again.edges.column("decision").to_pylist() == result.edges.column("decision").to_pylist()
    stricter = result.at(Thresholds(auto=0.999, review=0.5))
    auto = stricter.edges.column("decision").to_pylist().count("auto")
    assert 0 < auto < result.edges.column("decision").to_pylist().count("auto")
    assert min(stricter.edges.column("match_probability").to_pylist()) >= 0.5


def test_link_list_decides_as_splink_predictions_would() -> None:
    """The list's pairs weighed without Splink (on DuckDB) are those Splink's predictions keep,
    with the same scores and decisions, at the default thresholds and at lower ones."""
    rows = population()
    known = PreparedRecords.of([r for i, (r, _) in enumerate(rows) if i % 4])
    new = PreparedRecords.of([r for i, (r, _) in enumerate(rows) if not i % 4])
    model = LinkageModel.load()
    for thresholds in (Thresholds(), Thresholds(auto=0.8, review=0.05)):
        direct = link_list(known, new, model=model, thresholds=thresholds)
        prior = model.prior(len(known))
        through = _through_splink(known, new, model, prior, thresholds, "duckdb", None)
        assert direct == through
        assert sum(len(d.alternatives) for d in direct) > 10


def test_a_lists_pairs_looked_up_are_those_each_rule_joins() -> None:
    """The register's sorted keys find the pairs the rules' joins find, no more, no fewer."""
    rows = population()
    known = PreparedRecords.of([r for i, (r, _) in enumerate(rows) if i % 4])
    new = PreparedRecords.of([r for i, (r, _) in enumerate(rows) if not i % 4]).table
    rules = LinkageModel.load().blocking_rules
    left, right = _pairs_within_reach(known, new, rules)
    each: set[tuple[int, int]] = set()
    connection = duckdb.connect()
    connection.register("known", known.table)
    connection.register("incoming", new)
    for rule in rules:
        query = (
            f"SELECT l.unique_id, r.unique_id FROM {source('known', rule)} l "
            f"JOIN {source('incoming', rule)} r ON {rule.sql}"
        )
        each.update(connection.sql(query).fetchall())
    pairs = list(zip(left.tolist(), right.tolist(), strict=True))
    assert len(pairs) > 500
    assert pairs == sorted(each)
