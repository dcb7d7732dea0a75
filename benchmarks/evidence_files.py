"""Upload throughput of an evidence file with its hash: a file of --mb megabytes (200 by
default) streamed into the content-addressed store, hashed as it arrives.

    .venv/bin/python benchmarks/evidence_files.py [--mb 200] [--repeat 3]

Three ways, each timed --repeat times on the same file, in the same run:
- `homeward files add` as the command runs it: the service (checks, the store, the row and its
  audit entry) on a SQLite register in a temporary folder;
- the store alone (`FileStore.put`: read, hash, write, fsync, rename);
- the baseline: `sha256sum` of the same file (hashing only, no copy).
Prints MB/s (median and best) and the most memory Python held at once while adding the file
(tracemalloc): it is streamed in chunks of 1 MiB, never read whole.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from homeward.access.actor import Actor, Channel
from homeward.db import make_engine, session_factory, transaction
from homeward.migrate import upgrade
from homeward.registry.schemas import PersonIn
from homeward.registry.service import create_person
from homeward.violations import files
from homeward.violations.store import CHUNK, FileStore, chunks_of

CONSOLE = Actor("benchmark", Channel.CLI)


def make_file(path: Path, megabytes: int) -> None:
    with path.open("wb") as out:
        for _ in range(megabytes):
            out.write(os.urandom(1024 * 1024))


def empty(store: FileStore) -> None:
    if store.root.exists():
        for item in store.root.rglob("*"):
            if item.is_file():
                item.chmod(0o644)
        shutil.rmtree(store.root)


def through_the_service(url: str, store: FileStore, path: Path, person_id: int) -> str:
    engine = make_engine(url)
    try:
        with transaction(session_factory(engine)) as session, path.open("rb") as data:
            row = files.add_file(
                session,
                actor=CONSOLE,
                store=store,
                chunks=chunks_of(data),
                given=files.FileIn(file_name=path.name, person_id=person_id),
                max_bytes=path.stat().st_size,
            )
            return row.sha256
    finally:
        engine.dispose()


def store_alone(store: FileStore, path: Path) -> str:
    with path.open("rb") as data:
        return store.put(chunks_of(data), max_bytes=path.stat().st_size).sha256


def sha256sum(path: Path) -> str:
    done = subprocess.run(["sha256sum", str(path)], capture_output=True, check=True, text=True)
    return done.stdout.split()[0]


def timed(
    way: Callable[[], str], repeat: int, before: Callable[[], None]
) -> tuple[list[float], str]:
    seconds, digest = [], ""
    for _ in range(repeat):
        before()
        started = time.perf_counter()
        digest = way()
        seconds.append(time.perf_counter() - started)
    return seconds, digest


def peak_allocated_mb(way: Callable[[], str]) -> float:
    """The most memory Python held at once while `way` ran (a run of its own: tracing is
    slow)."""
    tracemalloc.start()
    try:
        way()
        return tracemalloc.get_traced_memory()[1] / (1024 * 1024)
    finally:
        tracemalloc.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="homeward-files-bench-") as folder:
        root = Path(folder)
        path = root / "footage.bin"
        make_file(path, args.mb)
        url = f"sqlite:///{root / 'register.sqlite3'}"
        engine = make_engine(url)
        upgrade(engine)
        with transaction(session_factory(engine)) as session:
            person = create_person(
                session, actor=CONSOLE, person=PersonIn(surname="Benchmark", given_name="File")
            )
            session.flush()
            person_id = person.id
        engine.dispose()
        store = FileStore(root / "store")
        ways = {
            "homeward files add (service, SQLite)": lambda: through_the_service(
                url, store, path, person_id
            ),
            "FileStore.put (store alone)": lambda: store_alone(store, path),
            "baseline: sha256sum (hash only)": lambda: sha256sum(path),
        }
        print(f"A file of {args.mb} MB, {args.repeat} runs each, chunks of {CHUNK // 1024} KiB")
        print(f"{'way':<40} {'median MB/s':>12} {'best MB/s':>10}  sha256")
        digests = set()
        for name, way in ways.items():
            seconds, digest = timed(way, args.repeat, lambda: empty(store))
            digests.add(digest)
            rates = [args.mb / s for s in seconds]
            print(
                f"{name:<40} {statistics.median(rates):>12.0f} {max(rates):>10.0f}  {digest[:16]}…"
            )
        print(f"the same hash every way: {len(digests) == 1}")
        empty(store)
        most = peak_allocated_mb(ways["homeward files add (service, SQLite)"])
        print(f"the most memory Python held while adding the {args.mb} MB file: {most:.1f} MB")


if __name__ == "__main__":
    main()
