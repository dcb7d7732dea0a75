"""A capture-history file with bad input: a message naming the file, row and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from homeward.errors import InvalidInput
from homeward.stats.histories import read_histories

GOOD = "A,B,C,count\n1,0,0,10\n0,1,0,5\n1,1,0,2\n0,0,1,4\n0,1,1,1\n"


def reading(tmp_path: Path, text: str) -> str:
    path = tmp_path / "lists.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidInput) as error:
        read_histories(path)
    return str(error.value)


def test_a_good_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "lists.csv"
    path.write_text(GOOD, encoding="utf-8")
    histories = read_histories(path)
    assert histories.lists == ("A", "B", "C")
    assert histories.observed == 22
    assert histories.overlap(0, 1) == 2


def test_it_rejects_a_missing_count(tmp_path: Path) -> None:
    assert reading(tmp_path, GOOD + "1,0,1,\n") == "lists.csv, row 7, count: is missing"


def test_it_rejects_a_value_other_than_0_or_1(tmp_path: Path) -> None:
    assert reading(tmp_path, GOOD + "1,2,0,3\n") == "lists.csv, row 7, B: '2' is not 0 or 1"


def test_it_rejects_a_count_that_is_not_a_whole_number(tmp_path: Path) -> None:
    message = reading(tmp_path, GOOD + "1,0,1,2.5\n")
    assert message == "lists.csv, row 7, count: '2.5' is not a whole number of persons"


def test_it_rejects_fewer_than_three_lists(tmp_path: Path) -> None:
    message = reading(tmp_path, "A,B,count\n1,0,4\n1,1,2\n")
    assert message.startswith("lists.csv, row 1: needs at least 3 list columns and then the count")


def test_it_rejects_lists_with_no_overlap(tmp_path: Path) -> None:
    message = reading(tmp_path, "A,B,C,count\n1,0,0,10\n0,1,0,5\n0,0,1,4\n")
    assert message.startswith("lists.csv: no one is on two lists")
    assert "no estimate exists" in message


def test_it_rejects_a_history_on_no_list_with_a_count(tmp_path: Path) -> None:
    message = reading(tmp_path, GOOD + "0,0,0,40\n")
    assert message.startswith("lists.csv, row 7: a history on no list cannot be observed")


def test_it_rejects_a_row_with_too_many_fields(tmp_path: Path) -> None:
    assert reading(tmp_path, GOOD + "1,0,0,1,5\n") == (
        "lists.csv, row 7: has 5 fields; the header has 4"
    )


def test_it_rejects_a_list_named_twice_and_a_list_with_no_one(tmp_path: Path) -> None:
    assert reading(tmp_path, "A,B,A,count\n1,1,0,3\n") == "lists.csv, row 1, A: names a list twice"
    message = reading(tmp_path, "A,B,C,D,count\n1,0,0,0,10\n0,1,0,0,5\n1,1,0,0,2\n0,0,1,0,4\n")
    assert message == "lists.csv, column D: the list holds no one"


def test_it_rejects_an_empty_file_and_one_that_is_not_there(tmp_path: Path) -> None:
    assert reading(tmp_path, "\n\n") == "lists.csv: is empty"
    with pytest.raises(InvalidInput, match=r"^nowhere.csv: cannot be read"):
        read_histories(tmp_path / "nowhere.csv")
