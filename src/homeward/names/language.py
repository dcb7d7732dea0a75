"""The language a name is written in: Ukrainian, Russian, Latin letters, or unknown.

Letters decide first: і ї є ґ and the apostrophe are Ukrainian, ы э ъ ё Russian. A word with
neither (Олег, Коваленко, Иван) is looked up in the names-translator dictionaries: a name that
only Ukrainian records have is Ukrainian, one that only Russian renderings have is Russian, and
one both share is unknown. Endings decide what the dictionaries do not know (-ський, -ская).
"""

import re
from functools import lru_cache
from typing import Final

from homeward.names.cleaning import APOSTROPHE, clean_name, words
from homeward.names.dictionaries import dictionary_key, ru_to_uk, uk_to_ru
from homeward.names.model import Language, NamePart
from homeward.names.scripts import RU_ONLY, UK_ONLY, Script, script_of

_UK_ENDINGS: Final = re.compile(r"(ськ|цьк|зьк)(ий|а|ого|ої)$|(івна|ївна|йович)$")
_RU_ENDINGS: Final = re.compile(r"(ск|цк)(ий|ая)$|(овна|евна|ьевич|еевич|аевич)$")
# Ukrainian spells these sounds і, ія, іє, ію: a word starting with и or holding ия is Russian.
_RU_SPELLINGS: Final = re.compile(r"^и|и[яеюи]")


def detect_language(text: str) -> Language:
    """The language of a name or full name, as one verdict over its words."""
    votes = [word_language(word) for word in words(clean_name(text))]
    if not votes:
        return Language.UNKNOWN
    if all(vote is Language.LATIN for vote in votes):
        return Language.LATIN
    uk = votes.count(Language.UK)
    ru = votes.count(Language.RU)
    if uk == ru:
        return Language.UNKNOWN
    return Language.UK if uk > ru else Language.RU


@lru_cache(maxsize=1 << 16)
def word_language(word: str) -> Language:
    """The language of one cleaned word."""
    scripts = {script_of(char) for char in word} - {Script.OTHER}
    if scripts == {Script.LATIN}:
        return Language.LATIN
    if scripts != {Script.CYRILLIC}:
        return Language.UNKNOWN
    by_letters = _language_by_letters(word)
    if by_letters is not Language.UNKNOWN:
        return by_letters
    key = dictionary_key(word)
    if _RU_SPELLINGS.search(key):
        return Language.RU
    return _language_by_dictionaries(key)


def _language_by_letters(word: str) -> Language:
    uk = sum(char in UK_ONLY for char in word) + word.count(APOSTROPHE)
    ru = sum(char in RU_ONLY for char in word)
    if uk == ru:
        return Language.UNKNOWN
    return Language.UK if uk > ru else Language.RU


def _language_by_dictionaries(key: str) -> Language:
    # Ukrainian records also hold Russian spellings (Александр as a "Ukrainian" key rendered
    # Александр): a word is Ukrainian if its usual Russian rendering differs from it, and
    # Russian if it is the usual rendering of a different Ukrainian name.
    uk = any(_renders_differently(key, part) for part in NamePart)
    ru = any(_is_rendering_of_another(key, part) for part in NamePart)
    if uk != ru:
        return Language.UK if uk else Language.RU
    if _UK_ENDINGS.search(key):
        return Language.UK
    if _RU_ENDINGS.search(key):
        return Language.RU
    return Language.UNKNOWN


def _renders_differently(key: str, part: NamePart) -> bool:
    renderings = uk_to_ru(part).get(key, ())
    return bool(renderings) and _coarse(renderings[0]) != _coarse(key)


def _is_rendering_of_another(key: str, part: NamePart) -> bool:
    table = uk_to_ru(part)
    coarse = _coarse(key)
    return any(
        table.get(uk, ("",))[0] == key and _coarse(uk) != coarse
        for uk in ru_to_uk(part).get(key, ())
    )


_COARSE: Final = str.maketrans("єіїґ", "еиіг")


def _coarse(key: str) -> str:
    """Records misspell names by one letter (Олєг, Максім): such keys are no evidence."""
    return key.translate(_COARSE).translate(_COARSE)
