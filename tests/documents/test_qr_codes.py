"""QR codes for verification links: drawn inline as SVG, and read back from the printed page."""

from __future__ import annotations

from pathlib import Path

import pytest
import zxingcpp

from homeward.documents import qr_svg
from homeward.documents.samples import VERIFICATION_URL
from homeward.errors import InvalidInput
from tests.documents.paper import page_images


def decoded(pdf: bytes, folder: Path, *, page: int = 1) -> list[str]:
    found: list[str] = []
    for page_image in page_images(pdf, folder, dpi=200, first=page, last=page):
        found += [code.text for code in zxingcpp.read_barcodes(page_image)]
    return found


def test_the_code_on_the_page_reads_back_as_the_link(
    list_in_two_languages: bytes, tmp_path: Path
) -> None:
    # the code closes the list, on its last page
    assert decoded(list_in_two_languages, tmp_path, page=3) == [VERIFICATION_URL]


def test_a_code_18_mm_wide_on_a_card_still_reads(
    card_in_two_languages: bytes, tmp_path: Path
) -> None:
    assert decoded(card_in_two_languages, tmp_path) == [VERIFICATION_URL]


def test_it_is_as_wide_as_asked_quiet_zone_included() -> None:
    svg = qr_svg(VERIFICATION_URL, size_mm=25)
    assert svg.startswith('<svg width="25.0mm" height="25.0mm"')
    assert 'class="qr"' in svg


def test_it_puts_nothing_of_the_data_into_the_markup() -> None:
    assert "<script>" not in qr_svg("<script>alert(1)</script>")


def test_it_refuses_to_draw_nothing() -> None:
    with pytest.raises(InvalidInput, match="qr: a QR code needs something to encode"):
        qr_svg("")


def test_it_refuses_a_size_it_cannot_draw() -> None:
    with pytest.raises(InvalidInput, match="cannot be drawn"):
        qr_svg(VERIFICATION_URL, size_mm=0)
