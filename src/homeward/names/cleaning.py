"""Cleaning: the display form of a name as its writer meant it, and its folded matching form.

`clean_name` never changes what a name says: the case stays as written and ё stays ё. It repairs
what the way to the register did to it: wrong code pages, decomposed letters, invisible and
doubled spaces, ten kinds of apostrophe, six kinds of hyphen and look-alike letters of the other
script. The caller keeps the original; cleaning returns a new value.
"""

import re
import unicodedata
from functools import lru_cache
from typing import Final

from homeward.names.mojibake import repair_mojibake
from homeward.names.scripts import Script, letter_counts, repair_word

APOSTROPHE: Final = "\u02bc"  # MODIFIER LETTER APOSTROPHE: a letter, so words do not split at it
APOSTROPHES: Final = frozenset(
    "\u0027\u2019\u02bc\u0060\u2018\u00b4\u02b9\u2032\u02bb\uff07"
)  # fmt: skip
# Double quotes stand for an apostrophe only between two letters (Мар"ян).
_QUOTES_BETWEEN_LETTERS: Final = re.compile(
    r"(?<=[^\W\d_])[\"\u201d\u201c\u2033\u02ba](?=[^\W\d_])"
)
_APOSTROPHE_TABLE: Final = str.maketrans(dict.fromkeys(APOSTROPHES, APOSTROPHE))
_INVISIBLE: Final = str.maketrans(
    dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff\u180e\u200e\u200f\u202a\u202c", None)
)
# A soft hyphen before a capital joins a double name; inside a word it is a line-break hint.
_SOFT_HYPHEN_AS_HYPHEN: Final = re.compile(r"(?<=[^\W\d_])\u00ad(?=[A-ZА-ЯІЇЄҐЁ])")
_HYPHENS: Final = str.maketrans(
    dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d\u2e3a\u2e3b", "-")
)
_SPACES_AROUND_HYPHENS: Final = re.compile(r"\s*-[\s-]*")
_WHITESPACE: Final = re.compile(r"\s+")
_EDGE_APOSTROPHES: Final = re.compile(rf"(?<![^\W\d_]){APOSTROPHE}+|{APOSTROPHE}+(?![^\W\d_])")
_WORD_SPLIT: Final = re.compile(r"([\s\-]+)")
# Words of one script, one space or hyphen between them: nothing to clean (the common case).
# Such a Cyrillic text cannot be mojibake either: no name is written only in в, г and д.
_CYRILLIC_WORD: Final = "[а-яА-ЯіїєґІЇЄҐёЁ]+(?:\u02bc[а-яА-ЯіїєґІЇЄҐёЁ]+)*"
_ALREADY_CLEAN: Final = re.compile(
    rf"{_CYRILLIC_WORD}(?:[ -]{_CYRILLIC_WORD})*|[A-Za-z]+(?:[ -][A-Za-z]+)*"
)
_MAX_ROUNDS: Final = 4


def clean_name(text: str) -> str:
    """The cleaned display form of a name: same letters, same case, no transport damage."""
    return _clean(text)


@lru_cache(maxsize=1 << 16)
def _clean(text: str) -> str:
    if _ALREADY_CLEAN.fullmatch(text):
        return text
    # A repair can reveal another (a look-alike repair can complete a mojibake pattern):
    # run the steps to their fixed point, so that cleaning is idempotent.
    # A text of the common form is clean (as above): once a round gives one, the next round
    # would give it back.
    for _ in range(_MAX_ROUNDS):
        cleaned = _clean_once(text)
        if cleaned == text:
            break
        text = cleaned
        if _ALREADY_CLEAN.fullmatch(text):
            break
    return text


def _clean_once(text: str) -> str:
    cleaned = repair_mojibake(text.translate(_INVISIBLE))
    cleaned = unicodedata.normalize("NFC", cleaned)
    cleaned = _fold_apostrophes(cleaned)
    cleaned = _fold_spaces_and_hyphens(cleaned)
    cleaned = repair_lookalikes(cleaned)
    return unicodedata.normalize("NFC", cleaned)


def _fold_apostrophes(text: str) -> str:
    text = _QUOTES_BETWEEN_LETTERS.sub(APOSTROPHE, text.translate(_APOSTROPHE_TABLE))
    return _EDGE_APOSTROPHES.sub("", text)


def _fold_spaces_and_hyphens(text: str) -> str:
    text = _SOFT_HYPHEN_AS_HYPHEN.sub("-", text).replace("\u00ad", "")
    text = _WHITESPACE.sub(" ", text.translate(_HYPHENS))
    text = _SPACES_AROUND_HYPHENS.sub("-", text)
    return text.strip(" -")


def repair_lookalikes(text: str) -> str:
    """Give each word's look-alike letters the word's dominant script (ties go to the text's)."""
    counts = letter_counts(text)
    cyrillic = counts.get(Script.CYRILLIC, (0, 0))[0]
    latin = counts.get(Script.LATIN, (0, 0))[0]
    # Only letters without look-alikes vote: a repair does not change them, so neither the vote.
    prefer = Script.LATIN if latin > cyrillic else Script.CYRILLIC
    return "".join(repair_word(piece, prefer=prefer) for piece in _WORD_SPLIT.split(text))


_MATCH_FOLD: Final = str.maketrans({"ё": "е", APOSTROPHE: None})


def fold_for_matching(text: str) -> str:
    """Lower case, ё as е, no apostrophes: the form dictionaries are looked up by."""
    return clean_name(text).lower().translate(_MATCH_FOLD)


def words(text: str) -> list[str]:
    """The words of a cleaned name: split at spaces and hyphens."""
    return [word for word in re.split(r"[\s\-]+", text) if word]
