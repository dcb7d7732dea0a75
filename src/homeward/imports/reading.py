"""Reading a list: CSV in whatever encoding and delimiter it came in, XLSX, ODS or XLS.

The format is told by the file's first bytes, not by its name: a workbook saved as ".csv" is
read as the workbook it is, and a binary file named ".csv" is refused with a reason. CSV text is
decoded as UTF-8 (with or without BOM) or UTF-16 with a BOM, else as the 8-bit Cyrillic code page
whose letters read most like Ukrainian and Russian (Windows-1251, KOI8-U, CP866); the delimiter is
the one of `,` `;` tab that splits the first lines most consistently. Text a wrong decoding has
already garbled on its way ("Р†РІР°РЅ") is repaired cell by cell with `homeward.names`.

Nothing is read beyond the limits (`limits.ReadLimits`): a file larger than a list may unpack to
is refused unread, a workbook is measured as a stream before calamine reads it (`archive.py`),
and CSV rows are parsed one line at a time, stopping at the limit.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

import python_calamine

from homeward.errors import Message
from homeward.imports.archive import measure_workbook
from homeward.imports.limits import ReadLimits as ReadLimits
from homeward.imports.limits import Tally, damaged, reaches
from homeward.imports.limits import UnreadableFile as UnreadableFile
from homeward.names import repair_mojibake

Cell = str | int | float | bool | date | datetime | time | timedelta | None
Row = list[Cell]

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old binary .xls
DELIMITERS = (";", ",", "\t")
EIGHT_BIT_ENCODINGS = ("cp1251", "koi8_u", "cp866")
ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 with BOM",
    "utf-16": "UTF-16",
    "cp1251": "Windows-1251",
    "koi8_u": "KOI8-U",
    "cp866": "CP866",
}
# Letter frequencies of Ukrainian and Russian text, per mille: a right decoding reads like them,
# a wrong one (KOI8 bytes read as Windows-1251, or the reverse) scrambles the letters.
_FREQUENCY = dict(
    zip(
        "оаеинтсрвлкімдпуяьгзбчйхжшюцщєїфыэёґъ",
        (110, 80, 85, 74, 67, 63, 55, 47, 45, 44, 35, 55, 32, 30, 28, 26, 20, 17, 17, 16, 16, 14,
         12, 10, 9, 7, 6, 5, 4, 4, 6, 3, 19, 3, 1, 1, 1),
        strict=True,
    )
)  # fmt: skip
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Characters that only mojibake brings into Cyrillic text: a cell without any is left alone.
_MOJIBAKE_SIGNS = re.compile(
    "[\u0080-\u00ff\u0402\u0403\u0405\u0408-\u040c\u040e\u040f\u0452\u0453\u0455\u0458-\u045c"
    "\u045e\u045f\u2013-\u203a\u20ac\u2116\u2122\udc80-\udcff]"
)


@dataclass(frozen=True)
class Sheet:
    """The cells of one sheet (or of a CSV file): `rows[i]` is row i + 1 of the file."""

    name: str | None
    rows: list[Row]


@dataclass(frozen=True)
class Workbook:
    file_name: str
    sha256: str
    file_format: str  # csv | xlsx | ods | xls
    sheets: list[Sheet]
    encoding: str | None = None
    delimiter: str | None = None
    notes: list[Message] = field(default_factory=list)


def read_file(path: Path, limits: ReadLimits | None = None) -> Workbook:
    """Read a list from a file; `UnreadableFile` if it is not one or is beyond the limits."""
    limits = limits or ReadLimits()
    try:
        size = path.stat().st_size
        if size > limits.unpacked_bytes:
            raise limits.too_large_file(path.name, size)
        data = path.read_bytes()
    except OSError as error:
        raise UnreadableFile(
            "%(name)s: cannot be read (%(strerror)s)", name=path.name, strerror=error.strerror
        ) from None
    return read_bytes(data, name=path.name, limits=limits)


def read_bytes(data: bytes, *, name: str, limits: ReadLimits | None = None) -> Workbook:
    limits = limits or ReadLimits()
    if len(data) > limits.unpacked_bytes:
        raise limits.too_large_file(name, len(data))
    sha256 = hashlib.sha256(data).hexdigest()
    if not data.strip():
        raise UnreadableFile("%(name)s: the file is empty", name=name)
    if data.startswith(ZIP_MAGIC) or data.startswith(OLE_MAGIC):
        return _read_workbook(data, name=name, sha256=sha256, limits=limits)
    return _read_csv(data, name=name, sha256=sha256, limits=limits)


def _workbook_format(data: bytes) -> str:
    if data.startswith(OLE_MAGIC):
        return "xls"
    head = data[:200]
    if b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet" in head:
        return "ods"
    return "xlsx"


def _read_workbook(data: bytes, *, name: str, sha256: str, limits: ReadLimits) -> Workbook:
    file_format = _workbook_format(data)
    if data.startswith(ZIP_MAGIC):
        measure_workbook(data, name=name, file_format=file_format, limits=limits)
    tally = Tally(limits, name)
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = [
            Sheet(sheet_name, _rows(book.get_sheet_by_name(sheet_name), tally))
            for sheet_name in book.sheet_names
        ]
    except python_calamine.PasswordError:
        raise UnreadableFile(
            "%(name)s: the workbook is protected by a password", name=name
        ) from None
    except (python_calamine.CalamineError, ValueError, OSError) as error:
        raise damaged(name, file_format, error) from None
    notes = [Message("read as %(format)s, sheets: %(sheets)s", format=file_format.upper(),
                     sheets=len(sheets))]  # fmt: skip
    if not name.lower().endswith(f".{file_format}"):
        notes.append(
            Message(
                "the file's name says otherwise, but its content is %(format)s",
                format=file_format.upper(),
            )
        )
    repaired = _repair_cells(sheets)
    if repaired:
        notes.append(Message("cells with wrongly decoded text repaired: %(n)s", n=repaired))
    return Workbook(name, sha256, file_format, sheets, notes=notes)


def _rows(sheet: python_calamine.CalamineSheet, tally: Tally) -> list[Row]:
    # From A1, as the spreadsheet shows it: counted before calamine's cells become Python's
    # (an old .xls is not measured before calamine loads it: it holds 65,536 × 256 at most).
    rows, columns = (sheet.end[0] + 1, sheet.end[1] + 1) if sheet.end else (0, 0)
    tally.add(rows=rows, cells=rows * columns, where=reaches(sheet.name, rows, columns))
    return [list(row) for row in sheet.to_python(skip_empty_area=False)]


def _read_csv(data: bytes, *, name: str, sha256: str, limits: ReadLimits) -> Workbook:
    text, encoding = decode_text(data, name=name)
    delimiter = sniff_delimiter(text)
    rows = _parse_csv(text, delimiter, name=name, tally=Tally(limits, name))
    sheet = Sheet(None, rows)
    notes = [
        Message(
            "read as CSV in %(encoding)s, delimiter %(delimiter)s",
            encoding=ENCODING_NAMES[encoding],
            delimiter=_shown(delimiter),
        )
    ]
    repaired = _repair_cells([sheet])
    if repaired:
        notes.append(Message("cells with wrongly decoded text repaired: %(n)s", n=repaired))
    return Workbook(name, sha256, "csv", [sheet], encoding, delimiter, notes)


def _shown(delimiter: str) -> str:
    return Message("tab") if delimiter == "\t" else repr(delimiter)


def decode_text(data: bytes, *, name: str) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was in."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", name), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", name), "utf-16"
    _refuse_binary(data, name)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # The likeness reads a sample: decoding the whole file three times would triple its memory.
    sample = data[:_LIKENESS_SAMPLE]
    encoding = max(
        EIGHT_BIT_ENCODINGS,
        key=lambda e: _cyrillic_likeness(sample.decode(e, errors="replace")),
    )
    text = data.decode(encoding, errors="replace")
    if "\ufffd" in text:
        _undecodable(data, encoding, name)
    return text, encoding


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        row = data[: error.start].count(b"\n") + 1
        raise UnreadableFile(
            "%(name)s: row %(row)s: bytes that are not %(value)s although the file says it is (at "
            "byte %(start)s)",
            name=name,
            row=row,
            value=ENCODING_NAMES.get(encoding, encoding),
            start=error.start,
        ) from None


def _undecodable(data: bytes, encoding: str, name: str) -> None:
    try:
        data.decode(encoding)
    except UnicodeDecodeError as error:
        row = data[: error.start].count(b"\n") + 1
        raise UnreadableFile(
            "%(name)s: row %(row)s: byte 0x%(data)s has no letter in %(encoding)s, the "
            "encoding the rest of the file reads as; save the list again as CSV UTF-8",
            name=name,
            row=row,
            data=format(data[error.start], "02x"),
            encoding=ENCODING_NAMES[encoding],
        ) from None


def _refuse_binary(data: bytes, name: str) -> None:
    head = data[:65536]
    controls = len(_CONTROL.findall(head))
    if controls > max(8, len(head) // 100):
        raise UnreadableFile(
            "%(name)s: is not a text file (binary data from the start); if it is a spreadsheet, "
            "save it as XLSX, ODS or CSV",
            name=name,
        )
    nul = data.find(b"\x00")
    if nul >= 0:
        line_start = data.rfind(b"\n", 0, nul) + 1
        line = data[line_start:nul].decode("utf-8", errors="replace")
        delimiter = sniff_delimiter(data[:4096].decode("utf-8", errors="replace"))
        column = line.count(delimiter) + 1
        row = data[:nul].count(b"\n") + 1
        raise UnreadableFile(
            "%(name)s: row %(row)s, column %(column)s: a NUL byte (binary data) in the text; the "
            "file is damaged: export the list again",
            name=name,
            row=row,
            column=column,
        )


_LIKENESS_SAMPLE = 200_000


def _cyrillic_likeness(text: str) -> float:
    sample = text[:_LIKENESS_SAMPLE]
    # every character beyond ASCII counts: box drawing (CP866 read wrongly) weighs against
    letters = [char.lower() for char in sample if ord(char) > 0x7F]
    if not letters:
        return 0.0
    counts = Counter(letters)
    weight = sum(_FREQUENCY.get(letter, -40) * n for letter, n in counts.items())
    # in a wrong decoding the capitals land inside words: "лПЧБМЕОЛП" for "Коваленко"
    odd_case = len(re.findall(r"[а-яіїєґё][А-ЯІЇЄҐЁ]", sample))
    return weight / len(letters) - 50 * odd_case / len(letters)


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the same number of fields, most of them."""
    lines = [line for line in text.splitlines()[:50] if line.strip()]
    best, best_score = ",", (-1, -1)
    for delimiter in DELIMITERS:
        try:
            widths = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        except csv.Error:
            continue
        if not widths:
            continue
        width, agreeing = Counter(widths).most_common(1)[0]
        score = (agreeing if width > 1 else 0, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _parse_csv(text: str, delimiter: str, *, name: str, tally: Tally) -> list[Row]:
    # Rows are counted as a spreadsheet shows them: a quoted cell spanning lines is one row.
    rows: list[Row] = []
    try:
        for cells in csv.reader(_lines(text), delimiter=delimiter):
            tally.add(rows=1, cells=len(cells))
            rows.append(list(cells))
    except csv.Error as error:
        raise UnreadableFile(
            "%(name)s: row %(value)s: not valid CSV (%(error)s)",
            name=name,
            value=len(rows) + 1,
            error=error,
        ) from None
    return rows


def _lines(text: str) -> Iterator[str]:
    """The text's lines, each with its newline, one at a time (a StringIO would copy it all)."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        if end < 0:
            yield text[start:]
            return
        yield text[start : end + 1]
        start = end + 1


def _repair_cells(sheets: list[Sheet]) -> int:
    repaired = 0
    for sheet in sheets:
        for row in sheet.rows:
            for index, cell in enumerate(row):
                if isinstance(cell, str) and _MOJIBAKE_SIGNS.search(cell):
                    fixed = repair_mojibake(cell)
                    if fixed != cell:
                        row[index] = fixed
                        repaired += 1
    return repaired
