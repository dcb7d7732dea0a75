"""Match keys and phonetic keys: one short ASCII string per name part, whatever the spelling.

match_key: the word is cleaned, its skeletons computed (one for Cyrillic, one per reading for
Latin), and the first skeleton the dictionaries know names the concept; the key is the concept's
representative skeleton. Surnames are keyed in the masculine form; a patronymic is keyed by its
father's given-name key and its sex ("mikola/m" for Миколайович, Николаевич, Mykolaiovych).

phonetic_key: the match key with vowels after the first letter dropped and consonants merged by
place of articulation, for blocking (candidates that share it are compared in full).

Both are pure, deterministic and cached; empty input gives "". A change that alters keys must
bump KEY_VERSION, so stored keys can be recomputed.
"""

import re
from functools import lru_cache
from typing import Final

from homeward.names.cleaning import APOSTROPHE, clean_name
from homeward.names.concepts import given_name_concepts, surname_concepts
from homeward.names.model import NamePart
from homeward.names.patronymic_concepts import patronymic_index
from homeward.names.skeleton import cyrillic_skeleton, iter_word_skeletons, word_skeletons
from homeward.names.surnames import fold_gender

KEY_VERSION: Final = "2"
MAX_KEY_LENGTH: Final = 64
INITIAL_MARK: Final = "."

_WORDS: Final = re.compile(rf"[^\W\d_](?:[^\W\d_]|{APOSTROPHE})*\.?")
_DIGRAPHS: Final = re.compile("shch|sh|ch|zh|kh|ts")
_DIGRAPH_CLASS: Final = {"shch": "x", "sh": "x", "ch": "x", "zh": "x", "kh": "k", "ts": "s"}
_CONSONANT_CLASS: Final = str.maketrans("bpvfgkdtzs", "ppffkkttss", "aeiouy")
_DOUBLES: Final = re.compile(r"(.)\1+")
_FIRST_VOWEL_CLASS: Final = {"a": "a", "o": "a", "e": "e", "i": "e", "u": "u"}


def match_key(text: str, part: NamePart) -> str:
    """The key all spellings of this name part share (Олександр, Aleksandr → "oleksandr")."""
    return _match_key(text, part if isinstance(part, NamePart) else NamePart(part))


def phonetic_key(text: str, part: NamePart) -> str:
    """A coarser key for blocking: the match key's consonant classes."""
    return _phonetic_key(text, part if isinstance(part, NamePart) else NamePart(part))


def name_words(cleaned: str) -> list[str]:
    """The words of a cleaned name part; an initial keeps its dot."""
    return _WORDS.findall(cleaned)


# One Cyrillic word of two letters or more, the common case: it is clean, it is its one word,
# not an initial, and its one skeleton is looked up as `_word_key` looks it up.
_ONE_CYRILLIC_WORD: Final = re.compile("[а-яА-ЯіїєґІЇЄҐёЁ]{2,}")


@lru_cache(maxsize=1 << 18)
def _match_key(text: str, part: NamePart) -> str:
    if part is not NamePart.PATRONYMIC and _ONE_CYRILLIC_WORD.fullmatch(text):
        skeleton = cyrillic_skeleton(text)
        if part is NamePart.SURNAME:
            return surname_concepts().resolve((fold_gender(skeleton),))[:MAX_KEY_LENGTH]
        return given_name_concepts().resolve((skeleton,))[:MAX_KEY_LENGTH]
    keys = [_word_key(word, part) for word in name_words(clean_name(text))]
    return "-".join(key for key in keys if key)[:MAX_KEY_LENGTH]


def phonetic_of_key(key: str, part: NamePart) -> str:
    """The phonetic key of a name part whose match key is `key` (what `phonetic_key` gives)."""
    return _phonetic_of_key(key, part == NamePart.PATRONYMIC)


@lru_cache(maxsize=1 << 18)
def _phonetic_key(text: str, part: NamePart) -> str:
    return _phonetic_of_key(_match_key(text, part), part is NamePart.PATRONYMIC)


def _phonetic_of_key(key: str, patronymic: bool) -> str:
    if patronymic:
        return "-".join(_reduce_patronymic(word) for word in key.split("-"))
    return "-".join(_reduce(word) for word in key.split("-"))[:MAX_KEY_LENGTH]


def is_initial(word: str) -> bool:
    letters = word.rstrip(INITIAL_MARK)
    return len(letters) == 1 or (word.endswith(INITIAL_MARK) and len(letters) <= 2)


@lru_cache(maxsize=1 << 18)
def _word_key(word: str, part: NamePart) -> str:
    if is_initial(word):
        return word_skeletons(word.rstrip(INITIAL_MARK))[0] + INITIAL_MARK
    skeletons = iter_word_skeletons(word)
    if part is NamePart.GIVEN:
        return given_name_concepts().resolve(skeletons)
    if part is NamePart.SURNAME:
        return surname_concepts().resolve(fold_gender(skeleton) for skeleton in skeletons)
    father = patronymic_index().resolve(skeletons)
    return f"{father[0]}/{father[1]}" if father else word_skeletons(word)[0]


def reduce_key(key: str) -> str:
    """The phonetic key of one word's match key (see `phonetic_key`)."""
    return _reduce(key)


def _reduce(key: str) -> str:
    if not key or key.endswith(INITIAL_MARK):
        return key
    tokens = _DIGRAPHS.sub(lambda match: _DIGRAPH_CLASS[match.group()], key)
    first = _FIRST_VOWEL_CLASS.get(tokens[0], "")
    reduced = first + tokens.translate(_CONSONANT_CLASS)
    return _DOUBLES.sub(r"\1", reduced)


def _reduce_patronymic(key: str) -> str:
    father, slash, sex = key.partition("/")
    return _reduce(father) + slash + sex
