"""A list linked to a register on DuckDB: one connection, the collector paused, and weights
summed in Arrow (`weighing.pair_weights`) that are those `score_pair` gives."""

from __future__ import annotations

import gc
import math
from typing import Any

import duckdb
import pyarrow as pa  # type: ignore[import-untyped]
import pytest

from homeward.linkage import listing, lookup
from homeward.linkage.comparisons import COMPARISONS, TF_COLUMNS, comparison_named
from homeward.linkage.listing import _pairs_within_reach, _weighed, link_list
from homeward.linkage.lookup import registered, value_codes
from homeward.linkage.model import LinkageModel
from homeward.linkage.pairs import tf_of
from homeward.linkage.prepared import PreparedRecords
from homeward.linkage.scoring import prior_weight, score_pair
from homeward.linkage.table import feature_table
from homeward.linkage.weighing import WEIGHED_LAST, distinct_levels, most_of, pair_weights
from tests.linkage.factories import population


def _register_and_list(persons: int = 200) -> tuple[PreparedRecords, list[Any]]:
    rows = [record for record, _ in population(persons=persons)]
    return PreparedRecords.of(rows[::3] + rows[1::3]), rows[2::3]


def test_a_list_is_linked_on_one_duckdb_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    known, new = _register_and_list()
    model = LinkageModel.load()
    known.sorted_keys(model.blocking_rules)  # prepared beforehand, as a register is
    expected = link_list(known, new, model=model)
    opened = []
    original = lookup.duckdb_connection

    def counted() -> Any:
        opened.append(1)
        return original()

    monkeypatch.setattr(lookup, "duckdb_connection", counted)
    assert link_list(known, new, model=model) == expected
    assert len(opened) == 1


def test_the_collector_is_paused_while_a_list_is_linked(monkeypatch: pytest.MonkeyPatch) -> None:
    known, new = _register_and_list(persons=60)
    model = LinkageModel.load()
    seen = []
    near_review = listing._near_review

    def watched(*args: Any) -> Any:
        seen.append(gc.isenabled())
        return near_review(*args)

    monkeypatch.setattr(listing, "_near_review", watched)
    assert gc.isenabled()
    link_list(known, new, model=model)
    assert seen == [False]
    assert gc.isenabled()  # as it was
    gc.disable()
    try:
        link_list(known, new, model=model)
        assert not gc.isenabled()  # as it was
    finally:
        gc.enable()


def test_a_registered_table_is_gone_after_its_block() -> None:
    connection = duckdb.connect()
    with registered(connection, {"t": pa.table({"a": [1, 2]})}):
        assert connection.sql("SELECT sum(a) FROM t").fetchall() == [(3,)]
    with pytest.raises(duckdb.CatalogException):
        connection.sql("SELECT * FROM t").fetchall()
    connection.close()


def test_weights_summed_in_arrow_are_score_pairs() -> None:
    """Each pair's weight summed in Arrow (which decides the pairs scored in Python) is the
    weight `score_pair` gives it, to rounding, every comparison and frequency counted; a pair
    left out before its names were compared could not have reached the floor."""
    known, rows = _register_and_list()
    new = feature_table(rows)
    model = LinkageModel.load()
    prior = model.prior(len(known))
    left, right = _pairs_within_reach(known, new, model.blocking_rules)
    assert len(left) > 200
    every = distinct_levels(
        known.table, known.value_codes, left, right, other=(new, value_codes(new))
    )
    floor = prior_weight(0.99)  # high enough that some pairs are left out here
    gammas, weights = _weighed(known, new, left, right, model, prior, floor)
    ours, theirs = known.table.to_pylist(), new.to_pylist()
    adjusted = dropped = 0
    for k, (a, b) in enumerate(zip(left.tolist(), right.tolist(), strict=True)):
        levels = [
            -1 if gamma is None or gamma < 0 else len(c.levels) - gamma
            for c, gamma in ((c, every[c.name][k].as_py()) for c in COMPARISONS)
        ]
        register_row = dict(ours[a], **tf_of(ours[a], known.shares))
        list_row = dict(theirs[b], **tf_of(theirs[b], known.shares))
        score = score_pair(model, list_row, register_row, prior=prior, levels=levels)
        if weights[k] == -math.inf:
            dropped += 1
            assert score.match_weight < floor
            continue
        assert weights[k] == pytest.approx(score.match_weight, abs=1e-9)
        for comparison in COMPARISONS:
            assert gammas[comparison.name][k].as_py() == every[comparison.name][k].as_py()
        adjusted += any(
            c.tf_of(level) is not None for c, level in zip(COMPARISONS, levels, strict=True)
        )
    assert adjusted > 20  # the frequencies counted
    assert 0 < dropped < len(left)


def test_a_pair_below_the_floor_is_weighed_in_full_with_no_floor() -> None:
    known, rows = _register_and_list(persons=60)
    new = feature_table(rows)
    model = LinkageModel.load()
    left, right = _pairs_within_reach(known, new, model.blocking_rules)
    _, weights = _weighed(known, new, left, right, model, model.prior(len(known)), -math.inf)
    assert len(weights) and (weights > -math.inf).all()


def test_the_names_bounds_hold_every_pair_and_count_the_frequencies() -> None:
    """`_bounds` (`weighing.most_of` per record, the smaller of a pair's two) is at least what
    each name weighs in each pair at any of its levels, with the pair's own frequencies; and
    below the heaviest level's weight for pairs of common names, which that level alone (the
    bound before) would let through to have their names' levels found."""
    import numpy as np

    known, rows = _register_and_list()
    new = feature_table(rows)
    model = LinkageModel.load()
    left, right = _pairs_within_reach(known, new, model.blocking_rules)
    theirs = {c: listing._shares_of(new.column(c), known.shares[c]) for c in TF_COLUMNS}
    names = [comparison_named(name) for name in WEIGHED_LAST]
    bounds = listing._bounds(names, model, known.record_shares, theirs, left, right)
    tighter = 0
    for comparison in names:
        bound = bounds[comparison.name]
        assert bound.shape == (len(left),)
        heaviest = max(model.weights[COMPARISONS.index(comparison)])
        for index in range(len(comparison.levels)):
            level = pa.array(np.full(len(left), comparison.gamma(index), np.int64))
            weights = pair_weights(
                {comparison.name: level}, known.record_shares, left, right, model, None,
                their_shares=theirs, comparisons=[comparison],
            ).to_numpy(zero_copy_only=False)  # fmt: skip
            assert (weights <= bound + 1e-9).all()
        tighter += int((bound < heaviest - 1).sum())
    assert tighter > len(left) // 10


def test_a_list_value_the_register_lacks_is_bounded_by_the_register_side() -> None:
    """A list record whose name the register does not hold has no share: the pair's bound is
    the register record's own."""
    import numpy as np

    known, rows = _register_and_list(persons=60)
    new = feature_table(rows)
    model = LinkageModel.load()
    left, right = _pairs_within_reach(known, new, model.blocking_rules)
    theirs = {c: listing._shares_of(new.column(c), known.shares[c]) for c in TF_COLUMNS}
    unknown = {c: pa.nulls(len(values), pa.float64()) for c, values in theirs.items()}
    surname = comparison_named("surname")
    bound = listing._bounds([surname], model, known.record_shares, unknown, left, right)
    own = most_of(surname, model, known.record_shares)
    assert np.array_equal(bound["surname"], np.minimum(own[left], own[left].max()))
