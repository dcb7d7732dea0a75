"""Train the default linkage model on the synthetic population and save it in the package.

    .venv/bin/python scripts/train_default_model.py [--reports 100000] [--seed 1001]

The population's seed differs from the benchmark's (1), so that the benchmark measures the
shipped model on data it was not trained on. Training is unsupervised (EM): the ground truth of
the population is not used. Rerun it whenever the comparisons or the features change.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Iterator
from pathlib import Path

from homeward.demo.population import generate
from homeward.linkage.features import LinkRecord
from homeward.linkage.model import DEFAULT_MODEL_PATH
from homeward.linkage.table import RAW_FIELDS
from homeward.linkage.training import train_model

FIELDS = tuple(name for name in RAW_FIELDS if name != "source")


def synthetic_records(reports: int, seed: int) -> Iterator[LinkRecord]:
    """The first `reports` reports of the synthetic population of `seed`, as records."""
    count = 0
    for person in generate(persons=reports, seed=seed):
        for report in person.reports:
            fields = {name: report.fields[name] for name in FIELDS}
            yield LinkRecord(report.report_id, source=report.source_kind, **fields)
            count += 1
            if count >= reports:
                return


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1001)
    parser.add_argument("--max-pairs", type=float, default=5e6)
    parser.add_argument("--out", type=Path, default=DEFAULT_MODEL_PATH)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    records = list(synthetic_records(args.reports, args.seed))
    model = train_model(
        records,
        seed=1,
        max_pairs=args.max_pairs,
        description=(
            f"trained on {len(records):,} reports of the synthetic population "
            f"(seed {args.seed}) by python scripts/train_default_model.py"
        ),
    )
    model.save(args.out)
    elapsed = time.perf_counter() - started
    print(f"model {model.version} saved to {args.out} in {elapsed:.0f} s")


if __name__ == "__main__":
    main()
