"""How sources write the fields other than names: sex, places, units, ranks, numbers.

Each writer takes the truth and a language ("uk", "ru", "latin") and returns the raw string, and
the noise label when the form is not the usual one.
"""

from __future__ import annotations

from functools import lru_cache

from homeward.demo.foreign import COUNTRY_NAMES, ukrainian_spelling
from homeward.demo.geo import Place, RussianPlace, place_name
from homeward.demo.noise import digit_typo
from homeward.demo.people import Rank
from homeward.demo.sampling import Uniform, Weighted
from homeward.demo.spellings import latin

BirthPlace = Place | RussianPlace | str  # a Ukrainian place, a Russian one, or a country code

_SEX = {
    ("uk", "M"): ("ч", "чол.", "чоловіча", "ч", "чол."),
    ("uk", "F"): ("ж", "жін.", "жіноча"),
    ("ru", "M"): ("м", "муж.", "мужской", "М"),
    ("ru", "F"): ("ж", "жен.", "женский", "Ж"),
    ("latin", "M"): ("M", "M", "male"),
    ("latin", "F"): ("F", "F", "female"),
}


def sex_text(rnd: Uniform, language: str, sex: str) -> str:
    forms = _SEX[language, sex]
    return forms[int(rnd() * len(forms))]


@lru_cache(maxsize=4096)
def _place_text(place: BirthPlace, language: str, with_region: bool, captor: bool) -> str:
    if isinstance(place, Place):
        if language == "latin":
            return latin(place.uk, "KMU2010")
        return place.written(language, with_oblast=with_region, captor=captor)
    if isinstance(place, RussianPlace):
        if language == "latin":
            return latin(place.city, "ru:ICAO")
        return place.written() if with_region else place.city
    russian, english = COUNTRY_NAMES[place]
    return {"ru": russian, "uk": ukrainian_spelling(russian)}.get(language, english)


def place_text(rnd: Uniform, place: BirthPlace, language: str, *, captor: bool = False) -> str:
    """A place as a source writes it; the captor uses its own names (Артёмовск for Бахмут)."""
    return _place_text(place, language, rnd() < 0.6, captor and rnd() < 0.7)


def canonical_place(place: BirthPlace) -> str:
    if isinstance(place, Place):
        return place_name(place)
    if isinstance(place, RussianPlace):
        return place.written()
    return COUNTRY_NAMES[place][0]


_LATIN_LETTERS = str.maketrans("АВЕКМНОРСТХ", "ABEKMHOPCTX")
_UNIT_FORMS = {
    "uk": Weighted(
        [
            ("в/ч {}", 60),
            ("{}", 15),
            ("військова частина {}", 10),
            ("в/ч {dash}", 5),
            ("ВЧ {}", 5),
            ("в/ч {latin}", 5),
        ]
    ),
    "ru": Weighted([("в/ч {}", 60), ("войсковая часть {}", 15), ("{}", 15), ("в/ч № {}", 10)]),
    "latin": Weighted([("military unit {latin}", 50), ("{latin}", 35), ("MU {latin}", 15)]),
}


def unit_text(rnd: Uniform, code: str, language: str) -> tuple[str, str]:
    """A unit as written, and "unit_form" unless it is the usual "в/ч А0536"."""
    return _unit_text(code, _UNIT_FORMS[language].pick(rnd))


@lru_cache(maxsize=1 << 12)
def _unit_text(code: str, form: str) -> tuple[str, str]:
    if not code[:1].isalnum() or " " in code:
        return code, ""  # a named formation ("ЧВК «Вагнер»") is written as named
    dash = f"{code[0]}-{code[1:]}" if code[0].isalpha() else code
    text = form.format(code, dash=dash, latin=code.translate(_LATIN_LETTERS))
    return text, ("" if form == "в/ч {}" else "unit_form")


def rank_text(rank: Rank, language: str) -> str:
    return rank.uk if language == "uk" else rank.ru if language == "ru" else rank.en


def number_text(rnd: Uniform, number: str, language: str, typo_rate: float) -> tuple[str, str]:
    """A service or tax number, with or without its dash; "digit_typo" when a digit is wrong."""
    u = rnd()
    if "-" in number and u < 0.3:
        number = number.replace("-", "" if u < 0.2 else " ")
    if language == "latin":
        number = latin(number, "KMU2010").upper()
    if rnd() < typo_rate:
        return digit_typo(rnd, number), "digit_typo"
    return number, ""
