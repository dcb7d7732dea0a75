"""Batch linkage: deduplicating records, and linking an incoming list to a register.

Splink scores the blocked pairs; a pair at or above `Thresholds.auto` is linked automatically
unless its service or tax numbers differ (the veto) or a guard refuses it (`guards`: a personal
fact conflicts, a record holds half a name, the circumstances alone carry it); a pair at or
above `Thresholds.review` waits for a reviewer, and below that nothing happens. Clusters are
built from automatic links only, strongest first, and never join two different identifiers nor
two groups through one weak link (`clustering`).

Deduplication runs in two passes: the second weighs agreement with frequencies counted over
the persons the first found, not over records (`dedupe`, `prepared.person_frequencies`).

Thresholds are match probabilities. The prior falls as the data grows (`LinkageModel.prior`),
so a probability means the same at ten thousand records and at a million (docs/linkage.md gives
the precision of automatic links at each threshold on both benchmark populations).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Final

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]

from homeward.linkage.backends import open_backend
from homeward.linkage.clustering import Clusters, review_priorities
from homeward.linkage.features import LinkRecord
from homeward.linkage.listing import link_list
from homeward.linkage.model import LinkageModel
from homeward.linkage.pairs import (
    AUTO,
    DEFAULT_THRESHOLDS,
    NO_CANDIDATE,
    NONE,
    REVIEW,
    LinkDecision,
    ScoredPair,
    Thresholds,
    predict,
    rows_at,
    tf_of,
)
from homeward.linkage.prepared import SMALLEST_REGISTER, PreparedRecords, person_frequencies
from homeward.linkage.reweigh import probabilities, refusals, reweighed
from homeward.linkage.scoring import score_pair

__all__ = [
    "AUTO", "NONE", "NO_CANDIDATE", "REVIEW", "DedupeResult", "LinkDecision", "ScoredPair",
    "Thresholds", "dedupe", "link_list",
]  # fmt: skip


@dataclass
class DedupeResult:
    clusters: dict[str, str]  # record_id → cluster_id (the id of the cluster's first record)
    best: dict[str, float]  # record_id → probability of its best automatic link
    edges: pa.Table = field(repr=False)  # left_id, right_id, match_weight, match_probability,
    #   decision, vetoed, refused (why a pair above the automatic threshold waits), priority
    #   (how much deciding a review pair moves the clusters), left, right (positions): every
    #   auto and review pair
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
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
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
    edges = _guarded(_at_least(scored, thresholds.review), prepared, shares, model, thresholds)
    roots, best, decisions = _cluster(edges, identifiers, model.vetoes, thresholds, count)
    if second:
        persons = person_frequencies(prepared, roots)
        edges = _at_least(_reweighed(scored, prepared, shares, persons), thresholds.review)
        edges = _guarded(edges, prepared, persons, model, thresholds)
        roots, best, decisions = _cluster(edges, identifiers, model.vetoes, thresholds, count)
        shares = persons
    clusters = {ids[i]: ids[root] for i, root in enumerate(roots)}
    priorities = review_priorities(
        edges["left"], edges["right"], edges["probability"],
        [decision == REVIEW for decision in decisions], roots,
    )  # fmt: skip
    table = pa.table({
        "left_id": pa.array([ids[i] for i in edges["left"]], pa.string()),
        "right_id": pa.array([ids[i] for i in edges["right"]], pa.string()),
        "match_weight": pa.array(edges["weight"], pa.float64()),
        "match_probability": pa.array(edges["probability"], pa.float64()),
        "decision": pa.array(decisions, pa.string()),
        "vetoed": pa.array(edges["vetoed"], pa.bool_()),
        "refused": pa.array(edges["refused"], pa.string()),
        "priority": pa.array(priorities, pa.float64()),
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
        return empty | {"probability": [], "levels": {}, "gammas": _no_gammas()}
    with open_backend(backend, spark=spark) as engine:
        return predict(
            engine, [prepared.table], model, shares, "dedupe_only", prior, thresholds,
            margin=margin, with_levels=True,
        )  # fmt: skip


def _no_gammas() -> dict[str, Any]:
    from homeward.linkage.comparisons import COMPARISONS

    return {comparison.name: pa.array([], pa.int8()) for comparison in COMPARISONS}


# The first pass of `dedupe` keeps pairs this many bits below the review threshold, with their
# levels, for the second to re-weigh. At 100,000 synthetic reports no pair the second pass put
# at or above review lay more than 8 bits below it in the first (22 lay between 6 and 8).
RESCORE_MARGIN_BITS: Final = 10.0
_LISTS: Final = ("left", "right", "weight", "probability", "vetoed")


def _at_least(edges: dict[str, Any], review: float) -> dict[str, Any]:
    """The pairs at or above the review probability (in the order they came)."""
    keep = [k for k, p in enumerate(edges["probability"]) if p >= review]
    if len(keep) == len(edges["probability"]):
        return edges
    kept = pa.array(keep, pa.int64())
    return {name: [edges[name][k] for k in keep] for name in _LISTS} | {
        "gammas": {name: gamma.take(kept) for name, gamma in edges["gammas"].items()},
        "levels": {key: at.take(kept) for key, at in edges["levels"].items()},
    }


def _reweighed(
    edges: dict[str, Any],
    prepared: PreparedRecords,
    before: dict[str, dict[str, float]],
    after: dict[str, dict[str, float]],
) -> dict[str, Any]:
    """The same pairs weighed with other term frequencies (`reweigh.reweighed`)."""
    left = pa.array(edges["left"], pa.int64())
    weights = pa.array(edges["weight"], pa.float64())
    weights = reweighed(weights, edges["levels"], left, prepared.table, before, after)
    return edges | {
        "weight": weights.to_pylist(),
        "probability": probabilities(weights).to_pylist(),
    }


def _guarded(
    edges: dict[str, Any],
    prepared: PreparedRecords,
    shares: dict[str, dict[str, float]],
    model: LinkageModel,
    thresholds: Thresholds,
) -> dict[str, Any]:
    """The pairs with "refused": why each may not be linked automatically (`guards`), or
    None; only pairs at or above the automatic threshold and not vetoed are asked."""
    reasons = refusals(
        edges["gammas"],
        pa.array(edges["weight"], pa.float64()),
        pa.array(edges["left"], pa.int64()),
        prepared.table,
        shares,
        model,
        thresholds.auto,
    )
    asked = zip(reasons, edges["probability"], edges["vetoed"], strict=True)
    refused = [r if p >= thresholds.auto and not vetoed else None for r, p, vetoed in asked]
    return edges | {"refused": refused}


def _cluster(
    edges: dict[str, Any],
    identifiers: list[list[str | None]],
    kinds: Sequence[str],
    thresholds: Thresholds,
    size: int,
) -> tuple[list[int], dict[int, float], list[str]]:
    """Each record's group (the position of its first record), the probability of each linked
    record's best automatic link, and each pair's decision. A link the clusters refuse (two
    numbers, one weak link between two groups) goes to review, its reason in "refused"."""
    refused = edges["refused"]
    decisions = _decisions(edges, thresholds)
    groups = Clusters(identifiers, kinds, _Neighbours(edges, size), size)
    best: dict[int, float] = {}
    lefts, rights, probabilities = edges["left"], edges["right"], edges["probability"]
    for k in _strongest_first(edges, decisions):
        left, right = lefts[k], rights[k]
        if not groups.join(left, right):
            decisions[k] = REVIEW
            refused[k] = groups.refused
            continue
        probability = probabilities[k]
        for record in (left, right):
            if probability > best.get(record, -1.0):
                best[record] = probability
    return groups.roots(), best, decisions


def _decisions(edges: dict[str, Any], thresholds: Thresholds) -> list[str]:
    """`Thresholds.decide` for every pair at once."""
    probability = pa.array(edges["probability"], pa.float64())
    vetoed = pa.array(edges["vetoed"], pa.bool_())
    refused = pc.is_valid(pa.array(edges["refused"], pa.string()))
    auto = pc.and_(pc.greater_equal(probability, thresholds.auto),
                   pc.invert(pc.or_(vetoed, refused)))  # fmt: skip
    review = pc.greater_equal(probability, thresholds.review)
    found: list[str] = pc.if_else(auto, AUTO, pc.if_else(review, REVIEW, NONE)).to_pylist()
    return found


def _strongest_first(edges: dict[str, Any], decisions: list[str]) -> list[int]:
    """The automatic pairs, strongest first. The edges come in order of position, which breaks
    ties alike on every engine (weights the same to 1e-9 are tied: DuckDB and Spark differ in
    the last bits)."""
    auto = pc.indices_nonzero(pc.equal(pa.array(decisions, pa.string()), AUTO))
    strength = pc.round(pa.array(edges["weight"], pa.float64()).take(auto), 9)
    order = pc.sort_indices(pa.table({"strength": strength, "position": auto}),
                            [("strength", "descending"), ("position", "ascending")])  # fmt: skip
    found: list[int] = auto.take(order).to_pylist()
    return found


class _Neighbours:
    """Per record, the records whose pair with it scores at or above review (not vetoed), held
    as one sorted array: a million records' lists cost more to build than to read."""

    def __init__(self, edges: dict[str, Any], size: int) -> None:
        kept = pc.invert(pa.array(edges["vetoed"], pa.bool_()))
        left = pa.array(edges["left"], pa.int64()).filter(kept)
        right = pa.array(edges["right"], pa.int64()).filter(kept)
        ends = pa.concat_arrays([left, right])
        others = pa.concat_arrays([right, left])
        order = pc.sort_indices(ends)
        self._others: list[int] = others.take(order).to_pylist()
        counts = [0] * (size + 1)
        for end in ends.to_pylist():
            counts[end + 1] += 1
        for i in range(size):
            counts[i + 1] += counts[i]
        self._starts = counts

    def __len__(self) -> int:
        return len(self._starts) - 1

    def __getitem__(self, record: int) -> list[int]:
        return self._others[self._starts[record] : self._starts[record + 1]]


def _scored(
    edges: pa.Table,
    rows: pa.Table,
    model: LinkageModel,
    prior: float | None,
    shares: dict[str, dict[str, float]],
) -> list[ScoredPair]:
    lefts, rights = edges.column("left").to_pylist(), edges.column("right").to_pylist()
    found = rows_at(rows, sorted(set(lefts) | set(rights)))
    for row in found.values():
        row.update(tf_of(row, shares))
    columns = [edges.column(name).to_pylist() for name in ("decision", "refused", "priority")]
    return [
        ScoredPair(
            str(found[left]["record_id"]), str(found[right]["record_id"]),
            score_pair(model, found[left], found[right], prior=prior), decision, reason,
            priority,
        )
        for left, right, decision, reason, priority in zip(lefts, rights, *columns, strict=True)
    ]  # fmt: skip
