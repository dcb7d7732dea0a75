"""The features step alone: `PreparedRecords.of` on records in memory (the feature table and the
counts of its key values, the step benchmarks/linkage.py times as "features"), and, with
`--before`, the same step of another checkout beside it.

    .venv/bin/python benchmarks/linkage_features.py --size 1M [--population demo|independent]
        [--seed 1] [--runs 2] [--before OTHER/src] [--keep DIR]

Each run is a fresh process (reading the population is not timed), so that the name
tables' loading counts as it does in a deduplication; each version keeps its name tables
(`homeward.names.prebuilt`) in a folder of its own, built before the first timed run. Printed
per run: CPU time (the process and the workers it waited for) and wall time of the step, and
the load average. With `--before`, runs of the other checkout's `src` and of this one alternate
(the machine is noisy) and the two feature tables are compared: equal as Arrow tables and equal
byte for byte as Arrow IPC files; and the counts of key values, equal. `--keep DIR` keeps those
files (named by version and population). The reports are benchmarks/linkage.py's populations,
from the same cache.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parent / "src"


def run_once(population: str, size: int, seed: int, table_path: str) -> dict[str, Any]:
    """One timed features step in this process; the table is written to `table_path`."""
    sys.path.insert(0, str(HERE))
    import pyarrow as pa  # type: ignore[import-untyped]

    from homeward.linkage.prepared import PreparedRecords
    from linkage_stages import cpu_seconds, read_population

    records, _ = read_population(size, seed, population)
    started, cpu = time.perf_counter(), cpu_seconds()
    prepared = PreparedRecords.of(records)
    seconds, cpu_used = time.perf_counter() - started, cpu_seconds() - cpu
    if table_path != "-":
        with (
            pa.OSFile(table_path, "wb") as sink,
            pa.ipc.new_file(sink, prepared.table.schema) as out,
        ):
            out.write_table(prepared.table)
        counted = {column: sorted(found.items()) for column, found in prepared.counts.items()}
        Path(f"{table_path}.counts.json").write_text(json.dumps([counted, prepared.totals]))
    values = sum(len(found) for found in prepared.counts.values())
    return {"seconds": seconds, "cpu_seconds": cpu_used, "rows": len(prepared),
            "counted_values": values, "load": os.getloadavg()[0]}  # fmt: skip


def warm_up() -> dict[str, Any]:
    """The name tables built and kept (`homeward.names.prebuilt`), as a deduplication finds them."""
    from homeward.linkage.features import LinkRecord
    from homeward.linkage.prepared import PreparedRecords

    PreparedRecords.of([LinkRecord("1", "Коваленко Петро Іванович", unit="в/ч А0536")])
    return {}


def run_stage(source: Path, names_cache: Path, *arguments: str) -> dict[str, Any]:
    """`run_once` (or `warm_up`, without arguments) in a fresh process that imports `homeward`
    from `source` and keeps its name tables in `names_cache`."""
    environment = {
        **os.environ,
        "PYTHONPATH": str(source),
        "HOMEWARD_NAMES_CACHE": str(names_cache),
    }
    command = [sys.executable, str(Path(__file__).resolve()), "--stage", *arguments]
    done = subprocess.run(command, capture_output=True, text=True, env=environment, check=False)
    if done.returncode != 0:
        raise SystemExit(f"features of {source} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def same_tables(first: Path, second: Path) -> bool:
    import pyarrow as pa

    def read(path: Path) -> Any:
        with pa.memory_map(str(path)) as source:
            return pa.ipc.open_file(source).read_all()

    return bool(read(first).equals(read(second), check_metadata=True))


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--stage":
        if len(sys.argv) == 2:
            print(json.dumps(warm_up()))
            return
        population, size, seed, table = sys.argv[2:6]
        print(json.dumps(run_once(population, int(size), int(seed), table)))
        return
    sys.path.insert(0, str(HERE))
    from linkage import size_of

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=size_of, default=100_000, help="reports: 10k, 100k, 1M")
    parser.add_argument("--population", choices=("demo", "independent"), default="demo")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=2, help="runs of each version")
    parser.add_argument("--before", type=Path, help="another checkout's src, run alternately")
    parser.add_argument("--keep", type=Path, help="a folder to keep the feature tables in")
    args = parser.parse_args()
    versions = {"this": SOURCE} | ({"before": args.before.resolve()} if args.before else {})
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        tables = {name: folder / f"{name}-{args.population}-{args.size}.arrow" for name in versions}
        figures: dict[str, list[dict[str, Any]]] = {name: [] for name in versions}
        # each version's own name tables: a version whose names code differs rebuilds them, and
        # removes other versions' tables from the folder it keeps them in
        caches = {name: Path(scratch) / f"names-{name}" for name in versions}
        for name in versions:
            run_stage(versions[name], caches[name])
        print(f"features of {args.size:,} {args.population} reports (seed {args.seed})")
        for run in range(args.runs):
            for name in sorted(versions, reverse=run % 2 == 1):
                result = run_stage(versions[name], caches[name], args.population,
                                   str(args.size), str(args.seed), str(tables[name]))  # fmt: skip
                figures[name].append(result)
                print(
                    f"  {name:6} CPU {result['cpu_seconds']:6.2f} s  wall "
                    f"{result['seconds']:6.2f} s  load {result['load']:.1f}",
                    flush=True,
                )
        for name, results in figures.items():
            cpu = statistics.median(r["cpu_seconds"] for r in results)
            wall = statistics.median(r["seconds"] for r in results)
            print(f"  {name:6} median CPU {cpu:.2f} s, wall {wall:.2f} s "
                  f"(table {digest(tables[name])})")  # fmt: skip
        if "before" in versions:
            equal = same_tables(tables["this"], tables["before"])
            identical = tables["this"].read_bytes() == tables["before"].read_bytes()
            counts = [Path(f"{tables[name]}.counts.json").read_bytes() for name in versions]
            print(
                f"  tables equal: {equal}; identical bytes: {identical}; "
                f"value counts equal: {counts[0] == counts[1]}"
            )


if __name__ == "__main__":
    main()
