"""The printed report's unit table: the largest units, the others summed in one line."""

from __future__ import annotations

from homeward.stats.regions import UNKNOWN
from homeward.stats.report import UNITS_PRINTED, _largest_units
from homeward.stats.tables import CountTable
from homeward.stats.words import Words


def units(counts: list[tuple[int, int]], *, unknown: bool = False) -> CountTable:
    names = [f"U{i:02d}" for i in range(len(counts))]
    if unknown:
        names[-1] = UNKNOWN
    return CountTable(
        name="status_by_unit",
        title="Our people by unit and status",
        row_header="unit",
        rows=tuple(names),
        columns=("missing", "returned"),
        counts=tuple(counts),
        row_totals=True,
        column_totals=True,
    )


def test_the_units_past_the_largest_are_one_line_and_the_totals_stay() -> None:
    table = units([(100 - i, 10) for i in range(UNITS_PRINTED + 5)])
    words = Words("en")
    labels, grid = _largest_units(
        table, [words(label) for label in table.labels()], table.grid(), words, public=False
    )
    assert len(labels) == len(grid) == UNITS_PRINTED + 2
    assert labels[UNITS_PRINTED] == "other units" and labels[-1] == "total"
    others = [100 - i for i in range(UNITS_PRINTED, UNITS_PRINTED + 5)]
    assert grid[UNITS_PRINTED] == [sum(others), 50, sum(others) + 50]
    assert grid[-1] == table.grid()[-1]  # the totals of every unit
    assert sum(line[2] for line in grid[:-1]) == grid[-1][2]


def test_public_the_other_units_line_hides_what_the_table_hides() -> None:
    words = Words("uk")
    clear = units([(100 - i, 10) for i in range(UNITS_PRINTED + 5)])
    labels, grid = _largest_units(
        clear, clear.labels(), clear.grid(public=True), words, public=True
    )
    assert labels[UNITS_PRINTED] == "інші частини"
    assert grid[UNITS_PRINTED][1] == 50  # nothing hidden: the sums are shown
    small = units([(100 - i, 3 if i == 0 else 10) for i in range(UNITS_PRINTED + 5)])
    _, grid = _largest_units(small, small.labels(), small.grid(public=True), words, public=True)
    assert grid[0][1] == "<5"
    assert grid[UNITS_PRINTED] == ["x", "x", "x"]  # with the totals it could give "<5" away


def test_unknown_is_never_summed_with_the_other_units() -> None:
    table = units([(100 - i, 1) for i in range(UNITS_PRINTED + 5)], unknown=True)
    words = Words("en")
    labels, grid = _largest_units(
        table, [words(label) for label in table.labels()], table.grid(), words, public=False
    )
    assert labels[UNITS_PRINTED:] == ["other units", words(UNKNOWN), "total"]
    assert grid[UNITS_PRINTED + 1] == [100 - UNITS_PRINTED - 4, 1, 100 - UNITS_PRINTED - 3]
    assert sum(line[2] for line in grid[:-1]) == grid[-1][2]


def per_exchange(counts: list[tuple[int, int]]) -> CountTable:
    """Returns per exchange: confirmed captive before the return, and never."""
    return CountTable(
        name="returned_per_exchange",
        title="Returned, per exchange",
        row_header="exchange",
        rows=tuple(f"2023-0{i + 1}-08" for i in range(len(counts))),
        columns=("confirmed_before_return", "never_confirmed_before_return"),
        counts=tuple(counts),
        row_totals=True,
        column_totals=True,
        share_of="never_confirmed_before_return",
    )


def test_the_share_never_confirmed_is_given_per_exchange_and_overall() -> None:
    table = per_exchange([(20, 10), (30, 0), (0, 0)])
    assert table.shares() == [0.3333, 0.0, None, 0.1667]  # the last: all exchanges
    header, *lines = table.csv_rows()
    assert header[-1] == "never_confirmed_before_return_share"
    assert lines[0] == ["2023-01-08", "20", "10", "30", "0.3333"]
    assert lines[2][-1] == ""  # no one returned: no share
    assert table.to_json()["rows"][-1] == ["total", 50, 10, 60, 0.1667]
    header, shown = Words("uk").table(table, public=False)
    assert header[-1] == "частка тих, чий полон не підтверджено до повернення"
    assert shown[0] == ["08.01.2023", 20, 10, 30, "33,3 %"]
    assert Words("en").table(table, public=False)[1][-1][-1] == "16.7 %"


def test_public_a_share_made_of_a_hidden_count_is_hidden_too() -> None:
    table = per_exchange([(20, 3), (30, 10), (40, 12)])
    grid = table.grid(public=True)
    assert grid[0][1] == "<5"
    shares = table.shares(public=True)
    # the first exchange's count is hidden, so is its share; the second's is withheld with it
    # (its column total would give the "<5" away), and so its share too
    assert grid[1][1] == "x" and shares[:2] == ["x", "x"]
    assert shares[2] == round(12 / 52, 4)  # shown cells, shown share
    assert shares[3] == round(25 / 115, 4)  # overall: the totals are shown
    assert table.csv_rows(public=True)[1][-1] == "x"
    assert Words("uk").table(table, public=True)[1][0][-1] == "x"
