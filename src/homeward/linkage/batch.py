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
so a probability means the same at ten thousand records and at a million (docs/linkage-history.md,
round 2, "Other automatic thresholds", gives the precision of automatic links at each threshold
on both benchmark populations; `benchmarks/linkage.py` prints it at each run).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Final

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]

from homeward.linkage.backends import open_backend
from homeward.linkage.clustering import review_priority_array
from homeward.linkage.deciding import arrow_of, decide, guarded, positions_of
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
from homeward.linkage.reweigh import probabilities, reweighed
from homeward.linkage.scoring import prior_weight, score_pair
from homeward.linkage.weighing import weigh_dedupe

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

    def at(self, thresholds: Thresholds) -> DedupeResult:
        """The same scored pairs decided at other thresholds, without scoring them again (a
        pair below this result's review threshold does not come back): what a choice of
        thresholds trades."""
        assert self._model is not None
        assert self._prior is not None
        kept = self.edges.filter(
            pc.greater_equal(self.edges.column("match_probability"), thresholds.review)
        )
        columns = {"left": "left", "right": "right", "weight": "match_weight",
                   "probability": "match_probability", "vetoed": "vetoed", "guard": "guard",
                   "guarded_weight": "guarded_weight"}  # fmt: skip
        edges = {name: kept.column(column) for name, column in columns.items()}
        vetoes = self._model.vetoes
        identifiers = [self._rows.column(name) for name in vetoes]
        decided = decide(edges, identifiers, vetoes, thresholds, self._rows.num_rows)
        return _result(edges, decided, self._rows, self._model, self._prior, self._tf)


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
    identifiers = [prepared.table.column(name) for name in model.vetoes]
    second = by_persons and count >= SMALLEST_REGISTER
    margin = RESCORE_MARGIN_BITS if second else 0.0
    scored = _predict_dedupe(prepared, model, shares, prior, thresholds, margin, backend, spark)
    edges = guarded(_at_least(scored, thresholds.review), prepared, shares, model)
    decided = decide(edges, identifiers, model.vetoes, thresholds, count, chains=not second)
    if second:
        persons = person_frequencies(prepared, decided[0])
        edges = _at_least(_reweighed(scored, prepared, shares, persons), thresholds.review)
        edges = guarded(edges, prepared, persons, model)
        decided = decide(edges, identifiers, model.vetoes, thresholds, count)
        shares = persons
    return _result(edges, decided, prepared.table, model, prior, shares)


def _result(
    edges: dict[str, Any],
    decided: tuple[Any, dict[int, float], pa.Array, pa.Array],
    rows: pa.Table,
    model: LinkageModel,
    prior: float,
    shares: dict[str, dict[str, float]],
) -> DedupeResult:
    import numpy as np

    roots, best, decisions, refused = decided
    ids = _record_ids(rows)
    id_list = ids.to_pylist()
    roots = np.asarray(roots, np.int64)
    clusters = dict(zip(id_list, ids.take(pa.array(roots)).to_pylist(), strict=True))
    left = pa.array(positions_of(edges["left"]), pa.int64())
    right = pa.array(positions_of(edges["right"]), pa.int64())
    probability = _floats(edges["probability"])
    priorities = review_priority_array(
        left.to_numpy(), right.to_numpy(), probability.to_numpy(),
        pc.equal(decisions, REVIEW).to_numpy(zero_copy_only=False), roots,
    )  # fmt: skip
    table = pa.table({
        "left_id": ids.take(left),
        "right_id": ids.take(right),
        "match_weight": _floats(edges["weight"]),
        "match_probability": probability,
        "decision": _strings(decisions),
        "vetoed": _bools(edges["vetoed"]),
        "refused": _strings(refused),
        "priority": pa.array(priorities, pa.float64()),
        "guard": _strings(edges["guard"]),
        "guarded_weight": _floats(edges["guarded_weight"]),
        "left": left,
        "right": right,
    })  # fmt: skip
    best_by_id = {id_list[i]: probability for i, probability in best.items()}
    return DedupeResult(clusters, best_by_id, table, rows, model, prior, shares)


def _record_ids(rows: pa.Table) -> pa.Array:
    """Each record's id as a string (`str` of the value when the column holds no strings)."""
    column = rows.column("record_id").combine_chunks()
    if column.type in (pa.string(), pa.large_string()):
        return column.cast(pa.string())
    return pa.array([str(value) for value in column.to_pylist()], pa.string())


def _floats(values: Any) -> pa.Array:
    return arrow_of(values, pa.float64())


def _strings(values: Any) -> pa.Array:
    return arrow_of(values, pa.string())


def _bools(values: Any) -> pa.Array:
    return arrow_of(values, pa.bool_())


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
    if backend == "duckdb":
        lowest = prior_weight(thresholds.review) - margin
        return weigh_dedupe(prepared, model, prior, lowest)
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
    import numpy as np

    keep = np.flatnonzero(np.asarray(edges["probability"], np.float64) >= review)
    if len(keep) == len(edges["probability"]):
        return edges
    kept = pa.array(keep, pa.int64())
    return {name: np.asarray(edges[name])[keep] for name in _LISTS} | {
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
    # the records' own shares where `before` is the records' (looked up once already)
    of_records = prepared.record_shares if before is prepared.shares else None
    weights = reweighed(weights, edges["levels"], left, prepared.table, before, after, of_records)
    return edges | {"weight": weights, "probability": probabilities(weights)}


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
