"""Batch linkage: deduplicating records, and linking an incoming list to a register.

Splink scores the blocked pairs; a pair at or above `Thresholds.auto` is linked automatically
unless its service or tax numbers differ (the veto), a pair at or above `Thresholds.review`
waits for a reviewer, and below that nothing happens. Clusters are built from automatic links
only, strongest first, and never join two different identifiers (`clustering`).

Deduplication runs in two passes: the second weighs agreement with frequencies counted over
the persons the first found, not over records (`dedupe`, `prepared.person_frequencies`).

Thresholds are match probabilities. The prior falls as the data grows (`LinkageModel.prior`),
so a probability means the same at ten thousand records and at a million. The defaults were set
on the synthetic benchmark, where automatic links at 0.95 are right 99.99% of the time at 100,000
records and 99.94% at a million (the model is cautious: pairs it scores 0.95 are right more often
than 19 times in 20; see docs/linkage.md for the other thresholds).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Final

import duckdb
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]
from splink import Linker

from homeward.linkage.backends import Backend, open_backend, register_term_frequencies
from homeward.linkage.blocking import BlockingRule
from homeward.linkage.clustering import Clusters
from homeward.linkage.comparisons import COMPARISONS, TF_COLUMNS, Comparison, numbers_conflict
from homeward.linkage.features import LinkRecord
from homeward.linkage.model import LinkageModel
from homeward.linkage.prepared import SMALLEST_REGISTER, PreparedRecords, person_frequencies
from homeward.linkage.scoring import PairScore, explain, prior_weight, score_pair
from homeward.linkage.splink_settings import settings_dict

AUTO, REVIEW, NONE = "auto", "review", "none"


@dataclass(frozen=True)
class Thresholds:
    """Match probabilities: `auto` links by itself, `review` asks a person."""

    auto: float = 0.95
    review: float = 0.5

    def __post_init__(self) -> None:
        if not 0 < self.review <= self.auto < 1:
            raise ValueError("thresholds need 0 < review <= auto < 1")

    def decide(self, probability: float, vetoed: bool) -> str:
        if probability >= self.auto and not vetoed:
            return AUTO
        return REVIEW if probability >= self.review else NONE


@dataclass(frozen=True)
class ScoredPair:
    left_id: str
    right_id: str
    score: PairScore
    decision: str  # auto | review | none


# The score of a record with no candidate at all.
NO_CANDIDATE = PairScore(match_weight=-math.inf, match_probability=0.0, fields=(), vetoed=None)


@dataclass(frozen=True)
class LinkDecision:
    list_record_id: str
    register_record_id: str | None  # the best candidate (None when no candidate reached review)
    score: PairScore  # the best candidate's; NO_CANDIDATE when there is none
    decision: str  # auto | review | none
    explanation: str
    alternatives: tuple[ScoredPair, ...] = ()  # the other candidates at or above review


@dataclass
class DedupeResult:
    clusters: dict[str, str]  # record_id → cluster_id (the id of the cluster's first record)
    best: dict[str, float]  # record_id → probability of its best automatic link
    edges: pa.Table = field(repr=False)  # left_id, right_id, match_weight, match_probability,
    #                                      decision, vetoed: every auto and review pair
    _rows: Any = field(repr=False, default=None)
    _model: LinkageModel | None = field(repr=False, default=None)
    _prior: float | None = field(repr=False, default=None)
    _tf: dict[str, dict[str, float]] = field(repr=False, default_factory=dict)

    @cached_property
    def pairs(self) -> list[ScoredPair]:
        """Every auto and review pair with its full score (built on first use)."""
        assert self._model is not None
        return _scored(self.edges, self._rows, self._model, self._prior, self._tf)


def dedupe(
    records: Iterable[LinkRecord] | PreparedRecords,
    *,
    model: LinkageModel,
    thresholds: Thresholds = Thresholds(),
    backend: str = "duckdb",
    spark: Any = None,
    by_persons: bool = True,
) -> DedupeResult:
    """Find the records that are the same person.

    Two passes: the first weighs agreement with frequencies counted over records; the second,
    with `by_persons` and at least `SMALLEST_REGISTER` records, counts each value once per
    person the first pass found (`prepared.person_frequencies`), so that a rare name borne by
    one person with many reports weighs as rare as it is. Both passes score the same pairs.
    """
    prepared = PreparedRecords.of(records)
    count = len(prepared)
    prior = model.prior(count - 1)
    shares = prepared.shares
    ids = prepared.record_ids()
    identifiers = [prepared.table.column(name).to_pylist() for name in model.vetoes]
    second = by_persons and count >= SMALLEST_REGISTER
    margin = RESCORE_MARGIN_BITS if second else 0.0
    scored = _predict_dedupe(prepared, model, shares, prior, thresholds, margin, backend, spark)
    edges = _at_least(scored, thresholds.review)
    roots, best, decisions = _cluster(edges, identifiers, model.vetoes, thresholds)
    if second:
        persons = person_frequencies(prepared, roots)
        edges = _at_least(_reweighed(scored, prepared, shares, persons), thresholds.review)
        roots, best, decisions = _cluster(edges, identifiers, model.vetoes, thresholds)
        shares = persons
    clusters = {ids[i]: ids[root] for i, root in enumerate(roots)}
    table = pa.table({
        "left_id": pa.array([ids[i] for i in edges["left"]], pa.string()),
        "right_id": pa.array([ids[i] for i in edges["right"]], pa.string()),
        "match_weight": pa.array(edges["weight"], pa.float64()),
        "match_probability": pa.array(edges["probability"], pa.float64()),
        "decision": pa.array(decisions, pa.string()),
        "vetoed": pa.array(edges["vetoed"], pa.bool_()),
        "left": pa.array(edges["left"], pa.int64()),
        "right": pa.array(edges["right"], pa.int64()),
    })  # fmt: skip
    best_by_id = {ids[i]: probability for i, probability in best.items()}
    return DedupeResult(clusters, best_by_id, table, prepared.table, model, prior, shares)


def _predict_dedupe(
    prepared: PreparedRecords,
    model: LinkageModel,
    shares: dict[str, dict[str, float]],
    prior: float,
    thresholds: Thresholds,
    margin: float,
    backend: str,
    spark: Any,
) -> dict[str, Any]:
    if len(prepared) < 2:
        empty: dict[str, Any] = {k: [] for k in ("left", "right", "weight", "vetoed")}
        return empty | {"probability": [], "levels": {}}
    with open_backend(backend, spark=spark) as engine:
        return _predict(
            engine, [prepared.table], model, shares, "dedupe_only", prior, thresholds, margin
        )


# The first pass of `dedupe` keeps pairs this many bits below the review threshold, with their
# levels, for the second to re-weigh. At 100,000 synthetic reports no pair the second pass put
# at or above review lay more than 8 bits below it in the first (22 lay between 6 and 8).
RESCORE_MARGIN_BITS: Final = 10.0


def _at_least(edges: dict[str, Any], review: float) -> dict[str, Any]:
    """The pairs at or above the review probability (in the order they came)."""
    keep = [k for k, p in enumerate(edges["probability"]) if p >= review]
    if len(keep) == len(edges["probability"]):
        return edges
    return {
        name: [edges[name][k] for k in keep]
        for name in ("left", "right", "weight", "probability", "vetoed")
    }


def _reweighed(
    edges: dict[str, Any],
    prepared: PreparedRecords,
    before: dict[str, dict[str, float]],
    after: dict[str, dict[str, float]],
) -> dict[str, Any]:
    """The same pairs weighed with other term frequencies.

    A level with a frequency adjusts the weight by `w·(log2 u − log2 f)`, f the value's
    frequency; both records hold the same value at such a level (each is an equality), so the
    new weight is the old one plus `w·(log2 f_before − log2 f_after)` for each such level the
    pair is at: exactly what scoring the pair afresh gives (`scoring.score_pair`).
    """
    weights = pa.array(edges["weight"], pa.float64())
    left = pa.array(edges["left"], pa.int64())
    for (column, tf_weight), at_level in edges["levels"].items():
        values = prepared.table.column(column).take(left)
        change = pc.subtract(
            _log2_share(values, before[column]), _log2_share(values, after[column])
        )
        weights = pc.add(weights, pc.if_else(at_level, pc.multiply(change, tf_weight), 0.0))
    # Splink's probability of a weight: 1 / (1 + 2^-w)
    probability = pc.divide(1.0, pc.add(1.0, pc.power(2.0, pc.negate(weights))))
    return {
        "left": edges["left"],
        "right": edges["right"],
        "weight": weights.to_pylist(),
        "probability": probability.to_pylist(),
        "vetoed": edges["vetoed"],
    }


def _log2_share(values: Any, shares: dict[str, float]) -> Any:
    """log2 of each value's share; 0 for a value without one (no pair is at its level)."""
    keys = pa.array(list(shares), pa.string())
    found = pc.take(pa.array(list(shares.values()), pa.float64()), pc.index_in(values, keys))
    return pc.log2(pc.fill_null(found, 1.0))


def _cluster(
    edges: dict[str, list[Any]],
    identifiers: list[list[str | None]],
    kinds: Sequence[str],
    thresholds: Thresholds,
) -> tuple[list[int], dict[int, float], list[str]]:
    """Each record's group (the position of its first record), the probability of each linked
    record's best automatic link, and each pair's decision."""
    decisions = [
        thresholds.decide(probability, vetoed)
        for probability, vetoed in zip(edges["probability"], edges["vetoed"], strict=True)
    ]
    groups = Clusters(identifiers, kinds)
    best: dict[int, float] = {}
    # strongest first; the edges come in order of position, which breaks ties alike on every
    # engine (weights the same to 1e-9 are tied: DuckDB and Spark differ in the last bits)
    auto = [k for k, decision in enumerate(decisions) if decision == AUTO]
    strength = {k: -round(edges["weight"][k], 9) for k in auto}
    for k in sorted(auto, key=strength.__getitem__):
        left, right = edges["left"][k], edges["right"][k]
        if not groups.join(left, right):
            decisions[k] = REVIEW  # it would join two different identifiers
            continue
        probability = edges["probability"][k]
        for record in (left, right):
            if probability > best.get(record, -1.0):
                best[record] = probability
    return groups.roots(), best, decisions


def link_list(
    register: Iterable[LinkRecord] | PreparedRecords,
    incoming: Iterable[LinkRecord] | PreparedRecords,
    *,
    model: LinkageModel,
    thresholds: Thresholds = Thresholds(),
    backend: str = "duckdb",
    spark: Any = None,
) -> list[LinkDecision]:
    """One decision per incoming record: its best register record, with the alternatives."""
    known = PreparedRecords.of(register)
    new = PreparedRecords.of(incoming)
    prior = model.prior(max(len(known), 1))
    # the register's frequencies, computed once per prepared register: a list is small beside
    # it, and a value only the list holds gets no adjustment (in SQL and in Python alike)
    shares = known.shares
    if len(known) == 0 or len(new) == 0:
        return [LinkDecision(i, None, NO_CANDIDATE, NONE, "") for i in new.record_ids()]
    # on any backend: the register is in memory here already, and Spark too is spared the rest
    register_table = _within_reach(known.table, new.table, model.blocking_rules)
    with open_backend(backend, spark=spark) as engine:
        edges = _predict(
            engine, [register_table, new.table], model, shares, "link_only", prior, thresholds
        )
    return _decisions(edges, known, new, model, prior, shares, thresholds)


def _within_reach(register: pa.Table, incoming: pa.Table, rules: Sequence[BlockingRule]) -> Any:
    """The register's records some blocking rule pairs with an incoming one (either side left).

    Splink would otherwise prepare the whole register for a list of a few thousand rows; the
    pairs and their scores are the same (the prior and the frequencies are the whole
    register's, given to Splink apart).
    """
    connection = duckdb.connect()
    try:
        connection.execute("SET enable_progress_bar = false")
        connection.register("known", register.select(_rule_columns(rules)))
        connection.register("incoming", incoming.select(_rule_columns(rules)))
        # the rules are this package's SQL, not user input
        joins = []
        for rule in rules:
            joins.append(f"SELECT l.unique_id FROM known l JOIN incoming r ON {rule.sql}")  # noqa: S608
            if not rule.symmetric:
                joins.append(f"SELECT r.unique_id FROM incoming l JOIN known r ON {rule.sql}")  # noqa: S608
        found = connection.sql(" UNION ".join(joins)).to_arrow_table()
    finally:
        connection.close()
    positions = pc.sort_indices(found.column(0))
    return register.take(found.column(0).take(positions))


def _rule_columns(rules: Sequence[BlockingRule]) -> list[str]:
    from homeward.linkage.features import COLUMNS

    used = {name for name in COLUMNS for rule in rules if name in rule.sql}
    return ["unique_id", *sorted(used)]


def _decisions(
    edges: dict[str, list[Any]],
    known: PreparedRecords,
    new: PreparedRecords,
    model: LinkageModel,
    prior: float,
    shares: dict[str, dict[str, float]],
    thresholds: Thresholds,
) -> list[LinkDecision]:
    candidates: dict[int, list[int]] = {}
    for k, position in enumerate(edges["right"]):
        candidates.setdefault(position, []).append(k)
    known_rows = _rows_at(known.table, sorted(set(edges["left"])))
    new_rows = new.table.to_pylist()
    decisions = []
    for position, left_row in enumerate(new_rows):
        list_id = str(left_row["record_id"])
        found = candidates.get(position, [])  # in order of register position
        if not found:
            decisions.append(LinkDecision(list_id, None, NO_CANDIDATE, NONE, ""))
            continue
        left_row.update(_tf_of(left_row, shares))
        pairs = []
        for k in found:
            known_row = known_rows[edges["left"][k]]
            right_row = dict(known_row, **_tf_of(known_row, shares))
            score = score_pair(model, left_row, right_row, prior=prior)
            decision = thresholds.decide(score.match_probability, score.vetoed is not None)
            pairs.append(ScoredPair(list_id, str(right_row["record_id"]), score, decision))
        # strongest first, by our own score (the same whatever engine found the pair); among
        # equals the earlier register record, not the one the engine happened to return first
        pairs.sort(key=lambda pair: -pair.score.match_weight)
        best = pairs[0]
        decisions.append(LinkDecision(
            list_id, best.right_id, best.score, best.decision, explain(best.score),
            tuple(pairs[1:]),
        ))  # fmt: skip
    return decisions


def _predict(
    engine: Backend,
    tables: list[Any],
    model: LinkageModel,
    shares: dict[str, dict[str, float]],
    link_type: str,
    prior: float,
    thresholds: Thresholds,
    margin: float = 0.0,
) -> dict[str, Any]:
    """Splink's scored pairs at or above the review threshold (with `margin`, that many bits
    below it, and the levels with a term frequency each pair is at): positions, weight, veto."""
    frames = [engine.register(table, f"records_{i}") for i, table in enumerate(tables)]
    settings = settings_dict(
        model,
        link_type=link_type,
        prior=prior,
        retain=model.vetoes,
        blocking_rules=model.blocking_rules,
        retain_levels=margin > 0,
    )
    linker = Linker(frames if len(frames) > 1 else frames[0], settings, log_level=logging.WARNING)
    register_term_frequencies(engine, linker, shares)
    if margin > 0:
        lowest = prior_weight(thresholds.review) - margin
        result = linker.inference.predict(threshold_match_weight=lowest, warning_mode="never")
    else:
        result = linker.inference.predict(
            threshold_match_probability=thresholds.review, warning_mode="never"
        )
    # a veto comparison's "different" level (`numbers_conflict`)
    veto_columns = [f"{name}_{side}" for name in model.vetoes for side in "lr"]
    tf_levels = _tf_levels() if margin > 0 else []
    gammas = sorted({f"gamma_{comparison.name}" for comparison, _, _ in tf_levels})
    columns = ["unique_id_l", "unique_id_r", "match_weight", "match_probability", *veto_columns]
    columns += gammas
    if link_type == "link_only":
        columns += ["source_dataset_l"]
    table = engine.to_arrow(result, columns)
    left, right = table.column("unique_id_l"), table.column("unique_id_r")
    if link_type == "link_only":
        # the register's record on the left, the incoming one on the right
        swap = pc.not_equal(table.column("source_dataset_l"), "records_0")
        left, right = pc.if_else(swap, right, left), pc.if_else(swap, left, right)
    vetoed = [False] * table.num_rows
    for name in model.vetoes:
        ours, theirs = table.column(f"{name}_l"), table.column(f"{name}_r")
        differ = pc.fill_null(pc.not_equal(ours, theirs), False)
        for k in pc.indices_nonzero(differ).to_pylist():
            if numbers_conflict(name, ours[k].as_py(), theirs[k].as_py()):
                vetoed[k] = True
    pairs = pa.table({
        "left": left, "right": right,
        "weight": table.column("match_weight"), "probability": table.column("match_probability"),
        "vetoed": pa.array(vetoed, pa.bool_()),
        **{gamma: table.column(gamma) for gamma in gammas},
    })  # fmt: skip
    # in order of position: engines return rows in an order of their own (DuckDB's varies from
    # run to run, Spark's with the partitions), and ties must not depend on it
    pairs = pairs.sort_by([("left", "ascending"), ("right", "ascending")])
    levels: dict[tuple[str, float], Any] = {}  # (column, weight) → at that level, per pair
    for comparison, index, (column, tf_weight) in tf_levels:
        gamma = pairs.column(f"gamma_{comparison.name}")
        at_level = pc.fill_null(pc.equal(gamma, comparison.gamma(index)), False)
        key = (column, tf_weight)
        levels[key] = pc.or_(levels[key], at_level) if key in levels else at_level
    found: dict[str, Any] = {
        name: pairs.column(name).to_pylist()
        for name in ("left", "right", "weight", "probability", "vetoed")
    }
    return found | {"levels": levels}


def _tf_levels() -> list[tuple[Comparison, int, tuple[str, float]]]:
    """Every level with a term-frequency adjustment: its comparison, index, column and weight."""
    found = []
    for comparison in COMPARISONS:
        for index in range(len(comparison.levels)):
            tf = comparison.tf_of(index)
            if tf is not None:
                found.append((comparison, index, tf))
    return found


def _tf_of(row: dict[str, Any], shares: dict[str, dict[str, float]]) -> dict[str, float | None]:
    return {
        f"tf_{c}": shares[c].get(row[c]) if row.get(c) is not None else None for c in TF_COLUMNS
    }


def _rows_at(table: pa.Table, positions: list[int]) -> dict[int, dict[str, Any]]:
    rows = table.take(pa.array(positions, pa.int64())).to_pylist()
    return dict(zip(positions, rows, strict=True))


def _scored(
    edges: pa.Table,
    rows: pa.Table,
    model: LinkageModel,
    prior: float | None,
    shares: dict[str, dict[str, float]],
) -> list[ScoredPair]:
    lefts, rights = edges.column("left").to_pylist(), edges.column("right").to_pylist()
    found = _rows_at(rows, sorted(set(lefts) | set(rights)))
    for row in found.values():
        row.update(_tf_of(row, shares))
    return [
        ScoredPair(
            str(found[left]["record_id"]), str(found[right]["record_id"]),
            score_pair(model, found[left], found[right], prior=prior), decision,
        )
        for left, right, decision in zip(
            lefts, rights, edges.column("decision").to_pylist(), strict=True
        )
    ]  # fmt: skip
