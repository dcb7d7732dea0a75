"""A second synthetic population for the linkage benchmark, built apart from `homeward.demo`.

    .venv/bin/python benchmarks/independent_population.py --persons 20 [--seed 1]   # a sample

The demo population is the one the shipped model was trained on (another seed of it); this one
shares no code with it and is never used to train or tune the model. It is meant to be hard in
the ways real lists are hard:

- names weighted as borne in life: Олександр, Сергій and Андрій are a fifth of the men, a few
  hundred surnames a third of the persons; fathers' names come from an older generation, so
  namesakes with the same patronymic and birth year are frequent;
- brothers (same surname, patronymic and birthplace), twins (the same birth date too), fathers
  and sons; hundreds of persons captured on the same day at the same place from the same unit;
- Latin spellings of six traditions (Schewtschenko, Szewczenko, Chevtchenko beside Shevchenko),
  look-alike letters of the other script inside a word, both ways;
- surname and given name swapped, sometimes with a slip in one of them; a full name in one
  column, in either order;
- testimonies holding a name as heard (often a diminutive: Саша, Вова), an age guessed to a few
  years, and a place; units named by their brigade or by their code; dates in every format,
  day and month exchanged, a digit slipped, 01.01 for an unknown birthday.

Each report keeps its person's id (the ground truth) and the labels of the noise applied.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

import independent_names as names
from independent_names import FEMALE_NAMES, MALE_NAMES, RUSSIAN_MALE, GivenName
from independent_reports import REPORT_FIELDS, write_report
from independent_spellings import ukrainian_form


@dataclass(slots=True)
class Person:
    truth_id: str
    side: str  # own | adversary
    sex: str  # M | F
    surname: str  # in the person's own language (Ukrainian, or Russian for the adversary)
    given: GivenName
    father: GivenName
    birth: date
    birth_place: tuple[str, str, str]  # Ukrainian, Russian, region ("" for a town)
    unit: str | None  # a unit code: А1234
    brigade: int | None  # the brigade the unit is, when it has a number
    missing: date
    missing_place: tuple[str, str]
    service_number: str | None
    tax_number: str | None
    family: str = ""  # brother, twin, son: what links him to the person before him


@dataclass(slots=True)
class Report:
    record_id: str
    truth_id: str
    source: str
    fields: dict[str, str]
    noise: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Event:
    """Many captured on one day at one place, most from one unit."""

    day: date
    place: tuple[str, str]
    unit: int  # index into the world's units


class World:
    """What persons are drawn from: names, places, units, capture events."""

    def __init__(self, rnd: random.Random, persons: int) -> None:
        self.surnames = names.SurnamePool(rnd)
        count = max(60, persons // 120)
        self.units = [f"А{rnd.randrange(1000, 9999)}" for _ in range(count)]
        self.unit_weights = names.zipf_weights(count, 0.8)
        self.brigades = [rnd.choice(names.BRIGADES) if rnd.random() < 0.6 else None
                         for _ in range(count)]  # fmt: skip
        self.events = [
            Event(_day(rnd, date(2022, 2, 24), date(2025, 6, 30)),
                  rnd.choice(names.front_places()), rnd.randrange(count))
            for _ in range(max(20, persons // 400))
        ]  # fmt: skip
        self.event_weights = names.zipf_weights(len(self.events), 1.0)
        self.places = [(uk, ru, "") for uk, ru in names.towns()]
        self.places += [(uk, ru, region) for uk, ru in names.villages() for region in names.REGIONS]


def _day(rnd: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rnd.randrange((last - first).days + 1))


def _given(rnd: random.Random, pool: tuple[GivenName, ...], *, fathers: bool = False) -> GivenName:
    weights = [name.fathers if fathers else name.sons for name in pool]
    return rnd.choices(pool, weights)[0]


def _birth(rnd: random.Random, side: str) -> date:
    year = int(rnd.gauss(1987 if side == "own" else 1990, 9))
    year = min(max(year, 1962), 2005)
    return date(year, 1, 1) + timedelta(days=rnd.randrange(365))


def rnokpp(birth: date, sex: str, rnd: random.Random) -> str:
    """A Ukrainian taxpayer number: days since 31.12.1899, a serial whose last digit is odd for
    a man, and the check digit."""
    days = (birth - date(1899, 12, 31)).days
    last = rnd.choice((1, 3, 5, 7, 9) if sex == "M" else (0, 2, 4, 6, 8))
    serial = rnd.randrange(0, 1000) * 10 + last
    digits = f"{days:05d}{serial:04d}"
    weights = (-1, 5, 7, 9, 4, 6, 10, 5, 7)
    check = sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11 % 10
    return digits + str(check)


def inn(rnd: random.Random) -> str:
    """A Russian taxpayer number of a person: ten digits and two check digits."""
    digits = [rnd.randrange(10) for _ in range(10)]
    for weights in ((7, 2, 4, 10, 3, 5, 9, 4, 6, 8), (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)):
        digits.append(sum(d * w for d, w in zip(digits, weights, strict=True)) % 11 % 10)
    return "".join(map(str, digits))


def new_person(rnd: random.Random, world: World, number: int) -> Person:
    side = "own" if rnd.random() < 0.88 else "adversary"
    sex = "F" if side == "own" and rnd.random() < 0.07 else "M"
    if side == "own":
        surname = world.surnames.draw(rnd)
        given = _given(rnd, MALE_NAMES if sex == "M" else FEMALE_NAMES)
        father = _given(rnd, MALE_NAMES, fathers=True)
    else:
        surname = world.surnames.draw(rnd, russian=True)
        given = _given(rnd, RUSSIAN_MALE)
        father = _given(rnd, RUSSIAN_MALE, fathers=True)
    birth = _birth(rnd, side)
    if side == "own":
        place = rnd.choice(world.places)
        if rnd.random() < 0.3:
            event = rnd.choices(world.events, world.event_weights)[0]
            unit_index = event.unit if rnd.random() < 0.7 else rnd.randrange(len(world.units))
            missing, missing_place = event.day, event.place
        else:
            unit_index = rnd.choices(range(len(world.units)), world.unit_weights)[0]
            missing = _day(rnd, date(2022, 2, 24), date(2025, 6, 30))
            missing_place = rnd.choice(names.front_places())
        unit, brigade = world.units[unit_index], world.brigades[unit_index]
        tax = rnokpp(birth, sex, rnd)
        service = f"{rnd.choice('АВСЕКМНОРТ')}{rnd.choice('АВСЕКМНОРТ')}{rnd.randrange(10**6):06d}"
    else:
        town = rnd.choice(names.RUSSIAN_TOWNS)
        place = (ukrainian_form(town), town, "")
        unit, brigade = f"{rnd.randrange(10000, 99999)}", None
        missing = _day(rnd, date(2022, 2, 24), date(2025, 6, 30))
        missing_place = rnd.choice(names.front_places())
        tax = inn(rnd)
        service = f"{rnd.choice('АВЕКМНОРСТУХ')}-{rnd.randrange(10**6):06d}"
    return Person(f"b{number}", side, sex, names.feminine(surname) if sex == "F" else surname,
                  given, father, birth, place, unit, brigade, missing, missing_place, service,
                  tax)  # fmt: skip


def relative_of(rnd: random.Random, world: World, person: Person, number: int) -> Person:
    """A brother, a twin or a son of `person`: same surname, and what a family shares."""
    other = new_person(rnd, world, number)
    kind = rnd.choices(("brother", "twin", "son"), (10, 1, 2))[0]
    pool = MALE_NAMES if person.side == "own" else RUSSIAN_MALE
    other.side, other.sex, other.surname = person.side, "M", person.surname
    other.birth_place = person.birth_place
    while other.given.uk == person.given.uk:
        other.given = _given(rnd, pool)
    if kind == "son":
        other.father = person.given
        other.birth = _birth_after(rnd, person.birth)
    else:
        other.father = person.father
        if kind == "twin":
            other.birth = person.birth
        else:
            years = rnd.choice((-6, -4, -3, -2, -1, 1, 2, 3, 5, 8))
            other.birth = date(min(max(person.birth.year + years, 1955), 2006), 1, 1) + timedelta(
                days=rnd.randrange(365)
            )
    if rnd.random() < 0.3:
        other.unit, other.brigade = person.unit, person.brigade
        if rnd.random() < 0.5:
            other.missing, other.missing_place = person.missing, person.missing_place
    if other.side == "own":
        other.tax_number = rnokpp(other.birth, "M", rnd)
    other.family = kind
    return other


def _birth_after(rnd: random.Random, birth: date) -> date:
    year = min(birth.year + rnd.randrange(19, 30), 2006)
    return date(year, 1, 1) + timedelta(days=rnd.randrange(365))


def _report_count(rnd: random.Random) -> int:
    return rnd.choices((1, 2, 3, 4, 5, 6, 7, 9), (44, 25, 14, 8, 4, 2, 2, 1))[0]


def persons(count: int, seed: int) -> Iterator[Person]:
    rnd = random.Random(seed)
    world = World(random.Random(seed + 7919), count)
    number = 0
    while number < count:
        person = new_person(rnd, world, number)
        yield person
        number += 1
        while person.sex == "M" and rnd.random() < 0.05 and number < count:
            person = relative_of(rnd, world, person, number)
            yield person
            number += 1


def generate(persons_count: int, seed: int) -> Iterator[Report]:
    """Every report of `persons_count` persons, a person's reports together."""
    rnd = random.Random(seed * 31 + 1)
    serial = 0
    for person in persons(persons_count, seed):
        for index in range(_report_count(rnd)):
            source = _source(rnd, person, first=index == 0)
            fields, noise = write_report(rnd, person, source)
            yield Report(f"x{serial}", person.truth_id, source, fields, noise)
            serial += 1


def _source(rnd: random.Random, person: Person, *, first: bool) -> str:
    kinds = ("relative", "captor_list", "icrc_list", "media", "testimony")
    if person.side == "own":
        weights = (60, 20, 10, 5, 5) if first else (25, 25, 15, 13, 22)
    else:
        weights = (30, 40, 20, 8, 2) if first else (20, 35, 25, 15, 5)
    return rnd.choices(kinds, weights)[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    for report in generate(args.persons, args.seed):
        values = " | ".join(report.fields[name] for name in REPORT_FIELDS)
        print(f"{report.truth_id:>6} {report.source:12} {values}  [{', '.join(report.noise)}]")


if __name__ == "__main__":
    main()
