"""At a phone's width (390 px) no page scrolls sideways: wide tables scroll inside their card."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from homeward.access import audit
from homeward.access.audit import AuditAction
from homeward.access.roles import Role
from homeward.registry.schemas import SourceIn
from homeward.registry.service import create_person
from tests.browser.conftest import shot, username_of
from tests.factories import person_in
from tests.web.conftest import ADMIN_CONSOLE, PASSWORD

PLACE = "Новоолександрівка, Покровський район, Донецька область, довга назва місця зникнення"
SOURCE = "Мати, дзвінок на гарячу лінію координаційного штабу з питань військовополонених"


@pytest.fixture
def person_id(web_db: Engine) -> int:
    with Session(web_db) as session, session.begin():
        person = create_person(
            session,
            actor=ADMIN_CONSOLE,
            person=person_in(surname="Довгопрізвищенко-Кривошапко", missing_place=PLACE),
            source=SourceIn(kind="relative", name=SOURCE),
        )
        session.flush()
        return person.id


def test_pages_fit_a_phone_without_scrolling_sideways(
    browser: Browser, server: str, person_id: int
) -> None:
    context = browser.new_context(
        base_url=server, locale="uk-UA", viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.goto("/sign-in")
    page.fill("input[name=username]", username_of(Role.ADMIN))
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/")
    for path in ("/", "/search?side=own", f"/persons/{person_id}", "/imports", "/intake",
                 "/review", "/audit", "/users", "/custody", "/testimonies/new",
                 "/testimonies/mentions", "/places", "/stats", "/exchanges",
                 "/incidents"):  # fmt: skip
        page.goto(path)
        wide = page.evaluate("document.documentElement.scrollWidth")
        name = path.strip("/").split("?")[0].replace("/", "-") or "dashboard"
        shot(page, f"phone-{name}")
        assert wide <= 390, (path, wide)
    context.close()


def test_the_audit_log_fits_its_card_at_a_desktops_width(
    browser: Browser, server: str, web_db: Engine
) -> None:
    """Entries about an imported file name it by its SHA-256: the columns stay in the card."""
    long_id = "9f" * 32
    with Session(web_db) as session, session.begin():
        audit.log(
            session,
            ADMIN_CONSOLE,
            AuditAction.IMPORT_PREVIEW,
            object_type="file",
            object_id=long_id,
            detail={"file_name": "список-полонених-травень-2024-остаточний.xlsx", "valid": 3},
        )
    context = browser.new_context(
        base_url=server, locale="uk-UA", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.goto("/sign-in")
    page.fill("input[name=username]", username_of(Role.AUDITOR))
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/")
    page.goto("/audit")
    shot(page, "desktop-audit")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    overflow = page.evaluate(
        """() => [...document.querySelectorAll("main .card")].map(card => {
            const table = card.querySelector("table");
            const scroller = table && table.parentElement;
            return scroller ? scroller.scrollWidth - scroller.clientWidth : 0;
        })"""
    )
    assert max(overflow, default=0) <= 0, overflow
    context.close()


def test_a_wide_table_leaves_out_its_lesser_columns_on_a_phone_and_shows_there_is_more(
    browser: Browser, server: str, web_db: Engine
) -> None:
    """On a phone the number and the mode of an exchange are left out (its page has them), the
    table scrolls in itself, and a shadow at its edge says there is more that way; at a
    desktop's width every column is there and no shadow is drawn."""
    from datetime import date

    from homeward.exchanges import service as exchanges
    from tests.exchanges.factories import NEGOTIATOR

    with Session(web_db) as session, session.begin():
        exchanges.create_exchange(
            session, actor=NEGOTIATOR, name="Обмін за категоріями: поранені та молодші за 25",
            days=[date.today()], categories=["under_25", "seriously_ill"],
        )  # fmt: skip
    for width in (390, 1280):
        context = browser.new_context(
            base_url=server, locale="uk-UA", viewport={"width": width, "height": 844}
        )
        page = context.new_page()
        page.goto("/sign-in")
        page.fill("input[name=username]", username_of(Role.NEGOTIATOR))
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url("**/")
        page.goto("/exchanges")
        shot(page, f"exchanges-{width}")
        hidden = page.locator("#exchanges th.hide-narrow").first.is_hidden()
        shadow = page.evaluate(
            "getComputedStyle(document.querySelector('#exchanges')).backgroundImage"
        )
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        if width == 390:
            assert hidden and "linear-gradient" in shadow
        else:
            assert not hidden and shadow == "none"
        context.close()


def test_a_name_of_one_long_word_wraps_on_a_phone(
    browser: Browser, server: str, web_db: Engine
) -> None:
    """A surname with no space or hyphen to break at (as lists write a double one run together)
    wraps in the page's heading instead of widening the page."""
    with Session(web_db) as session, session.begin():
        person = create_person(
            session,
            actor=ADMIN_CONSOLE,
            person=person_in(surname="Довгопрізвищенкокривошапківський", given_name="Олександр"),
            source=SourceIn(kind="relative", name="Мати"),
        )
        session.flush()
        person_id = person.id
    context = browser.new_context(
        base_url=server, locale="uk-UA", viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.goto("/sign-in")
    page.fill("input[name=username]", username_of(Role.ADMIN))
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/")
    page.goto(f"/persons/{person_id}")
    shot(page, "phone-long-surname")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()
