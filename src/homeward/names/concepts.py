"""One name across languages: the skeletons of its Ukrainian and Russian forms joined.

Every pair of the names-translator dictionaries (Олександр → Александр, Білоус → Белоус) and of
the supplement joins two skeletons into one *concept*; the concept is named by one of its
skeletons, its representative (see `_Concepts`). A skeleton the dictionaries do not
know is its own concept. Surname skeletons are joined in their masculine form (Петрова is
Петров), so the gender forms share a concept too.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Final

from homeward.names.dictionaries import dictionary_key, uk_to_ru
from homeward.names.model import NamePart
from homeward.names.patronymics import CLOSED_SYLLABLE_I
from homeward.names.prebuilt import kept
from homeward.names.skeleton import cyrillic_skeleton, word_skeletons
from homeward.names.supplement import FOLK_GIVEN_NAMES, WESTERN_GIVEN_NAMES
from homeward.names.surnames import fold_gender

# A component this large is a chain of unrelated names joined by noisy pairs: refuse to grow it.
_MAX_CONCEPT_SIZE: Final = 24


@dataclass(frozen=True, slots=True)
class ConceptIndex:
    """Skeleton → representative skeleton, for one name part."""

    representative: Mapping[str, str]
    spelling: Mapping[str, str]  # skeleton → a Cyrillic dictionary form with that skeleton
    # representative → how many dictionary spellings the concept has: a stand-in for frequency
    weight: Mapping[str, int]

    @property
    def known(self) -> Mapping[str, str]:
        return self.spelling

    def canonical(self, skeleton: str) -> str:
        return self.representative.get(skeleton, skeleton)

    def known_candidate(self, candidates: Iterable[str]) -> str | None:
        """The first candidate skeleton the dictionaries know."""
        return next((candidate for candidate in candidates if candidate in self.spelling), None)

    def resolve(self, candidates: Iterable[str]) -> str:
        """The concept of the first candidate skeleton the dictionaries know, else the first."""
        first = None
        for candidate in candidates:
            if candidate in self.spelling:
                return self.canonical(candidate)
            if first is None:
                first = candidate
        return first or ""


def name_skeleton(text: str, normalise: Callable[[str], str] = str) -> str:
    """The skeleton of a dictionary name (one or more words), words joined by hyphens."""
    if "-" not in text and " " not in text:
        return normalise(cyrillic_skeleton(text))
    parts = [normalise(cyrillic_skeleton(word)) for word in text.replace(" ", "-").split("-")]
    return "-".join(part for part in parts if part)


class _Concepts:
    """Union-find over skeletons.

    The representative of a concept is its *hub*: the skeleton that most Ukrainian keys of the
    dictionaries have as their first (most frequent) rendering, ties to the shortest, then
    alphabetical. It is where the spellings of the data converge (Олександр, Олєксандр and
    Александр all render Александр first), so it does not depend on which of the concept's
    spellings the dictionaries happen to list as Ukrainian keys.
    """

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.size: dict[str, int] = {}
        self.first_renderings: dict[str, int] = {}
        self.spellings: dict[str, dict[str, int]] = {}  # skeleton → {spelling: weight}

    def add(self, skeleton: str, spelling: str, weight: int = 0) -> str:
        """Record a skeleton and one Cyrillic spelling of it; a first rendering weighs 1."""
        self.find(skeleton)
        weights = self.spellings.setdefault(skeleton, {})
        weights[spelling] = weights.get(spelling, 0) + weight
        return skeleton

    def best_spellings(self) -> dict[str, str]:
        """Per skeleton: the spelling most often a first rendering, else the shortest."""
        return {
            skeleton: min(weights, key=lambda form: (-weights[form], len(form), form))
            for skeleton, weights in self.spellings.items()
        }

    def find(self, node: str) -> str:
        root = self.parent.setdefault(node, node)
        while root != self.parent[root]:
            root = self.parent[root]
        while node != root:
            self.parent[node], node = root, self.parent[node]
        return root

    def join(self, first: str, second: str) -> None:
        if not first or not second:
            return
        a, b = self.find(first), self.find(second)
        if a == b:
            return
        size_a, size_b = self.size.get(a, 1), self.size.get(b, 1)
        if size_a + size_b > _MAX_CONCEPT_SIZE:
            return
        if size_a < size_b:
            a, b = b, a
        self.parent[b] = a
        self.size[a] = size_a + size_b

    def index(self) -> ConceptIndex:
        members: dict[str, list[str]] = {}
        for node in self.parent:
            members.setdefault(self.find(node), []).append(node)
        representative: dict[str, str] = {}
        weight: dict[str, int] = {}
        for nodes in members.values():
            hub = min(nodes, key=self._hub_order)
            representative.update((node, hub) for node in nodes if node != hub)
            weight[hub] = sum(len(self.spellings.get(node, ())) for node in nodes)
        spellings = MappingProxyType(self.best_spellings())
        return ConceptIndex(MappingProxyType(representative), spellings, MappingProxyType(weight))

    def _hub_order(self, node: str) -> tuple[int, int, str]:
        return -self.first_renderings.get(node, 0), len(node), node


def _pairs_into(concepts: _Concepts, part: NamePart, normalise: Callable[[str], str]) -> None:
    for uk, renderings in uk_to_ru(part).items():
        uk_skeleton = concepts.add(name_skeleton(uk, normalise), uk)
        for rank, ru in enumerate(renderings):
            ru_skeleton = uk_skeleton if ru == uk else name_skeleton(ru, normalise)
            concepts.add(ru_skeleton, ru, weight=int(rank == 0))
            concepts.join(uk_skeleton, ru_skeleton)
            if rank == 0:
                counts = concepts.first_renderings
                counts[ru_skeleton] = counts.get(ru_skeleton, 0) + 1


def _encoded(index: ConceptIndex) -> tuple[dict[str, str], dict[str, str], dict[str, int]]:
    return dict(index.representative), dict(index.spelling), dict(index.weight)


def _decoded(data: tuple[dict[str, str], dict[str, str], dict[str, int]]) -> ConceptIndex:
    representative, spelling, weight = data
    return ConceptIndex(
        MappingProxyType(representative), MappingProxyType(spelling), MappingProxyType(weight)
    )


@cache
def given_name_concepts() -> ConceptIndex:
    return kept("given_name_concepts", _given_name_concepts, _encoded, _decoded)


def _given_name_concepts() -> ConceptIndex:
    concepts = _Concepts()
    _pairs_into(concepts, NamePart.GIVEN, str)
    for uk, ru in FOLK_GIVEN_NAMES:
        uk_key, ru_key = dictionary_key(uk), dictionary_key(ru)
        uk_skeleton = concepts.add(name_skeleton(uk_key), uk_key)
        concepts.join(uk_skeleton, concepts.add(name_skeleton(ru_key), ru_key))
    # і/о alternation: the nominative Прокіп, Тихін, Федір is also written Прокоп, Тихон, Федор.
    for uk in uk_to_ru(NamePart.GIVEN):
        alternated = name_skeleton(CLOSED_SYLLABLE_I.sub("о", uk))
        if CLOSED_SYLLABLE_I.search(uk) and alternated in concepts.spellings:
            concepts.join(name_skeleton(uk), alternated)
    for western, uk in WESTERN_GIVEN_NAMES:
        uk_key = dictionary_key(uk)
        western_skeleton = concepts.add(word_skeletons(western)[0], uk_key)
        concepts.join(concepts.add(name_skeleton(uk_key), uk_key), western_skeleton)
    return concepts.index()


@cache
def surname_concepts() -> ConceptIndex:
    return kept("surname_concepts", _surname_concepts, _encoded, _decoded)


def _surname_concepts() -> ConceptIndex:
    concepts = _Concepts()
    _pairs_into(concepts, NamePart.SURNAME, fold_gender)
    return concepts.index()


def concepts_for(part: NamePart) -> ConceptIndex:
    if part is NamePart.SURNAME:
        return surname_concepts()
    return given_name_concepts()
