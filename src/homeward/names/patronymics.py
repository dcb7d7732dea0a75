"""Patronymics: from a father's given name, by the Ukrainian and the Russian rules.

The rules are those of NAMES-NOTES §5 (Український правопис; Russian usage), with the variants
real records show. A patronymic is keyed by its father's given name and its sex, so
Миколайович, Николаевич, Mykolaiovych and Nikolaevich all say "son of Mykola".
"""

import re
from enum import StrEnum
from typing import Final


class Sex(StrEnum):
    MALE = "m"
    FEMALE = "f"


# Irregular fathers: Ukrainian (male forms, female forms), then Russian.
_UK_IRREGULAR: Final = {
    "микола": (("миколайович", "миколович"), ("миколаївна", "миколівна")),
    "ілля": (("ілліч",), ("іллівна",)),
    "яків": (("якович",), ("яківна",)),
    "григорій": (("григорович", "григорійович"), ("григорівна", "григоріївна")),
}
_RU_IRREGULAR: Final = {
    "илья": (("ильич", "ильевич"), ("ильинична", "ильевна")),
    "яков": (("яковлевич", "якович"), ("яковлевна", "яковна")),
    "лев": (("львович", "левович"), ("львовна", "левовна")),
    "петр": (("петрович",), ("петровна",)),
    "павел": (("павлович",), ("павловна",)),
    "михаил": (("михайлович",), ("михайловна",)),
    "даниил": (("даниилович", "данилович"), ("данииловна", "даниловна")),
    "гавриил": (("гаврилович", "гавриилович"), ("гавриловна", "гаврииловна")),
}
_VOWELS: Final = "аеєиіїоуюяёыэ"
# і/о alternation in a closed last syllable: Федір → Федорович, Тихін → Тихонович.
CLOSED_SYLLABLE_I: Final = re.compile(r"і(?=[^аеєиіїоуюяь]+$)")


def is_irregular(father: str) -> bool:
    """Whether a lower-case given name has patronymics of its own (Микола, Ілля, Яков)."""
    return father in _UK_IRREGULAR or father in _RU_IRREGULAR


def ukrainian_patronymics(father: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(male forms, female forms) of a lower-case Ukrainian given name; the usual form first."""
    if father in _UK_IRREGULAR:
        return _UK_IRREGULAR[father]
    if father.endswith(("а", "я")):  # Микита, Лука, Кузьма, Хома, Сава: -ович and -ич
        stem = father[:-1]
        return (stem + "ович", stem + "ич"), (stem + "івна",)
    if father.endswith("о"):  # Петро, Павло, Михайло
        stem = father[:-1]
        return (stem + "ович",), (stem + "івна",)
    if father.endswith("й"):  # Андрій → Андрійович / Андріївна; Мойсей → Мойсеївна
        return (father + "ович",), (father[:-1] + "ївна",)
    if father.endswith("ь"):  # Василь → Васильович / Василівна
        return (father + "ович",), (father[:-1] + "івна",)
    male, female = [father + "ович"], [father + "івна"]
    if CLOSED_SYLLABLE_I.search(father):
        alternated = CLOSED_SYLLABLE_I.sub("о", father)
        male.append(alternated + "ович")
        female.append(alternated + "івна")
    if father.endswith("р"):  # 2019 orthography: Ігорьович, Лазарьович
        male.append(father + "ьович")
    return tuple(male), tuple(female)


def russian_patronymics(father: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(male forms, female forms) of a lower-case Russian given name (ё as е)."""
    if father in _RU_IRREGULAR:
        return _RU_IRREGULAR[father]
    if father.endswith("ий"):  # Юрий → Юрьевич, Дмитрий → Дмитриевич: both occur
        stem = father[:-2]
        return (stem + "ьевич", stem + "иевич"), (stem + "ьевна", stem + "иевна")
    if father.endswith("й") and father[-2:-1] in _VOWELS:  # Андрей, Николай
        stem = father[:-1]
        return (stem + "евич",), (stem + "евна",)
    if father.endswith("ь"):  # Игорь → Игоревич
        stem = father[:-1]
        return (stem + "евич",), (stem + "евна",)
    if father.endswith(("а", "я")):  # Никита, Кузьма, Фома, Лука, Савва
        stem = father[:-1]
        return (stem + "ич", stem + "ович"), (stem + "ична", stem + "инична", stem + "овна")
    if father.endswith("ел"):  # Павел → Павлович (a fleeting е)
        stem = father[:-2] + "л"
        return (stem + "ович", father + "ович"), (stem + "овна", father + "овна")
    return (father + "ович",), (father + "овна",)


# Skeleton endings (see latin.py) of patronymics, longest first, and the sex they tell.
_SKELETON_SUFFIXES: Final = (
    ("inichna", Sex.FEMALE), ("ichna", Sex.FEMALE), ("ovna", Sex.FEMALE),
    ("evna", Sex.FEMALE), ("ivna", Sex.FEMALE), ("vna", Sex.FEMALE),
    ("ovich", Sex.MALE), ("evich", Sex.MALE), ("ich", Sex.MALE),
)  # fmt: skip


def split_skeleton(skeleton: str) -> tuple[str, Sex] | None:
    """(stem, sex) of a patronymic skeleton, or None if it has no patronymic ending."""
    for suffix, sex in _SKELETON_SUFFIXES:
        if skeleton.endswith(suffix) and len(skeleton) > len(suffix) + 1:
            return skeleton[: -len(suffix)], sex
    return None


def sex_of_patronymic(lower: str) -> Sex | None:
    """The sex a Cyrillic or Latin patronymic tells by its ending, if it tells."""
    if lower.endswith(("на", "na")):
        return Sex.FEMALE
    if lower.endswith(("ич", "ich", "ych", "itch", "itsch", "icz", "ič", "yč")):
        return Sex.MALE
    return None
