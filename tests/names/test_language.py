"""detect_language: Ukrainian, Russian, Latin letters, or unknown."""

import pytest

from homeward.names import Language, detect_language


@pytest.mark.parametrize("name", ["Їжакевич", "Євген", "Ґалаґан", "Олексій", "Мар'ян"])
def test_it_reads_ukrainian_letters_and_the_apostrophe_as_ukrainian(name: str) -> None:
    assert detect_language(name) is Language.UK


@pytest.mark.parametrize("name", ["Быков", "Эдуард", "Подъячев", "Семён"])
def test_it_reads_russian_letters_as_russian(name: str) -> None:
    assert detect_language(name) is Language.RU


@pytest.mark.parametrize(
    ("name", "language"),
    [
        ("Олександр", Language.UK),
        ("Александр", Language.RU),
        ("Николай", Language.RU),
        ("Иван", Language.RU),
        ("Микола", Language.UK),
        ("Олег", Language.UNKNOWN),  # the same in both
        ("Коваленко", Language.UNKNOWN),
    ],
)
def test_it_lets_the_dictionaries_decide_the_rest(name: str, language: Language) -> None:
    assert detect_language(name) is language


def test_it_reads_latin_letters_as_latin() -> None:
    assert detect_language("Kovalenko Oleksandr") is Language.LATIN


def test_it_says_unknown_for_nothing_to_read() -> None:
    assert detect_language("") is Language.UNKNOWN
    assert detect_language("1985 -") is Language.UNKNOWN


def test_it_gives_one_verdict_for_a_full_name() -> None:
    assert detect_language("Коваленко Олександр Петрович") is Language.UK
    assert detect_language("Коваленко Александр Петрович") is Language.RU
