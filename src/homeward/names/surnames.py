"""Surnames: masculine and feminine forms.

Ukrainian and Russian surnames that inflect for gender (NAMES-NOTES §6):

- possessive: -ов/-ев/-ёв/-ін/-їн/-ин/-ын take -а (Петров/Петрова, Пушкін/Пушкіна);
- adjectival: Ukrainian -ський/-цький/-зький → -ська/-цька/-зька, -ий → -а (Білий/Біла),
  Russian -ский/-цкий → -ская/-цкая, -ой/-ый/-ий → -ая (Толстой/Толстая).

The rest is the same for women: -енко, -ко, -ук/-юк/-чук, -ич, -ів/-їв, -их/-ых, a consonant
(Бондар, Коваль), -а (Сковорода).
"""

import re
from typing import Final

# Skeleton endings (see latin.py): the feminine form's and the masculine form's.
_FEMININE_SKELETON: Final = re.compile(r"(?<=...)(aia|ska|zka|ova|eva|ina|oi)$")
_MASCULINE_OF: Final = {
    "aia": "i", "ska": "ski", "zka": "zki", "ova": "ov", "eva": "ev", "ina": "in", "oi": "i",
}  # fmt: skip

_MASCULINE_TO_FEMININE: Final = (
    (re.compile(r"(ськ|цьк|зьк)ий$"), r"\1а"),
    (re.compile(r"(ск|цк)ий$"), r"\1ая"),
    (re.compile(r"([оеєё]в|[іїиы]н)$"), r"\1а"),
    (re.compile(r"(?<=[^ьаеєиіїоуюяё])ий$"), "а"),
    (re.compile(r"[оы]й$"), "ая"),
)
_FEMININE_TO_MASCULINE: Final = (
    (re.compile(r"(ськ|цьк|зьк)а$"), r"\1ий"),
    (re.compile(r"(ск|цк)ая$"), r"\1ий"),
    (re.compile(r"([оеєё]в|[іїиы]н)а$"), r"\1"),
    (re.compile(r"ая$"), "ой"),
    (re.compile(r"ая$"), "ый"),
    (re.compile(r"ая$"), "ий"),
    (re.compile(r"(?<=[^ьаеєиіїоуюяё])а$"), "ий"),
)


def fold_gender(skeleton: str) -> str:
    """The skeleton of the masculine form: Petrova → petrov, Zghurska → zgurski."""
    match = _FEMININE_SKELETON.search(skeleton)
    if match is None:
        return skeleton
    return skeleton[: match.start()] + _MASCULINE_OF[match.group()]


def feminine_form(key: str) -> str | None:
    """The feminine form of a lower-case Cyrillic masculine surname, if it inflects."""
    for pattern, replacement in _MASCULINE_TO_FEMININE:
        if pattern.search(key):
            return pattern.sub(replacement, key)
    return None


def masculine_forms(key: str) -> tuple[str, ...]:
    """The masculine forms a lower-case Cyrillic feminine surname may come from. -ая may come
    from -ой, -ый or -ий, and -а from -ий or from a surname in -а that does not inflect: every
    candidate is given, for a dictionary to choose."""
    forms = (
        pattern.sub(replacement, key)
        for pattern, replacement in _FEMININE_TO_MASCULINE
        if pattern.search(key)
    )
    return tuple(dict.fromkeys(forms))
