"""Search in a real browser: a name typed in Latin finds the person written in Cyrillic, the
results come while typing, and the person page opens with the status explained."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from homeward.access.roles import Role
from homeward.registry.service import create_person
from homeward.web.usecases.intake import prepare
from tests.browser.conftest import shot, sign_in, username_of
from tests.factories import person_in
from tests.web.conftest import ADMIN_CONSOLE


def test_a_latin_name_typed_in_the_box_finds_both_cyrillic_spellings(
    page: Page, web_db: Engine
) -> None:
    prepare()
    with Session(web_db) as session, session.begin():
        ukrainian = create_person(session, actor=ADMIN_CONSOLE, person=person_in()).id
        russian = create_person(
            session,
            actor=ADMIN_CONSOLE,
            person=person_in(given_name="Александр", patronymic="Петрович", birth_date="1985"),
        ).id
        create_person(session, actor=ADMIN_CONSOLE, person=person_in(surname="Бойко"))
    sign_in(page, username_of(Role.ANALYST))
    page.fill("input[name=q]", "Oleksandr Kovalenko")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?**")
    results = page.locator("#results")
    expect(results.locator(f"a[href='/persons/{ukrainian}']")).to_be_visible()
    expect(results.locator(f"a[href='/persons/{russian}']")).to_be_visible()
    expect(results).not_to_contain_text("Бойко")
    shot(page, "search-latin")

    # typing again updates the results in place (HTMX), no page load
    box = page.locator("main input[name=q]")
    box.fill("Бойко")
    expect(results).to_contain_text("Бойко", timeout=10_000)
    expect(results.locator(f"a[href='/persons/{ukrainian}']")).to_have_count(0)

    box.fill("Kovalenko")
    results.locator(f"a[href='/persons/{ukrainian}']").first.click()
    page.wait_for_url(f"**/persons/{ukrainian}")
    expect(page.locator("h1")).to_contain_text("Коваленко")
    shot(page, "person-page")
