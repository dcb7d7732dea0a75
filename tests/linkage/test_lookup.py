"""A register's blocking keys, hashed and sorted once: rules read as lookups find what their
joins find."""

from __future__ import annotations

from typing import Any

import duckdb
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]
import pytest

from homeward.linkage import lookup
from homeward.linkage.blocking import (
    BLOCKING_RULES,
    ONE_LETTER_RULES,
    TWO_LETTERS_RULES,
    BlockingRule,
    on,
    source,
)
from homeward.linkage.comparisons import COMPARISONS
from homeward.linkage.listing import _pairs_within_reach
from homeward.linkage.lookup import holding, pairs_found, rule_terms, top_level, value_codes
from homeward.linkage.pairs import comparison_levels
from homeward.linkage.prepared import PreparedRecords
from homeward.linkage.table import feature_table
from homeward.linkage.weighing import distinct_levels
from tests.linkage.factories import population


def test_terms_split_at_the_top_level_only() -> None:
    sql = "substr(l.a, 1, 4) = substr(r.a, 1, 4) AND (l.b OR r.b) AND l.c = 'x AND y'"
    assert top_level(sql, " AND ") == [
        "substr(l.a, 1, 4) = substr(r.a, 1, 4)", "(l.b OR r.b)", "l.c = 'x AND y'",
    ]  # fmt: skip


def test_a_rule_read_by_what_each_term_asks() -> None:
    rule = BlockingRule(
        "x",
        "substr(l.surname_key, 1, 4) = substr(r.surname_key, 1, 4) AND r.given_key = "
        "l.given_as_surname_key AND l.birth_year IS NULL AND levenshtein(l.a, r.b) <= 2",
    )
    (terms,) = rule_terms(rule)
    assert terms.left == ("substr(surname_key, 1, 4)", "given_as_surname_key")
    assert terms.right == ("substr(surname_key, 1, 4)", "given_key")
    assert terms.left_only == ("birth_year IS NULL",)
    assert terms.right_only == ()
    assert terms.rest == ("levenshtein(l.a, r.b) <= 2",)


def test_either_side_and_close_years_are_looked_up() -> None:
    either = BlockingRule(
        "x", f"{on('surname_key')} AND (l.given_is_initial OR r.given_is_initial)"
    )
    first, second = rule_terms(either)
    assert (first.left_only, first.right_only) == (("given_is_initial",), ())
    assert (second.left_only, second.right_only) == ((), ("given_is_initial",))
    (close,) = rule_terms(
        BlockingRule("y", f"{on('surname_key')} AND abs(l.birth_year - r.birth_year) <= 3")
    )
    assert close.left == close.right == ("surname_key", "birth_year")
    assert close.within == 3
    assert rule_terms(BlockingRule("z", "levenshtein(l.surname_key, r.surname_key) <= 1")) == ()


def _joined(
    known: pa.Table, new: pa.Table, rules: tuple[BlockingRule, ...]
) -> list[tuple[int, int]]:
    connection = duckdb.connect()
    connection.register("known", known)
    connection.register("incoming", new)
    found: set[tuple[int, int]] = set()
    for rule in rules:
        query = (
            f"SELECT l.unique_id, r.unique_id FROM {source('known', rule)} l "
            f"JOIN {source('incoming', rule)} r ON {rule.sql}"
        )
        found.update(connection.sql(query).fetchall())
    return sorted(found)


def test_rules_no_lookup_can_read_are_joined() -> None:
    """A rule without an equality, and one whose two sides' types differ (their hashes would),
    are joined as written; the others looked up; together the pairs of every rule."""
    rows = [record for record, _ in population(persons=150)]
    known = PreparedRecords.of(rows[::2])
    new = feature_table(rows[1::2])
    rules = (
        BlockingRule(
            "keys one letter apart",
            "substr(l.surname_key, 1, 3) = substr(r.surname_key, 1, 3) AND "
            "levenshtein(l.surname_key, r.surname_key) <= 1",
        ),
        BlockingRule(
            "no equality", "levenshtein(l.given_key, r.given_key) = 0 AND l.birth_year = 1990"
        ),
        BlockingRule("year against month", "l.birth_year = CAST(r.birth_month AS BIGINT) + 1900"),
        BlockingRule("bands of years", "floor(l.birth_year / 6) = floor(r.birth_year / 6)"),
        *BLOCKING_RULES[:3],
    )
    indexed, joined = known.sorted_keys(rules)
    assert [rule.name for rule in joined] == ["no equality"]
    _, unlike = pairs_found(indexed, known.table, new)
    assert [rule.name for rule in unlike] == ["year against month", "bands of years"]
    left, right = _pairs_within_reach(known, new, rules)
    found = list(zip(left.tolist(), right.tolist(), strict=True))
    assert found == _joined(known.table, new, rules)
    assert len(found) > 100


def test_the_rules_for_two_letters_off_are_looked_up() -> None:
    """A surname two letters off and the columns swapped with a slip: looked up on their
    equalities (the surname's first letters, the names across the columns), the distance checked
    with the rest; the pairs those of the join."""
    rules = (
        *(rule for rule in BLOCKING_RULES if rule.name.startswith("names swapped, the ")),
        *TWO_LETTERS_RULES,
    )
    assert len(rules) == 9
    rows = [record for record, _ in population(persons=400)]
    known = PreparedRecords.of(rows[::2])
    new = feature_table(rows[1::2])
    indexed, joined = known.sorted_keys(rules)
    assert joined == []
    assert pairs_found(indexed, known.table, new)[1] == []
    assert all(any("levenshtein" in term for term in terms.rest) for terms, _ in indexed)
    left, right = _pairs_within_reach(known, new, rules)
    found = list(zip(left.tolist(), right.tolist(), strict=True))
    assert found == _joined(known.table, new, rules)
    assert len(found) > 10


def test_an_exploded_lists_values_are_looked_up_one_by_one() -> None:
    """A rule on one value of a list (`BlockingRule.explode`): the register's records hashed
    once per value of theirs, the list's alike, each pair kept once however many values the
    two share; the pairs are those of the join on the unnested lists."""
    (terms,) = rule_terms(ONE_LETTER_RULES[0])
    assert terms.left[0] == terms.right[0] == "surname_deletions"
    assert terms.register_side[2] == "surname_deletions"
    whole = BlockingRule("the lists whole", on("surname_deletions"))
    assert rule_terms(whole)[0].register_side[2] is None
    rows = [record for record, _ in population(persons=400)]
    known = PreparedRecords.of(rows[::2])
    new = feature_table(rows[1::2])
    indexed, joined = known.sorted_keys(ONE_LETTER_RULES)
    assert joined == []
    assert pairs_found(indexed, known.table, new)[1] == []  # none joined
    # a band of birth years is a DOUBLE, whose equal values may hash apart: checked with the rest
    band = next(terms for terms, _ in indexed if terms.rule is ONE_LETTER_RULES[1])
    assert band.left == ("surname_deletions", "birth_year")
    assert band.within == 3
    assert "floor(l.birth_year / 6) = floor(r.birth_year / 6)" in band.rest
    keys = {id(keys): keys for _, keys in indexed}.values()
    with_values = pc.sum(pc.list_value_length(known.table.column("surname_deletions"))).as_py()
    assert max(len(k.hashes) for k in keys) > known.table.num_rows  # a key per value
    assert max(len(k.hashes) for k in keys) <= with_values
    left, right = _pairs_within_reach(known, new, ONE_LETTER_RULES)
    found = list(zip(left.tolist(), right.tolist(), strict=True))
    assert found == _joined(known.table, new, ONE_LETTER_RULES)
    assert len(found) > 10
    # every pair meets a rule as a condition on the whole lists
    kept = holding(known.table, new, left, right, ONE_LETTER_RULES)
    assert kept.tolist() == list(range(len(found)))


def test_pairs_that_share_a_hash_alone_are_dropped() -> None:
    rows = [record for record, _ in population(persons=40)]
    table = feature_table(rows)
    rules = (BlockingRule("surname key", on("surname_key")),)
    pairs = _joined(table, table, rules)
    strangers = [
        (a, b) for a in range(table.num_rows) for b in range(table.num_rows)
        if (a, b) not in set(pairs)
    ][:50]  # fmt: skip
    mixed = pairs[:50] + strangers
    left = pa.array([a for a, _ in mixed], pa.int64())
    right = pa.array([b for _, b in mixed], pa.int64())
    assert holding(table, table, left, right, rules).tolist() == list(range(min(50, len(pairs))))


def test_levels_found_once_per_distinct_values_are_each_pairs() -> None:
    """A list's pairs given their levels once per distinct pair of values (`value_codes`) get
    those the comparisons' SQL gives each pair."""
    rows = [record for record, _ in population()]
    known = PreparedRecords.of(rows[::3] + rows[1::3])
    new = feature_table(rows[2::3])
    left, right = _pairs_within_reach(known, new, BLOCKING_RULES)
    assert len(left) > 500
    found = distinct_levels(
        known.table, known.value_codes, left, right, other=(new, value_codes(new))
    )
    each = comparison_levels(known.table, pa.array(left), pa.array(right), new)
    assert found.keys() == each.keys()
    for name, levels in each.items():
        assert found[name].to_pylist() == levels.to_pylist(), name


def test_value_codes_tell_apart_exactly_the_distinct_values() -> None:
    rows = [record for record, _ in population(persons=30)]
    table = feature_table(rows)
    codes = value_codes(table)
    for comparison in COMPARISONS:
        columns = comparison.level_columns
        values = list(zip(*(table.column(c).to_pylist() for c in columns), strict=True))
        code, count = codes[comparison.name]
        assert count == len(set(values)) == len(set(code.tolist()))
        assert len({(v, int(c)) for v, c in zip(values, code, strict=True)}) == count


def test_a_pair_several_rules_find_is_checked_once_for_their_rest(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The rules for two letters off share their rest (the surnames' edit distance): a pair
    more than one of them finds is checked once, and each rule keeps the pairs its join finds,
    in the order looked up."""
    rules = TWO_LETTERS_RULES
    rows = [record for record, _ in population(persons=400)]
    known = PreparedRecords.of(rows[::2])
    new = feature_table(rows[1::2])
    indexed, _ = known.sorted_keys(rules)
    checked: list[tuple[int, int, int]] = []
    original = lookup.meeting

    def counted(known: Any, incoming: Any, left: Any, right: Any, *args: Any) -> Any:
        checked.extend(zip(left.tolist(), right.tolist(), args[2].tolist(), strict=True))
        return original(known, incoming, left, right, *args)

    monkeypatch.setattr(lookup, "meeting", counted)
    pairs, _ = pairs_found(indexed, known.table, new)
    assert len({rule for _, _, rule in checked}) == 1  # one condition read alike by all
    assert len(checked) == len({(left, right) for left, right, _ in checked})
    shared = 0
    seen: set[tuple[int, int]] = set()
    for rule, (left, right) in zip(rules, pairs, strict=True):
        found = list(zip(left.tolist(), right.tolist(), strict=True))
        assert sorted(set(found)) == _joined(known.table, new, (rule,))
        shared += len(seen & set(found))
        seen |= set(found)
    assert shared > 10  # pairs more than one rule found
