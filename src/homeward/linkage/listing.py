"""Linking an incoming list to a register: one decision per incoming record.

The register's records within reach of some blocking rule are handed to Splink with the
incoming ones; each incoming record's candidates are then scored in Python (`scoring`), the
best is its decision, and the others at or above review are its alternatives. A candidate above
the automatic threshold that a guard refuses (`guards`) or whose numbers differ waits for review.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]

from homeward.linkage.backends import open_backend
from homeward.linkage.blocking import BlockingRule
from homeward.linkage.features import COLUMNS, LinkRecord
from homeward.linkage.model import LinkageModel
from homeward.linkage.pairs import (
    DEFAULT_THRESHOLDS,
    NO_CANDIDATE,
    NONE,
    LinkDecision,
    ScoredPair,
    Thresholds,
    predict,
    rows_at,
    tf_of,
)
from homeward.linkage.prepared import PreparedRecords
from homeward.linkage.scoring import explain, score_pair


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
        edges = predict(
            engine, [register_table, new.table], model, shares, "link_only", prior, thresholds
        )
    return _decisions(edges, known, new, model, prior, shares, thresholds)


def _within_reach(register: pa.Table, incoming: pa.Table, rules: Sequence[BlockingRule]) -> Any:
    """The register's records some blocking rule pairs with an incoming one (either side left).

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
            joins.append(f"SELECT l.unique_id FROM known l JOIN incoming r ON {rule.sql}")  # noqa: S608
            if not rule.symmetric:
                joins.append(f"SELECT r.unique_id FROM incoming l JOIN known r ON {rule.sql}")  # noqa: S608
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
) -> list[LinkDecision]:
    candidates: dict[int, list[int]] = {}
    for k, position in enumerate(edges["right"]):
        candidates.setdefault(position, []).append(k)
    known_rows = rows_at(known.table, sorted(set(edges["left"])))
    new_rows = new.table.to_pylist()
    decisions = []
    for position, left_row in enumerate(new_rows):
        list_id = str(left_row["record_id"])
        found = candidates.get(position, [])  # in order of register position
        if not found:
            decisions.append(LinkDecision(list_id, None, NO_CANDIDATE, NONE, ""))
            continue
        left_row.update(tf_of(left_row, shares))
        pairs = []
        for k in found:
            known_row = known_rows[edges["left"][k]]
            right_row = dict(known_row, **tf_of(known_row, shares))
            score = score_pair(model, left_row, right_row, prior=prior)
            pairs.append(_scored_pair(list_id, str(right_row["record_id"]), score, thresholds))
        # strongest first, by our own score (the same whatever engine found the pair); among
        # equals the earlier register record, not the one the engine happened to return first
        pairs.sort(key=lambda pair: -pair.score.match_weight)
        best = pairs[0]
        decisions.append(LinkDecision(
            list_id, best.right_id, best.score, best.decision,
            explain(best.score, best.refused), tuple(pairs[1:]), best.refused,
        ))  # fmt: skip
    return decisions


def _scored_pair(left: str, right: str, score: Any, thresholds: Thresholds) -> ScoredPair:
    refused = None
    if score.match_probability >= thresholds.auto and score.vetoed is None:
        refused = score.refusal(thresholds.auto)
    decision = thresholds.decide(score.match_probability, score.vetoed is not None, bool(refused))
    return ScoredPair(left, right, score, decision, refused)
