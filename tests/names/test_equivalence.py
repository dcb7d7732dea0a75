"""equivalents: the other-language forms of a name, and the other-gender forms of a surname."""

import pytest

from homeward.names import NamePart, equivalents

from .vectors import given_pairs, patronymic_pairs


def folded(forms: frozenset[str]) -> set[str]:
    return {form.lower().replace("ё", "е").replace("ʼ", "'") for form in forms}


def fold(name: str) -> str:
    return name.lower().replace("ё", "е")


@pytest.mark.parametrize(
    ("name", "part", "expected"),
    [
        ("Олександр", NamePart.GIVEN, "Александр"),
        ("Александр", NamePart.GIVEN, "Олександр"),
        ("Николай", NamePart.GIVEN, "Микола"),
        ("Хома", NamePart.GIVEN, "Фома"),  # a folk form, from the supplement
        ("Миколайович", NamePart.PATRONYMIC, "Николаевич"),
        ("Николаевич", NamePart.PATRONYMIC, "Миколайович"),
        ("Ковальов", NamePart.SURNAME, "Ковалев"),
        ("Ковалев", NamePart.SURNAME, "Ковальов"),
        ("Білоус", NamePart.SURNAME, "Белоус"),
        ("Белоус", NamePart.SURNAME, "Білоус"),
    ],
)
def test_it_gives_the_other_languages_form(name: str, part: NamePart, expected: str) -> None:
    assert expected in equivalents(name, part)


@pytest.mark.parametrize(
    ("name", "other"),
    [
        ("Петров", "Петрова"),
        ("Петрова", "Петров"),
        ("Пушкін", "Пушкіна"),
        ("Згурський", "Згурська"),
        ("Згурська", "Згурський"),
        ("Толстой", "Толстая"),
        ("Толстая", "Толстой"),
    ],
)
def test_it_gives_the_other_gender_of_a_surname(name: str, other: str) -> None:
    assert other in equivalents(name, NamePart.SURNAME)


@pytest.mark.parametrize("name", ["Шевченко", "Коваль", "Шевчук", "Петрів"])
def test_it_gives_no_gender_form_for_a_surname_that_does_not_inflect(name: str) -> None:
    assert not any(form.endswith("а") for form in equivalents(name, NamePart.SURNAME))


def test_it_finds_a_latin_name_in_the_dictionaries() -> None:
    assert "Ковальов" in equivalents("Kovalyov", NamePart.SURNAME)
    assert "Шевченко" in equivalents("Schewtschenko", NamePart.SURNAME)


def test_it_keeps_capitals_when_given_capitals() -> None:
    assert "ПЕТРОВ" in equivalents("ПЕТРОВА", NamePart.SURNAME)


def test_it_gives_nothing_for_a_name_written_alike_in_both_languages() -> None:
    assert equivalents("Олег", NamePart.GIVEN) == frozenset()


def test_it_gives_nothing_for_empty_input() -> None:
    assert equivalents("", NamePart.GIVEN) == frozenset()


@pytest.mark.parametrize("rows", [given_pairs, patronymic_pairs], ids=["given", "patronymic"])
def test_it_knows_the_russian_form_of_every_confident_vector(rows) -> None:  # type: ignore[no-untyped-def]
    part = NamePart.GIVEN if rows is given_pairs else NamePart.PATRONYMIC
    missing = [
        (row["uk"], row["ru"])
        for row in rows()
        if not row["note"]
        and fold(row["ru"]) != fold(row["uk"])
        and fold(row["ru"]) not in folded(equivalents(row["uk"], part))
    ]
    assert missing == []


def test_it_knows_the_ukrainian_form_of_most_confident_vectors() -> None:
    """Russian → Ukrainian is ambiguous (records misspell the Ukrainian forms): ≥ 90 %."""
    found = total = 0
    for rows, part in ((given_pairs, NamePart.GIVEN), (patronymic_pairs, NamePart.PATRONYMIC)):
        for row in rows():
            if row["note"] or fold(row["ru"]) == fold(row["uk"]):
                continue
            total += 1
            found += fold(row["uk"]) in folded(equivalents(row["ru"], part))
    assert found / total >= 0.9


def test_it_gives_a_double_surname_the_forms_of_both_parts_in_one_gender() -> None:
    forms = equivalents("Римський-Корсаков", NamePart.SURNAME)
    assert "Римська-Корсакова" in forms
    assert "Римский-Корсаков" in forms
    assert "Римський-Корсакова" not in forms
