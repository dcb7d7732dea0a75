"""Every blocked pair of a deduplication weighed in Arrow, as Splink's predictions weigh it.

At a million reports the blocking rules find 15 to 42 million pairs, of which a tenth reach
the review threshold less the second pass's margin. Splink's predictions cost more than all the
rest: its SQL reads every compared column of both records of every pair and evaluates each
comparison's levels pair by pair. Here a comparison's level depends only on the values it
compares (`lookup.value_codes`), so it is found once per distinct pair of those values by the
same SQL (`pairs.level_case`), and the weight is summed in Arrow from the model's weights and the
records' frequencies, term by term in Splink's order (the prior, then each comparison's level
and its term-frequency adjustment): the same pairs kept, the same weights to the last bits (a
test compares both). Spark still scores through Splink (`pairs.predict`). A list's pairs against
a register are given their levels and weighed by the same two functions (`listing._weighed`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]

from homeward.linkage.comparisons import COMPARISONS, Comparison
from homeward.linkage.lookup import opened, registered
from homeward.linkage.model import LinkageModel
from homeward.linkage.pairs import blocked_positions, level_case, tf_levels_of, vetoed_of
from homeward.linkage.prepared import PreparedRecords
from homeward.linkage.reweigh import level_weights_of, probabilities
from homeward.linkage.scoring import prior_weight


def weigh_dedupe(
    prepared: PreparedRecords, model: LinkageModel, prior: float, lowest: float
) -> dict[str, Any]:
    """What `pairs.predict` gives for a deduplication with levels (`with_levels`), for the
    pairs whose weight reaches `lowest`: "left", "right", "weight", "probability", "vetoed" as
    lists in order of position, "gammas" and "levels" as Arrow arrays. The frequencies are
    `prepared.shares` (`prepared.record_shares`)."""
    import numpy as np

    left, right = blocked_positions(prepared.table, model.blocking_rules)
    gammas = distinct_levels(prepared.table, prepared.value_codes, left, right)
    weights = pair_weights(gammas, prepared.record_shares, left, right, model, prior)
    kept = np.flatnonzero(np.asarray(pc.greater_equal(weights, lowest)))
    # in order of position, as `pairs.predict` gives them
    width = max(len(prepared), 1)
    kept = kept[np.argsort(left[kept] * width + right[kept], kind="stable")]
    at = pa.array(kept)
    left, right = pa.array(left[kept]), pa.array(right[kept])
    weights = weights.take(at)
    gammas = {name: gamma.take(at) for name, gamma in gammas.items()}
    numbers = pa.table({
        **{f"{name}_l": prepared.table.column(name).take(left) for name in model.vetoes},
        **{f"{name}_r": prepared.table.column(name).take(right) for name in model.vetoes},
    })  # fmt: skip
    return {
        "left": left.to_pylist(),
        "right": right.to_pylist(),
        "weight": weights.to_pylist(),
        "probability": probabilities(weights).to_pylist(),
        "vetoed": vetoed_of(numbers, model).to_pylist(),
        "gammas": gammas,
        "levels": tf_levels_of(gammas),
    }


def distinct_levels(
    table: pa.Table,
    codes: dict[str, tuple[Any, int]],
    left: Any,
    right: Any,
    *,
    other: tuple[pa.Table, dict[str, tuple[Any, int]]] | None = None,
    connection: Any = None,
    comparisons: Sequence[Comparison] = COMPARISONS,
) -> dict[str, pa.Array]:
    """Per comparison, each pair's level (`Comparison.gamma`, as `pairs.comparison_levels`
    gives it), from the same SQL run once per distinct pair of the values it compares: `left`
    and `right` are positions in `table`, `codes` its `lookup.value_codes` (`right` in the
    table of `other`, with its codes, for a list's pairs). On `connection` (None: its own)."""
    import numpy as np

    right_table, right_codes = other if other is not None else (table, codes)
    found = {}
    with opened(connection) as db:
        for comparison in comparisons:
            (held, _), (theirs, width) = codes[comparison.name], right_codes[comparison.name]
            pair_codes = held[left].astype(np.int64) * width + theirs[right]
            encoded = pc.dictionary_encode(pa.array(pair_codes))
            del pair_codes
            indices = encoded.indices.to_numpy(zero_copy_only=False)
            first = np.empty(len(encoded.dictionary), np.int64)  # each value pair's first pair
            first[indices[::-1]] = np.arange(len(indices) - 1, -1, -1)
            ours, theirs_at = pa.array(left[first]), pa.array(right[first])
            pairs = pa.table({
                **{f"{c}_l": table.column(c).take(ours) for c in comparison.columns},
                **{f"{c}_r": right_table.column(c).take(theirs_at) for c in comparison.columns},
            })  # fmt: skip
            # the comparisons' SQL is this package's, not user input
            query = f"SELECT {level_case(comparison)} FROM pairs"  # noqa: S608
            with registered(db, {"pairs": pairs}):
                levels = db.sql(query).to_arrow_table()
            found[comparison.name] = levels.column(0).combine_chunks().take(encoded.indices)
    return found


def pair_weights(
    gammas: dict[str, Any],
    record_shares: dict[str, Any],
    left: Any,
    right: Any,
    model: LinkageModel,
    prior: float | None,
    *,
    their_shares: dict[str, Any] | None = None,
    comparisons: Sequence[Comparison] = COMPARISONS,
) -> Any:
    """Each pair's match weight as Splink sums it: the prior's (none for None), then per
    comparison of `comparisons` its level's weight and its term-frequency adjustment
    `w·(log2 u − log2 max(f_left, f_right))` at a level with one (none where neither record's
    value has a frequency). `record_shares`: per term-frequency column, each record's value's
    share (`PreparedRecords.record_shares`); `their_shares`, the same of `right`'s records
    where they are another table's (a list's, by the register's frequencies)."""
    import numpy as np

    count = len(left)
    theirs = record_shares if their_shares is None else their_shares
    left, right = pa.array(left, pa.int64()), pa.array(right, pa.int64())
    start = 0.0 if prior is None else prior_weight(prior)
    weights = pa.array(np.full(count, start) if count else [], pa.float64())
    for comparison in comparisons:
        position = COMPARISONS.index(comparison)
        gamma = pc.fill_null(gammas[comparison.name], -1)
        weights = pc.add(weights, level_weights_of(comparison, model.weights[position], gamma))
        adjustment = None
        for index in range(len(comparison.levels)):
            tf = comparison.tf_of(index)
            if tf is None:
                continue
            column, tf_weight = tf
            # the frequencies of the pairs at this level alone (a few of all the pairs)
            at_level = pc.equal(gamma, comparison.gamma(index))
            at = pc.indices_nonzero(at_level)
            frequency = pc.max_element_wise(
                record_shares[column].take(left.take(at)), theirs[column].take(right.take(at))
            )
            u = model.parameters[comparison.name][index].u
            change = pc.multiply(pc.subtract(math.log2(u), pc.log2(frequency)), tf_weight)
            if adjustment is None:
                adjustment = pa.array(np.zeros(count), pa.float64())
            change = pc.fill_null(change, 0.0)
            if isinstance(change, pa.ChunkedArray):
                change = change.combine_chunks()
            adjustment = pc.replace_with_mask(adjustment, at_level, change)
        if adjustment is not None:
            weights = pc.add(weights, adjustment)
    return weights
