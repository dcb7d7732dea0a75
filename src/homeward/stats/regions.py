"""The region (oblast) a place of disappearance names, when it names one. Pure.

Sources write places as "с. Іванівка, Донецька обл.", "г. Артёмовск, Донецкая область" or
"Kharkiv oblast"; the oblast is read from the part that says "обл"/"oblast"/"region" (in
Ukrainian, Russian or Latin letters) and named in Ukrainian. Kyiv and Sevastopol are regions of
their own. A place that names no region (a front-line town written alone) is `unknown`, shown as
a category of its own and never dropped.
"""

from __future__ import annotations

import re
from functools import lru_cache

UNKNOWN = "unknown"

# (Ukrainian name, the stems sources spell it with: Ukrainian, Russian, Latin)
_OBLASTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Вінницька", ("вінниц", "винниц", "vinnyts", "vinnits")),
    ("Волинська", ("волин", "волын", "volyn")),
    ("Дніпропетровська", ("дніпропетр", "днепропетр", "dnipropetr", "dnepropetr")),
    ("Донецька", ("донец", "donets", "donetsk")),
    ("Житомирська", ("житомир", "zhytomyr", "zhitomir")),
    ("Закарпатська", ("закарпат", "zakarpat", "transcarpat")),
    ("Запорізька", ("запоріз", "запорож", "zaporiz", "zaporozh")),
    ("Івано-Франківська", ("івано-франк", "ивано-франк", "ivano-frank")),
    ("Київська", ("київськ", "киевск", "kyivsk", "kyiv oblast", "kiev oblast", "kyiv region")),
    ("Кіровоградська", ("кіровоград", "кировоград", "кропивницьк", "kirovohrad", "kirovograd")),
    ("Луганська", ("луган", "luhansk", "lugansk")),
    ("Львівська", ("львів", "львов", "lviv", "lvov")),
    ("Миколаївська", ("миколаїв", "николаев", "mykolaiv", "nikolaev")),
    ("Одеська", ("одес", "odes", "odess")),
    ("Полтавська", ("полтав", "poltav")),
    ("Рівненська", ("рівнен", "ровен", "rivne", "rovno")),
    ("Сумська", ("сумськ", "сумск", "sumy", "sumsk")),
    ("Тернопільська", ("терноп", "ternop")),
    ("Харківська", ("харків", "харьков", "kharkiv", "kharkov")),
    ("Херсонська", ("херсон", "kherson")),
    ("Хмельницька", ("хмельниц", "khmelnyts", "khmelnits")),
    ("Черкаська", ("черкас", "cherkas")),
    ("Чернівецька", ("чернівец", "черновиц", "chernivts", "chernovts")),
    ("Чернігівська", ("чернігів", "чернигов", "chernihiv", "chernigov")),
    ("Автономна Республіка Крим", ("крим", "крым", "crimea", "krym")),
)
_CITIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Київ", ("київ", "киев", "kyiv", "kiev")),
    ("Севастополь", ("севастопол", "sevastopol")),
)
_REGION_WORD = re.compile(r"обл|област|oblast|region|\bр-н\b|республік|республик|крим|крым|crimea")
_SEPARATORS = re.compile(r"[,;()]")


@lru_cache(maxsize=1 << 16)  # places repeat: a register of 100,000 names a few thousand
def region_of(place: str | None) -> str:
    """The oblast's Ukrainian name (e.g. "Донецька обл."), a city of its own, or `unknown`."""
    if not place or not place.strip():
        return UNKNOWN
    parts = [part.strip().lower() for part in _SEPARATORS.split(place) if part.strip()]
    for part in reversed(parts):  # the region comes last: "village, district, oblast"
        if _REGION_WORD.search(part):
            found = _match(part, _OBLASTS)
            if found:
                return found if found.startswith("Автономна") else f"{found} обл."
    for part in parts:
        found = _match(part, _CITIES)
        if found and not _REGION_WORD.search(part):
            return found
    return UNKNOWN


def _match(text: str, table: tuple[tuple[str, tuple[str, ...]], ...]) -> str | None:
    for name, stems in table:
        if any(stem in text for stem in stems):
            return name
    return None
