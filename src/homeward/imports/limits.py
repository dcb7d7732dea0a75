"""How much a list may hold before it is refused: bytes once unpacked, rows, cells.

A 4.5 MB workbook can unpack to a gigabyte of sheet, and two cells far apart make a sheet of
millions: the reader would take the server's memory before a single row was checked. Each limit
is a setting (`HOMEWARD_IMPORT_MAX_UNPACKED_MB`, `_MAX_ROWS`, `_MAX_CELLS`); a list beyond one is
refused with a message naming the file and the limit, before it is read whole. Pure.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from homeward.errors import HomewardError, Message

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
        limit = _megabytes(self.unpacked_bytes)
        if declared is not None and declared > self.unpacked_bytes:
            said = Message(
                "its parts say they unpack to %(declared)s, more than the %(limit)s a list may "
                "take",
                declared=_megabytes(declared),
                limit=limit,
            )
        elif declared is not None:
            said = Message(
                "it unpacks to more than the %(limit)s a list may take (although its parts say "
                "%(declared)s)",
                declared=_megabytes(declared),
                limit=limit,
            )
        else:
            said = Message("it unpacks to more than the %(limit)s a list may take", limit=limit)
        return ListTooLarge(
            "%(name)s: %(said)s (HOMEWARD_IMPORT_MAX_UNPACKED_MB): split it into smaller files",
            name=name,
            said=said,
        )

    def too_large_file(self, name: str, size: int) -> ListTooLarge:
        return ListTooLarge(
            "%(name)s: the file is %(size)s, more than the %(limit)s a list may take "
            "(HOMEWARD_IMPORT_MAX_UNPACKED_MB): split it into smaller files",
            name=name,
            size=_megabytes(size),
            limit=_megabytes(self.unpacked_bytes),
        )

    def too_many_rows(self, name: str, where: str | Message = "") -> ListTooLarge:
        return ListTooLarge(
            "%(name)s: more than %(rows)s rows%(where)s, the most a list may have "
            "(HOMEWARD_IMPORT_MAX_ROWS): split it into smaller files",
            name=name,
            rows=f"{self.rows:,}",
            where=where,
        )

    def too_many_cells(self, name: str, where: str | Message = "") -> ListTooLarge:
        return ListTooLarge(
            "%(name)s: more than %(cells)s cells (rows × columns)%(where)s, the most a list may "
            "have (HOMEWARD_IMPORT_MAX_CELLS): split it into smaller files, or delete the "
            "columns and rows far from the list that hold something",
            name=name,
            cells=f"{self.cells:,}",
            where=where,
        )


def reaches(sheet: str | None, rows: int, columns: int) -> Message:
    """Where a sheet reaches, for the messages above."""
    if sheet:
        return Message(
            " (sheet %(sheet)s reaches row %(rows)s and column %(columns)s)",
            sheet=repr(sheet),
            rows=f"{rows:,}",
            columns=f"{columns:,}",
        )
    return Message(
        " (a sheet reaches row %(rows)s and column %(columns)s)",
        rows=f"{rows:,}",
        columns=f"{columns:,}",
    )


def damaged(name: str, file_format: str, detail: object) -> UnreadableFile:
    return UnreadableFile(
        "%(name)s: cannot be read as %(value)s: the file is damaged or incomplete (%(detail)s); "
        "save it again from the program that made it",
        name=name,
        value=file_format.upper(),
        detail=detail,
    )


def _megabytes(size: int) -> str:
    return f"{size / MB:,.0f} MB" if size >= 10 * MB else f"{size / MB:,.1f} MB"


class Tally:
    """Rows and cells counted as a reader meets them, refused as soon as one is too many."""

    def __init__(self, limits: ReadLimits, name: str) -> None:
        self.limits, self.name = limits, name
        self.rows = 0
        self.cells = 0

    def add(self, *, rows: int, cells: int, where: str | Message = "") -> None:
        self.rows += rows
        self.cells += cells
        if self.rows > self.limits.rows:
            raise self.limits.too_many_rows(self.name, where)
        if self.cells > self.limits.cells:
            raise self.limits.too_many_cells(self.name, where)
