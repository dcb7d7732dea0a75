"""Many scored pairs at once, in Arrow: weighed again with other frequencies, and guarded.

Splink gives each pair its weight and the level of each comparison (`gamma_<name>`: -1 absent,
0 "different", then the levels from the weakest up). From those two, without a second Splink
run:

- `reweighed`: the weights with other term frequencies (the second pass of `batch.dedupe`);
- `guard_columns` and `refused_at`: why a pair may not be linked automatically (`guards`, the
  same rules as `scoring.PairScore.refusal` applies to one pair; a test checks both agree).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]

from homeward.linkage import guards
from homeward.linkage.comparisons import COMPARISONS, Comparison
from homeward.linkage.model import LinkageModel
from homeward.linkage.scoring import prior_weight

Shares = Mapping[str, Mapping[str, float]]


def log2_share(values: Any, shares: Mapping[str, float]) -> Any:
    """log2 of each value's share; 0 for a value without one (no pair is at its level)."""
    keys = pa.array(list(shares), pa.string())
    found = pc.take(pa.array(list(shares.values()), pa.float64()), pc.index_in(values, keys))
    return pc.log2(pc.fill_null(found, 1.0))


def reweighed(
    weights: Any,
    levels: Mapping[tuple[str, float], Any],
    left: Any,
    table: pa.Table,
    before: Shares,
    after: Shares,
    before_of_records: Mapping[str, Any] | None = None,
) -> Any:
    """The same pairs weighed with other term frequencies.

    A level with a frequency adjusts the weight by `w·(log2 u − log2 f)`, f the value's
    frequency; both records hold the same value at such a level (each is an equality), so the
    new weight is the old one plus `w·(log2 f_before − log2 f_after)` for each such level the
    pair is at (`levels`: per (column, weight), whether each pair is at such a level): exactly
    what scoring the pair afresh gives (`scoring.score_pair`). `before_of_records`: per column,
    each record's share in `before` (`PreparedRecords.record_shares`), where it is at hand.
    """
    changes: dict[str, Any] = {}  # per column (several levels may read one)
    for (column, tf_weight), at_level in levels.items():
        if column not in changes:
            values = table.column(column).take(left)
            if before_of_records is None:
                was = log2_share(values, before[column])
            else:
                was = pc.log2(pc.fill_null(before_of_records[column].take(left), 1.0))
            changes[column] = pc.subtract(was, log2_share(values, after[column]))
        change = changes[column]
        weights = pc.add(weights, pc.if_else(at_level, pc.multiply(change, tf_weight), 0.0))
    return weights


def probabilities(weights: Any) -> Any:
    """Splink's probability of a weight: 1 / (1 + 2^-w)."""
    return pc.divide(1.0, pc.add(1.0, pc.power(2.0, pc.negate(weights))))


def guard_columns(
    gammas: Mapping[str, Any],
    weights: Any,
    left: Any,
    table: pa.Table,
    shares: Shares,
    model: LinkageModel,
) -> tuple[pa.Array, Any]:
    """Per pair, the guard that refuses it whatever the threshold (a conflict, half a name:
    `guards.refusal`), or None; and its weight with the circumstances counted once, which must
    reach the automatic threshold too (`guards.circumstances_excess`)."""
    reasons = pc.if_else(
        _half_a_name(gammas), guards.HALF_A_NAME, pa.nulls(len(weights), pa.string())
    )
    numbered = _any_at(gammas, guards.NUMBERS_AT)
    for position, different, reason in reversed(guards.CONFLICT_AT):
        comparison = COMPARISONS[position]
        conflicting = _at(gammas[comparison.name], comparison.gamma(different))
        reasons = pc.if_else(pc.and_(conflicting, pc.invert(numbered)), reason, reasons)
    guarded = pc.subtract(weights, _circumstances_excess(gammas, left, table, shares, model))
    return reasons, guarded


def refused_at(
    guard: Any, guarded_weight: Any, probability: Any, vetoed: Any, auto: float
) -> list[str | None]:
    """Why each pair at or above the automatic threshold `auto`, not vetoed, may not be linked
    automatically (`guard_columns`); None for the others."""
    found: list[str | None] = refused_arrow(
        guard, guarded_weight, probability, vetoed, auto
    ).to_pylist()
    return found


def refused_arrow(
    guard: Any, guarded_weight: Any, probability: Any, vetoed: Any, auto: float
) -> pa.Array:
    """`refused_at` as an Arrow array (null for the pairs it gives None)."""
    asked = pc.and_(pc.greater_equal(probability, auto), pc.invert(vetoed))
    circumstances = pc.if_else(
        pc.less(guarded_weight, prior_weight(auto)),
        guards.CIRCUMSTANCES_ALONE,
        pa.scalar(None, pa.string()),
    )
    reasons = pc.coalesce(guard, circumstances)
    return pc.if_else(asked, reasons, pa.scalar(None, pa.string()))


def _at(gamma: Any, value: int) -> Any:
    return pc.fill_null(pc.equal(gamma, value), False)


def _half_a_name(gammas: Mapping[str, Any]) -> Any:
    surname = COMPARISONS[guards.SURNAME_AT]
    given = COMPARISONS[guards.GIVEN_AT]
    swapped = _any_at(gammas, ((guards.SURNAME_AT, guards.SWAPPED_INDICES),))
    half = pc.or_(
        _at(gammas[surname.name], -1),
        pc.and_(_at(gammas[given.name], -1), pc.invert(swapped)),
    )
    return pc.and_(half, pc.invert(_any_at(gammas, guards.PERSONAL_AT)))


def _any_at(gammas: Mapping[str, Any], levels: Any) -> Any:
    """Whether each pair is at one of `levels`: (comparison position, level indices), …"""
    found = None
    for position, indices in levels:
        comparison = COMPARISONS[position]
        for index in indices:
            at = _at(gammas[comparison.name], comparison.gamma(index))
            found = at if found is None else pc.or_(found, at)
    return found


def _circumstances_excess(
    gammas: Mapping[str, Any], left: Any, table: pa.Table, shares: Shares, model: LinkageModel
) -> Any:
    total = pa.array([0.0] * len(left), pa.float64())
    for position in guards.CIRCUMSTANCES_AT:
        weight = _comparison_weights(COMPARISONS[position], gammas, left, table, shares, model)
        total = pc.add(total, pc.max_element_wise(weight, 0.0))
    return pc.max_element_wise(pc.subtract(total, guards.CIRCUMSTANCES_CAP_BITS), 0.0)


def level_weights_of(comparison: Comparison, level_weights: tuple[float, ...], gamma: Any) -> Any:
    """Each pair's weight of its level of `comparison`, before any term-frequency adjustment:
    gamma g ≥ 0 is level index len(levels) − g; -1 or null (absent) weighs 0."""
    lookup = [0.0] + [level_weights[len(comparison.levels) - g] for g in range(len(level_weights))]
    return pc.take(pa.array(lookup, pa.float64()), pc.add(pc.fill_null(gamma, -1), 1))


def _comparison_weights(
    comparison: Comparison,
    gammas: Mapping[str, Any],
    left: Any,
    table: pa.Table,
    shares: Shares,
    model: LinkageModel,
) -> Any:
    """One comparison's weight per pair, its term-frequency adjustment included (0 absent),
    as `weighing.pair_weights` sums it: at a level with a frequency both records hold the same
    value, so the share of the left record's value is the pair's."""
    import numpy as np

    from homeward.linkage.weighing import pair_weights

    columns = {tf[0] for index in range(len(comparison.levels))
               if (tf := comparison.tf_of(index)) is not None}  # fmt: skip
    frequencies = {}
    for column in columns:
        values = table.column(column).take(left)
        keys = pa.array(list(shares[column]), pa.string())
        frequencies[column] = pc.take(pa.array(list(shares[column].values()), pa.float64()),
                                      pc.index_in(values, keys))  # fmt: skip
    pairs = np.arange(len(left), dtype=np.int64)
    return pair_weights(
        dict(gammas), frequencies, pairs, pairs, model, None, comparisons=(comparison,)
    )
