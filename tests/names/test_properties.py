"""Properties: cleaning is idempotent; keys do not change with case, look-alike letters,
apostrophe variants, or across the Ukrainian, Russian and Latin forms of the vectors' names."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from translitua import RussianICAO, UkrainianKMU, translit

from homeward.names import NamePart, clean_name, match_key, phonetic_key
from homeward.names.latin import Reading, readings_for
from homeward.names.scripts import TO_LATIN

from .vectors import given_pairs, patronymic_pairs

PROPERTY = settings(deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow])
NAME_LETTERS = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюяёыэъ"
APOSTROPHES = "'’ʼ`‘´ʹ′ʻ＇"
PAIRS = [(row, NamePart.GIVEN) for row in given_pairs()] + [
    (row, NamePart.PATRONYMIC) for row in patronymic_pairs()
]

noisy_text = st.text(
    alphabet=st.one_of(
        st.sampled_from(NAME_LETTERS + NAME_LETTERS.upper() + APOSTROPHES + " -–\u00a0\u00ad"),
        st.sampled_from("aeopcxyiIBKMHTXOPC0369ΑΚΟ\u0306\u0308\u200b"),
        st.characters(),
    ),
    max_size=24,
)
cyrillic_name = st.text(alphabet=NAME_LETTERS, min_size=2, max_size=12)


@PROPERTY
@given(noisy_text)
def test_cleaning_is_idempotent(text: str) -> None:
    once = clean_name(text)
    assert clean_name(once) == once


@PROPERTY
@given(st.sampled_from(PAIRS), st.sampled_from(["upper", "lower", "title"]))
def test_keys_do_not_change_with_case(pair: tuple[dict[str, str], NamePart], case: str) -> None:
    row, part = pair
    for name in (row["uk"], row["ru"]):
        changed = getattr(name, case)()
        assert match_key(changed, part) == match_key(name, part)
        assert phonetic_key(changed, part) == phonetic_key(name, part)


@PROPERTY
@given(st.sampled_from(PAIRS), st.data())
def test_keys_do_not_change_with_look_alike_letters(
    pair: tuple[dict[str, str], NamePart], data: st.DataObject
) -> None:
    row, part = pair
    name = row["uk"]
    swappable = [i for i, char in enumerate(name) if char in TO_LATIN and char not in "кК"]
    if len(swappable) < 2:
        return
    # Some, not all, look-alikes typed in Latin: a word typed wholly in Latin is a Latin word.
    chosen = data.draw(st.sets(st.sampled_from(swappable), min_size=1, max_size=len(swappable) - 1))
    typed = "".join(TO_LATIN[c] if i in chosen else c for i, c in enumerate(name))
    assert match_key(typed, part) == match_key(name, part)


@PROPERTY
@given(st.sampled_from(PAIRS), st.sampled_from(APOSTROPHES))
def test_keys_do_not_change_with_apostrophe_variants(
    pair: tuple[dict[str, str], NamePart], mark: str
) -> None:
    row, part = pair
    for name in (row["uk"], row["ru"]):
        assert match_key(name.replace("'", mark), part) == match_key(name, part)


@PROPERTY
@given(st.sampled_from(PAIRS))
def test_keys_agree_across_ukrainian_russian_and_latin_forms(
    pair: tuple[dict[str, str], NamePart],
) -> None:
    row, part = pair
    forms = {
        row["uk"],
        row["ru"],
        translit(row["uk"], UkrainianKMU),
        translit(row["ru"], RussianICAO).upper(),
    }
    assert len({match_key(form, part) for form in forms}) == 1


@PROPERTY
@given(cyrillic_name, st.sampled_from(list(NamePart)))
def test_a_cyrillic_name_and_its_official_transliteration_share_a_key(
    name: str, part: NamePart
) -> None:
    if any(letter in name for letter in "ыэъё"):
        latin = translit(name, RussianICAO)
    else:
        latin = translit(name, UkrainianKMU)
    # A transliteration that looks like another tradition's spelling (цч → "tsch", German for
    # ч) is read in that tradition when the dictionaries do not know the name: a known limit.
    looks_foreign = readings_for(latin.lower()) != (Reading.ENGLISH,)
    if latin.isascii() and sum(char.isalpha() for char in latin) > 1 and not looks_foreign:
        assert match_key(name, part) == match_key(latin, part)


@PROPERTY
@given(noisy_text, st.sampled_from(list(NamePart)))
def test_keys_are_short_ascii_for_any_input(text: str, part: NamePart) -> None:
    key = match_key(text, part)
    assert key.isascii() and len(key) <= 64
    assert phonetic_key(text, part).isascii()
