"""Deciding scored pairs: which are linked automatically, which wait for review, and the clusters.

A pair at or above the automatic threshold is linked unless vetoed (different numbers) or
refused by a guard (`guards`); the automatic links are taken strongest first, and the clusters
refuse a link that would put two numbers of a kind in one cluster or join two groups through
one weak link (`clustering`). The same pairs can be decided again at other thresholds without
scoring them again (`DedupeResult.at`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]

from homeward.linkage.clustering import DIFFERENT_NUMBERS, ONE_WEAK_LINK, Clusters
from homeward.linkage.model import LinkageModel
from homeward.linkage.pairs import AUTO, NONE, REVIEW, Thresholds
from homeward.linkage.prepared import PreparedRecords
from homeward.linkage.reweigh import guard_columns, refused_arrow


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
        arrow_of(edges["weight"], pa.float64()),
        arrow_of(edges["left"], pa.int64()),
        prepared.table,
        shares,
        model,
    )
    return edges | {"guard": guard, "guarded_weight": weight}


def decide(
    edges: dict[str, Any],
    identifiers: Sequence[Any],
    kinds: Sequence[str],
    thresholds: Thresholds,
    size: int,
    *,
    chains: bool = True,
) -> tuple[Any, dict[int, float], pa.Array, pa.Array]:
    """Each record's group (the position of its first record, a NumPy array), the probability
    of each linked record's best automatic link, each pair's decision, and why each pair at or
    above the automatic threshold waits for review (null when it is linked or below; both
    Arrow arrays). A link the clusters refuse (two numbers, one weak link between two groups)
    waits too; without `chains`, two groups are joined whatever the other pairs between them
    (a first grouping, to count persons by, need not pay for the check). `identifiers[k]`:
    every record's identifier of kind `kinds[k]` (a list or an Arrow column).

    The links are taken strongest first as `clustering.Clusters` takes them, but only within
    the groups of records the automatic links reach where a join could be refused: a group in
    which no kind holds two different numbers, and which holds at most three records or every
    pair between its records, joins every link (`_settled`)."""
    import numpy as np

    probability = arrow_of(edges["probability"], pa.float64())
    vetoed = arrow_of(edges["vetoed"], pa.bool_())
    refused = refused_arrow(
        arrow_of(edges["guard"], pa.string()),
        arrow_of(edges["guarded_weight"], pa.float64()),
        probability,
        vetoed,
        thresholds.auto,
    )
    decisions = _decisions(probability, vetoed, refused, thresholds)
    order = _strongest_first(arrow_of(edges["weight"], pa.float64()), decisions)
    lefts = positions_of(edges["left"])
    rights = positions_of(edges["right"])
    left, right = lefts[order], rights[order]
    columns = [arrow_of(values, pa.string()) for values in identifiers]
    roots, failed, reasons = _cluster(
        left, right, columns, kinds, size, (lefts, rights, vetoed) if chains else None
    )
    joined = ~failed
    best = _best(left[joined], right[joined], probability.to_numpy()[order][joined], size)
    if failed.any():
        waits = np.zeros(len(lefts), bool)
        waits[order[failed]] = True
        why = np.full(len(lefts), -1, np.int32)
        why[order[failed]] = reasons
        dictionary = pa.array(list(_REASONS), pa.string())
        indices = pa.array(why, pa.int32(), mask=why < 0)
        refused = pc.coalesce(
            pa.DictionaryArray.from_arrays(indices, dictionary).cast(pa.string()), refused
        )
        decisions = pc.if_else(pa.array(waits), REVIEW, decisions)
    return roots, best, decisions, refused


def arrow_of(values: Any, kind: pa.DataType) -> pa.Array:
    """Values (a list, an array or a chunked array) as one Arrow array of `kind`."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    if isinstance(values, pa.Array):
        return values if values.type == kind else values.cast(kind)
    return pa.array(values, kind)


def positions_of(values: Any) -> Any:
    """Positions (a list or an Arrow array) as a NumPy int64 array."""
    import numpy as np

    if isinstance(values, (pa.Array, pa.ChunkedArray)):
        return arrow_of(values, pa.int64()).to_numpy()
    return np.asarray(values, np.int64).reshape(-1)


_REASONS: Final = (DIFFERENT_NUMBERS, ONE_WEAK_LINK)


def _cluster(
    left: Any,
    right: Any,
    identifiers: list[pa.Array],
    kinds: Sequence[str],
    size: int,
    neighbours: tuple[Any, Any, pa.Array] | None,
) -> tuple[Any, Any, Any]:
    """The automatic links `left[k]`–`right[k]` (strongest first) joined into groups: each
    record's root, whether each link was refused, and why (an index into `_REASONS`, one per
    refused link). The exact rules of `Clusters` run only on the records of `_hard` groups."""
    import numpy as np
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    roots = np.arange(size, dtype=np.int64)
    failed = np.zeros(len(left), bool)
    if len(left) == 0:
        return roots, failed, np.zeros(0, np.int32)
    graph = coo_matrix((np.ones(len(left), np.int8), (left, right)), shape=(size, size))
    _, labels = connected_components(graph.tocsr(), directed=False)
    labels = labels.astype(np.int64)
    # a label's first record is the smallest of its group: the root when every link joins
    _, first = np.unique(labels, return_index=True)
    roots = first[labels].astype(np.int64)
    hard = _hard(labels, identifiers, neighbours)
    if not hard.any():
        return roots, failed, np.zeros(0, np.int32)
    members = np.flatnonzero(hard[labels])  # ascending: a monotone renumbering keeps roots
    local = np.full(size, -1, np.int64)
    local[members] = np.arange(len(members))
    links = np.flatnonzero(hard[labels[left]])
    sub_ids = [column.take(pa.array(members)).to_pylist() for column in identifiers]
    sub_neighbours = None
    if neighbours is not None:
        lefts, rights, vetoed = neighbours
        kept = ~vetoed.to_numpy(zero_copy_only=False)
        kept &= hard[labels[lefts]] & (labels[lefts] == labels[rights])
        sub_neighbours = _Neighbours(
            {"left": local[lefts[kept]], "right": local[rights[kept]],
             "vetoed": np.zeros(int(kept.sum()), bool)},
            len(members),
        )  # fmt: skip
    groups = Clusters(sub_ids, kinds, sub_neighbours, len(members))
    join = groups.join
    reasons: list[int] = []
    for k, a, b in zip(links.tolist(), local[left[links]].tolist(),
                       local[right[links]].tolist(), strict=True):  # fmt: skip
        if not join(a, b):
            failed[k] = True
            reasons.append(_REASONS.index(groups.refused or DIFFERENT_NUMBERS))
    roots[members] = members[np.asarray(groups.roots(), np.int64)]
    return roots, failed, np.asarray(reasons, np.int32)


def _hard(labels: Any, identifiers: list[pa.Array], neighbours: Any) -> Any:
    """Per group of the automatic links, whether a join in it could be refused: some kind
    holds two different numbers in it, or (with `neighbours`) it holds four records or more
    and not every pair of them scores at or above review."""
    import numpy as np

    count = int(labels.max()) + 1
    sizes = np.bincount(labels, minlength=count)
    hard = np.zeros(count, bool)
    for column in identifiers:
        codes = column.dictionary_encode().indices
        valid = codes.is_valid().to_numpy(zero_copy_only=False)
        values = codes.fill_null(0).to_numpy().astype(np.int64)
        held = np.flatnonzero(valid & (sizes[labels] > 1))
        distinct = np.unique(labels[held] * (int(values.max(initial=0)) + 1) + values[held])
        per_label = np.bincount(distinct // (int(values.max(initial=0)) + 1), minlength=count)
        hard |= per_label > 1
    if neighbours is not None:
        lefts, rights, vetoed = neighbours
        kept = ~vetoed.to_numpy(zero_copy_only=False) & (labels[lefts] == labels[rights])
        a, b = lefts[kept], rights[kept]
        low, high = np.minimum(a, b), np.maximum(a, b)
        pairs = np.unique(low[low != high] * np.int64(len(labels)) + high[low != high])
        within = np.bincount(labels[pairs // len(labels)], minlength=count)
        hard |= (sizes >= 4) & (within < sizes * (sizes - 1) // 2)
    return hard


def _best(left: Any, right: Any, probability: Any, size: int) -> dict[int, float]:
    """Per record, the probability of its strongest joined link, in the order the records were
    first met (as a dict filled link by link, strongest first, holds them)."""
    import numpy as np

    ends = np.column_stack([left, right]).reshape(-1)
    if len(ends) == 0:
        return {}
    most = np.full(size, -np.inf)
    np.maximum.at(most, ends, np.repeat(probability, 2))
    first = np.full(size, len(ends), np.int64)
    np.minimum.at(first, ends, np.arange(len(ends), dtype=np.int64))
    met = np.flatnonzero(first < len(ends))
    met = met[np.argsort(first[met], kind="stable")]
    return dict(zip(met.tolist(), most[met].tolist(), strict=True))


def _decisions(
    probability: pa.Array, vetoed: pa.Array, refused: pa.Array, thresholds: Thresholds
) -> pa.Array:
    """`Thresholds.decide` for every pair at once."""
    waits = pc.is_valid(refused)
    auto = pc.and_(pc.greater_equal(probability, thresholds.auto),
                   pc.invert(pc.or_(vetoed, waits)))  # fmt: skip
    review = pc.greater_equal(probability, thresholds.review)
    return pc.if_else(auto, AUTO, pc.if_else(review, REVIEW, NONE))


def _strongest_first(weight: pa.Array, decisions: pa.Array) -> Any:
    """The automatic pairs, strongest first. The edges come in order of position, which breaks
    ties alike on every engine (weights the same to 1e-9 are tied: DuckDB and Spark differ in
    the last bits)."""
    auto = pc.indices_nonzero(pc.equal(decisions, AUTO))
    strength = pc.round(weight.take(auto), 9)
    order = pc.sort_indices(pa.table({"strength": strength, "position": auto}),
                            [("strength", "descending"), ("position", "ascending")])  # fmt: skip
    return auto.take(order).to_numpy().astype("int64")


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
