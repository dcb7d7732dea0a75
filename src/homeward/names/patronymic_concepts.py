"""Patronymic skeleton → (father's given-name concept, sex).

Built once from three sources, the first to claim a skeleton keeping it:

1. every given name of the dictionaries and of the supplement, through the Ukrainian rules if it
   is a Ukrainian key and the Russian rules if it is a Russian rendering (a name in -а or -я
   only where the patronymic is attested: Микита is a father, Іванна is not);
2. the names-translator patronymic pairs (Микитович → Никитович), each pair taking the father of
   whichever of its forms step 1 knew;
3. for a patronymic still unknown, its ending is cut off and its stem looked up as a given name.
"""

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Final

from homeward.names.concepts import ConceptIndex, given_name_concepts, name_skeleton
from homeward.names.dictionaries import dictionary_key, ru_to_uk, uk_to_ru
from homeward.names.model import NamePart
from homeward.names.patronymics import (
    Sex,
    is_irregular,
    russian_patronymics,
    split_skeleton,
    ukrainian_patronymics,
)
from homeward.names.prebuilt import kept
from homeward.names.supplement import FOLK_GIVEN_NAMES

Father = tuple[str, Sex]
# What a stem may have lost with the ending: Петр|ович, Микол|а, Андр|ей, Юр|ий, Дмитр|о.
_STEM_ENDINGS: Final = ("", "o", "a", "i", "ei", "ai", "ia")


@dataclass(frozen=True, slots=True)
class PatronymicIndex:
    fathers: Mapping[str, Father]
    given: ConceptIndex

    def resolve(self, candidates: Iterable[str]) -> Father | None:
        """The father and sex of the first candidate skeleton known, else by the first's stem."""
        first = ""
        for candidate in candidates:
            if candidate in self.fathers:
                return self.fathers[candidate]
            first = first or candidate
        return father_by_stem(first, self.given)


def father_by_stem(skeleton: str, given: ConceptIndex) -> Father | None:
    split = split_skeleton(skeleton)
    if split is None:
        return None
    stem, sex = split
    for ending in _STEM_ENDINGS:
        if stem + ending in given.known:
            return given.canonical(stem + ending), sex
    return stem, sex


def _ukrainian_fathers() -> Iterator[str]:
    yield from uk_to_ru(NamePart.GIVEN)
    yield from (dictionary_key(uk) for uk, _ in FOLK_GIVEN_NAMES)


def _russian_fathers() -> Iterator[str]:
    yield from ru_to_uk(NamePart.GIVEN)
    yield from (dictionary_key(ru) for _, ru in FOLK_GIVEN_NAMES)


@cache
def attested_patronymics() -> frozenset[str]:
    """Every patronymic the dictionaries hold, Ukrainian and Russian (dictionary keys)."""
    pool = uk_to_ru(NamePart.PATRONYMIC)
    return frozenset(pool) | {ru for renderings in pool.values() for ru in renderings}


def _claim_generated(fathers: dict[str, Father], given: ConceptIndex) -> None:
    """Claims by usual forms first, then by common names first.

    Two fathers may give one skeleton (Сергіївна of Сергій, Сергівна of Серго). No frequencies
    come with the dictionaries; the number of spellings a name has in them stands in for one.
    """
    attested = attested_patronymics()
    weight = given.weight
    claims: list[tuple[bool, bool, int, str, str, Father]] = []
    sources = ((_ukrainian_fathers, ukrainian_patronymics), (_russian_fathers, russian_patronymics))
    for names, rules in sources:
        for father in names():
            patronymics = rules(father)
            # Most names in -а and -я are women's: such a name is a father only if the
            # dictionaries hold a patronymic of a son of his (Микитович, Лукич, Ильич), and
            # even then a man's name in a consonant claims first (Юліанівна is Юліан's,
            # not Юліанна's).
            womanlike = father.endswith(("а", "я")) and not is_irregular(father)
            if womanlike and not attested.intersection(patronymics[0]):
                continue
            concept = given.canonical(name_skeleton(father))
            for forms, sex in zip(patronymics, (Sex.MALE, Sex.FEMALE), strict=True):
                for rank, form in enumerate(forms):
                    claim = (rank > 0, womanlike, -weight.get(concept, 0), father)
                    claims.append((*claim, name_skeleton(form), (concept, sex)))
    for *_, skeleton, father_and_sex in sorted(claims):
        fathers.setdefault(skeleton, father_and_sex)


def _claim_pairs(fathers: dict[str, Father], given: ConceptIndex) -> None:
    for uk, renderings in uk_to_ru(NamePart.PATRONYMIC).items():
        skeletons = [name_skeleton(uk), *(name_skeleton(ru) for ru in renderings)]
        known = next((fathers[s] for s in skeletons if s in fathers), None)
        father = known or father_by_stem(skeletons[0], given)
        if father is None:
            continue
        for skeleton in skeletons:
            fathers.setdefault(skeleton, father)


@cache
def patronymic_index() -> PatronymicIndex:
    fathers = kept(
        "patronymic_fathers",
        _fathers,
        lambda found: {skeleton: (name, sex.value) for skeleton, (name, sex) in found.items()},
        lambda data: {skeleton: (name, Sex(sex)) for skeleton, (name, sex) in data.items()},
    )
    return PatronymicIndex(MappingProxyType(fathers), given_name_concepts())


def _fathers() -> dict[str, Father]:
    given = given_name_concepts()
    fathers: dict[str, Father] = {}
    _claim_generated(fathers, given)
    _claim_pairs(fathers, given)
    return fathers
