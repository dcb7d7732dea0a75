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
