"""Equivalents: the other-language forms of a name, and the other-gender forms of a surname.

Ukrainian → Russian comes from the names-translator dictionaries (most frequent rendering first),
Russian → Ukrainian from the same dictionaries read backwards, both completed by the supplement's
folk forms. A Latin name is first found in the dictionaries by its skeleton (Kovalyov →
Ковальов), then given the equivalents of that Cyrillic form, itself included.
"""

import itertools
import re
from functools import lru_cache
from typing import Final

from homeward.names.cleaning import APOSTROPHE, clean_name
from homeward.names.concepts import concepts_for, given_name_concepts, name_skeleton
from homeward.names.dictionaries import (
    curated_ukrainian_names,
    dictionary_key,
    ru_to_uk,
    uk_to_ru,
)
from homeward.names.keys import name_words
from homeward.names.model import NamePart
from homeward.names.patronymic_concepts import attested_patronymics, patronymic_index
from homeward.names.patronymics import Sex, russian_patronymics, ukrainian_patronymics
from homeward.names.skeleton import is_cyrillic, word_skeletons
from homeward.names.supplement import FOLK_GIVEN_NAMES
from homeward.names.surnames import feminine_form, fold_gender, masculine_forms

_MAX_EQUIVALENTS: Final = 24
# Ukrainian records hold misspellings too (Миколаевіч): only the likeliest sources are shown.
_MAX_UKRAINIAN_SOURCES: Final = 2
# Spellings Ukrainian orthography does not have: Russian letters, ь or и before a vowel, і
# after a vowel (it is ї there), an apostrophe after a letter that takes none, a word
# starting with и.
# Letters only Ukrainian writes (є only where it is not a misspelt е: first, or after a vowel).
_UKRAINIAN_LETTERS: Final = re.compile(r"[іїґ']|^є|(?<=[аеєиіїоуюя'])є")
_NOT_UKRAINIAN: Final = re.compile(r"[ыэъё]|[ьи][яюеєіїа]|[аеєиіїоуюя]і|(?<![бпвмфрк])'|^и")


def equivalents(text: str, part: NamePart) -> frozenset[str]:
    """The other forms of a name part: Олександр → {Александр}; Петров → {Петрова}; a double
    name gets the combinations of its words' forms (Римська-Корсакова, …)."""
    cleaned = clean_name(text)
    words = name_words(cleaned)
    if len(words) < 2:
        return _equivalents(cleaned, NamePart(part))
    choices = [(word, *sorted(_equivalents(word, NamePart(part)))[:3]) for word in words]
    separator = "-" if "-" in cleaned else " "
    combined = {
        separator.join(combination)
        for combination in itertools.product(*choices)
        if part is not NamePart.SURNAME or not _mixes_genders(combination)
    }
    return frozenset(sorted(combined - {separator.join(words)})[:_MAX_EQUIVALENTS])


def _mixes_genders(words: tuple[str, ...]) -> bool:
    """Whether a double surname joins a masculine and a feminine form (Римський-Корсакова)."""
    keys = [dictionary_key(word) for word in words]
    masculine = any(feminine_form(key) for key in keys)
    feminine = any(masculine_forms(key) for key in keys)
    return masculine and feminine


@lru_cache(maxsize=1 << 14)
def _equivalents(cleaned: str, part: NamePart) -> frozenset[str]:
    words = name_words(cleaned)
    if len(words) != 1:
        return frozenset()
    word = words[0]
    if is_cyrillic(word):
        keys = _cyrillic_equivalents(dictionary_key(word), part) - {dictionary_key(word)}
    else:
        keys = _latin_equivalents(word, part)
    upper = word.isupper() and len(word) > 1
    forms = sorted(_display(key, upper=upper) for key in keys)[:_MAX_EQUIVALENTS]
    return frozenset(forms)


def _cyrillic_equivalents(key: str, part: NamePart) -> set[str]:
    if part is NamePart.PATRONYMIC:
        return _patronymic_equivalents(key)
    found = _translations(key, part)
    if part is NamePart.SURNAME:
        for form in (key, *found):
            found |= _gender_forms(form)
        for form in list(found):
            found |= _translations(form, part)
    return found


def _latin_equivalents(word: str, part: NamePart) -> set[str]:
    index = concepts_for(part)
    skeletons = word_skeletons(word)
    if part is NamePart.SURNAME:
        skeletons = tuple(fold_gender(skeleton) for skeleton in skeletons)
    matched = index.known_candidate(skeletons)
    if matched is None:
        return set()
    spelling = dictionary_key(index.spelling[matched])
    return {spelling} | _cyrillic_equivalents(spelling, part)


def _translations(key: str, part: NamePart) -> set[str]:
    found = set(uk_to_ru(part).get(key, ()))
    found.update(_ukrainian_sources(key, part)[:_MAX_UKRAINIAN_SOURCES])
    if part is NamePart.GIVEN:
        for uk, ru in FOLK_GIVEN_NAMES:
            uk_key, ru_key = dictionary_key(uk), dictionary_key(ru)
            if key in (uk_key, ru_key):
                found |= {uk_key, ru_key}
    return found - {key}


def _patronymic_equivalents(key: str) -> set[str]:
    """The pool's Russian renderings, and the patronymics the rules give the father's names.

    The pool read backwards is not used: Ukrainian records misspell patronymics in many ways
    (Миколаевіч, Миколаєвич), all rendered Николаевич, with nothing to tell the right one.
    """
    found = set(uk_to_ru(NamePart.PATRONYMIC).get(key, ()))
    father = patronymic_index().resolve((name_skeleton(key),))
    spelling = given_name_concepts().spelling.get(father[0]) if father else None
    if father is None or spelling is None:
        return found - {key}
    index = 0 if father[1] is Sex.MALE else 1
    name = dictionary_key(spelling)
    if name in ru_to_uk(NamePart.GIVEN):
        found.add(russian_patronymics(name)[index][0])
    fathers = _ukrainian_sources(name, NamePart.GIVEN)[:1] or (name,)
    generated = [ukrainian_patronymics(uk)[index][0] for uk in fathers]
    found.update(_ukrainian_sources(key, NamePart.PATRONYMIC, *generated)[:_MAX_UKRAINIAN_SOURCES])
    return found - {key}


def _ukrainian_sources(key: str, part: NamePart, *extra: str) -> tuple[str, ...]:
    """The Ukrainian names a Russian one renders (and `extra` candidates), likeliest first,
    without the spellings Ukrainian orthography does not allow.

    The pools come from real records and hold their misspellings too, ranked no lower than
    the standard spelling. The standard spelling is more likely in names-translator's older
    hand-made dictionary; it is more likely to differ from the Russian form in more than its
    letters' look (Віра, not Вєра, for Вера); and a given name is more likely a father's name
    the patronymic pool knows.
    """
    candidates = dict.fromkeys((*extra, *ru_to_uk(part).get(key, ())))
    sources = [uk for uk in candidates if not _NOT_UKRAINIAN.search(uk)]
    curated = curated_ukrainian_names()
    attested = attested_patronymics()
    russian = name_skeleton(key)

    def likelihood(uk: str) -> int:
        score = 2 * (uk in curated) + (uk in extra) + 2 * (name_skeleton(uk) != russian)
        score += uk == key  # a name written alike in both languages (Олег)
        score += _UKRAINIAN_LETTERS.search(uk) is not None
        if part is NamePart.GIVEN:
            score += bool(attested.intersection(ukrainian_patronymics(uk)[0]))
        return score

    scores = {uk: likelihood(uk) for uk in sources}
    ranked = sorted(sources, key=lambda uk: -scores[uk])
    return tuple(uk for uk in ranked if scores[uk] == scores[ranked[0]])


def _gender_forms(key: str) -> set[str]:
    forms = set()
    feminine = feminine_form(key)
    if feminine:
        forms.add(feminine)
    candidates = masculine_forms(key)
    attested = [form for form in candidates if _in_dictionaries(form)]
    forms.update(attested or candidates[:1])
    return forms


def _in_dictionaries(key: str) -> bool:
    return key in uk_to_ru(NamePart.SURNAME) or key in ru_to_uk(NamePart.SURNAME)


def _display(key: str, *, upper: bool) -> str:
    text = key.replace("'", APOSTROPHE)
    if upper:
        return text.upper()
    return "-".join(piece[:1].upper() + piece[1:] for piece in text.split("-"))
