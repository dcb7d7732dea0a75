"""Latency of the register's search box: what an operator types against a register of N persons.

    .venv/bin/python benchmarks/search.py --persons 100000 [--db URL] [--queries 70]

Builds the synthetic register (or reuses the one at --db if it already holds N persons), then
types `--queries` searches of each kind for persons drawn at random from the register: the name in
Latin letters given name first, in Cyrillic surname first with the patronymic, as another source
spelt it (another script or language, swapped columns, noise), in Latin with two letters of the
surname swapped, a bare surname, a document number, a name with a filter, and filters alone. It
prints p50/p95/p99 latency of one page (20 hits) and how often the person searched for is on it.
On PostgreSQL the tables are analysed first, as autovacuum would (a server with autovacuum off
otherwise plans the name look-ups as sequential scans). Beside it, in the same run, the
baseline: a naive search, `surname ILIKE '%word%'` over persons for each word typed, with its
count and first page.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import func, or_, select, text
from sqlalchemy.orm import Session

from homeward.db import session_factory
from homeward.names import transliterate
from homeward.registry.models import Identifier, Person, PersonName
from homeward.registry.search import SearchFilters, search_persons
from homeward.registry.vocab import Side, Status
from registers import demo_register, percentile

PER_PAGE = 20


@dataclass(frozen=True)
class Case:
    kind: str
    person_id: int | None  # the person searched for; None for filters alone
    query: str
    filters: SearchFilters = field(default_factory=SearchFilters)


def _swap_two_letters(word: str, rng: random.Random) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def _full(*parts: str | None) -> str:
    return " ".join(p for p in parts if p)


def cases(session: Session, persons: int, per_kind: int, seed: int) -> list[Case]:
    """`per_kind` searches of each kind, for persons drawn at random."""
    rng = random.Random(seed)
    ids = rng.sample(range(1, persons + 1), per_kind * 8)
    rows = {p.id: p for p in session.scalars(select(Person).where(Person.id.in_(ids)))}
    variants: dict[int, list[PersonName]] = {}
    for name in session.scalars(select(PersonName).where(PersonName.person_id.in_(ids))):
        variants.setdefault(name.person_id, []).append(name)
    numbers = dict(
        session.execute(
            select(Identifier.person_id, Identifier.value).where(Identifier.person_id.in_(ids))
        ).all()
    )
    filters = [
        SearchFilters(status=Status.CAPTIVITY_CONFIRMED),
        SearchFilters(unit="в/ч А0062"),
        SearchFilters(missing_place="маріуполь"),
        SearchFilters(side=Side.ADVERSARY, missing_from=rng_date(rng)),
        SearchFilters(missing_place="курська обл"),
        SearchFilters(unit="military unit 3148", status=Status.IN_CUSTODY),
    ]
    found: list[Case] = []
    chunks = [ids[k * per_kind : (k + 1) * per_kind] for k in range(8)]
    for person_id in chunks[0]:
        p = rows[person_id]
        found.append(
            Case(
                "Latin, given name first",
                p.id,
                _full(transliterate(p.given_name or ""), transliterate(p.surname)),
            )
        )
    for person_id in chunks[1]:
        p = rows[person_id]
        found.append(
            Case(
                "Cyrillic, surname first + patr.",
                p.id,
                _full(p.surname.upper(), p.given_name, p.patronymic),
            )
        )
    for person_id in chunks[2]:
        p = rows[person_id]
        name = rng.choice(variants[p.id][1:] or variants[p.id])
        found.append(
            Case(
                "as another source spelt it",
                p.id,
                _full(name.surname, name.given_name, name.patronymic),
            )
        )
    for person_id in chunks[3]:
        p = rows[person_id]
        typo = _swap_two_letters(transliterate(p.surname), rng)
        found.append(
            Case("Latin, typo in the surname", p.id, _full(typo, transliterate(p.given_name or "")))
        )
    for person_id in chunks[4]:
        found.append(Case("bare surname", rows[person_id].id, rows[person_id].surname))
    for person_id in chunks[5]:
        p = rows[person_id]
        number = p.service_number or numbers.get(p.id)
        if number:  # a civilian may have none
            found.append(Case("document number", p.id, number))
    for person_id in chunks[6]:
        p = rows[person_id]
        found.append(
            Case(
                "name + side filter",
                p.id,
                _full(transliterate(p.surname), transliterate(p.given_name or "")),
                SearchFilters(side=Side(p.side)),
            )
        )
    for index in range(per_kind):
        found.append(Case("filters alone (empty query)", None, "", filters[index % len(filters)]))
    return found


def rng_date(rng: random.Random) -> date:
    return date(2022, 1, 1) + timedelta(days=rng.randrange(900))


def naive(session: Session, case: Case) -> list[int]:
    """The baseline: each word typed as a substring of persons.surname, counted and paged."""
    words = case.query.split()
    query = select(Person.id).where(Person.merged_into_id.is_(None))
    if words:
        query = query.where(or_(*(Person.surname.ilike(f"%{w}%") for w in words)))
    if case.filters.side is not None:
        query = query.where(Person.side == case.filters.side.value)
    if case.filters.status is not None:
        query = query.where(Person.status == case.filters.status.value)
    session.scalar(select(func.count()).select_from(query.subquery()))
    return list(session.scalars(query.order_by(Person.id).limit(PER_PAGE)))


def homeward(session: Session, case: Case) -> list[int]:
    page = search_persons(session, case.query, case.filters, per_page=PER_PAGE)
    return [hit.person_id for hit in page.hits]


def measure(
    session: Session, work: Callable[[Session, Case], list[int]], all_cases: list[Case]
) -> dict[str, tuple[list[float], int, int]]:
    """Per kind: latencies in ms, how many found the person on page 1, how many had one."""
    results: dict[str, tuple[list[float], int, int]] = {}
    for case in all_cases:
        started = time.perf_counter()
        ids = work(session, case)
        elapsed = (time.perf_counter() - started) * 1000
        times, hits, wanted = results.setdefault(case.kind, ([], 0, 0))
        times.append(elapsed)
        if case.person_id is not None:
            results[case.kind] = (times, hits + (case.person_id in ids), wanted + 1)
    return results


def report(label: str, results: dict[str, tuple[list[float], int, int]]) -> None:
    print(f"\n{label}")
    print(f"{'query kind':<34} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'on page 1':>10}")
    every: list[float] = []
    for kind, (times, hits, wanted) in results.items():
        every += times
        rate = f"{hits / wanted:.3f}" if wanted else "-"
        print(
            f"{kind:<34} {statistics.median(times):>8.1f} {percentile(times, 0.95):>8.1f} "
            f"{percentile(times, 0.99):>8.1f} {rate:>10}"
        )
    print(
        f"{'all':<34} {statistics.median(every):>8.1f} {percentile(every, 0.95):>8.1f} "
        f"{percentile(every, 0.99):>8.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=70, help="searches of each kind")
    parser.add_argument("--db", default="")
    args = parser.parse_args()
    folder = tempfile.mkdtemp()
    url = args.db or f"sqlite:///{Path(folder) / 'search.sqlite3'}"
    engine = demo_register(url, args.persons)
    if engine.dialect.name == "postgresql":  # planner statistics, as autovacuum would gather
        with engine.begin() as connection:
            connection.execute(text("ANALYZE persons, person_names, identifiers"))
    with session_factory(engine)() as session:
        # first use: dictionaries and the database's pages, with other persons than measured
        for case in cases(session, args.persons, 10, seed=1):
            homeward(session, case)
            naive(session, case)
        work = cases(session, args.persons, args.queries, seed=2)
        random.Random(3).shuffle(work)
        baseline = measure(session, naive, work)
        ours = measure(session, homeward, work)
    print(
        f"register: {args.persons:,} persons on {engine.dialect.name}; "
        f"{len(work)} searches, one page of {PER_PAGE}"
    )
    report("naive LIKE '%word%' over persons.surname (baseline)", baseline)
    report("Homeward search_persons", ours)


if __name__ == "__main__":
    main()
