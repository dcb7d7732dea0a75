"""The stages of benchmarks/linkage.py, each run in its own process (see that script)."""

from __future__ import annotations

import gc
import logging
import random
import resource
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]
from platformdirs import user_cache_dir

from homeward.demo.population import generate
from homeward.linkage.batch import DedupeResult, Thresholds, dedupe, link_list
from homeward.linkage.blocking import BLOCKING_RULES
from homeward.linkage.features import LinkRecord
from homeward.linkage.model import LinkageModel
from homeward.linkage.prepared import PreparedRecords
from homeward.linkage.table import RAW_FIELDS
from linkage_metrics import (
    Metrics,
    blocking_recall,
    by_source_pair,
    ceiling,
    cluster_metrics,
    edge_precision,
    review_gains,
)


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    """CPU time of this process (every thread) and of its children waited for (the workers
    that read names): on two shared cores the wall time follows the machine's load."""
    own, children = (resource.getrusage(who) for who in (resource.RUSAGE_SELF,
                                                         resource.RUSAGE_CHILDREN))  # fmt: skip
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def waiting_seconds() -> float | None:
    """How long this process's threads have stood ready to run while no core was free for them
    (Linux's schedstat; None elsewhere): on shared cores, most of what a wall time holds beyond
    its CPU time."""
    total = 0
    try:
        for task in Path("/proc/self/task").iterdir():
            total += int((task / "schedstat").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return None
    return total / 1e9


POPULATIONS = ("demo", "independent")


def population_path(size: int, seed: int, population: str = "demo") -> Path:
    """The first `size` reports of a synthetic population of `seed`, with their truth,
    generated once and kept in the user's cache (generation is not part of any timing).

    "demo" is `homeward.demo`'s population (the shipped model was trained on another seed of
    it); "independent" is benchmarks/independent_population.py, which shares no code with it
    and on which nothing is trained or tuned."""
    folder = Path(user_cache_dir("homeward")) / "linkage-bench"
    folder.mkdir(parents=True, exist_ok=True)
    prefix = "reports" if population == "demo" else f"{population}-{INDEPENDENT_VERSION}"
    path = folder / f"{prefix}-{size}-{seed}.parquet"
    if path.exists():
        return path
    columns: dict[str, list[str]] = {
        name: [] for name in ("record_id", "truth_id", *RAW_FIELDS, "noise")
    }
    for record_id, truth_id, fields, noise in _reports(population, size, seed):
        columns["record_id"].append(record_id)
        columns["truth_id"].append(truth_id)
        for name in RAW_FIELDS:
            columns[name].append(fields[name])
        columns["noise"].append(noise)
        if len(columns["record_id"]) >= size:
            break
    table = pa.table({name: values[:size] for name, values in columns.items()})
    pq.write_table(table, path.with_suffix(".tmp"))
    path.with_suffix(".tmp").rename(path)
    return path


# Bump when independent_population.py changes what it generates (cached files are then redone).
INDEPENDENT_VERSION = 2


def _reports(
    population: str, size: int, seed: int
) -> Iterator[tuple[str, str, dict[str, str], str]]:
    if population == "independent":
        import independent_population

        for report in independent_population.generate(size, seed):
            yield (report.record_id, report.truth_id, report.fields | {"source": report.source},
                   " ".join(report.noise))  # fmt: skip
        return
    for person in generate(persons=size, seed=seed):
        for synthetic in person.reports:
            fields = {**synthetic.fields, "source": synthetic.source_kind}
            yield synthetic.report_id, synthetic.truth_id, fields, " ".join(synthetic.noise)


def read_population(
    size: int, seed: int, population: str = "demo"
) -> tuple[list[LinkRecord], dict[str, str]]:
    table = pq.read_table(population_path(size, seed, population))
    columns = [table.column(name).to_pylist() for name in ("record_id", *RAW_FIELDS)]
    gc.disable()
    records = [LinkRecord(*row) for row in zip(*columns, strict=True)]
    gc.enable()
    truth = dict(zip(columns[0], table.column("truth_id").to_pylist(), strict=True))
    return records, truth


def stage_homeward(population: str, size: int, seed: int, model_path: str | None) -> Metrics:
    records, truth = read_population(size, seed, population)
    model = LinkageModel.load(Path(model_path) if model_path else None)
    thresholds = Thresholds()
    started, cpu = time.perf_counter(), cpu_seconds()
    prepared = PreparedRecords.of(records)
    featured, featured_cpu = time.perf_counter(), cpu_seconds()
    result = dedupe(prepared, model=model, thresholds=thresholds)
    seconds, ended_cpu = time.perf_counter() - started, cpu_seconds()
    return {
        "seconds": seconds,
        "cpu_seconds": ended_cpu - cpu,
        "features_seconds": featured - started,
        "features_cpu_seconds": featured_cpu - cpu,
        "peak_mib": peak_mib(),
        "persons": len(set(truth.values())),
        **decided(result, records, truth),
        "blocking": blocking_recall(prepared.table, records, truth, BLOCKING_RULES),
        "ceiling_recall": ceiling(records, truth),
        "model": model.version,
        "thresholds": [thresholds.auto, thresholds.review],
        "sweep": [
            sweep_row(result.at(Thresholds(auto, thresholds.review)), auto, truth) for auto in SWEEP
        ],
    }


SWEEP = (0.5, 0.8, 0.9, 0.95, 0.99, 0.999)


def decided(result: DedupeResult, records: list[LinkRecord], truth: dict[str, str]) -> Metrics:
    """The clusters and links of a result against the truth: overall, by source pair, the
    refusals, and the review queue decided right in its order (and, beside it, by
    probability alone)."""
    edges = result.edges
    lefts, rights = edges.column("left_id").to_pylist(), edges.column("right_id").to_pylist()
    decisions = edges.column("decision").to_pylist()
    auto = [(a, b) for a, b, d in zip(lefts, rights, decisions, strict=True) if d == "auto"]
    review = [k for k, d in enumerate(decisions) if d == "review"]
    priority = edges.column("priority").to_pylist()
    probability = edges.column("match_probability").to_pylist()
    by_priority = sorted(review, key=lambda k: (-priority[k], -probability[k], k))
    by_probability = sorted(review, key=lambda k: (-probability[k], k))
    sources = {r.record_id: r.source for r in records}
    refused = Counter(reason for reason in edges.column("refused").to_pylist() if reason)
    return {
        "clusters": cluster_metrics(result.clusters, truth),
        "auto": edge_precision(auto, truth),
        "review": edge_precision([(lefts[k], rights[k]) for k in review], truth),
        "review_order": review_gains(result.clusters, [(lefts[k], rights[k])
                                                       for k in by_priority], truth),
        "review_by_probability": review_gains(result.clusters, [(lefts[k], rights[k])
                                                                for k in by_probability], truth),
        "by_source": by_source_pair(result.clusters, auto, truth, sources),
        "refused": dict(refused.most_common()),
    }  # fmt: skip


def sweep_row(result: DedupeResult, auto: float, truth: dict[str, str]) -> Metrics:
    edges = result.edges
    lefts, rights = edges.column("left_id").to_pylist(), edges.column("right_id").to_pylist()
    decisions = edges.column("decision").to_pylist()
    links = [(a, b) for a, b, d in zip(lefts, rights, decisions, strict=True) if d == "auto"]
    return {"auto": auto, "clusters": cluster_metrics(result.clusters, truth),
            "links": edge_precision(links, truth)}  # fmt: skip


def stage_list(
    population: str,
    size: int,
    seed: int,
    list_size: int,
    model_path: str | None,
    dump: str | None = None,
) -> Metrics:
    records, truth = read_population(size, seed, population)
    model = LinkageModel.load(Path(model_path) if model_path else None)
    chosen = set(random.Random(seed).sample(range(len(records)), list_size))
    incoming = [r for i, r in enumerate(records) if i in chosen]
    register = [r for i, r in enumerate(records) if i not in chosen]
    started = time.perf_counter()
    prepared = PreparedRecords.of(register)
    prepared.shares  # noqa: B018 - the register's frequencies are part of preparing it
    prepared.record_shares  # noqa: B018 - and each record's
    prepared.sorted_keys(model.blocking_rules)  # and the keys a list is looked up in
    prepared.value_codes  # noqa: B018 - and the numbers its pairs' levels are found by
    prepare_seconds = time.perf_counter() - started
    waited = waiting_seconds()
    started, cpu = time.perf_counter(), time.process_time()
    decisions = link_list(prepared, incoming, model=model)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    waited_after = waiting_seconds()
    if dump:
        # every row's decision, best candidate, alternatives, scores and explanations, to be
        # compared byte for byte between two versions of the code
        path = Path(dump) / f"list-{population}-{size}-{seed}-{list_size}.txt"
        path.write_text("".join(f"{decision!r}\n" for decision in decisions), encoding="utf-8")
    auto = [
        (d.list_record_id, d.register_record_id or "") for d in decisions if d.decision == "auto"
    ]
    in_register = {truth[r.record_id] for r in register}
    linkable = sum(1 for r in incoming if truth[r.record_id] in in_register)
    correct = sum(1 for a, b in auto if truth[a] == truth.get(b))
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,  # every thread's
        **(
            {"waiting_seconds": waited_after - waited}
            if waited is not None and waited_after is not None
            else {}
        ),
        "register_prepare_seconds": prepare_seconds,
        "register": len(register),
        "list": len(incoming),
        "auto": len(auto),
        "auto_precision": correct / len(auto) if auto else 1.0,
        "auto_recall": correct / linkable if linkable else 1.0,
        "review": sum(1 for d in decisions if d.decision == "review"),
        "peak_mib": peak_mib(),
    }


logging.getLogger("splink").setLevel(logging.WARNING)
