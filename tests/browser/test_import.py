"""Importing a small spreadsheet in a real browser: upload, the check with its columns and a row
error, the invalid row skipped, the import, and its summary."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from homeward.access.roles import Role
from homeward.registry.models import Report
from homeward.web.usecases.intake import prepare
from tests.browser.conftest import shot, sign_in, username_of
from tests.imports.files import HEADER_UK, ROWS_UK, write_xlsx

BAD_ROW = ["Петренко", "Іван", "Іванович", "31.02.1999", "ч", "солдат", "А0536"]


def test_an_operator_imports_a_spreadsheet_with_one_bad_row(
    page: Page, web_db: Engine, tmp_path: Path
) -> None:
    prepare()
    sheet = write_xlsx(tmp_path / "captor-list.xlsx", {"Список": [HEADER_UK, *ROWS_UK, BAD_ROW]})
    sign_in(page, username_of(Role.OPERATOR))
    page.click("nav >> text=Імпорт")
    page.set_input_files("input[type=file]", str(sheet))
    page.select_option("select[name=kind]", "captor_list")
    page.fill("input[name=list_date]", "01.05.2024")
    page.click("button:has-text('Перевірити файл')")
    expect(page.locator("main")).to_contain_text("31.02.1999", timeout=20_000)
    expect(page.locator("main")).to_contain_text("неіснуюча дата")
    shot(page, "import-preview")
    # until the invalid rows are skipped the Import button is disabled, and looks it
    waiting = page.locator("form.commit button.when-not-skipping")
    expect(waiting).to_be_disabled()
    looks = waiting.evaluate(
        "b => [getComputedStyle(b).cursor, getComputedStyle(b).backgroundColor]"
    )
    page.check("#skip_invalid")
    ready = page.locator("form.commit button.when-skipping")
    assert looks[0] == "not-allowed"
    assert looks[1] != ready.evaluate("b => getComputedStyle(b).backgroundColor")
    page.locator("form.commit button[type=submit]:visible").click()
    expect(page.locator("main")).to_contain_text("captor-list.xlsx", timeout=30_000)
    shot(page, "import-done")
    with Session(web_db) as session:
        assert session.scalar(select(func.count()).select_from(Report)) == len(ROWS_UK)


def test_the_columns_choices_fit_a_phone(page: Page, web_db: Engine, tmp_path: Path) -> None:
    """At 390 px each column's "read as" choice stays inside its table: none is cut at the
    edge of the card."""
    prepare()
    sheet = write_xlsx(tmp_path / "list.xlsx", {"Список": [HEADER_UK, *ROWS_UK]})
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, username_of(Role.OPERATOR))
    page.goto("/imports")
    page.set_input_files("input[type=file]", str(sheet))
    page.click("button:has-text('Перевірити файл')")
    expect(page.locator("table.columns")).to_be_visible(timeout=20_000)
    shot(page, "import-preview-phone")
    table = page.locator("table.columns")
    assert table.evaluate("t => t.scrollWidth - t.clientWidth") <= 0
    right = table.evaluate("t => t.getBoundingClientRect().right")
    edges = page.locator("table.columns select").evaluate_all(
        "all => all.map(s => s.getBoundingClientRect().right)"
    )
    assert edges and max(edges) <= right, (edges, right)
