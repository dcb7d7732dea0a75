"""What a relative may attach to a message: a photo (JPEG, PNG) or a PDF of at most 5 MB.

The type is read from the file's own bytes, never from its name or what the browser says; a
picture must open as one. Pure but for reading the picture's header (Pillow, no database).
"""

from __future__ import annotations

import io
from typing import Final

from PIL import Image, UnidentifiedImageError

from homeward.errors import InvalidInput

MAX_ATTACHMENT_BYTES: Final = 5 * 1024 * 1024
ATTACHMENT_TYPES: Final = {
    "image/jpeg": b"\xff\xd8\xff",
    "image/png": b"\x89PNG\r\n\x1a\n",
    "application/pdf": b"%PDF-",
}


def _(message: str) -> str:
    """Marks a message for the catalogue; the page that shows it translates it."""
    return message


TOO_LARGE: Final = _("the file is larger than 5 MB: send a smaller photo or a shorter document")
WRONG_TYPE: Final = _("send a photo (JPEG or PNG) or a PDF document; this file is neither")
EMPTY: Final = _("the file is empty")


def media_type_of(data: bytes) -> str:
    """The attachment's type by its content, or `InvalidInput("attachment", …)`."""
    if not data:
        raise InvalidInput("attachment", EMPTY)
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise InvalidInput("attachment", TOO_LARGE)
    for media_type, magic in ATTACHMENT_TYPES.items():
        if data.startswith(magic):
            if media_type.startswith("image/") and not _opens_as_picture(data):
                break
            return media_type
    raise InvalidInput("attachment", WRONG_TYPE)


def _opens_as_picture(data: bytes) -> bool:
    try:
        with Image.open(io.BytesIO(data)) as picture:
            picture.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return False
    return True
