"""Latin spellings of Cyrillic names, by the conventions real lists mix.

Ukrainian names: the national system of 2010 (KMU), the passport tables of 2004 and 2007, BGN,
the 1996 national table, British, German (Schewtschenko), French (Chevtchenko) and an ad-hoc
Polish one (Szewczenko); or, as the captor's and the ICRC's lists often have them, the Russian
form of the name in a Russian table (ICAO 9303, the 1997 passport table: Sergey, Aleksandr).
translitua does the tables; every word is transliterated alone because translitua upper-cases
only whole-upper-case strings. Results are cached: the population reuses few names.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import translitua

from homeward.demo.sampling import Weighted

_POLISH = {
    "а": "a",
    "б": "b",
    "в": "w",
    "г": "h",
    "ґ": "g",
    "д": "d",
    "е": "e",
    "є": "je",
    "ж": "ż",
    "з": "z",
    "и": "y",
    "і": "i",
    "ї": "ji",
    "й": "j",
    "к": "k",
    "л": "ł",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "ch",
    "ц": "c",
    "ч": "cz",
    "ш": "sz",
    "щ": "szcz",
    "ь": "",
    "ю": "ju",
    "я": "ja",
    "ʼ": "",
    "'": "",
}
_POLISH_SOFT = {"ль": "l", "ля": "la", "лю": "lu", "лє": "le", "лі": "li"}


def _polish(word: str) -> str:
    lower = word.lower()
    out: list[str] = []
    i = 0
    while i < len(lower):
        pair = lower[i : i + 2]
        if pair in _POLISH_SOFT:
            out.append(_POLISH_SOFT[pair])
            i += 2
            continue
        out.append(_POLISH.get(lower[i], lower[i]))
        i += 1
    text = "".join(out)
    if word.isupper() and len(word) > 1:
        return text.upper()
    return text[:1].upper() + text[1:] if word[:1].isupper() else text


def _translitua(table: type) -> Callable[[str], str]:
    def convert(word: str) -> str:
        text = translitua.translit(word, table)
        return str(text.upper() if word.isupper() and len(word) > 1 else text)

    return convert


@lru_cache(maxsize=1 << 16)
def latin(text: str, convention: str) -> str:
    """`text` (one or more words) in the Latin `convention` (a key of `CONVENTIONS`)."""
    convert = CONVENTIONS[convention]
    return " ".join("-".join(convert(part) for part in word.split("-")) for word in text.split())


CONVENTIONS: dict[str, Callable[[str], str]] = {
    "KMU2010": _translitua(translitua.UkrainianKMU),
    "passport2007": _translitua(translitua.UkrainianPassport2007),
    "passport2004": _translitua(translitua.UkrainianPassport2004Alt),
    "BGN": _translitua(translitua.UkrainianBGN),
    "national1996": _translitua(translitua.UkrainianNational1996),
    "british": _translitua(translitua.UkrainianBritish),
    "german": _translitua(translitua.UkrainianGerman),
    "french": _translitua(translitua.UkrainianFrench),
    "polish": _polish,
    "simple": _translitua(translitua.UkrainianSimple),
    "ru:ICAO": _translitua(translitua.RussianICAO),
    "ru:passport1997": _translitua(translitua.RussianInternationalPassport1997),
    "ru:GOST2006": _translitua(translitua.RussianGOST2006),
    "ru:telegram": _translitua(translitua.RussianTelegram),
    "ru:driver_licence": _translitua(translitua.RussianDriverLicense),
    "ru:ISO9B": _translitua(translitua.RussianISO9SystemB),
}
"""Keys starting with "ru:" take the Russian form of a name; the others the Ukrainian form."""

# How often each convention appears in a Latin list about our people (ICRC lists, foreign
# media, documents issued abroad) and about the adversary's servicemen.
LATIN_FOR_OWN: Weighted[str] = Weighted(
    [
        ("KMU2010", 40),
        ("passport2007", 9),
        ("passport2004", 6),
        ("BGN", 6),
        ("national1996", 4),
        ("british", 2),
        ("german", 4),
        ("french", 4),
        ("polish", 3),
        ("simple", 2),
        ("ru:ICAO", 10),
        ("ru:passport1997", 8),
        ("ru:GOST2006", 2),
    ]
)
LATIN_FOR_ADVERSARY: Weighted[str] = Weighted(
    [
        ("ru:ICAO", 40),
        ("ru:passport1997", 20),
        ("ru:GOST2006", 8),
        ("ru:telegram", 3),
        ("ru:driver_licence", 4),
        ("ru:ISO9B", 2),
        ("KMU2010", 15),
        ("german", 3),
        ("french", 2),
        ("polish", 3),
    ]
)


def takes_russian(convention: str) -> bool:
    return convention.startswith("ru:")
