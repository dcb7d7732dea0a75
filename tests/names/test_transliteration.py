"""transliterate: KMU 2010 for Ukrainian, ICAO 9303 for Russian, word by word, pure ASCII."""

import pytest

from homeward.names import Language, transliterate

from .vectors import icao_examples, kmu_examples


@pytest.mark.parametrize("row", kmu_examples(), ids=lambda row: row["cyrillic"])
def test_it_follows_every_example_of_the_kmu_resolution(row: dict[str, str]) -> None:
    assert transliterate(row["cyrillic"], language=Language.UK) == row["latin"]
    assert transliterate(row["cyrillic"].upper(), language=Language.UK) == row["latin"].upper()


@pytest.mark.parametrize("row", icao_examples(), ids=lambda row: row["cyrillic"])
def test_it_follows_every_icao_vector(row: dict[str, str]) -> None:
    capitals = row["latin"]
    assert transliterate(row["cyrillic"].upper(), language=Language.RU) == capitals
    assert transliterate(row["cyrillic"], language=Language.RU) == capitals.capitalize()


def test_it_keeps_each_words_case_style() -> None:
    assert transliterate("ШЕВЧЕНКО Тарас Григорович") == "SHEVCHENKO Taras Hryhorovych"
    assert transliterate("Петренко ЄВГЕН") == "Petrenko YEVHEN"
    assert transliterate("ЗГУРСЬКИЙ Згурський") == "ZGHURSKYI Zghurskyi"


@pytest.mark.parametrize("mark", "'’ʼ`‘´ʹ′ʻ＇")
def test_it_drops_every_apostrophe_variant(mark: str) -> None:
    assert transliterate(f"Знам{mark}янка", language=Language.UK) == "Znamianka"


def test_it_transliterates_each_part_of_a_double_name() -> None:
    assert transliterate("Ярослава-Юлія") == "Yaroslava-Yuliia"


def test_it_takes_letters_of_the_other_language_from_the_other_table() -> None:
    assert transliterate("Сёмін", language=Language.UK) == "Semin"
    assert transliterate("Юлія", language=Language.RU) == "Yuliia"  # і says Ukrainian


def test_it_chooses_the_table_by_the_names_language_when_not_told() -> None:
    assert transliterate("Александр Сергеевич") == "Aleksandr Sergeevich"
    assert transliterate("Олександр Сергійович") == "Oleksandr Serhiiovych"


def test_it_gives_latin_input_back_as_ascii() -> None:
    assert transliterate("Ševčenko José") == "Sevcenko Jose"


def test_it_keeps_initials_and_punctuation() -> None:
    assert transliterate("КОВАЛЕНКО О.П.") == "KOVALENKO O.P."
    assert transliterate("Є. Ю.") == "Ye. Yu."
