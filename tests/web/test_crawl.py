"""Every page a role can reach from the dashboard, on a demo register after an import: no server
error, and on the Ukrainian pages no message missing from the catalogue."""

from __future__ import annotations

import re
from collections import deque
from datetime import date
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from sqlalchemy import Engine

from homeward import i18n
from homeward.access.roles import Role
from homeward.demo.store import build_demo
from homeward.violations.demo import build_violations_demo
from tests.imports.files import DEMO_HEADER, csv_bytes, demo_rows
from tests.web.conftest import Client, ClientFor

PAGES_PER_ROLE = 120
_LINK = re.compile(r'href="([^"#][^"]*)"')
# Not followed: leaving (sign-out is a form anyway), switching language, files, the API.
_SKIP = ("/static/", "/language/", "/api/", "/sign-out", "/sign-in")
_ONE_OF_A_KIND = re.compile(r"\d+")  # /persons/12 and /persons/13 are the same kind of page


@pytest.fixture
def demo_after_an_import(client_as: ClientFor, web_db: Engine) -> Engine:
    build_demo(web_db, persons=300, seed=7, as_of=date(2026, 1, 1), recorded_twice=0.1)
    operator = client_as(Role.OPERATOR)
    answer = operator.post(
        "/api/imports",
        data={"kind": "captor_list", "list_date": "01.05.2024", "skip_invalid": "true"},
        files={"file": ("list.csv", csv_bytes([DEMO_HEADER, *demo_rows(60, seed=9)]))},
        headers={"X-CSRF-Token": operator.csrf},
    )
    assert answer.status_code == 201, answer.text
    build_violations_demo(web_db, seed=7)
    return web_db


def _links(page: str, base: str) -> list[str]:
    found = []
    for href in _LINK.findall(page):
        url = urldefrag(urljoin(base, href.replace("&amp;", "&")))[0]
        parts = urlsplit(url)
        if parts.netloc not in ("", "testserver") or parts.path.startswith(_SKIP):
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def crawl(client: Client) -> tuple[list[str], dict[str, int]]:
    """The pages reached from the dashboard, at most a few of each kind; the failures."""
    queue, seen = deque(["/"]), {"/"}
    kinds: dict[str, int] = {}
    visited: list[str] = []
    failures: dict[str, int] = {}
    while queue and len(visited) < PAGES_PER_ROLE:
        path = queue.popleft()
        answer = client.get(path)
        visited.append(path)
        if answer.status_code >= 500:
            failures[path] = answer.status_code
        if "text/html" not in answer.headers.get("content-type", ""):
            continue
        for link in _links(answer.text, f"http://testserver{path}"):
            kind = _ONE_OF_A_KIND.sub("N", link.split("?")[0])
            if link in seen or kinds.get(kind, 0) >= 3:
                continue
            seen.add(link)
            kinds[kind] = kinds.get(kind, 0) + 1
            queue.append(link)
    return visited, failures


@pytest.mark.slow
def test_every_role_crawls_its_pages_without_errors_or_untranslated_words(
    client_as: ClientFor, demo_after_an_import: Engine
) -> None:
    i18n.MISSING.clear()
    for role in Role:
        visited, failures = crawl(client_as(role))
        assert not failures, (role, failures)
        assert len(visited) > 3, (role, visited)
    assert not i18n.MISSING, "missing from the Ukrainian catalogue:\n" + "\n".join(
        sorted(i18n.MISSING)
    )
