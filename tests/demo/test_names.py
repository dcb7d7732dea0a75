"""Names drawn by real frequency, in the forms real records use."""

from __future__ import annotations

from collections import Counter

import pytest
from names_translator.dicts import default_dicts

from homeward.demo import names_data
from homeward.demo.foreign import ukrainian_spelling
from homeward.demo.grammar import (
    ru_feminine_surname,
    ru_patronymics,
    uk_feminine_surname,
    uk_patronymics,
)
from homeward.demo.names_pool import name_tables
from homeward.demo.population import SyntheticPerson
from homeward.demo.spellings import latin


def test_namesakes_are_common(own: list[SyntheticPerson]) -> None:
    names = Counter((p.given_name, p.surname) for p in own)
    shared = sum(count for count in names.values() if count > 1)
    # a few thousand persons already have namesakes; a register of 55,000 has thousands
    assert shared > 0.01 * len(own)
    assert names.most_common(1)[0][1] >= 3
    surnames = Counter(p.surname for p in own)
    top = {name for name, _ in surnames.most_common(30)}
    assert {"Мельник", "Шевченко", "Бойко", "Коваленко"} & top


def test_most_men_are_called_as_most_men_are(own: list[SyntheticPerson]) -> None:
    men = Counter(p.given_name for p in own if p.sex == "M")
    total = sum(men.values())
    assert men.most_common(1)[0][0] == "Олександр"
    assert 0.06 < men["Олександр"] / total < 0.14
    assert {"Сергій", "Андрій"} <= {name for name, _ in men.most_common(8)}


def test_adversaries_have_russian_names(adversaries: list[SyntheticPerson]) -> None:
    russians = [p for p in adversaries if p.citizenship == "RUS"]
    given = Counter(p.given_name for p in russians)
    assert given.most_common(1)[0][0] in {"Александр", "Сергей", "Дмитрий", "Андрей"}
    assert not any(letter in p.surname for p in russians for letter in "іїєґ")


@pytest.mark.parametrize("blob", [names_data.UK_MALE, names_data.UK_FEMALE, names_data.UK_FATHERS])
def test_every_given_name_is_in_the_dictionary(blob: str) -> None:
    dicts = default_dicts()
    assert [n for n in blob.split() if not dicts.lookup(n, "first")] == []


@pytest.mark.parametrize("blob", [names_data.RU_MALE, names_data.RU_FEMALE, names_data.RU_FATHERS])
def test_russian_given_names_are_the_dictionarys_translations(blob: str) -> None:
    dicts = default_dicts()
    for token in blob.split():
        russian, ukrainian = token.split(":")
        assert russian.replace("ё", "е") in dicts.lookup(ukrainian, "first"), token


def test_head_surnames_are_in_the_dictionary() -> None:
    dicts = default_dicts()
    assert [n for n in names_data.UK_SURNAMES.split() if not dicts.lookup(n, "last")] == []
    for token in names_data.RU_SURNAMES.split():
        russian, ukrainian = token.split(":")
        assert russian.replace("ё", "е") in dicts.lookup(ukrainian, "last"), token


def test_ukrainian_patronymics_are_in_the_dictionary() -> None:
    dicts = default_dicts()
    for entry in name_tables().own_fathers.values:
        for form in entry.uk:
            assert dicts.lookup(form, "patronymic"), form


def test_russian_forms_of_own_persons_are_the_dictionarys() -> None:
    dicts = default_dicts()
    tables = name_tables()
    for given in tables.own_male.values[:40]:
        assert given.ru == dicts.lookup(given.uk, "first")[0]
    for surname in tables.own_surnames.values[:40]:
        assert surname.ru == dicts.lookup(surname.uk, "last")[0]


@pytest.mark.parametrize(
    ("father", "male", "female"),
    [
        ("Микола", "Миколайович", "Миколаївна"),
        ("Андрій", "Андрійович", "Андріївна"),
        ("Василь", "Васильович", "Василівна"),
        ("Петро", "Петрович", "Петрівна"),
        ("Іван", "Іванович", "Іванівна"),
        ("Ілля", "Ілліч", "Іллівна"),
        ("Федір", "Федорович", "Федорівна"),
    ],
)
def test_ukrainian_patronymics_follow_the_orthography(father: str, male: str, female: str) -> None:
    assert uk_patronymics(father) == (male, female)


@pytest.mark.parametrize(
    ("father", "male", "female"),
    [
        ("Юрий", "Юрьевич", "Юрьевна"),
        ("Дмитрий", "Дмитриевич", "Дмитриевна"),
        ("Андрей", "Андреевич", "Андреевна"),
        ("Игорь", "Игоревич", "Игоревна"),
        ("Илья", "Ильич", "Ильинична"),
        ("Павел", "Павлович", "Павловна"),
        ("Пётр", "Петрович", "Петровна"),
        ("Иван", "Иванович", "Ивановна"),
    ],
)
def test_russian_patronymics_follow_the_grammar(father: str, male: str, female: str) -> None:
    assert ru_patronymics(father) == (male, female)


@pytest.mark.parametrize(
    ("male", "female"),
    [
        ("Ковальський", "Ковальська"),
        ("Іванов", "Іванова"),
        ("Шевченко", "Шевченко"),
        ("Мельник", "Мельник"),
        ("Білий", "Біла"),
        ("Ільїн", "Ільїна"),
    ],
)
def test_women_have_feminine_surnames_where_the_language_has_them(male: str, female: str) -> None:
    assert uk_feminine_surname(male) == female


def test_russian_feminine_surnames() -> None:
    assert ru_feminine_surname("Ковальский") == "Ковальская"
    assert ru_feminine_surname("Королёв") == "Королёва"
    assert ru_feminine_surname("Толстой") == "Толстая"
    assert ru_feminine_surname("Черных") == "Черных"


def test_women_are_written_with_their_own_forms(own: list[SyntheticPerson]) -> None:
    women = [p for p in own if p.sex == "F"]
    assert women
    assert all(p.patronymic.endswith("на") for p in women)
    assert (
        any(p.surname.endswith("ська") or p.surname.endswith("ова") for p in own if p.sex == "F")
        or len(women) < 50
    )


@pytest.mark.parametrize(
    ("convention", "expected"),
    [
        ("KMU2010", "Shevchenko Oleksandr"),
        ("german", "Schewtschenko Oleksandr"),
        ("french", "Chevtchenko Oleksandr"),
        ("polish", "Szewczenko Ołeksandr"),
        ("passport2004", "Shevchenco Olecsandr"),
    ],
)
def test_latin_spellings_follow_many_conventions(convention: str, expected: str) -> None:
    assert latin("Шевченко Олександр", convention) == expected


def test_latin_keeps_each_words_case() -> None:
    assert latin("ШЕВЧЕНКО Тарас", "KMU2010") == "SHEVCHENKO Taras"
    assert latin("Вʼячеслав", "KMU2010") == "Viacheslav"


def test_foreign_names_get_a_ukrainian_spelling() -> None:
    assert ukrainian_spelling("Рахимов") == "Рахімов"
    assert ukrainian_spelling("Бахтиёр") == "Бахтійор"
