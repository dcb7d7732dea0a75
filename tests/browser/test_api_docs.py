"""The API's documentation draws offline, from vendored files, under the page's policy."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.conftest import shot


def test_the_api_documentation_draws_without_any_outside_request(page: Page) -> None:
    outside: list[str] = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if not request.url.startswith(("http://127.0.0.1", "data:"))
            else None
        ),
    )
    page.goto("/api/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Homeward")
    expect(page.locator(".opblock-summary-path").first).to_be_visible()
    shot(page, "api-docs")
    assert outside == []
