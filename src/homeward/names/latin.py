"""Latin spellings of Ukrainian and Russian names, folded to one skeleton.

A name reaches the register in many Latin spellings: KMU 2010 (Oleksandr), ICAO (Aleksandr),
the older passport tables (Oleksiy, Andrey), BGN (Yevgeniy), English habit (Alexander,
Yuschenko), German (Schewtschenko, Wolodymyr), Polish (Szewczenko), French (Chevtchenko, Iouri)
and the scholarly tables (Ševčenko, Mixail). Each *reading* below undoes one tradition's
conventions; the fold after it merges what the traditions disagree on, so that all of them give
one skeleton:

- the sounds written with several letters become one token: shch/sch/szcz/schtsch/chtch → Щ,
  sh/sz/sch/ch(fr) → Ш, ch/cz/tsch/tch → Ч, zh/ż/j(fr) → Ж, kh/ch(de, pl)/x(GOST B) → Х,
  ts/tc/tz/c(pl)/z(de) → Ц;
- g and h are one letter (Ukrainian г is h, Russian г is g); x is ks; w is v; c and q are k;
- i, y, j are one letter; a doubled letter is one; a glide before e is dropped (Yevhen,
  Andrieiev); io after a letter is e (Semyon, Fyodor, Kovalyov: the ё that ICAO writes e).

The skeleton is written back with the digraphs shch, sh, ch, zh, kh, ts, so that it stays
readable: Шевченко → shevchenko, Олександр → oleksandr, Юрій → iuri.
"""

import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from enum import StrEnum
from functools import lru_cache
from typing import Final


class Reading(StrEnum):
    ENGLISH = "english"  # also KMU 2010, ICAO 9303, BGN/PCGN, the passport tables
    GERMAN = "german"
    GERMAN_VOICED_S = "german-voiced-s"  # German writes both с and з as s (Sergej, Sacharow)
    POLISH = "polish"
    FRENCH = "french"
    SCHOLARLY = "scholarly"  # GOST 7.79 B, ISO 9 and other tables with x or h for х


def _rules(pairs: Mapping[str, str]) -> Callable[[str], str]:
    """One pass replacing the longest of `pairs` at each position."""
    pattern = re.compile("|".join(sorted(map(re.escape, pairs), key=len, reverse=True)))
    return lambda text: pattern.sub(lambda match: pairs[match.group()], text)


_COMMON_DIGRAPHS: Final = {
    "shch": "Щ", "zh": "Ж", "kh": "Х", "sh": "Ш", "ch": "Ч", "ts": "Ц", "tc": "Ц", "tz": "Ц",
    "ph": "f", "ck": "k", "gh": "g", "x": "ks", "tch": "Ч",
}  # fmt: skip
_READING_DIGRAPHS: Final[dict[Reading, dict[str, str]]] = {
    Reading.ENGLISH: {"sch": "Щ", "shh": "Щ", "tch": "Ч", "cz": "Ч"},
    Reading.GERMAN: {
        "schtsch": "Щ", "tsch": "Ч", "sch": "Ш", "ch": "Х", "sh": "Ж", "z": "Ц", "ss": "s",
    },
    Reading.POLISH: {
        "szcz": "Щ", "sz": "Ш", "cz": "Ч", "ch": "Х", "rz": "Ж", "ż": "Ж", "ź": "z", "ś": "s",
        "ć": "Ц", "c": "Ц", "ń": "n", "ł": "l",
    },
    Reading.FRENCH: {
        "chtch": "Щ", "tch": "Ч", "ch": "Ш", "dj": "dЖ", "j": "Ж", "ou": "u", "gue": "ge",
        "gui": "gi", "ss": "s", "qu": "k", "ce": "se", "ci": "si",
    },
    Reading.SCHOLARLY: {"shh": "Щ", "cz": "Ц", "c": "Ц", "x": "Х", "h": "Х", "ch": "Ч"},
}  # fmt: skip
_READING_DIGRAPHS[Reading.GERMAN_VOICED_S] = _READING_DIGRAPHS[Reading.GERMAN]
_READING_RULES: Final = {
    reading: _rules({**_COMMON_DIGRAPHS, **digraphs})
    for reading, digraphs in _READING_DIGRAPHS.items()
}
_DIACRITICS: Final = str.maketrans({
    "č": "ch", "š": "sh", "ž": "zh", "ŝ": "shch", "ć": "ch", "ś": "s", "ź": "z", "ż": "zh",
    "ł": "l", "ń": "n", "ë": "e", "ï": "i", "ĭ": "i", "û": "iu", "â": "ia", "ǵ": "g",
    "ḱ": "k", "ș": "sh", "ş": "sh", "ț": "ts", "ţ": "ts", "ß": "ss", "ø": "o", "đ": "d",
    "ı": "i", "ħ": "kh",
})  # fmt: skip
_SINGLE_LETTERS: Final = str.maketrans({
    "h": "g", "c": "k", "q": "k", "w": "v", "j": "i", "y": "i", "'": None, "\u02bc": None,
    "`": None, "\u2019": None, "\u02b9": None, "\u02ba": None, '"': None, "\u201d": None,
})  # fmt: skip
_TOKENS: Final = str.maketrans({
    "Щ": "shch", "Ш": "sh", "Ч": "ch", "Ж": "zh", "Х": "kh", "Ц": "ts", "Ї": "ii",
})  # fmt: skip
_DOUBLES: Final = re.compile(r"(.)\1+")
_GERMAN_VOICED_S: Final = re.compile(r"(?:^|(?<=[aeiouy]))(?<!s)s(?=[aeiouyj])")
# -іївна (Андріївна, of Андрій) is not -івна (of Андр-): the doubled i is kept there.
_IIVNA: Final = re.compile(r"ii+(?=vna$)")
_GLIDE_BEFORE_E: Final = re.compile(r"i(?=e)")
_YO: Final = re.compile(r"(?<=.)io")
_NOT_LETTER: Final = re.compile(r"[^a-zЩШЧЖХЦЇ]")

# A reading is tried only where a word shows its signs: a strong sign puts it before the
# English reading, a weak one after. Letters KMU or ICAO often write (h, ch, z, s) are no
# sign: read another way, the transliteration of a name the dictionaries do not know could
# become a name they do (Yah, KMU for Яг, read as Ях; Vaz, for Ваз, read as Вац).
_STRONG_SIGNS: Final = (
    (Reading.POLISH, re.compile(r"sz|cz|rz|[łżśćńź]")),
    (Reading.GERMAN, re.compile(r"tsch|w|j")),  # no English table writes j
    # ou: French for у (Touvets, Loukouk); KMU's оу is seldom (Білоус, which the dictionaries
    # know under either reading)
    (Reading.FRENCH, re.compile(r"tch|ou|gue|gui|ï")),
)
_WEAK_SIGNS: Final = (
    (Reading.GERMAN, re.compile(r"sch")),  # also English for щ (Yuschenko)
    # j is й in German, Polish and GOST spellings
    (Reading.FRENCH, re.compile(r"j")),
    (Reading.SCHOLARLY, re.compile(r"x|shh|cz|c(?![hkz])")),  # x is also English for кс
)
_GERMAN_VOICED_S_SIGN: Final = re.compile(r"(?:^|[aeiouy])s[aeiouyj]")


def readings_for(word: str) -> tuple[Reading, ...]:
    """The readings to try for a lower-case Latin word, the likeliest first."""
    strong = [reading for reading, sign in _STRONG_SIGNS if sign.search(word)]
    weak = [reading for reading, sign in _WEAK_SIGNS if sign.search(word)]
    if Reading.GERMAN in strong and _GERMAN_VOICED_S_SIGN.search(word):
        weak.append(Reading.GERMAN_VOICED_S)
    return tuple(dict.fromkeys((*strong, Reading.ENGLISH, *weak)))


@lru_cache(maxsize=1 << 17)
def latin_skeletons(word: str) -> tuple[str, ...]:
    """The skeletons of one Latin word under each reading, the likeliest first, no repeats."""
    return tuple(dict.fromkeys(iter_latin_skeletons(word)))


def iter_latin_skeletons(word: str) -> Iterator[str]:
    """The same, computed one at a time: a caller that stops at the first known saves work."""
    lower = word.lower()
    return (fold(lower, reading) for reading in readings_for(lower))


def fold(lower: str, reading: Reading = Reading.ENGLISH) -> str:
    """The skeleton of one lower-case Latin word read in one tradition."""
    rules = _READING_RULES[reading]
    if reading is Reading.GERMAN_VOICED_S:  # a single s before a vowel as з (Kasymyr)
        lower = _GERMAN_VOICED_S.sub("z", lower)
    if reading is Reading.POLISH:  # its rules read the Polish letters themselves
        text = _ascii(rules(lower).translate(_DIACRITICS))
    elif lower.isascii():
        text = rules(lower)
    else:
        text = rules(_ascii(lower.translate(_DIACRITICS)))
    # and apostrophes and soft-sign marks away; letters of no table (ð, ŋ, other scripts) too
    text = _NOT_LETTER.sub("", text.translate(_SINGLE_LETTERS))
    text = text.replace("tЧ", "Ч").replace("tЦ", "Ц")  # тч, тц: KMU "tch", German "ttsch"
    if text.endswith("vna"):
        text = _IIVNA.sub("Ї", text)
    text = _DOUBLES.sub(r"\1", text)
    if "ie" in text or "io" in text:
        text = _DOUBLES.sub(r"\1", _YO.sub("e", _GLIDE_BEFORE_E.sub("", text)))
    return text.translate(_TOKENS)


def _ascii(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))
