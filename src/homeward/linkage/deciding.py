"""Deciding scored pairs: which are linked automatically, which wait for review, and the clusters.

A pair at or above the automatic threshold is linked unless vetoed (different numbers) or
refused by a guard (`guards`); the automatic links are taken strongest first, and the clusters
refuse a link that would put two numbers of a kind in one cluster or join two groups through
one weak link (`clustering`). The same pairs can be decided again at other thresholds without
scoring them again (`DedupeResult.at`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]

from homeward.linkage.clustering import Clusters
from homeward.linkage.model import LinkageModel
from homeward.linkage.pairs import AUTO, NONE, REVIEW, Thresholds
from homeward.linkage.prepared import PreparedRecords
from homeward.linkage.reweigh import guard_columns, refused_at


def guarded(
    edges: dict[str, Any],
    prepared: PreparedRecords,
    shares: dict[str, dict[str, float]],
    model: LinkageModel,
) -> dict[str, Any]:
    """The pairs with "guard" (what refuses them whatever the threshold, or None) and
    "guarded_weight" (the weight with the circumstances counted once): `reweigh.guard_columns`."""
    guard, weight = guard_columns(
        edges["gammas"],
        pa.array(edges["weight"], pa.float64()),
        pa.array(edges["left"], pa.int64()),
        prepared.table,
        shares,
        model,
    )
    return edges | {"guard": guard, "guarded_weight": weight.to_pylist()}


def decide(
    edges: dict[str, Any],
    identifiers: list[list[str | None]],
    kinds: Sequence[str],
    thresholds: Thresholds,
    size: int,
    *,
    chains: bool = True,
) -> tuple[list[int], dict[int, float], list[str], list[str | None]]:
    """Each record's group (the position of its first record), the probability of each linked
    record's best automatic link, each pair's decision, and why each pair at or above the
    automatic threshold waits for review (None when it is linked or below). A link the
    clusters refuse (two numbers, one weak link between two groups) waits too; without
    `chains`, two groups are joined whatever the other pairs between them (a first grouping,
    to count persons by, need not pay for the check)."""
    refused = refused_at(
        pa.array(edges["guard"], pa.string()),
        pa.array(edges["guarded_weight"], pa.float64()),
        pa.array(edges["probability"], pa.float64()),
        pa.array(edges["vetoed"], pa.bool_()),
        thresholds.auto,
    )
    decisions = _decisions(edges, refused, thresholds)
    groups = Clusters(identifiers, kinds, _Neighbours(edges, size) if chains else None, size)
    best: dict[int, float] = {}
    lefts, rights, probabilities = edges["left"], edges["right"], edges["probability"]
    join, best_of = groups.join, best.get
    for k in _strongest_first(edges, decisions):
        left, right = lefts[k], rights[k]
        if not join(left, right):
            decisions[k] = REVIEW
            refused[k] = groups.refused
            continue
        probability = probabilities[k]
        if probability > best_of(left, -1.0):
            best[left] = probability
        if probability > best_of(right, -1.0):
            best[right] = probability
    return groups.roots(), best, decisions, refused


def _decisions(
    edges: dict[str, Any], refused: list[str | None], thresholds: Thresholds
) -> list[str]:
    """`Thresholds.decide` for every pair at once."""
    probability = pa.array(edges["probability"], pa.float64())
    vetoed = pa.array(edges["vetoed"], pa.bool_())
    waits = pc.is_valid(pa.array(refused, pa.string()))
    auto = pc.and_(pc.greater_equal(probability, thresholds.auto),
                   pc.invert(pc.or_(vetoed, waits)))  # fmt: skip
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
        import numpy as np

        # where each record's run begins among the sorted ends (the last: where they end)
        sorted_ends = ends.take(order).to_numpy()
        self._starts: list[int] = np.searchsorted(sorted_ends, np.arange(size + 1)).tolist()

    def __getitem__(self, record: int) -> list[int]:
        return self._others[self._starts[record] : self._starts[record + 1]]
