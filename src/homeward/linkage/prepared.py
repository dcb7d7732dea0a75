"""Records prepared for linkage: their feature table and the counts of their key values.

Prepare a register once and link many lists to it: features and counts are the slow part, the
linking itself takes a second or two even against a million records.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Final

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]

from homeward.linkage.blocking import BlockingRule
from homeward.linkage.comparisons import CONDITIONAL_TF, TF_COLUMNS
from homeward.linkage.features import LinkRecord
from homeward.linkage.lookup import (
    RuleTerms,
    SortedKeys,
    connect,
    register_terms,
    rule_columns,
    sorted_keys,
    value_codes,
)
from homeward.linkage.table import feature_table

# A list shorter than this is taken as a sample of a register this size (see `LinkageModel.prior`).
SMALLEST_REGISTER: Final = 1000


@dataclass(frozen=True)
class PreparedRecords:  # frozen, but `shares`, `record_shares` and the keys are cached on first use
    table: pa.Table  # `table.feature_table` output
    counts: Mapping[str, Counter[str]] = field(repr=False)  # per TF column: value → records
    totals: Mapping[str, int] = field(repr=False)  # per TF column: records with a value

    @classmethod
    def of(cls, records: Iterable[LinkRecord] | PreparedRecords | pa.Table) -> PreparedRecords:
        if isinstance(records, PreparedRecords):
            return records
        table = records if isinstance(records, pa.Table) else feature_table(records)
        counts: dict[str, Counter[str]] = {}
        totals: dict[str, int] = {}
        for column in TF_COLUMNS:
            values = table.column(column).drop_null()
            counted = pc.value_counts(values)  # in Arrow: a million rows hold far fewer values
            counts[column] = Counter(
                dict(
                    zip(
                        counted.field("values").to_pylist(),
                        counted.field("counts").to_pylist(),
                        strict=True,
                    )
                )
            )
            totals[column] = len(values)
        return cls(table, counts, totals)

    def __len__(self) -> int:
        return int(self.table.num_rows)

    def record_ids(self) -> list[str]:
        return [str(value) for value in self.table.column("record_id").to_pylist()]

    @cached_property
    def shares(self) -> dict[str, dict[str, float]]:
        """`term_frequencies` of these records alone, computed once."""
        return term_frequencies(self)

    @cached_property
    def record_shares(self) -> dict[str, pa.Array]:
        """Per TF column, each record's value's share in `shares` (null where it has no value),
        in row order, computed once: linking a list looks up the register's side of each pair
        here instead of in the dictionaries."""
        found = {}
        for column, shares in self.shares.items():
            keys = pa.array(list(shares), pa.string())
            values = pa.array(list(shares.values()), pa.float64())
            found[column] = pc.take(values, pc.index_in(self.table.column(column), keys))
        return found

    @cached_property
    def value_codes(self) -> dict[str, tuple[Any, int]]:
        """`lookup.value_codes` of these records, computed once."""
        return value_codes(self.table)

    @cached_property
    def _terms(self) -> dict[BlockingRule, tuple[RuleTerms, ...]]:
        return {}

    @cached_property
    def _sorted_keys(
        self,
    ) -> dict[tuple[tuple[str, ...], tuple[str, ...], str | None], SortedKeys]:
        return {}

    def sorted_keys(
        self, rules: Sequence[BlockingRule]
    ) -> tuple[list[tuple[RuleTerms, SortedKeys]], list[BlockingRule]]:
        """The terms of `rules` (`lookup.register_terms`), each with the register's side of it,
        hashed and sorted the first time a rule asks for it, so that a list is linked without
        reading every record once per rule; and the rules that join on no equality."""
        new = [rule for rule in dict.fromkeys(rules) if rule not in self._terms]
        if new:
            connection = connect(self.table, "known", rule_columns(" ".join(r.sql for r in new)))
            try:
                for rule in new:
                    self._terms[rule] = register_terms(connection, rule)
                missing = {
                    t.register_side: t
                    for rule in new
                    for t in self._terms[rule]
                    if t.register_side not in self._sorted_keys
                }
                for side, found in missing.items():
                    self._sorted_keys[side] = sorted_keys(connection, found)
            finally:
                connection.close()
        read = {rule: self._terms[rule] for rule in rules}
        terms = [found for alternatives in read.values() for found in alternatives]
        return (
            [(found, self._sorted_keys[found.register_side]) for found in terms],
            [rule for rule, alternatives in read.items() if not alternatives],
        )


def term_frequencies(*parts: PreparedRecords) -> dict[str, dict[str, float]]:
    """Each value's share among the records of all `parts` that have one, per TF column (the
    figure Splink would compute over its input tables). Splink is given these very tables, so
    Python and SQL weigh alike.

    `name_pair_key` ("surname|given") is conditional: the pair's share among the records of
    that surname that have a given name, P(given | surname).

    Fewer than `SMALLEST_REGISTER` records are taken as a sample of that many (as the prior
    is): in a list of four, a name seen once is not one in four of all names.
    """
    shares: dict[str, dict[str, float]] = {}
    for column in TF_COLUMNS:
        total = max(sum(part.totals[column] for part in parts), SMALLEST_REGISTER)
        counts: Counter[str] = Counter()
        for part in parts:
            counts.update(part.counts[column])
        if column in CONDITIONAL_TF:
            shares[column] = conditional_shares(counts)
        else:
            shares[column] = {value: n / total for value, n in counts.items()} if total else {}
    return shares


def conditional_shares(counts: Mapping[str, int]) -> dict[str, float]:
    """P(second | first) for "first|second" values."""
    firsts: Counter[str] = Counter()
    for value, count in counts.items():
        firsts[value.partition("|")[0]] += count
    return {value: count / firsts[value.partition("|")[0]] for value, count in counts.items()}


def tf_table(column: str, shares: Mapping[str, float]) -> pa.Table:
    return pa.table(
        {
            column: pa.array(list(shares), pa.string()),
            f"tf_{column}": pa.array(list(shares.values()), pa.float64()),
        }
    )


# The pull of the given name's share among all persons on P(given | surname) when few other
# persons bear the surname (a pseudo-count; see `person_frequencies`).
_GIVEN_PRIOR_PERSONS: Final = 2.0
# The least a value held by no other person may count for (Good–Turing's estimate is taken
# within these bounds: a value seen once may be rarer than one in the register, but not absent).
_UNSEEN_BOUNDS: Final = (0.1, 1.0)


def person_frequencies(
    prepared: PreparedRecords, groups: Sequence[int]
) -> dict[str, dict[str, float]]:
    """Term frequencies counted over persons, not records, given a first grouping of the records
    into persons (`groups[i]`: the group of record i, as `Clusters.roots` gives).

    A frequency stands for u: the chance that the record of *another* person agrees on the
    value. Counted over records, a rare surname borne by one person with five reports looks five
    times as common as it is, and the given name seems to come with that surname every time, so
    a report carrying only his rare name and given name never reaches an automatic link. Here:

    - each value counts the groups that hold it, less the one whose pair is being weighed:
      `(groups − 1) / (persons − 1)`; a value no other group holds counts as Good–Turing's
      estimate for a value seen once, `2·N₂ / N₁` of a person (within `_UNSEEN_BOUNDS`);
    - `name_pair_key` is P(given | surname) among the *other* persons of that surname, drawn
      towards the given name's share among all persons when they are few:
      `(pair − 1 + a·share(given)) / (surname − 1 + a)`, with a = `_GIVEN_PRIOR_PERSONS`.

    Records split by the first grouping count twice (the figures err towards caution); records
    it joined wrongly count once (it joins only at the automatic threshold).
    """
    import numpy as np

    group = np.asarray(groups, np.int64).reshape(-1)
    table = prepared.table.select(list(TF_COLUMNS)).append_column("group", pa.array(group))
    # groups are positions (`Clusters.roots`): counted by position, else by sorting
    small = len(group) == 0 or (int(group.min()) >= 0 and int(group.max()) < 4 * len(group) + 16)
    shares: dict[str, dict[str, float]] = {}
    holders: dict[str, tuple[pa.Array, Any]] = {}  # per column: the values, how many groups
    for column in TF_COLUMNS:
        present = table.filter(pc.is_valid(table.column(column)))
        counted = present.group_by(column).aggregate([("group", "count_distinct")])
        values = counted.column(column).combine_chunks()
        counts = counted.column("group_count_distinct").to_numpy().astype(np.int64)
        holders[column] = (values, counts)
        held = group[pc.is_valid(table.column(column)).to_numpy(zero_copy_only=False)]
        persons = int(np.count_nonzero(np.bincount(held))) if small else len(np.unique(held))
        if column in CONDITIONAL_TF:
            continue
        once, twice = int(np.count_nonzero(counts == 1)), int(np.count_nonzero(counts == 2))
        low, high = _UNSEEN_BOUNDS
        unseen = min(max(2 * twice / once, low), high) if once else high
        others = max(persons - 1, 1)
        share = np.maximum((counts - 1).astype(np.float64), unseen) / others
        shares[column] = dict(zip(values.to_pylist(), share.tolist(), strict=True))
        holders[column] = (values, counts)
    for column in CONDITIONAL_TF:
        values, counts = holders[column]
        parts = pc.extract_regex(values, r"^(?P<first>[^|]*)\|?(?P<given>(?s:.*))$")
        first, given = parts.field("first"), parts.field("given")
        keys = pa.array(list(shares["given_key"]), pa.string())
        given_share = pc.take(
            pa.array(list(shares["given_key"].values()), pa.float64()), pc.index_in(given, keys)
        )
        if given_share.null_count:  # a given name without a share: as the values read it
            raise KeyError(given.filter(pc.is_null(given_share))[0].as_py())
        # per value, how many groups hold its surname with any given name
        codes = first.dictionary_encode().indices.to_numpy().astype(np.int64)
        by_first = np.bincount(codes, weights=counts, minlength=int(codes.max(initial=-1)) + 1)
        a = _GIVEN_PRIOR_PERSONS
        share = ((counts - 1).astype(np.float64) + a * given_share.to_numpy()) / (
            by_first[codes].astype(np.int64).astype(np.float64) - 1 + a
        )
        shares[column] = dict(zip(values.to_pylist(), share.tolist(), strict=True))
    return shares
