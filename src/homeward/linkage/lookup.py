"""A register's blocking keys hashed and sorted once, so that a list's pairs are looked up.

Linked by joins, a list of a few thousand records meets a register of a million in one pass over
the register per blocking rule (DuckDB builds its table on the list and probes it with every
register record). Here each rule is read as what it joins the two sides on, what it asks of one
side alone and the rest (`RuleTerms`). The first time a register is asked for a rule, the
register's side of it (its join expressions, its one-side conditions) is hashed for every record
that holds all its values and sorted with the records' positions (`SortedKeys`), once; rules
that ask the same of the register share it. A list then hashes its own side, finds each hash's
records by binary search, and keeps the pairs that meet the rest of the rule, checked in SQL on
those pairs alone. A rule on one value of a list (`BlockingRule.explode`) is hashed once per
value on both sides, and a pair met through several values kept once. An equality of values that
may be equal and hash apart (a DOUBLE) is checked with the rest where another equality looks the
pairs up (`register_terms`). Two different values may share a hash: `holding` checks every term
of the rules on the pairs kept in the end (an exploded rule's as `BlockingRule.condition`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Final

import pyarrow as pa  # type: ignore[import-untyped]

from homeward.linkage.blocking import BlockingRule, source
from homeward.linkage.features import COLUMNS

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

_SIDE: Final = re.compile(r"\b([lr])\.")
_CLOSE: Final = re.compile(r"^abs\(l\.(\w+) - r\.(\w+)\) <= (\d+)$")


@dataclass(frozen=True, slots=True)
class RuleTerms:
    """A blocking rule's terms (its SQL is `term AND term AND ...`), by what they ask."""

    rule: BlockingRule
    left: tuple[str, ...]  # the register's side of each equality, without the `l.`
    right: tuple[str, ...]  # the list's side of each, without the `r.`
    left_only: tuple[str, ...]  # conditions on the register's record alone, without the `l.`
    right_only: tuple[str, ...]  # on the list's record alone, without the `r.`
    rest: tuple[str, ...]  # conditions on both that are not equalities, as written
    # the last equality is `abs(l.x - r.x) <= within` (integers): looked up at each value
    within: int = 0
    written: tuple[str, ...] = ()  # the equalities as the rule writes them (`within`'s aside)

    @property
    def register_side(self) -> tuple[tuple[str, ...], tuple[str, ...], str | None]:
        """What the rule asks of the register: rules asking the same share its sorted keys
        (an exploded list's values are hashed one by one, the list whole otherwise)."""
        return self.left, self.left_only, self.rule.explode


def top_level(text: str, separator: str) -> list[str]:
    """`text` split at `separator` outside parentheses and quotes."""
    parts, depth, quoted, start, k = [], 0, False, 0, 0
    while k < len(text):
        char = text[k]
        if char == "'":
            quoted = not quoted
        elif not quoted and char == "(":
            depth += 1
        elif not quoted and char == ")":
            depth -= 1
        elif not quoted and depth == 0 and text.startswith(separator, k):
            parts.append(text[start:k])
            k += len(separator)
            start = k
            continue
        k += 1
    parts.append(text[start:])
    return [part.strip() for part in parts]


def _strip(side: str, sql: str) -> str:
    return re.sub(rf"\b{side}\.", "", sql)


def rule_terms(rule: BlockingRule) -> tuple[RuleTerms, ...]:
    """The rule's terms, as alternatives that together find what it finds (a condition that
    one side or the other meets, `l.a OR r.a`, is an alternative for each side); none when it
    joins on no equality between the two sides."""
    left: list[str] = []
    right: list[str] = []
    left_only: list[str] = []
    right_only: list[str] = []
    rest: list[str] = []
    either: list[str] = []
    written: list[str] = []
    within, near = 0, None
    for term in top_level(rule.sql, " AND "):
        sides = set(_SIDE.findall(term))
        if sides == {"l"}:
            left_only.append(_strip("l", term))
            continue
        if sides == {"r"}:
            right_only.append(_strip("r", term))
            continue
        halves = top_level(term, " = ")
        if len(halves) == 2:
            first, second = (set(_SIDE.findall(half)) for half in halves)
            if first == {"l"} and second == {"r"}:
                left.append(_strip("l", halves[0]))
                right.append(_strip("r", halves[1]))
                written.append(term)
                continue
            if first == {"r"} and second == {"l"}:
                left.append(_strip("l", halves[1]))
                right.append(_strip("r", halves[0]))
                written.append(term)
                continue
        if not either and _one_side_each(term):
            either.append(term)
            continue
        close = _CLOSE.match(term)
        if close and not within:
            within = int(close.group(3))
            near = (close.group(1), close.group(2))
            continue
        rest.append(term)
    if near:
        left.append(near[0])
        right.append(near[1])
    if not left:
        return ()
    whole = RuleTerms(
        rule, (*left,), (*right,), (*left_only,), (*right_only,), (*rest,), within, (*written,)
    )
    if not either:
        return (whole,)
    found = []
    for part in top_level(either[0][1:-1], " OR "):
        side = _SIDE.findall(part)[0]
        condition = _strip(side, part)
        if side == "l":
            found.append(replace(whole, left_only=(*left_only, condition)))
        else:
            found.append(replace(whole, right_only=(*right_only, condition)))
    return tuple(found)


def register_terms(connection: Any, rule: BlockingRule) -> tuple[RuleTerms, ...]:
    """`rule_terms` of `rule` as the register `known` on `connection` is looked up in: an
    equality whose register side is of a type whose equal values may hash apart (`_hashable`:
    `floor(l.birth_year / 6)` is a DOUBLE) is checked with the rest of the rule on the pairs
    found, where another equality is left to look them up by (else the rule is joined)."""
    found = []
    for terms in rule_terms(rule):
        query = f"SELECT {', '.join(terms.left)} FROM {source('known', rule)} LIMIT 0"  # noqa: S608
        types = [str(kind) for kind in connection.sql(query).types]
        apart = [k for k in range(len(terms.written)) if not _hashable(types[k : k + 1])]
        if apart and len(apart) < len(terms.left):
            kept = [k for k in range(len(terms.left)) if k not in apart]
            terms = replace(
                terms,
                left=tuple(terms.left[k] for k in kept),
                right=tuple(terms.right[k] for k in kept),
                rest=(*terms.rest, *(terms.written[k] for k in apart)),
                written=tuple(terms.written[k] for k in kept if k < len(terms.written)),
            )
        found.append(terms)
    return tuple(found)


def _one_side_each(term: str) -> bool:
    """`(a OR b OR ...)` where each part reads one side alone."""
    if not (term.startswith("(") and term.endswith(")")) or top_level(term, " OR ") != [term]:
        return False
    parts = top_level(term[1:-1], " OR ")
    return len(parts) > 1 and all(len(set(_SIDE.findall(part))) == 1 for part in parts)


@dataclass(frozen=True)
class SortedKeys:
    """The register's side of a rule: each record's hash of its join values, in hash order."""

    hashes: npt.NDArray[np.uint64]
    positions: npt.NDArray[Any]  # the register positions (uint32 below 2³² records), alike
    types: tuple[str, ...]  # the SQL types of the expressions hashed

    @property
    def nbytes(self) -> int:
        return int(self.hashes.nbytes + self.positions.nbytes)


def rule_columns(sql: str) -> list[str]:
    """The feature columns a piece of SQL reads (besides `unique_id`)."""
    return [name for name in COLUMNS if re.search(rf"\b{name}\b", sql)]


def _where(expressions: Sequence[str], conditions: Sequence[str]) -> str:
    return " AND ".join([*(f"({e}) IS NOT NULL" for e in expressions), *conditions])


def _hash(expressions: Sequence[str]) -> str:
    return f"hash({', '.join(expressions)})"


def sorted_keys(connection: Any, terms: RuleTerms) -> SortedKeys:
    """The register's side of `terms` over the table `known` registered on `connection`: for
    a rule on an exploded list (`BlockingRule.explode`), a record's hash for each value of its
    list, so that a list record is looked up once per value of its own."""
    import numpy as np

    known = source("known", terms.rule)
    query = (
        f"SELECT {_hash(terms.left)} AS h, unique_id FROM {known} "  # noqa: S608 - this package's SQL
        f"WHERE {_where(terms.left, terms.left_only)}"
    )
    found = connection.sql(query).fetchnumpy()
    hashes, positions = found["h"], found["unique_id"]
    order = np.argsort(hashes)  # records of one hash in any order: the pairs are sorted after
    query = f"SELECT {', '.join(terms.left)} FROM {known} LIMIT 0"  # noqa: S608
    types = tuple(str(kind) for kind in connection.sql(query).types)
    small = len(positions) == 0 or int(positions.max()) < 2**32
    kind = np.uint32 if small else np.int64
    return SortedKeys(hashes[order], positions[order].astype(kind), types)


def duckdb_connection() -> Any:
    """A DuckDB connection to a database of its own, in memory, without a progress bar. Opening
    one costs some 20 ms of CPU: a list's linking opens one and passes it on (`opened`)."""
    import duckdb  # imported here: for linkage only

    connection = duckdb.connect()
    connection.execute("SET enable_progress_bar = false")
    return connection


@contextmanager
def opened(connection: Any = None) -> Iterator[Any]:
    """`connection`, or (None) a connection of its own for the block, closed after it."""
    if connection is not None:
        yield connection
        return
    own = duckdb_connection()
    try:
        yield own
    finally:
        own.close()


@contextmanager
def registered(connection: Any, tables: Mapping[str, pa.Table]) -> Iterator[Any]:
    """`connection` with `tables` registered under their names for the block, unregistered
    after it (a connection passed on may be used again)."""
    for name, table in tables.items():
        connection.register(name, table)
    try:
        yield connection
    finally:
        for name in tables:
            connection.unregister(name)


def connect(table: pa.Table, name: str, columns: Sequence[str]) -> Any:
    """A DuckDB connection with `table`'s `columns` (and `unique_id`) registered as `name`."""
    connection = duckdb_connection()
    connection.register(name, table.select(["unique_id", *columns]))
    return connection


def pairs_found(
    rules: Sequence[tuple[RuleTerms, SortedKeys]],
    known: pa.Table,
    incoming: pa.Table,
    connection: Any = None,
) -> tuple[list[tuple[Any, Any]], list[BlockingRule]]:
    """Per rule, (register positions, list positions) of the pairs it may find: a register
    record whose hash equals a list record's, the list's conditions met, the rest of the rule
    checked on these pairs (two values may share a hash: the equalities are not checked here).
    With them, the rules whose two sides are not of the same types (their hashes would
    differ), or are of types whose equal values may hash apart: those must be joined. On
    `connection` (None: one of its own)."""
    if not rules:
        return [], []
    with opened(connection) as db:
        return _pairs_found(rules, known, incoming, db)


def _pairs_found(
    rules: Sequence[tuple[RuleTerms, SortedKeys]],
    known: pa.Table,
    incoming: pa.Table,
    connection: Any,
) -> tuple[list[tuple[Any, Any]], list[BlockingRule]]:
    import numpy as np

    columns = rule_columns(" ".join(" ".join((*t.right, *t.right_only)) for t, _ in rules))
    listed = {"incoming": incoming.select(["unique_id", *columns])}
    # the rules on one exploded list read the list's records once per value of it, the others
    # once each: one query for each
    groups: dict[str | None, list[int]] = {}
    for index, (terms, _) in enumerate(rules):
        groups.setdefault(terms.rule.explode, []).append(index)
    usable: list[int] = []
    other: list[int] = []
    found: dict[str | None, Any] = {}
    # rules that look up the same keys with the same values (the same rule's two sets of bands
    # of birth years, once those are checked with the rest) share what is found
    looked_up: dict[tuple[Any, ...], int] = {}
    same: dict[int, int] = {}
    with registered(connection, listed):
        for explode, members in groups.items():
            table = source("incoming", rules[members[0]][0].rule)
            expressions = [e for k in members for e in rules[k][0].right]
            query = f"SELECT {', '.join(expressions)} FROM {table} LIMIT 0"  # noqa: S608
            types = [str(kind) for kind in connection.sql(query).types]
            hashable: list[int] = []
            at = 0
            for k in members:
                terms, keys = rules[k]
                width = len(terms.right)
                alike = tuple(types[at : at + width]) == keys.types and _hashable(keys.types)
                (hashable if alike else other).append(k)
                at += width
            if not hashable:
                continue
            usable.extend(hashable)
            for k in hashable:
                terms = rules[k][0]
                asked = (terms.register_side, terms.right, terms.right_only, terms.within)
                same[k] = looked_up.setdefault(asked, k)
            hashed = [
                f"CASE WHEN {_where(rules[k][0].right, rules[k][0].right_only)} "
                f"THEN {_hash(expressions)} END AS h{k}_{n}"
                for k in hashable
                if same[k] == k
                for n, expressions in enumerate(_looked_up(*rules[k]))
            ]
            # the rules are this package's SQL, not user input
            found[explode] = connection.sql(
                f"SELECT unique_id, {', '.join(hashed)} FROM {table}"  # noqa: S608
            ).to_arrow_table()
    usable.sort()
    other.sort()
    pairs: list[tuple[Any, Any]] = [(np.zeros(0, np.int64), np.zeros(0, np.int64))] * len(rules)
    width = max(incoming.num_rows, 1)
    for k in usable:
        if same[k] != k:
            pairs[k] = pairs[same[k]]
            continue
        explode = rules[k][0].rule.explode
        rows = found[explode].column("unique_id").to_numpy()
        variants = range(len(_looked_up(*rules[k])))
        found_k = [
            _matches(rules[k][1], found[explode].column(f"h{k}_{n}"), rows) for n in variants
        ]
        left = np.concatenate([left for left, _ in found_k])
        right = np.concatenate([right for _, right in found_k])
        if explode is not None:
            # a pair met once per value the two lists share: kept once
            codes = np.unique(left * width + right)
            left, right = codes // width, codes % width
        pairs[k] = (left, right)
    checked = [k for k in usable if rules[k][0].rest and len(pairs[k][0])]
    if checked:
        _check_rest(rules, checked, pairs, known, incoming, width, connection)
    return pairs, [rules[k][0].rule for k in other]


def _check_rest(
    rules: Sequence[tuple[RuleTerms, SortedKeys]],
    checked: Sequence[int],
    pairs: list[tuple[Any, Any]],
    known: pa.Table,
    incoming: pa.Table,
    width: int,
    connection: Any,
) -> None:
    """Keep in `pairs[k]`, for each rule `k` of `checked`, the pairs that meet the rest of the
    rule (in their order). Rules whose rest reads alike (a surname's edit distance after several
    rules' equalities) check a pair that several of them found once."""
    import numpy as np

    conditions: dict[str, list[int]] = {}
    for k in checked:
        conditions.setdefault(" AND ".join(rules[k][0].rest), []).append(k)
    # per condition, the distinct pairs (as codes `left * width + right`, sorted) its rules found
    codes = [
        np.unique(np.concatenate([pairs[k][0] * width + pairs[k][1] for k in members]))
        for members in conditions.values()
    ]
    every = np.concatenate(codes)
    left, right = every // width, every % width
    rule = np.repeat(np.arange(len(codes)), [len(c) for c in codes])
    sql = " ".join(conditions)
    case = " ".join(f"WHEN {n} THEN {c}" for n, c in enumerate(conditions))
    condition = f"CASE l.rule {case} END"
    kept = meeting(known, incoming, left, right, sql, condition, rule, connection)
    for n, members in enumerate(conditions.values()):
        met = every[kept[rule[kept] == n]]  # sorted, as `codes[n]` is
        for k in members:
            found = pairs[k][0] * width + pairs[k][1]
            at = np.minimum(np.searchsorted(met, found), max(len(met) - 1, 0))
            mine = (met[at] == found) if len(met) else np.zeros(len(found), bool)
            pairs[k] = (pairs[k][0][mine], pairs[k][1][mine])


def _hashable(types: Sequence[str]) -> bool:
    """Whether values of these types that SQL finds equal always hash alike: not so for
    floating-point numbers (0.0 and -0.0) nor decimals of different scales."""
    return not any(kind.startswith(("FLOAT", "DOUBLE", "REAL", "DECIMAL")) for kind in types)


def _looked_up(terms: RuleTerms, keys: SortedKeys) -> list[tuple[str, ...]]:
    """The list's side of `terms` as hashed: once, or once per value within reach."""
    if not terms.within:
        return [terms.right]
    *equal, last = terms.right
    kind = keys.types[-1]
    return [
        (*equal, f"CAST(({last}) + ({shift}) AS {kind})")
        for shift in range(-terms.within, terms.within + 1)
    ]


def _matches(keys: SortedKeys, column: Any, rows: Any) -> tuple[Any, Any]:
    """(register positions, list positions) of the equal hashes of `column` (the list's, in
    the order of `rows`, null where a record is not looked up) and `keys`."""
    import numpy as np

    present = np.asarray(column.is_valid())
    hashes, held = column.drop_null().to_numpy(), rows[present]
    order = np.argsort(hashes)  # sorted needles: the binary searches walk forward
    hashes, held = hashes[order], held[order]
    low = np.searchsorted(keys.hashes, hashes, "left")
    hit = low < len(keys.hashes)
    hit[hit] = keys.hashes[low[hit]] == hashes[hit]
    hashes, held, low = hashes[hit], held[hit], low[hit]
    counts = np.searchsorted(keys.hashes, hashes, "right") - low
    starts = np.repeat(low - (np.cumsum(counts) - counts), counts)
    left = keys.positions[starts + np.arange(int(counts.sum()))].astype(np.int64)
    return left, np.repeat(held, counts)


def meeting(
    known: pa.Table,
    incoming: pa.Table,
    left: Any,
    right: Any,
    sql: str,
    condition: str | None = None,
    rule: Any = None,
    connection: Any = None,
) -> Any:
    """The indices (in order) of the pairs (`left` in `known`, `right` in `incoming`) that meet
    `sql`, a condition on `l.` and `r.` as a rule writes it (or `condition`, which reads the
    columns `sql` reads and `l.rule`, each pair's `rule`), on `connection` (None: its own)."""
    import numpy as np

    columns = rule_columns(sql)
    ours = known.select(columns).take(left)
    ours = ours.append_column("pair", pa.array(np.arange(len(ours), dtype=np.int64)))
    if rule is not None:
        ours = ours.append_column("rule", pa.array(rule))
    theirs = incoming.select(columns).take(right)
    with opened(connection) as db, registered(db, {"l": ours, "r": theirs}):
        # the rules are this package's SQL, not user input
        found = db.sql(
            f"SELECT l.pair FROM l POSITIONAL JOIN r WHERE {condition or sql} "  # noqa: S608
            "ORDER BY l.pair"
        ).fetchnumpy()
    return found["pair"]


def holding(
    known: pa.Table,
    incoming: pa.Table,
    left: Any,
    right: Any,
    rules: Sequence[BlockingRule],
    connection: Any = None,
) -> Any:
    """The indices of the pairs that some rule finds, every term checked (in order); a rule on
    an exploded list as a condition on the whole lists (`BlockingRule.condition`); on
    `connection` (None: one of its own)."""
    conditions = " OR ".join(f"({rule.condition})" for rule in rules)
    return meeting(known, incoming, left, right, conditions, connection=connection)


def value_codes(table: pa.Table) -> dict[str, tuple[npt.NDArray[Any], int]]:
    """Per comparison, a number for each record (and how many there are) that is the same for
    two records exactly when they hold the same values of the columns its levels read
    (`Comparison.level_columns`, nulls included; not the column an explanation quotes): a
    pair's level depends on these values alone, so that a list's pairs are given their levels
    once per distinct pair of numbers."""
    import numpy as np
    import pyarrow.compute as pc  # type: ignore[import-untyped]

    from homeward.linkage.comparisons import COMPARISONS

    def dense(values: Any) -> tuple[npt.NDArray[np.int64], int]:
        encoded = pc.dictionary_encode(values, null_encoding="encode")
        return encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64), len(
            encoded.dictionary
        )

    columns: dict[str, tuple[npt.NDArray[np.int64], int]] = {}
    found = {}
    for comparison in COMPARISONS:
        code, count = np.zeros(table.num_rows, np.int64), 1
        for name in comparison.level_columns:
            if name not in columns:
                columns[name] = dense(table.column(name).combine_chunks())
            held, width = columns[name]
            if count * width >= 2**62:
                code, count = dense(pa.array(code))
            code, count = code * width + held, count * width
        code, count = dense(pa.array(code))
        found[comparison.name] = (code.astype(np.int32) if count < 2**31 else code, count)
    return found
