"""One record as linkage reads it: the flat row of cleaned values and keys that both Splink and
the Python scorer compare. Pure: no database, no I/O; never raises on a bad value.

A full name written in the surname column is split; a birth date of 01.01.YYYY or 00.00.YYYY is
a year; sex comes from the sex column or else from the patronymic; a unit is its code (or its
name, when no code is written). The row
keeps the given name keyed as a surname too, so that swapped name columns can be recognised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Final

from homeward.names import NamePart, split_full_name
from homeward.names.diminutives import full_key_of, full_phonetic_of
from homeward.values import (
    DateParts,
    NameKeys,
    date_parts,
    is_unit_code,
    name_keys,
    number_digits,
    place_key,
    sex_from_patronymic_key,
    sex_from_word,
    tax_number_invalid,
    unit_code,
)

FEATURES_VERSION: Final = "6"
_EPOCH: Final = date(1900, 1, 1).toordinal()


@dataclass(frozen=True, slots=True)
class LinkRecord:
    """One record as a list or the register gives it: raw strings, "" when absent."""

    record_id: str
    surname: str = ""
    given_name: str = ""
    patronymic: str = ""
    sex: str = ""
    birth_date: str = ""
    birth_place: str = ""
    unit: str = ""
    missing_date: str = ""
    missing_place: str = ""
    source: str = ""
    service_number: str = ""
    tax_number: str = ""


# The columns of a features row, in order; the types say what SQL sees.
COLUMNS: Final[dict[str, type]] = {
    "record_id": str,
    "source": str,
    "surname_folded": str,
    "surname_key": str,
    "surname_phonetic": str,
    "surname_deletions": list,
    "given_folded": str,
    "given_key": str,
    "given_phonetic": str,
    "given_as_surname_key": str,
    "given_full_key": str,
    "given_full_phonetic": str,
    "given_diminutive": bool,
    "given_initial": str,
    "given_is_initial": bool,
    "patronymic_key": str,
    "patronymic_initial": str,
    "patronymic_is_initial": bool,
    "names_unordered": str,
    "name_pair_key": str,
    "sex": str,
    "birth_date": str,
    "birth_year": int,
    "birth_month": int,
    "birth_day": int,
    "birth_place_key": str,
    "unit_code": str,
    "unit_is_code": bool,
    "missing_date": str,
    "missing_year": int,
    "missing_month": int,
    "missing_day": int,
    "missing_daynum": int,
    "missing_place_key": str,
    "service_number": str,
    "tax_number": str,
    "tax_number_invalid": bool,
}


def features(record: LinkRecord) -> dict[str, object]:
    """The flat cleaned row of one record; absent or unreadable values are None."""
    surname_text, given_text, patronymic_text = names_of(record)
    surname = name_keys(surname_text, NamePart.SURNAME)
    given = name_keys(given_text, NamePart.GIVEN)
    patronymic = name_keys(patronymic_text, NamePart.PATRONYMIC)
    given_as_surname = name_keys(given_text, NamePart.SURNAME)
    sex = sex_from_word(record.sex) or sex_from_patronymic_key(_key(patronymic))
    row: dict[str, object] = {
        "record_id": record.record_id,
        "source": record.source or None,
        **name_columns(surname, given, patronymic, given_as_surname),
        **full_name_columns(_key(given), given.phonetic if given else None, sex),
        "sex": sex,
        **birth_columns(date_parts(record.birth_date, first_of_january_is_year=True)),
        "birth_place_key": place_key(record.birth_place),
        **unit_columns(unit_code(record.unit)),
        **missing_columns(date_parts(record.missing_date)),
        "missing_place_key": place_key(record.missing_place),
        "service_number": number_digits(record.service_number),
        "tax_number": number_digits(record.tax_number),
        "tax_number_invalid": tax_number_invalid(record.tax_number),
    }
    return row


def names_of(record: LinkRecord) -> tuple[str, str, str]:
    """Surname, given name and patronymic; a full name in the surname column is split."""
    surname, given, patronymic = record.surname, record.given_name, record.patronymic
    blank = (not given or given.isspace()) and (not patronymic or patronymic.isspace())
    if blank and len(surname.split()) > 1:
        full = split_full_name(surname)
        return full.surname or "", full.given_name or "", full.patronymic or ""
    return surname, given, patronymic


def _key(keys: NameKeys | None) -> str | None:
    return keys.key if keys else None


def name_columns(
    surname: NameKeys | None,
    given: NameKeys | None,
    patronymic: NameKeys | None,
    given_as_surname: NameKeys | None,
) -> dict[str, object]:
    surname_key = _key(surname)
    given_key = _key(given)
    swapped_key = _key(given_as_surname)
    initial = given_key.endswith(".") if given_key else None
    return {
        "surname_folded": surname.folded if surname else None,
        "surname_key": surname_key,
        "surname_phonetic": surname.phonetic if surname else None,
        "surname_deletions": deletion_keys(surname_key),
        "given_folded": given.folded if given else None,
        "given_key": given_key,
        "given_phonetic": given.phonetic if given else None,
        "given_as_surname_key": swapped_key,
        "given_initial": initial_key(given),
        "given_is_initial": initial,
        "patronymic_key": _key(patronymic),
        "patronymic_initial": initial_key(patronymic),
        "patronymic_is_initial": patronymic.key.endswith(".") if patronymic else None,
        "names_unordered": unordered(surname_key, swapped_key),
        "name_pair_key": f"{surname_key}|{given_key}" if surname_key and given_key else None,
    }


# Keys this long or shorter have no deletions: one letter less would meet too many others.
_DELETIONS_ABOVE: Final = 4
# A sound written with two letters, as one (a capital, which no key holds): ц heard as ч is then
# one letter changed (kushnets, kushnech), not two.
_DIGRAPHS: Final = re.compile("shch|sh|ch|zh|kh|ts")
_DIGRAPH_LETTER: Final = {"shch": "W", "sh": "S", "ch": "C", "zh": "Z", "kh": "H", "ts": "T"}


def deletion_keys(key: str | None) -> list[str] | None:
    """A surname key and every key one letter shorter (its deletion neighbourhood, as SymSpell
    looks words up), and the same of the key with each sound of two letters written as one: two
    keys one letter or one sound apart — dropped, added, changed, two neighbours swapped — share
    one of them. A blocking rule joins on any shared value (`blocking.BlockingRule.explode`); a
    key of at most four letters stands for itself alone."""
    if not key:
        return None
    found: set[str] = set()
    # every sound of two letters holds an h or is ts: a key without either is its own spelling
    written = _DIGRAPHS.sub(_digraph_letter, key) if "h" in key or "ts" in key else key
    for word in (key, written) if written != key else (key,):
        found.add(word)
        if len(word) > _DELETIONS_ABOVE:
            found.update([word[:i] + word[i + 1 :] for i in range(len(word))])
    return sorted(found)


def _digraph_letter(match: re.Match[str]) -> str:
    return _DIGRAPH_LETTER[match.group()]


def full_name_columns(
    given_key: str | None, given_phonetic: str | None, sex: str | None
) -> dict[str, object]:
    """The full name a diminutive stands for (Саша, a man: Олександр; Коля: Микола), where the
    names package knows one (`homeward.names.diminutives`); a full name stands for itself.

    `given_full_key` is the full name's key where the diminutive stands for one name (of the
    record's sex), `given_full_phonetic` its sound, also where the sex is unknown but the man's
    and the woman's name sound alike (Олександр, Олександра); `given_diminutive` says that the
    sound is a diminutive's full name (a blocking filter)."""
    if given_key is None:
        return {"given_full_key": None, "given_full_phonetic": None, "given_diminutive": None}
    full_phonetic = full_phonetic_of(given_key, sex)
    return {
        "given_full_key": full_key_of(given_key, sex) or given_key,
        "given_full_phonetic": full_phonetic or given_phonetic,
        "given_diminutive": full_phonetic is not None,
    }


def initial_key(name: NameKeys | None) -> str | None:
    """The key of a given name's (or a patronymic's) first letter, as an initial is keyed
    ("o." for О. and Олександр and Oleksandr, though Олександр's key is "aleksandr")."""
    if name is None:
        return None
    if name.key.endswith("."):
        return name.key
    return _key(name_keys(name.folded[:1], NamePart.GIVEN))


def unordered(surname_key: str | None, given_as_surname_key: str | None) -> str | None:
    """Both name keys in a fixed order: equal for a record and its swapped twin."""
    if not surname_key or not given_as_surname_key:
        return None
    first, second = sorted((surname_key, given_as_surname_key))
    return f"{first}|{second}"


def unit_columns(code: str | None) -> dict[str, object]:
    """The unit's code, and whether it is a code (А1302) rather than a name (93 ОМБр)."""
    return {"unit_code": code, "unit_is_code": None if code is None else is_unit_code(code)}


def birth_columns(parts: DateParts | None) -> dict[str, object]:
    if parts is None:
        return {"birth_date": None, "birth_year": None, "birth_month": None, "birth_day": None}
    return {
        "birth_date": parts.iso(),
        "birth_year": parts.year,
        "birth_month": parts.month,
        "birth_day": parts.day,
    }


def missing_columns(parts: DateParts | None) -> dict[str, object]:
    if parts is None:
        return dict.fromkeys(
            ("missing_date", "missing_year", "missing_month", "missing_day", "missing_daynum")
        )
    daynum = None
    if parts.month is not None and parts.day is not None:
        daynum = date(parts.year, parts.month, parts.day).toordinal() - _EPOCH
    return {
        "missing_date": parts.iso(),
        "missing_year": parts.year,
        "missing_month": parts.month,
        "missing_day": parts.day,
        "missing_daynum": daynum,
    }
