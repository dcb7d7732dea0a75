"""The name dictionaries of `names-translator`, read once, in both directions.

names-translator 2.1 (MIT, github.com/dchaplinsky/names-translator) ships Ukrainian → Russian
dictionaries compiled from real records: ~11k given names, ~17k patronymics and the ~120k most
common surnames, each with up to five Russian renderings ranked by frequency. Homeward reads each
pool once, on first use, and adds the Russian → Ukrainian direction, which the package lacks.
"""

from collections.abc import Mapping
from functools import cache
from types import MappingProxyType
from typing import Final

from names_translator.dicts import NameDicts

from homeward.names.model import NamePart
from homeward.names.prebuilt import as_is, kept

_POOLS: Final = {
    NamePart.GIVEN: "first",
    NamePart.PATRONYMIC: "patronymic",
    NamePart.SURNAME: "last",
}
_KEY_FOLD: Final = str.maketrans({"ё": "е", "\u02bc": "'", "\u2019": "'", "`": "'", "´": "'"})

Pairs = Mapping[str, tuple[str, ...]]


def dictionary_key(word: str) -> str:
    """The form dictionary keys take: lower case, ё as е, the plain apostrophe."""
    return word.lower().translate(_KEY_FOLD)


@cache
def uk_to_ru(part: NamePart) -> Pairs:
    """Ukrainian name (dictionary key) → its Russian renderings, most frequent first."""
    return MappingProxyType(kept(f"uk_to_ru.{part.value}", lambda: _uk_to_ru(part), as_is, as_is))


def _uk_to_ru(part: NamePart) -> dict[str, tuple[str, ...]]:
    # A private reader: names-translator memoises whole pools, and this copy is the only one
    # Homeward needs to keep.
    raw: dict[str, list[str]] = NameDicts().as_dict(_POOLS[part])
    table: dict[str, tuple[str, ...]] = {}
    for uk, renderings in raw.items():
        key = dictionary_key(uk)
        known = table.get(key, ())
        table[key] = tuple(dict.fromkeys((*known, *(dictionary_key(ru) for ru in renderings))))
    return table


@cache
def ru_to_uk(part: NamePart) -> Pairs:
    """Russian name (dictionary key) → the Ukrainian names it renders, likeliest first.

    Likeliest: those it is the first rendering of, then those with more renderings (the pools
    keep up to five per name, and a frequent name has more than a misspelling of it has).
    """
    ranked: dict[str, list[tuple[int, int, str]]] = {}
    for uk, renderings in uk_to_ru(part).items():
        for rank, ru in enumerate(renderings):
            ranked.setdefault(ru, []).append((rank, -len(renderings), uk))
    return MappingProxyType(
        {ru: tuple(uk for *_, uk in sorted(pairs)) for ru, pairs in ranked.items()}
    )


@cache
def curated_ukrainian_names() -> frozenset[str]:
    """The Ukrainian names of names-translator's older, hand-made ua2ru dictionary (~19k).

    The validated pools are drawn from real records and hold their misspellings too (Глєб,
    Раіса); a name this dictionary also lists is more likely the standard spelling.
    """
    return kept(
        "curated_ukrainian_names",
        lambda: frozenset(dictionary_key(uk) for uk in NameDicts().as_dict("legacy")),
        as_is,
        frozenset,
    )
