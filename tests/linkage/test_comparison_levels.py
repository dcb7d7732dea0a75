"""Each comparison puts a pair in the level a reviewer would name."""

from __future__ import annotations

import pytest

from homeward.linkage.comparisons import (
    COMPARISONS,
    ELSE_LABEL,
    SWAPPED_SLIP_LABEL,
    comparison_named,
)
from homeward.linkage.features import features
from tests.linkage.factories import record


def level(name: str, left: dict[str, str], right: dict[str, str]) -> str:
    comparison = comparison_named(name)
    index = comparison.level_of(features(record("a", **left)), features(record("b", **right)))
    return "absent" if index < 0 else comparison.labels[index]


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ("Коваленко", "Коваленко", "same spelling"),
        ("Коваленко", "KOVALENKO", "same key"),
        ("Ковальов", "Ковалев", "same key"),
        ("Коваленко", "Ковапенко", "key one letter apart"),
        ("Яблочкіна", "Яблучкова", "different"),
        ("Коваленко", "", "absent"),
    ],
)
def test_surname_levels(left: str, right: str, expected: str) -> None:
    assert level("surname", {"surname": left}, {"surname": right}) == expected


def test_surname_and_given_name_swapped_is_one_level_of_the_surname() -> None:
    usual = {"surname": "Четвер", "given_name": "Ярослав"}
    swapped = {"surname": "Ярослав", "given_name": "Четвер"}
    assert level("surname", usual, swapped) == "swapped with the given name"
    assert level("given_name", usual, swapped) == "absent"  # counted once, under the surname


@pytest.mark.parametrize(
    ("usual", "swapped"),
    [
        (("Коваленко", "Руслан"), ("Руслан", "Ковалнко")),  # the surname slipped
        (("Четвер", "Ярослав"), ("Ярсолав", "Четвер")),  # the given name slipped twice
        (("Четвер", "Ярослав"), ("Jarosław", "Chetwr")),  # other spellings, a letter dropped
    ],
)
def test_swapped_columns_with_one_name_slipped_is_a_level_of_the_surname(
    usual: tuple[str, str], swapped: tuple[str, str]
) -> None:
    left = {"surname": usual[0], "given_name": usual[1]}
    right = {"surname": swapped[0], "given_name": swapped[1]}
    expected = "swapped with the given name, one of them slipped"
    assert level("surname", left, right) == expected
    assert level("surname", right, left) == expected
    assert level("given_name", left, right) == "absent"  # counted once, under the surname


@pytest.mark.parametrize(
    ("left", "right"),
    [
        (("Коваль", "Руслан"), ("Руслан", "Коваленко")),  # the surname more than a slip off
        (("Коваленко", "Руслан"), ("Роман", "Ковалнко")),  # both names differ
        (("Коваль", "Руслан"), ("Руслан", "Ковлаь")),  # a short name two letters off
    ],
)
def test_swapped_columns_with_both_names_off_is_no_swap(
    left: tuple[str, str], right: tuple[str, str]
) -> None:
    surname = level(
        "surname",
        {"surname": left[0], "given_name": left[1]},
        {"surname": right[0], "given_name": right[1]},
    )
    assert not surname.startswith("swapped")


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ("Олександр", "Олександр", "same name, surname agrees"),
        ("Олександр", "Александр", "same name, surname agrees"),
        ("Олександр", "О.", "initial agrees"),
        ("Олександр", "П.", "initial of another name"),
        ("Іван", "Іфан", "one letter apart"),
        # a known name (dmitri) slipped to a spelling it no longer knows (dmiro, dmito)
        ("Дмитро", "Дмиро", "one letter apart"),
        ("Андрій", "Анрій", "one letter apart"),
        ("Володимир", "Володпмир", "one letter apart"),
        ("Олександр", "Oleskandr", "two letters apart"),
        ("Олександр", "Олпксандр", "one letter apart"),  # oleksandr, olpksandr
        ("Олександр", "Петро", "different"),
    ],
)
def test_given_name_levels(left: str, right: str, expected: str) -> None:
    surname = {"surname": "Коваленко"}
    assert level("given_name", surname | {"given_name": left},
                 surname | {"given_name": right}) == expected  # fmt: skip


def test_a_given_name_agreeing_under_another_surname_is_the_plain_level() -> None:
    left = {"surname": "Коваленко", "given_name": "Олександр"}
    right = {"surname": "Бондаренко", "given_name": "Александр"}
    assert level("given_name", left, right) == "same name"


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ("12.03.1990", "1990-03-12", "same date"),
        ("12.03.1990", "03.12.1990", "day and month swapped"),
        ("12.03.1990", "15.03.1990", "same year and month"),
        ("12.03.1990", "01.01.1990", "same year, one known by year only"),
        ("12.03.1990", "00.00.1990", "same year, one known by year only"),
        ("12.03.1990", "12.07.1990", "same year, month differs"),
        ("12.03.1990", "1991", "a year apart, one known by year only"),
        ("12.03.1990", "1987", "two or three years apart, one known by year only"),
        ("12.03.1990", "12.03.1991", "a year apart"),
        ("12.03.1990", "12.03.1909", "same day and month, another year"),
        ("12.03.1990", "1985", "further apart, one known by year only"),
        ("12.03.1990", "15.07.1993", "different"),
        ("12.03.1990", "", "absent"),
    ],
)
def test_date_of_birth_levels(left: str, right: str, expected: str) -> None:
    assert level("birth_date", {"birth_date": left}, {"birth_date": right}) == expected


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ("18.03.2022", "2022-03-18", "same day"),
        ("18.03.2022", "22.03.2022", "within a week"),
        ("18.03.2022", "03.2022", "same month"),
        ("18.03.2022", "05.05.2022", "within two months"),
        ("18.03.2022", "18.03.2023", "different"),
    ],
)
def test_date_of_disappearance_levels(left: str, right: str, expected: str) -> None:
    assert level("missing_date", {"missing_date": left}, {"missing_date": right}) == expected


@pytest.mark.parametrize(
    ("name", "field", "left", "right", "expected"),
    [
        ("patronymic", "patronymic", "Миколайович", "Николаевич", "same father's name"),
        ("patronymic", "patronymic", "Миколайович", "М.", "initial agrees"),
        ("patronymic", "patronymic", "Миколайович", "В.", "initial of another name"),
        ("patronymic", "patronymic", "Олександрович", "Петрович", "different"),
        ("sex", "sex", "ч", "M", "same"),
        ("sex", "sex", "ч", "ж", "different"),
        ("birth_place", "birth_place", "м. Нікополь, Дніпропетровська обл.", "г. Никополь",
         "same place"),
        ("unit", "unit", "в/ч А0536", "military unit A0536", "same unit"),
        ("unit", "unit", "в/ч А0536", "в/ч А0537", "one character apart"),
        ("unit", "unit", "в/ч А0536", "в/ч 3057", "different"),
        ("unit", "unit", "в/ч А0536", "93 ОМБр", "absent"),  # a code and a name: no evidence
        ("missing_place", "missing_place", "Маріуполь", "Маріупіль", "one letter apart"),
        ("missing_place", "missing_place", "Маріуполь, Донецька обл.", "Mariupol", "same place"),
        ("service_number", "service_number", "Д-939042", "D939042", "same number"),
        ("service_number", "service_number", "Д-939042", "Д-939043", "different"),
        ("tax_number", "tax_number", "3132839654", "3132839655",
         "one character apart, check digit fails"),
        ("tax_number", "tax_number", "3132839654", "3123839654",
         "one character apart, check digit fails"),
        ("tax_number", "tax_number", "3134439411", "3134439428", "different"),  # both valid
    ],
)  # fmt: skip
def test_other_levels(name: str, field: str, left: str, right: str, expected: str) -> None:
    assert level(name, {field: left}, {field: right}) == expected


def test_every_comparison_ends_in_different_and_has_unique_labels() -> None:
    for comparison in COMPARISONS:
        assert comparison.labels[-1] == ELSE_LABEL
        assert len(set(comparison.labels)) == len(comparison.labels)


def test_a_slipped_swap_reads_alike_in_sql_and_python() -> None:
    from homeward.linkage.pairs import comparison_levels
    from homeward.linkage.prepared import PreparedRecords

    names = [("Коваленко", "Руслан"), ("Руслан", "Ковалнко"), ("Руслан", ""), ("", "Руслан"),
             ("Коваль", "Ян"), ("Ян", "Ковлаь"), ("Ярсолав", "Четвер"), ("Четвер", "Ярослав"),
             ("Дмитро", "Дмиро"), ("Дмиро", "Дмитро")]  # fmt: skip
    records = [record(str(i), surname=s, given_name=g) for i, (s, g) in enumerate(names)]
    prepared = PreparedRecords.of(records)
    rows = prepared.table.to_pylist()
    pairs = [(i, j) for i in range(len(rows)) for j in range(len(rows)) if i != j]
    found = comparison_levels(prepared.table, [i for i, _ in pairs], [j for _, j in pairs])
    for name in ("surname", "given_name"):
        comparison = comparison_named(name)
        python = [comparison.gamma(comparison.level_of(rows[i], rows[j])) for i, j in pairs]
        assert found[name].to_pylist() == python
    surname = comparison_named("surname")
    slipped = surname.gamma(surname.labels.index(SWAPPED_SLIP_LABEL))
    assert slipped in found["surname"].to_pylist()
