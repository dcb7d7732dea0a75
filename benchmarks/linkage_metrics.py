"""What benchmarks/linkage.py measures against the ground truth: clusters, links, blocking,
wrong pairs by source pair, and how much deciding the review queue in order would gain."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import duckdb
import pyarrow as pa  # type: ignore[import-untyped]

from homeward.linkage.blocking import BlockingRule, source
from homeward.linkage.clustering import Clusters
from homeward.linkage.features import LinkRecord

Metrics = dict[str, Any]


def pairs(sizes: Iterable[int]) -> int:
    return sum(size * (size - 1) // 2 for size in sizes)


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def cluster_metrics(clusters: Mapping[str, str], truth: Mapping[str, str]) -> Metrics:
    """Pairwise precision, recall and F1 of clusters against the ground truth."""
    both = pairs(Counter((clusters[r], truth[r]) for r in truth).values())
    predicted = pairs(Counter(clusters[r] for r in truth).values())
    actual = pairs(Counter(truth.values()).values())
    precision = both / predicted if predicted else 1.0
    recall = both / actual if actual else 1.0
    return {"precision": precision, "recall": recall, "f1": f1(precision, recall),
            "true_pairs": actual}  # fmt: skip


def edge_precision(edges: Iterable[tuple[str, str]], truth: Mapping[str, str]) -> Metrics:
    found = [truth[a] == truth[b] for a, b in edges]
    return {"links": len(found), "precision": sum(found) / len(found) if found else 1.0}


def linkable(record: LinkRecord) -> bool:
    """A record with a surname and one more field a person could be told by."""
    fields = (record.given_name, record.birth_date, record.patronymic, record.unit,
              record.service_number, record.tax_number)  # fmt: skip
    return bool(record.surname.strip()) and any(value.strip() for value in fields)


def ceiling(records: Sequence[LinkRecord], truth: Mapping[str, str]) -> float:
    """Pairwise recall if every linkable record were clustered right and the rest (a given
    name alone, a surname alone) stayed alone."""
    clusters = {r.record_id: truth[r.record_id] if linkable(r) else r.record_id for r in records}
    return float(cluster_metrics(clusters, truth)["recall"])


def rule_pairs(rule: BlockingRule, table: str = "f") -> str:
    """FROM what gives the pairs `rule` finds in `table` as `l`, `r`, each once (l before r)."""
    if rule.explode is None:
        return f"{table} l JOIN {table} r ON ({rule.sql}) AND l.unique_id < r.unique_id"
    found = (
        f"SELECT DISTINCT l.unique_id AS a, r.unique_id AS b FROM {source(table, rule)} l "
        f"JOIN {source(table, rule)} r ON ({rule.sql}) AND l.unique_id < r.unique_id"
    )
    return f"({found}) p JOIN {table} l ON l.unique_id = p.a JOIN {table} r ON r.unique_id = p.b"


def blocking_recall(
    table: pa.Table,
    records: Sequence[LinkRecord],
    truth: Mapping[str, str],
    rules: Sequence[str | BlockingRule],
) -> Metrics:
    """The share of true pairs some rule compares (of all, and of the linkable ones: both
    records `linkable`); the share whose records are joined through compared true pairs
    (what clustering can reach); and how many pairs the rules compare."""
    ids = table.column("record_id").to_pylist()
    extra = pa.table({"truth_id": pa.array([truth[i] for i in ids], pa.string()),
                      "usable": pa.array([linkable(r) for r in records], pa.bool_())})  # fmt: skip
    connection = duckdb.connect()
    connection.execute("SET enable_progress_bar = false")
    connection.register("f", table.append_column("truth_id", extra.column(0))
                        .append_column("usable", extra.column(1)))  # fmt: skip
    as_rules = [r if isinstance(r, BlockingRule) else BlockingRule(r, r) for r in rules]
    condition = " OR ".join(f"coalesce(({rule.condition}), false)" for rule in as_rules)
    rows = connection.sql(
        f"SELECT l.unique_id, r.unique_id, {condition}, l.usable AND r.usable FROM f l "
        "JOIN f r ON l.truth_id = r.truth_id AND l.unique_id < r.unique_id"
    ).fetchall()
    # the pairs compared: each rule's pairs that no rule before it finds, as Splink counts them
    compared, before = 0, "false"
    for rule in as_rules:
        ((count,),) = connection.sql(
            f"SELECT count(*) FROM {rule_pairs(rule)} WHERE NOT ({before})"
        ).fetchall()
        compared += count
        before += f" OR coalesce(({rule.condition}), false)"
    connection.close()
    groups = Clusters([[None] * table.num_rows])
    for left, right, blocked, _ in rows:
        if blocked:
            groups.join(left, right)
    blocked = sum(1 for row in rows if row[2])
    joined = sum(1 for left, right, _, _ in rows if groups.find(left) == groups.find(right))
    usable = [row for row in rows if row[3]]
    total = len(rows) or 1
    return {"pairwise": blocked / total, "connected": joined / total, "compared": compared,
            "linkable": sum(1 for row in usable if row[2]) / (len(usable) or 1)}  # fmt: skip


def source_pair(sources: Mapping[str, str], a: str, b: str) -> str:
    return "–".join(sorted((sources[a].replace("_list", ""), sources[b].replace("_list", ""))))


def by_source_pair(
    clusters: Mapping[str, str],
    auto: Sequence[tuple[str, str]],
    truth: Mapping[str, str],
    sources: Mapping[str, str],
) -> list[Metrics]:
    """Per pair of source kinds: true pairs, the share clustered together, the pairs wrongly
    clustered together, and the automatic links with their precision."""
    true_pairs, found, wrong = Counter[str](), Counter[str](), Counter[str]()
    for ids in _groups(truth).values():
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                key = source_pair(sources, a, b)
                true_pairs[key] += 1
                found[key] += clusters[a] == clusters[b]
    for ids in _groups(clusters).values():
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                if truth[a] != truth[b]:
                    wrong[source_pair(sources, a, b)] += 1
    links, right = Counter[str](), Counter[str]()
    for a, b in auto:
        key = source_pair(sources, a, b)
        links[key] += 1
        right[key] += truth[a] == truth[b]
    keys = sorted(set(true_pairs) | set(wrong), key=lambda k: -true_pairs[k])
    return [{"sources": key, "true": true_pairs[key], "recall": found[key] / (true_pairs[key] or 1),
             "wrong": wrong[key], "links": links[key],
             "link_precision": right[key] / links[key] if links[key] else 1.0}
            for key in keys]  # fmt: skip


def _groups(labels: Mapping[str, str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for record, label in labels.items():
        found[label].append(record)
    return found


CHECKPOINTS = (100, 1000)


def review_gains(
    clusters: Mapping[str, str],
    review: Sequence[tuple[str, str]],
    truth: Mapping[str, str],
) -> Metrics:
    """Pairwise F1 when the review pairs are decided right in the order given (a true pair
    accepted joins its clusters; a wrong one is rejected): after the first 100, 1,000 and all."""
    members: dict[str, Counter[str]] = defaultdict(Counter)
    for record, cluster in clusters.items():
        members[cluster][truth[record]] += 1
    parent = {cluster: cluster for cluster in members}

    def find(c: str) -> str:
        while parent[c] != c:
            parent[c] = parent[parent[c]]
            c = parent[c]
        return c

    actual = pairs(Counter(truth.values()).values())
    predicted = pairs(sum(m.values()) for m in members.values())
    both = sum(pairs(m.values()) for m in members.values())
    found: Metrics = {"0": f1(both / predicted if predicted else 1.0, both / actual)}
    for done, (a, b) in enumerate(review, 1):
        ca, cb = find(clusters[a]), find(clusters[b])
        if truth[a] == truth[b] and ca != cb:
            small, large = sorted((ca, cb), key=lambda c: sum(members[c].values()))
            predicted += sum(members[small].values()) * sum(members[large].values())
            both += sum(n * members[large][t] for t, n in members[small].items())
            members[large].update(members.pop(small))
            parent[small] = large
        if done in CHECKPOINTS:
            found[str(done)] = f1(both / predicted if predicted else 1.0, both / actual)
    found["all"] = f1(both / predicted if predicted else 1.0, both / actual)
    for checkpoint in CHECKPOINTS:
        found.setdefault(str(checkpoint), found["all"])
    found["pairs"] = len(review)
    return found
