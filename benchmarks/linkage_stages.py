"""The stages of benchmarks/linkage.py, each run in its own process (see that script)."""

from __future__ import annotations

import gc
import logging
import random
import resource
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]
from platformdirs import user_cache_dir

from homeward.demo.population import generate
from homeward.linkage.batch import Thresholds, dedupe, link_list
from homeward.linkage.blocking import BLOCKING_RULES
from homeward.linkage.clustering import Clusters
from homeward.linkage.features import LinkRecord
from homeward.linkage.model import LinkageModel
from homeward.linkage.prepared import PreparedRecords
from homeward.linkage.table import RAW_FIELDS

Metrics = dict[str, Any]


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


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


def pairs(sizes: Iterable[int]) -> int:
    return sum(size * (size - 1) // 2 for size in sizes)


def cluster_metrics(clusters: Mapping[str, str], truth: Mapping[str, str]) -> Metrics:
    """Pairwise precision, recall and F1 of clusters against the ground truth."""
    both = pairs(Counter((clusters[r], truth[r]) for r in truth).values())
    predicted = pairs(Counter(clusters[r] for r in truth).values())
    actual = pairs(Counter(truth.values()).values())
    precision = both / predicted if predicted else 1.0
    recall = both / actual if actual else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "true_pairs": actual}


def edge_precision(edges: Iterable[tuple[str, str]], truth: Mapping[str, str]) -> Metrics:
    found = [truth[a] == truth[b] for a, b in edges]
    return {"links": len(found), "precision": sum(found) / len(found) if found else 1.0}


def blocking_recall(table: pa.Table, truth: Mapping[str, str], rules: Iterable[str]) -> Metrics:
    """The share of true pairs some rule compares; and the share whose records are joined
    through compared true pairs (what clustering can reach)."""
    ids = table.column("record_id").to_pylist()
    truth_column = pa.array([truth[i] for i in ids], pa.string())
    connection = duckdb.connect()
    connection.execute("SET enable_progress_bar = false")
    connection.register("f", table.append_column("truth_id", truth_column))
    condition = " OR ".join(f"coalesce(({rule}), false)" for rule in rules)
    rows = connection.sql(
        f"SELECT l.unique_id, r.unique_id, {condition} FROM f l JOIN f r "
        "ON l.truth_id = r.truth_id AND l.unique_id < r.unique_id"
    ).fetchall()
    connection.close()
    groups = Clusters([[None] * table.num_rows])
    for left, right, blocked in rows:
        if blocked:
            groups.join(left, right)
    blocked = sum(1 for row in rows if row[2])
    joined = sum(1 for left, right, _ in rows if groups.find(left) == groups.find(right))
    total = len(rows) or 1
    return {"pairwise": blocked / total, "connected": joined / total}


def ceiling(records: list[LinkRecord], truth: Mapping[str, str]) -> float:
    """Pairwise recall if every record with a surname and one more field were clustered right
    and the rest (a given name alone, a surname alone) stayed alone."""
    clusters = {}
    for record in records:
        fields = [record.given_name, record.birth_date, record.patronymic, record.unit,
                  record.service_number, record.tax_number]  # fmt: skip
        usable = record.surname.strip() and any(value.strip() for value in fields)
        clusters[record.record_id] = truth[record.record_id] if usable else record.record_id
    return float(cluster_metrics(clusters, truth)["recall"])


def stage_homeward(size: int, seed: int, model_path: str | None) -> Metrics:
    records, truth = read_population(size, seed)
    model = LinkageModel.load(Path(model_path) if model_path else None)
    thresholds = Thresholds()
    started = time.perf_counter()
    prepared = PreparedRecords.of(records)
    featured = time.perf_counter()
    result = dedupe(prepared, model=model, thresholds=thresholds)
    seconds = time.perf_counter() - started
    edges = result.edges
    decisions = edges.column("decision").to_pylist()
    lefts, rights = edges.column("left_id").to_pylist(), edges.column("right_id").to_pylist()
    auto = [(a, b) for a, b, d in zip(lefts, rights, decisions, strict=True) if d == "auto"]
    review = [(a, b) for a, b, d in zip(lefts, rights, decisions, strict=True) if d == "review"]
    with_review = Clusters([[None] * len(records)])
    position = {record.record_id: i for i, record in enumerate(records)}
    for a, b in (*auto, *review):
        with_review.join(position[a], position[b])
    reviewed = {r.record_id: records[with_review.find(i)].record_id for i, r in enumerate(records)}
    sweep = threshold_sweep(result, prepared, model, truth)
    return {
        "seconds": seconds,
        "features_seconds": featured - started,
        "peak_mib": peak_mib(),
        "clusters": cluster_metrics(result.clusters, truth),
        "if_reviewed": cluster_metrics(reviewed, truth) | {"review_pairs": len(review)},
        "auto": edge_precision(auto, truth),
        "review": edge_precision(review, truth),
        "blocking": blocking_recall(prepared.table, truth, [r.sql for r in BLOCKING_RULES]),
        "ceiling_recall": ceiling(records, truth),
        "model": model.version,
        "thresholds": [thresholds.auto, thresholds.review],
        "sweep": sweep,
    }


SWEEP = (0.5, 0.8, 0.9, 0.95, 0.99, 0.999)


def threshold_sweep(
    result: Any, prepared: PreparedRecords, model: LinkageModel, truth: Mapping[str, str]
) -> list[Metrics]:
    """Clusters and automatic links at other automatic thresholds (above the review one),
    from the same scored pairs: what the choice of threshold trades."""
    edges = result.edges
    lefts, rights = edges.column("left").to_pylist(), edges.column("right").to_pylist()
    weights = edges.column("match_weight").to_pylist()
    probabilities = edges.column("match_probability").to_pylist()
    vetoed = edges.column("vetoed").to_pylist()
    ids = prepared.record_ids()
    identifiers = [prepared.table.column(name).to_pylist() for name in model.vetoes]
    order = sorted(range(len(lefts)), key=lambda k: -weights[k])
    found = []
    for threshold in SWEEP:
        groups, auto = Clusters(identifiers, model.vetoes), []
        for k in order:
            if probabilities[k] >= threshold and not vetoed[k] and groups.join(lefts[k], rights[k]):
                auto.append((ids[lefts[k]], ids[rights[k]]))
        clusters = {ids[i]: ids[root] for i, root in enumerate(groups.roots())}
        found.append({"auto": threshold, "clusters": cluster_metrics(clusters, truth),
                      "links": edge_precision(auto, truth)})  # fmt: skip
    return found


def stage_list(size: int, seed: int, list_size: int, model_path: str | None) -> Metrics:
    records, truth = read_population(size, seed)
    model = LinkageModel.load(Path(model_path) if model_path else None)
    chosen = set(random.Random(seed).sample(range(len(records)), list_size))
    incoming = [r for i, r in enumerate(records) if i in chosen]
    register = [r for i, r in enumerate(records) if i not in chosen]
    started = time.perf_counter()
    prepared = PreparedRecords.of(register)
    prepared.shares  # noqa: B018 - the register's frequencies are part of preparing it
    prepare_seconds = time.perf_counter() - started
    started = time.perf_counter()
    decisions = link_list(prepared, incoming, model=model)
    seconds = time.perf_counter() - started
    auto = [
        (d.list_record_id, d.register_record_id or "") for d in decisions if d.decision == "auto"
    ]
    in_register = {truth[r.record_id] for r in register}
    linkable = sum(1 for r in incoming if truth[r.record_id] in in_register)
    correct = sum(1 for a, b in auto if truth[a] == truth.get(b))
    return {
        "seconds": seconds,
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
