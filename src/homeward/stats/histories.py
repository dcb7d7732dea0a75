"""Capture histories: which lists hold each person, counted per history. Pure but for reading
a file (`read_histories`).

A capture-history table has one 0/1 column per list and then the number of persons with that
history, as in the UK test vector:

    "LA","NG","PFNCA","GO","GP","count"
    1,0,0,0,0,54
    1,1,0,0,0,15

The history on no list is never observed: it is what multiple systems estimation estimates.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from types import MappingProxyType

from homeward.errors import InvalidInput

History = tuple[int, ...]
MIN_LISTS = 3
MAX_LISTS = 12  # 4,095 histories; more lists than that are not a capture-history table


@dataclass(frozen=True)
class CaptureHistories:
    """Persons counted by the lists that hold them; `origin` names the table in messages."""

    lists: tuple[str, ...]
    counts: Mapping[History, int]
    origin: str = "the table"
    _frozen: Mapping[History, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if len(self.lists) < MIN_LISTS:
            raise InvalidInput(
                self.origin,
                "needs at least %(least)s lists; it has %(count)s (%(value)s)",
                least=MIN_LISTS,
                count=len(self.lists),
                value=", ".join(self.lists) or "none",
            )
        if len(self.lists) > MAX_LISTS:
            raise InvalidInput(
                self.origin,
                "has %(count)s lists; at most %(most)s",
                count=len(self.lists),
                most=MAX_LISTS,
            )
        if len(set(self.lists)) != len(self.lists):
            raise InvalidInput(self.origin, "names a list twice")
        merged: dict[History, int] = {}
        for history, count in self.counts.items():
            if len(history) != len(self.lists) or any(v not in (0, 1) for v in history):
                raise InvalidInput(
                    self.origin, "%(history)s is not a history over the lists", history=history
                )
            if not any(history):
                raise InvalidInput(self.origin, "a history on no list cannot be observed")
            if count < 0:
                raise InvalidInput(self.origin, "%(history)s has a negative count", history=history)
            if count:
                merged[history] = merged.get(history, 0) + count
        object.__setattr__(self, "_frozen", MappingProxyType(merged))
        object.__setattr__(self, "counts", self._frozen)

    @property
    def observed(self) -> int:
        """Persons on at least one list: the documented."""
        return sum(self.counts.values())

    def on_list(self, index: int) -> int:
        return sum(c for h, c in self.counts.items() if h[index])

    def overlap(self, first: int, second: int) -> int:
        """Persons on both lists, whatever other lists hold them."""
        return sum(c for h, c in self.counts.items() if h[first] and h[second])

    def any_overlap(self) -> bool:
        return any(sum(h) >= 2 for h in self.counts)

    def lists_without_overlap(self) -> tuple[str, ...]:
        """Lists that share no person with any other list."""
        alone = []
        for i, name in enumerate(self.lists):
            if self.on_list(i) and not any(
                self.overlap(i, j) for j in range(len(self.lists)) if j != i
            ):
                alone.append(name)
        return tuple(alone)

    def empty_lists(self) -> tuple[str, ...]:
        return tuple(name for i, name in enumerate(self.lists) if not self.on_list(i))

    def without_lists(self, names: Iterable[str]) -> CaptureHistories:
        """The same persons over the other lists (those on none of them are then unobserved)."""
        dropped = set(names)
        keep = [i for i, name in enumerate(self.lists) if name not in dropped]
        counts: dict[History, int] = {}
        for history, count in self.counts.items():
            kept = tuple(history[i] for i in keep)
            if any(kept):
                counts[kept] = counts.get(kept, 0) + count
        return CaptureHistories(tuple(self.lists[i] for i in keep), counts, self.origin)

    def pairs(self) -> list[tuple[int, int]]:
        return list(combinations(range(len(self.lists)), 2))

    def rows(self) -> list[tuple[History, int]]:
        """The observed histories with their counts, most lists last, as a table prints them."""
        return sorted(self.counts.items(), key=lambda item: (sum(item[0]), [-v for v in item[0]]))


def read_histories(path: Path) -> CaptureHistories:
    """A capture-history table from a CSV file; every problem names the file, row and field."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise InvalidInput(
            path.name, "cannot be read (%(strerror)s)", strerror=error.strerror
        ) from None
    except UnicodeDecodeError:
        raise InvalidInput(path.name, "is not a UTF-8 text file") from None
    histories = parse_histories(text, origin=path.name)
    if not histories.any_overlap():
        raise InvalidInput(
            path.name,
            "no one is on two lists: the lists do not overlap, so nothing in them says how many "
            "are on none (no estimate exists)",
        )
    for name in histories.empty_lists():
        raise InvalidInput(f"{path.name}, column {name}", "the list holds no one")
    return histories


def parse_histories(text: str, *, origin: str) -> CaptureHistories:
    rows = [
        (number, row)
        for number, row in enumerate(csv.reader(io.StringIO(text), _dialect(text)), start=1)
        if any(cell.strip() for cell in row)
    ]
    if not rows:
        raise InvalidInput(origin, "is empty")
    header_row, header = rows[0]
    columns = [cell.strip() for cell in header]
    lists = _list_columns(columns, origin=origin, row=header_row)
    counts: dict[History, int] = {}
    for number, row in rows[1:]:
        history, count = _history_row(row, columns, origin=origin, row=number)
        counts[history] = counts.get(history, 0) + count
    if not counts:
        raise InvalidInput(origin, "has a header but no capture histories")
    return CaptureHistories(lists, counts, origin)


def _dialect(text: str) -> type[csv.Dialect]:
    first_line = text.split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(first_line, delimiters=",;\t")
    except csv.Error:
        return csv.excel


def _list_columns(columns: list[str], *, origin: str, row: int) -> tuple[str, ...]:
    if len(columns) < MIN_LISTS + 1:
        raise InvalidInput(
            f"{origin}, row {row}",
            "needs at least %(least)s list columns and then the count; columns: %(count)s "
            "(%(value)s)",
            least=MIN_LISTS,
            count=len(columns),
            value=", ".join(columns),
        )
    lists = columns[:-1]
    for position, name in enumerate(lists, start=1):
        if not name:
            raise InvalidInput(f"{origin}, row {row}, column {position}", "has no list name")
        if lists.index(name) != position - 1:
            raise InvalidInput(f"{origin}, row {row}, {name}", "names a list twice")
    return tuple(lists)


def _history_row(
    fields: list[str], columns: list[str], *, origin: str, row: int
) -> tuple[History, int]:
    where = f"{origin}, row {row}"
    if len(fields) > len(columns):
        raise InvalidInput(
            where,
            "has %(count)s fields; the header has %(columns)s",
            count=len(fields),
            columns=len(columns),
        )
    cells = [cell.strip() for cell in fields] + [""] * (len(columns) - len(fields))
    history = tuple(
        _zero_or_one(cells[i], where=f"{where}, {columns[i]}") for i in range(len(columns) - 1)
    )
    count_text, count_column = cells[-1], columns[-1]
    if not count_text:
        raise InvalidInput(f"{where}, {count_column}", "is missing")
    if not count_text.isdigit():
        raise InvalidInput(
            f"{where}, {count_column}",
            "%(text)s is not a whole number of persons",
            text=repr(count_text),
        )
    count = int(count_text)
    if not any(history) and count:
        raise InvalidInput(
            where,
            "a history on no list cannot be observed: the number on no list is what the "
            "estimate is for",
        )
    return history, count


def _zero_or_one(text: str, *, where: str) -> int:
    if text in ("0", "1"):
        return int(text)
    if not text:
        raise InvalidInput(where, "is missing (0 or 1)")
    raise InvalidInput(where, "%(text)s is not 0 or 1", text=repr(text))
