"""A document that cannot be made says why, naming what was wrong; it never half-renders."""

from __future__ import annotations

import re

import pytest

from homeward.documents import render_html, render_pdf
from homeward.documents.samples import card_context, list_context
from homeward.errors import InvalidInput


def test_a_missing_template_is_named() -> None:
    with pytest.raises(
        InvalidInput, match=re.escape("template: no document template 'custody/nope.html'")
    ):
        render_pdf("custody/nope.html", {}, lang="uk")


def test_a_template_outside_the_templates_folder_is_not_found() -> None:
    with pytest.raises(InvalidInput, match="no document template"):
        render_pdf("../fetcher.py", {}, lang="uk")


def test_an_unknown_page_size_lists_the_known_ones() -> None:
    with pytest.raises(InvalidInput, match=r"page: unknown page size 'a5' \(known: a4, "):
        render_pdf("samples/card.html", card_context(), lang="uk", page="a5")


@pytest.mark.parametrize(
    ("lang", "second_lang", "field"), [("de", None, "lang"), ("uk", "ru", "second_lang")]
)
def test_an_unknown_language_is_refused(lang: str, second_lang: str | None, field: str) -> None:
    with pytest.raises(InvalidInput, match=f"^{field}: unknown language"):
        render_pdf("samples/card.html", card_context(), lang=lang, second_lang=second_lang)


def test_a_value_the_template_needs_but_was_not_given_is_named() -> None:
    context = card_context()
    del context["person"]
    with pytest.raises(
        InvalidInput, match=re.escape("context: samples/card.html: 'person' is undefined")
    ):
        render_pdf("samples/card.html", context, lang="uk", page="card")


def test_a_context_may_not_hide_what_the_base_template_gives() -> None:
    with pytest.raises(InvalidInput, match="context: lang, restricted: reserved"):
        render_html(
            "samples/card.html", {**card_context(), "lang": "x", "restricted": False}, lang="uk"
        )


def test_a_date_that_is_not_a_date_is_not_printed() -> None:
    context = list_context(1)
    context["issued_on"] = "2026-11-05"
    with pytest.raises(InvalidInput, match="date: '2026-11-05' is not a date"):
        render_pdf("samples/list.html", context, lang="uk")


def test_values_are_escaped_not_read_as_markup() -> None:
    context = card_context()
    context["person"] = {**context["person"], "surname": "<b>Коваленко</b> & Co"}
    html = render_html("samples/card.html", context, lang="uk", page="card")
    assert "&lt;b&gt;Коваленко&lt;/b&gt; &amp; Co" in html
    assert "<b>Коваленко" not in html


def test_the_same_language_twice_prints_each_word_once() -> None:
    html = render_html("samples/list.html", list_context(1), lang="uk", second_lang="uk")
    assert "second-lang" not in html
