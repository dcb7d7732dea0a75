"""A camp's page in a real browser: its three long lists (last sightings, moves, timeline) each
a page at a time, paging one leaves the others where they are and comes back to the list; the
page stays of a reading length at a desk's width and a phone's."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from homeward.access.roles import Role
from homeward.registry.evidence import add_evidence
from homeward.registry.sources import get_or_create_place
from tests.browser.conftest import shot, sign_in, username_of
from tests.factories import evidence_in
from tests.testimonies.factories import OPERATOR, a_person

HELD = 60  # more than two pages of each list


def a_camp(web_db: Engine) -> int:
    with Session(web_db) as session, session.begin():
        for n in range(HELD):
            person = a_person(session, surname=f"Полонений-{n:02}", given_name="Іван")
            for place, year in (("СІЗО-2 Таганрог", 2022), ("ИК-10 Мордовия", 2023)):
                add_evidence(
                    session,
                    actor=OPERATOR,
                    person_id=person.id,
                    evidence=evidence_in("captor_list", f"{n % 12 + 1:02}.{year}", place=place),
                )
        return get_or_create_place(session, "СІЗО-2 Таганрог").id


def test_a_camps_lists_come_a_page_at_a_time(page: Page, web_db: Engine) -> None:
    place_id = a_camp(web_db)
    sign_in(page, username_of(Role.LIAISON))
    page.goto(f"/places/{place_id}")
    for anchor in ("last", "moves", "timeline"):
        expect(page.locator(f"#{anchor} .pager")).to_contain_text("Сторінка 1 з 3")
    desk = page.evaluate("document.documentElement.scrollHeight")
    shot(page, "place-paged-desk")
    first_last = page.locator("#last tbody tr").first.inner_text()

    page.locator("#timeline .pager a[rel=next]").click()
    page.wait_for_url(f"**/places/{place_id}?timeline=2#timeline")
    expect(page.locator("#timeline .pager")).to_contain_text("Сторінка 2 з 3")
    expect(page.locator("#last .pager")).to_contain_text("Сторінка 1 з 3")
    assert page.locator("#last tbody tr").first.inner_text() == first_last
    assert page.evaluate("window.scrollY") > 0  # brought back to the timeline
    page.locator("#last .pager a[rel=next]").click()
    page.wait_for_url(f"**/places/{place_id}?timeline=2&last=2#last")
    expect(page.locator("#timeline .pager")).to_contain_text("Сторінка 2 з 3")
    expect(page.locator("#last .pager")).to_contain_text("Сторінка 2 з 3")

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/places/{place_id}")
    phone = page.evaluate("document.documentElement.scrollHeight")
    shot(page, "place-paged-phone")
    print(f"place page of {HELD} persons: {desk} px at 1280, {phone} px at 390")
    assert desk < 9_000 and phone < 20_000
