"""Intake and review in a real browser: the likely persons appear while the operator types, and a
reviewer decides a pair and is taken to the next one."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from homeward.access import audit
from homeward.access.roles import Role
from homeward.linkage.review import propose
from homeward.linkage.scoring import FieldWeight, PairScore
from homeward.registry.models import Contact, Person, Report
from homeward.registry.service import create_person
from homeward.web.usecases.intake import prepare
from tests.browser.conftest import shot, sign_in, username_of
from tests.factories import person_in
from tests.web.conftest import ADMIN_CONSOLE

SCORE = PairScore(
    4.1,
    0.9446,
    (
        FieldWeight("surname", "same key, rare", 9.1, "Kovalenko ~ Коваленко"),
        FieldWeight("unit", "different", -4.25, "А0536 ~ А1234"),
    ),
    None,
)


def test_the_operator_sees_the_person_while_typing_and_links_the_report(
    page: Page, web_db: Engine
) -> None:
    prepare()  # the name tables, built once per process
    with Session(web_db) as session, session.begin():
        wanted = create_person(session, actor=ADMIN_CONSOLE, person=person_in()).id
    sign_in(page, username_of(Role.OPERATOR))
    page.goto("/intake")
    expect(page.locator("#candidates")).to_contain_text("Введіть прізвище")
    page.fill("input[name=surname]", "Kovalenko")
    page.fill("input[name=given_name]", "Oleksandr")
    page.fill("input[name=birth_date]", "12.03.1999")
    expect(page.locator("#candidates .warning")).to_be_visible(timeout=15_000)
    expect(page.locator("#candidates .candidate.likely")).to_contain_text("Коваленко Олександр")
    shot(page, "intake-candidates")
    page.check(f"input[name=person_id][value='{wanted}']")
    page.fill("input[name=missing_date]", "24.02.2022")
    page.fill("input[name=relative_name]", "Коваленко Марія")
    page.select_option("select[name=relative_relation]", "mother")
    page.fill("input[name=relative_phone]", "+380500000001")
    page.check("input[name=consent_contact]")
    page.click("button[type=submit]:has-text('Зберегти повідомлення')")
    page.wait_for_url("**/intake/done/**")
    expect(page.locator(f"a[href='/persons/{wanted}']").first).to_be_visible()
    shot(page, "intake-done")
    with Session(web_db) as session:
        assert session.scalars(select(Report.person_id)).one() == wanted
        assert session.scalars(select(Contact.person_id)).one() == wanted
        assert len(session.scalars(select(Person)).all()) == 1
        # the lookup the date of disappearance starts and the form each took their turn to
        # write (the test's server is `homeward serve`'s app): the audit chain is whole
        assert not audit.verify(session, signatures=False).breaks


def test_an_invalid_date_is_shown_beside_its_field(page: Page, web_db: Engine) -> None:
    sign_in(page, username_of(Role.OPERATOR))
    page.goto("/intake")
    page.fill("input[name=surname]", "Шевчук")
    page.fill("input[name=birth_date]", "31.02.1990")
    page.fill("input[name=relative_name]", "Шевчук Ганна")
    page.select_option("select[name=relative_relation]", "wife")
    page.fill("input[name=relative_phone]", "+380500000002")
    page.click("button[type=submit]:has-text('Зберегти повідомлення')")
    expect(page.locator("#birth_date-error")).to_contain_text("такої дати не існує")
    expect(page.locator("input[name=relative_name]")).to_have_value("Шевчук Ганна")
    shot(page, "intake-error")


def test_the_reviewer_merges_a_pair_and_goes_to_the_next(page: Page, web_db: Engine) -> None:
    with Session(web_db) as session, session.begin():
        ids = [
            create_person(session, actor=ADMIN_CONSOLE, person=person_in(**changes)).id
            for changes in ({}, {"unit": "А1234"}, {"surname": "Бойко"}, {"surname": "Бойко"})
        ]
        first = propose(
            session, score=SCORE, model_version="t", person_id=ids[0], other_person_id=ids[1]
        )
        second = propose(
            session,
            score=PairScore(1.0, 0.7, SCORE.fields, "different service numbers"),
            model_version="t",
            person_id=ids[2],
            other_person_id=ids[3],
        )
        assert first is not None and second is not None
        first_id, second_id = first.id, second.id
    sign_in(page, username_of(Role.ANALYST))
    page.goto("/review")
    shot(page, "review-queue")
    page.click(f"a[href='/review/{first_id}']")
    expect(page.locator("table.weights td.minus")).to_be_visible()
    shot(page, "review-pair")
    page.fill("textarea[name=reason]", "та сама частина, та сама мати")
    page.click("button[formaction$='/accept']")
    page.wait_for_url(f"**/review/{second_id}?*")
    expect(page.locator(".success")).to_contain_text(f"Пару {first_id} підтверджено")
    expect(page.locator(".veto")).to_contain_text("different service numbers")
    with Session(web_db) as session:
        absorbed = session.get(Person, ids[1])
        assert absorbed is not None and absorbed.merged_into_id == ids[0]


def test_a_pairs_weights_keep_their_numbers_and_words_whole_on_a_phone(
    page: Page, web_db: Engine
) -> None:
    """At 390 px the weight "−11,3" stays on one line and "прізвище" is not cut into letters;
    only the compared spellings may wrap anywhere: a date, a number or a code ("05.11.1978",
    "А0536") never breaks inside, and the table fits the phone without scrolling sideways.
    At a desktop's width nothing wraps at all."""
    long_values = "Тимошенко-Кривошапко Олександра ~ TYMOSHENKO-KRYVOSHAPKO OLEKSANDRA"
    score = PairScore(
        -11.25,
        0.0004,
        (
            FieldWeight("surname", "same key, rare", 11.3, long_values),
            FieldWeight("date of birth", "same date", 13.2, "1978-11-05 ~ 1978-11-05"),
            FieldWeight("date of disappearance", "different", -2.1, "2022-03-14 ~ 2022-03"),
            FieldWeight("unit", "different", -4.25, "А0536 ~ А1234"),
        ),
        None,
    )
    with Session(web_db) as session, session.begin():
        ids = [
            create_person(session, actor=ADMIN_CONSOLE, person=person_in(**changes)).id
            for changes in ({}, {"unit": "А1234"})
        ]
        pair = propose(
            session, score=score, model_version="t", person_id=ids[0], other_person_id=ids[1]
        )
        assert pair is not None
        pair_id = pair.id
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, username_of(Role.ANALYST))
    page.goto(f"/review/{pair_id}")
    shot(page, "review-pair-phone")
    lines = page.evaluate(
        """() => [...document.querySelectorAll("table.weights tbody tr")].map(row =>
            [...row.cells].filter(cell => cell.offsetParent).map(cell => {
                // the lines the cell's text takes (its text's boxes, not its elements')
                const tops = new Set();
                const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
                while (walker.nextNode()) {
                    const range = document.createRange();
                    range.selectNodeContents(walker.currentNode);
                    for (const r of range.getClientRects()) tops.add(Math.round(r.top));
                }
                return [cell.className, cell.innerText.trim(), tops.size];
            }))"""
    )
    for row in lines:
        for class_name, text, count in row:
            if "num" in class_name:
                assert count == 1, (text, count)
            elif "values" not in class_name:
                assert count <= len(text.split()), (text, count)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    _whole_values_and_no_sideways_scroll(page, 390)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.reload()
    shot(page, "review-pair-desktop")
    _whole_values_and_no_sideways_scroll(page, 1280)


def _whole_values_and_no_sideways_scroll(page: Page, width: int) -> None:
    """Each date, number or code in the compared values is on one line; the weights table does
    not scroll in itself, nor the page."""
    kept = page.evaluate(
        """() => [...document.querySelectorAll("table.weights td.values .nobreak")].map(span =>
            [span.innerText,
             new Set([...span.getClientRects()].map(r => Math.round(r.top))).size])"""
    )
    texts = [text for text, _ in kept]
    assert "05.11.1978" in texts and "03.2022" in texts and "А0536" in texts, texts
    assert all(lines == 1 for _, lines in kept), kept
    table = page.locator("table.weights")
    assert table.evaluate("t => t.scrollWidth - t.clientWidth") <= 0
    assert table.evaluate("t => t.parentElement.scrollWidth - t.parentElement.clientWidth") <= 0
    assert page.evaluate("document.documentElement.scrollWidth") <= width
