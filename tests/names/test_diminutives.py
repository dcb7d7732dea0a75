"""Diminutives: the full name a Саша or a Коля stands for, only where it stands for one."""

import pytest

from homeward.names import NamePart, match_key, phonetic_key
from homeward.names.diminutives import (
    DIMINUTIVES,
    diminutive_keys,
    full_key_of,
    full_name_key,
    full_name_phonetic,
    full_phonetic_of,
    is_diminutive,
)

GIVEN = NamePart.GIVEN


def key(name: str) -> str:
    return match_key(name, GIVEN)


@pytest.mark.parametrize(
    ("diminutive", "full"),
    [
        ("Коля", "Микола"), ("Ваня", "Іван"), ("Вова", "Володимир"), ("Володя", "Володимир"),
        ("Серьога", "Сергій"), ("Серёжа", "Сергій"), ("Толік", "Анатолій"), ("Толя", "Анатолій"),
        ("Міша", "Михайло"), ("Миша", "Михайло"), ("Діма", "Дмитро"), ("Льоша", "Олексій"),
        ("Юра", "Юрій"), ("Вітя", "Віктор"), ("Таня", "Тетяна"), ("Наташа", "Наталія"),
        # the gaps filled (docs/linkage.md, "Blocking")
        ("Бодя", "Богдан"), ("Льоня", "Леонід"), ("Едик", "Едуард"), ("Олежка", "Олег"),
        ("Ростик", "Ростислав"), ("Івась", "Іван"), ("Юрась", "Юрій"), ("Ілько", "Ілля"),
        ("Дениска", "Денис"), ("Наталка", "Наталія"), ("Марічка", "Марія"), ("Ліза", "Єлизавета"),
    ],
)  # fmt: skip
def test_a_diminutive_of_one_name_keys_as_that_name(diminutive: str, full: str) -> None:
    assert key(diminutive) != key(full)  # the match key is the diminutive's own
    assert full_name_key(diminutive) == key(full)
    assert full_name_phonetic(diminutive) == phonetic_key(full, GIVEN)
    assert is_diminutive(diminutive)


@pytest.mark.parametrize(
    ("spelling", "full"),
    [
        ("Kolya", "Микола"), ("Kolja", "Микола"), ("KOLIA", "Микола"), ("Vanya", "Іван"),
        ("Wanja", "Іван"), ("Vova", "Володимир"), ("Tolik", "Анатолій"), ("Seryoga", "Сергій"),
        ("Serhiy", "Сергій"), ("Mykola", "Микола"),
    ],
)  # fmt: skip
def test_latin_spellings_reach_the_full_name(spelling: str, full: str) -> None:
    assert full_name_key(spelling) == key(full)


def test_a_full_name_stands_for_itself() -> None:
    assert full_name_key("Олександр") == key("Олександр")
    assert full_name_key("Alexander") == key("Олександр")
    assert full_name_phonetic("Олександр") == phonetic_key("Олександр", GIVEN)
    assert full_key_of(key("Олександр")) is None
    assert not is_diminutive("Олександр")


@pytest.mark.parametrize("spelling", ["Саша", "Sasha", "Sascha", "САША", "Шура"])
def test_sasha_stands_for_the_name_of_the_records_sex(spelling: str) -> None:
    assert full_name_key(spelling, "m") == key("Олександр")
    assert full_name_key(spelling, "F") == key("Олександра")
    # the sex unknown: forced to neither
    assert full_name_key(spelling) == key(spelling)
    assert full_key_of(key(spelling)) is None
    # but the two names sound alike: a blocking key for both
    assert full_name_phonetic(spelling) == phonetic_key("Олександр", GIVEN)
    assert phonetic_key("Олександр", GIVEN) == phonetic_key("Олександра", GIVEN)


def test_zhenia_and_valia_are_a_mans_or_a_womans_name() -> None:
    assert full_name_key("Руся", "m") == key("Руслан")
    assert full_name_key("Руся", "f") == key("Руслана")
    assert full_name_key("Руся") == key("Руся")
    assert full_name_key("Женька", "m") == key("Євген")
    assert full_name_key("Женя", "m") == key("Євген")
    assert full_name_key("Женя", "f") == key("Євгенія")
    assert full_name_key("Женя") == key("Женя")
    assert full_name_key("Валя", "f") == key("Валентина")
    assert full_name_key("Валя") == key("Валя")


@pytest.mark.parametrize("diminutive", ["Слава", "Сеня"])
def test_a_diminutive_of_two_names_of_one_sex_stands_for_none(diminutive: str) -> None:
    for sex in (None, "m"):
        assert full_name_key(diminutive, sex) == key(diminutive)
        assert full_key_of(key(diminutive), sex) is None
        assert full_phonetic_of(key(diminutive), sex) is None
    assert full_name_phonetic(diminutive) == phonetic_key(diminutive, GIVEN)
    assert is_diminutive(diminutive)


def test_a_diminutive_of_the_other_sex_stands_for_none() -> None:
    assert full_key_of(key("Коля"), "f") is None  # a record's sex wrong, or the name
    assert full_name_key("Коля", "f") == key("Коля")


def test_names_of_no_table_and_empty_input_stand_for_themselves() -> None:
    assert full_name_key("Азамат") == key("Азамат")
    assert full_name_key("") == ""
    assert full_name_phonetic("") == ""
    assert full_key_of("") is None


def test_the_table_keys_every_entry() -> None:
    for name, _, diminutives in DIMINUTIVES:
        assert key(name)
        assert all(key(diminutive) for diminutive in diminutives)
    assert key("Коля") in diminutive_keys()
    assert len(diminutive_keys()) > 80
