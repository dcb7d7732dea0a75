"""The family page on a phone (390 px) and the liaison's work in a real browser: a relative
opens /family with a code, reads the status and sends a message; the liaison finds it among
the relatives' messages and informs the family of a status change; an extract's QR code,
read from the printed page, resolves at /verify."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import zxingcpp
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, expect
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from homeward.access.roles import Role
from tests.browser.conftest import shot, sign_in, username_of
from tests.documents.paper import page_images, require_poppler
from tests.families.factories import add_fact
from tests.families.web import Seeded, seed_family

PHONE: ViewportSize = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser: Browser, server: str) -> Iterator[Page]:
    """A phone's browser: 390 px wide, touch, Ukrainian."""
    context: BrowserContext = browser.new_context(
        base_url=server, locale="uk-UA", viewport=PHONE, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda m: (
            errors.append(m.text)
            if m.type == "error" and "Failed to load resource" not in m.text
            else None
        ),
    )
    yield page
    context.close()
    assert not errors, f"the browser reported errors: {errors}"


@pytest.fixture
def family(web_db: Engine) -> Seeded:
    return seed_family(web_db, "Коваленко", facts=(("captor_list", "01.05.2023"),))


def fits_the_phone(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width} px wide on a 390 px phone"


def test_a_relative_reads_the_status_and_sends_news_from_a_phone(
    phone: Page, family: Seeded
) -> None:
    phone.goto("/family")
    fits_the_phone(phone)
    shot(phone, "family-code-phone")
    phone.fill("input[name=code]", family.code.lower().replace("-", " "))
    phone.click("button[type=submit]")
    phone.wait_for_url("**/family")
    expect(phone.locator("h1")).to_contain_text("Коваленко Олександр")
    expect(phone.locator("#status-now")).to_have_text("Можливий полон")
    expect(phone.locator("main")).to_contain_text("з 01.05.2023")
    fits_the_phone(phone)
    shot(phone, "family-status-phone")
    phone.click("text=Надіслати нам новини")
    phone.fill("textarea[name=message]", "Його бачили у Таганрозі в березні.")
    shot(phone, "family-message-phone")
    phone.click("button:has-text('Надіслати')")
    phone.wait_for_url("**/family?done=sent")
    expect(phone.locator(".success")).to_contain_text("Ваше повідомлення надійшло")


def test_the_liaison_takes_in_the_message_and_informs_the_family(
    page: Page, phone: Page, family: Seeded, web_db: Engine
) -> None:
    phone.goto("/family")
    phone.fill("input[name=code]", family.code)
    phone.click("button[type=submit]")
    phone.click("text=Надіслати нам новини")
    phone.fill("textarea[name=message]", "Лист від сина надійшов через Червоний Хрест.")
    phone.click("button:has-text('Надіслати')")
    phone.wait_for_url("**/family?done=sent")

    sign_in(page, username_of(Role.LIAISON))
    page.click("nav >> text=Родини")
    page.click("text=Повідомлення від родин")
    expect(page.locator(".family-message")).to_contain_text("Лист від сина")
    shot(page, "families-messages")
    page.click("button:has-text('Прийняти')")
    expect(page.locator(".success")).to_contain_text("Прийнято")

    with Session(web_db) as session, session.begin():
        add_fact(session, family.person_id, "icrc_notification", "01.02.2024")
    page.goto("/families")
    item = page.locator(f"#contact-{family.contact_id}")
    expect(item).to_contain_text("Полон підтверджено")
    shot(page, "families-queue")
    item.locator("input[name=summary]").fill("Зателефонували матері.")
    item.locator("button:has-text('Родину повідомлено')").click()
    expect(page.locator(".success")).to_contain_text("родину повідомлено")
    expect(page.locator(f"#contact-{family.contact_id}")).to_have_count(0)

    phone.goto("/family")
    expect(phone.locator("#status-now")).to_have_text("Полон підтверджено")
    shot(phone, "family-confirmed-phone")


def test_an_extracts_qr_code_resolves_at_verify(
    page: Page, phone: Page, family: Seeded, tmp_path: Path
) -> None:
    require_poppler()
    sign_in(page, username_of(Role.LIAISON))
    page.goto(f"/families/persons/{family.person_id}")
    shot(page, "families-workspace")
    page.click("button:has-text('Видати витяг')")
    code = page.locator("#verification-code").inner_text()
    with page.expect_download() as download:
        page.click("text=Завантажити PDF")
    pdf = Path(download.value.path()).read_bytes()
    pictures = page_images(pdf, tmp_path, dpi=200)
    links = [found.text for found in zxingcpp.read_barcodes(pictures[0])]
    assert len(links) == 1 and links[0].endswith(f"/verify/{code}")
    phone.goto(re.sub(r"^https?://[^/]+", "", links[0]))
    expect(phone.locator("#verified-h")).to_contain_text("Справжній")
    expect(phone.locator("main")).not_to_contain_text("Коваленко")
    fits_the_phone(phone)
    shot(phone, "verify-phone")


def test_the_outbox_is_a_column_of_cards_on_a_phone_with_every_button_on_the_screen(
    browser: Browser, server: str, web_db: Engine
) -> None:
    """At 390 px the outbox's table would scroll sideways and leave its buttons off the
    screen: each message is a card there, its buttons under it; at 1280 px it is a table."""
    from homeward.families import outbox
    from homeward.families.schemas import OutboxIn
    from tests.families.factories import LIAISON, a_contact, a_person

    words = OutboxIn(
        subject="Новини щодо пошуку: Довгопрізвищенко-Кривошапко Олександр Петрович",
        body="Доброго дня!\n\nУ реєстрі є новини про людину, яку ви шукаєте.",
    )
    with Session(web_db) as session, session.begin():
        for address in ("maria.dovhoprizvyshchenko-kryvoshapko@example.org", "o@example.org"):
            contact = a_contact(session, a_person(session).id, email=address, channel="email")
            outbox.draft_message(session, actor=LIAISON, contact_id=contact.id, message=words)
    for width in (PHONE["width"], 1280):
        context = browser.new_context(
            base_url=server, locale="uk-UA", viewport={"width": width, "height": 844}
        )
        page = context.new_page()
        sign_in(page, username_of(Role.LIAISON))
        page.goto("/families/outbox")
        shot(page, f"families-outbox-{width}")
        buttons = page.locator("main table button")
        expect(buttons).to_have_count(4)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        for box in (buttons.nth(i).bounding_box() for i in range(4)):
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, box
        header_shown = page.locator("main table thead").is_visible()
        assert header_shown == (width > PHONE["width"])
        context.close()


# the lines an element's text takes (the boxes of its text, not of the element: an inline block
# is one box however many lines it holds)
LINES = """element => {
    const range = document.createRange();
    range.selectNodeContents(element);
    return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
}"""


def test_a_code_is_shown_on_one_line_on_a_phone_and_the_page_does_not_scroll_sideways(
    phone: Page, page: Page, family: Seeded
) -> None:
    """A family's access code (six groups of four) and an extract's verification code never
    break at a dash, at 390 px as at a desktop's width, and the page does not scroll sideways."""
    for browser_page, width in ((phone, PHONE["width"]), (page, 1280)):
        sign_in(browser_page, username_of(Role.LIAISON))
        browser_page.goto(f"/families/persons/{family.person_id}")
        browser_page.click("button:has-text('Видати код доступу')")
        code = browser_page.locator("#the-code")
        expect(code).to_have_text(re.compile(r"^(\w{4}-){5}\w{4}$"))
        shot(browser_page, f"families-code-{width}")
        assert code.evaluate(LINES) == 1
        box = code.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
        assert browser_page.evaluate("document.documentElement.scrollWidth") <= width
        browser_page.goto(f"/families/persons/{family.person_id}")
        browser_page.click("button:has-text('Видати витяг')")
        verification = browser_page.locator("#verification-code")
        assert verification.evaluate(LINES) == 1
        shot(browser_page, f"families-extract-{width}")
        assert browser_page.evaluate("document.documentElement.scrollWidth") <= width
