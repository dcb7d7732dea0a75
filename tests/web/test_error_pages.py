"""Error pages speak the user's language, name the field at fault and offer a way back."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient

from homeward.access.roles import Role
from tests.web.conftest import ClientFor


def test_a_fault_of_ours_answers_the_error_page_with_a_way_back(app: FastAPI) -> None:
    def boom() -> None:
        raise RuntimeError("a bug")

    app.add_api_route("/boom-for-the-test", boom)
    client = TestClient(app, raise_server_exceptions=False)
    page = client.get("/boom-for-the-test")
    assert page.status_code == 500
    assert "text/html" in page.headers["content-type"]
    assert 'href="/"' in page.text
    assert "Помилка на нашому боці" in page.text


def test_a_missing_person_is_a_ukrainian_404_page(client_as: ClientFor) -> None:
    page = client_as(Role.ANALYST).get("/persons/999999")
    assert page.status_code == 404
    assert 'lang="uk"' in page.text
    assert "there is no person" not in page.text
    assert "немає особи 999999" in page.text


def test_a_forms_address_opened_as_a_link_is_said_in_ukrainian(client_as: ClientFor) -> None:
    """A custody card is made by a form (POST): its address opened as a page is refused in
    the page's language, not in the framework's English."""
    page = client_as(Role.CUSTODIAN).get("/custody/prisoners/1/card")
    assert page.status_code == 405
    assert "Method Not Allowed" not in page.text
    assert "лише форму зі сторінки" in page.text
