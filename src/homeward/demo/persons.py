"""One synthetic person at a time: identity, service, fate, and which sources report on them.

Own persons: mostly servicemen (some women, some civilians), missing where and when the fighting
was. Adversary servicemen: Russians with Russian names, some foreigners, captured where and when
captures happened. `Draft` holds the truth; `population` turns it into the published records.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from homeward.demo.chronology import Fighting
from homeward.demo.contacts import Contact, own_contacts, person_to_inform
from homeward.demo.fields import BirthPlace, canonical_place
from homeward.demo.foreign import FOREIGN_COUNTRIES, foreign_name, ukrainian_spelling
from homeward.demo.geo import (
    BIRTH_CITIES,
    BIRTH_VILLAGES,
    RUSSIAN_CITIES,
    RUSSIAN_REGIONS,
    RUSSIAN_VILLAGE_NAMES,
    RussianPlace,
    place_name,
)
from homeward.demo.grammar import ru_feminine_surname, uk_feminine_surname, uk_patronymics
from homeward.demo.names_pool import NameTables
from homeward.demo.people import (
    ADVERSARY_RANKS,
    ADVERSARY_UNITS,
    OWN_RANKS,
    OWN_UNITS,
    adversary_service,
    adversary_service_number,
    birth_date,
    own_service,
    own_service_number,
    tax_number,
)
from homeward.demo.reports import Subject
from homeward.demo.sampling import Uniform, skewed_days
from homeward.demo.timeline import Event, adversary_events, own_events

Plan = tuple[str, date, Event | None]  # (source kind, received on, the event it carries)


@dataclass(slots=True)
class Draft:
    side: str
    surname: str
    given_name: str
    patronymic: str
    sex: str
    birth_date: date
    birth_place: str
    citizenship: str
    military: bool
    branch: str | None
    unit: str | None
    rank: str | None
    service_number: str | None
    service_type: str | None
    tax_number: str | None
    father_name: str | None
    mother_maiden_name: str | None
    person_to_inform: str | None
    correspondence_address: str | None
    missing_date: date | None
    missing_place: str | None
    subject: Subject
    events: list[Event]
    plans: list[Plan]
    contacts: list[Contact]


@dataclass(frozen=True, slots=True)
class Context:
    tables: NameTables
    own_front: Fighting
    adversary_front: Fighting
    today: date


def own_person(rnd: Uniform, ctx: Context) -> Draft:
    military = rnd() < 0.85
    sex = "F" if rnd() < (0.05 if military else 0.35) else "M"
    tables = ctx.tables
    given, father, surname = (
        tables.given(rnd, "own", sex),
        tables.own_fathers.pick(rnd),
        tables.own_surnames.pick(rnd),
    )
    missing = ctx.own_front.day(rnd)
    place = ctx.own_front.place(rnd, missing)
    ages = (19, 36, 60) if military and sex == "M" else (20, 33, 55) if military else (16, 45, 85)
    birth = birth_date(rnd, missing, *ages)
    home = BIRTH_CITIES.pick(rnd) if rnd() < 0.5 else BIRTH_VILLAGES.pick(rnd)
    female = sex == "F"
    uk = (uk_feminine_surname(surname.uk) if female else surname.uk, given.uk, father.uk[female])
    ru = (
        ru_feminine_surname(surname.ru) if female else surname.ru,
        given.ru,
        father.ru_records[female],
    )
    unit = OWN_UNITS.pick(rnd) if military else None
    rank = OWN_RANKS.pick(rnd) if military else None
    number = own_service_number(rnd) if military else None
    tax = tax_number(rnd, birth, sex) if rnd() < 0.97 else None
    known = rnd() >= 0.02  # a few enquiries say nothing of when and where: no information
    subject = Subject(
        "own",
        sex,
        uk,
        ru,
        (surname.uk, surname.ru),
        surname.ru_variants,
        given.ru_variants,
        given.english,
        None,
        birth,
        home,
        unit.code if unit else None,
        rank,
        number,
        tax,
        missing if known else None,
        place if known else None,
    )
    events = (
        own_events(
            rnd, missing=missing, place=place_name(place), military=military, today=ctx.today
        )
        if known
        else []
    )
    age = (missing - birth).days // 365
    return Draft(
        "own",
        uk[0],
        uk[1],
        uk[2],
        sex,
        birth,
        canonical_place(home),
        "UKR",
        military,
        unit.branch if unit else None,
        unit.code if unit else None,
        rank.uk if rank else None,
        number,
        own_service(rnd, missing) if military else None,
        tax,
        father.father.uk,
        None,
        None,
        None,
        missing if known else None,
        place_name(place) if known else None,
        subject,
        events,
        _own_plans(rnd, events, military, missing, ctx.today),
        own_contacts(
            rnd, tables, surname=surname, given=given, father=father, sex=sex, age=age, home=home
        ),
    )


def _own_plans(
    rnd: Uniform, events: list[Event], military: bool, missing: date, today: date
) -> list[Plan]:
    plans: list[Plan] = [(e.carrier, e.received, e) for e in events if e.carrier]
    first = events[0].carrier if events else None  # only reported_missing may be carried so
    if first != "relative" and (not plans or rnd() < 0.85):
        plans.append(("relative", _later(rnd, missing, today, 1, 14, 200), None))
    if military and first != "unit_report" and rnd() < 0.3:
        plans.append(("unit_report", _later(rnd, missing, today, 3, 20, 90), None))
    if rnd() < 0.15:
        plans.append(("relative", _later(rnd, missing, today, 60, 300, 1200), None))
    plans.sort(key=_received)
    return plans


def _received(plan: Plan) -> date:
    return plan[1]


def _later(rnd: Uniform, since: date, today: date, low: int, typical: int, high: int) -> date:
    return min(since + timedelta(days=skewed_days(rnd, low, typical, high)), today)


def adversary_person(rnd: Uniform, ctx: Context) -> Draft:
    captured = ctx.adversary_front.day(rnd)
    place = ctx.adversary_front.place(rnd, captured)
    service_type, formation = adversary_service(rnd, captured)
    ages = {"conscript": (18, 19, 21), "mobilised": (22, 35, 50), "volunteer": (22, 38, 58)}
    birth = birth_date(rnd, captured, *ages.get(service_type, (19, 31, 58)))
    sex = "F" if rnd() < 0.004 else "M"
    subject, citizenship, father_name, home = _adversary_identity(rnd, ctx.tables, sex, birth)
    unit = formation or ADVERSARY_UNITS.pick(rnd)
    rank = None if formation and rnd() < 0.6 else ADVERSARY_RANKS.pick(rnd)
    number = adversary_service_number(rnd) if rnd() < 0.9 else None
    subject.unit, subject.rank, subject.service_number = unit.code, rank, number
    subject.missing, subject.missing_place = captured, place
    events = adversary_events(rnd, captured=captured, place=place_name(place), today=ctx.today)
    inform = person_to_inform(
        rnd,
        ctx.tables,
        surname=subject.masculine[1],
        father=father_name,
        home=home,
        latin_surname=subject.native[0] if subject.native else None,
    )
    mother = ru_feminine_surname(ctx.tables.adversary_surnames.pick(rnd).ru)
    return Draft(
        "adversary",
        subject.ru[0],
        subject.ru[1],
        subject.ru[2],
        sex,
        birth,
        canonical_place(home),
        citizenship,
        True,
        unit.branch,
        unit.code,
        rank.ru if rank else None,
        number,
        service_type,
        None,
        father_name,
        mother if not subject.native else None,
        f"{inform.name} ({inform.relation})",
        inform.address,
        captured,
        place_name(place),
        subject,
        events,
        _adversary_plans(rnd, events, captured, ctx.today),
        [inform],
    )


def _adversary_identity(
    rnd: Uniform, tables: NameTables, sex: str, birth: date
) -> tuple[Subject, str, str, BirthPlace]:
    """Names and origin: a Russian, or a foreigner from one of many countries."""
    citizenship, group = ("RUS", "russian") if rnd() >= 0.08 else FOREIGN_COUNTRIES.pick(rnd)
    if group != "russian":
        name = foreign_name(rnd, group)
        ru = (name.surname_ru, name.given_ru, name.patronymic_ru)
        uk = (ukrainian_spelling(ru[0]), ukrainian_spelling(ru[1]), ukrainian_spelling(ru[2]))
        subject = Subject(
            "adversary",
            sex,
            uk,
            ru,
            (uk[0], ru[0]),
            (),
            (),
            (),
            (name.surname_latin, name.given_latin),
            birth,
            citizenship,
            None,
            None,
            None,
            None,
            None,
            None,
        )
        return subject, citizenship, name.father_ru, citizenship
    given, father, surname = (
        tables.given(rnd, "adversary", sex),
        tables.adversary_fathers.pick(rnd),
        tables.adversary_surnames.pick(rnd),
    )
    female = sex == "F"
    uk = (
        uk_feminine_surname(surname.uk) if female else surname.uk,
        given.uk,
        uk_patronymics(father.father.uk)[female],
    )
    ru = (ru_feminine_surname(surname.ru) if female else surname.ru, given.ru, father.ru[female])
    home: BirthPlace = _russian_home(rnd) if citizenship == "RUS" else citizenship
    subject = Subject(
        "adversary",
        sex,
        uk,
        ru,
        (surname.uk, surname.ru),
        surname.ru_variants,
        given.ru_variants,
        (),
        None,
        birth,
        home,
        None,
        None,
        None,
        None,
        None,
        None,
    )
    return subject, citizenship, father.father.ru, home


def _russian_home(rnd: Uniform) -> RussianPlace:
    if rnd() < 0.75:
        return RUSSIAN_CITIES.pick(rnd)
    village = RUSSIAN_VILLAGE_NAMES[int(rnd() * len(RUSSIAN_VILLAGE_NAMES))]
    return RussianPlace(village, RUSSIAN_REGIONS[int(rnd() * len(RUSSIAN_REGIONS))], town=False)


def _adversary_plans(rnd: Uniform, events: list[Event], captured: date, today: date) -> list[Plan]:
    plans: list[Plan] = [(e.carrier, e.received, e) for e in events if e.carrier]
    if rnd() < 0.55:
        plans.append(("icrc_list", _later(rnd, captured, today, 7, 14, 40), None))
    if rnd() < 0.3:
        plans.append(("relative", _later(rnd, captured, today, 3, 60, 400), None))
    if rnd() < 0.2:
        plans.append(("media", _later(rnd, captured, today, 1, 7, 60), None))
    plans.sort(key=_received)
    return plans
