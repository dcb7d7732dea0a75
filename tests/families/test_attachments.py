"""What a relative may attach: a photo or a PDF, read by its bytes, at most 5 MB."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from homeward.errors import InvalidInput
from homeward.families.attachments import MAX_ATTACHMENT_BYTES, media_type_of


def picture(kind: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(out, format=kind)
    return out.getvalue()


def test_it_takes_a_jpeg_a_png_and_a_pdf() -> None:
    assert media_type_of(picture("JPEG")) == "image/jpeg"
    assert media_type_of(picture("PNG")) == "image/png"
    assert media_type_of(b"%PDF-1.7\n...") == "application/pdf"


def test_it_refuses_a_file_by_its_bytes_whatever_its_name() -> None:
    with pytest.raises(InvalidInput, match=r"photo .* or a PDF"):
        media_type_of(b"MZ\x90\x00 an executable")


def test_it_refuses_bytes_that_only_begin_like_a_picture() -> None:
    with pytest.raises(InvalidInput, match="photo"):
        media_type_of(b"\x89PNG\r\n\x1a\n" + b"not a picture" * 10)


def test_it_refuses_an_empty_or_too_large_file() -> None:
    with pytest.raises(InvalidInput, match="empty"):
        media_type_of(b"")
    with pytest.raises(InvalidInput, match="larger than 5 MB"):
        media_type_of(b"%PDF-" + b"0" * MAX_ATTACHMENT_BYTES)
