"""Latency of intake candidate search: one new report against a register of N persons.

    .venv/bin/python benchmarks/candidates.py --persons 100000 [--db URL] [--queries 500]

Builds the synthetic register (or reuses the one at --db if it already holds N persons), then
searches for reports of known persons as their sources wrote them (other scripts, typos, swapped
columns) and prints p50/p95/p99 latency and how often the true person comes first. Beside it, in
the same run, the baseline an operator has without Homeward: an exact, case-insensitive lookup of
the surname as typed.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from homeward.db import session_factory
from homeward.demo.population import generate
from homeward.linkage.candidates import find_candidates
from homeward.linkage.features import LinkRecord
from homeward.linkage.model import LinkageModel
from homeward.registry.models import PersonName
from registers import demo_register, percentile


def queries(persons: int, count: int, seed: int) -> list[tuple[int, LinkRecord]]:
    """(true person id, report as written) for `count` reports of random persons."""
    rng = random.Random(seed)
    wanted = set(rng.sample(range(1, persons + 1), count))
    found = []
    for index, person in enumerate(generate(persons=persons, seed=1), start=1):
        if index in wanted:
            report = rng.choice(person.reports)
            fields = {
                k: v for k, v in report.fields.items() if k in LinkRecord.__dataclass_fields__
            }
            found.append((index, LinkRecord(record_id=report.report_id, **fields)))
    return found


def exact_surname(session: Session, record: LinkRecord) -> list[int]:
    query = select(PersonName.person_id).where(
        func.lower(PersonName.surname) == record.surname.lower()
    )
    return list(session.scalars(query.limit(50)))


def measure(
    session: Session, work: Callable[[LinkRecord], list[int]], cases: list[tuple[int, LinkRecord]]
) -> tuple[list[float], float]:
    times, hits = [], 0
    for truth, record in cases:
        started = time.perf_counter()
        ranked = work(record)
        times.append((time.perf_counter() - started) * 1000)
        hits += bool(ranked) and ranked[0] == truth
    return times, hits / len(cases)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--db", default="")
    args = parser.parse_args()
    folder = tempfile.mkdtemp()
    url = args.db or f"sqlite:///{Path(folder) / 'candidates.sqlite3'}"
    engine = demo_register(url, args.persons)
    model = LinkageModel.load()
    cases = queries(args.persons, args.queries, seed=2)
    with session_factory(engine)() as session:
        find_candidates(session, cases[0][1], model=model)  # first use: dictionaries, caches

        def homeward(record: LinkRecord) -> list[int]:
            return [c.person_id for c in find_candidates(session, record, model=model)]

        rows = [
            (
                "exact surname lookup (baseline)",
                *measure(session, lambda r: exact_surname(session, r), cases),
            ),
            ("Homeward candidates", *measure(session, homeward, cases)),
        ]
    print(f"register: {args.persons:,} persons on {engine.dialect.name}; {len(cases)} reports")
    print(f"{'search':<34} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'true person first':>18}")
    for label, times, hit_rate in rows:
        print(
            f"{label:<34} {statistics.median(times):>8.1f} {percentile(times, 0.95):>8.1f} "
            f"{percentile(times, 0.99):>8.1f} {hit_rate:>18.3f}"
        )


if __name__ == "__main__":
    main()
