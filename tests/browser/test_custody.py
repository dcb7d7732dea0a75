"""The bureau in a real browser: register a prisoner, see his card due, print it, see the clock
turn to done; the pages at a desk's width and a phone's, in Ukrainian."""

from __future__ import annotations

from datetime import date, timedelta

from playwright.sync_api import Page, expect

from homeward.access.roles import Role
from homeward.web.usecases.intake import prepare
from tests.browser.conftest import shot, sign_in, username_of


def test_register_a_prisoner_see_his_card_due_print_it_and_see_it_done(page: Page) -> None:
    prepare()  # the name tables for the candidates, built once per process
    sign_in(page, username_of(Role.CUSTODIAN))
    page.click("nav >> text=Полонені")
    page.wait_for_url("**/custody")
    page.click("text=Зареєструвати полоненого")
    page.fill("input[name=surname]", "Семёнов")
    page.fill("input[name=given_name]", "Пётр")
    page.fill("input[name=rank]", "рядовой")
    page.fill("input[name=service_number]", "АВ-123456")
    page.fill("input[name=birth_date]", "04.07.1988")
    page.select_option("select[name=mother_maiden_name_answer]", "refused")
    page.fill("input[name=captured_on]", (date.today() - timedelta(days=2)).strftime("%d.%m.%Y"))
    page.fill("input[name=captured_at]", "Вовчанськ")
    expect(page.locator("#candidates")).to_contain_text("нова особа", timeout=15_000)
    shot(page, "custody-register")
    page.click("button[type=submit]:has-text('Зареєструвати')")
    page.wait_for_url("**/custody/prisoners/**")
    card = page.locator("#clocks tr[data-obligation=capture_card]")
    expect(card).to_have_attribute("data-state", "due")
    expect(card).to_contain_text("належить")
    shot(page, "custody-prisoner-due")
    with page.expect_download() as download:
        page.click("button:has-text('Надрукувати картку')")
    assert download.value.suggested_filename.endswith(".pdf")
    page.reload()
    expect(page.locator("#clocks tr[data-obligation=capture_card]")).to_have_attribute(
        "data-state", "done"
    )
    shot(page, "custody-prisoner-done")
    page.goto("/custody")
    expect(page.locator("#obligations")).to_contain_text("Картка про взяття в полон")
    shot(page, "custody-dashboard")
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "custody-dashboard-phone")
