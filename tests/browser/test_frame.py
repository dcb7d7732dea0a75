"""Signing in and switching the language, in a real browser."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from homeward.access.roles import Role
from tests.browser.conftest import shot, sign_in, username_of


def test_sign_in_and_see_the_dashboard(page: Page) -> None:
    page.goto("/")
    assert "/sign-in" in page.url
    shot(page, "sign-in")
    sign_in(page, username_of(Role.ANALYST))
    expect(page.locator("h1")).to_have_text("Огляд")
    expect(page.locator("header")).to_contain_text("аналітик")
    shot(page, "dashboard-uk")


def test_a_wrong_password_shows_an_error(page: Page) -> None:
    page.goto("/sign-in")
    page.fill("input[name=username]", username_of(Role.ANALYST))
    page.fill("input[name=password]", "wrong-wrong-wrong")
    page.click("button[type=submit]")
    expect(page.locator(".error")).to_contain_text("Неправильне ім'я користувача або пароль")


def test_switch_the_language(page: Page) -> None:
    sign_in(page, username_of(Role.OPERATOR))
    page.click("text=ENG")
    expect(page.locator("h1")).to_have_text("Dashboard")
    shot(page, "dashboard-en")
    page.click("text=УКР")
    expect(page.locator("h1")).to_have_text("Огляд")


def test_the_menu_keeps_each_item_whole_at_every_width(page: Page) -> None:
    """An administrator's menu is long: at a desktop's width it wraps between items, never
    inside one ("Журнал" on one line, "аудиту" on the next)."""
    sign_in(page, username_of(Role.ADMIN))
    for width in (1280, 1024, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto("/")
        lines = page.evaluate(
            """() => [...document.querySelectorAll("header.top nav a")].map(a => {
                const range = document.createRange();
                range.selectNodeContents(a);
                const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                return [a.innerText, tops.size];
            })"""
        )
        assert lines and all(count == 1 for _text, count in lines), (width, lines)
    shot(page, "menu-admin-phone")
