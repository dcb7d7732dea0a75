"""split_full_name: surname, given name and patronymic out of one field."""

import pytest

from homeward.names import FullName, split_full_name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("КОВАЛЕНКО Олександр Петрович", FullName("КОВАЛЕНКО", "Олександр", "Петрович")),
        ("Олександр Петрович Коваленко", FullName("Коваленко", "Олександр", "Петрович")),
        ("Kovalenko Oleksandr", FullName("Kovalenko", "Oleksandr")),
        ("Oleksandr Kovalenko", FullName("Kovalenko", "Oleksandr")),
        ("SHEVCHENKO Taras", FullName("SHEVCHENKO", "Taras")),
        ("Коваленко, Олександр Петрович", FullName("Коваленко", "Олександр", "Петрович")),
        ("Римський-Корсаков Микола Андрійович",
         FullName("Римський-Корсаков", "Микола", "Андрійович")),
        ("Петренко (Коваль) Олена Іванівна",
         FullName("Петренко (Коваль)", "Олена", "Іванівна")),
        ("Олександр Петрович", FullName(None, "Олександр", "Петрович")),
        ("Коваленко", FullName("Коваленко")),
        ("", FullName()),
    ],
)  # fmt: skip
def test_it_splits_a_full_name_in_any_usual_order(text: str, expected: FullName) -> None:
    assert split_full_name(text) == expected


@pytest.mark.parametrize(
    "text", ["Коваленко О.П.", "Коваленко О. П.", "О.П. Коваленко", "О. П. Коваленко"]
)
def test_it_recognises_initials_as_initials(text: str) -> None:
    assert split_full_name(text) == FullName(
        "Коваленко", "О", "П", given_name_is_initial=True, patronymic_is_initial=True
    )


def test_it_recognises_initials_written_together_with_the_surname() -> None:
    full = split_full_name("Т.Г.Шевченко")
    assert (full.surname, full.given_name, full.patronymic) == ("Шевченко", "Т", "Г")
    assert full.given_name_is_initial and full.patronymic_is_initial


def test_it_cleans_the_text_first() -> None:
    assert split_full_name("  КОВАЛЕНКО\u00a0 Олексaндр  Петрович ") == FullName(
        "КОВАЛЕНКО", "Олександр", "Петрович"
    )


def test_it_ignores_numbers_in_the_field() -> None:
    assert split_full_name("Шевченко Тарас Григорович 1814") == FullName(
        "Шевченко", "Тарас", "Григорович"
    )


def test_it_takes_a_surname_that_looks_like_a_patronymic_from_its_place() -> None:
    assert split_full_name("Петрович Петро Петрович") == FullName("Петрович", "Петро", "Петрович")
