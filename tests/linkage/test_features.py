"""Reading a record for linkage: units, dates, sex, names in the wrong columns, bad values."""

from __future__ import annotations

import pytest

from homeward.linkage.features import deletion_keys, features
from homeward.linkage.table import feature_table
from homeward.names import NamePart, clean_name, match_key
from tests.linkage.factories import population, record


@pytest.mark.parametrize(
    "written",
    ["в/ч А0536", "А0536", "military unit A0536", "A-0536", "військова частина А0536",
     "в/ч № А0536", "ВЧ А-0536", "MU A0536", "войсковая часть А0536", " в/ч  а0536 "],
)  # fmt: skip
def test_it_reads_every_way_of_writing_a_unit_as_one_code(written: str) -> None:
    assert features(record(unit=written))["unit_code"] == "A0536"


def test_it_keeps_a_named_formation_as_its_name_in_latin_letters() -> None:
    assert features(record(unit="ЧВК «Вагнер»"))["unit_code"] == "chvk vahner"


@pytest.mark.parametrize(
    ("written", "year", "month", "day"),
    [("12.03.1990", 1990, 3, 12), ("1990-03-12", 1990, 3, 12), ("12/03/1990", 1990, 3, 12),
     ("1990", 1990, None, None), ("01.01.1990", 1990, None, None),
     ("00.00.1990", 1990, None, None), ("03.1990", 1990, 3, None),
     ("12 березня 1990 р.", 1990, 3, 12)],
)  # fmt: skip
def test_it_reads_a_birth_date_to_the_precision_it_is_known(
    written: str, year: int, month: int | None, day: int | None
) -> None:
    row = features(record(birth_date=written))
    assert (row["birth_year"], row["birth_month"], row["birth_day"]) == (year, month, day)


def test_the_first_of_january_is_a_day_for_a_disappearance() -> None:
    row = features(record(missing_date="01.01.2024"))
    assert (row["missing_month"], row["missing_day"]) == (1, 1)
    assert row["missing_daynum"] is not None


@pytest.mark.parametrize("bad", ["31.02.1990", "soon", "12.13.1990", "99999", "—"])
def test_an_unreadable_date_is_absent_never_an_error(bad: str) -> None:
    row = features(record(birth_date=bad, missing_date=bad))
    assert row["birth_year"] is None
    assert row["missing_year"] is None


@pytest.mark.parametrize(
    ("sex", "patronymic", "expected"),
    [("ч", "", "M"), ("чол.", "", "M"), ("жіноча", "", "F"), ("М", "", "M"), ("female", "", "F"),
     ("", "Миколайович", "M"), ("", "Петрівна", "F"), ("", "Ivanovna", "F"),
     ("ж", "Миколайович", "F"), ("", "", None), ("?", "", None)],
)  # fmt: skip
def test_it_reads_sex_from_the_word_or_else_the_patronymic(
    sex: str, patronymic: str, expected: str | None
) -> None:
    assert features(record(sex=sex, patronymic=patronymic))["sex"] == expected


def test_it_splits_a_full_name_written_in_the_surname_column() -> None:
    row = features(record(surname="КОВАЛЕНКО Олександр Петрович"))
    plain = features(record(surname="Коваленко", given_name="Олександр", patronymic="Петрович"))
    for column in ("surname_key", "given_key", "patronymic_key"):
        assert row[column] == plain[column]


def test_swapped_name_columns_share_the_unordered_key() -> None:
    usual = features(record(surname="Четвер", given_name="Ярослав"))
    swapped = features(record(surname="Ярослав", given_name="Четвер"))
    assert usual["names_unordered"] == swapped["names_unordered"]
    assert usual["surname_key"] == swapped["given_as_surname_key"]


def test_spellings_of_one_name_share_keys_across_scripts() -> None:
    spellings = [("Шевченко", "Олександр"), ("ШЕВЧЕНКО", "Александр"), ("Shevchenko", "Oleksandr")]
    rows = [features(record(surname=s, given_name=g)) for s, g in spellings]
    assert len({row["surname_key"] for row in rows}) == 1
    assert len({row["given_key"] for row in rows}) == 1


def test_numbers_are_compared_by_their_digits() -> None:
    assert features(record(service_number="Д-939042"))["service_number"] == "939042"
    assert features(record(service_number="D 939042"))["service_number"] == "939042"
    assert features(record(tax_number="12"))["tax_number"] is None


def test_an_empty_record_has_every_column_and_no_value() -> None:
    row = features(record())
    assert row["record_id"] == "r1"
    assert all(value is None for key, value in row.items() if key != "record_id")


def test_the_batch_table_equals_features_row_by_row() -> None:
    records = [r for r, _ in population()[:1500]]
    rows = feature_table(records, workers=1).to_pylist()
    for given, row in zip(records, rows, strict=True):
        row.pop("unique_id")
        assert row == features(given)


def test_keys_of_the_cleaned_lower_case_form_equal_the_keys_of_the_written_form() -> None:
    # feature_table keys each spelling once by its cleaned lower-case form: this must not
    # change any key (names keys do not depend on case once look-alikes are repaired)
    for given, _ in population()[:1500]:
        for text, part in ((given.surname, NamePart.SURNAME), (given.given_name, NamePart.GIVEN),
                           (given.patronymic, NamePart.PATRONYMIC)):  # fmt: skip
            assert match_key(clean_name(text).lower(), part) == match_key(text, part)


def test_a_diminutive_is_read_as_the_full_name_it_stands_for() -> None:
    kolya = features(record("a", surname="Лобець", given_name="Kolya"))
    mykola = features(record("b", surname="Лобець", given_name="Микола"))
    assert kolya["given_key"] != mykola["given_key"]
    assert kolya["given_full_key"] == mykola["given_full_key"] == mykola["given_key"]
    assert kolya["given_full_phonetic"] == mykola["given_full_phonetic"]
    assert kolya["given_diminutive"] is True
    assert mykola["given_diminutive"] is False


def test_a_diminutive_of_a_mans_and_a_womans_name_takes_the_records_sex() -> None:
    man = features(record("a", given_name="Саша", patronymic="Петрович"))
    woman = features(record("b", given_name="Саша", sex="жін."))
    unknown = features(record("c", given_name="Саша"))
    assert man["given_full_key"] == match_key("Олександр", NamePart.GIVEN)
    assert woman["given_full_key"] == match_key("Олександра", NamePart.GIVEN)
    assert unknown["given_full_key"] == unknown["given_key"]  # forced to neither
    assert man["given_full_phonetic"] == unknown["given_full_phonetic"]


def test_the_batch_table_reads_diminutives_as_features_does() -> None:
    records = [
        record(str(i), surname="Лобець", given_name=name, sex=sex, patronymic=patronymic)
        for i, (name, sex, patronymic) in enumerate(
            [("Саша", "", ""), ("Саша", "ч", ""), ("Саша", "", "Петрівна"), ("Коля", "", ""),
             ("Слава", "", ""), ("Олександр", "", ""), ("", "", ""), ("О.", "", "")]
        )
    ]  # fmt: skip
    table = feature_table(records, workers=1).to_pylist()
    for written, row in zip(records, table, strict=True):
        expected = features(written)
        assert {k: row[k] for k in expected} == expected


def test_keys_one_letter_or_one_sound_apart_share_a_deletion() -> None:
    def share(a: str, b: str) -> bool:
        return not set(deletion_keys(a) or ()).isdisjoint(deletion_keys(b) or ())

    assert share("petrets", "perets")  # a letter dropped
    assert share("moroz", "morlz")  # a letter misread
    assert share("kobilak", "kobylak")  # a letter changed
    assert share("shevchenko", "shevhcenko")  # two neighbours swapped
    assert share("kushnets", "kushnech")  # ц heard as ч: one sound, two letters
    assert not share("petrets", "petrenko")
    assert not share("lova", "loba")  # four letters stand for themselves alone
    assert deletion_keys("lova") == ["lova"]
    assert deletion_keys(None) is None


@pytest.mark.parametrize(
    "key",
    ["kovalenko", "shevchenko", "kushnets", "tsar", "kharkiv", "zhuk", "holub", "lova", "shch",
     "petrov-vodkin", "ivanov", "a", "tsts"],
)  # fmt: skip
def test_a_key_s_deletions_are_those_of_its_spelling_and_of_its_sounds(key: str) -> None:
    import re

    sounds = re.sub("shch|sh|ch|zh|kh|ts", lambda m: {"shch": "W", "sh": "S", "ch": "C",
                    "zh": "Z", "kh": "H", "ts": "T"}[m.group()], key)  # fmt: skip
    expected = set()
    for word in (key, sounds):
        expected.add(word)
        if len(word) > 4:
            expected.update(word[:i] + word[i + 1 :] for i in range(len(word)))
    assert deletion_keys(key) == sorted(expected)
