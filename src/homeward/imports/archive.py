"""A zipped workbook (XLSX, ODS) measured before it is read, in constant memory.

python-calamine reads a sheet whole before its first row can be seen (`iter_rows` walks a sheet
already loaded: dimastbk/python-calamine#42), and it allocates the rectangle from A1 to the
farthest cell holding a value: a 4.5 MB archive of a 1.1 GB sheet, or two cells a million rows
apart, would take gigabytes. So the archive is measured first, as a stream: the sizes its parts
declare, then each part inflated 1 MB at a time and counted (declared sizes can lie), and the
sheets' XML parsed (expat, no DTD) for the rows and columns calamine would allocate. Any limit
passed refuses the file there and then; calamine reads only what is within them. Pure.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pyexpat import ExpatError, ParserCreate

from homeward.imports.limits import ReadLimits, Tally, UnreadableFile, damaged, reaches

_CHUNK = 1024 * 1024
_LOCAL_HEADER = b"PK\x03\x04"
_XML_STARTS = (b"<", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")  # a tag, or a BOM before one


def measure_workbook(data: bytes, *, name: str, file_format: str, limits: ReadLimits) -> None:
    """Refuse a zipped workbook beyond the limits, or damaged, before anything reads it whole."""
    members = _members(data, name=name, file_format=file_format)
    declared = sum(member.file_size for member in members)
    if declared > limits.unpacked_bytes:
        raise limits.too_many_bytes(name, declared)
    tally = Tally(limits, name)
    unpacked = 0
    for member in members:
        scan = _PartScan(tally, limits)
        try:
            for chunk in _inflated(data, member):
                unpacked += len(chunk)
                if unpacked > limits.unpacked_bytes:
                    raise limits.too_many_bytes(name, declared)
                scan.feed(chunk)
            scan.close()
        except (ExpatError, zlib.error, struct.error, _Damaged) as error:
            raise damaged(name, file_format, f"{member.filename}: {error}") from None


def _members(data: bytes, *, name: str, file_format: str) -> list[zipfile.ZipInfo]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        NotImplementedError,
        ValueError,
        EOFError,
    ) as error:
        raise damaged(name, file_format, error) from None
    if any(member.filename.lower() == "xl/workbook.bin" for member in members):
        raise UnreadableFile(
            "%(name)s: an Excel binary workbook (XLSB) is not read: save it as XLSX", name=name
        )
    return members


class _Damaged(Exception):
    pass


def _inflated(data: bytes, member: zipfile.ZipInfo) -> Iterator[bytes]:
    """A part's bytes as they unpack, at most 1 MB at a time, whatever its header says."""
    start = member.header_offset
    if data[start : start + 4] != _LOCAL_HEADER or member.flag_bits & 0x1:
        raise _Damaged("no such part, or an encrypted one")
    name_length, extra_length = struct.unpack_from("<HH", data, start + 26)
    begin = start + 30 + name_length + extra_length
    packed = memoryview(data)[begin : begin + member.compress_size]
    if member.compress_type == zipfile.ZIP_STORED:
        for at in range(0, len(packed), _CHUNK):
            yield bytes(packed[at : at + _CHUNK])
        return
    if member.compress_type != zipfile.ZIP_DEFLATED:
        raise _Damaged(f"compressed by method {member.compress_type}, which workbooks do not use")
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    at = 0
    while not inflater.eof:
        if inflater.unconsumed_tail:
            chunk = inflater.decompress(inflater.unconsumed_tail, _CHUNK)
        elif at < len(packed):
            chunk = inflater.decompress(packed[at : at + _CHUNK], _CHUNK)
            at += _CHUNK
        else:
            return
        yield chunk


class _NotASheet(Exception):
    """The part is XML but no sheet (styles, shared strings): nothing more to measure in it."""


@dataclass
class _Extent:
    """The rectangle from A1 to the farthest cell holding a value, as calamine allocates it."""

    label: str
    rows: int = 0
    columns: int = 0


class _PartScan:
    """One part of the archive: if it is an XLSX worksheet or an ODS document's content, the
    extent of each of its sheets, told to the tally as it grows."""

    def __init__(self, tally: Tally, limits: ReadLimits) -> None:
        self.tally, self.limits = tally, limits
        self.parser = ParserCreate()
        self.parser.StartDoctypeDeclHandler = _no_dtd
        self.parser.StartElementHandler = self._root
        self.skipping: bool | None = None  # None until the first bytes say what the part is
        self.extent = _Extent("")
        self.row = self.column = self.cell_row = self.tables = 0
        self.cells_seen = 0

    def feed(self, chunk: bytes) -> None:
        if self.skipping is None:
            self.skipping = not chunk.lstrip().startswith(_XML_STARTS)
        if self.skipping:
            return
        try:
            self.parser.Parse(chunk, False)
        except _NotASheet:
            self.skipping = True

    def close(self) -> None:
        if self.skipping is False:
            self.parser.Parse(b"", True)

    def _root(self, name: str, attributes: dict[str, str]) -> None:
        local = _local(name)
        if local == "worksheet":
            self.parser.StartElementHandler = self._xlsx
        elif local == "document-content":
            self.parser.StartElementHandler = self._ods
            self.parser.EndElementHandler = self._ods_end
        else:
            raise _NotASheet

    def _xlsx(self, name: str, attributes: dict[str, str]) -> None:
        # The hottest code of a workbook's reading: a call for every element of every sheet.
        kind = _XLSX_KINDS.get(name)
        if kind is None:
            kind = _XLSX_KIND_OF.get(_local(name), _OTHER)
            if len(_XLSX_KINDS) < 1000:  # a sheet may be made of made-up names: keep a few
                _XLSX_KINDS[name] = kind
        if kind == _VALUE:
            if self.cell_row > self.extent.rows or self.column > self.extent.columns:
                self._occupy(self.cell_row, self.column)
        elif kind == _CELL:
            self.cells_seen += 1
            if self.cells_seen > self.limits.cells:
                raise self.limits.too_many_cells(self.tally.name)
            reference = _REFERENCE.match(attributes.get("r", ""))
            if reference:
                letters = reference[1]
                self.column = _COLUMNS.get(letters) or _column(letters)
                self.cell_row = int(reference[2])
            else:
                self.column += 1
                self.cell_row = self.row
        elif kind == _ROW:
            self.row = _number(attributes.get("r"), self.row + 1)
            self.column = 0
        elif kind == _SHEET_DATA:
            self.extent, self.row = _Extent(""), 0

    def _ods(self, name: str, attributes: dict[str, str]) -> None:
        local = _local(name)
        if local == "table":
            self.tables += 1
            if self.tables == 1:
                label = next((v for k, v in attributes.items() if _local(k) == "name"), "")
                self.extent, self.row = _Extent(label), 0
        elif self.tables != 1:
            return
        elif local == "table-row":
            self.row += _repeat(attributes, "number-rows-repeated")
            self.column = 0
        elif local in ("table-cell", "covered-table-cell"):
            self._count_cell()
            self.column += _repeat(attributes, "number-columns-repeated")
            if any(_local(key) == "value-type" for key in attributes):
                self._occupy(self.row, self.column)
        elif local == "p":
            self._occupy(self.row, self.column)

    def _ods_end(self, name: str) -> None:
        if _local(name) == "table":
            self.tables -= 1

    def _count_cell(self) -> None:
        # Cells without a value take no memory in calamine, but parsing each takes time.
        self.cells_seen += 1
        if self.cells_seen > self.limits.cells:
            raise self.limits.too_many_cells(self.tally.name)

    def _occupy(self, row: int, column: int) -> None:
        extent = self.extent
        if row <= extent.rows and column <= extent.columns:
            return
        before = extent.rows * extent.columns
        grown_rows = max(0, row - extent.rows)
        extent.rows, extent.columns = max(extent.rows, row), max(extent.columns, column)
        where = reaches(extent.label, extent.rows, extent.columns)
        self.tally.add(rows=grown_rows, cells=extent.rows * extent.columns - before, where=where)


def _no_dtd(*_: object) -> None:
    raise _Damaged("a document type declaration, which workbooks do not have")


def _local(name: str) -> str:
    return name.rpartition(":")[2]


def _number(text: str | None, default: int) -> int:
    return int(text) if text and text.isdigit() else default


def _repeat(attributes: dict[str, str], local: str) -> int:
    value = next((v for k, v in attributes.items() if _local(k) == local), "1")
    return max(1, _number(value, 1))


_OTHER, _VALUE, _CELL, _ROW, _SHEET_DATA = range(5)
_XLSX_KIND_OF = {"v": _VALUE, "is": _VALUE, "c": _CELL, "row": _ROW, "sheetData": _SHEET_DATA}
_XLSX_KINDS: dict[str, int] = {}  # element names as written ("c", "x:c") → kind, as met
_REFERENCE = re.compile(r"([A-Za-z]{1,7})([0-9]{1,15})$")  # a cell's reference: "XFD1048576"


_COLUMNS: dict[str, int] = {}  # a column's letters → its number, as met


def _column(letters: str) -> int:
    """A column's number from its letters: A is 1, XFD is 16384."""
    column = 0
    for letter in letters.upper():
        column = column * 26 + ord(letter) - 64
    if len(_COLUMNS) < 20_000:
        _COLUMNS[letters] = column
    return column
