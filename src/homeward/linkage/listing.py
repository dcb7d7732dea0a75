"""Linking an incoming list to a register: one decision per incoming record.

The pairs some blocking rule finds between the register and the list are given their levels by the
comparisons' SQL and weighed as a deduplication's pairs are (`weighing.distinct_levels`,
`weighing.pair_weights`), with the register's frequencies (the names last, on the pairs that
`weighing.most_of`'s bounds leave able to reach review: `_weighed`), on one DuckDB connection
and with the garbage collector paused; each incoming record's candidates at or above review are
then scored in Python (`scoring`), the best is its decision, and the others are its
alternatives. On Spark, the register's records within reach of a rule are handed
to Splink with the incoming ones instead: the pairs, their scores and the decisions are the same
(a test compares both on DuckDB). A candidate above the automatic threshold that a guard refuses
(`guards`) or whose numbers differ waits for review.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any, Final

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]

from homeward.collector import collector_paused
from homeward.linkage.backends import open_backend
from homeward.linkage.blocking import BlockingRule, source
from homeward.linkage.comparisons import COMPARISONS, TF_COLUMNS, Comparison, comparison_named
from homeward.linkage.features import COLUMNS, LinkRecord
from homeward.linkage.lookup import holding, opened, pairs_found, registered, value_codes
from homeward.linkage.model import LinkageModel
from homeward.linkage.pairs import (
    DEFAULT_THRESHOLDS,
    NO_CANDIDATE,
    NONE,
    LinkDecision,
    ScoredPair,
    Thresholds,
    predict,
)
from homeward.linkage.prepared import PreparedRecords
from homeward.linkage.scoring import explain, prior_weight, score_pair
from homeward.linkage.weighing import WEIGHED_LAST, distinct_levels, most_of, pair_weights


def link_list(
    register: Iterable[LinkRecord] | PreparedRecords,
    incoming: Iterable[LinkRecord] | PreparedRecords,
    *,
    model: LinkageModel,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    backend: str = "duckdb",
    spark: Any = None,
) -> list[LinkDecision]:
    """One decision per incoming record: its best register record, with the alternatives."""
    known = PreparedRecords.of(register)
    if backend != "duckdb":
        return _linked(known, incoming, model, thresholds, backend, spark)
    # a list's linking makes some hundred thousand objects, none of them in a cycle; the
    # collector's full passes over a register's millions (its values' counts and shares) cost
    # 0.13-0.17 s of CPU each time one falls within the call at a million records
    with collector_paused():
        return _linked(known, incoming, model, thresholds, backend, spark)


def _linked(
    known: PreparedRecords,
    incoming: Iterable[LinkRecord] | PreparedRecords,
    model: LinkageModel,
    thresholds: Thresholds,
    backend: str,
    spark: Any,
) -> list[LinkDecision]:
    new = PreparedRecords.of(incoming)
    prior = model.prior(max(len(known), 1))
    # the register's frequencies, computed once per prepared register: a list is small beside
    # it, and a value only the list holds gets no adjustment (in SQL and in Python alike)
    shares = known.shares
    if len(known) == 0 or len(new) == 0:
        return [LinkDecision(i, None, NO_CANDIDATE, NONE, "") for i in new.record_ids()]
    if backend == "duckdb":
        lowest = prior_weight(thresholds.review)
        # one DuckDB connection for every query of the list's (opening one costs 20 ms), with
        # DuckDB's threads: on one thread alone the list took as long (docs/linkage.md)
        with opened() as connection:
            # the list's values' shares in the register, found once for weighing and scoring
            theirs = _list_shares(new.table, shares)
            edges = _near_review(known, new.table, model, prior, lowest, connection, theirs)
        return _decisions(edges, known, new, model, prior, shares, thresholds, lowest, theirs)
    return _through_splink(known, new, model, prior, thresholds, backend, spark)


def _through_splink(
    known: PreparedRecords,
    new: PreparedRecords,
    model: LinkageModel,
    prior: float,
    thresholds: Thresholds,
    backend: str,
    spark: Any,
) -> list[LinkDecision]:
    """`link_list` with Splink's predictions (on Spark; on DuckDB, to check the other way)."""
    shares = known.shares
    # the register is in memory here already, and Splink is spared the rest
    register_table = _within_reach(known.table, new.table, model.blocking_rules)
    with open_backend(backend, spark=spark) as engine:
        edges = predict(
            engine, [register_table, new.table], model, shares, "link_only", prior, thresholds
        )
    return _decisions(edges, known, new, model, prior, shares, thresholds, -math.inf)


# How far below the review threshold (in bits) a pair's weight summed in Arrow may fall and
# still be scored in Python: far more than the sums' rounding, which is all that tells them apart.
_ROUNDING_BITS: Final = 0.01


def _near_review(
    known: PreparedRecords,
    incoming: pa.Table,
    model: LinkageModel,
    prior: float,
    lowest: float,
    connection: Any,
    theirs: dict[str, pa.Array] | None = None,
) -> dict[str, list[Any]]:
    """The blocked pairs (register position "left", incoming position "right", in that order)
    whose weight reaches `lowest`, less `_ROUNDING_BITS`: what Splink's predictions kept, found
    without Splink's set-up for a list of a few thousand rows, with each pair's "levels" (as
    `Comparison.level_of` numbers them). The levels come from the same SQL (`_weighed`), the
    weights from the same model and frequencies as `scoring.score_pair`, which then scores each
    pair kept with those levels and decides (`_decisions`)."""
    import numpy as np

    register = known.table
    found_left, found_right = _pairs_within_reach(known, incoming, model.blocking_rules, connection)
    floor = lowest - _ROUNDING_BITS
    gammas, weights = _weighed(
        known, incoming, found_left, found_right, model, prior, floor, connection, theirs
    )
    kept = np.flatnonzero(weights >= floor)
    left, right = found_left[kept], found_right[kept]
    kept = pa.array(
        kept[holding(register, incoming, left, right, model.blocking_rules, connection)]
    )
    # each pair's level of each comparison, as `Comparison.level_of` numbers it, for scoring
    levels = []
    for comparison in COMPARISONS:
        gamma = pc.fill_null(gammas[comparison.name].take(kept), -1).to_numpy(zero_copy_only=False)
        gamma = gamma.astype(np.int64)
        levels.append(np.where(gamma < 0, -1, len(comparison.levels) - gamma).tolist())
    return {
        "left": found_left[kept.to_numpy()].tolist(),
        "right": found_right[kept.to_numpy()].tolist(),
        "levels": list(zip(*levels, strict=True)),
    }


def _weighed(
    known: PreparedRecords,
    incoming: pa.Table,
    left: Any,
    right: Any,
    model: LinkageModel,
    prior: float,
    floor: float,
    connection: Any = None,
    their_shares: dict[str, pa.Array] | None = None,
) -> tuple[dict[str, pa.Array], Any]:
    """Each pair's levels and match weight (a NumPy array), as a deduplication's pairs are given
    theirs (`weighing.distinct_levels`, `weighing.pair_weights`), with the register's
    frequencies. The comparisons of `weighing.WEIGHED_LAST` are found, in that order, only for
    the pairs whose weight so far, with the most each comparison left could add (`_bounds`),
    reaches `floor`: the others' weight is -inf and their levels of those comparisons null."""
    import numpy as np

    ours, theirs = known.value_codes, value_codes(incoming)
    if their_shares is None:
        their_shares = _list_shares(incoming, known.shares)
    shares = known.record_shares
    first = [c for c in COMPARISONS if c.name not in WEIGHED_LAST]
    gammas = distinct_levels(
        known.table, ours, left, right,
        other=(incoming, theirs), connection=connection, comparisons=first,
    )  # fmt: skip
    weights = pair_weights(
        gammas, shares, left, right, model, prior, their_shares=their_shares, comparisons=first
    ).to_numpy(zero_copy_only=False, writable=True)
    last = [comparison_named(name) for name in WEIGHED_LAST]
    bounds = _bounds(last, model, shares, their_shares, left, right)
    at = np.arange(len(left))
    for k, comparison in enumerate(last):
        reach = weights[at] + sum(bounds[later.name][at] for later in last[k:])
        weights[at[reach < floor]] = -math.inf
        at = at[reach >= floor]
        found = distinct_levels(
            known.table, ours, left[at], right[at],
            other=(incoming, theirs), connection=connection, comparisons=[comparison],
        )  # fmt: skip
        weights[at] += pair_weights(
            found, shares, left[at], right[at], model, None,
            their_shares=their_shares, comparisons=[comparison],
        ).to_numpy(zero_copy_only=False)  # fmt: skip
        gamma = np.full(len(left), -1, np.int64)
        gamma[at] = pc.fill_null(found[comparison.name], -1).to_numpy(zero_copy_only=False)
        valid = np.zeros(len(left), bool)
        valid[at] = True
        gammas[comparison.name] = pa.array(gamma, mask=~valid)
    return gammas, weights


def _bounds(
    comparisons: Sequence[Comparison],
    model: LinkageModel,
    shares: dict[str, pa.Array],
    their_shares: dict[str, pa.Array],
    left: Any,
    right: Any,
) -> dict[str, Any]:
    """Per comparison, the most it could weigh in each pair (`left` positions in the register,
    whose shares are `shares`; `right` in the list, `their_shares`): the smaller of its two
    records' bounds (`weighing.most_of`), found over the register records paired (each once)
    and the list's. `most_of` bounds a record without a share by the most any record of those
    it is given could weigh: every record a pair holds is among them."""
    import numpy as np

    held, at = np.unique(left, return_inverse=True)
    taken = pa.array(held)
    together = {
        column: pa.concat_arrays([
            _combined(shares[column].take(taken)), _combined(their_shares[column])
        ])
        for column in TF_COLUMNS
    }  # fmt: skip
    bounds = {}
    for comparison in comparisons:
        most = most_of(comparison, model, together)
        bounds[comparison.name] = np.minimum(most[at], most[len(held) + np.asarray(right)])
    return bounds


def _combined(values: Any) -> pa.Array:
    """`values` as one float64 Arrow array."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    return values.cast(pa.float64())


def _list_shares(table: pa.Table, shares: dict[str, dict[str, float]]) -> dict[str, pa.Array]:
    """Per TF column, each of `table`'s records' value's share in `shares` (a register's)."""
    return {c: _shares_of(table.column(c), shares[c]) for c in TF_COLUMNS}


def _shares_of(values: Any, shares: dict[str, float]) -> Any:
    """Each value's share (null for a value without one), looking up each distinct value once."""
    distinct = pc.unique(values).drop_null()
    found = pa.array([shares.get(value) for value in distinct.to_pylist()], pa.float64())
    return pc.take(found, pc.index_in(values, distinct))


def _pairs_within_reach(
    known: PreparedRecords,
    incoming: pa.Table,
    rules: Sequence[BlockingRule],
    connection: Any = None,
) -> tuple[Any, Any]:
    """Every pair of a register record ("left") and an incoming one ("right") that some blocking
    rule may find, as Splink finds them in a link (the register on the left), once each, in
    order of position. The register's side of each rule is looked up in its sorted keys
    (`lookup`); two values may share a hash, so the pairs kept in the end are checked again
    (`lookup.holding`). A rule that joins on no equality is joined as it is written."""
    import numpy as np

    indexed, joined = known.sorted_keys(rules)
    pairs, unlike = pairs_found(indexed, known.table, incoming, connection)
    if joined or unlike:
        rules_joined = [*joined, *dict.fromkeys(unlike)]
        pairs.append(_joined(known.table, incoming, rules_joined, connection))
    width = max(incoming.num_rows, 1)
    codes = np.concatenate(
        [np.zeros(0, np.int64), *(left * width + right for left, right in pairs)]
    )
    codes.sort()
    codes = codes[np.concatenate(([True], codes[1:] != codes[:-1]))] if len(codes) else codes
    return codes // width, codes % width


def _joined(
    register: pa.Table, incoming: pa.Table, rules: Sequence[BlockingRule], connection: Any = None
) -> Any:
    """The pairs `rules` find, by joins."""
    tables = {
        "known": register.select(_rule_columns(rules)),
        "incoming": incoming.select(_rule_columns(rules)),
    }
    # the rules are this package's SQL, not user input
    joins = [
        f"SELECT l.unique_id AS left, r.unique_id AS right "  # noqa: S608
        f"FROM {source('known', rule)} l JOIN {source('incoming', rule)} r ON {rule.sql}"
        for rule in rules
    ]
    with opened(connection) as db, registered(db, tables):
        found = db.sql(" UNION ".join(joins)).fetchnumpy()
    return found["left"].astype("int64"), found["right"].astype("int64")


def _within_reach(register: pa.Table, incoming: pa.Table, rules: Sequence[BlockingRule]) -> Any:
    """The register's records some blocking rule pairs with an incoming one (either side left),
    for Splink on Spark.

    Splink would otherwise prepare the whole register for a list of a few thousand rows; the
    pairs and their scores are the same (the prior and the frequencies are the whole
    register's, given to Splink apart).
    """
    import duckdb  # imported here: for linkage only

    connection = duckdb.connect()
    try:
        connection.execute("SET enable_progress_bar = false")
        connection.register("known", register.select(_rule_columns(rules)))
        connection.register("incoming", incoming.select(_rule_columns(rules)))
        # the rules are this package's SQL, not user input
        joins = []
        for rule in rules:
            known, incoming = source("known", rule), source("incoming", rule)
            joins.append(f"SELECT l.unique_id FROM {known} l JOIN {incoming} r ON {rule.sql}")  # noqa: S608
            if not rule.symmetric:
                joins.append(f"SELECT r.unique_id FROM {incoming} l JOIN {known} r ON {rule.sql}")  # noqa: S608
        found = connection.sql(" UNION ".join(joins)).to_arrow_table()
    finally:
        connection.close()
    positions = pc.sort_indices(found.column(0))
    return register.take(found.column(0).take(positions))


def _rule_columns(rules: Sequence[BlockingRule]) -> list[str]:
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
    lowest: float,
    theirs: dict[str, pa.Array] | None = None,
) -> list[LinkDecision]:
    """Each incoming record's candidates scored in Python, those whose weight reaches `lowest`
    kept: the best is its decision, the others its alternatives."""
    candidates: dict[int, list[int]] = {}
    for k, position in enumerate(edges["right"]):
        candidates.setdefault(position, []).append(k)
    # the levels found in SQL, where the pairs were weighed there (else read in Python, from
    # every column); with them, scoring reads only the values it quotes and their frequencies
    levels = edges.get("levels") or [None] * len(edges["left"])
    columns = _QUOTED if edges.get("levels") else tuple(new.table.column_names)
    at = sorted(set(edges["left"]))
    known_rows = dict(zip(at, _rows(known.table, at, known.record_shares, columns), strict=True))
    if theirs is None:
        theirs = _list_shares(new.table, shares)
    new_rows = _rows(new.table, range(new.table.num_rows), theirs, columns)
    decisions = []
    for position, left_row in enumerate(new_rows):
        list_id = str(left_row["record_id"])
        found = candidates.get(position, [])  # in order of register position
        if not found:
            decisions.append(LinkDecision(list_id, None, NO_CANDIDATE, NONE, ""))
            continue
        pairs = []
        for k in found:
            right_row = known_rows[edges["left"][k]]
            score = score_pair(model, left_row, right_row, prior=prior, levels=levels[k])
            if score.match_weight < lowest:
                continue
            pairs.append(_scored_pair(list_id, str(right_row["record_id"]), score, thresholds))
        if not pairs:
            decisions.append(LinkDecision(list_id, None, NO_CANDIDATE, NONE, ""))
            continue
        # strongest first, by our own score (the same whatever engine found the pair); among
        # equals the earlier register record, not the one the engine happened to return first
        pairs.sort(key=lambda pair: -pair.score.match_weight)
        best = pairs[0]
        decisions.append(LinkDecision(
            list_id, best.right_id, best.score, best.decision,
            explain(best.score, best.refused), tuple(pairs[1:]), best.refused,
        ))  # fmt: skip
    return decisions


# What `scoring.score_pair` reads of a pair given its levels, besides the frequencies of the
# values it weighs (`tf_<column>`): the values its explanation quotes.
_QUOTED: Final = ("record_id", *dict.fromkeys(c.display for c in COMPARISONS if c.display))


def _rows(
    table: pa.Table, positions: Iterable[int], frequencies: dict[str, Any], columns: Sequence[str]
) -> list[dict[str, Any]]:
    """The records at `positions` as `score_pair` reads them: `columns`, with `tf_<column>`,
    each value's share in `frequencies` (per TF column, in row order; null without one)."""
    taken = pa.array(positions, pa.int64())
    read = {name: table.column(name).take(taken).to_pylist() for name in columns}
    for column in TF_COLUMNS:
        read[f"tf_{column}"] = frequencies[column].take(taken).to_pylist()
    names = list(read)
    return [dict(zip(names, values, strict=True)) for values in zip(*read.values(), strict=True)]


def _scored_pair(left: str, right: str, score: Any, thresholds: Thresholds) -> ScoredPair:
    refused = None
    if score.match_probability >= thresholds.auto and score.vetoed is None:
        refused = score.refusal(thresholds.auto)
    decision = thresholds.decide(score.match_probability, score.vetoed is not None, bool(refused))
    return ScoredPair(left, right, score, decision, refused)
