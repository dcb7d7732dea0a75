"""Reports: what one source wrote about one person, with the noise of that kind of source.

A relative writes in Ukrainian (sometimes in Russian), with the full name and the unit; the
captor's lists use the Russian forms (Сергей for Сергій), often the surname in capitals, the
birth date often known by year only (01.01.YYYY); ICRC lists are in Latin letters by one of many
conventions; a returnee's testimony carries little more than a name, an approximate age and a
place; media have a spoken name, sometimes misheard. `PROFILES` holds each kind's habits.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from homeward.demo import noise as n
from homeward.demo.fields import BirthPlace, number_text, place_text, rank_text, sex_text, unit_text
from homeward.demo.geo import Place
from homeward.demo.people import Rank
from homeward.demo.profiles import PROFILES, Profile
from homeward.demo.sampling import Uniform, Weighted
from homeward.demo.spellings import LATIN_FOR_ADVERSARY, LATIN_FOR_OWN, latin, takes_russian
from homeward.demo.timeline import Event

FIELD_NAMES = (
    "surname",
    "given_name",
    "patronymic",
    "sex",
    "birth_date",
    "birth_place",
    "unit",
    "missing_date",
    "missing_place",
    "service_number",
    "tax_number",
    "rank",
)


@dataclass(slots=True)  # not frozen: created once per person, internal to the generator
class Subject:
    """The truth about a person, in the forms reports are written from."""

    side: str
    sex: str
    uk: tuple[str, str, str]  # surname, given name, patronymic in Ukrainian
    ru: tuple[str, str, str]  # in Russian (own persons: as Russian records render them)
    masculine: tuple[str, str]  # the masculine surname (uk, ru), which clerks write for women
    surname_variants: tuple[str, ...]  # rarer Russian renderings of the surname
    given_variants: tuple[str, ...]
    english: tuple[str, ...]  # conventional English forms of the given name
    native: tuple[str, str] | None  # a foreigner's (surname, given name) in his own spelling
    birth: date
    birth_place: BirthPlace
    unit: str | None
    rank: Rank | None
    service_number: str | None
    tax_number: str | None
    missing: date | None  # adversary: the day of capture
    missing_place: Place | None  # adversary: the place of capture


def build_report(
    rnd: Uniform, subject: Subject, source_kind: str, received: date
) -> tuple[dict[str, str], tuple[str, ...]]:
    """The raw fields of one report and the labels of the noise in it."""
    profile = PROFILES[source_kind]
    own = subject.side == "own"
    language = (profile.own_language if own else profile.adversary_language).pick(rnd)
    labels: list[str] = []
    names = (
        _latin_names(rnd, subject, profile, labels)
        if language == "latin"
        else _cyrillic_names(rnd, subject, language, profile, labels)
    )
    if rnd() >= profile.patronymic:
        names[2] = ""
    _character_noise(rnd, names, language, profile, labels)
    _layout(rnd, names, profile, labels)
    fields = _other_fields(rnd, subject, language, profile, received, labels)
    fields["surname"], fields["given_name"], fields["patronymic"] = names
    if rnd() < profile.drop:
        _drop_one(rnd, fields, labels)
    return fields, tuple(labels)


def _cyrillic_names(
    rnd: Uniform, subject: Subject, language: str, profile: Profile, labels: list[str]
) -> list[str]:
    female = subject.sex == "F"
    if language == "uk":
        surname, given, patronymic = subject.uk
        if subject.side != "own":
            labels.append("ukrainian_form")
        elif patronymic and rnd() < profile.patronymic_russian:
            patronymic = subject.ru[2]
            labels.append("patronymic_russian")
        if female and rnd() < profile.masculine and subject.masculine[0] != surname:
            surname = subject.masculine[0]
            labels.append("masculine_form")
        return [surname, given, patronymic]
    surname, given, patronymic = subject.ru
    if subject.side == "own":
        labels.append("russian_form")
    if rnd() < profile.variant and (subject.surname_variants or subject.given_variants):
        if subject.surname_variants and (not subject.given_variants or rnd() < 0.5):
            surname = subject.surname_variants[int(rnd() * len(subject.surname_variants))]
        else:
            given = subject.given_variants[int(rnd() * len(subject.given_variants))]
        labels.append("russian_variant")
    if female and rnd() < profile.masculine and subject.masculine[1] != surname:
        surname = subject.masculine[1]
        labels.append("masculine_form")
    if rnd() < profile.yo_e and "ё" in surname + given + patronymic:
        surname, given, patronymic = n.yo_e(surname), n.yo_e(given), n.yo_e(patronymic)
        labels.append("yo_e")
    return [surname, given, patronymic]


def _latin_names(rnd: Uniform, subject: Subject, profile: Profile, labels: list[str]) -> list[str]:
    if subject.native and rnd() < 0.85:
        patronymic = latin(subject.ru[2], "ru:ICAO") if subject.ru[2] else ""
        labels.extend(("latin", "latin:native"))
        return [subject.native[0], subject.native[1], patronymic]
    table = LATIN_FOR_OWN if subject.side == "own" else LATIN_FOR_ADVERSARY
    convention = table.pick(rnd)
    source = subject.ru if takes_russian(convention) else subject.uk
    names = [latin(part, convention) if part else "" for part in source]
    labels.extend(("latin", f"latin:{convention}"))
    if subject.english and rnd() < profile.english:
        names[1] = subject.english[int(rnd() * len(subject.english))]
        labels.append("english_form")
    return names


def _character_noise(
    rnd: Uniform, names: list[str], language: str, profile: Profile, labels: list[str]
) -> None:
    cyrillic = language != "latin"
    if rnd() < profile.typo:
        i = _some_field(rnd, names)
        names[i] = n.typo(rnd, names[i])
        labels.append("typo")
    if cyrillic and rnd() < profile.homoglyph:
        i = _some_field(rnd, names)
        names[i] = n.homoglyph(rnd, names[i])
        labels.append("homoglyph")
    if cyrillic and rnd() < profile.mishear:
        i = 0 if rnd() < 0.6 or not names[1] else 1
        names[i] = n.mishear(rnd, names[i])
        labels.append("mishearing")
    if rnd() < profile.apostrophe and "ʼ" in "".join(names):
        variant = n.APOSTROPHE_VARIANTS[int(rnd() * len(n.APOSTROPHE_VARIANTS))]
        names[:] = [name.replace("ʼ", variant) for name in names]
        labels.append("apostrophe")


def _some_field(rnd: Uniform, names: list[str]) -> int:
    u = rnd()
    i = 0 if u < 0.6 else 1 if u < 0.9 else 2
    return i if names[i] else 0


def _layout(rnd: Uniform, names: list[str], profile: Profile, labels: list[str]) -> None:
    if rnd() < profile.partial and names[0] and names[1]:
        names[2] = ""
        names[0 if rnd() < 0.4 else 1] = ""
        labels.append("missing_fields")
    if rnd() < profile.all_caps:
        names[:] = [name.upper() for name in names]
        labels.append("all_caps")
    elif rnd() < profile.caps_surname:
        names[0] = names[0].upper()
        labels.append("caps_surname")
    if rnd() < profile.initials and names[1]:
        names[1], names[2] = n.initial(names[1]), n.initial(names[2])
        labels.append("initials")
    if rnd() < profile.full_name and names[0] and names[1]:
        names[:] = [" ".join(name for name in names if name), "", ""]
        labels.append("full_name_in_surname")
    elif rnd() < profile.swapped and names[0] and names[1]:
        names[0], names[1] = names[1], names[0]
        labels.append("swapped_columns")
    if rnd() < profile.whitespace:
        i = _some_field(rnd, names)
        names[i] = n.whitespace(rnd, names[i])
        labels.append("whitespace")


def _other_fields(
    rnd: Uniform,
    subject: Subject,
    language: str,
    profile: Profile,
    received: date,
    labels: list[str],
) -> dict[str, str]:
    sex = birth_place = unit = missing_date = missing_place = service = tax = rank = ""
    if profile.sex and rnd() < profile.sex:
        sex = sex_text(rnd, language, subject.sex)
    if profile.birth_place and rnd() < profile.birth_place:
        birth_place = place_text(rnd, subject.birth_place, language)
    if subject.unit and rnd() < profile.unit:
        unit, label = unit_text(rnd, subject.unit, language)
        _label(labels, label)
    if subject.missing and profile.missing_date and rnd() < profile.missing_date:
        style = profile.missing_styles.pick(rnd)
        missing_date = _written(rnd, subject.missing, style, language, labels)
    if subject.missing_place and profile.missing_place and rnd() < profile.missing_place:
        missing_place = place_text(rnd, subject.missing_place, language, captor=language == "ru")
    if subject.service_number and rnd() < profile.service_number:
        service, label = number_text(rnd, subject.service_number, language, profile.number_typo)
        _label(labels, label)
    if subject.tax_number and rnd() < profile.tax_number:
        tax, label = number_text(rnd, subject.tax_number, language, profile.number_typo)
        _label(labels, label)
    if subject.rank and rnd() < profile.rank:
        rank = rank_text(subject.rank, language)
    return {
        "surname": "",
        "given_name": "",
        "patronymic": "",
        "sex": sex,
        "birth_date": _birth_date(rnd, subject, language, profile, received, labels),
        "birth_place": birth_place,
        "unit": unit,
        "missing_date": missing_date,
        "missing_place": missing_place,
        "service_number": service,
        "tax_number": tax,
        "rank": rank,
    }


def _label(labels: list[str], label: str) -> None:
    if label and label not in labels:
        labels.append(label)


def _birth_date(
    rnd: Uniform,
    subject: Subject,
    language: str,
    profile: Profile,
    received: date,
    labels: list[str],
) -> str:
    style = profile.birth_styles.pick(rnd)
    if style == "none":
        return ""
    if style == "age":
        # "about 30": the witness's guess, off by a few years either way
        age = (received - subject.birth).days // 365 + int(rnd() * 7) - 3
        labels.append("age_only")
        return str(received.year - age)
    return _written(rnd, subject.birth, style, language, labels)


def _written(rnd: Uniform, day: date, style: str, language: str, labels: list[str]) -> str:
    if style == "text":
        style = {"uk": "text_uk", "ru": "text_ru"}.get(language, "iso")
    if style == "month":
        _label(labels, "date_format")
        return f"{day.month:02d}.{day.year}"
    text = n.written_date(day, style)
    if style != "swap" or text != n.dmy(day):
        _label(labels, n.DATE_STYLE_LABELS[style])
    return text


def _drop_one(rnd: Uniform, fields: dict[str, str], labels: list[str]) -> None:
    present = [
        key
        for key in ("given_name", "patronymic", "birth_date", "birth_place", "unit")
        if fields[key]
    ]
    if present:
        fields[present[int(rnd() * len(present))]] = ""
        labels.append("missing_fields")


_RELATIVES = Weighted(
    [
        ("Coordination HQ hotline", 40),
        ("National Police report", 20),
        ("Ombudsman's office", 15),
        ("Families' association list", 15),
        ("Commissioner for missing persons", 10),
    ]
)
_OWN_MEDIA = Weighted(
    [
        ("captor's Telegram channel", 50),
        ("captor's TV report", 20),
        ("Ukrainian media", 20),
        ("video on YouTube", 10),
    ]
)
_ADVERSARY_MEDIA = Weighted(
    [
        ("interview on a Ukrainian YouTube channel", 60),
        ("Ukrainian TV", 25),
        ("Telegram channel", 15),
    ]
)


def source_name(rnd: Uniform, kind: str, side: str, received: date, event: Event | None) -> str:
    """The name of a report's source, as an intake operator would record it."""
    return _SOURCE_NAMES[kind](rnd, side, received, event)


def _month(received: date) -> str:
    return f"{received.month:02d}.{received.year}"


def _unit_source(rnd: Uniform, side: str, received: date, event: Event | None) -> str:
    if event and event.kind == "remains_identified":
        return "notice of identification (DNA)"
    return "unit report"


_SOURCE_NAMES: dict[str, Callable[[Uniform, str, date, Event | None], str]] = {
    "relative": lambda rnd, side, received, event: (
        _RELATIVES.pick(rnd) if side == "own" else "hotline for relatives of POWs"
    ),
    "captor_list": lambda rnd, side, received, event: (
        f"список сторони-утримувача {_month(received)}"
    ),
    "icrc_list": lambda rnd, side, received, event: (
        f"повідомлення МКЧХ {_month(received)}"
        if side == "own"
        else f"повідомлення до Центрального агентства з розшуку МКЧХ {_month(received)}"
    ),
    "testimony": lambda rnd, side, received, event: (
        f"свідчення: {event.note}" if event else "свідчення повернутого з полону"
    ),
    "media": lambda rnd, side, received, event: (
        _OWN_MEDIA if side == "own" else _ADVERSARY_MEDIA
    ).pick(rnd),
    "exchange_list": lambda rnd, side, received, event: f"список обміну {received:%d.%m.%Y}",
    "capture_card": lambda rnd, side, received, event: (
        f"картка взяття в полон (ЖК III, ст. 70) {received:%d.%m.%Y}"
    ),
    "unit_report": _unit_source,
}
