"""A debriefing in a real browser: five mentions typed row after row (Enter to the next), the
register's candidates appearing while each name is typed, four linked and one left open; in
Ukrainian, at a desk's width and a phone's."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from homeward.access.actor import Actor, Channel
from homeward.access.roles import Role
from homeward.registry.service import create_person
from homeward.web.usecases.intake import prepare
from tests.browser.conftest import shot, sign_in, username_of
from tests.factories import person_in

# the name as the witness said it, and the register's person it is (None: nobody)
HEARD = [
    ("Коваленко Олександр", {"surname": "Коваленко", "given_name": "Олександр"}),
    ("Tkachenko Dmytro", {"surname": "Ткаченко", "given_name": "Дмитро", "birth_date": "2001"}),
    ("Шевчук Андрей", {"surname": "Шевчук", "given_name": "Андрій", "birth_date": "1992"}),
    ("Мельник Сергій", {"surname": "Мельник", "given_name": "Сергій", "birth_date": "1995"}),
    ("Вербозуб", None),
]


def test_a_debriefing_of_five_mentions_with_live_candidates(page: Page, web_db: Engine) -> None:
    prepare()
    ids: dict[str, int] = {}
    with Session(web_db) as session, session.begin():
        for heard, fields in HEARD:
            if fields:
                made = create_person(
                    session, actor=Actor("setup", Channel.CLI), person=person_in(**fields)
                )
                ids[heard] = made.id
    sign_in(page, username_of(Role.OPERATOR))
    page.goto("/testimonies/new")
    page.fill("input[name=witness_name]", "Свідченко Андрій")
    page.fill("input[name=held_on]", "20.03.2024")
    page.click("input[name=m-0-name_heard]")
    for row, (heard, _fields) in enumerate(HEARD):
        name = page.locator(f"input[name=m-{row}-name_heard]")
        expect(name).to_be_focused()
        name.press_sequentially(heard, delay=20)
        cands = page.locator(f"#cands-{row}")
        if heard in ids:
            choice = cands.locator(f"input[type=radio][value='{ids[heard]}']")
            expect(choice).to_be_visible(timeout=15_000)
            choice.check()
            name.focus()
        else:
            expect(cands).to_contain_text("ніхто не збігається", timeout=15_000)
        page.fill(f"input[name=m-{row}-when]", "2023")
        name.press("Enter")  # to the next row; after the last, a new one is added
    expect(page.locator("input[name=m-5-name_heard]")).to_be_focused(timeout=10_000)
    shot(page, "testimonies-form")
    page.click("button[type=submit]:has-text('Записати опитування')")
    page.wait_for_url("**/testimonies/*?saved=1")
    expect(page.locator(".mention-shown .linked")).to_have_count(4)
    expect(page.locator(".mention-shown .open")).to_have_count(1)
    shot(page, "testimonies-debriefing")
    page.goto("/testimonies/mentions")
    expect(page.locator("main")).to_contain_text("Вербозуб")
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "testimonies-queue-phone")
