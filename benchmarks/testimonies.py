"""Latency of a debriefing mention's candidates: the name as a witness heard it, against a
register of N persons.

    .venv/bin/python benchmarks/testimonies.py --persons 100000 [--db URL] [--mentions 500]

Builds the synthetic register (or reuses the one at --db if it already holds N persons), then
looks up mentions of random persons as a witness would name them — the full name in Cyrillic,
in Latin letters, the given name first, or the surname alone, sometimes with a guessed age —
through `testimonies.matching.candidates_for` (what the debriefing form calls on every
keystroke pause), and prints p50/p95/p99 latency and how often the person is the first
candidate. Beside it, in the same run, the intake's candidate search
(`linkage.candidates.find_candidates`) for the same names, which the mention's adds to.
Target: p95 <= 50 ms at 100,000 persons.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from sqlalchemy import select

from homeward.db import session_factory
from homeward.linkage.candidates import find_candidates
from homeward.names import transliterate
from homeward.registry.models import Person
from homeward.registry.vocab import Side
from homeward.testimonies.matching import candidates_for, linkage_model, mention_record
from registers import demo_register, percentile

FORMS = ("cyrillic", "latin", "given first", "surname only")


def heard(rng: random.Random, person: Person, form: str) -> str:
    full = " ".join(p for p in (person.surname, person.given_name) if p)
    if form == "latin":
        return transliterate(full)
    if form == "given first" and person.given_name:
        return f"{person.given_name} {person.surname}"
    if form == "surname only":
        return person.surname
    return full


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--mentions", type=int, default=500)
    parser.add_argument("--db", default="")
    args = parser.parse_args()
    url = args.db or f"sqlite:///{Path(tempfile.mkdtemp()) / 'testimonies.sqlite3'}"
    engine = demo_register(url, args.persons)
    model = linkage_model()
    rng = random.Random(5)
    times: dict[str, list[float]] = {form: [] for form in FORMS}
    intake: list[float] = []
    first: dict[str, int] = dict.fromkeys(FORMS, 0)
    with session_factory(engine)() as session:
        ids = list(
            session.scalars(
                select(Person.id).where(
                    Person.side == Side.OWN.value, Person.merged_into_id.is_(None)
                )
            )
        )
        persons = session.scalars(
            select(Person).where(Person.id.in_(rng.sample(ids, args.mentions)))
        ).all()
        for warm in ("Коваленко Олександр", "Kovalenko Oleksandr"):  # first use: dictionaries
            candidates_for(session, name_heard=warm, model=model)
        for index, person in enumerate(persons):
            form = FORMS[index % len(FORMS)]
            birth = person.birth
            age = None
            if birth is not None and rng.random() < 0.5:
                guess = date.today().year - birth.year
                age = (guess - 3, guess + 3)
            name = heard(rng, person, form)
            started = time.perf_counter()
            find_candidates(session, mention_record(name), model=model)
            intake.append((time.perf_counter() - started) * 1000)
            session.expunge_all()  # each lookup starts cold, as a request's does
            started = time.perf_counter()
            found = candidates_for(session, name_heard=name, age=age, model=model)
            times[form].append((time.perf_counter() - started) * 1000)
            session.expunge_all()
            first[form] += bool(found) and found[0].person_id == person.id
    every = [t for form in FORMS for t in times[form]]
    print(f"register: {args.persons:,} persons on {engine.dialect.name}; {len(every)} mentions")
    print(f"{'name as heard':<16} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'first':>7}")
    print(
        f"{'intake search':<16} {len(intake):>5} {statistics.median(intake):>8.1f} "
        f"{percentile(intake, 0.95):>8.1f} {percentile(intake, 0.99):>8.1f} {'(baseline)':>7}"
    )
    for form in (*FORMS, "all"):
        values = every if form == "all" else times[form]
        hits = sum(first.values()) if form == "all" else first[form]
        print(
            f"{form:<16} {len(values):>5} {statistics.median(values):>8.1f} "
            f"{percentile(values, 0.95):>8.1f} {percentile(values, 0.99):>8.1f} "
            f"{hits / len(values):>7.3f}"
        )


if __name__ == "__main__":
    main()
