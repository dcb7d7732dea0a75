"""DuckDB beside Spark (local mode) on the same synthetic reports: wall time, F1, agreement.

    .venv/bin/python benchmarks/linkage_spark.py --size 10k [--list 1000] [--cores 2]
                                                 [--partitions 4] [--seed 1] [--model PATH]

Needs pyspark (`pip install -e '.[spark]'`) and Java 17 or later. The first `--size` reports of
the synthetic population (seed 1, as benchmarks/linkage.py) are prepared once per backend
(features and frequencies: the same work whatever the engine, timed apart), deduplicated twice
in the same process (the first run pays for a cold JVM on Spark), and a list of `--list` of
them is linked to a register of the rest. Each backend runs in its own process; Spark in local
mode on `--cores` threads with `--partitions` shuffle partitions, no UI, loopback only, its
session start timed apart. Printed: wall times, pairwise precision, recall and F1 of the
clusters against the ground truth, automatic links; then whether the two backends agree: the
same pairs, the largest difference in match weight, the same decisions and clusters, the same
list decisions.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq  # type: ignore[import-untyped]

HERE = Path(__file__).resolve().parent
BACKENDS = ("duckdb", "spark")


def stage(backend: str, size: int, seed: int, list_size: int, options: dict[str, Any]) -> None:
    """One backend's runs; edges and list decisions go to `options["out"]`."""
    sys.path.insert(0, str(HERE))
    import linkage_metrics
    import linkage_stages
    from homeward.linkage.backends import local_spark
    from homeward.linkage.batch import dedupe, link_list
    from homeward.linkage.model import LinkageModel
    from homeward.linkage.prepared import PreparedRecords

    records, truth = linkage_stages.read_population(size, seed)
    model = LinkageModel.load(Path(options["model"]) if options["model"] else None)
    result: dict[str, Any] = {"backend": backend, "records": len(records)}
    spark = None
    if backend == "spark":
        started = time.perf_counter()
        warehouse = str(Path(options["out"]) / "warehouse")
        spark = local_spark(options["cores"], options["partitions"], folder=warehouse)
        spark.sparkContext.setLogLevel("ERROR")
        result["session_seconds"] = time.perf_counter() - started
    started = time.perf_counter()
    prepared = PreparedRecords.of(records)
    prepared.shares  # noqa: B018 - frequencies are part of preparing
    result["prepare_seconds"] = time.perf_counter() - started
    runs = []
    for _ in range(2):
        started = time.perf_counter()
        found = dedupe(prepared, model=model, backend=backend, spark=spark)
        runs.append(time.perf_counter() - started)
    result["dedupe_seconds"] = runs
    edges = found.edges
    decisions = edges.column("decision").to_pylist()
    lefts, rights = edges.column("left_id").to_pylist(), edges.column("right_id").to_pylist()
    auto = [(a, b) for a, b, d in zip(lefts, rights, decisions, strict=True) if d == "auto"]
    result["clusters"] = linkage_metrics.cluster_metrics(found.clusters, truth)
    result["auto"] = linkage_metrics.edge_precision(auto, truth)
    out = Path(options["out"])
    pq.write_table(edges.drop_columns(["left", "right"]), out / f"edges-{backend}.parquet")
    (out / f"clusters-{backend}.json").write_text(json.dumps(found.clusters))

    chosen = set(random.Random(seed).sample(range(len(records)), list_size))
    incoming = [r for i, r in enumerate(records) if i in chosen]
    register = PreparedRecords.of([r for i, r in enumerate(records) if i not in chosen])
    register.shares  # noqa: B018
    started = time.perf_counter()
    linked = link_list(register, incoming, model=model, backend=backend, spark=spark)
    result["list_seconds"] = time.perf_counter() - started
    result["list"] = {"list": len(incoming), "register": len(register),
                      "auto": sum(d.decision == "auto" for d in linked),
                      "review": sum(d.decision == "review" for d in linked)}  # fmt: skip
    rows = [[d.list_record_id, d.register_record_id, d.decision,
             None if math.isinf(d.score.match_weight) else d.score.match_weight,
             [p.right_id for p in d.alternatives]] for d in linked]  # fmt: skip
    (out / f"list-{backend}.json").write_text(json.dumps(rows))
    if spark is not None:
        spark.stop()
    print(json.dumps(result))


def run(backend: str, arguments: argparse.Namespace, out: str) -> dict[str, Any]:
    options = {"model": arguments.model, "cores": arguments.cores,
               "partitions": arguments.partitions, "out": out}  # fmt: skip
    command = [sys.executable, str(Path(__file__).resolve()), "--stage", backend,
               str(arguments.size), str(arguments.seed), str(arguments.list),
               json.dumps(options)]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{backend} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def agreement(out: Path) -> dict[str, Any]:
    """Spark's results beside DuckDB's."""
    tables = {b: pq.read_table(out / f"edges-{b}.parquet") for b in BACKENDS}
    pairs = {}
    for backend, table in tables.items():
        names = ("left_id", "right_id", "match_weight", "match_probability", "decision")
        columns = [table.column(name).to_pylist() for name in names]
        pairs[backend] = {(a, b): (w, p, d) for a, b, w, p, d in zip(*columns, strict=True)}
    duck, spark = pairs["duckdb"], pairs["spark"]
    common = duck.keys() & spark.keys()
    clusters = {b: json.loads((out / f"clusters-{b}.json").read_text()) for b in BACKENDS}
    lists = {b: json.loads((out / f"list-{b}.json").read_text()) for b in BACKENDS}
    list_weight = max(
        (abs(a[3] - b[3]) for a, b in zip(*lists.values(), strict=True) if a[3] is not None),
        default=0.0,
    )
    return {
        "pairs": (len(duck), len(spark), len(duck.keys() ^ spark.keys())),
        "weight": max((abs(duck[k][0] - spark[k][0]) for k in common), default=0.0),
        "probability": max((abs(duck[k][1] - spark[k][1]) for k in common), default=0.0),
        "decisions": sum(duck[k][2] != spark[k][2] for k in common),
        "clusters": clusters["duckdb"] == clusters["spark"],
        "list": sum(a[:3] + a[4:] != b[:3] + b[4:] for a, b in zip(*lists.values(), strict=True)),
        "list_weight": list_weight,
    }


def size_of(text: str) -> int:
    text = text.strip().lower().replace("_", "")
    factor = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    return int(float(text.rstrip("km")) * factor)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--stage":
        backend, size, seed, list_size, options = sys.argv[2:7]
        stage(backend, int(size), int(seed), int(list_size), json.loads(options))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=size_of, default=10_000, help="reports: 2k, 10k")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--list", type=int, default=1000, help="rows of the list to link")
    parser.add_argument("--cores", type=int, default=2, help="Spark's local threads")
    parser.add_argument("--partitions", type=int, default=4, help="Spark's shuffle partitions")
    parser.add_argument("--model", default="", help="a model file (default: the shipped one)")
    arguments = parser.parse_args()
    sys.path.insert(0, str(HERE))
    import linkage_stages

    linkage_stages.population_path(arguments.size, arguments.seed)
    print(f"{arguments.size:,} synthetic reports (seed {arguments.seed}); Spark local"
          f"[{arguments.cores}], {arguments.partitions} shuffle partitions")  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="homeward-bench-") as out:
        results = [run(backend, arguments, out) for backend in BACKENDS]
        same = agreement(Path(out))
    print(f"\n{'':8} {'prepare':>8} {'dedupe 1st':>11} {'2nd':>6} {'list':>6} "
          f"{'precision':>9} {'recall':>7} {'F1':>7} {'auto links':>10}")  # fmt: skip
    for r in results:
        c = r["clusters"]
        print(f"{r['backend']:8} {r['prepare_seconds']:7.1f}s {r['dedupe_seconds'][0]:10.1f}s "
              f"{r['dedupe_seconds'][1]:5.1f}s {r['list_seconds']:5.1f}s {c['precision']:9.4f} "
              f"{c['recall']:7.4f} {c['f1']:7.4f} {r['auto']['links']:10,}")  # fmt: skip
    spark = results[1]
    print(f"(Spark's session started in {spark['session_seconds']:.1f} s, apart; the list: "
          f"{spark['list']['list']:,} reports against {spark['list']['register']:,})")  # fmt: skip
    duck_pairs, spark_pairs, differ = same["pairs"]
    print(f"\nagreement: pairs {duck_pairs:,} (DuckDB) and {spark_pairs:,} (Spark), {differ} "
          f"not in both; largest |weight difference| {same['weight']:.1e}, |probability "
          f"difference| {same['probability']:.1e}; {same['decisions']} decisions differ; "
          f"clusters {'the same' if same['clusters'] else 'DIFFER'}; list decisions differing: "
          f"{same['list']} (largest weight difference {same['list_weight']:.1e})")  # fmt: skip


if __name__ == "__main__":
    main()
