"""Uploads that unpack beyond what a list may take: the check and the import answer 422 at once
with a message naming the file and the limit, the page shows it, and nothing is stored. The
limits are the application's settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi import FastAPI
from httpx import Response
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from homeward.access.roles import Role
from homeward.imports.models import Import
from homeward.settings import Settings
from homeward.web.app import create_app
from tests.imports.bombs import xlsx_bomb, xlsx_with_cells
from tests.imports.files import HEADER_UK, ROWS_UK, csv_bytes
from tests.web.conftest import Client, ClientFor

CAPTOR = {"kind": "captor_list", "list_date": "01.05.2024", "side": "own"}


def api_post(client: Client, url: str, data: bytes, name: str) -> Response:
    files = {"file": (name, data, "application/octet-stream")}
    headers = {"X-CSRF-Token": client.csrf}
    response: Response = client.post(url, data=CAPTOR, files=files, headers=headers)
    return response


def upload(client: Client, data: bytes, name: str) -> Response:
    form = {"csrf_token": client.csrf, **CAPTOR}
    response: Response = client.post("/imports/preview", data=form, files={"file": (name, data)})
    return response


def count(engine: Engine, model: type) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


@pytest.fixture
def app(web_db: Engine) -> FastAPI:
    """The application with a list's rows limited to 3, so that a small file can pass them."""
    return create_app(Settings(import_max_rows=3), engine=web_db)


def test_the_api_refuses_a_workbook_that_unpacks_beyond_the_limit(
    client_as: ClientFor, web_db: Engine, tmp_path: Path
) -> None:
    client = client_as(Role.OPERATOR)
    data = xlsx_bomb(tmp_path / "bomb.xlsx", rows=2_500_000).read_bytes()
    for url in ("/api/imports/preview", "/api/imports"):
        refused = api_post(client, url, data, name="bomb.xlsx")
        assert refused.status_code == 422, refused.text
        body = refused.json()
        assert body["field"] == "file"
        assert body["detail"].startswith("file: bomb.xlsx: its parts say they unpack to 226 MB")
    assert count(web_db, Import) == 0


def test_the_api_refuses_two_cells_far_apart(
    client_as: ClientFor, web_db: Engine, tmp_path: Path
) -> None:
    client = client_as(Role.OPERATOR)
    data = xlsx_with_cells(tmp_path / "far.xlsx", {"A1": "Прізвище", "XFD1048576": "x"})
    refused = api_post(client, "/api/imports/preview", data.read_bytes(), name="far.xlsx")
    assert refused.status_code == 422
    assert "far.xlsx: more than 3 rows (a sheet reaches row 1,048,576" in refused.json()["detail"]


def test_the_page_shows_why_a_list_beyond_the_settings_is_refused(
    client_as: ClientFor, web_db: Engine
) -> None:
    client = client_as(Role.OPERATOR)
    refused = upload(client, csv_bytes([HEADER_UK, *ROWS_UK]), "list.csv")
    assert refused.status_code == 422
    assert "list.csv: more than 3 rows" in refused.text
    assert "HOMEWARD_IMPORT_MAX_ROWS" in refused.text
    accepted = upload(client, csv_bytes([HEADER_UK, *ROWS_UK[:2]]), "short.csv")
    assert accepted.status_code == 200, accepted.text
    assert count(web_db, Import) == 0
