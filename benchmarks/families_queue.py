"""Time to show a page of the queue of families to inform (`/families`), now that the whole
queue is paged, beside the queue as it was before (capped at 500 families), in the same run.

    .venv/bin/python benchmarks/families_queue.py [--persons 5000] [--db URL] [--extra 2000]
        [--repeat 3]

The register is the synthetic demo register (`benchmarks/registers.py`: built once, reused;
or `homeward demo`'s at --db). Measured twice: on the demo's queue as it is, then after a
sighting recorded today for `--extra` more of our own persons with a consenting contact (in
a transaction rolled back at the end), which puts their families in the queue. For each:
"capped" is the queue as it was (the first 2,000 candidate contacts read, their news derived,
the first 500 families kept: what the page showed before this change, reproduced here as the
baseline), "page 1" and "last page" the page of 20 as it is read now (`queue_slice`: every
candidate contact read 500 at a time, each family's place kept, the page's families derived
again), and "contacts read" a plain read of every consenting contact's row (the floor of any
answer that must look at each of them). Medians of --repeat runs, with their CPU time.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from homeward.access.actor import Actor, Channel
from homeward.access.roles import Role
from homeward.db import session_factory
from homeward.families import queue
from homeward.registry.evidence import add_evidence
from homeward.registry.models import Contact, Person
from homeward.registry.schemas import EvidenceIn, validated
from homeward.registry.vocab import Side
from registers import demo_register

LIAISON = Actor("benchmark-liaison", Channel.CLI, Role.LIAISON)
CONSOLE = Actor("benchmark", Channel.CLI)
PER_PAGE = 20
OLD_LIMIT = 500  # the queue's cap before it was paged whole


def timed(act: Callable[[], object], repeat: int) -> tuple[float, float, object]:
    """The median wall and CPU seconds of `repeat` runs, and the last run's result."""
    times, cpu, result = [], [], None
    for _ in range(repeat):
        started, used = time.perf_counter(), time.process_time()
        result = act()
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - used)
    return statistics.median(times), statistics.median(cpu), result


def capped(session: Session, day: date) -> int:
    """The queue as it was read before: 4 × 500 candidates, their news, the first 500 kept."""
    pairs = queue._candidates(session, after=0, limit=OLD_LIMIT * 4)
    items = queue.pending_news(session, pairs, as_of=day)
    items.sort(key=queue.place_of)
    return len(items[:OLD_LIMIT])


def paged(session: Session, page: int) -> int:
    return queue.queue_slice(session, actor=LIAISON, page=page, per_page=PER_PAGE).total


def contacts_read(session: Session) -> int:
    return len(session.execute(select(Contact).where(Contact.consent_contact.is_(True))).all())


def sighted(session: Session, extra: int) -> int:
    """A sighting today for `extra` own persons with a consenting contact not in the queue."""
    waiting = {place[2] for place in queue.queue_order(session, as_of=date.today())}
    rows = session.execute(
        select(Contact.id, Contact.person_id)
        .join(Person, Person.id == Contact.person_id)
        .where(
            Contact.consent_contact.is_(True),
            Contact.consent_withdrawn_at.is_(None),
            Person.side == Side.OWN.value,
            Person.merged_into_id.is_(None),
        )
        .order_by(Contact.id)
    ).all()
    persons = list(dict.fromkeys(pid for cid, pid in rows if cid not in waiting))[:extra]
    today = date.today().strftime("%d.%m.%Y")
    sighting = validated(EvidenceIn, {"kind": "testimony_sighting", "on": today})
    for person_id in persons:
        add_evidence(session, actor=CONSOLE, person_id=person_id, evidence=sighting)
    session.flush()
    return len(persons)


def measure(session: Session, day: date, repeat: int, label: str) -> None:
    floor_s, floor_cpu, floor_n = timed(lambda: contacts_read(session), repeat)
    old_s, old_cpu, old_n = timed(lambda: capped(session, day), repeat)
    first_s, first_cpu, total = timed(lambda: paged(session, 1), repeat)
    assert isinstance(total, int)
    last = max(1, -(-total // PER_PAGE))
    last_s, last_cpu, _ = timed(lambda: paged(session, last), repeat)
    print(f"{label}: {total:,} families to inform")
    print(
        f"  contacts read (baseline floor): {floor_n:,} rows in {floor_s:.3f} s"
        f" (CPU {floor_cpu:.3f} s)"
    )
    print(
        f"  capped, as before (baseline): {old_n:,} families in {old_s:.3f} s (CPU {old_cpu:.3f} s)"
    )
    print(f"  page 1 of {last:,}, as now: {first_s:.3f} s (CPU {first_cpu:.3f} s)")
    print(f"  page {last:,} of {last:,}, as now: {last_s:.3f} s (CPU {last_cpu:.3f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=5000)
    parser.add_argument("--db", default=None)
    parser.add_argument("--extra", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    default = Path("build") / f"bench-families-{args.persons}.sqlite3"
    default.parent.mkdir(exist_ok=True)
    engine = demo_register(args.db or f"sqlite:///{default.resolve()}", args.persons)
    day = date.today()
    with session_factory(engine)() as session:
        measure(session, day, args.repeat, "the demo's queue")
        added = sighted(session, args.extra)
        measure(session, day, args.repeat, f"with a sighting today for {added:,} more persons")
        session.rollback()


if __name__ == "__main__":
    main()
