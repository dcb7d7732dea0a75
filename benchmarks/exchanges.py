"""Time to build both candidate lists for three categories on a register of 100,000 persons
(target ≤ 2 s), and to reconcile a 1,000-row roster against it (target ≤ 10 s), beside the time
to read those persons in the same run.

    .venv/bin/python benchmarks/exchanges.py [--persons 100000] [--db URL] [--repeat 3]

The register is the synthetic demo register (`benchmarks/registers.py`: built once, reused).
"Candidates" is `exchanges.facts.in_captivity` (the persons, their captures, health and holds)
and the pure rules and ranking of `exchanges.lists.candidates`, for both sides. Its baseline
reads the same persons' columns and fetches them. "Reconcile" reads a 1,000-row CSV roster
(900 persons of the register in captivity, a third of them written in Latin letters, and 100
persons the register does not know) through the import reader and links the rows through
`linkage.candidates.find_candidates_of_list` (the dry run, `plan_reconciliation`); "apply"
then writes the returns, new persons and the reconciliation, in a transaction rolled back
afterwards (in a savepoint, so that it runs --repeat times too). Its baseline reads 1,000
persons with their name variants. Medians of --repeat runs; beside each, its CPU time, which a
busy shared machine inflates less than the wall time.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import statistics
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from homeward.access.actor import Actor, Channel
from homeward.db import session_factory
from homeward.exchanges import service
from homeward.exchanges.categories import category
from homeward.exchanges.facts import _COLUMNS, IN_CAPTIVITY, in_captivity
from homeward.exchanges.lists import candidates
from homeward.exchanges.reconcile import Roster, apply_reconciliation, plan_reconciliation
from homeward.exchanges.vocab import ListSide
from homeward.names import transliterate
from homeward.registry.models import Person
from registers import demo_register

CODES = ("under_25", "since_2022", "held_24_months")
ACTOR = Actor("benchmark", Channel.CLI)


def timed(act: Callable[[], object], repeat: int) -> tuple[float, object]:
    """The median wall time of `repeat` runs, and the last run's result; the CPU time of the
    same runs goes to CPU, to tell a busy machine from a slow program."""
    times, cpu, result = [], [], None
    for _ in range(repeat):
        started, used = time.perf_counter(), time.process_time()
        result = act()
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - used)
    CPU.append(statistics.median(cpu))
    return statistics.median(times), result


CPU: list[float] = []  # the CPU seconds of each timing, in order


def both_lists(session: Session, day: date) -> int:
    wanted = [category(code) for code in CODES]
    found = 0
    for side in ListSide:
        ranked, excluded = candidates(in_captivity(session, side, day), wanted, day)
        found += len(ranked) + len(excluded)
    return found


def read_persons(session: Session) -> int:
    rows = 0
    for side in ListSide:
        rows += len(
            session.execute(
                select(*_COLUMNS).where(
                    Person.side == side.value,
                    Person.merged_into_id.is_(None),
                    Person.status.in_(IN_CAPTIVITY[side]),
                )
            ).all()
        )
    return rows


def roster(session: Session, rnd: random.Random, size: int) -> tuple[bytes, list[int]]:
    ids = list(
        session.scalars(
            select(Person.id).where(
                Person.side == "own",
                Person.merged_into_id.is_(None),
                Person.status.in_(IN_CAPTIVITY[ListSide.OWN]),
            )
        )
    )
    chosen = rnd.sample(ids, k=min(len(ids), size * 9 // 10))
    persons = session.scalars(select(Person).where(Person.id.in_(chosen))).all()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Прізвище", "Ім'я", "По батькові", "Дата народження"])
    for person in persons:
        spell = transliterate if rnd.random() < 0.33 else str
        born = person.birth
        writer.writerow(
            [spell(person.surname), spell(person.given_name or ""),
             spell(person.patronymic or ""), born.iso() if born else ""]
        )  # fmt: skip
    for n in range(size - len(persons)):
        writer.writerow([f"Невідомий{n}", "Петро", "Іванович", "1990"])
    return out.getvalue().encode("utf-8"), chosen


def applied(session: Session, exchange_id: int, roster: Roster) -> dict[str, object]:
    """The roster applied in a savepoint rolled back afterwards, so that it can run again."""
    savepoint = session.begin_nested()
    try:
        return apply_reconciliation(
            session, actor=ACTOR, exchange_id=exchange_id, side=ListSide.OWN, roster=roster
        )
    finally:
        savepoint.rollback()


def read_names(session: Session, ids: list[int]) -> int:
    found = session.scalars(
        select(Person).where(Person.id.in_(ids)).options(selectinload(Person.names))
    ).all()
    return sum(len(p.names) for p in found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--db", default=None)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    default = Path("build") / f"bench-exchanges-{args.persons}.sqlite3"
    default.parent.mkdir(exist_ok=True)
    engine = demo_register(args.db or f"sqlite:///{default.resolve()}", args.persons)
    day = date.today()
    factory = session_factory(engine)
    with factory() as session:
        read_s, read_n = timed(lambda: read_persons(session), args.repeat)
        lists_s, found = timed(lambda: both_lists(session, day), args.repeat)
    print(f"persons in captivity read: {read_n:,} in {read_s:.2f} s (baseline; CPU {CPU[0]:.2f} s)")
    print(
        f"both candidate lists, 3 categories: {found:,} candidates in {lists_s:.2f} s"
        f" (CPU {CPU[1]:.2f} s)"
    )
    rnd = random.Random(1)
    with factory() as session:
        data, chosen = roster(session, rnd, args.rows)
        names_s, _ = timed(lambda: read_names(session, chosen + chosen[:100]), args.repeat)
        exchange = service.create_exchange(
            session, actor=ACTOR, name="benchmark", days=[day], categories=list(CODES)
        )
        service.propose(
            session, actor=ACTOR, exchange_id=exchange.id, side=ListSide.OWN,
            person_ids=chosen[: len(chosen) * 9 // 10], reason="benchmark",
        )  # fmt: skip
        service.agree(session, actor=ACTOR, exchange_id=exchange.id, reason="benchmark")
        given = Roster(data, "roster.csv")
        plan_s, plan = timed(
            lambda: plan_reconciliation(
                session, actor=ACTOR, exchange_id=exchange.id, side=ListSide.OWN, roster=given
            ),
            args.repeat,
        )
        apply_s, result = timed(lambda: applied(session, exchange.id, given), args.repeat)
        session.rollback()
    print(
        f"{len(chosen) + 100:,} persons with their names read: {names_s:.2f} s"
        f" (baseline; CPU {CPU[2]:.2f} s)"
    )
    print(f"reconcile {args.rows:,} rows, dry run: {plan_s:.2f} s (CPU {CPU[3]:.2f} s)")
    print(
        f"reconcile {args.rows:,} rows, applied (rolled back): {apply_s:.2f} s (CPU {CPU[4]:.2f} s)"
    )
    assert isinstance(result, dict)
    print(
        "outcomes: "
        + ", ".join(f"{key} {result[key]}" for key in (
            "came_back_on_list", "came_back_not_on_list", "did_not_come",
            "unknown_to_register", "never_confirmed_before_return",
        ))
    )  # fmt: skip
    del plan


if __name__ == "__main__":
    main()
