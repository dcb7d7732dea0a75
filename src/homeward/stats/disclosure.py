"""Disclosure control for figures that leave the organisation. Pure.

A rare category in a small place can name a person. So in a public table:

- *primary suppression*: a count from 1 to 4 is shown as "<5" (0 names no one and is shown);
- *secondary suppression*: wherever a published total and the other cells would give a hidden
  cell away (a relation "total = sum of parts" with exactly one cell hidden), one more cell of
  that relation is withheld and shown as "x" — the smallest non-zero part still shown, or the
  total when no part is left. This is repeated until every relation with a hidden cell has at
  least two, so that no hidden count can be worked out by subtraction from one total.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

THRESHOLD = 5
SMALL = "<5"
WITHHELD = "x"

Key = TypeVar("Key", bound=Hashable)


@dataclass(frozen=True)
class Relation(Generic[Key]):
    """A published total and the cells that add up to it."""

    total: Key
    parts: tuple[Key, ...]


def suppress(
    values: Mapping[Key, int],
    relations: Sequence[Relation[Key]],
    *,
    threshold: int = THRESHOLD,
) -> dict[Key, int | str]:
    """Every cell as it may be published: its count, "<5" or "x"."""
    small = {key for key, value in values.items() if 0 < value < threshold}
    hidden = set(small)
    changed = True
    while changed:
        changed = False
        for relation in relations:
            members = (relation.total, *relation.parts)
            if sum(1 for key in members if key in hidden) != 1:
                continue
            hidden.add(_second_to_hide(relation, values, hidden))
            changed = True
    return {
        key: SMALL if key in small else WITHHELD if key in hidden else value
        for key, value in values.items()
    }


def _second_to_hide(relation: Relation[Key], values: Mapping[Key, int], hidden: set[Key]) -> Key:
    shown = [key for key in relation.parts if key not in hidden]
    non_zero = [key for key in shown if values[key] > 0]
    if non_zero:
        return min(non_zero, key=lambda key: values[key])
    if relation.total not in hidden:
        return relation.total
    return shown[0]  # zeros only: hiding one keeps the hidden part from being read off


def grid_relations(
    rows: int, columns: int, *, row_totals: bool, column_totals: bool
) -> list[Relation[tuple[int, int]]]:
    """The relations of a table of counts whose totals are cells too: row r's total is at
    (r, columns), column c's total at (rows, c), the grand total at (rows, columns)."""
    relations: list[Relation[tuple[int, int]]] = []
    last_row = rows + 1 if column_totals else rows
    last_column = columns + 1 if row_totals else columns
    if row_totals:
        for r in range(last_row):
            parts = tuple((r, c) for c in range(columns))
            relations.append(Relation((r, columns), parts))
    if column_totals:
        for c in range(last_column):
            parts = tuple((r, c) for r in range(rows))
            relations.append(Relation((rows, c), parts))
    return relations
