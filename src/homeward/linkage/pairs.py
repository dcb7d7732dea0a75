"""What batch deduplication and list linking share: decisions, scored pairs, and Splink's
predictions as Arrow arrays in an order that does not depend on the engine."""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]

from homeward.linkage.backends import Backend, register_term_frequencies
from homeward.linkage.blocking import BlockingRule, source
from homeward.linkage.comparisons import COMPARISONS, TF_COLUMNS, Comparison, numbers_conflict
from homeward.linkage.features import COLUMNS
from homeward.linkage.model import LinkageModel
from homeward.linkage.scoring import PairScore, prior_weight
from homeward.linkage.splink_settings import settings_dict

AUTO, REVIEW, NONE = "auto", "review", "none"


@dataclass(frozen=True)
class Thresholds:
    """Match probabilities: `auto` links by itself, `review` asks a person."""

    auto: float = 0.95
    review: float = 0.5

    def __post_init__(self) -> None:
        if not 0 < self.review <= self.auto < 1:
            raise ValueError("thresholds need 0 < review <= auto < 1")

    def decide(self, probability: float, vetoed: bool, refused: bool = False) -> str:
        """auto, review or none; a vetoed or refused pair (`guards`) is at most review."""
        if probability >= self.auto and not (vetoed or refused):
            return AUTO
        return REVIEW if probability >= self.review else NONE


DEFAULT_THRESHOLDS: Final = Thresholds()


@dataclass(frozen=True)
class ScoredPair:
    left_id: str
    right_id: str
    score: PairScore
    decision: str  # auto | review | none
    refused: str | None = None  # why a pair above the automatic threshold waits for review
    priority: float = 0.0  # how much deciding it would move the clusters (review pairs)


# The score of a record with no candidate at all.
NO_CANDIDATE = PairScore(match_weight=-math.inf, match_probability=0.0, fields=(), vetoed=None)


@dataclass(frozen=True)
class LinkDecision:
    list_record_id: str
    register_record_id: str | None  # the best candidate (None when no candidate reached review)
    score: PairScore  # the best candidate's; NO_CANDIDATE when there is none
    decision: str  # auto | review | none
    explanation: str
    alternatives: tuple[ScoredPair, ...] = ()  # the other candidates at or above review
    refused: str | None = None  # why the best candidate, above the automatic threshold, waits


def predict(
    engine: Backend,
    tables: list[Any],
    model: LinkageModel,
    shares: dict[str, dict[str, float]],
    link_type: str,
    prior: float,
    thresholds: Thresholds,
    *,
    margin: float = 0.0,
    with_levels: bool = False,
) -> dict[str, Any]:
    """Splink's scored pairs at or above the review threshold (with `margin`, that many bits
    below it), in order of position: "left", "right", "weight", "probability" and "vetoed" as
    lists; with `with_levels`, "gammas" (per comparison, each pair's level as Splink numbers
    it) and "levels" (per term-frequency column and weight, whether each pair is at a level
    adjusted by it), as Arrow arrays."""
    frames = [engine.register(table, f"records_{i}") for i, table in enumerate(tables)]
    settings = settings_dict(
        model,
        link_type=link_type,
        prior=prior,
        retain=model.vetoes,
        blocking_rules=model.blocking_rules,
    )
    from splink import Linker  # imported here: half a second, for linkage only

    linker = Linker(frames if len(frames) > 1 else frames[0], settings, log_level=logging.WARNING)
    register_term_frequencies(engine, linker, shares)
    if link_type == "dedupe_only" and engine.name == "duckdb":
        # the same pairs Splink's blocking finds, found without its cost (`dedupe_pairs`)
        blocked = engine.register(dedupe_pairs(tables[0], model.blocking_rules), "blocked_pairs")
        registered = linker.table_management.register_blocked_pairs_for_predict(blocked)
        # scored like pairs Splink found itself: told they were registered, Splink first copies
        # the records of each side that the pairs hold (at a million records, all of them)
        registered.metadata["registered_for_predict"] = False
    lowest = prior_weight(thresholds.review) - margin
    result = linker.inference.predict(threshold_match_weight=lowest, warning_mode="never")
    # a veto comparison's "different" level (`numbers_conflict`)
    veto_columns = [f"{name}_{side}" for name in model.vetoes for side in "lr"]
    columns = ["unique_id_l", "unique_id_r", "match_weight", "match_probability", *veto_columns]
    if link_type == "link_only":
        columns += ["source_dataset_l"]
    table = engine.to_arrow(result, columns)
    left, right = table.column("unique_id_l"), table.column("unique_id_r")
    if link_type == "link_only":
        # the register's record on the left, the incoming one on the right
        swap = pc.not_equal(table.column("source_dataset_l"), "records_0")
        left, right = pc.if_else(swap, right, left), pc.if_else(swap, left, right)
    pairs = pa.table({
        "left": left, "right": right,
        "weight": table.column("match_weight"), "probability": table.column("match_probability"),
        "vetoed": vetoed_of(table, model),
    })  # fmt: skip
    # in order of position: engines return rows in an order of their own (DuckDB's varies from
    # run to run, Spark's with the partitions), and ties must not depend on it
    pairs = pairs.sort_by([("left", "ascending"), ("right", "ascending")])
    found: dict[str, Any] = {
        name: pairs.column(name).to_pylist()
        for name in ("left", "right", "weight", "probability", "vetoed")
    }
    if with_levels:
        found["gammas"] = comparison_levels(tables[0], pairs.column("left"), pairs.column("right"))
        found["levels"] = tf_levels_of(found["gammas"])
    return found


def dedupe_pairs(table: pa.Table, rules: Sequence[BlockingRule]) -> pa.Table:
    """Every pair of records of `table` that some blocking rule finds, once each, as Splink's
    blocking gives them to its predictions ("match_key", the first rule that finds the pair;
    "join_key_l" and "join_key_r", the pair's `unique_id`s, the smaller on the left).

    Splink asks each rule for the pairs none of the rules before it finds, evaluating every
    earlier rule on every pair the rule meets: at a million records, 75 s of CPU for 15 million
    pairs. Here each rule is one join on the columns the rules read, and the pairs are counted
    once in one aggregation (13 s): the same pairs, so the same predictions."""
    import duckdb  # imported here: for linkage only

    used = ["unique_id", *sorted({name for name in COLUMNS for rule in rules if name in rule.sql})]
    connection = duckdb.connect()
    try:
        connection.execute("SET enable_progress_bar = false")
        connection.execute("SET preserve_insertion_order = false")
        connection.register("records", table.select(used))
        # the rules are this package's SQL, not user input
        joins = " UNION ALL ".join(
            f"SELECT {index} AS rule, l.unique_id AS join_key_l, r.unique_id AS join_key_r "  # noqa: S608
            f"FROM {source('records', rule)} l JOIN {source('records', rule)} r ON {rule.sql} "
            "WHERE l.unique_id < r.unique_id"
            for index, rule in enumerate(rules)
        )
        found: pa.Table = connection.sql(
            "SELECT CAST(min(rule) AS VARCHAR) AS match_key, join_key_l, join_key_r "  # noqa: S608
            f"FROM ({joins}) GROUP BY join_key_l, join_key_r"
        ).to_arrow_table()
    finally:
        connection.close()
    return found


def blocked_positions(table: pa.Table, rules: Sequence[BlockingRule]) -> tuple[Any, Any]:
    """The pairs of `dedupe_pairs` without the rule that found them, as two NumPy arrays of
    `unique_id`s (positions in `table`, the smaller on the left; int32 below 2³¹ records), in
    order of position.

    One aggregation over every rule's pairs held DuckDB's hash table of all of them at once (at
    300,000 records, 1.2 GiB for 4 million pairs: the peak of a deduplication); here each rule's
    pairs come as one 64-bit number per pair, sorted and counted once in NumPy: a third of the
    memory, no more time. The rules join on numbers, not text (`coded_rules`): the same pairs,
    for two fifths less of the joins' time. An exploded rule joins through the pairs of keys
    whose lists share a value (`_rule_query`)."""
    import duckdb  # imported here: for linkage only
    import numpy as np

    width = max(table.num_rows, 1)
    coded, written = coded_rules(table, rules)
    parts = []
    connection = duckdb.connect()
    try:
        connection.execute("SET enable_progress_bar = false")
        connection.execute("SET preserve_insertion_order = false")
        connection.register("records", coded)
        del coded
        for rule, sql in zip(rules, written, strict=True):
            query = _rule_query(connection, rule, sql, width)
            found = connection.sql(query).to_arrow_table().column(0)
            parts.append(found.to_numpy().astype(np.int64, copy=False))
            del found
    finally:
        connection.close()
    pairs = np.concatenate(parts) if parts else np.empty(0, np.int64)
    del parts
    pairs.sort()
    if len(pairs):
        first = np.empty(len(pairs), np.bool_)  # a pair met by more rules or values, once
        first[0] = True
        np.not_equal(pairs[1:], pairs[:-1], out=first[1:])
        pairs = pairs[first]
        del first
    index_type = np.int32 if width < 2**31 else np.int64
    left = (pairs // width).astype(index_type)
    pairs -= left.astype(np.int64) * width
    return left, pairs.astype(index_type)


_PREFIX: Final = re.compile(r"substr\(([lr])\.(\w+), 1, (\d+)\)")
_DISTANCE: Final = re.compile(r"\b((?:damerau_)?levenshtein)\(([lr])\.(\w+), ([lr])\.(\w+)\)")
_EQUAL: Final = re.compile(r"\b[lr]\.(\w+) (?:=|<>) [lr]\.(\w+)\b")
_COLUMN: Final = re.compile(r"\b[lr]\.(\w+)\b")


_UNEQUAL: Final = re.compile(r"\bl\.(\w+) <> r\.\1\b")
_LEFT: Final = re.compile(r"\bl\.(\w+)\b")


def _rule_query(connection: Any, rule: BlockingRule, sql: str, width: int) -> str:
    """The query of the pairs `rule` finds (`sql`, as `coded_rules` writes it) in `records`,
    each as `l.unique_id * width + r.unique_id`; a pair may come more than once.

    An exploded list that is one list per value of a key the rule asks to differ on the two
    sides (`l.surname_deletions = r.surname_deletions AND l.surname_key <> r.surname_key`) is
    joined through a table of the pairs of distinct keys whose lists share a value: each record
    meets the few keys one letter off its own, not each of its list's values every record
    holding it (the pairs of the same surname once per value): the same pairs."""
    # the rules are this package's SQL, not user input
    rows = f"l.unique_id * {width} + r.unique_id AS pair"
    if rule.explode is not None:
        joined = _through_keys(connection, rule, sql, rows)
        if joined is not None:
            return joined
    return (
        f"SELECT {rows} FROM {source('records', rule)} l "  # noqa: S608
        f"JOIN {source('records', rule)} r ON {sql} WHERE l.unique_id < r.unique_id"
    )


def _tables(connection: Any) -> set[str]:
    return {name for (name,) in connection.sql("SHOW TABLES").fetchall()}


def _through_keys(connection: Any, rule: BlockingRule, sql: str, rows: str) -> str | None:
    """The query of an exploded rule's `rows` through the pairs of keys whose lists share a
    value (`_rule_query`), or None where the rule or the records are not of that form."""
    column = rule.explode
    shared = f"l.{column} = r.{column}"
    unequal = _UNEQUAL.search(sql)
    if shared not in sql or unequal is None:
        return None
    key = unequal[1]
    table = f"shared_{column}_{key}"
    if table not in _tables(connection):
        lists = (
            f"SELECT DISTINCT {key} AS key, {column} AS list FROM records "  # noqa: S608
            f"WHERE {key} IS NOT NULL"
        )
        ((distinct, keys),) = connection.sql(
            f"SELECT count(*), count(DISTINCT key) FROM ({lists})"  # noqa: S608
        ).fetchall()
        if distinct != keys:  # a key with two lists
            return None
        connection.execute(
            f"CREATE TEMP TABLE {table} AS "  # noqa: S608
            f"WITH value AS (SELECT key, unnest(list) AS value FROM ({lists})) "
            "SELECT DISTINCT a.key AS a, b.key AS b FROM value a JOIN value b "
            "ON a.value = b.value WHERE a.key <> b.key"
        )
    rest = sql.replace(shared, "TRUE")
    # each record beside the keys one letter off its own first: left to itself, DuckDB joined
    # the records on the rest's columns first (every pair of the same given name)
    held = ", ".join(f"l.{name}" for name in sorted({"unique_id", *_LEFT.findall(rest)}))
    return (
        f"WITH beside AS MATERIALIZED (SELECT {held}, k.b AS {key}__other "  # noqa: S608
        f"FROM records l JOIN {table} k ON l.{key} = k.a) SELECT {rows} FROM beside l "
        f"JOIN records r ON r.{key} = l.{key}__other AND {rest} WHERE l.unique_id < r.unique_id"
    )


def coded_rules(table: pa.Table, rules: Sequence[BlockingRule]) -> tuple[pa.Table, list[str]]:
    """The columns `rules` read with each text (and each list of texts) a number, and the rules
    rewritten to read them: the same pairs as on the text, joined on numbers.

    Two texts get the same number exactly when they are equal, across the columns a rule
    compares with one another (`l.surname_key = r.given_as_surname_key`: one numbering for
    both); a null stays null. A rule's `substr(l.x, 1, n)` reads a column `x__n` of those
    prefixes (cut by DuckDB, numbered alike), and an edit distance reads the text itself
    (`x__text`). The rules are this package's own SQL, in the forms `blocking` writes."""
    import duckdb  # imported here: for linkage only

    written = []
    prefixes: set[tuple[str, int]] = set()
    texts: set[str] = set()
    for rule in rules:
        sql = _DISTANCE.sub(lambda m: f"{m[1]}({m[2]}.{m[3]}__text, {m[4]}.{m[5]}__text)", rule.sql)
        texts.update(name for m in _DISTANCE.finditer(rule.sql) for name in (m[3], m[5]))
        prefixes.update((m[2], int(m[3])) for m in _PREFIX.finditer(sql))
        written.append(_PREFIX.sub(lambda m: f"{m[1]}.{m[2]}__{m[3]}", sql))
    read = set(dict.fromkeys(name for sql in written for name in _COLUMN.findall(sql)))
    columns: dict[str, pa.Array] = {"unique_id": table.column("unique_id").combine_chunks()}
    base = {name for name in read if "__" not in name}
    for name in sorted(base):
        columns[name] = table.column(name).combine_chunks()
    if prefixes:
        names = sorted(prefixes)
        connection = duckdb.connect()
        try:
            connection.register("records", table.select(sorted({name for name, _ in names})))
            cut = connection.sql(
                "SELECT "  # noqa: S608 - this package's column names
                + ", ".join(f"substr({name}, 1, {n}) AS {name}__{n}" for name, n in names)
                + " FROM records"
            ).to_arrow_table()
        finally:
            connection.close()
        for name, n in names:
            columns[f"{name}__{n}"] = cut.column(f"{name}__{n}").combine_chunks()
    # the columns compared with one another share a numbering
    group = {name: name for name in columns}

    def root(name: str) -> str:
        while group[name] != name:
            name = group[name]
        return name

    for sql in written:
        for first, second in _EQUAL.findall(sql):
            if first in group and second in group:
                group[root(first)] = root(second)
    textual = [name for name in columns if _is_text(columns[name].type)]
    for members in _groups(textual, root):
        for name, numbers in zip(members, _numbered([columns[m] for m in members]), strict=True):
            columns[name] = numbers
    for name in sorted(texts):
        columns[f"{name}__text"] = table.column(name).combine_chunks()
    return pa.table(columns), written


def _is_list(kind: pa.DataType) -> bool:
    return bool(pa.types.is_list(kind) or pa.types.is_large_list(kind))


def _is_text(kind: pa.DataType) -> bool:
    if _is_list(kind):
        kind = kind.value_type
    return bool(pa.types.is_string(kind) or pa.types.is_large_string(kind))


def _groups(names: list[str], root: Any) -> list[list[str]]:
    found: dict[str, list[str]] = {}
    for name in names:
        found.setdefault(root(name), []).append(name)
    return list(found.values())


def _numbered(arrays: list[pa.Array]) -> list[pa.Array]:
    """`arrays` (texts, or lists of texts) with each text a number (int32), one numbering for
    all of them: equal texts, equal numbers; nulls stay null."""
    flat = [a.values if _is_list(a.type) else a for a in arrays]
    values = pa.chunked_array(flat, flat[0].type).combine_chunks() if len(flat) > 1 else flat[0]
    numbers = pc.dictionary_encode(values).indices.cast(pa.int32())
    found, offset = [], 0
    for array, values in zip(arrays, flat, strict=True):
        own = numbers.slice(offset, len(values))
        offset += len(values)
        if _is_list(array.type):
            own = type(array).from_arrays(array.offsets, own, mask=array.is_null())
        found.append(own)
    return found


def comparison_levels(
    table: pa.Table, left: Any, right: Any, right_table: pa.Table | None = None
) -> dict[str, pa.Array]:
    """Per comparison, each pair's level as Splink numbers it (`Comparison.gamma`; int8), from
    the same SQL Splink ran, on the pairs alone: asking Splink to keep the levels made it write
    every compared column of every pair it kept (a seventh of its time at a million records).
    `left` and `right` are positions in `table` (a feature table's `unique_id`s), or in `table`
    and `right_table`: each pair's two records are taken side by side in Arrow, so that DuckDB
    joins nothing (joining the pairs to a million records read all of them)."""
    used = sorted({column for comparison in COMPARISONS for column in comparison.columns})
    other = table if right_table is None else right_table
    pairs = pa.table({
        "position": pa.array(range(len(left)), pa.int64()),
        **{f"{column}_l": table.column(column).take(left) for column in used},
        **{f"{column}_r": other.column(column).take(right) for column in used},
    })  # fmt: skip
    cases = [f"{level_case(comparison)} AS {comparison.name}" for comparison in COMPARISONS]
    import duckdb

    connection = duckdb.connect()
    try:
        connection.execute("SET enable_progress_bar = false")
        connection.register("pairs", pairs)
        # the comparisons' SQL is this package's, not user input
        found = connection.sql(
            f"SELECT {', '.join(cases)} FROM pairs ORDER BY position"  # noqa: S608
        ).to_arrow_table()
    finally:
        connection.close()
    return {
        comparison.name: found.column(comparison.name).combine_chunks().cast(pa.int8())
        for comparison in COMPARISONS
    }


def level_case(comparison: Comparison) -> str:
    """A comparison's level (`Comparison.gamma`) as SQL over columns `x_l` and `x_r`."""
    whens = [f"WHEN {comparison.absent.sql} THEN -1"]
    for index, level in enumerate(comparison.levels):
        whens.append(f"WHEN {level.condition.sql} THEN {comparison.gamma(index)}")
    return f"CASE {' '.join(whens)} ELSE 0 END"


def vetoed_of(table: pa.Table, model: LinkageModel) -> pa.Array:
    vetoed = [False] * table.num_rows
    for name in model.vetoes:
        ours, theirs = table.column(f"{name}_l"), table.column(f"{name}_r")
        differ = pc.fill_null(pc.not_equal(ours, theirs), False)
        for k in pc.indices_nonzero(differ).to_pylist():
            if numbers_conflict(name, ours[k].as_py(), theirs[k].as_py()):
                vetoed[k] = True
    return pa.array(vetoed, pa.bool_())


def tf_levels_of(gammas: dict[str, Any]) -> dict[tuple[str, float], Any]:
    """(column, weight) → whether each pair is at a level adjusted by that column's frequency."""
    levels: dict[tuple[str, float], Any] = {}
    for comparison, index, (column, tf_weight) in tf_levels():
        gamma = gammas[comparison.name]
        at_level = pc.fill_null(pc.equal(gamma, comparison.gamma(index)), False)
        key = (column, tf_weight)
        levels[key] = pc.or_(levels[key], at_level) if key in levels else at_level
    return levels


def tf_levels() -> list[tuple[Comparison, int, tuple[str, float]]]:
    """Every level with a term-frequency adjustment: its comparison, index, column and weight."""
    found = []
    for comparison in COMPARISONS:
        for index in range(len(comparison.levels)):
            tf = comparison.tf_of(index)
            if tf is not None:
                found.append((comparison, index, tf))
    return found


def tf_of(row: dict[str, Any], shares: dict[str, dict[str, float]]) -> dict[str, float | None]:
    return {
        f"tf_{c}": shares[c].get(row[c]) if row.get(c) is not None else None for c in TF_COLUMNS
    }


def rows_at(table: pa.Table, positions: list[int]) -> dict[int, dict[str, Any]]:
    rows = table.take(pa.array(positions, pa.int64())).to_pylist()
    return dict(zip(positions, rows, strict=True))
