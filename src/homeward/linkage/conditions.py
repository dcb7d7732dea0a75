"""Conditions on a pair of feature rows, written once and read two ways: as the SQL Splink runs
(columns `x_l` and `x_r`) and as a Python predicate the online scorer runs.

The predicate follows SQL's three-valued logic exactly: a comparison with NULL is unknown
(None), AND and OR combine unknowns as SQL does, and a level holds only when its condition is
true. So the level a pair falls in is the same in DuckDB, Spark and Python by construction.
Each condition also says what it tests as a `shape` (a tree of relations between a left and a right
column), from which `symmetric` tells whether it holds of (a, b) exactly when it holds of (b, a):
a deduplication then finds a level once per unordered pair of values (`weighing.distinct_levels`).
Only functions that DuckDB and Splink's Spark dialect share are used (`levenshtein`,
`damerau_levenshtein`, `abs`, `length`). Edit distances are taken on ASCII columns only (the
match keys): DuckDB counts them in bytes, Spark and Python in characters, which agree on ASCII.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

Row = Mapping[str, object]
Truth = bool | None  # None: unknown, as SQL's NULL
# What a condition tests, side by side: a relation ("=", "levenshtein<=1", …) between the left
# side's first column and the right side's second, each relation symmetric in its two values;
# or ("and" | "or", frozenset of shapes), SQL's three-valued AND and OR being commutative.
Shape = tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class Condition:
    sql: str
    test: Callable[[Row, Row], Truth]
    columns: tuple[str, ...]
    shape: Shape  # what it tests (`Shape`): `symmetric` reads it

    @property
    def symmetric(self) -> bool:
        """It holds of (left, right) exactly when of (right, left), in SQL and in Python: its
        shape is its own mirror (the sides swapped)."""
        return self.shape == mirrored(self.shape)

    def __and__(self, other: Condition) -> Condition:
        return all_of(self, other)

    def __or__(self, other: Condition) -> Condition:
        return any_of(self, other)

    def holds(self, left: Row, right: Row) -> bool:
        return self.test(left, right) is True


def mirrored(shape: Shape) -> Shape:
    """`shape` with its sides swapped: the left side's column of each relation read on the
    right and the other way round (each relation symmetric in its two values)."""
    if shape[0] in ("and", "or"):
        return (shape[0], frozenset(mirrored(part) for part in shape[1]))
    relation, left_column, right_column = shape
    return (relation, right_column, left_column)


def null_on_either_side(shape: Shape) -> frozenset[str]:
    """The columns a null of which, on either side, makes a condition of `shape` hold whatever
    else the two sides hold (`either_null`, alone or among alternatives)."""
    if shape[0] == "either null":
        return frozenset((shape[1], shape[2]))
    if shape[0] == "or":
        return frozenset().union(*(null_on_either_side(part) for part in shape[1]))
    return frozenset()


def _eq(a: object, b: object) -> Truth:
    if a is None or b is None:
        return None
    return a == b


def same(column: str) -> Condition:
    """Both sides hold the same value of `column`."""
    return Condition(
        f"{column}_l = {column}_r",
        lambda left, right: _eq(left.get(column), right.get(column)),
        (column,),
        ("=", column, column),
    )


def crossed(left_column: str, right_column: str) -> Condition:
    """The left side's `left_column` equals the right side's `right_column`."""
    return Condition(
        f"{left_column}_l = {right_column}_r",
        lambda left, right: _eq(left.get(left_column), right.get(right_column)),
        (left_column, right_column),
        ("=", left_column, right_column),
    )


def differs(column: str) -> Condition:
    """Both sides hold a value of `column`, and not the same one."""

    def test(left: Row, right: Row) -> Truth:
        equal = _eq(left.get(column), right.get(column))
        return None if equal is None else not equal

    return Condition(f"{column}_l <> {column}_r", test, (column,), ("<>", column, column))


def either_null(column: str) -> Condition:
    return Condition(
        f"{column}_l IS NULL OR {column}_r IS NULL",
        lambda left, right: left.get(column) is None or right.get(column) is None,
        (column,),
        ("either null", column, column),
    )


def either_true(column: str) -> Condition:
    """A boolean column is true on one side at least (SQL: `x_l OR x_r`)."""

    def test(left: Row, right: Row) -> Truth:
        return _or(_bool(left.get(column)), _bool(right.get(column)))

    return Condition(
        f"({column}_l OR {column}_r)", test, (column,), ("either true", column, column)
    )


def _bool(value: object) -> Truth:
    return None if value is None else bool(value)


def edits_at_most(column: str, edits: int, *, transpositions: bool = False) -> Condition:
    """At most `edits` insertions, deletions or substitutions (Levenshtein); with
    `transpositions`, swapping two adjacent letters counts as one (five times slower in DuckDB,
    so the comparisons use Levenshtein and let a swap count as two)."""
    function = "damerau_levenshtein" if transpositions else "levenshtein"
    distance = osa_distance if transpositions else levenshtein_distance

    def test(left: Row, right: Row) -> Truth:
        a, b = left.get(column), right.get(column)
        if a is None or b is None:
            return None
        assert isinstance(a, str)
        assert isinstance(b, str)
        if abs(len(a) - len(b)) > edits:
            return False
        return distance(a, b) <= edits

    return Condition(
        f"{function}({column}_l, {column}_r) <= {edits}",
        test,
        (column,),
        (f"{function}<={edits}", column, column),
    )


def crossed_slip(left_column: str, right_column: str) -> Condition:
    """The left side's `left_column` and the right side's `right_column` are one name slipped:
    at most one edit apart, or two when both have more than five letters (Levenshtein, as
    `edits_at_most`; for ASCII keys)."""

    def test(left: Row, right: Row) -> Truth:
        a, b = left.get(left_column), right.get(right_column)
        if a is None or b is None:
            return None
        assert isinstance(a, str)
        assert isinstance(b, str)
        edits = 2 if len(a) > 5 and len(b) > 5 else 1
        if abs(len(a) - len(b)) > edits:
            return False
        return levenshtein_distance(a, b) <= edits

    a, b = f"{left_column}_l", f"{right_column}_r"
    return Condition(
        f"(levenshtein({a}, {b}) <= 1 OR (length({a}) > 5 AND length({b}) > 5 "
        f"AND levenshtein({a}, {b}) <= 2))",
        test,
        (left_column, right_column),
        ("slip", left_column, right_column),
    )


def longer_than(column: str, length: int) -> Condition:
    """Both values have more than `length` characters."""

    def test(left: Row, right: Row) -> Truth:
        a, b = left.get(column), right.get(column)
        if a is None or b is None:
            return None
        assert isinstance(a, str)
        assert isinstance(b, str)
        return len(a) > length and len(b) > length

    return Condition(
        f"length({column}_l) > {length} AND length({column}_r) > {length}",
        test,
        (column,),
        (f"both longer than {length}", column, column),
    )


def difference_at_most(column: str, limit: int) -> Condition:
    """|left - right| <= limit for an integer column."""

    def test(left: Row, right: Row) -> Truth:
        a, b = left.get(column), right.get(column)
        if a is None or b is None:
            return None
        assert isinstance(a, int)
        assert isinstance(b, int)
        return abs(a - b) <= limit

    return Condition(
        f"abs({column}_l - {column}_r) <= {limit}",
        test,
        (column,),
        (f"difference<={limit}", column, column),
    )


def _and(*values: Truth) -> Truth:
    if any(value is False for value in values):
        return False
    return None if any(value is None for value in values) else True


def _or(*values: Truth) -> Truth:
    if any(value is True for value in values):
        return True
    return None if any(value is None for value in values) else False


def all_of(*conditions: Condition) -> Condition:
    def test(left: Row, right: Row) -> Truth:
        result: Truth = True
        for condition in conditions:
            value = condition.test(left, right)
            if value is False:
                return False
            result = _and(result, value)
        return result

    return Condition(
        " AND ".join(f"({c.sql})" for c in conditions),
        test,
        tuple(dict.fromkeys(col for c in conditions for col in c.columns)),
        ("and", frozenset(c.shape for c in conditions)),
    )


def any_of(*conditions: Condition) -> Condition:
    def test(left: Row, right: Row) -> Truth:
        return _or(*(condition.test(left, right) for condition in conditions))

    return Condition(
        " OR ".join(f"({c.sql})" for c in conditions),
        test,
        tuple(dict.fromkeys(col for c in conditions for col in c.columns)),
        ("or", frozenset(c.shape for c in conditions)),
    )


def levenshtein_distance(a: str, b: str) -> int:
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def osa_distance(a: str, b: str) -> int:
    """Optimal string alignment: Levenshtein plus transpositions of adjacent letters."""
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            row[j] = min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[i - 2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]
