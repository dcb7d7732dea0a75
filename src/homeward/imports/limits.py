"""How much a list may hold before it is refused: bytes once unpacked, rows, cells.

A 4.5 MB workbook can unpack to a gigabyte of sheet, and two cells far apart make a sheet of
millions: the reader would take the server's memory before a single row was checked. Each limit
is a setting (`HOMEWARD_IMPORT_MAX_UNPACKED_MB`, `_MAX_ROWS`, `_MAX_CELLS`); a list beyond one is
refused with a message naming the file and the limit, before it is read whole. Pure.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from homeward.errors import HomewardError

if TYPE_CHECKING:
    from homeward.settings import Settings

MB = 1024 * 1024


class UnreadableFile(HomewardError):
    """A file that cannot be read as a list; the message names the file, and the row if known."""


class ListTooLarge(UnreadableFile):
    """A list beyond one of the limits: refused before it is read whole."""


@dataclass(frozen=True)
class ReadLimits:
    unpacked_bytes: int = 200 * MB  # a workbook's parts once unpacked, or a CSV file
    rows: int = 200_000  # rows of all sheets, as a spreadsheet shows them (blank ones count)
    cells: int = 5_000_000  # rows × columns of all sheets: what a reader holds in memory

    @classmethod
    def of(cls, settings: Settings) -> ReadLimits:
        return cls(
            unpacked_bytes=settings.import_max_unpacked_mb * MB,
            rows=settings.import_max_rows,
            cells=settings.import_max_cells,
        )

    def too_many_bytes(self, name: str, declared: int | None = None) -> ListTooLarge:
        """Refused as it unpacks (declared: what its parts say they unpack to, refused unread)."""
        limit = f"the {_megabytes(self.unpacked_bytes)} a list may take"
        if declared is not None and declared > self.unpacked_bytes:
            said = f"its parts say they unpack to {_megabytes(declared)}, more than {limit}"
        else:
            said = f"it unpacks to more than {limit}"
            if declared is not None:
                said += f" (although its parts say {_megabytes(declared)})"
        return ListTooLarge(
            f"{name}: {said} (HOMEWARD_IMPORT_MAX_UNPACKED_MB): split it into smaller files"
        )

    def too_large_file(self, name: str, size: int) -> ListTooLarge:
        return ListTooLarge(
            f"{name}: the file is {_megabytes(size)}, more than the "
            f"{_megabytes(self.unpacked_bytes)} a list may take (HOMEWARD_IMPORT_MAX_UNPACKED_MB): "
            "split it into smaller files"
        )

    def too_many_rows(self, name: str, where: str = "") -> ListTooLarge:
        return ListTooLarge(
            f"{name}: more than {self.rows:,} rows{where}, the most a list may have "
            "(HOMEWARD_IMPORT_MAX_ROWS): split it into smaller files"
        )

    def too_many_cells(self, name: str, where: str = "") -> ListTooLarge:
        return ListTooLarge(
            f"{name}: more than {self.cells:,} cells (rows × columns){where}, the most a list "
            "may have (HOMEWARD_IMPORT_MAX_CELLS): split it into smaller files, or delete the "
            "columns and rows far from the list that hold something"
        )


def damaged(name: str, file_format: str, detail: object) -> UnreadableFile:
    return UnreadableFile(
        f"{name}: cannot be read as {file_format.upper()}: the file is damaged or incomplete "
        f"({detail}); save it again from the program that made it"
    )


def _megabytes(size: int) -> str:
    return f"{size / MB:,.0f} MB" if size >= 10 * MB else f"{size / MB:,.1f} MB"


class Tally:
    """Rows and cells counted as a reader meets them, refused as soon as one is too many."""

    def __init__(self, limits: ReadLimits, name: str) -> None:
        self.limits, self.name = limits, name
        self.rows = 0
        self.cells = 0

    def add(self, *, rows: int, cells: int, where: str = "") -> None:
        self.rows += rows
        self.cells += cells
        if self.rows > self.limits.rows:
            raise self.limits.too_many_rows(self.name, where)
        if self.cells > self.limits.cells:
            raise self.limits.too_many_cells(self.name, where)
