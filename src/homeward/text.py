"""Free text as users give it (notes, reasons, names): bounded in length, and free of what no
database should store — NUL and other control characters (PostgreSQL refuses NUL) and unpaired
surrogates (not text at all). Pure: the schemas, the services and the web layer ask it."""

from __future__ import annotations

import re
from typing import Final

from homeward.errors import InvalidInput

REASON_MAX: Final = 2000  # why a change was made: kept in history and the audit log for ever
NOTE_MAX: Final = 4000  # what a source said beside a piece of evidence

# Control characters but tab, line feed and carriage return; and surrogate code points.
_NOT_TEXT: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")

NOT_TEXT: Final = (
    "holds a character that is not text (a NUL, another control character or a broken "
    "surrogate): remove it"
)
TOO_LONG: Final = "is too long: at most %(limit)s characters"


def not_text(value: str) -> bool:
    """Whether `value` holds a character no register should store."""
    return _NOT_TEXT.search(value) is not None


def checked_text(field: str, value: str | None, *, limit: int, required: bool = False) -> str:
    """`value` stripped, or `InvalidInput` naming `field`: missing when required, too long, or
    holding a character that is not text."""
    text = (value or "").strip()
    if required and not text:
        raise InvalidInput(field, "is required")
    if len(text) > limit:
        raise InvalidInput(field, TOO_LONG, limit=limit)
    if not_text(text):
        raise InvalidInput(field, NOT_TEXT)
    return text


def checked_reason(value: str | None, *, required: bool = True) -> str:
    return checked_text("reason", value, limit=REASON_MAX, required=required)


def ascii_number(text: str, *, most: int) -> int | None:
    """A number from 1 to `most` written in ASCII digits only, else None: "１２" and "٣" are
    digits to Python's `int` but no number a user of this register types in a path."""
    if not (text.isascii() and text.isdigit() and len(text) <= len(str(most))):
        return None
    number = int(text)
    return number if 1 <= number <= most else None
