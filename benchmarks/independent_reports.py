"""One report of the independent population: what one kind of source writes about a person.

A relative writes in Ukrainian (sometimes in Russian) with the full name, the birth date and the
unit; the captor's lists use Russian forms, surnames in capitals, often the whole name in one
column and 01.01 for an unknown birthday; ICRC lists are in Latin letters of one of six
traditions; the media give a name, an age, a hometown and a brigade; a fellow prisoner's
testimony gives a name as heard (often a diminutive), an age guessed to a few years and a place.
"""

from __future__ import annotations

import random
from datetime import date
from typing import TYPE_CHECKING

from independent_spellings import (
    english_ending,
    heard,
    latin,
    lookalikes,
    misread,
    russian_form,
    typo,
    ukrainian_form,
)

if TYPE_CHECKING:
    from independent_population import Person

REPORT_FIELDS = (
    "surname", "given_name", "patronymic", "sex", "birth_date", "birth_place", "unit",
    "missing_date", "missing_place", "service_number", "tax_number",
)  # fmt: skip

_MONTHS_UK = ("січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня",
              "вересня", "жовтня", "листопада", "грудня")  # fmt: skip
_SEX_WORDS = {"M": ("ч", "чол.", "чоловіча", "M", "муж.", "male"), "F": ("ж", "жін.", "F", "жен.")}
_TRADITIONS_OWN = (("kmu", 40), ("icao", 20), ("german", 10), ("polish", 10), ("french", 10),
                   ("english", 10))  # fmt: skip
_TRADITIONS_ADVERSARY = (("icao", 40), ("english", 25), ("german", 12), ("french", 12),
                         ("polish", 11))  # fmt: skip


class Writer:
    """The fields of one report as they are being written, and the noise labels."""

    def __init__(self, rnd: random.Random, person: Person, source: str) -> None:
        self.rnd, self.person, self.source = rnd, person, source
        self.fields = dict.fromkeys(REPORT_FIELDS, "")
        self.noise: list[str] = []

    def chance(self, probability: float, label: str = "") -> bool:
        hit = self.rnd.random() < probability
        if hit and label:
            self.noise.append(label)
        return hit

    # names ------------------------------------------------------------------------------------

    def names(self, language: str, *, patronymic: float, diminutive: float = 0.0) -> None:
        """Surname, given name and patronymic in `language` (uk, ru or a Latin tradition)."""
        person, rnd = self.person, self.rnd
        russian = language != "uk" and (person.side == "adversary" or language == "ru")
        surname = person.surname
        if person.side == "own" and language != "uk" and (language == "ru" or rnd.random() < 0.3):
            surname = russian_form(surname)
        elif person.side == "adversary" and language == "uk":
            surname = ukrainian_form(surname)
        given = person.given.ru if russian or (language != "uk" and rnd.random() < 0.3) else (
            person.given.uk)  # fmt: skip
        if person.given.diminutives and self.chance(diminutive, "diminutive"):
            given = rnd.choice(person.given.diminutives)
            if russian:
                given = russian_form(given) if person.side == "own" else given
        forms = person.father.patronymic_ru if russian else person.father.patronymic_uk
        father = forms[0 if person.sex == "M" else 1] if rnd.random() < patronymic else ""
        if father == "-":
            father = ""
        parts = [surname, given, father]
        if language not in ("uk", "ru"):
            parts = [english_ending(latin(part, language, russian=russian), rnd)
                     if language == "english" else latin(part, language, russian=russian)
                     for part in parts]  # fmt: skip
            self.noise.append(f"latin:{language}")
        elif language == "ru" and person.side == "own":
            self.noise.append("russian_form")
        self.fields["surname"], self.fields["given_name"], self.fields["patronymic"] = parts

    def slips(self, *, surname: float, given: float, lookalike: float, ocr: float = 0.0) -> None:
        fields, rnd = self.fields, self.rnd
        if self.chance(surname, "typo_surname"):
            fields["surname"] = typo(fields["surname"], rnd)
        if fields["given_name"] and self.chance(given, "typo_given"):
            fields["given_name"] = typo(fields["given_name"], rnd)
        if self.chance(lookalike, "lookalikes"):
            name = rnd.choice(("surname", "given_name", "surname"))
            fields[name] = lookalikes(fields[name], rnd)
        if self.chance(ocr, "misread"):
            fields["surname"] = misread(fields["surname"], rnd)

    def layout(
        self, *, caps: float, swapped: float, one_column: float, western: float = 0.0
    ) -> None:
        """Capitals, swapped columns (sometimes with a slip in one), a full name in one column."""
        fields, rnd = self.fields, self.rnd
        if self.chance(caps, "caps_surname"):
            fields["surname"] = fields["surname"].upper()
        if fields["given_name"] and self.chance(swapped, "swapped"):
            fields["surname"], fields["given_name"] = fields["given_name"], fields["surname"]
            if self.chance(0.35, "swapped_with_typo"):
                name = rnd.choice(("surname", "given_name"))
                fields[name] = typo(fields[name], rnd)
        elif fields["given_name"] and self.chance(one_column, "full_name_one_column"):
            parts = [fields["surname"], fields["given_name"], fields["patronymic"]]
            if self.chance(western, "given_name_first"):
                parts = [parts[1], parts[0]]
            fields["surname"] = " ".join(part for part in parts if part)
            fields["given_name"] = fields["patronymic"] = ""

    # dates, places, units -----------------------------------------------------------------------

    def birth(self, styles: tuple[tuple[str, float], ...]) -> None:
        style = self.rnd.choices(*zip(*styles, strict=True))[0]
        if style != "dmy":
            self.noise.append(f"birth:{style}")
        self.fields["birth_date"] = self.written_birth(style)

    def written_birth(self, style: str) -> str:
        birth, rnd = self.person.birth, self.rnd
        if style == "none":
            return ""
        if style == "age":  # an age guessed by someone who saw him, in the year he saw him
            seen = rnd.randrange(2022, 2026)
            age = seen - birth.year + round(rnd.gauss(0, 2.2))
            return str(seen - age)
        if style == "year":
            return str(birth.year)
        if style == "placeholder":
            return f"01.01.{birth.year}"
        if style == "swap" and birth.day <= 12 and birth.day != birth.month:
            return f"{birth.month:02d}.{birth.day:02d}.{birth.year}"
        if style == "year_slip":
            year = str(birth.year)
            slipped = year[:2] + (
                year[3] + year[2]
                if rnd.random() < 0.5
                else year[2] + str((int(year[3]) + rnd.choice((1, 9))) % 10)
            )
            return f"{birth.day:02d}.{birth.month:02d}.{slipped}"
        if style == "day_slip":
            day = min(max(birth.day + rnd.choice((-10, -1, 1, 10)), 1), 28)
            return f"{day:02d}.{birth.month:02d}.{birth.year}"
        return self.written_date(birth, style)

    def written_date(self, day: date, style: str) -> str:
        if style == "iso":
            return day.isoformat()
        if style == "slash":
            return f"{day.day:02d}/{day.month:02d}/{day.year}"
        if style == "us":
            return f"{day.month:02d}/{day.day:02d}/{day.year}" if day.day > 12 else day.isoformat()
        if style == "short":
            return f"{day.day}.{day.month}.{day.year % 100:02d}"
        if style == "words":
            return f"{day.day} {_MONTHS_UK[day.month - 1]} {day.year} р."
        return f"{day.day:02d}.{day.month:02d}.{day.year}"

    def place(self, language: str, *, with_kind: float = 0.6) -> str:
        uk, ru, region = self.person.birth_place
        if language not in ("uk", "ru"):
            return latin(uk if self.person.side == "own" else ru, language,
                         russian=self.person.side != "own")  # fmt: skip
        name = uk if language == "uk" else ru
        if not self.chance(with_kind):
            return name
        kind = ("с." if region else "м.") if language == "uk" else ("с." if region else "г.")
        text = f"{kind} {name}"
        if region and self.chance(0.5):
            area = region if language == "uk" else russian_form(region)
            text += f", {area} обл."
        return text

    def unit(self, *, named: float) -> str:
        person, rnd = self.person, self.rnd
        if person.unit is None:
            return ""
        if person.brigade and self.chance(named, "unit_named"):
            return rnd.choice(
                (
                    f"{person.brigade} ОМБр",
                    f"{person.brigade}-а окрема механізована бригада",
                    f"{person.brigade} бригада",
                    f"{person.brigade} ОБр",
                )
            )
        code = person.unit
        forms = (f"в/ч {code}", code, f"військова частина {code}", f"{code[0]}-{code[1:]}",
                 f"в/ч {code}", f"ВЧ {code}")  # fmt: skip
        return rnd.choice(forms)

    def missing(self, language: str, *, date_share: float, place_share: float) -> None:
        person, rnd = self.person, self.rnd
        if self.chance(date_share):
            day = person.missing
            if self.chance(0.15, "missing_date_approximate"):
                day = date.fromordinal(day.toordinal() + rnd.randrange(-5, 6))
            style = rnd.choices(("dmy", "iso", "short", "words"), (75, 10, 10, 5))[0]
            self.fields["missing_date"] = self.written_date(day, style)
        if self.chance(place_share):
            uk, ru = person.missing_place
            if language in ("uk", "ru"):
                self.fields["missing_place"] = uk if language == "uk" else ru
            else:
                self.fields["missing_place"] = latin(uk, language)

    def numbers(self, *, service: float, tax: float) -> None:
        for name, share in (("service_number", service), ("tax_number", tax)):
            value = getattr(self.person, name)
            if value and self.chance(share):
                if self.chance(0.02, f"{name}_typo"):
                    i = self.rnd.randrange(len(value))
                    value = (
                        value[:i]
                        + str((int(value[i]) + 1) % 10 if value[i].isdigit() else 7)
                        + value[i + 1 :]
                    )
                self.fields[name] = value

    def sex(self, share: float) -> None:
        if self.chance(share):
            self.fields["sex"] = self.rnd.choice(_SEX_WORDS[self.person.sex])


def write_report(
    rnd: random.Random, person: Person, source: str
) -> tuple[dict[str, str], list[str]]:
    writer = Writer(rnd, person, source)
    {"relative": _relative, "captor_list": _captor_list, "icrc_list": _icrc_list,
     "media": _media, "testimony": _testimony}[source](writer)  # fmt: skip
    return writer.fields, writer.noise


_BIRTH_RELATIVE = (("dmy", 72), ("words", 4), ("short", 4), ("iso", 3), ("swap", 3),
                   ("year_slip", 2), ("day_slip", 2), ("year", 3), ("none", 7))  # fmt: skip


def _relative(w: Writer) -> None:
    own = w.person.side == "own"
    language = ("uk" if w.rnd.random() < 0.85 else "ru") if own else "ru"
    w.names(language, patronymic=0.9, diminutive=0.02)
    w.slips(surname=0.05, given=0.03, lookalike=0.05)
    w.layout(caps=0.1, swapped=0.02, one_column=0.02)
    w.sex(0.4)
    w.birth(_BIRTH_RELATIVE)
    if w.chance(0.6):
        w.fields["birth_place"] = w.place(language)
    if w.chance(0.65):
        w.fields["unit"] = w.unit(named=0.3)
    w.missing(language, date_share=0.9, place_share=0.85)
    w.numbers(service=0.08, tax=0.4)


def _captor_list(w: Writer) -> None:
    own = w.person.side == "own"
    language = "ru" if own else "uk"  # our custody lists name their prisoners in Ukrainian
    w.names(language, patronymic=0.85)
    w.slips(surname=0.08, given=0.05, lookalike=0.03, ocr=0.04)
    w.layout(caps=0.7, swapped=0.04, one_column=0.25)
    w.birth((("dmy", 55), ("year", 15), ("placeholder", 10), ("swap", 3), ("year_slip", 2),
             ("day_slip", 2), ("none", 13)))  # fmt: skip
    if w.chance(0.3):
        w.fields["birth_place"] = w.place(language)
    if w.chance(0.25):
        w.fields["unit"] = w.unit(named=0.1)
    w.missing(language, date_share=0.6, place_share=0.5)
    w.numbers(service=0.15, tax=0.05)


def _icrc_list(w: Writer) -> None:
    traditions = _TRADITIONS_OWN if w.person.side == "own" else _TRADITIONS_ADVERSARY
    language = w.rnd.choices(*zip(*traditions, strict=True))[0]
    w.names(language, patronymic=0.4)
    w.slips(surname=0.05, given=0.03, lookalike=0.04)
    w.layout(caps=0.5, swapped=0.08, one_column=0.03, western=0.6)
    w.birth((("iso", 40), ("slash", 38), ("us", 5), ("year", 10), ("none", 7)))
    w.sex(0.6)
    if w.chance(0.3):
        w.fields["birth_place"] = w.place(language)
    if w.chance(0.1):
        w.fields["unit"] = w.unit(named=0.0)
    w.missing(language, date_share=0.7, place_share=0.3)
    w.numbers(service=0.2, tax=0.15)


def _media(w: Writer) -> None:
    language = w.rnd.choices(("uk", "ru", "german", "french", "english"), (50, 30, 7, 6, 7))[0]
    w.names(language, patronymic=0.1, diminutive=0.08)
    if w.chance(0.5):
        w.fields["given_name"] = w.fields["patronymic"] = ""
        w.noise.append("surname_only")
    w.slips(surname=0.04, given=0.03, lookalike=0.02)
    if w.chance(0.05, "heard"):
        w.fields["surname"] = heard(w.fields["surname"], w.rnd)
    w.birth((("age", 50), ("dmy", 15), ("none", 35)))
    if w.chance(0.5):
        w.fields["birth_place"] = w.place(language, with_kind=0.2)
    if w.chance(0.4):
        w.fields["unit"] = w.unit(named=0.7)
    w.missing(language, date_share=0.4, place_share=0.6)


def _testimony(w: Writer) -> None:
    language = "uk" if w.rnd.random() < 0.65 else "ru"
    w.names(language, patronymic=0.1, diminutive=0.25)
    if w.chance(0.3, "heard"):
        w.fields["surname"] = heard(w.fields["surname"], w.rnd)
    which = w.rnd.random()
    if which < 0.12:
        w.fields["given_name"] = w.fields["patronymic"] = ""
        w.noise.append("surname_only")
    elif which < 0.18:
        w.fields["surname"] = w.fields["patronymic"] = ""
        w.noise.append("given_name_only")
    w.slips(surname=0.05, given=0.03, lookalike=0.02)
    w.layout(caps=0.05, swapped=0.03, one_column=0.1)
    w.birth((("age", 55), ("none", 45)))
    if w.chance(0.35):
        w.fields["birth_place"] = w.place(language, with_kind=0.1)
    if w.chance(0.25):
        w.fields["missing_place"] = w.person.missing_place[0 if language == "uk" else 1]
    if w.chance(0.25):
        w.fields["unit"] = w.unit(named=0.8)
