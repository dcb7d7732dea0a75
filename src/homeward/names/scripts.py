"""Scripts of letters, and the repair of look-alike letters typed in the wrong script.

A register's names arrive with Latin letters inside Cyrillic words ("Iван" typed on a Russian
layout, "Mapія" from a scanner) and the reverse. Each word is given back to its dominant script:
the script of most of its letters that have no look-alike in the other script.
"""

from enum import StrEnum
from functools import lru_cache
from typing import Final


class Script(StrEnum):
    CYRILLIC = "cyrillic"
    LATIN = "latin"
    GREEK = "greek"
    OTHER = "other"


# Ukrainian and Russian alphabets: the letters a name of this register may hold.
UK_ONLY: Final = frozenset("іїєґІЇЄҐ")
RU_ONLY: Final = frozenset("ыэъёЫЭЪЁ")
COMMON_CYRILLIC: Final = frozenset("абвгдежзийклмнопрстуфхцчшщьюяАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЬЮЯ")
NAME_CYRILLIC: Final = COMMON_CYRILLIC | UK_ONLY | RU_ONLY

# Latin look-alikes of Cyrillic letters (NAMES-NOTES §6), both directions.
_LATIN_TO_CYRILLIC: Final = {
    "A": "А", "B": "В", "E": "Е", "K": "К", "M": "М", "H": "Н", "O": "О", "P": "Р",
    "C": "С", "T": "Т", "X": "Х", "Y": "У", "I": "І", "Ï": "Ї", "Ë": "Ё",
    "a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у", "i": "і",
    "ï": "ї", "ë": "ё",
}  # fmt: skip
_CYRILLIC_TO_LATIN: Final = {
    **{cyrillic: latin for latin, cyrillic in _LATIN_TO_CYRILLIC.items()},
    "Ј": "J", "Ѕ": "S", "Ԛ": "Q", "Ԝ": "W", "ј": "j", "ѕ": "s", "һ": "h", "ԁ": "d",
    "ԛ": "q", "ԝ": "w", "к": "k",
}  # fmt: skip
# Greek capitals and a few small letters that pass for either script.
_GREEK_TO_CYRILLIC: Final = {
    "Α": "А", "Β": "В", "Ε": "Е", "Η": "Н", "Ι": "І", "Κ": "К", "Μ": "М", "Ο": "О",
    "Ρ": "Р", "Τ": "Т", "Υ": "У", "Χ": "Х", "ο": "о", "α": "а", "ρ": "р", "χ": "х",
    "κ": "к", "ι": "і",
}  # fmt: skip
_GREEK_TO_LATIN: Final = {
    "Α": "A", "Β": "B", "Ε": "E", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "Ζ": "Z", "ο": "o", "α": "a",
    "ρ": "p", "χ": "x", "κ": "k", "ι": "i", "ν": "v",
}  # fmt: skip
_DIGIT_TO_CYRILLIC: Final = {"0": ("О", "о"), "3": ("З", "з"), "6": ("Б", "б")}
_DIGIT_TO_LATIN: Final = {"0": ("O", "o")}

TO_CYRILLIC: Final = {**_LATIN_TO_CYRILLIC, **_GREEK_TO_CYRILLIC}
TO_LATIN: Final = {**_CYRILLIC_TO_LATIN, **_GREEK_TO_LATIN}
# A letter with a look-alike says little about the script its writer meant.
AMBIGUOUS: Final = (
    frozenset(TO_CYRILLIC)
    | frozenset(TO_LATIN)
    | frozenset(TO_CYRILLIC.values())
    | frozenset(TO_LATIN.values())
)


@lru_cache(maxsize=4096)
def script_of(char: str) -> Script:
    """The script of one character (OTHER for digits, marks and punctuation)."""
    if not char.isalpha():
        return Script.OTHER
    code = ord(char)
    if 0x0400 <= code <= 0x052F or 0x1C80 <= code <= 0x1C8F or 0xA640 <= code <= 0xA69F:
        return Script.CYRILLIC
    if 0x0370 <= code <= 0x03FF or 0x1F00 <= code <= 0x1FFF:
        return Script.GREEK
    if code < 0x0250 or 0x1E00 <= code <= 0x1EFF or 0x2C60 <= code <= 0x2C7F:
        return Script.LATIN
    return Script.OTHER


def letter_counts(text: str) -> dict[Script, tuple[int, int]]:
    """Per script: (letters without a look-alike, all letters)."""
    counts: dict[Script, list[int]] = {}
    for char in text:
        script = script_of(char)
        if script is Script.OTHER:
            continue
        pair = counts.setdefault(script, [0, 0])
        pair[1] += 1
        if char not in AMBIGUOUS:
            pair[0] += 1
    return {script: (pair[0], pair[1]) for script, pair in counts.items()}


def dominant_script(text: str, *, prefer: Script = Script.CYRILLIC) -> Script:
    """Cyrillic or Latin: the script most of the letters of `text` were meant in."""
    counts = letter_counts(text)
    cyrillic = counts.get(Script.CYRILLIC, (0, 0))[0]
    latin = counts.get(Script.LATIN, (0, 0))[0]
    if cyrillic != latin:
        return Script.CYRILLIC if cyrillic > latin else Script.LATIN
    return prefer


def is_mixed(word: str) -> bool:
    """Whether a word holds letters of more than one script, or digits among letters."""
    scripts = {script_of(char) for char in word if char.isalpha()} - {Script.OTHER}
    if len(scripts) > 1:
        return True
    return scripts in ({Script.CYRILLIC}, {Script.LATIN}) and any(
        char in _DIGIT_TO_CYRILLIC for char in word
    )


def repair_word(word: str, *, prefer: Script = Script.CYRILLIC) -> str:
    """Give every look-alike letter of a mixed word its dominant script's letter."""
    if not is_mixed(word):
        return word
    target = dominant_script(word, prefer=prefer)
    table = TO_CYRILLIC if target is Script.CYRILLIC else TO_LATIN
    digits = _DIGIT_TO_CYRILLIC if target is Script.CYRILLIC else _DIGIT_TO_LATIN
    letters = [char for char in word if char.isalpha()]
    upper_word = len(letters) > 1 and all(char.isupper() for char in letters)
    repaired = []
    for index, char in enumerate(word):
        if char.isdigit() and char in digits and len(letters) >= 2:
            upper, lower = digits[char]
            repaired.append(upper if upper_word or index == 0 else lower)
        elif script_of(char) is not target and char in table:
            repaired.append(table[char])
        else:
            repaired.append(char)
    return "".join(repaired)
