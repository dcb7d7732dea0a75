"""The statistics page in a real browser: its charts are SVG drawn on the server (each its own
request), each beside its table; a table's CSV downloads and opens; on a phone the narrow
drawings are shown and the page fits."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from homeward.access.roles import Role
from tests.browser.conftest import shot, sign_in, username_of
from tests.stats.register import ON, build


@pytest.fixture
def register(web_db: Engine) -> dict[str, int]:
    with Session(web_db) as session, session.begin():
        return build(session)


def drawn(page: Page, selector: str) -> dict[str, object]:
    """The chart image's source as the browser chose it, and whether it loaded."""
    found: dict[str, object] = page.locator(selector).evaluate(
        "img => ({src: img.currentSrc, width: img.naturalWidth, shown: img.clientWidth})"
    )
    return found


def test_the_page_shows_svg_charts_and_tables_and_a_csv_opens(
    page: Page, register: dict[str, int], tmp_path: Path
) -> None:
    sign_in(page, username_of(Role.ANALYST))
    expect(page.locator("#dash-status_series_own img")).to_be_visible()  # the dashboard's charts
    page.click("nav >> text=Статистика")
    page.wait_for_url("**/stats")
    page.fill("input[name=on]", ON.isoformat())
    page.click("form.stats-day button[type=submit]")
    page.wait_for_url(f"**/stats?on={ON.isoformat()}")
    sections = page.locator("section.stat")
    assert sections.count() >= 10
    for index in range(sections.count()):
        section = sections.nth(index)
        expect(section.locator("figure.chart img")).to_have_count(1)
        expect(section.locator("table")).to_have_count(1)
    returned = page.locator("#returned_by_month")
    expect(returned.locator("img")).to_be_visible()
    chart = drawn(page, "#returned_by_month img")
    assert ".svg?" in str(chart["src"]) and "narrow" not in str(chart["src"])
    assert int(str(chart["width"])) > 0  # the SVG loaded
    expect(returned.locator("table")).to_contain_text("01.2023")
    expect(page.locator("#estimate")).to_contain_text("задокументовано")
    # 2024's one person is on no list: the year says so, not "at least 0 documented"
    expect(page.locator("#strata-year")).to_contain_text("Жоден список його не охоплює")
    expect(page.locator("#strata-year")).not_to_contain_text("Щонайменше 0")
    stats_shot = shot(page, "stats")
    page.locator("#strata-year").screenshot(path=str(stats_shot.with_name("stats-strata.png")))
    with page.expect_download() as download:
        returned.locator("a:has-text('для оприлюднення')").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    rows = list(csv.reader(io.StringIO(saved.read_text(encoding="utf-8"))))
    assert rows[0][0] == "month" and ["2023-01", "<5", "<5", "<5"] in rows


def test_the_page_fits_a_phone(browser: Browser, server: str, register: dict[str, int]) -> None:
    context = browser.new_context(
        base_url=server, locale="uk-UA", viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    sign_in(page, username_of(Role.ANALYST))
    page.goto(f"/stats?on={ON.isoformat()}")
    expect(page.locator("#status_series_own img")).to_be_visible()
    chart = drawn(page, "#status_series_own img")
    assert "narrow=1" in str(chart["src"]) and int(str(chart["width"])) > 0
    assert int(str(chart["shown"])) <= 390
    page.locator("#status_series_own").scroll_into_view_if_needed()
    shot(page, "phone-stats")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()
