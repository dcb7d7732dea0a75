"""The habits of each kind of source: language, what it carries, and how noisy it is.

Probabilities per report. The figures are judgement, shaped by what the project's notes say of
real lists (NAMES-NOTES.md §6): captor's lists with the surname in capitals and 01.01.YYYY for
an unknown birthday, ICRC lists in Latin with ISO dates, relatives typing on whatever keyboard
they have (Latin і, every apostrophe), testimonies with a name and an age.
"""

from __future__ import annotations

from dataclasses import dataclass

from homeward.demo.sampling import Weighted


@dataclass(frozen=True, slots=True)
class Profile:
    own_language: Weighted[str]  # uk | ru | latin
    adversary_language: Weighted[str]
    birth_styles: Weighted[str]  # a style of noise.written_date, "text", "age" or "none"
    missing_styles: Weighted[str]
    patronymic: float  # the probability that the patronymic is given at all
    sex: float = 0.0  # the probabilities that each other field is given
    birth_place: float = 0.0
    unit: float = 0.0
    missing_date: float = 0.0
    missing_place: float = 0.0
    service_number: float = 0.0
    tax_number: float = 0.0
    rank: float = 0.0
    typo: float = 0.05  # and of each kind of noise
    homoglyph: float = 0.0
    apostrophe: float = 0.5
    mishear: float = 0.0
    caps_surname: float = 0.0
    all_caps: float = 0.0
    full_name: float = 0.0
    swapped: float = 0.0
    initials: float = 0.0
    whitespace: float = 0.03
    drop: float = 0.03
    partial: float = 0.0
    variant: float = 0.0
    yo_e: float = 0.4
    english: float = 0.0
    masculine: float = 0.0
    patronymic_russian: float = 0.0
    number_typo: float = 0.02


def _w(text: str) -> Weighted[str]:
    pairs = (item.split(":") for item in text.split())
    return Weighted((key, float(weight)) for key, weight in pairs)


_UK = _w("uk:1")
_RU = _w("ru:1")
_LATIN = _w("latin:1")
_USUAL_MISSING = _w("dmy:75 month:8 iso:4 text:4 swap:4 short:5")

PROFILES: dict[str, Profile] = {
    "relative": Profile(
        own_language=_w("uk:88 ru:12"),
        adversary_language=_RU,
        birth_styles=_w(
            "dmy:68 text:5 short:4 iso:3 slash:4 swap:4 year:3 placeholder_0101:2 "
            "placeholder_0000:1 none:6"
        ),
        missing_styles=_USUAL_MISSING,
        patronymic=0.9,
        sex=0.5,
        birth_place=0.7,
        unit=0.6,
        missing_date=0.92,
        missing_place=0.85,
        service_number=0.15,
        tax_number=0.5,
        rank=0.45,
        typo=0.06,
        homoglyph=0.06,
        apostrophe=0.6,
        caps_surname=0.12,
        all_caps=0.03,
        full_name=0.03,
        swapped=0.03,
        whitespace=0.05,
        drop=0.06,
        variant=0.05,
        yo_e=0.5,
        masculine=0.05,
        patronymic_russian=0.05,
    ),
    "unit_report": Profile(
        own_language=_UK,
        adversary_language=_UK,
        birth_styles=_w("dmy:90 iso:3 swap:2 placeholder_0101:2 short:3"),
        missing_styles=_w("dmy:90 iso:4 short:6"),
        patronymic=0.98,
        sex=0.3,
        birth_place=0.6,
        unit=1.0,
        missing_date=1.0,
        missing_place=0.95,
        service_number=0.8,
        tax_number=0.7,
        rank=0.95,
        typo=0.03,
        homoglyph=0.08,
        caps_surname=0.7,
        all_caps=0.1,
        full_name=0.1,
        swapped=0.01,
        initials=0.04,
        drop=0.03,
    ),
    "captor_list": Profile(
        own_language=_w("ru:95 uk:5"),
        adversary_language=_RU,
        birth_styles=_w(
            "dmy:55 year:12 placeholder_0101:10 placeholder_0000:4 text:3 swap:5 "
            "short:3 iso:3 none:5"
        ),
        missing_styles=_USUAL_MISSING,
        patronymic=0.85,
        sex=0.2,
        birth_place=0.4,
        unit=0.3,
        missing_date=0.3,
        missing_place=0.3,
        service_number=0.15,
        tax_number=0.02,
        rank=0.35,
        typo=0.08,
        homoglyph=0.04,
        apostrophe=0.3,
        caps_surname=0.5,
        all_caps=0.2,
        full_name=0.2,
        swapped=0.05,
        whitespace=0.05,
        drop=0.06,
        variant=0.15,
        yo_e=0.3,
        masculine=0.25,
    ),
    "icrc_list": Profile(
        own_language=_LATIN,
        adversary_language=_LATIN,
        birth_styles=_w("iso:35 slash:20 dmy:25 placeholder_0101:6 year:5 swap:5 none:4"),
        missing_styles=_w("iso:60 slash:20 dmy:20"),
        patronymic=0.25,
        sex=0.6,
        birth_place=0.4,
        unit=0.1,
        missing_date=0.05,
        missing_place=0.05,
        service_number=0.1,
        rank=0.3,
        typo=0.04,
        caps_surname=0.55,
        all_caps=0.35,
        full_name=0.2,
        swapped=0.04,
        drop=0.04,
        english=0.12,
    ),
    "testimony": Profile(
        own_language=_w("uk:75 ru:25"),
        adversary_language=_RU,
        birth_styles=_w("age:45 none:55"),
        missing_styles=_USUAL_MISSING,
        patronymic=0.08,
        birth_place=0.3,
        unit=0.25,
        missing_place=0.1,
        rank=0.15,
        typo=0.12,
        homoglyph=0.02,
        mishear=0.15,
        caps_surname=0.05,
        whitespace=0.04,
        drop=0.0,
        partial=0.25,
        variant=0.1,
    ),
    "media": Profile(
        own_language=_w("ru:60 uk:40"),
        adversary_language=_w("uk:60 ru:40"),
        birth_styles=_w("age:35 none:65"),
        missing_styles=_USUAL_MISSING,
        patronymic=0.05,
        birth_place=0.4,
        unit=0.15,
        missing_place=0.2,
        rank=0.1,
        typo=0.05,
        mishear=0.35,
        caps_surname=0.1,
        drop=0.0,
        partial=0.15,
        variant=0.1,
        yo_e=0.6,
    ),
    "exchange_list": Profile(
        own_language=_w("uk:70 ru:30"),
        adversary_language=_w("ru:50 uk:50"),
        birth_styles=_w("dmy:80 iso:5 year:4 placeholder_0101:5 swap:4 short:2"),
        missing_styles=_USUAL_MISSING,
        patronymic=0.95,
        sex=0.1,
        birth_place=0.3,
        unit=0.3,
        service_number=0.1,
        rank=0.5,
        typo=0.05,
        homoglyph=0.05,
        apostrophe=0.4,
        caps_surname=0.5,
        all_caps=0.2,
        full_name=0.15,
        swapped=0.03,
        initials=0.03,
        whitespace=0.04,
        drop=0.04,
        variant=0.08,
        masculine=0.1,
    ),
    "capture_card": Profile(
        own_language=_UK,
        adversary_language=_w("ru:70 uk:30"),
        birth_styles=_w("dmy:85 text:3 iso:3 swap:4 year:2 placeholder_0101:3"),
        missing_styles=_w("dmy:90 iso:4 text:3 short:3"),
        patronymic=0.97,
        sex=0.9,
        birth_place=0.95,
        unit=0.9,
        missing_date=1.0,
        missing_place=1.0,
        service_number=0.85,
        rank=0.97,
        typo=0.05,
        homoglyph=0.06,
        caps_surname=0.4,
        all_caps=0.1,
        full_name=0.05,
        swapped=0.02,
        initials=0.02,
        drop=0.03,
        yo_e=0.6,
    ),
}
