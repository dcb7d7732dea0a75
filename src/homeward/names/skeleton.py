"""The skeleton of a word in any script: what all its spellings share.

A Cyrillic word is romanised by the official table of its letters (KMU 2010 for Ukrainian and
shared letters, ICAO for ы э ъ ё) and folded like any Latin word read in English convention; so
a Cyrillic name and its official transliteration always have one skeleton. A Latin word may have
several skeletons, one per tradition it can be read in (see `latin.py`): the caller picks the
first one the dictionaries know.
"""

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Final

from translitua import RussianICAO, TransliterationTable, UkrainianKMU, translit

from homeward.names.cleaning import APOSTROPHE
from homeward.names.latin import Reading, fold, iter_latin_skeletons, latin_skeletons
from homeward.names.scripts import RU_ONLY

_CYRILLIC: Final = re.compile("[\u0400-\u052f]")


def is_cyrillic(word: str) -> bool:
    return _CYRILLIC.search(word) is not None


def cyrillic_skeleton(word: str) -> str:
    """The skeleton of one Cyrillic word (lower or any case)."""
    return _cyrillic_skeleton(word.lower())


# keyed by the lower-case word: a surname split from a full name is met as written (КОВАЛЕНКО,
# when its layout is weighed) and then lower-case (when it is keyed)
@lru_cache(maxsize=1 << 18)
def _cyrillic_skeleton(lower: str) -> str:
    return fold(romanize(lower), Reading.ENGLISH)


def romanize(lower: str) -> str:
    """A lower-case Cyrillic word in official Latin letters, whatever its language."""
    lower = lower.replace(APOSTROPHE, "'")
    first: type[TransliterationTable] = UkrainianKMU
    second: type[TransliterationTable] = RussianICAO
    if not RU_ONLY.isdisjoint(lower):
        first, second = second, first
    latin = translit(lower, first)
    return latin if latin.isascii() else translit(latin, second)


def word_skeletons(word: str) -> tuple[str, ...]:
    """The skeletons of one word, the likeliest first."""
    if is_cyrillic(word):
        return (cyrillic_skeleton(word),)
    return latin_skeletons(word)


def iter_word_skeletons(word: str) -> Iterator[str]:
    """The skeletons of one word, the likeliest first, computed as they are asked for."""
    if is_cyrillic(word):
        return iter((cyrillic_skeleton(word),))
    return iter_latin_skeletons(word)
