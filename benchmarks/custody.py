"""Time to compute every duty's clock for 20,000 prisoners with their events, beside the time to
merely read those events from the database, in the same run (target: clocks at most 3× the
read).

    .venv/bin/python benchmarks/custody.py [--prisoners 20000] [--db URL] [--repeat 3]

The register is synthetic and built here with bulk inserts: each prisoner is captured, moved to
one to three camps, sometimes hospitalised and discharged, often repatriated; the bureau's
records (internments, cards, notified events, letters, inspections) are added at the rates of
the demo. "Read" selects the prisoners' evidence (the rows the rules need) and fetches them;
"clocks" is `custody.loading.clock_rows`: reading the evidence and every record of the work,
the pure rules for every prisoner, one line per prisoner and obligation. Medians of --repeat
runs.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert, select, text
from sqlalchemy.orm import Session

from homeward.access.actor import Actor, Channel
from homeward.custody import models as m
from homeward.custody.loading import clock_rows
from homeward.db import make_engine, utcnow
from homeward.migrate import upgrade
from homeward.registry.models import Evidence, Person

TODAY = date(2026, 11, 1)
BATCH = 5000


def build(engine: Engine, prisoners: int, seed: int) -> int:
    """`prisoners` synthetic prisoners with their evidence and records; returns the evidence
    count."""
    rnd = random.Random(seed)
    now = utcnow()
    tables: dict[str, list[dict[str, Any]]] = {
        name: [] for name in ("evidence", "cards", "letters", "inspections")
    }
    with Session(engine) as session, session.begin():
        first = (session.scalar(select(Person.id).order_by(Person.id.desc()).limit(1)) or 0) + 1
        persons = [
            {
                "id": first + i,
                "side": "adversary",
                "surname": f"Пленный{i}",
                "sex": "M",
                "service_status": "military",
                "status": "in_custody",
                "version": 1,
                "created_at": now,
                "updated_at": now,
            }
            for i in range(prisoners)
        ]
        for start in range(0, len(persons), BATCH):
            session.execute(insert(Person), persons[start : start + BATCH])
        eid = (session.scalar(select(Evidence.id).order_by(Evidence.id.desc()).limit(1)) or 0) + 1
        captures = []
        for person in persons:
            pid = person["id"]
            day = TODAY - timedelta(days=rnd.randint(5, 1200))
            events = [("captured", day)]
            for _ in range(rnd.randint(1, 3)):
                day += timedelta(days=rnd.randint(2, 60))
                events.append(("moved", day))
            if rnd.random() < 0.12:
                day += timedelta(days=rnd.randint(1, 30))
                events += [("hospitalised", day), ("discharged", day + timedelta(days=20))]
            if rnd.random() < 0.6:
                events.append(("repatriated", day + timedelta(days=rnd.randint(30, 400))))
            for kind, on in events:
                if on > TODAY:
                    continue
                tables["evidence"].append(
                    {"id": eid, "person_id": pid, "kind": kind, "occurred_on": on,
                     "occurred_precision": "day", "reliability": "high", "recorded_at": now,
                     "recorded_by": "benchmark"}
                )  # fmt: skip
                if kind == "captured":
                    captures.append((pid, eid, on))
                if kind in ("captured", "moved") and rnd.random() < 0.95:
                    tables["cards"].append(
                        {"pid": pid, "on": min(on + timedelta(days=rnd.randint(0, 9)), TODAY)}
                    )
                eid += 1
            for month in range(0, (TODAY - events[0][1]).days, 30):
                on = events[0][1] + timedelta(days=month + rnd.randint(0, 5))
                tables["letters"].append(
                    {
                        "person_id": pid,
                        "on": on,
                        "kind": "letter",
                        "direction": "sent",
                        "created_at": now,
                        "created_by": "benchmark",
                    }
                )
                tables["inspections"].append(
                    {
                        "person_id": pid,
                        "on": on,
                        "weight_kg": 70.0,
                        "seriously_ill": False,
                        "created_at": now,
                        "created_by": "benchmark",
                    }
                )
        for start in range(0, len(tables["evidence"]), BATCH):
            session.execute(insert(Evidence), tables["evidence"][start : start + BATCH])
        internments = [
            {"serial_number": f"B-{cid}", "person_id": pid, "capture_evidence_id": cid,
             "opened_on": on, "language": "ru", "created_at": now, "created_by": "benchmark"}
            for pid, cid, on in captures
        ]  # fmt: skip
        ids = list(
            session.scalars(
                insert(m.Internment).returning(m.Internment.id, sort_by_parameter_order=True),
                internments,
            )
        )
        by_person = {row["person_id"]: i for row, i in zip(internments, ids, strict=True)}
        cards = [
            {"internment_id": by_person[c["pid"]], "person_id": c["pid"], "sent_on": c["on"],
             "language": "ru", "created_at": now, "created_by": "benchmark"}
            for c in tables["cards"]
        ]  # fmt: skip
        for model, rows in (
            (m.CaptureCard, cards),
            (m.Correspondence, tables["letters"]),
            (m.MedicalInspection, tables["inspections"]),
        ):
            for start in range(0, len(rows), BATCH):
                session.execute(insert(model), rows[start : start + BATCH])
    with engine.begin() as connection:
        connection.execute(text("ANALYZE"))
    return len(tables["evidence"])


def read_events(engine: Engine) -> int:
    """The baseline: the prisoners' evidence rows, selected and fetched."""
    query = (
        select(
            Evidence.person_id,
            Evidence.id,
            Evidence.kind,
            Evidence.occurred_on,
            Evidence.occurred_precision,
            Evidence.supersedes_id,
            Evidence.place_id,
        )
        .join(Person, Person.id == Evidence.person_id)
        .where(Person.side == "adversary", Person.merged_into_id.is_(None))
    )
    with Session(engine) as session:
        return len(session.connection().execute(query).all())


RECORDS = (
    select(m.Internment.person_id, m.Internment.serial_number, m.Internment.capture_evidence_id),
    select(m.CaptureCard.person_id, m.CaptureCard.sent_on),
    select(m.NotifiedEvent.person_id, m.NotifiedEvent.evidence_id),
    select(m.Correspondence.person_id, m.Correspondence.on, m.Correspondence.kind),
    select(
        m.MedicalInspection.person_id, m.MedicalInspection.on, m.MedicalInspection.seriously_ill
    ),
    select(m.HealthReport.person_id, m.HealthReport.sent_on),
    select(m.DeathNotice.person_id, m.DeathNotice.sent_on),
    select(m.Enquiry.person_id, m.Enquiry.opened_on),
    select(m.Effect.person_id, m.Effect.taken_on, m.Effect.disposed_on),
)


def read_everything(engine: Engine) -> int:
    """The evidence and every record of the work the rules read, selected and fetched."""
    rows = read_events(engine)
    with Session(engine) as session:
        connection = session.connection()
        return rows + sum(len(connection.execute(query).all()) for query in RECORDS)


def compute_clocks(engine: Engine) -> int:
    with Session(engine) as session:
        return len(clock_rows(session, actor=Actor("benchmark", Channel.CLI), as_of=TODAY))


def timed(work: Any, engine: Engine, repeat: int) -> tuple[float, int]:
    times, result = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        result = work(engine)
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--prisoners", type=int, default=20_000)
    parser.add_argument("--db", help="a database URL (default: a SQLite file made here)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.db or f"sqlite:///{Path(folder) / 'custody.sqlite3'}"
        engine = make_engine(url)
        upgrade(engine)
        with Session(engine) as session:
            if session.scalar(select(Person.id).limit(1)) is not None:
                raise SystemExit(f"{url} already holds persons: give an empty database")
        started = time.perf_counter()
        events = build(engine, args.prisoners, args.seed)
        took = time.perf_counter() - started
        print(
            f"built {args.prisoners:,} prisoners, {events:,} events: {took:.1f} s",
            f"({engine.dialect.name})",
        )
        read, rows = timed(read_events, engine, args.repeat)
        read_all, all_rows = timed(read_everything, engine, args.repeat)
        clocks, duties = timed(compute_clocks, engine, args.repeat)
        print(f"read the events      {read:8.3f} s  ({rows:,} rows of evidence)")
        print(f"read every input     {read_all:8.3f} s  ({all_rows:,} rows: evidence and records)")
        print(f"compute every clock  {clocks:8.3f} s  ({duties:,} duties: prisoner × obligation)")
        print(f"clocks / events      {clocks / read:8.2f} ×")
        print(f"clocks / every input {clocks / read_all:8.2f} ×  (target: at most 3 ×)")
        engine.dispose()


if __name__ == "__main__":
    main()
