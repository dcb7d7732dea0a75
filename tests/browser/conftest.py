"""Browser tests: Debian's chromium driven by Playwright against a real server on loopback.

The server runs in a thread over the test database, with the users of tests/web/conftest.py,
and its app is built as `homeward serve` builds it (`create_app` from the settings alone): the
engine whose transactions take SQLite's write lock in turn, the engine for reads, and the short
side writes of pages that only read. An app given the tests' one engine has none of these, and
two requests at once could both read the same last audit entry.
Each test saves a screenshot of its page to build/screenshots/ (look at them). Without
/usr/bin/chromium the tests skip with the reason, except under CI (CI=true), where they fail.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright
from sqlalchemy import Engine

from tests.web.conftest import PASSWORD, username_of, web_db  # noqa: F401 (a fixture)
from tests.web.live import live_server

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.browser


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser" in str(item.path):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("CI needs /usr/bin/chromium (apt-get install -y chromium)")
        pytest.skip("no /usr/bin/chromium: apt-get install -y chromium to run the browser tests")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def server(web_db: Engine) -> Iterator[str]:  # noqa: F811
    """What `homeward serve` runs (tests/web/live.py): `create_app(settings)` with engines of
    its own, served by uvicorn in a thread."""
    with live_server(web_db) as base:
        yield base


@pytest.fixture
def page(browser: Browser, server: str) -> Iterator[Page]:
    context = browser.new_context(
        base_url=server, locale="uk-UA", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        # a refused sign-in answers 4xx on purpose; script errors and CSP refusals count
        if message.type == "error" and "Failed to load resource" not in message.text:
            errors.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, f"the browser reported errors: {errors}"


def shot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def sign_in(page: Page, role_username: str, password: str = PASSWORD) -> None:
    page.goto("/sign-in")
    page.fill("input[name=username]", role_username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url("**/")


__all__ = ["shot", "sign_in", "username_of"]
