"""A list recognised by its rows, not only by its bytes.

The same list comes back with one more trailing newline, another encoding or delimiter, a BOM,
re-saved by Excel (new timestamps inside the archive), its rows sorted anew: other bytes, the same
rows. The fingerprint is the SHA-256 of the sorted digests of its rows, each row its cells as they
show (`cell_text`: spaces collapsed, 12.0 as 12), in Unicode NFC, trailing empty cells dropped;
blank rows and sheet names count for nothing. Title and header rows count like any other, so a
list of another day whose title says so is another list. Pure.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable

from homeward.imports.reading import Row, Sheet
from homeward.imports.values import cell_text

_CELL_SEPARATOR = "\x1f"  # the unit separator: no cell of a list holds it


def rows_fingerprint(sheets: Iterable[Sheet]) -> str:
    """The fingerprint of a list's rows: equal for lists that hold the same rows."""
    digests = sorted(
        digest for sheet in sheets for row in sheet.rows if (digest := _row_digest(row))
    )
    whole = hashlib.sha256()
    for digest in digests:
        whole.update(digest)
    return whole.hexdigest()


def _row_digest(row: Row) -> bytes | None:
    texts = [unicodedata.normalize("NFC", cell_text(cell)) for cell in row]
    while texts and not texts[-1]:
        texts.pop()
    if not texts:
        return None
    return hashlib.sha256(_CELL_SEPARATOR.join(texts).encode("utf-8", "surrogatepass")).digest()
