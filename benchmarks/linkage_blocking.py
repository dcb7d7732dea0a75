"""Blocking alone, against the ground truth: what each rule compares and keeps, and why the
linkable true pairs no rule compares are missed.

    .venv/bin/python benchmarks/linkage_blocking.py --size 10k [--population demo|independent|both]
        [--seed 1] [--misses 0] [--candidates] [--timing] [--features DIR]

For each population (the reports of benchmarks/linkage.py, the same cache): the pairs each rule
adds (in order: a pair counts under the first rule that finds it, as Splink compares it), the
linkable true pairs it adds, the time of the join; the total beside the linkable true pairs
kept; then the missed linkable true pairs by cause (from the features: which of surname,
given name, date of birth agree and how) and, for the independent population, by the noise its
generator wrote into the two reports. `--misses N` prints N missed pairs. `--candidates`
measures instead the rules of `CANDIDATES` (measured and left out), each alone on top of the
package's rules and all together. `--timing` times instead the deduplication's own blocking
(`pairs.blocked_positions`): each rule alone and all of them together, CPU beside wall, the
feature table kept in `--features DIR` so that runs of two versions read the same one.
Nothing here trains or tunes the model; the rules were chosen with it on the independent
population (docs/linkage.md, "Blocking"), which is said there.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

sys.path.insert(0, str(Path(__file__).resolve().parent))

from homeward.linkage.blocking import (
    BLOCKING_RULES,
    YEARS_CLOSE,
    BlockingRule,
    on,
    one_side,
    years_close,
)
from homeward.linkage.pairs import blocked_positions
from homeward.linkage.prepared import PreparedRecords
from linkage import size_of
from linkage_metrics import linkable, rule_pairs
from linkage_stages import population_path, read_population


def _connection(table: pa.Table) -> Any:
    connection = duckdb.connect()
    connection.execute("SET enable_progress_bar = false")
    connection.register("f", table)
    return connection


def per_rule(
    table: pa.Table,
    rules: tuple[BlockingRule, ...],
    earlier_rules: tuple[BlockingRule, ...] = (),
    *,
    chained: bool = True,
) -> list[dict[str, Any]]:
    """Pairs and linkable true pairs each rule adds to the rules before it (to `earlier_rules`
    alone when not `chained`), and its time."""
    connection = _connection(table)
    rows = []
    before: list[str] = [rule.condition for rule in earlier_rules]
    for rule in rules:
        earlier = " OR ".join(f"coalesce(({sql}), false)" for sql in before) or "false"
        started = time.perf_counter()
        ((pairs, true_pairs),) = connection.sql(
            f"SELECT count(*), coalesce(sum(CASE WHEN l.truth_id = r.truth_id AND l.usable AND "
            f"r.usable THEN 1 ELSE 0 END), 0) FROM {rule_pairs(rule)} WHERE NOT ({earlier})"
        ).fetchall()
        rows.append({"rule": rule.name, "pairs": pairs, "true": true_pairs,
                     "seconds": time.perf_counter() - started})  # fmt: skip
        if chained:
            before.append(rule.condition)
    connection.close()
    return rows


def missed(table: pa.Table, rules: tuple[BlockingRule, ...]) -> list[dict[str, Any]]:
    """The linkable true pairs no rule compares, with both records' features."""
    connection = _connection(table)
    condition = " OR ".join(f"coalesce(({rule.condition}), false)" for rule in rules)
    found = connection.sql(
        f"SELECT l.*, r.* FROM f l JOIN f r ON l.truth_id = r.truth_id "
        f"AND l.unique_id < r.unique_id WHERE l.usable AND r.usable AND NOT ({condition})"
    )
    names = found.columns
    half = len(names) // 2
    result = []
    for values in found.fetchall():
        result.append({"l": dict(zip(names[:half], values[:half], strict=True)),
                       "r": dict(zip(names[:half], values[half:], strict=True))})  # fmt: skip
    connection.close()
    return result


def cause(pair: dict[str, Any]) -> str:
    """Which names and dates the two records share, and how."""
    left, right = pair["l"], pair["r"]

    def same(column: str) -> bool:
        return left[column] is not None and left[column] == right[column]

    swapped = left["surname_key"] is not None and (
        left["surname_key"] == right["given_as_surname_key"]
        or left["given_as_surname_key"] == right["surname_key"]
    )
    if same("surname_key"):
        surname = "surname same"
    elif same("surname_phonetic"):
        surname = "surname sounds alike"
    elif swapped:
        surname = "swapped"
    else:
        surname = "surname differs"
    if left["given_key"] is None or right["given_key"] is None:
        given = "a given name missing"
    elif same("given_key"):
        given = "given same"
    elif same("given_phonetic"):
        given = "given sounds alike"
    elif same("given_initial"):
        given = "given initial only"
    else:
        given = "given differs"
    if left["birth_year"] is None or right["birth_year"] is None:
        birth = "a birth date missing"
    elif same("birth_year"):
        birth = "birth year same"
    else:
        birth = "birth year differs"
    return f"{surname}; {given}; {birth}"


_ACROSS = "l.surname_key = r.given_as_surname_key"
_ACROSS_MIRROR = "l.given_as_surname_key = r.surname_key"
_SURNAME_ENDS = (
    "substr(l.surname_key, 1, 2) = substr(r.surname_key, 1, 2) AND "
    "right(l.surname_key, 3) = right(r.surname_key, 3)"
)
_SOUND_INITIAL = on("surname_phonetic", "given_initial")


def _one_letter(name: str, sql: str) -> BlockingRule:
    """A surname one letter off (`blocking.ONE_LETTER_RULES`) with `sql`."""
    return BlockingRule(
        f"surname one letter off, {name}",
        f"l.surname_deletions = r.surname_deletions AND l.surname_key <> r.surname_key AND {sql}",
        explode="surname_deletions",
    )


# Measured and left out (docs/linkage-history.md, rounds 3, 7 and 10): on the independent
# population at 100,000 reports each keeps under 3% of the pairs it adds true (most under 2%); the
# sound rules under 0.5% on the demo population.
CANDIDATES = (
    *years_close("surname sound, given initial", _SOUND_INITIAL),
    *one_side("surname sound, given initial", _SOUND_INITIAL, "birth_year"),
    BlockingRule("surname key and place of disappearance", on("surname_key", "missing_place_key")),
    *years_close(
        "surname sound, no given name on the left",
        f"{on('surname_phonetic')} AND l.given_key IS NULL",
    ),
    *years_close(
        "surname sound, no given name on the right",
        f"{on('surname_phonetic')} AND r.given_key IS NULL",
    ),
    BlockingRule(
        "surname sound and place of disappearance", on("surname_phonetic", "missing_place_key")
    ),
    BlockingRule("given key, surname ends", f"{on('given_key')} AND {_SURNAME_ENDS}"),
    BlockingRule(
        "surname's first two letters, given name and birth year",
        f"substr(l.surname_key, 1, 2) = substr(r.surname_key, 1, 2) AND "
        f"{on('given_key', 'birth_year')}",
    ),
    # swapped columns with a slip: one name agrees across the columns, the other begins alike
    BlockingRule(
        "one name across columns, the other's two letters, years close",
        f"{_ACROSS} AND substr(l.given_as_surname_key, 1, 2) = substr(r.surname_key, 1, 2) "
        f"AND {YEARS_CLOSE}",
    ),
    BlockingRule(
        "one name across columns, the other's two letters, years close (mirror)",
        f"{_ACROSS_MIRROR} AND substr(l.surname_key, 1, 2) = substr(r.given_as_surname_key, 1, 2) "
        f"AND {YEARS_CLOSE}",
    ),
    # a surname one letter off with less than the rules kept: each under 2% true
    _one_letter("given initial, birth years close", f"{on('given_initial')} AND {YEARS_CLOSE}"),
    _one_letter(
        "given initial, no birth year on one side",
        f"{on('given_initial')} AND (l.birth_year IS NULL OR r.birth_year IS NULL)",
    ),
    _one_letter("patronymic", on("patronymic_key")),
    _one_letter("place of disappearance", on("missing_place_key")),
    _one_letter(
        "no given name and no birth year on one side",
        "(l.given_key IS NULL OR r.given_key IS NULL) "
        "AND (l.birth_year IS NULL OR r.birth_year IS NULL)",
    ),
    # a surname two letters off with less than the rules kept (`blocking.TWO_LETTERS_RULES`):
    # the given name and the birth years close or one absent, under 1% true
    BlockingRule(
        "surname's first three letters, two letters off, given name, years close or one absent",
        "substr(l.surname_key, 1, 3) = substr(r.surname_key, 1, 3) AND "
        "l.given_full_key = r.given_full_key AND levenshtein(l.surname_key, r.surname_key) <= 2 "
        f"AND ({YEARS_CLOSE} OR l.birth_year IS NULL OR r.birth_year IS NULL)",
    ),
    # a surname alone and the surname's sound, kept close by the keys two letters apart: 1.8%
    *years_close(
        "surname sound two letters off, no given name on the left",
        f"{on('surname_phonetic')} AND l.given_key IS NULL AND "
        "levenshtein(l.surname_key, r.surname_key) <= 2",
    ),
    *years_close(
        "surname sound two letters off, no given name on the right",
        f"{on('surname_phonetic')} AND r.given_key IS NULL AND "
        "levenshtein(l.surname_key, r.surname_key) <= 2",
    ),
    # the columns swapped beside a surname alone: one record's given name is the other's
    # surname, on either side
    *(
        BlockingRule(
            f"given name as the other's surname, no given name on the {name}, years close or "
            "absent",
            f"{across} AND {alone}.given_key IS NULL AND "
            f"({YEARS_CLOSE} OR l.birth_year IS NULL OR r.birth_year IS NULL)",
        )
        for name, across, alone in (("right", _ACROSS_MIRROR, "r"), ("left", _ACROSS, "l"))
    ),
)


def candidates(table: pa.Table) -> None:
    """Each candidate on top of the package's rules alone, then all of them in order."""
    base = per_rule(table, BLOCKING_RULES)
    print(f"  package rules: {sum(r['pairs'] for r in base):,} pairs, "
          f"{sum(r['true'] for r in base):,} linkable true")  # fmt: skip
    print(f"  {'candidate, alone on top':68s} {'pairs added':>12s} {'true added':>10s} "
          f"{'seconds':>8s}")  # fmt: skip
    alone = per_rule(table, CANDIDATES, BLOCKING_RULES, chained=False)
    for rule, row in zip(CANDIDATES, alone, strict=True):
        print(f"  {rule.name:68s} {row['pairs']:>12,} {row['true']:>10,} "
              f"{row['seconds']:>8.2f}")  # fmt: skip
    rows = per_rule(table, CANDIDATES, BLOCKING_RULES)
    print(f"  all candidates in order: {sum(r['pairs'] for r in rows):,} pairs, "
          f"{sum(r['true'] for r in rows):,} linkable true")  # fmt: skip


def timing(table: pa.Table) -> None:
    """The deduplication's blocking (`pairs.blocked_positions`), each rule alone (its columns
    numbered too) and all of them at once: pairs, a digest of them (to compare two versions),
    CPU and wall seconds."""
    print(f"  {'rule, alone':76s} {'pairs':>11s} {'digest':>8s} {'CPU s':>7s} {'wall s':>7s}")
    cpu_total = wall_total = 0.0
    for rule in BLOCKING_RULES:
        cpu, wall = time.process_time(), time.perf_counter()
        found = blocked_positions(table, (rule,))
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        cpu_total, wall_total = cpu_total + cpu, wall_total + wall
        print(f"  {rule.name[:76]:76s} {len(found[0]):>11,} {_digest(found)} {cpu:>7.2f} "
              f"{wall:>7.2f}")  # fmt: skip
    print(f"  {'sum of the rules alone':76s} {'':>20s} {cpu_total:>7.2f} {wall_total:>7.2f}")
    for _ in range(2):
        cpu, wall = time.process_time(), time.perf_counter()
        found = blocked_positions(table, BLOCKING_RULES)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        print(f"  {'all rules together':76s} {len(found[0]):>11,} {_digest(found)} {cpu:>7.2f} "
              f"{wall:>7.2f}")  # fmt: skip
        del found


def _digest(positions: tuple[Any, Any]) -> str:
    import hashlib

    import numpy as np

    left, right = (np.ascontiguousarray(side, np.int64) for side in positions)
    return hashlib.blake2b(left.tobytes() + right.tobytes(), digest_size=4).hexdigest()


def _features(size: int, seed: int, population: str, folder: Path | None) -> pa.Table:
    """The feature table of the population's reports, read from `folder` if kept there."""
    path = folder / f"features-{population}-{size}-{seed}.parquet" if folder else None
    if path is not None and path.exists():
        return pq.read_table(path)
    records, _ = read_population(size, seed, population)
    table = PreparedRecords.of(records).table
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(table, path)
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=size_of, default=10_000)
    parser.add_argument("--population", choices=("demo", "independent", "both"), default="both")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--candidates", action="store_true", help="measure candidate rules")
    parser.add_argument("--misses", type=int, default=0, help="missed pairs to print")
    parser.add_argument("--timing", action="store_true", help="time the deduplication's blocking")
    parser.add_argument("--features", type=Path, help="a folder to keep feature tables in")
    args = parser.parse_args()
    populations = ("demo", "independent") if args.population == "both" else (args.population,)
    for population in populations:
        if args.timing:
            table = _features(args.size, args.seed, population, args.features)
            print(f"\n=== {population}: {args.size:,} reports, blocking timed")
            timing(table)
            continue
        records, truth = read_population(args.size, args.seed, population)
        noise = pq.read_table(population_path(args.size, args.seed, population)).column("noise")
        started = time.perf_counter()
        table = PreparedRecords.of(records).table
        features_seconds = time.perf_counter() - started
        table = (
            table.append_column("truth_id", pa.array([truth[r.record_id] for r in records]))
            .append_column("usable", pa.array([linkable(r) for r in records], pa.bool_()))
            .append_column("noise", noise)
        )
        print(f"\n=== {population}: {args.size:,} reports (features {features_seconds:.1f} s)")
        if args.candidates:
            candidates(table)
            continue
        rows = per_rule(table, BLOCKING_RULES)
        misses = missed(table, BLOCKING_RULES)
        kept = sum(row["true"] for row in rows)
        total = kept + len(misses)
        print(f"  {'rule':58s} {'pairs added':>12s} {'true added':>10s} {'seconds':>8s}")
        for row in rows:
            print(f"  {row['rule']:58s} {row['pairs']:>12,} {row['true']:>10,} "
                  f"{row['seconds']:>8.2f}")  # fmt: skip
        print(f"  all rules: {sum(r['pairs'] for r in rows):,} pairs in "
              f"{sum(r['seconds'] for r in rows):.1f} s; linkable true pairs kept {kept:,} of "
              f"{total:,} ({kept / (total or 1):.4f})")  # fmt: skip
        print(f"  missed linkable true pairs by what they share ({len(misses):,}):")
        for reason, n in Counter(cause(p) for p in misses).most_common(25):
            print(f"    {n:>6,}  {reason}")
        labels = Counter[str]()
        for pair in misses:
            words = {*(pair["l"]["noise"] or "").split(), *(pair["r"]["noise"] or "").split()}
            labels.update(w for w in words if not w.startswith(("latin:", "birth:")))
        if labels:
            print("  noise in either report of the missed pairs (a pair counts under each):")
            for label, n in labels.most_common(15):
                print(f"    {n:>6,}  {label}")
        columns = ("source", "surname_folded", "given_folded", "patronymic_key", "birth_date",
                   "birth_place_key", "unit_code", "noise")  # fmt: skip
        for pair in misses[: args.misses]:
            print("   ", " | ".join(str(pair["l"][c]) for c in columns))
            print("   ", " | ".join(str(pair["r"][c]) for c in columns), "\n")


if __name__ == "__main__":
    main()
