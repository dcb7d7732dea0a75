"""Patronymics and feminine surnames by the rules of Ukrainian and Russian grammar.

The rules and their exceptions are those of the project's name notes (NAMES-NOTES.md §5, and
"Surname gender" in §6). Pure functions.
"""

from __future__ import annotations

from functools import lru_cache

_UK_IRREGULAR = {
    "Микола": ("Миколайович", "Миколаївна"),
    "Григорій": ("Григорович", "Григорівна"),
    "Яків": ("Якович", "Яківна"),
    "Ілля": ("Ілліч", "Іллівна"),
    "Лука": ("Лукич", "Луківна"),
    "Кузьма": ("Кузьмич", "Кузьмівна"),
    "Хома": ("Хомич", "Хомівна"),
    "Сава": ("Савич", "Савівна"),
    "Федір": ("Федорович", "Федорівна"),
    "Тихін": ("Тихонович", "Тихонівна"),
    "Прокіп": ("Прокопович", "Прокопівна"),
    "Ничипір": ("Ничипорович", "Ничипорівна"),
    "Лев": ("Левович", "Левівна"),
}

_RU_IRREGULAR = {
    "Илья": ("Ильич", "Ильинична"),
    "Кузьма": ("Кузьмич", "Кузьминична"),
    "Фома": ("Фомич", "Фоминична"),
    "Лука": ("Лукич", "Лукинична"),
    "Никита": ("Никитич", "Никитична"),
    "Савва": ("Саввич", "Саввична"),
    "Яков": ("Яковлевич", "Яковлевна"),
    "Лев": ("Львович", "Львовна"),
    "Павел": ("Павлович", "Павловна"),
    "Пётр": ("Петрович", "Петровна"),
    "Петр": ("Петрович", "Петровна"),
    "Михаил": ("Михайлович", "Михайловна"),
    "Даниил": ("Даниилович", "Данииловна"),
    "Гавриил": ("Гаврилович", "Гавриловна"),
}

_RU_VOWELS = set("аеёиоуыэюя")


def uk_patronymics(father: str) -> tuple[str, str]:
    """The Ukrainian (masculine, feminine) patronymics from a father's name."""
    if father in _UK_IRREGULAR:
        return _UK_IRREGULAR[father]
    last = father[-1]
    if last == "й":
        return father + "ович", father[:-1] + "ївна"
    if last == "ь":
        return father + "ович", father[:-1] + "івна"
    if last in "оа":
        return father[:-1] + "ович", father[:-1] + "івна"
    return father + "ович", father + "івна"


def ru_patronymics(father: str) -> tuple[str, str]:
    """The Russian (masculine, feminine) patronymics from a father's name."""
    if father in _RU_IRREGULAR:
        return _RU_IRREGULAR[father]
    if father.endswith("ий"):
        stem = father[:-2]
        # Юрий → Юрьевич, but Дмитрий → Дмитриевич: two consonants keep the и
        soft = "ь" if len(stem) > 1 and stem[-2].lower() in _RU_VOWELS else "и"
        return stem + soft + "евич", stem + soft + "евна"
    if father[-1] in "йь":
        return father[:-1] + "евич", father[:-1] + "евна"
    if father[-1] in "ая":
        return father[:-1] + "ич", father[:-1] + "ична"
    return father + "ович", father + "овна"


@lru_cache(maxsize=1 << 16)
def uk_feminine_surname(surname: str) -> str:
    """Ковальський → Ковальська, Іванов → Іванова, Білий → Біла; Шевченко and Мельник stay."""
    for male, female in (("ський", "ська"), ("цький", "цька"), ("зький", "зька"), ("ий", "а")):
        if surname.endswith(male):
            return surname[: -len(male)] + female
    if surname.endswith(("ов", "ев", "єв", "ьов", "йов", "ін", "їн")):
        return surname + "а"
    return surname


@lru_cache(maxsize=1 << 16)
def ru_feminine_surname(surname: str) -> str:
    """Ковальский → Ковальская, Королёв → Королёва, Толстой → Толстая; Черных stays."""
    for male, female in (
        ("ский", "ская"),
        ("цкий", "цкая"),
        ("ой", "ая"),
        ("ый", "ая"),
        ("ий", "ая"),
    ):
        if surname.endswith(male):
            return surname[: -len(male)] + female
    if surname.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return surname + "а"
    return surname
