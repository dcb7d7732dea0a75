"""Values as lists write them: dates to their precision, sex, ranks, numbers, countries."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from homeward.dates import PartialDate
from homeward.errors import InvalidInput
from homeward.imports.values import (
    cell_date,
    cell_text,
    parse_citizenship,
    parse_rank,
    parse_sex,
    parse_tax_number,
)
from homeward.registry.vocab import Sex


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("12.03.1999", PartialDate(1999, 3, 12)),
        ("1999-03-12", PartialDate(1999, 3, 12)),
        ("12/03/1999", PartialDate(1999, 3, 12)),
        ("1999", PartialDate(1999)),
        ("1985 р.н.", PartialDate(1985)),
        ("03.1999", PartialDate(1999, 3)),
        ("00.00.1985", PartialDate(1985)),
        ("00.03.1985", PartialDate(1985, 3)),
        ("3 березня 1999", PartialDate(1999, 3, 3)),
        ("3 марта 1999 г.", PartialDate(1999, 3, 3)),
        ("27 січня 2010 р.", PartialDate(2010, 1, 27)),
        ("36231", PartialDate(1999, 3, 12)),
        (36231.0, PartialDate(1999, 3, 12)),
        (1999.0, PartialDate(1999)),
        (date(1999, 3, 12), PartialDate(1999, 3, 12)),
        (datetime(1999, 3, 12, 0, 0), PartialDate(1999, 3, 12)),
        ("", None),
        (None, None),
    ],
)
def test_it_reads_dates_to_their_precision(cell: object, expected: PartialDate | None) -> None:
    assert cell_date(cell, field="birth_date") == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("cell", ["31.02.1999", "12.13.1999", "вчора", 123.0])
def test_a_date_that_is_none_names_its_field(cell: object) -> None:
    with pytest.raises(InvalidInput) as error:
        cell_date(cell, field="missing_date")  # type: ignore[arg-type]
    assert error.value.field == "missing_date"


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("ч", Sex.MALE),
        ("чол.", Sex.MALE),
        ("Чоловіча", Sex.MALE),
        ("муж", Sex.MALE),
        ("M", Sex.MALE),
        ("male", Sex.MALE),
        ("ж", Sex.FEMALE),
        ("жін.", Sex.FEMALE),
        ("женский", Sex.FEMALE),
        ("F", Sex.FEMALE),
    ],
)
def test_it_reads_sex_from_a_word(word: str, expected: Sex) -> None:
    assert (
        parse_sex(word, patronymic="Петрівна" if expected is Sex.MALE else "Петрович") is expected
    )


@pytest.mark.parametrize(
    ("patronymic", "expected"),
    [
        ("Петрович", Sex.MALE),
        ("Сергеевич", Sex.MALE),
        ("Ілліч", Sex.MALE),
        ("Kuzmych", Sex.MALE),
        ("Петрівна", Sex.FEMALE),
        ("Сергеевна", Sex.FEMALE),
        ("Ivanivna", Sex.FEMALE),
        ("Кузьмінічна", Sex.FEMALE),
        ("", Sex.UNKNOWN),
        ("П.", Sex.UNKNOWN),
    ],
)
def test_without_a_word_sex_comes_from_the_patronymic(patronymic: str, expected: Sex) -> None:
    assert parse_sex("", patronymic=patronymic) is expected


def test_an_unknown_sex_word_is_an_error() -> None:
    with pytest.raises(InvalidInput, match="sex: 'x' is not a sex"):
        parse_sex("x")


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("солдат", "private"),
        ("рядовой", "private"),
        ("Рядовий", "private"),
        ("старший солдат", "senior_private"),
        ("ефрейтор", "senior_private"),
        ("мол. с-т", "junior_sergeant"),
        ("МЛ. СЕРЖАНТ", "junior_sergeant"),
        ("ст. л-т", "senior_lieutenant"),
        ("ст.л-т", "senior_lieutenant"),
        ("Senior Lieutenant", "senior_lieutenant"),
        ("капітан", "captain"),
        ("капитан 2 ранга", "lieutenant_colonel"),
        ("капітан II рангу", "lieutenant_colonel"),
        ("старшина 1 статті", "petty_officer_1"),
        ("прапорщик", "warrant_officer"),
        ("генерал-майор", "major_general"),
    ],
)
def test_ranks_are_normalised_to_the_controlled_list(written: str, code: str) -> None:
    rank = parse_rank(written)
    assert rank is not None and rank.code == code


def test_a_rank_keeps_its_category_for_the_statistics() -> None:
    categories = {parse_rank(r).category for r in ("солдат", "сержант", "майор")}  # type: ignore[union-attr]
    assert categories == {"rank_and_file", "sergeant", "officer"}


def test_a_rank_outside_the_list_means_no_rank_of_it() -> None:
    assert parse_rank("генералісимус") is None
    assert parse_rank("  ") is None


@pytest.mark.parametrize(
    ("cell", "text"),
    [(1234567890.0, "1234567890"), (3.5, "3.5"), (date(2024, 5, 1), "2024-05-01"), (None, "")],
)
def test_cells_read_as_the_text_they_show(cell: object, text: str) -> None:
    assert cell_text(cell) == text  # type: ignore[arg-type]


def test_tax_numbers_are_digits_without_spaces() -> None:
    assert parse_tax_number("1234 567 890") == "1234567890"
    assert parse_tax_number("123456789012") == "123456789012"
    with pytest.raises(InvalidInput, match="tax_number"):
        parse_tax_number("12345")


@pytest.mark.parametrize(
    ("written", "code"), [("Україна", "UKR"), ("РФ", "RUS"), ("Russia", "RUS"), ("ukr", "UKR")]
)
def test_countries_become_iso_codes(written: str, code: str) -> None:
    assert parse_citizenship(written) == code


def test_an_unknown_country_is_an_error() -> None:
    with pytest.raises(InvalidInput, match="citizenship"):
        parse_citizenship("Атлантида")
