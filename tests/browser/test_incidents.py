"""An investigator in a real browser: records an incident, adds a second act, attaches a file
and opens it; the file's page shows its SHA-256 and every view in its chain of custody."""

from __future__ import annotations

import hashlib
from pathlib import Path

from playwright.sync_api import Page, expect
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from homeward.access.roles import Role
from tests.browser.conftest import shot, sign_in, username_of
from tests.violations.factories import a_person, a_place, a_source


def test_an_incident_with_two_acts_and_a_file(page: Page, web_db: Engine, tmp_path: Path) -> None:
    with Session(web_db) as session, session.begin():
        first, second = a_person(session, "Шевчук"), a_person(session, "Бондар")
        place, source = a_place(session), a_source(session)
    sign_in(page, username_of(Role.INVESTIGATOR))
    page.click("nav >> text=Інциденти")
    page.wait_for_url("**/incidents")
    page.click("text=Внести інцидент")
    page.fill("input[name=title]", "Побиття під час прийому")
    page.select_option("select[name=act_type]", "torture_beating")
    page.fill("input[name=victims]", f"{first}, {second}")
    page.select_option("select[name=act_place_id]", str(place))
    page.fill("input[name=occurred]", "03.2023")
    page.select_option("select[name=source_id]", str(source))
    page.select_option("select[name=credibility]", "probable")
    shot(page, "incident-new")
    page.click("button:has-text('Внести інцидент')")
    page.wait_for_url("**/incidents/*")
    form = page.locator("#act-form")
    form.locator("select[name=act_type]").select_option("denial_of_medical_care")
    form.locator("input[name=victims]").fill(str(first))
    form.locator("input[name=occurred]").fill("04.2023")
    form.locator("input[name=until]").fill("09.2023")
    form.locator("button[type=submit]").click()
    page.wait_for_url("**/incidents/*")
    expect(page.locator("section.act")).to_have_count(2)
    expect(page.locator("#acts ~ section.act").first).to_contain_text("Катування: побиття")
    expect(page.locator("section.act").nth(1)).to_contain_text("Відмова в медичній допомозі")
    evidence = tmp_path / "cell.png"
    evidence.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64)
    digest = hashlib.sha256(evidence.read_bytes()).hexdigest()
    page.set_input_files("#file-form input[name=file]", str(evidence))
    page.fill("#file-form input[name=description]", "Синтетичне фото камери")
    page.click("#file-form button[type=submit]")
    page.wait_for_url("**/incidents/*")
    expect(page.locator("#files-table")).to_contain_text(digest)
    shot(page, "incident-page")
    incident_page = page.url
    page.click("#files-table a:has-text('cell.png')")
    page.wait_for_url("**/files/*")
    expect(page.locator("#sha256")).to_have_text(digest)
    with page.expect_response("**/content") as opened:
        page.click("text=Відкрити файл")
    assert opened.value.status == 200
    page.go_back()
    page.reload()
    expect(page.locator("#custody-log tbody tr")).to_have_count(2)
    expect(page.locator("#custody-log")).to_contain_text("переглянув")
    shot(page, "evidence-file")
    file_page = page.url
    page.set_viewport_size({"width": 390, "height": 844})
    for url, name in ((file_page, "evidence-file-phone"), (incident_page, "incident-phone"),
                      ("/incidents", "incidents-phone")):  # fmt: skip
        page.goto(url)
        shot(page, name)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, url
