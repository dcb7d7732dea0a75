"""WeasyPrint loads the package's own files (stylesheet, fonts) and nothing else: no web
address, no file elsewhere on the server. A refused resource stops the rendering."""

from __future__ import annotations

import re

import pytest
from weasyprint import HTML
from weasyprint.urls import FatalURLFetchingError

from homeward.documents import TEMPLATES_DIR
from homeward.documents.fetcher import PackageFetcher, ResourceOutsidePackage, package_file
from homeward.errors import InvalidInput


def render(html: str) -> bytes:
    pdf: bytes = HTML(
        string=html, base_url=TEMPLATES_DIR.as_uri() + "/", url_fetcher=PackageFetcher()
    ).write_pdf()
    return pdf


def test_it_reads_the_shared_stylesheet_and_the_fonts() -> None:
    assert package_file((TEMPLATES_DIR / "documents.css").as_uri()).name == "documents.css"
    font = TEMPLATES_DIR.parent / "fonts" / "NotoSans-Regular.ttf"
    assert package_file(font.as_uri()) == font


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/pixel.png",  # loopback: nothing leaves the machine if the test fails
        "https://127.0.0.1:9/font.ttf",
        "file:///etc/hostname",
        (TEMPLATES_DIR / ".." / ".." / "settings.py").as_uri(),
        "file://127.0.0.1/etc/hostname",
    ],
)
def test_it_refuses_anything_outside_the_package(url: str) -> None:
    with pytest.raises(ResourceOutsidePackage):
        package_file(url)


def test_a_template_that_names_a_web_address_fails_to_render() -> None:
    with pytest.raises(FatalURLFetchingError):
        render('<p>x</p><img src="http://127.0.0.1:9/pixel.png">')


def test_a_template_that_names_a_file_elsewhere_fails_to_render() -> None:
    with pytest.raises(FatalURLFetchingError):
        render('<link rel="stylesheet" href="file:///etc/hostname"><p>x</p>')


def test_an_image_given_as_data_is_drawn() -> None:
    pixel = "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' width='1' height='1'/>"
    assert render(f'<img src="{pixel}">').startswith(b"%PDF")


def test_render_pdf_names_the_template_whose_resource_was_refused() -> None:
    from homeward.documents.rendering import _write_pdf  # the step after the template

    with pytest.raises(
        InvalidInput, match=re.escape("template: custody/card.html: http://127.0.0.1:9/")
    ):
        _write_pdf('<img src="http://127.0.0.1:9/x.png">', "custody/card.html")
