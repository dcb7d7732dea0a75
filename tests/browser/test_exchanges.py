"""Exchanges in a real browser: build a list by category, see the balance, compare two
versions, check and apply a roster; in Ukrainian, at a desk's width and a phone's."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from homeward.access.roles import Role
from homeward.exchanges import service
from homeward.exchanges.vocab import ListSide
from tests.browser.conftest import shot, sign_in, username_of
from tests.custody.factories import ago, dmy
from tests.exchanges.factories import ADMIN, NEGOTIATOR, our_captive, their_prisoner


def test_build_a_list_see_the_balance_compare_versions_and_reconcile(
    page: Page, web_db: Engine, tmp_path: Path
) -> None:
    with Session(web_db) as session, session.begin():
        young = our_captive(session, birth_date="03.2004")
        our_captive(session, surname="Шевчук", birth_date="1960")
        prisoner = their_prisoner(session, birth_date="2003", captured_on=dmy(ago(100)))
        exchange = service.create_exchange(
            session, actor=NEGOTIATOR, name="Обмін молодих", days=[date.today()],
            categories=["under_25"],
        ).id  # fmt: skip
    sign_in(page, username_of(Role.NEGOTIATOR))
    page.click("nav >> text=Обміни")
    page.click("text=Обмін молодих")
    page.click("text=Скласти список тих, кого просимо повернути")
    row = page.locator(f"#candidates tr[data-person='{young}']")
    expect(row).to_contain_text("— менше 25")
    row.locator("input[type=checkbox]").check()
    page.fill("input[name=reason]", "перший раунд")
    page.click("button:has-text('Додати вибраних до списку')")
    expect(page.locator("#balance-state")).to_contain_text("1 / 0")
    shot(page, "exchanges-builder")
    with Session(web_db) as session, session.begin():
        service.propose(
            session, actor=NEGOTIATOR, exchange_id=exchange, side=ListSide.ADVERSARY,
            person_ids=[prisoner], reason="перший раунд",
        )  # fmt: skip
        service.withdraw(
            session, actor=NEGOTIATOR, exchange_id=exchange, side=ListSide.ADVERSARY,
            person_ids=[prisoner], reason="ще не погоджено",
        )  # fmt: skip
        service.propose(
            session, actor=NEGOTIATOR, exchange_id=exchange, side=ListSide.ADVERSARY,
            person_ids=[prisoner], reason="другий раунд",
        )  # fmt: skip
    page.goto(f"/exchanges/{exchange}")
    expect(page.locator("#balance-state")).to_have_class("balanced")
    page.locator("#versions-adversary summary").click()
    page.locator("#versions-adversary select[name=older]").select_option("2")
    page.locator("#versions-adversary button:has-text('Порівняти')").click()
    expect(page.locator("#added")).to_contain_text(str(prisoner))
    expect(page.locator("#why")).to_contain_text("другий раунд")
    shot(page, "exchanges-compare")
    with Session(web_db) as session, session.begin():
        service.agree(session, actor=ADMIN, exchange_id=exchange)
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "ПІБ,Дата народження\nKovalenko Oleksandr Petrovych,03.2004\nМельник Іван Іванович,1999\n",
        encoding="utf-8",
    )
    page.goto(f"/exchanges/{exchange}")
    page.set_input_files("input[name=file]", str(roster))
    page.click("button:has-text('Перевірити список')")
    expect(page.locator("section[data-key=came_back_on_list]")).to_contain_text("Kovalenko")
    expect(page.locator("section[data-key=unknown_to_register]")).to_contain_text("Мельник")
    shot(page, "exchanges-reconcile-dry-run")
    page.click("button:has-text('Застосувати')")
    expect(page.locator("#figures-own [data-key=came_back_on_list]")).to_contain_text("1")
    expect(page.locator("#never-share-own")).to_contain_text("50")
    shot(page, "exchanges-reconciled")
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "exchanges-reconciled-phone")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"/persons/{young}")
    page.click("#returnee-link")
    expect(page.locator("#captivity")).to_contain_text("24.02.2022")
    expect(page.locator("#back-pay")).to_contain_text("грн")
    page.select_option("select[name=task]", "medical_screening")
    page.click("button:has-text('Внести')")
    expect(page.locator("#checklist li[data-task=medical_screening]")).to_contain_text("✓")
    shot(page, "exchanges-returnee")


def test_a_choice_made_on_two_pages_of_the_builder_is_proposed_at_once_on_a_phone(
    page: Page, web_db: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from homeward.web.routes import exchanges as exchange_pages

    monkeypatch.setattr(exchange_pages, "BUILDER_PER_PAGE", 2)
    with Session(web_db) as session, session.begin():
        for n in range(3):
            our_captive(session, surname=f"Шевчук{'а' * n}", birth_date="03.2004")
        exchange = service.create_exchange(
            session, actor=NEGOTIATOR, name="Обмін молодих", days=[date.today()],
            categories=["under_25"],
        ).id  # fmt: skip
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, username_of(Role.NEGOTIATOR))
    page.goto(f"/exchanges/{exchange}/builder?side=own")
    first = page.locator("#candidates input[name=person]").first
    chosen = [first.get_attribute("value") or ""]
    first.check()
    page.click("button:has-text('Наступна')")
    expect(page.locator("#picked-elsewhere")).to_contain_text("1 особу")
    other = page.locator("#candidates input[name=person]").first
    chosen.append(other.get_attribute("value") or "")
    other.check()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "phone-exchanges-builder-page-2")
    page.fill("input[name=reason]", "перший раунд")
    page.click("button:has-text('Додати вибраних до списку')")
    expect(page.locator("#balance-state")).to_contain_text("2 / 0")
    with Session(web_db) as session:
        listed = service.current_list(session, exchange, ListSide.OWN)
    assert sorted(map(str, listed)) == sorted(chosen)


@pytest.mark.parametrize("width", [390, 1280])
def test_a_choice_survives_a_change_of_the_category_filter(
    page: Page, web_db: Engine, width: int
) -> None:
    with Session(web_db) as session, session.begin():
        young = our_captive(session, surname="Шевчук", birth_date="03.2004")
        elder = our_captive(session, surname="Стахів", birth_date="05.1950")
        exchange = service.create_exchange(
            session, actor=NEGOTIATOR, name="Обмін молодих і старших", days=[date.today()],
            categories=["under_25", "over_60"],
        ).id  # fmt: skip
    page.set_viewport_size({"width": width, "height": 844})
    sign_in(page, username_of(Role.NEGOTIATOR))
    page.goto(f"/exchanges/{exchange}/builder?side=own&category=under_25")
    page.locator(f"#candidates tr[data-person='{young}'] input[name=person]").check()
    page.locator("#builder-filter input[value=under_25]").uncheck()
    page.locator("#builder-filter input[value=over_60]").check()
    page.click("#builder-filter button")
    expect(page.locator(f"#candidates tr[data-person='{elder}']")).to_be_visible()
    expect(page.locator(f"#candidates tr[data-person='{young}']")).to_have_count(0)
    expect(page.locator("#picked-elsewhere")).to_contain_text("за іншими категоріями")
    page.locator(f"#candidates tr[data-person='{elder}'] input[name=person]").check()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    shot(page, f"exchanges-builder-filter-{width}")
    page.fill("input[name=reason]", "перший раунд")
    page.click("button:has-text('Додати вибраних до списку')")
    expect(page.locator("#balance-state")).to_contain_text("2 / 0")
    with Session(web_db) as session:
        assert set(service.current_list(session, exchange, ListSide.OWN)) == {young, elder}
