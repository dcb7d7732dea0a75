"""A document rendered from a template: its words in both scripts and both languages, its
running header and footer, page numbers, the restricted mark, and only the vendored fonts."""

from __future__ import annotations

from homeward.documents import render_pdf
from homeward.documents.samples import list_context
from tests.documents.paper import font_names, page_count, pages_text, text_of

# Words of each script, as the sample writes them, to look for in the text of the PDF
CYRILLIC_WORDS = ["Коваленко", "Дʼяченко", "Марʼяна", "П’ятничук", "Мар'янчук", "Ґанна"]
CYRILLIC_WORDS += ["Їжакевич", "Семёнов", "Пётр", "Євген"]
LATIN_WORDS = ["Šimkus", "Žydrūnas", "Łukaszewski", "Paweł", "Kovalenko"]


def test_it_writes_names_in_cyrillic_and_latin_as_given(list_in_two_languages: bytes) -> None:
    text = text_of(list_in_two_languages)
    missing = [word for word in CYRILLIC_WORDS + LATIN_WORDS if word not in text]
    assert not missing


def test_it_keeps_each_apostrophe_as_the_source_wrote_it(list_in_two_languages: bytes) -> None:
    text = text_of(list_in_two_languages)
    assert "Дʼяченко" in text  # U+02BC
    assert "П’ятничук" in text  # U+2019
    assert "Мар'янчук" in text  # U+0027


def test_it_prints_the_fixed_words_in_both_languages(list_in_two_languages: bytes) -> None:
    text = text_of(list_in_two_languages)
    assert "Зразок документа / Sample document" in text
    assert "Дата видачі / Date of issue" in text
    assert "Прізвище" in text


def test_it_prints_english_alone_when_asked() -> None:
    text = text_of(render_pdf("samples/list.html", list_context(5), lang="en"))
    assert "Sample document" in text
    assert "RESTRICTED DISTRIBUTION" in text
    assert "Page 1 of 1" in text
    assert "Коваленко" in text  # names stay as written
    for ukrainian in ("Зразок", "Прізвище", "Сторінка", "ОБМЕЖЕНЕ"):
        assert ukrainian not in text


def test_it_writes_dates_as_day_month_year(list_in_two_languages: bytes) -> None:
    text = text_of(list_in_two_languages)
    assert "12.03.1999" in text  # a day
    assert "03.1997" in text  # a month: no day is invented
    assert "05.11.2026" in text  # the date of issue
    assert "2026-11-05" not in text


def test_every_page_says_which_of_how_many_it_is(list_in_two_languages: bytes) -> None:
    pages = pages_text(list_in_two_languages)
    assert len(pages) == page_count(list_in_two_languages) == 3
    for number, page in enumerate(pages, start=1):
        assert f"Сторінка {number} з 3" in page


def test_every_page_carries_the_header_the_mark_and_the_footer(
    list_in_two_languages: bytes,
) -> None:
    for page in pages_text(list_in_two_languages):
        assert "Зразок документа" in page  # running header
        assert "ОБМЕЖЕНЕ ПОШИРЕННЯ / RESTRICTED DISTRIBUTION" in page
        assert "HW-2026-000123 · 05.11.2026" in page  # running footer


def test_a_list_repeats_its_column_heads_on_every_page(list_in_two_languages: bytes) -> None:
    for page in pages_text(list_in_two_languages)[1:]:
        assert "Дата народження" in page


def test_a_public_document_carries_no_restricted_mark() -> None:
    pdf = render_pdf("samples/list.html", list_context(5), lang="uk", restricted=False)
    assert "ОБМЕЖЕНЕ" not in text_of(pdf)


def test_it_embeds_only_the_vendored_fonts(
    list_in_two_languages: bytes, card_in_two_languages: bytes
) -> None:
    # a character the vendored font lacked would be drawn from a system font, or as a box
    assert font_names(list_in_two_languages) == ["Noto-Sans", "Noto-Sans-Bold"]
    assert font_names(card_in_two_languages) == ["Noto-Sans", "Noto-Sans-Bold"]


def test_the_same_document_renders_to_the_same_bytes() -> None:
    # an extract may be identified by the hash of its PDF: no clock, no random in it
    first = render_pdf("samples/list.html", list_context(5), lang="uk", second_lang="en")
    again = render_pdf("samples/list.html", list_context(5), lang="uk", second_lang="en")
    assert first == again
