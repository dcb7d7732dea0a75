"""Relatives and the people to inform: names, obviously fake phone numbers, e-mails and addresses.

Phones have a subscriber number starting with 0 (never assigned), e-mails are at example.org or
example.com, postcodes start with 00 or 000 (none exist): realistic in shape, fake by
construction.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from homeward.demo.foreign import COUNTRY_NAMES
from homeward.demo.geo import STREETS_RU, STREETS_UK, Place, RussianPlace, place_name
from homeward.demo.grammar import ru_feminine_surname, uk_feminine_surname, uk_patronymics
from homeward.demo.names_pool import GivenName, NameTables, Patronymic, Surname
from homeward.demo.sampling import Uniform, Weighted
from homeward.demo.spellings import latin


class Contact(NamedTuple):
    name: str
    relation: str
    phone: str
    email: str
    address: str
    consent_contact: bool
    consent_share: bool


_YOUNG_MAN = Weighted([("мати", 60), ("батько", 25), ("сестра", 10), ("брат", 5)])
_MAN = Weighted(
    [("дружина", 50), ("мати", 30), ("батько", 8), ("сестра", 6), ("брат", 3), ("донька", 3)]
)
_WOMAN = Weighted([("чоловік", 35), ("мати", 40), ("батько", 10), ("сестра", 8), ("син", 7)])
_FEMALE_RELATIONS = ("мати", "дружина", "сестра", "донька")
_OPERATORS = ("50", "63", "66", "67", "68", "73", "93", "95", "96", "97", "98", "99")


def _digits(rnd: Uniform, count: int) -> str:
    return f"{int(rnd() * 10**count):0{count}d}"


@lru_cache(maxsize=1 << 12)
def _login(first: str, initial: str, convention: str) -> str:
    """ "liudmyla.k": a given name and a surname's initial, few enough to cache."""
    return f"{latin(first, convention)}.{latin(initial, convention)}".lower()


def own_contacts(
    rnd: Uniform,
    tables: NameTables,
    *,
    surname: Surname,
    given: GivenName,
    father: Patronymic,
    sex: str,
    age: int,
    home: Place,
) -> list[Contact]:
    u = rnd()
    if u < 0.05:
        return []
    relations = _WOMAN if sex == "F" else _YOUNG_MAN if age < 30 else _MAN
    chosen = [relations.pick(rnd)] if u < 0.75 else [relations.pick(rnd), relations.pick(rnd)]
    address = _own_address(rnd, home)
    contacts = []
    for relation in dict.fromkeys(chosen):
        family, first, patronymic = _own_relative(rnd, tables, relation, surname, given, father)
        digits = _digits(rnd, 8)
        email = (
            f"{_login(first, family[:1], 'KMU2010')}{digits[6:]}@example.org" if rnd() < 0.6 else ""
        )
        phone = f"+380 {_OPERATORS[int(rnd() * 12)]} 0{digits[:2]} {digits[2:4]} {digits[4:6]}"
        contacts.append(
            Contact(
                f"{family} {first} {patronymic}",
                relation,
                phone,
                email,
                address,
                rnd() < 0.95,
                rnd() < 0.7,
            )
        )
    return contacts


def _own_relative(
    rnd: Uniform,
    tables: NameTables,
    relation: str,
    surname: Surname,
    given: GivenName,
    father: Patronymic,
) -> tuple[str, str, str]:
    family = surname.uk
    if relation in _FEMALE_RELATIONS:
        if relation == "дружина" and rnd() < 0.15:
            family = tables.own_surnames.pick(rnd).uk
        first = tables.own_female.pick(rnd).uk
        patronymic = (
            father.uk[1]
            if relation == "сестра"
            else uk_patronymics(given.uk)[1]
            if relation == "донька"
            else tables.own_fathers.pick(rnd).uk[1]
        )
        return uk_feminine_surname(family), first, patronymic
    if relation == "батько":
        return family, father.father.uk, tables.own_fathers.pick(rnd).uk[0]
    first = tables.own_male.pick(rnd).uk
    # a son appears only for women here: his patronymic is his father's, not hers
    patronymic = father.uk[0] if relation == "брат" else tables.own_fathers.pick(rnd).uk[0]
    return family, first, patronymic


def _own_address(rnd: Uniform, home: Place) -> str:
    street = STREETS_UK[int(rnd() * len(STREETS_UK))]
    digits = _digits(rnd, 8)
    flat = f", кв. {int(digits[:2]) + 1}" if home.kind == "city" and digits[2] < "6" else ""
    return f"{street}, {int(digits[3:5]) + 1}{flat}, {place_name(home)}, 00{digits[5:]}"


_TO_INFORM = Weighted([("мать", 55), ("жена", 35), ("отец", 5), ("сестра", 5)])


def person_to_inform(
    rnd: Uniform,
    tables: NameTables,
    *,
    surname: str,
    father: str,
    home: Place | RussianPlace | str,
    latin_surname: str | None,
) -> Contact:
    """The adversary serviceman's person to be informed (GC III Art. 17, 70)."""
    relation = _TO_INFORM.pick(rnd)
    if latin_surname is not None:
        name = f"{latin_surname} {latin(tables.adversary_female.pick(rnd).ru, 'ru:ICAO')}"
    elif relation == "отец":
        name = f"{surname} {father} {tables.adversary_fathers.pick(rnd).ru[0]}"
    else:
        family = (
            tables.adversary_surnames.pick(rnd).ru
            if relation == "жена" and rnd() < 0.2
            else surname
        )
        name = (
            f"{ru_feminine_surname(family)} {tables.adversary_female.pick(rnd).ru} "
            f"{tables.adversary_fathers.pick(rnd).ru[1]}"
        )
    if isinstance(home, RussianPlace):
        street = STREETS_RU[int(rnd() * len(STREETS_RU))]
        address = (
            f"Россия, 000{_digits(rnd, 3)}, {home.region}, {home.written().split(',')[0]}, "
            f"{street}, д. {int(rnd() * 90) + 1}, кв. {int(rnd() * 200) + 1}"
        )
        phone = f"+7 9{_digits(rnd, 2)} 0{_digits(rnd, 2)}-{_digits(rnd, 2)}-{_digits(rnd, 2)}"
    else:
        country = COUNTRY_NAMES[home][1] if isinstance(home, str) else "Ukraine"
        address = f"{int(rnd() * 300) + 1} Example Road, {country}"
        phone = ""
    email = (
        f"{latin(name.split()[1], 'ru:ICAO').lower()}{_digits(rnd, 3)}@example.com"
        if rnd() < 0.4
        else ""
    )
    return Contact(name, relation, phone, email, address, rnd() < 0.9, rnd() < 0.2)
