"""The samples are rendered once per run: laying out a document takes WeasyPrint about a second."""

from __future__ import annotations

import pytest

from homeward.documents import render_pdf
from homeward.documents.samples import card_context, list_context
from tests.documents.paper import require_poppler


@pytest.fixture(autouse=True)
def _poppler() -> None:
    require_poppler()


@pytest.fixture(scope="session")
def list_in_two_languages() -> bytes:
    """The sample list, Ukrainian with English beside it, on A4: three pages."""
    return render_pdf("samples/list.html", list_context(), lang="uk", second_lang="en")


@pytest.fixture(scope="session")
def card_in_two_languages() -> bytes:
    return render_pdf("samples/card.html", card_context(), lang="uk", second_lang="en", page="card")
