"""clean_name: the display form, repaired of what transport did to it, meaning untouched."""

import unicodedata

import pytest

from homeward.names import APOSTROPHE, clean_name, fold_for_matching, has_encoding_damage

APOSTROPHE_VARIANTS = "\u0027\u2019\u02bc\u0060\u2018\u00b4\u02b9\u2032\u02bb\uff07"


@pytest.mark.parametrize("mark", APOSTROPHE_VARIANTS)
def test_it_folds_apostrophe_variants(mark: str) -> None:
    assert clean_name(f"Мар{mark}ян") == f"Мар{APOSTROPHE}ян"


def test_it_reads_a_double_quote_between_letters_as_an_apostrophe() -> None:
    assert clean_name('В"ячеслав') == f"В{APOSTROPHE}ячеслав"


def test_it_drops_apostrophes_at_the_edges_of_words() -> None:
    assert clean_name("'Іван'") == "Іван"


def test_it_keeps_case_and_yo_as_written() -> None:
    assert clean_name("ШЕВЧЕНКО Тарас") == "ШЕВЧЕНКО Тарас"
    assert clean_name("Семён Артём") == "Семён Артём"


def test_it_composes_decomposed_letters() -> None:
    decomposed = unicodedata.normalize("NFD", "Андрій Їжакевич Семён")
    assert decomposed != "Андрій Їжакевич Семён"
    assert clean_name(decomposed) == "Андрій Їжакевич Семён"


def test_it_collapses_spaces_and_removes_invisible_characters() -> None:
    assert clean_name("  Петренко\u00a0\u200b  Олена\ufeff ") == "Петренко Олена"


@pytest.mark.parametrize("dash", "\u2010\u2011\u2013\u2014\u2212-")
def test_it_normalises_hyphens_in_double_names(dash: str) -> None:
    assert clean_name(f"Римський {dash} Корсаков") == "Римський-Корсаков"


def test_it_reads_a_soft_hyphen_before_a_capital_as_a_hyphen_and_drops_it_elsewhere() -> None:
    assert clean_name("Римський\u00adКорсаков") == "Римський-Корсаков"
    assert clean_name("Кова\u00adленко") == "Коваленко"


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("Iван", "Іван"),  # Latin I on a Russian layout
        ("Mapія", "Марія"),  # Latin M, a, p
        ("Олексaндр", "Олександр"),
        ("Oleksаndr", "Oleksandr"),  # Cyrillic а in a Latin word
        ("Петр0в", "Петров"),  # a zero for О
        ("ΚОВАЛЕНКО", "КОВАЛЕНКО"),  # a Greek capital kappa
        ("Тaрaс", "Тарас"),  # nothing but look-alikes: Cyrillic wins the tie
    ],
)
def test_it_repairs_look_alike_letters_to_the_dominant_script(typed: str, meant: str) -> None:
    assert clean_name(typed) == meant


def test_it_leaves_a_word_wholly_in_one_script_alone() -> None:
    assert clean_name("Tapac") == "Tapac"
    assert clean_name("Νίκος") == "Νίκος"


@pytest.mark.parametrize(
    "damaged",
    [
        "Іван Петренко".encode().decode("cp1251"),  # UTF-8 read as Windows-1251
        "Іван Петренко".encode().decode("latin-1"),  # UTF-8 read as Latin-1
        "Іван Петренко".encode("cp1251").decode("cp1252", "replace"),  # 1251 read as 1252
        "Іван Петренко".encode("cp1251").decode("utf-8", "surrogateescape"),
    ],
)
def test_it_repairs_mojibake(damaged: str) -> None:
    assert clean_name(damaged) == "Іван Петренко"


def test_it_repairs_mojibake_of_an_apostrophe() -> None:
    damaged = "Мар’ян".encode().decode("cp1251")
    assert clean_name(damaged) == f"Мар{APOSTROPHE}ян"


@pytest.mark.parametrize("genuine", ["Роман", "Сірко", "José Müller", "Ёж", "РІ"])
def test_it_does_not_repair_genuine_names(genuine: str) -> None:
    assert clean_name(genuine) == genuine


def test_it_detects_bytes_lost_to_a_wrong_decoding() -> None:
    lost = "Іван".encode("cp1251").decode("utf-8", "replace")
    assert has_encoding_damage(lost)
    assert not has_encoding_damage("Іван")


def test_it_returns_a_new_value_and_keeps_the_original() -> None:
    original = " Мар’ян "
    cleaned = clean_name(original)
    assert original == " Мар’ян "
    assert cleaned == f"Мар{APOSTROPHE}ян"


def test_its_matching_form_is_lower_case_without_yo_or_apostrophes() -> None:
    assert fold_for_matching("СЕМЁН Мар'ян") == "семен марян"


@pytest.mark.parametrize(
    "typed",
    [
        "Iван",
        "Mapія",
        "Петр0в",
        "  Коваль\u200b  —  Петренко ",
        "Мар\u201dян",
        "Ð\u009fÐµÑ\u0082Ñ\u0080ÐµÐ½ÐºÐ¾",  # UTF-8 read as Latin-1
        "Ïåòðåíêî",  # Windows-1251 read as Latin-1
        "О'НЕЙЛ",
    ],
)
def test_it_stops_at_the_common_form_where_further_rounds_change_nothing(typed: str) -> None:
    from homeward.names.cleaning import _MAX_ROUNDS, _clean_once

    text = typed
    for _ in range(_MAX_ROUNDS):  # the rounds to their fixed point, none skipped
        cleaned = _clean_once(text)
        if cleaned == text:
            break
        text = cleaned
    assert clean_name(typed) == text
    assert clean_name(clean_name(typed)) == clean_name(typed)
