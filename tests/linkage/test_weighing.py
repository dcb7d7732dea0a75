"""A deduplication's pairs weighed in Arrow (`weighing.weigh_dedupe`) are Splink's predictions:
the same pairs, levels, weights (term-frequency adjustments included), probabilities and vetoes."""

from __future__ import annotations

import math
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]
import pytest

from homeward.linkage.backends import open_backend
from homeward.linkage.blocking import source
from homeward.linkage.comparisons import COMPARISONS
from homeward.linkage.features import LinkRecord
from homeward.linkage.model import LinkageModel
from homeward.linkage.pairs import (
    Thresholds,
    blocked_positions,
    coded_rules,
    comparison_levels,
    dedupe_pairs,
    predict,
)
from homeward.linkage.prepared import PreparedRecords
from homeward.linkage.scoring import prior_weight
from homeward.linkage.weighing import distinct_levels, pair_weights, weigh_dedupe
from tests.linkage.factories import fixed_model, population

# far below review: most blocked pairs are kept, with every level some pair is at
MARGIN = 60.0
# The demo population holds no diminutives: two pairs of a witness's name and a relative's, so
# that the diminutive levels (and their term-frequency adjustment) are reached too.
DIMINUTIVES = (
    LinkRecord("dim-1", "Ткачук", "Саша", sex="M", birth_date="1990", source="testimony"),
    LinkRecord("dim-2", "Ткачук", "Олександр", "Петрович", "M", "12.03.1990", source="relative"),
    LinkRecord("dim-3", "Гнатюк", "Коля", sex="M", birth_date="1985", source="testimony"),
    LinkRecord("dim-4", "Гнатюк", "Микола", "Іванович", "M", "01.07.1985", source="relative"),
)


@pytest.fixture(scope="module", params=["shipped", "fixed"])
def both(request: Any) -> tuple[dict[str, Any], dict[str, Any], PreparedRecords, LinkageModel]:
    model = LinkageModel.load() if request.param == "shipped" else fixed_model()
    prepared = PreparedRecords.of([record for record, _ in population()] + list(DIMINUTIVES))
    prior = model.prior(len(prepared) - 1)
    thresholds = Thresholds()
    with open_backend("duckdb") as engine:
        splinks = predict(
            engine, [prepared.table], model, prepared.shares, "dedupe_only", prior, thresholds,
            margin=MARGIN, with_levels=True,
        )  # fmt: skip
    ours = weigh_dedupe(prepared, model, prior, prior_weight(thresholds.review) - MARGIN)
    return splinks, ours, prepared, model


def test_the_same_pairs_in_the_same_order(both: Any) -> None:
    splinks, ours, _, _ = both
    assert len(splinks["left"]) > 1000
    assert ours["left"] == splinks["left"]
    assert ours["right"] == splinks["right"]
    assert ours["vetoed"] == splinks["vetoed"]


def test_the_blocked_positions_are_the_blocked_pairs_in_order_of_position(both: Any) -> None:
    _, _, prepared, model = both
    left, right = blocked_positions(prepared.table, model.blocking_rules)
    pairs = dedupe_pairs(prepared.table, model.blocking_rules)
    pairs = pairs.sort_by([("join_key_l", "ascending"), ("join_key_r", "ascending")])
    assert len(left) > 1000
    assert left.tolist() == pairs.column("join_key_l").to_pylist()
    assert right.tolist() == pairs.column("join_key_r").to_pylist()


def test_the_same_weights_and_probabilities(both: Any) -> None:
    splinks, ours, _, _ = both
    for name in ("weight", "probability"):
        assert all(
            math.isclose(a, b, rel_tol=0, abs_tol=1e-9)
            for a, b in zip(ours[name], splinks[name], strict=True)
        )


def test_the_same_levels_and_term_frequency_levels_are_reached(both: Any) -> None:
    splinks, ours, _, _ = both
    for comparison in COMPARISONS:
        assert ours["gammas"][comparison.name].type == pa.int8()
        assert ours["gammas"][comparison.name].equals(splinks["gammas"][comparison.name])
    assert set(ours["levels"]) == set(splinks["levels"])
    for key, at in ours["levels"].items():
        assert at.equals(splinks["levels"][key])
        assert at.true_count > 0, key  # each term-frequency level is weighed somewhere


def test_a_value_without_a_frequency_is_not_adjusted() -> None:
    model = fixed_model()
    prepared = PreparedRecords.of([record for record, _ in population()][:200])
    left, right = pa.array([0, 1], pa.int64()), pa.array([1, 2], pa.int64())
    import numpy as np

    positions = np.array([0, 1], np.int64), np.array([1, 2], np.int64)
    gammas = distinct_levels(prepared.table, prepared.value_codes, *positions)
    weighed = pair_weights(gammas, prepared.record_shares, left, right, model, 0.01)
    nulls = {column: pa.nulls(len(prepared), pa.float64()) for column in prepared.record_shares}
    unadjusted = pair_weights(gammas, nulls, left, right, model, 0.01)
    levels = [
        sum(
            model.weights[position][len(comparison.levels) - gamma] if gamma >= 0 else 0.0
            for position, (comparison, gamma) in enumerate(
                (c, gammas[c.name][k].as_py()) for c in COMPARISONS
            )
        )
        for k in range(2)
    ]
    expected = [prior_weight(0.01) + weight for weight in levels]
    assert unadjusted.to_pylist() == pytest.approx(expected, abs=1e-9)
    assert len(weighed) == 2


def _pairs_and_strangers(prepared: PreparedRecords, model: LinkageModel) -> tuple[Any, Any]:
    """The blocked pairs, and pairs no rule finds (records without names, dates or numbers
    among them), as int32 positions."""
    import numpy as np

    left, right = blocked_positions(prepared.table, model.blocking_rules)
    rng = np.random.default_rng(5)
    strangers = rng.integers(0, len(prepared), (2, 3000))
    return (np.concatenate([left, strangers[0]]).astype(np.int32),
            np.concatenate([right, strangers[1]]).astype(np.int32))  # fmt: skip


@pytest.mark.parametrize("cells", [0, 1 << 40])
def test_levels_numbered_by_hashing_or_a_table_are_each_pairs(
    both: Any, cells: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The distinct pairs of values numbered by hashing their codes or by a table of every pair
    of codes (`weighing.DENSE_CELLS`, `DENSE_CELLS_PER_PAIR`) get the levels the comparisons'
    SQL gives each pair, as int8."""
    import homeward.linkage.weighing as weighing

    _, _, prepared, model = both
    left, right = _pairs_and_strangers(prepared, model)
    monkeypatch.setattr(weighing, "DENSE_CELLS", cells)
    monkeypatch.setattr(weighing, "DENSE_CELLS_PER_PAIR", cells)
    found = weighing.distinct_levels(prepared.table, prepared.value_codes, left, right)
    each = comparison_levels(
        prepared.table, pa.array(left, pa.int64()), pa.array(right, pa.int64())
    )
    for comparison in COMPARISONS:
        assert found[comparison.name].type == pa.int8()
        assert found[comparison.name].equals(each[comparison.name]), comparison.name


def _summed_in_arrow(
    gammas: dict[str, Any], record_shares: dict[str, Any], left: Any, right: Any,
    model: LinkageModel, prior: float | None,
) -> Any:  # fmt: skip
    """`weighing.pair_weights` as it was summed in Arrow, term by term (the reference)."""
    import numpy as np

    from homeward.linkage.reweigh import level_weights_of

    count = len(left)
    left, right = pa.array(left, pa.int64()), pa.array(right, pa.int64())
    start = 0.0 if prior is None else prior_weight(prior)
    weights = pa.array(np.full(count, start) if count else [], pa.float64())
    for position, comparison in enumerate(COMPARISONS):
        gamma = pc.fill_null(gammas[comparison.name], -1)
        weights = pc.add(weights, level_weights_of(comparison, model.weights[position], gamma))
        adjustment = None
        for index in range(len(comparison.levels)):
            tf = comparison.tf_of(index)
            if tf is None:
                continue
            column, tf_weight = tf
            at_level = pc.equal(gamma, comparison.gamma(index))
            at = pc.indices_nonzero(at_level)
            frequency = pc.max_element_wise(
                record_shares[column].take(left.take(at)),
                record_shares[column].take(right.take(at)),
            )
            u = model.parameters[comparison.name][index].u
            change = pc.fill_null(
                pc.multiply(pc.subtract(math.log2(u), pc.log2(frequency)), tf_weight), 0.0
            )
            if adjustment is None:
                adjustment = pa.array(np.zeros(count), pa.float64())
            if isinstance(change, pa.ChunkedArray):
                change = change.combine_chunks()
            adjustment = pc.replace_with_mask(adjustment, at_level, change)
        if adjustment is not None:
            weights = pc.add(weights, adjustment)
    return weights


@pytest.mark.parametrize("kind", [pa.int8(), pa.int32()])
def test_weights_summed_in_numpy_are_arrows_to_the_last_bit(both: Any, kind: pa.DataType) -> None:
    """Every level of every comparison (absent and null too), at int8 and int32 levels: the
    weights `pair_weights` sums are the Arrow sums', bit for bit."""
    import numpy as np

    _, _, prepared, model = both
    left, right = _pairs_and_strangers(prepared, model)
    rng = np.random.default_rng(7)
    gammas = {}
    for comparison in COMPARISONS:
        levels = rng.integers(-1, len(comparison.levels) + 1, len(left))
        gammas[comparison.name] = pa.array(levels, kind, mask=rng.random(len(left)) < 0.05)
    for prior in (0.01, None):
        ours = pair_weights(gammas, prepared.record_shares, left, right, model, prior)
        theirs = _summed_in_arrow(gammas, prepared.record_shares, left, right, model, prior)
        assert np.array_equal(
            ours.to_numpy().view(np.int64), theirs.to_numpy(zero_copy_only=False).view(np.int64)
        )


def test_the_rules_on_numbers_find_the_pairs_of_the_rules_on_text(both: Any) -> None:
    """Each rule joined on the numbers of its texts (`pairs.coded_rules`) finds the pairs it
    finds on the texts: nulls, prefixes, edit distances and columns compared across."""
    import duckdb

    _, _, prepared, model = both
    coded, written = coded_rules(prepared.table, model.blocking_rules)
    assert any("__text" in sql for sql in written)
    assert any("__1 = " in sql for sql in written)
    assert coded.schema.field("surname_key").type == pa.int32()
    assert coded.schema.field("surname_deletions").type.value_type == pa.int32()
    connection = duckdb.connect()
    connection.register("texts", prepared.table)
    connection.register("numbers", coded)
    for rule, sql in zip(model.blocking_rules, written, strict=True):
        found = [
            sorted(connection.sql(
                f"SELECT DISTINCT l.unique_id, r.unique_id FROM {source(name, rule)} l "
                f"JOIN {source(name, rule)} r ON {on} WHERE l.unique_id < r.unique_id"
            ).fetchall())
            for name, on in (("texts", rule.sql), ("numbers", sql))
        ]  # fmt: skip
        assert found[0] == found[1], rule.name
    connection.close()


def test_each_comparison_whose_levels_are_shared_gives_a_pair_one_level_either_way(
    both: Any,
) -> None:
    """A deduplication finds a symmetric comparison's level once per unordered pair of values
    (`Comparison.symmetric`): in the comparisons' SQL and in Python, each pair is at the same
    level in either order, blocked pairs and pairs no rule finds."""
    _, _, prepared, model = both
    left, right = _pairs_and_strangers(prepared, model)
    forth = comparison_levels(
        prepared.table, pa.array(left, pa.int64()), pa.array(right, pa.int64())
    )
    back = comparison_levels(
        prepared.table, pa.array(right, pa.int64()), pa.array(left, pa.int64())
    )
    rows = prepared.table.to_pylist()
    shared = [comparison for comparison in COMPARISONS if comparison.symmetric]
    assert {c.name for c in shared} == {c.name for c in COMPARISONS}  # every one, today
    for comparison in shared:
        assert forth[comparison.name].equals(back[comparison.name]), comparison.name
        for a, b in zip(left[::7].tolist(), right[::7].tolist(), strict=True):
            assert comparison.level_of(rows[a], rows[b]) == comparison.level_of(rows[b], rows[a])


def test_a_comparison_whose_levels_depend_on_the_order_is_found_for_each_order(
    both: Any,
) -> None:
    """A level reading one side's column against the other's (`conditions.crossed` alone) is
    not symmetric: its pairs are numbered in their order, each given its own level."""
    import numpy as np

    from homeward.linkage.comparisons import Comparison, Level
    from homeward.linkage.conditions import all_of, crossed, crossed_slip, either_null, same

    assert not crossed("surname_key", "given_as_surname_key").symmetric
    assert not crossed_slip("surname_key", "given_as_surname_key").symmetric
    assert all_of(
        crossed("surname_key", "given_as_surname_key"),
        crossed("given_as_surname_key", "surname_key"),
    ).symmetric
    # named "surname", so that the surname's value codes (which hold both columns) number it
    one_way = Comparison(
        "surname",
        "surname",
        either_null("surname_key"),
        (
            Level("same", same("surname_key")),
            Level("given as surname", crossed("surname_key", "given_as_surname_key")),
        ),
    )
    assert not one_way.symmetric
    _, _, prepared, model = both
    left, right = _pairs_and_strangers(prepared, model)
    rows = prepared.table.to_pylist()
    # each pair also in the other order: (a, b) and (b, a) at different levels somewhere
    left, right = np.concatenate([left, right]), np.concatenate([right, left])
    found = distinct_levels(
        prepared.table, prepared.value_codes, left, right, comparisons=[one_way]
    )["surname"].to_pylist()
    expected = [
        one_way.gamma(one_way.level_of(rows[a], rows[b]))
        for a, b in zip(left.tolist(), right.tolist(), strict=True)
    ]
    assert found == expected
    half = len(left) // 2
    assert any(found[k] != found[k + half] for k in range(half))


def test_each_rule_finds_its_pairs_on_the_text(both: Any) -> None:
    """Each rule alone (`pairs.blocked_positions`: the exploded ones through the pairs of keys
    whose lists share a value, the edit distances once per distinct pair of spellings) finds
    the pairs its SQL finds on the texts."""
    _, _, prepared, model = both
    found_by_rule = 0
    for rule in model.blocking_rules:
        left, right = blocked_positions(prepared.table, (rule,))
        pairs = dedupe_pairs(prepared.table, (rule,))
        pairs = pairs.sort_by([("join_key_l", "ascending"), ("join_key_r", "ascending")])
        assert left.tolist() == pairs.column("join_key_l").to_pylist(), rule.name
        assert right.tolist() == pairs.column("join_key_r").to_pylist(), rule.name
        found_by_rule += len(left) > 0
    assert found_by_rule >= len(model.blocking_rules) - 4


def test_an_exploded_rule_whose_lists_are_not_one_per_key_is_joined_on_its_values(
    both: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where a surname key has two lists of deletions, the pairs of keys sharing a value would
    not say which records share one: the rule is joined on the exploded values, the same
    pairs."""
    import homeward.linkage.pairs as pairs_module
    from homeward.linkage.blocking import ONE_LETTER_RULES

    _, _, prepared, _ = both
    through = pairs_module._through_keys
    joined: list[bool] = []

    def spied(*arguments: Any) -> Any:
        found = through(*arguments)
        joined.append(found is not None)
        return found

    monkeypatch.setattr(pairs_module, "_through_keys", spied)
    table = prepared.table
    keys = table.column("surname_key").to_pylist()
    lists = table.column("surname_deletions").to_pylist()
    first = next(k for k, key in enumerate(keys) if key and lists[k] and keys.count(key) > 1)
    other = next(k for k, key in enumerate(keys) if key and lists[k] and key != keys[first])
    lists[first] = [*lists[first], *lists[other]]  # its key now has two lists
    column = table.schema.get_field_index("surname_deletions")
    table = table.set_column(
        column, "surname_deletions", pa.array(lists, table.column(column).type)
    )
    for rule in ONE_LETTER_RULES:
        left, right = blocked_positions(table, (rule,))
        pairs = dedupe_pairs(table, (rule,))
        pairs = pairs.sort_by([("join_key_l", "ascending"), ("join_key_r", "ascending")])
        assert left.tolist() == pairs.column("join_key_l").to_pylist(), rule.name
        assert right.tolist() == pairs.column("join_key_r").to_pylist(), rule.name
    assert joined == [False] * len(ONE_LETTER_RULES)
