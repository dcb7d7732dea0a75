"""Named page sizes: measured on the pages pdftoppm draws. At 254 dots per inch a millimetre is
ten pixels, so a 150 × 105 mm card is a 1500 × 1050 picture."""

from __future__ import annotations

from pathlib import Path

import pytest

from homeward.documents import PAGE_SIZES, render_html, render_pdf
from homeward.documents.pages import page_rules
from homeward.documents.samples import list_context
from tests.documents.paper import page_count, page_images, page_sizes_pt

TEN_PIXELS_A_MM = 254


def assert_size_in_mm(image_size: tuple[int, int], width_mm: int, height_mm: int) -> None:
    width, height = image_size
    # a page of 595.276 pt (A4) draws as 2100 or 2101 pixels, as the rounding falls
    assert abs(width - width_mm * 10) <= 1, image_size
    assert abs(height - height_mm * 10) <= 1, image_size


def test_the_card_is_150_by_105_mm(card_in_two_languages: bytes, tmp_path: Path) -> None:
    (card,) = page_images(card_in_two_languages, tmp_path, dpi=TEN_PIXELS_A_MM)
    assert_size_in_mm(card.size, 150, 105)


def test_the_card_sample_fits_on_one_card(card_in_two_languages: bytes) -> None:
    assert page_count(card_in_two_languages) == 1


def test_a4_is_portrait_by_default(list_in_two_languages: bytes, tmp_path: Path) -> None:
    (first,) = page_images(list_in_two_languages, tmp_path, dpi=TEN_PIXELS_A_MM, last=1)
    assert_size_in_mm(first.size, 210, 297)


def test_every_page_of_a_document_has_its_size(list_in_two_languages: bytes) -> None:
    sizes = page_sizes_pt(list_in_two_languages)
    assert len(sizes) == 3
    assert set(sizes) == {(595.276, 841.89)}  # 210 × 297 mm in points


def test_a4_landscape_turns_the_page(tmp_path: Path) -> None:
    pdf = render_pdf("samples/list.html", list_context(5), lang="en", page="a4-landscape")
    (page,) = page_images(pdf, tmp_path, dpi=TEN_PIXELS_A_MM)
    assert_size_in_mm(page.size, 297, 210)


def test_a_part_of_a_document_may_switch_to_another_named_page() -> None:
    from homeward.documents.rendering import _write_pdf  # the step after the template

    html = render_html("samples/list.html", list_context(3), lang="uk")
    annex = '<section style="page: a4-landscape; break-before: page">Додаток</section>'
    pdf = _write_pdf(html.replace("</body>", f"{annex}</body>"), "samples/list.html")
    assert page_sizes_pt(pdf) == [(595.276, 841.89), (841.89, 595.276)]


@pytest.mark.parametrize("name", sorted(PAGE_SIZES))
def test_every_size_is_also_a_named_page_a_template_can_switch_to(name: str) -> None:
    size = PAGE_SIZES[name]
    rules = page_rules(PAGE_SIZES["a4"], counter='"1"')
    assert f"@page {name} {{ size: {size.width_mm:g}mm {size.height_mm:g}mm;" in rules
