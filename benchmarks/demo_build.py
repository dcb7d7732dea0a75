"""Time and peak memory to generate and store the synthetic population.

    .venv/bin/python benchmarks/demo_build.py --persons 100000

Each stage runs in its own process, so that its peak memory is its own. Beside the stored build,
the same run measures the generator alone (the floor any storage adds to) and, when PostgreSQL is
reachable, the same build on PostgreSQL.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import text

from homeward.db import make_engine
from homeward.demo.population import generate
from homeward.demo.store import build_demo
from homeward.migrate import upgrade
from homeward.models import load_all

PG_URL = os.environ.get(
    "HOMEWARD_BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def stage_generate(persons: int) -> dict[str, float]:
    started = time.perf_counter()
    reports = sum(len(p.reports) for p in generate(persons=persons, seed=1))
    return {"seconds": time.perf_counter() - started, "reports": reports}


def stage_store(persons: int, url: str) -> dict[str, float]:
    engine = make_engine(url)
    if url.startswith("postgresql"):
        from homeward.db import Base

        load_all()
        with engine.begin() as connection:
            Base.metadata.drop_all(connection)
            connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    upgrade(engine)
    started = time.perf_counter()
    summary = build_demo(engine, persons=persons, seed=1)
    seconds = time.perf_counter() - started
    engine.dispose()
    return {"seconds": seconds, "reports": summary.reports}


def run_stage(name: str, persons: int, url: str) -> dict[str, float] | None:
    command = [sys.executable, __file__, "--persons", str(persons), "--stage", name, "--url", url]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        print(f"{name}: failed: {done.stderr.strip().splitlines()[-1:]}")
        return None
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def reachable(url: str) -> bool:
    try:
        with make_engine(url).connect():
            return True
    except Exception:
        return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--stage", choices=["generate", "sqlite", "postgresql"])
    parser.add_argument("--url", default="")
    args = parser.parse_args()
    if args.stage:
        if args.stage == "generate":
            result = stage_generate(args.persons)
        else:
            result = stage_store(args.persons, args.url)
        print(json.dumps({**result, "peak_mib": peak_rss_mib()}))
        return

    with tempfile.TemporaryDirectory() as folder:
        sqlite_url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        stages = [
            ("generate", "generator alone (baseline)", ""),
            ("sqlite", "generate + store, SQLite", sqlite_url),
        ]
        if reachable(PG_URL):
            stages.append(("postgresql", "generate + store, PostgreSQL", PG_URL))
        else:
            print(f"PostgreSQL at {PG_URL} is not reachable: its row is left out")
        print(f"persons: {args.persons:,}")
        print(f"{'stage':<32} {'seconds':>9} {'persons/s':>10} {'reports':>9} {'peak MiB':>9}")
        for name, label, url in stages:
            measured = run_stage(name, args.persons, url)
            if measured is None:
                continue
            rate = args.persons / measured["seconds"]
            print(
                f"{label:<32} {measured['seconds']:>9.1f} {rate:>10,.0f} "
                f"{int(measured['reports']):>9,} {measured['peak_mib']:>9.0f}"
            )


if __name__ == "__main__":
    main()
