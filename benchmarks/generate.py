"""How fast the synthetic population is generated, and whether memory stays flat.

    python benchmarks/generate.py --persons 100000 [--seed 1]

Prints the time to build the name tables (once per process), persons and reports per second of
CPU time while streaming, and the resident memory at intervals: it should stop growing once the
caches are full, whatever the number of persons.
"""

from __future__ import annotations

import argparse
import resource
import time
from collections import Counter

from homeward.demo.names_pool import name_tables
from homeward.demo.population import generate


def _rss_mib() -> float:
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    start = time.process_time()
    name_tables()
    print(f"name tables: {time.process_time() - start:.1f} s, RSS {_rss_mib():.0f} MiB")

    reports = 0
    statuses: Counter[str] = Counter()
    step = max(args.persons // 10, 1)
    start = time.process_time()
    for number, person in enumerate(generate(persons=args.persons, seed=args.seed), 1):
        reports += len(person.reports)
        statuses[person.expected_status] += 1
        if number % step == 0:
            print(f"  {number:>9,} persons, RSS {_rss_mib():.0f} MiB")
    elapsed = time.process_time() - start
    print(
        f"{args.persons:,} persons, {reports:,} reports in {elapsed:.1f} s of CPU: "
        f"{args.persons / elapsed:,.0f} persons/s, {reports / elapsed:,.0f} reports/s"
    )
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    print("statuses:", ", ".join(f"{k} {v / args.persons:.1%}" for k, v in statuses.most_common()))


if __name__ == "__main__":
    main()
