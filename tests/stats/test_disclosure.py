"""Public tables: counts from 1 to 4 hidden, and no hidden count given away by a total."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from homeward.stats.disclosure import SMALL, WITHHELD, Relation, grid_relations, suppress
from homeward.stats.tables import CountTable


def table(counts: list[list[int]]) -> CountTable:
    return CountTable(
        name="t",
        title="t",
        row_header="row",
        rows=tuple(f"r{i}" for i in range(len(counts))),
        columns=tuple(f"c{j}" for j in range(len(counts[0]))),
        counts=tuple(tuple(line) for line in counts),
        row_totals=True,
        column_totals=True,
    )


def test_a_small_count_is_shown_as_less_than_five_and_zero_as_zero() -> None:
    shown = table([[3, 40, 0], [12, 9, 7]]).grid(public=True)
    assert shown[0][0] == SMALL
    assert shown[0][2] == 0


def test_a_total_cannot_give_a_hidden_count_away() -> None:
    # with 40 and 43 shown the 3 could be read off its row, so 40 is withheld too; so is 12 in
    # its column, and then 9 in the row of 12: the four hidden cells form a rectangle whose
    # totals leave the 3 anywhere from 1 to 4
    shown = table([[3, 40], [12, 9]]).grid(public=True)
    assert shown == [[SMALL, WITHHELD, 43], [WITHHELD, WITHHELD, 21], [15, 49, 64]]


def test_nothing_is_hidden_when_no_count_is_small() -> None:
    assert table([[5, 6], [70, 0]]).grid(public=True) == [[5, 6, 11], [70, 0, 70], [75, 6, 81]]


grids = st.integers(1, 5).flatmap(
    lambda rows: st.integers(1, 5).flatmap(
        lambda columns: st.lists(
            st.lists(st.integers(0, 12), min_size=columns, max_size=columns),
            min_size=rows,
            max_size=rows,
        )
    )
)


@given(grids)
def test_every_relation_hides_none_or_at_least_two(counts: list[list[int]]) -> None:
    public = table(counts)
    values = {(r, c): int(v) for r, line in enumerate(public.grid()) for c, v in enumerate(line)}
    relations = grid_relations(len(counts), len(counts[0]), row_totals=True, column_totals=True)
    shown = suppress(values, relations)
    for key, value in values.items():
        assert shown[key] == value or shown[key] in (SMALL, WITHHELD)
        if 0 < value < 5:
            assert shown[key] == SMALL
    for relation in relations:
        members = (relation.total, *relation.parts)
        hidden = [key for key in members if shown[key] in (SMALL, WITHHELD)]
        assert len(hidden) != 1, relation


def test_a_relation_of_one_part_hides_its_total_with_it() -> None:
    shown = suppress({"part": 2, "total": 2}, [Relation("total", ("part",))])
    assert shown == {"part": SMALL, "total": SMALL}
