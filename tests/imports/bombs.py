"""Workbooks and lists made to take a reader's memory: a small archive of a huge sheet, sizes
that lie, cells far apart, ODS rows repeated a million times. Built on the fly, synthetic."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Список" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
)
_SHEET_START = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
_SHEET_END = "</sheetData></worksheet>"
_STRINGS = ("Коваленко", "Олександр", "Петрович", "12.03.1999")
_SHARED = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    + "".join(f"<si><t>{text}</t></si>" for text in _STRINGS)
    + "</sst>"
)
# 95 bytes a row, as in the list of the issue (12 million rows, 1.1 GB once unpacked)
_ROW = "<row>" + "".join(f'<c t="s"><v>{n}</v></c>' for n in range(len(_STRINGS))) + "</row>"
_HEADER_ROW = "<row>" + "".join(
    f'<c t="inlineStr"><is><t>{text}</t></is></c>'
    for text in ("Прізвище", "Ім'я", "По батькові", "Дата народження")
) + "</row>"  # fmt: skip
ROW_BYTES = len(_ROW)


def xlsx_bomb(path: Path, *, rows: int) -> Path:
    """A workbook whose one sheet holds `rows` rows, each the same, so that a gigabyte of sheet
    packs into a few megabytes, as the issue's 4.5 MB → 1.1 GB did."""
    block = (_ROW * 1000).encode()
    big = rows * ROW_BYTES > 0x7FFFFFFF
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        _parts(archive)
        archive.writestr("xl/sharedStrings.xml", _SHARED)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=big) as sheet:
            sheet.write((_SHEET_START + _HEADER_ROW).encode())
            for _ in range(rows // 1000):
                sheet.write(block)
            sheet.write((_ROW * (rows % 1000)).encode())
            sheet.write(_SHEET_END.encode())
    return path


def xlsx_with_cells(
    path: Path, cells: dict[str, str], *, doctype: bool = False, extra_part: str | None = None
) -> Path:
    """A workbook of a few cells at the given references ("A1", "XFD1048576"); with an entity
    declared in a document type declaration (the start of a "billion laughs"), or a part more."""

    def row_of(reference: str) -> int:
        return int(reference.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))

    rows: dict[int, list[str]] = {}
    for reference, text in cells.items():
        cell = f'<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>'
        rows.setdefault(row_of(reference), []).append(cell)
    sheet = "".join(f'<row r="{n}">{"".join(c)}</row>' for n, c in sorted(rows.items()))
    start = _SHEET_START
    if doctype:
        declaration = '<!DOCTYPE worksheet [<!ENTITY lol "lol">]>'
        start = start.replace("?><worksheet", "?>" + declaration + "<worksheet")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        _parts(archive)
        archive.writestr("xl/worksheets/sheet1.xml", start + sheet + _SHEET_END)
        if extra_part:
            archive.writestr(extra_part, b"\x00" * 16)
    return path


def lying_about_sizes(path: Path, *, source: Path, says: int = 1000) -> Path:
    """A copy of an archive whose parts say (in both of their headers) they unpack to `says`."""
    data = bytearray(source.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        members = archive.infolist()
    central = data.rfind(b"PK\x05\x06")
    (directory_at,) = struct.unpack_from("<I", data, central + 16)
    at = directory_at
    for member in members:
        assert member.file_size < 0xFFFFFFFF, "zip64 sizes are not patched here"
        struct.pack_into("<I", data, member.header_offset + 22, says)  # local header
        struct.pack_into("<I", data, at + 24, says)  # central directory
        name_length, extra_length, comment_length = struct.unpack_from("<HHH", data, at + 28)
        at += 46 + name_length + extra_length + comment_length
    path.write_bytes(bytes(data))
    return path


_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
    'manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/" '
    'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


def ods_repeated(path: Path, *, rows: int, columns: int) -> Path:
    """An OpenDocument sheet of one row, a value in `columns` cells, repeated `rows` times."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Аркуш1">'
        '<table:table-row><table:table-cell office:value-type="string"><text:p>Прізвище</text:p>'
        "</table:table-cell></table:table-row>"
        f'<table:table-row table:number-rows-repeated="{rows}">'
        f'<table:table-cell table:number-columns-repeated="{columns}" office:value-type="float"'
        ' office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet"
        )
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", _MANIFEST, compress_type=zipfile.ZIP_DEFLATED)
    return path


def _parts(archive: zipfile.ZipFile) -> None:
    archive.writestr("[Content_Types].xml", _TYPES)
    archive.writestr("_rels/.rels", _RELS)
    archive.writestr("xl/workbook.xml", _WORKBOOK)
    archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
