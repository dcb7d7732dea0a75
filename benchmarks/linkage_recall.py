"""Where recall is lost: the true pairs that blocking compared but the clusters keep apart, and why.

    PYTHONPATH=src .venv/bin/python benchmarks/linkage_recall.py --size 100k
        [--population demo|independent] [--seed 1] [--samples 8]

Deduplicates the first `--size` reports of a benchmark population (benchmarks/linkage.py's, the
same cache) with the shipped model and, against the ground truth, sorts every true pair whose
two reports end in different clusters by the fate of its own comparison:

- not blocked (no rule compared it), below review, in the review band;
- above the automatic threshold but refused: vetoed (two numbers), by a guard (the given names
  differ, half a name, …), by the clusters (two numbers in one cluster, one weak link between
  two groups: the 30% rule);
- linked automatically, yet the two reports in different clusters (cannot happen: a check).

Pairs are counted twice over: each true pair lost by its own fate (what the pairwise recall
counts), and per two fragments of one person, the fate of the likeliest pair between them
weighed by the pairs that joining the two fragments would win (what one decision could recover).
Both by source pair; samples of the values behind each guard. Develop on the demo population and
on the independent one at another seed than 1 (the measurement): nothing is tuned on seed 1.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa  # type: ignore[import-untyped]

sys.path.insert(0, str(Path(__file__).resolve().parent))

from homeward.linkage.batch import DedupeResult, Thresholds, dedupe
from homeward.linkage.blocking import BLOCKING_RULES
from homeward.linkage.features import LinkRecord
from homeward.linkage.model import LinkageModel
from homeward.linkage.prepared import PreparedRecords
from linkage_metrics import cluster_metrics, edge_precision, linkable, source_pair
from linkage_stages import read_population

NOT_BLOCKED = "not blocked"
BELOW_REVIEW = "below review"
IN_REVIEW = "in the review band"
VETOED = "vetoed: two numbers"
LINKED = "linked, yet apart (a fault)"
NO_PAIR = "no pair between them at or above review"


def true_pairs_blocked(table: pa.Table, truth: Mapping[str, str]) -> dict[tuple[str, str], bool]:
    """Every true pair (ids in the table's order) and whether some blocking rule compares it."""
    ids = table.column("record_id").to_pylist()
    connection = duckdb.connect()
    connection.execute("SET enable_progress_bar = false")
    connection.register(
        "f", table.append_column("truth_id", pa.array([truth[i] for i in ids], pa.string()))
    )
    condition = " OR ".join(f"coalesce(({rule.sql}), false)" for rule in BLOCKING_RULES)
    rows = connection.sql(
        f"SELECT l.record_id, r.record_id, {condition} FROM f l "
        "JOIN f r ON l.truth_id = r.truth_id AND l.unique_id < r.unique_id"
    ).fetchall()
    connection.close()
    return {(a, b): bool(blocked) for a, b, blocked in rows}


def fates(result: DedupeResult, auto: float) -> dict[frozenset[str], tuple[str, float]]:
    """Each auto or review pair's fate and probability, by its two ids."""
    edges = result.edges
    names = ("left_id", "right_id", "decision", "refused", "vetoed", "match_probability")
    columns = [edges.column(name).to_pylist() for name in names]
    found: dict[frozenset[str], tuple[str, float]] = {}
    for left, right, decision, refused, vetoed, probability in zip(*columns, strict=True):
        if decision == "auto":
            fate = LINKED
        elif vetoed and refused is None and probability >= auto:
            fate = VETOED
        elif refused:
            fate = f"refused: {refused}"
        else:
            fate = IN_REVIEW
        found[frozenset((left, right))] = (fate, probability)
    return found


def analyse(
    result: DedupeResult,
    records: Sequence[LinkRecord],
    truth: Mapping[str, str],
    blocked: Mapping[tuple[str, str], bool],
    auto: float = Thresholds().auto,
) -> dict[str, Any]:
    """The lost true pairs by fate (overall, linkable only, by source pair) and the fragments."""
    clusters = result.clusters
    sources = {r.record_id: r.source for r in records}
    usable = {r.record_id: linkable(r) for r in records}
    fate_of = fates(result, auto)
    lost, lost_linkable = Counter[str](), Counter[str]()
    by_source: dict[str, Counter[str]] = defaultdict(Counter)
    examples: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for (a, b), was_blocked in blocked.items():
        if clusters[a] == clusters[b]:
            continue
        fate = fate_of.get(frozenset((a, b)), (BELOW_REVIEW if was_blocked else NOT_BLOCKED, 0))[0]
        lost[fate] += 1
        if usable[a] and usable[b]:
            lost_linkable[fate] += 1
        by_source[source_pair(sources, a, b)][fate] += 1
        examples[fate].append((a, b))
    edges = result.edges
    links = [(a, b) for a, b, d in zip(edges.column("left_id").to_pylist(),
            edges.column("right_id").to_pylist(), edges.column("decision").to_pylist(),
            strict=True) if d == "auto"]  # fmt: skip
    return {
        "metrics": cluster_metrics(clusters, truth),
        "auto": edge_precision(links, truth),
        "true_pairs": len(blocked),
        "lost": lost,
        "lost_linkable": lost_linkable,
        "by_source": by_source,
        "fragments": fragments(clusters, truth, fate_of),
        "examples": examples,
    }


def fragments(
    clusters: Mapping[str, str],
    truth: Mapping[str, str],
    fate_of: Mapping[frozenset[str], tuple[str, float]],
) -> Counter[str]:
    """Per two clusters holding reports of one person: the pairs that joining them would win
    (a·b), counted under the fate of the likeliest pair between them."""
    parts: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for record, person in truth.items():
        parts[person][clusters[record]].append(record)
    won = Counter[str]()
    for split in parts.values():
        if len(split) < 2:
            continue
        groups = list(split.values())
        for i, group_a in enumerate(groups):
            for group_b in groups[i + 1 :]:
                best = (NO_PAIR, -1.0)
                for a in group_a:
                    for b in group_b:
                        found = fate_of.get(frozenset((a, b)))
                        if found and found[1] > best[1]:
                            best = found
                won[best[0]] += len(group_a) * len(group_b)
    return won


def report(
    title: str,
    analysis: dict[str, Any],
    table: pa.Table,
    samples: int,
) -> None:
    m, total = analysis["metrics"], analysis["true_pairs"]
    print(f"\n{title}: precision {m['precision']:.4f} recall {m['recall']:.4f} "
          f"F1 {m['f1']:.4f}; {total:,} true pairs; {analysis['auto']['links']:,} automatic "
          f"links, precision {analysis['auto']['precision']:.5f}")  # fmt: skip
    lost, lost_linkable = analysis["lost"], analysis["lost_linkable"]
    print(
        f"  true pairs in different clusters, by their own pair's fate "
        f"({sum(lost.values()):,}, {sum(lost.values()) / total:.3f} of the true pairs):"
    )
    print(f"    {'fate':80s} {'pairs':>8s} {'share':>6s} {'linkable':>9s}")
    for fate, n in lost.most_common():
        print(f"    {fate:80s} {n:8,} {n / total:6.3f} {lost_linkable[fate]:9,}")
    won = analysis["fragments"]
    print(f"  two fragments of one person: the pairs joining them would win, by the fate of the "
          f"likeliest pair between them ({sum(won.values()):,}):")  # fmt: skip
    for fate, n in won.most_common():
        print(f"    {fate:80s} {n:8,} {n / total:6.3f}")
    fates_seen = [fate for fate, _ in lost.most_common()]
    print("  by source pair (lost pairs by fate):")
    short = {fate: _short(fate) for fate in fates_seen}
    print(f"    {'sources':24s}" + "".join(f"{short[f]:>12s}" for f in fates_seen))
    for key, counts in sorted(analysis["by_source"].items(), key=lambda kv: -sum(kv[1].values())):
        print(f"    {key:24s}" + "".join(f"{counts[f]:12,}" for f in fates_seen))
    if samples:
        ids = table.column("record_id").to_pylist()
        position = {record_id: k for k, record_id in enumerate(ids)}
        shown = ("surname_folded", "given_folded", "patronymic_key", "birth_date", "sex",
                 "source")  # fmt: skip
        columns = {name: table.column(name).to_pylist() for name in shown if name in
                   table.column_names}  # fmt: skip
        for fate, pairs in analysis["examples"].items():
            if fate in (NOT_BLOCKED, BELOW_REVIEW):
                continue
            print(f"  samples, {fate}:")
            step = max(len(pairs) // samples, 1)
            for a, b in pairs[::step][:samples]:
                left = " / ".join(str(columns[c][position[a]]) for c in columns)
                right = " / ".join(str(columns[c][position[b]]) for c in columns)
                print(f"    {left}  ~  {right}")


def _short(fate: str) -> str:
    return {
        NOT_BLOCKED: "unblocked",
        NO_PAIR: "none",
        BELOW_REVIEW: "below rev.",
        IN_REVIEW: "review",
        VETOED: "veto",
        LINKED: "FAULT",
        "refused: the given names differ": "given",
        "refused: a record holds half a name": "half name",
        "refused: the circumstances of disappearance carry it": "circumst.",
        "refused: it would join two groups that the other pairs between them do not bear out": (
            "weak link"
        ),
        "refused: it would put two different numbers in one cluster": "2 numbers",
        "refused: the patronymics differ": "patronymic",
        "refused: the dates of birth differ": "birth date",
        "refused: the sexes differ": "sex",
    }.get(fate, fate[:11])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="100k")
    parser.add_argument("--population", choices=("demo", "independent"), default="demo")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--samples", type=int, default=8)
    args = parser.parse_args()
    from linkage import size_of

    size = size_of(args.size)
    records, truth = read_population(size, args.seed, args.population)
    prepared = PreparedRecords.of(records)
    result = dedupe(prepared, model=LinkageModel.load(), thresholds=Thresholds())
    blocked = true_pairs_blocked(prepared.table, truth)
    analysis = analyse(result, records, truth, blocked)
    title = f"{args.population} population, {size:,} reports, seed {args.seed}"
    report(title, analysis, prepared.table, args.samples)


if __name__ == "__main__":
    main()
