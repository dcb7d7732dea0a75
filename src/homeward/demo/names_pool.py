"""Weighted tables of given names, patronymics and surnames, built once per process.

Given names come from the frequency-ordered lists in `names_data`; surnames from those lists for
the head and from the `names_translator` uk→ru surname dictionary for the long tail (the
dictionary has no population counts, so the tail's order is a fixed pseudo-random one). Weights
are rank-based (Zipf): Олександр is about one man in ten, Мельник about one person in four
hundred, so namesakes — "Олександр Мельник" — are common, as in life.

The Russian forms are the dictionary's (real records'): Мельник → Мельник, rarely Мельнык. The
tables do not depend on the seed; building them takes about a second (the surname dictionary).
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TypeVar

from names_translator.dicts import NameDicts

from homeward.demo import names_data
from homeward.demo.grammar import ru_patronymics, uk_patronymics
from homeward.demo.sampling import Uniform, Weighted

T = TypeVar("T")

APOSTROPHE = "ʼ"  # U+02BC, the canonical Ukrainian apostrophe of the synthetic truth

_TAIL_SEED = 20220224  # fixes the order of the dictionary's long tail: not the population's seed
_OWN_TAIL_SIZE = 60_000
_UK_SURNAME_KEY = re.compile(r"[а-щьюяєіїґ']{4,16}")
_UK_FEMININE = ("ська", "цька", "зька", "ова", "ева", "єва", "іна", "їна", "ая")
_RU_SURNAME = re.compile(r"[А-Я][а-яё]{3,15}")
_RU_FEMININE = ("ова", "ева", "ёва", "ина", "ына", "ская", "цкая", "ая", "яя")
_RU_TYPE = ("ов", "ев", "ёв", "ин", "ын", "ский", "цкий", "ой", "ых", "их")


@dataclass(frozen=True, slots=True)
class GivenName:
    uk: str
    ru: str
    ru_variants: tuple[str, ...]  # other Russian renderings real records use
    english: tuple[str, ...]  # conventional English forms, if any


@dataclass(frozen=True, slots=True)
class Patronymic:
    """What a father's name gives his children, in both languages."""

    father: GivenName
    uk: tuple[str, str]  # (masculine, feminine), Ukrainian grammar
    ru: tuple[str, str]  # (masculine, feminine), Russian grammar on the Russian name
    ru_records: tuple[str, str]  # how Russian-language records render the Ukrainian one


@dataclass(frozen=True, slots=True)
class Surname:
    uk: str
    ru: str
    ru_variants: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class NameTables:
    own_male: Weighted[GivenName]
    own_female: Weighted[GivenName]
    own_fathers: Weighted[Patronymic]
    own_surnames: Weighted[Surname]
    adversary_male: Weighted[GivenName]
    adversary_female: Weighted[GivenName]
    adversary_fathers: Weighted[Patronymic]
    adversary_surnames: Weighted[Surname]

    def given(self, rnd: Uniform, side: str, sex: str) -> GivenName:
        if side == "own":
            return (self.own_male if sex == "M" else self.own_female).pick(rnd)
        return (self.adversary_male if sex == "M" else self.adversary_female).pick(rnd)


def _uk(text: str) -> str:
    return text.replace("'", APOSTROPHE)


def _title(key: str) -> str:
    return "-".join(part[:1].upper() + part[1:] for part in key.split("-"))


def _zipf_pairs(
    values: Sequence[T], exponent: float, offset: float, share: float
) -> list[tuple[T, float]]:
    raw = [(rank + offset) ** -exponent for rank in range(1, len(values) + 1)]
    scale = share / sum(raw)
    return [(value, weight * scale) for value, weight in zip(values, raw, strict=True)]


class _Builder:
    def __init__(self) -> None:
        self.dicts = NameDicts()

    def given(self, uk: str, ru: str | None = None) -> GivenName:
        found = self.dicts.lookup(uk, "first")
        canonical = ru or (found[0] if found else uk)
        folded = canonical.replace("ё", "е")
        variants = tuple(form for form in found if form not in (canonical, folded))
        return GivenName(_uk(uk), canonical, variants, names_data.ENGLISH_GIVEN.get(uk, ()))

    def patronymic(self, father: GivenName) -> Patronymic:
        uk = uk_patronymics(father.uk)
        ru = ru_patronymics(father.ru)
        records = tuple(
            (self.dicts.lookup(form, "patronymic") or [fallback])[0]
            for form, fallback in zip(uk, ru, strict=True)
        )
        return Patronymic(father, uk, ru, (records[0], records[1]))

    def given_list(self, blob: str) -> list[GivenName]:
        names = []
        for token in dict.fromkeys(blob.split()):
            ru, _, uk = token.partition(":") if ":" in token else ("", "", token)
            names.append(self.given(uk, ru or None))
        return names

    def own_surnames(self) -> Weighted[Surname]:
        head = [self.surname(_uk(uk)) for uk in dict.fromkeys(names_data.UK_SURNAMES.split())]
        seen = {name.uk.lower().replace(APOSTROPHE, "'") for name in head}
        last = self.dicts.as_dict("last")
        keys = sorted(
            key
            for key in last
            if _UK_SURNAME_KEY.fullmatch(key) and not key.endswith(_UK_FEMININE) and key not in seen
        )
        random.Random(_TAIL_SEED).shuffle(keys)
        tail = [
            Surname(_uk(_title(key)), last[key][0], tuple(last[key][1:]))
            for key in keys[:_OWN_TAIL_SIZE]
        ]
        return Weighted(_zipf_pairs([*head, *tail], 0.65, 2.0, 1.0))

    def surname(self, uk: str) -> Surname:
        found = self.dicts.lookup(uk, "last") or [uk]
        return Surname(uk, found[0], tuple(found[1:]))

    def adversary_surnames(self) -> Weighted[Surname]:
        head = []
        for token in dict.fromkeys(names_data.RU_SURNAMES.split()):
            ru, uk = token.split(":")
            head.append(Surname(_uk(uk), ru, ()))
        seen = {name.ru.replace("ё", "е") for name in head}
        russian: list[Surname] = []
        other: list[Surname] = []
        for key, forms in sorted(self.dicts.as_dict("last").items()):
            ru = forms[0]
            if not _RU_SURNAME.fullmatch(ru) or ru.endswith(_RU_FEMININE) or ru in seen:
                continue
            seen.add(ru)
            (russian if ru.endswith(_RU_TYPE) else other).append(Surname(_uk(_title(key)), ru, ()))
        shuffle = random.Random(_TAIL_SEED)
        shuffle.shuffle(russian)
        shuffle.shuffle(other)
        pairs = _zipf_pairs([*head, *russian[:40_000]], 0.7, 2.0, 0.88)
        pairs += _zipf_pairs(other[:15_000], 0.6, 20.0, 0.12)
        return Weighted(pairs)


def _ranked(values: list[GivenName], exponent: float = 1.0) -> Weighted[GivenName]:
    return Weighted(_zipf_pairs(values, exponent, 1.5, 1.0))


@cache
def name_tables() -> NameTables:
    """The process-wide tables (built on first use)."""
    build = _Builder()
    own_fathers = [build.patronymic(name) for name in build.given_list(names_data.UK_FATHERS)]
    adversary_fathers = [build.patronymic(name) for name in build.given_list(names_data.RU_FATHERS)]
    return NameTables(
        own_male=_ranked(build.given_list(names_data.UK_MALE)),
        own_female=_ranked(build.given_list(names_data.UK_FEMALE)),
        own_fathers=Weighted(_zipf_pairs(own_fathers, 1.0, 1.5, 1.0)),
        own_surnames=build.own_surnames(),
        adversary_male=_ranked(build.given_list(names_data.RU_MALE), 0.9),
        adversary_female=_ranked(build.given_list(names_data.RU_FEMALE)),
        adversary_fathers=Weighted(_zipf_pairs(adversary_fathers, 1.0, 1.5, 1.0)),
        adversary_surnames=build.adversary_surnames(),
    )
