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
from typing import Any, Final

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]

from homeward.linkage.comparisons import COMPARISONS, Comparison, comparison_named
from homeward.linkage.lookup import opened, registered
from homeward.linkage.model import LinkageModel
from homeward.linkage.pairs import blocked_positions, level_case, tf_levels_of, vetoed_of
from homeward.linkage.prepared import PreparedRecords
from homeward.linkage.reweigh import probabilities
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
    left, right, gammas = _reaching(prepared, left, right, model, prior, lowest)
    weights = pair_weights(gammas, prepared.record_shares, left, right, model, prior)
    kept = np.flatnonzero(weights.to_numpy() >= lowest)
    # in order of position, as `pairs.predict` gives them
    width = max(len(prepared), 1)
    kept = kept[np.argsort(left[kept].astype(np.int64) * width + right[kept], kind="stable")]
    at = pa.array(kept)
    left, right = pa.array(left[kept], pa.int64()), pa.array(right[kept], pa.int64())
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


# The comparisons whose levels are found last, on the pairs that may still reach `lowest` once
# the others are weighed (`_reaching`): those that cost most (names, millions of distinct
# pairs of spellings at a million records), the heavier first (the more a pair may weigh
# once it is known, the fewer pairs are left for the other).
WEIGHED_LAST: Final = ("surname", "given_name")
# How far below `lowest` a pair's weight so far plus the most the comparisons left could add
# may fall and the pair still be kept: far more than the rounding of sums in another order.
_ROUNDING_BITS: Final = 0.01


def _reaching(
    prepared: PreparedRecords,
    left: Any,
    right: Any,
    model: LinkageModel,
    prior: float,
    lowest: float,
) -> tuple[Any, Any, dict[str, pa.Array]]:
    """The pairs (`left`, `right`) whose weight may reach `lowest`, with every comparison's
    level: every pair `weigh_dedupe` keeps, and the same levels.

    The comparisons not in `WEIGHED_LAST` are found and weighed for every pair; a pair whose
    weight so far, with the most each comparison left could add (`most_of`), falls below
    `lowest` (less `_ROUNDING_BITS`) cannot reach it and is dropped before the next name's
    levels are found. The weights are then summed afresh, in Splink's order, by the caller."""
    import numpy as np

    table, codes, shares = prepared.table, prepared.value_codes, prepared.record_shares
    first = [c for c in COMPARISONS if c.name not in WEIGHED_LAST]
    gammas = distinct_levels(table, codes, left, right, comparisons=first)
    if len(left) == 0 or lowest == -math.inf:
        rest = distinct_levels(
            table, codes, left, right, comparisons=[c for c in COMPARISONS if c not in first]
        )
        return left, right, gammas | rest
    weights = pair_weights(gammas, shares, left, right, model, prior, comparisons=first)
    weights = weights.to_numpy(zero_copy_only=False, writable=True)
    floor = lowest - _ROUNDING_BITS
    last = [comparison_named(name) for name in WEIGHED_LAST]
    bounds = {c.name: most_of(c, model, shares) for c in last}
    at = np.arange(len(left))
    found: dict[str, tuple[Any, pa.Array]] = {}
    for k, comparison in enumerate(last):
        reach = weights[at] + sum(
            np.minimum(bounds[c.name][left[at]], bounds[c.name][right[at]]) for c in last[k:]
        )
        at = at[reach >= floor]
        levels = distinct_levels(table, codes, left[at], right[at], comparisons=[comparison])
        weights[at] += pair_weights(
            levels, shares, left[at], right[at], model, None, comparisons=[comparison]
        ).to_numpy(zero_copy_only=False)
        found[comparison.name] = (at, levels[comparison.name])
    taken = pa.array(at)
    for name, (held, levels) in found.items():
        gammas[name] = levels.take(pa.array(np.searchsorted(held, at)))
    gammas = {c.name: gammas[c.name] if c.name in found else gammas[c.name].take(taken)
              for c in COMPARISONS}  # fmt: skip
    return left[at], right[at], gammas


def most_of(comparison: Comparison, model: LinkageModel, shares: dict[str, Any]) -> Any:
    """Per record, a bound on what `comparison` weighs in any pair of it (as `pair_weights`
    weighs it): a pair weighs at most the smaller of its two records' bounds.

    A level with a term-frequency adjustment weighs `m + w·(log2 u − log2 max(f_l, f_r))`
    (nulls skipped; 0 if both are null), at most the smaller of each record's own
    `m + w·(log2 u − log2 f)`; a record without a share is bounded by the most any record's
    share gives (the other record's is then the pair's; both null, `m` alone). Every other
    level, and absence (0), weighs at most the heaviest of them. A negative w bounds nothing
    (inf)."""
    import numpy as np

    level_weights = _level_table(comparison, model.weights[COMPARISONS.index(comparison)])
    count = len(next(iter(shares.values())))
    plain = [
        level_weights[comparison.gamma(index) + 1]
        for index in range(len(comparison.levels) + 1)  # the last: "different"
        if comparison.tf_of(index) is None
    ]
    most = np.full(count, max(0.0, *plain), np.float64)
    for index in range(len(comparison.levels)):
        tf = comparison.tf_of(index)
        if tf is None:
            continue
        column, tf_weight = tf
        if tf_weight < 0:
            return np.full(count, math.inf)
        share = pc.fill_null(shares[column], math.nan).to_numpy(zero_copy_only=False)
        u = model.parameters[comparison.name][index].u
        with np.errstate(divide="ignore"):
            own = level_weights[comparison.gamma(index) + 1] + tf_weight * (
                math.log2(u) - np.log2(share)
            )
        known = ~np.isnan(own)
        widest = own[known].max() if known.any() else level_weights[comparison.gamma(index) + 1]
        own[~known] = max(widest, level_weights[comparison.gamma(index) + 1])
        most = np.maximum(most, own)
    return most


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
    gives it, as int8), from the same SQL run once per distinct pair of the values it compares:
    `left` and `right` are positions in `table`, `codes` its `lookup.value_codes` (`right` in
    the table of `other`, with its codes, for a list's pairs). On `connection` (None: its own).

    Each distinct pair of codes is numbered by a table of every pair of codes where there are
    few enough (`DENSE_CELLS`, `DENSE_CELLS_PER_PAIR`), by hashing where there are more; it is
    given its level on one record holding each code (`_holders`). Within one table (no
    `other`), a comparison whose levels are the same in either order (`Comparison.symmetric`)
    numbers (a, b) and (b, a) as one pair: the level only is shared, each record keeping its
    own values and frequencies. Pairs "absent" by a null on either side are not numbered."""
    import numpy as np

    right_table, right_codes = other if other is not None else (table, codes)
    found = {}
    read: dict[tuple[int, str], pa.Array] = {}
    count_of_pairs = len(left)
    with opened(connection) as db:
        for comparison in comparisons:
            (held, count), (theirs, width) = codes[comparison.name], right_codes[comparison.name]
            ours_held, theirs_held = held[left], theirs[right]
            # the pairs "absent" whatever the other side holds (a null on either side) are
            # not numbered: their level is known
            at = None
            if comparison.absent_when_null:
                ours_lone = _lone(table, held, count, comparison)
                theirs_lone = (
                    ours_lone if other is None else _lone(right_table, theirs, width, comparison)
                )
                at = np.flatnonzero(~(ours_lone[ours_held] | theirs_lone[theirs_held]))
                if len(at) == count_of_pairs:
                    at = None
                else:
                    ours_held, theirs_held = ours_held[at], theirs_held[at]
            if other is None and comparison.symmetric:
                # one numbering on both sides, and one level for (a, b) and (b, a): each
                # unordered pair of values once, the smaller code on the left
                ours_held, theirs_held = (np.minimum(ours_held, theirs_held),
                                          np.maximum(ours_held, theirs_held))  # fmt: skip
            cells, indices = _numbered(ours_held, theirs_held, count, width)
            del ours_held, theirs_held
            ours = pa.array(_holders(held, count)[cells // width])
            theirs_at = pa.array(_holders(theirs, width)[cells % width])
            del cells
            many = len(ours) >= max(table.num_rows, right_table.num_rows)
            pairs = pa.table({
                **{f"{c}_l": _read(table, c, many, read).take(ours)
                   for c in comparison.level_columns},
                **{f"{c}_r": _read(right_table, c, many, read).take(theirs_at)
                   for c in comparison.level_columns},
            })  # fmt: skip
            # the comparisons' SQL is this package's, not user input
            query = f"SELECT {level_case(comparison)} FROM pairs"  # noqa: S608
            with registered(db, {"pairs": pairs}):
                levels = db.sql(query).to_arrow_table()
            level = levels.column(0).combine_chunks().cast(pa.int8()).to_numpy(zero_copy_only=False)
            if at is None:
                found[comparison.name] = pa.array(level[indices])
            else:
                every = np.full(count_of_pairs, comparison.gamma(-1), np.int8)
                every[at] = level[indices]
                found[comparison.name] = pa.array(every)
            del indices, at
    return found


def _lone(table: pa.Table, held: Any, count: int, comparison: Comparison) -> Any:
    """For each of `count` codes of `comparison` (`held`: each record's), whether its values
    put any pair at "absent": a null in a column of `Comparison.absent_when_null`."""
    import numpy as np

    null = np.zeros(table.num_rows, np.bool_)
    for name in comparison.absent_when_null:
        null |= table.column(name).is_null().to_numpy(zero_copy_only=False)
    lone = np.zeros(count, np.bool_)
    lone[held] = null  # the records of one code hold the same values
    return lone


def _read(table: pa.Table, name: str, many: bool, read: dict[tuple[int, str], pa.Array]) -> Any:
    """`table`'s column `name`; with `many` (more pairs to take than records), a text column
    dictionary-encoded (once per call of `distinct_levels`), so that taking it moves numbers,
    not texts (DuckDB reads the texts)."""
    column = table.column(name)
    if not many or not pa.types.is_string(column.type):
        return column
    key = (id(table), name)
    if key not in read:
        read[key] = pc.dictionary_encode(column.combine_chunks())
    return read[key]


# At most this many pairs of codes (a comparison's codes on the left times those on the right)
# are numbered by a table of them all (a byte each) rather than by hashing each pair's codes.
DENSE_CELLS: Final = 1 << 24
# ... and at most this many per pair: a list's few thousand pairs are hashed rather than marked
# in a table of every pair of codes allocated and filled for them.
DENSE_CELLS_PER_PAIR: Final = 16


def _numbered(ours: Any, theirs: Any, count: int, width: int) -> tuple[Any, Any]:
    """The distinct pairs of codes among the pairs (`ours[k]`, `theirs[k]`), each as
    `our code * width + their code`, and each pair's index among them."""
    import numpy as np

    if count * width <= min(DENSE_CELLS, DENSE_CELLS_PER_PAIR * len(ours)):
        index_type = np.int32
        codes = ours.astype(index_type) * index_type(width) + theirs
        present = np.zeros(count * width, np.bool_)
        present[codes] = True
        cells = np.flatnonzero(present)
        del present
        rank = np.zeros(count * width, np.int32)
        rank[cells] = np.arange(len(cells), dtype=np.int32)
        return cells, rank[codes]
    import pandas as pd  # type: ignore[import-untyped]

    # int32 where every pair of codes fits (a fifth faster to hash than int64)
    wide = np.int32 if count * width < 2**31 else np.int64
    codes = ours.astype(wide) * wide(width) + theirs
    # pandas' hashing: twice as fast as Arrow's `dictionary_encode`, in the same order
    indices, cells = pd.factorize(codes)
    return cells, indices


def _holders(codes: Any, count: int) -> Any:
    """For each of `count` codes, a record holding it (0 for a code no record holds)."""
    import numpy as np

    holder = np.zeros(count, np.int64)
    holder[codes] = np.arange(len(codes), dtype=np.int64)
    return holder


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
    where they are another table's (a list's, by the register's frequencies).

    The sums are NumPy's, in the same order and the same IEEE additions as Arrow's: a level's
    weight is looked up in a table by the level, and the adjustments of a comparison, computed
    by Arrow for the pairs at a level with one alone, are added as one array (0 elsewhere)."""
    import numpy as np

    count = len(left)
    theirs = record_shares if their_shares is None else their_shares
    left, right = pa.array(left, pa.int64()), pa.array(right, pa.int64())
    start = 0.0 if prior is None else prior_weight(prior)
    weights = np.full(count, start, np.float64)
    for comparison in comparisons:
        position = COMPARISONS.index(comparison)
        gamma = _levels_of(gammas[comparison.name])
        weights += _level_table(comparison, model.weights[position])[gamma + 1]
        adjustment = None
        for index in range(len(comparison.levels)):
            tf = comparison.tf_of(index)
            if tf is None:
                continue
            column, tf_weight = tf
            # the frequencies of the pairs at this level alone (a few of all the pairs)
            at = pa.array(np.flatnonzero(gamma == comparison.gamma(index)))
            frequency = pc.max_element_wise(
                record_shares[column].take(left.take(at)), theirs[column].take(right.take(at))
            )
            u = model.parameters[comparison.name][index].u
            change = pc.multiply(pc.subtract(math.log2(u), pc.log2(frequency)), tf_weight)
            change = pc.fill_null(change, 0.0)
            if isinstance(change, pa.ChunkedArray):
                change = change.combine_chunks()
            if adjustment is None:
                adjustment = np.zeros(count, np.float64)
            adjustment[at.to_numpy()] = change.to_numpy(zero_copy_only=False)
        if adjustment is not None:
            weights += adjustment
    return pa.array(weights)


def _levels_of(gamma: Any) -> Any:
    """A comparison's levels as a NumPy array of int16 (-1 for null: absent)."""
    import numpy as np

    if isinstance(gamma, pa.ChunkedArray):
        gamma = gamma.combine_chunks()
    if isinstance(gamma, pa.Array):
        gamma = pc.fill_null(gamma, -1).to_numpy(zero_copy_only=False)
    return np.asarray(gamma).astype(np.int16, copy=False)


def _level_table(comparison: Comparison, level_weights: tuple[float, ...]) -> Any:
    """Each level's weight by gamma + 1, as `reweigh.level_weights_of` takes it."""
    import numpy as np

    weights = [level_weights[len(comparison.levels) - g] for g in range(len(level_weights))]
    return np.array([0.0, *weights], np.float64)
