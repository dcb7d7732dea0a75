"""Tables of counts: what each figure prints, exports as CSV and draws. Pure.

Every figure reduces to counts by a row category and a column category, with the totals that
make sense for it (a month's persons across statuses add up; months of a stock do not). The
same table, run through disclosure control, is what may leave the organisation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from homeward.stats.disclosure import WITHHELD, grid_relations, suppress

TOTAL = "total"
SHARE = "_share"  # the code of a share column: the column's code, then this
Cell = int | str
Share = float | str | None  # from 0 to 1; "x" where a count it is made of is hidden; None: of 0


@dataclass(frozen=True)
class CountTable:
    name: str
    title: str
    row_header: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]  # counts[row][column]
    row_totals: bool = False  # the columns are parts of a whole: each row has a total
    column_totals: bool = False  # the rows are parts of a whole: each column has a total
    # a column whose share of each row's total is exported beside the counts (needs row_totals)
    share_of: str | None = None

    def __post_init__(self) -> None:
        if len(self.counts) != len(self.rows) or any(
            len(line) != len(self.columns) for line in self.counts
        ):
            raise ValueError(f"{self.name}: counts do not match the rows and columns")
        if self.share_of is not None and (self.share_of not in self.columns or not self.row_totals):
            raise ValueError(f"{self.name}: a share needs one of its columns and row totals")

    def shares(self, *, public: bool = False) -> list[Share]:
        """For each line of the grid (the totals line too), the share of `share_of` in the
        row's total, from the cells as they are published: public, a share made of a hidden
        cell ("<5" or "x") is hidden too ("x"), since with the other cell it gives it away."""
        if self.share_of is None:
            return []
        column = self.columns.index(self.share_of)
        found: list[Share] = []
        for line in self.grid(public=public):
            part, whole = line[column], line[len(self.columns)]
            if not (isinstance(part, int) and isinstance(whole, int)):
                found.append(WITHHELD)
            else:
                found.append(round(part / whole, 4) if whole else None)
        return found

    def share_code(self) -> str | None:
        return None if self.share_of is None else self.share_of + SHARE

    def count(self, row: str, column: str) -> int:
        return self.counts[self.rows.index(row)][self.columns.index(column)]

    def column(self, column: str) -> tuple[int, ...]:
        index = self.columns.index(column)
        return tuple(line[index] for line in self.counts)

    def header(self) -> list[str]:
        return [self.row_header, *self.columns, *([TOTAL] if self.row_totals else [])]

    def grid(self, *, public: bool = False) -> list[list[Cell]]:
        """The body with its totals, as numbers or (public) as suppressed cells."""
        full = self._with_totals()
        if not public:
            return [list(line) for line in full]
        values = {(r, c): v for r, line in enumerate(full) for c, v in enumerate(line)}
        relations = grid_relations(
            len(self.rows),
            len(self.columns),
            row_totals=self.row_totals,
            column_totals=self.column_totals,
        )
        shown = suppress(values, relations)
        return [[shown[(r, c)] for c in range(len(full[0]))] for r in range(len(full))]

    def _with_totals(self) -> list[list[int]]:
        body = [list(line) for line in self.counts]
        if self.row_totals:
            body = [[*line, sum(line)] for line in body]
        if self.column_totals:
            width = len(self.columns) + (1 if self.row_totals else 0)
            body.append([sum(line[c] for line in body) for c in range(width)])
        return body

    def labels(self) -> list[str]:
        return [*self.rows, *([TOTAL] if self.column_totals else [])]

    def exported(self, *, public: bool = False) -> tuple[list[str], list[list[Any]]]:
        """The header and the lines (label, cells, and the share where the table has one)."""
        header = self.header()
        lines: list[list[Any]] = [
            [label, *line]
            for label, line in zip(self.labels(), self.grid(public=public), strict=True)
        ]
        code = self.share_code()
        if code is not None:
            header = [*header, code]
            lines = [
                [*line, share]
                for line, share in zip(lines, self.shares(public=public), strict=True)
            ]
        return header, lines

    def csv_rows(self, *, public: bool = False) -> list[list[str]]:
        header, lines = self.exported(public=public)
        return [header, *[["" if cell is None else str(cell) for cell in line] for line in lines]]

    def to_json(self, *, public: bool = False) -> dict[str, Any]:
        header, lines = self.exported(public=public)
        return {
            "name": self.name,
            "title": self.title,
            "columns": header,
            "rows": lines,
            "public": public,
        }

    def records(self) -> list[dict[str, Any]]:
        """One record per cell of the body (no totals): the data a chart draws."""
        return [
            {self.row_header: row, "category": column, "count": self.counts[r][c]}
            for r, row in enumerate(self.rows)
            for c, column in enumerate(self.columns)
        ]
