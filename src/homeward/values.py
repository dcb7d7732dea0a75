"""Reading one raw value of a record: names, dates, units, places, sex, numbers.

Each reader takes the string as a list or the register gives it and returns its comparable form,
or None when the value is absent or unreadable: linkage never raises on a bad value (the import
layer validates and reports). Pure and cached: a million records hold far fewer distinct values.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final, NamedTuple

from homeward.dates import parse_partial_date
from homeward.errors import InvalidInput
from homeward.names import (
    NamePart,
    clean_name,
    fold_for_matching,
    match_key,
    phonetic_of_key,
    transliterate,
)

_CACHE: Final = 1 << 20


class NameKeys(NamedTuple):
    """One name part read: its folded spelling, its match key and its phonetic key."""

    folded: str
    key: str
    phonetic: str


@lru_cache(maxsize=_CACHE)
def name_keys(text: str, part: NamePart) -> NameKeys | None:
    """The folded spelling and keys of one name part; None when it holds no letters."""
    normalised = normalise_name(text)
    if not normalised:
        return None
    return _normalised_keys(normalised, part)


@lru_cache(maxsize=_CACHE)
def _normalised_keys(normalised: str, part: NamePart) -> NameKeys | None:
    """`name_keys` of a normalised spelling: spellings that differ only in case share it. The
    phonetic key is the match key's reduction (`phonetic_key` reads the match key too)."""
    key = match_key(normalised, part)
    if not key:
        return None
    return NameKeys(fold_for_matching(normalised), key, phonetic_of_key(key, part))


@lru_cache(maxsize=_CACHE)
def normalise_name(text: str) -> str:
    """Cleaned and lower-cased: the spellings that differ only in case or transport damage
    are keyed once (the keys do not depend on case once the look-alikes are repaired)."""
    return clean_name(text).lower() if text and not text.isspace() else ""


class DateParts(NamedTuple):
    """A date as far as it is known: month and day are None when unknown."""

    year: int
    month: int | None
    day: int | None

    def iso(self) -> str:
        if self.day is not None and self.month is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"


@lru_cache(maxsize=_CACHE)
def date_parts(text: str, *, first_of_january_is_year: bool = False) -> DateParts | None:
    """A date as sources write it; None when absent or unreadable.

    00.00.YYYY is a year; with `first_of_january_is_year`, so is 01.01.YYYY (the placeholder
    captors' lists and clerks write for a birthday they do not know)."""
    if not text or text.isspace():
        return None
    try:
        parsed = parse_partial_date(text)
    except (InvalidInput, ValueError):
        return None
    if parsed is None:
        return None
    if first_of_january_is_year and parsed.month == 1 and parsed.day == 1:
        return DateParts(parsed.year, None, None)
    return DateParts(parsed.year, parsed.month, parsed.day)


_SEX_WORDS: Final = {
    **dict.fromkeys(
        ("m", "м", "ч", "чол", "чоловіча", "чоловічий", "чоловік", "муж", "мужской", "мужчина",
         "male", "man", "masculine", "h"),
        "M",
    ),
    **dict.fromkeys(
        ("f", "ж", "жін", "жіноча", "жіночий", "жінка", "жен", "женский", "женщина", "female",
         "woman", "feminine", "w"),
        "F",
    ),
}  # fmt: skip


@lru_cache(maxsize=1024)
def sex_from_word(text: str) -> str | None:
    """ "M" or "F" from the words sources use (ч, чол., муж., M, female, …); else None."""
    word = text.strip().lower().rstrip(".").strip()
    return _SEX_WORDS.get(word)


def sex_from_patronymic_key(key: str | None) -> str | None:
    """A patronymic key ends in /m or /f (Миколайович → nikolai/m)."""
    if key and key[-2:] in ("/m", "/f"):
        return key[-1].upper()
    return None


# Unit prefixes, longest first, as Ukrainian, Russian and English lists write them.
_UNIT_PREFIX: Final = re.compile(
    r"^(?:військова\s+частина|войсковая\s+часть|військ\.?\s*ч\.?|military\s+unit|"
    r"mil\.?\s*unit|unit|в\s*/\s*ч|в\.\s*ч\.|вч|mu|m/u|v/ch)\s*[.:]?\s*(?:№|no\.?|n\.|#)?\s*",
    re.IGNORECASE,
)
_UNIT_CODE: Final = re.compile(r"^([^\W\d_]{0,2})[\s\-]?(\d{3,6})$")
# Cyrillic letters of unit codes written with their Latin look-alikes, the rest transliterated.
_UNIT_LETTERS: Final = str.maketrans({
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
    "Т": "T", "Х": "X", "У": "Y", "І": "I", "Б": "B", "Г": "G", "Д": "D", "Ж": "J", "З": "Z",
    "И": "I", "Л": "L", "П": "P", "Ф": "F", "Ц": "C", "Ч": "CH", "Ш": "SH", "Ю": "U", "Я": "IA",
})  # fmt: skip
_UNIT_NOISE: Final = re.compile(r"[«»\"'“”„`]")
_SPACES: Final = re.compile(r"\s+")


@lru_cache(maxsize=_CACHE)
def unit_code(text: str) -> str | None:
    """The unit's code: "в/ч А0536", "А0536", "military unit A0536" and "A-0536" are "A0536";
    a named formation ("ЧВК «Вагнер»") is its name in lower-case Latin letters ("chvk vahner"),
    ASCII like every code, so that edit distances agree across engines."""
    if not text or text.isspace():
        return None
    cleaned = _SPACES.sub(" ", text.replace("\u00a0", " ")).strip()
    rest = _UNIT_PREFIX.sub("", cleaned, count=1).strip()
    code = _UNIT_CODE.match(rest)
    if code:
        letters, digits = code.groups()
        return letters.upper().translate(_UNIT_LETTERS) + digits
    folded = _SPACES.sub(" ", _UNIT_NOISE.sub("", cleaned)).strip()
    return transliterate(folded).lower() or None if folded else None


_CODE_FORM: Final = re.compile(r"[A-Z]{0,2}[0-9]{3,6}")


def is_unit_code(code: str) -> bool:
    """Whether `unit_code` read a code (A0536, 40994) rather than a formation's name."""
    return _CODE_FORM.fullmatch(code) is not None


_PLACE_TYPE: Final = re.compile(
    r"^(?:(?:м|с|г|смт|сел|пос|п|с-ще|пгт|д|х|ст)\.|смт|пгт|село|місто|город|селище|посёлок|"
    r"поселок|city\s+of|city|village|town|settlement)\s*",
    re.IGNORECASE,
)


@lru_cache(maxsize=_CACHE)
def place_key(text: str) -> str | None:
    """A place's key: its name before the region, without "м.", "с.", "г.", keyed like a word
    of a name so that Нікополь, Никополь and Nikopol agree."""
    if not text or text.isspace():
        return None
    name = text.replace("\u00a0", " ").split(",", 1)[0].strip()
    name = _PLACE_TYPE.sub("", name, count=1).strip()
    if not name:
        return None
    return match_key(normalise_name(name), NamePart.SURNAME) or None


_NOT_DIGIT: Final = re.compile(r"\D+")


@lru_cache(maxsize=_CACHE)
def number_digits(text: str) -> str | None:
    """A service or tax number by its digits: letters are transliterated in too many ways
    (Д-939042, D-939042) and dashes come and go; fewer than four digits is no number."""
    if not text:
        return None
    digits = _NOT_DIGIT.sub("", text)
    return digits if len(digits) >= 4 else None


# Check digits: a Ukrainian taxpayer number (РНОКПП, 10 digits) and a Russian one (ИНН of a
# person, 12 digits) end in digits computed from the others, so a mistyped digit shows.
_RNOKPP_WEIGHTS: Final = (-1, 5, 7, 9, 4, 6, 10, 5, 7)
_INN_WEIGHTS: Final = (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)


def _check(digits: str, weights: tuple[int, ...]) -> int:
    return sum(w * int(d) for w, d in zip(weights, digits, strict=False)) % 11 % 10


def tax_number_valid(digits: str | None) -> bool | None:
    """Whether a tax number's digits pass its check digits (РНОКПП or ИНН); None without one.
    A number of any other length is not a valid tax number."""
    if digits is None:
        return None
    if len(digits) == 10:
        return _check(digits[:9], _RNOKPP_WEIGHTS) == int(digits[9])
    if len(digits) == 12:
        first = _check(digits[:10], _INN_WEIGHTS[1:])
        second = _check(digits[:11], _INN_WEIGHTS)
        return first == int(digits[10]) and second == int(digits[11])
    return False


def tax_number_invalid(text: str) -> bool | None:
    """A written tax number whose digits fail their check (a digit mistyped, dropped or added);
    None without a number. The feature a typo-tolerant veto reads (`comparisons`)."""
    valid = tax_number_valid(number_digits(text))
    return None if valid is None else not valid
