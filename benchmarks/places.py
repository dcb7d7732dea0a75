"""Time to show a place's page (`/places/N`: last sightings, moves, timeline, 25 a page each)
now that the database pages and counts its three lists, beside the code before (every row of
everyone seen there read and paged in Python), in the same run, alternately.

    PYTHONPATH=src .venv/bin/python benchmarks/places.py --before ../base/src [--rows 20000]
        [--repeat 5] [--db URL]

A synthetic register (a SQLite file of its own unless --db): `--rows` rows of evidence at one
camp, four for each of `--rows`/4 persons on days, months and years of 2022–2023, and two more
rows elsewhere for each of them (so there are moves in and out), one row in fifty retracted.
Each variant runs in a process of its own (`--before`'s source, then this worktree's, turn
about, `--repeat` times each), times `place_view` for the first page and for the last page of
each list (wall and CPU seconds; the audit entry is rolled back), and prints a digest of what
the pages held: the two variants' digests must be equal.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve()
SRC = HERE.parents[1] / "src"
PER_PAGE = 25


def build(url: str, rows: int) -> int:
    """The register: returns the camp's place id."""
    from homeward.db import make_engine, session_factory
    from homeward.migrate import upgrade
    from homeward.registry.models import Evidence, Person
    from homeward.registry.sources import get_or_create_place

    engine = make_engine(url)
    upgrade(engine)
    rnd = random.Random(2026)
    with session_factory(engine)() as session, session.begin():
        places = [get_or_create_place(session, f"Табір {n}") for n in range(6)]
        camp = places[0].id
        persons = [
            Person(side="own", surname=f"Прізвище{n}", given_name="Ім'я") for n in range(rows // 4)
        ]
        session.add_all(persons)
        session.flush()
        evidence = []
        for person in persons:
            for at in [camp] * 4 + [rnd.choice(places[1:]).id for _ in range(2)]:
                precision = rnd.choice(["day", "day", "day", "month", "year"])
                year, month, day = rnd.choice([2022, 2023]), rnd.randint(1, 12), rnd.randint(1, 28)
                on = {"day": date(year, month, day), "month": date(year, month, 1)}.get(
                    precision, date(year, 1, 1)
                )
                evidence.append(
                    {
                        "person_id": person.id,
                        "kind": "captor_list",
                        "occurred_on": on,
                        "occurred_precision": precision,
                        "reliability": "medium",
                        "place_id": at,
                        "recorded_by": "benchmark",
                    }
                )
        session.execute(Evidence.__table__.insert(), evidence)  # type: ignore[attr-defined]
        # a fresh table: the rows took the ids 1, 2, 3 … in the order given
        retracted = [
            {**evidence[i], "kind": "retraction", "supersedes_id": i + 1, "place_id": None}
            for i in range(0, len(evidence), 50)
        ]
        session.execute(Evidence.__table__.insert(), retracted)  # type: ignore[attr-defined]
    engine.dispose()
    return camp


def child(url: str, camp: int, repeat: int) -> None:
    """Time the page in this process's code; print JSON: medians and a digest."""
    from homeward.access.actor import Actor, Channel
    from homeward.access.roles import Role
    from homeward.db import make_engine, session_factory
    from homeward.testimonies.places import Shown, place_view

    actor = Actor("benchmark-liaison", Channel.CLI, Role.LIAISON)
    engine = make_engine(url)
    factory = session_factory(engine)
    far = 10**6  # a page past the last is the last

    def show(page: int) -> tuple[float, float, str]:
        with factory() as session, session.begin():
            started, used = time.perf_counter(), time.process_time()
            view = place_view(
                session,
                actor=actor,
                place_id=camp,
                shown=Shown(PER_PAGE, last=page, moves=page, timeline=page),
            )
            wall, cpu = time.perf_counter() - started, time.process_time() - used
            held = [
                [(s.person_id, s.here.evidence_id, s.latest.evidence_id) for s in view.last],
                [(m.person_id, m.from_place_id, m.to_place_id, str(m.by)) for m in view.moves],
                [(r.person_id, str(r.on), r.kind) for r in view.timeline],
                view.totals,
                view.pages,
            ]
            session.rollback()
        return wall, cpu, hashlib.sha256(json.dumps(held).encode()).hexdigest()[:16]

    show(1)  # warm: imports, the first connection
    out = {}
    for name, page in (("first page", 1), ("last page", far)):
        runs = [show(page) for _ in range(repeat)]
        out[name] = {
            "wall": statistics.median(r[0] for r in runs),
            "cpu": statistics.median(r[1] for r in runs),
            "digest": runs[-1][2],
        }
    engine.dispose()
    print(json.dumps(out))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=False, help="the code before: its src")
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--db")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--camp", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.db, args.camp, args.repeat)
        return
    folder = tempfile.mkdtemp(prefix="homeward-places-")
    url = args.db or f"sqlite:///{folder}/places.sqlite3"
    started = time.perf_counter()
    camp = build(url, args.rows)
    print(
        f"register: {args.rows:,} rows at the camp, built in {time.perf_counter() - started:.1f} s"
    )
    variants = {"after": SRC} | ({"before": args.before.resolve()} if args.before else {})
    results: dict[str, list[dict[str, dict[str, float | str]]]] = {name: [] for name in variants}
    for _ in range(args.rounds):
        for name in sorted(variants, reverse=True):  # before, then after, turn about
            env = {**os.environ, "PYTHONPATH": f"{variants[name]}:{HERE.parent}"}
            command = [sys.executable, str(HERE), "--child", "--db", url, "--camp", str(camp)]
            command += ["--repeat", str(args.repeat)]
            done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
            results[name].append(json.loads(done.stdout.splitlines()[-1]))
    if not args.db:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for page in ("first page", "last page"):
        for name in sorted(variants, reverse=True):
            runs = [r[page] for r in results[name]]
            wall = statistics.median(float(r["wall"]) for r in runs)
            cpu = statistics.median(float(r["cpu"]) for r in runs)
            digests = sorted({str(r["digest"]) for r in runs})
            print(
                f"{page:10}  {name:6}  {wall * 1000:8.1f} ms wall  {cpu * 1000:8.1f} ms CPU  "
                f"digest {digests}"
            )


if __name__ == "__main__":
    main()
