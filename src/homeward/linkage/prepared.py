"""Records prepared for linkage: their feature table and the counts of their key values.

Prepare a register once and link many lists to it: features and counts are the slow part, the
linking itself takes a second or two even against a million records.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Final

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]

from homeward.linkage.comparisons import CONDITIONAL_TF, TF_COLUMNS
from homeward.linkage.features import LinkRecord
from homeward.linkage.table import feature_table

# A list shorter than this is taken as a sample of a register this size (see `LinkageModel.prior`).
SMALLEST_REGISTER: Final = 1000


@dataclass(frozen=True)
class PreparedRecords:  # frozen, but `shares` is cached on first use
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
            counts[column] = Counter(
                {item["values"]: item["counts"] for item in pc.value_counts(values).to_pylist()}
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
