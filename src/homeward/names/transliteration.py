"""Transliteration: Ukrainian by the national system of 2010, Russian by ICAO Doc 9303.

The tables are translitua's (`UkrainianKMU`, `RussianICAO`), which pass every example of the
resolution and the ICAO vectors. What translitua leaves to its caller (NAMES-NOTES §3) is done
here: apostrophes are folded before it sees them; each word is transliterated alone, so that a
surname in capitals beside a given name in title case keeps its style (ШЕВЧЕНКО Тарас →
SHEVCHENKO Taras); a word holding letters of the other language gets them from the other table;
and the output is checked to be pure ASCII.
"""

import re
import unicodedata
from functools import lru_cache
from typing import Final

from translitua import RussianICAO, UkrainianKMU, translit

from homeward.names.cleaning import APOSTROPHE, clean_name
from homeward.names.language import detect_language, word_language
from homeward.names.model import Language
from homeward.names.scripts import RU_ONLY, UK_ONLY

_PIECES: Final = re.compile(r"([^\W\d_]+(?:\u02bc[^\W\d_]+)*)")
# Latin letters that do not decompose into a base letter and marks.
_LATIN_EXTRA: Final = str.maketrans({
    "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae",
    "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i", "ħ": "h", "Ħ": "H", "þ": "th", "Þ": "TH",
})  # fmt: skip


def transliterate(text: str, *, language: Language | None = None) -> str:
    """The name in Latin letters, word by word, each word keeping its case style.

    Ukrainian words follow KMU Resolution 55 (2010), Russian words ICAO Doc 9303. `language`
    says which the Cyrillic words are; left out, each word's own letters decide, then the
    whole name's language, and Ukrainian when nothing tells.
    """
    return _transliterate(clean_name(text), language)


@lru_cache(maxsize=1 << 16)
def _transliterate(cleaned: str, language: Language | None) -> str:
    if language is None or language in (Language.LATIN, Language.UNKNOWN):
        language = detect_language(cleaned)
    pieces = _PIECES.split(cleaned)
    out = [
        _word(piece, language) if index % 2 else ascii_fold(piece)
        for index, piece in enumerate(pieces)
    ]
    return "".join(out)


def _word(word: str, language: Language) -> str:
    if word.isascii():
        return word
    table = _table_for(word, language)
    upper = _is_upper_word(word)
    # translitua title-cases digraphs (Щ → Shch); the capitals of a word in capitals come after
    styled = word.capitalize() if upper else word
    latin = translit(styled, table, preserve_case=False)
    other = RussianICAO if table is UkrainianKMU else UkrainianKMU
    latin = translit(latin, other, preserve_case=False)  # letters the first table lacks
    latin = ascii_fold(latin.replace(APOSTROPHE, ""))
    return latin.upper() if upper else latin


def _table_for(word: str, language: Language) -> type[UkrainianKMU] | type[RussianICAO]:
    own = word_language(word) if any(c in UK_ONLY or c in RU_ONLY for c in word) else None
    chosen = own or language
    return RussianICAO if chosen is Language.RU else UkrainianKMU


def _is_upper_word(word: str) -> bool:
    letters = [char for char in word if char.isalpha() and char != APOSTROPHE]
    return len(letters) > 1 and all(char.isupper() for char in letters)


def ascii_fold(text: str) -> str:
    """Latin text without diacritics, and nothing that is not ASCII."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_LATIN_EXTRA))
    return "".join(char for char in decomposed if char.isascii())
