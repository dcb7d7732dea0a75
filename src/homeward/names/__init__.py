"""Names: cleaning, language, transliteration, equivalents, match keys, diminutives and
full-name splitting.

A pure package: no database, no network, no file writes. The names-translator dictionaries are
read once, on first use of a function that needs them.
"""

from homeward.names.cleaning import APOSTROPHE, clean_name, fold_for_matching
from homeward.names.diminutives import full_name_key, full_name_phonetic
from homeward.names.equivalence import equivalents
from homeward.names.fullname import FullName, split_full_name
from homeward.names.keys import (
    KEY_VERSION,
    MAX_KEY_LENGTH,
    match_key,
    phonetic_key,
    phonetic_of_key,
)
from homeward.names.language import detect_language
from homeward.names.model import Language, NamePart
from homeward.names.mojibake import has_encoding_damage, repair_mojibake
from homeward.names.transliteration import transliterate

__all__ = [
    "APOSTROPHE",
    "KEY_VERSION",
    "MAX_KEY_LENGTH",
    "FullName",
    "Language",
    "NamePart",
    "clean_name",
    "detect_language",
    "equivalents",
    "fold_for_matching",
    "full_name_key",
    "full_name_phonetic",
    "has_encoding_damage",
    "match_key",
    "phonetic_key",
    "phonetic_of_key",
    "repair_mojibake",
    "split_full_name",
    "transliterate",
]
