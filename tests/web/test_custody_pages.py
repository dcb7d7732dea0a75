"""The bureau's pages: the dashboard, registration, a prisoner's clocks and the card; medical
records and the profile only for the custodian and the admin, every read audited."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from homeward.access.models import AuditEntry
from homeward.access.roles import Role
from homeward.web.usecases import custody as custody_pages
from tests.web.conftest import ClientFor


def dmy(days_ago: int) -> str:
    return (date.today() - timedelta(days=days_ago)).strftime("%d.%m.%Y")


def register(client_as: ClientFor, **fields: str) -> int:
    client = client_as(Role.CUSTODIAN)
    data = {
        "surname": "Семёнов",
        "given_name": "Пётр",
        "rank": "рядовой",
        "service_number": "АВ-1",
        "birth_date": "1988",
        "captured_on": dmy(10),
        "captured_at": "Вовчанськ",
        "mother_maiden_name_answer": "refused",
        **fields,
    }
    response = client.form("/custody/register", data)
    assert response.status_code == 303, response.text
    return int(response.headers["location"].split("/")[-1].split("?")[0])


def test_a_custodian_registers_a_prisoner_and_sees_his_card_late(client_as: ClientFor) -> None:
    person_id = register(client_as)
    page = client_as(Role.CUSTODIAN).get(f"/custody/prisoners/{person_id}")
    assert page.status_code == 200
    assert 'data-obligation="capture_card" data-state="late"' in page.text
    board = client_as(Role.CUSTODIAN).get("/custody")
    assert board.status_code == 200 and "Семёнов" in board.text


def test_printing_the_card_gives_a_pdf_and_turns_the_clock_to_done(client_as: ClientFor) -> None:
    person_id = register(client_as)
    client = client_as(Role.CUSTODIAN)
    card = client.form(f"/custody/prisoners/{person_id}/card", {"lang": "ru"})
    assert card.status_code == 200 and card.content.startswith(b"%PDF")
    page = client.get(f"/custody/prisoners/{person_id}")
    assert 'data-obligation="capture_card" data-state="done_late"' in page.text


def test_bad_input_shows_the_form_again_and_writes_nothing(client_as: ClientFor) -> None:
    person_id = register(client_as)
    client = client_as(Role.CUSTODIAN)
    response = client.form(
        f"/custody/prisoners/{person_id}/events", {"kind": "moved", "on": dmy(1), "place": "Ніде"}
    )
    assert response.status_code == 422
    assert "Ніде" in response.text
    api = client.get(f"/api/custody/prisoners/{person_id}").json()
    assert api["status"] == "in_custody"


def test_the_registration_form_refuses_a_refused_rank(client_as: ClientFor) -> None:
    client = client_as(Role.CUSTODIAN)
    data = {"surname": "Орлов", "captured_on": dmy(2), "captured_at": "X", "rank_answer": "refused"}
    response = client.form("/custody/register", data)
    assert response.status_code == 422


def test_the_registration_form_says_what_the_power_field_takes(client_as: ClientFor) -> None:
    """The hint under the Power on which the prisoner depends says it is a country's code, not
    a bare "RUS" under a field that holds "RUS"."""
    page = client_as(Role.CUSTODIAN).get("/custody/register").text
    assert "трилітерний код країни, наприклад RUS" in page


def test_medical_records_are_read_only_by_the_custodian_and_the_admin_and_audited(
    client_as: ClientFor, web_db: Engine
) -> None:
    person_id = register(client_as)
    client_as(Role.CUSTODIAN).form(
        f"/custody/prisoners/{person_id}/inspections", {"on": dmy(1), "weight_kg": "71"}
    )
    for role in (Role.CUSTODIAN, Role.ADMIN):
        data = client_as(role).get(f"/api/custody/prisoners/{person_id}").json()
        assert data["medical"][0]["weight_kg"] == 71
    for role in (Role.OPERATOR, Role.ANALYST, Role.AUDITOR, Role.LIAISON):
        assert client_as(role).get(f"/api/custody/prisoners/{person_id}").status_code == 403
    with Session(web_db) as session:
        readers = session.scalars(
            select(AuditEntry.username).where(
                AuditEntry.action == "view_special", AuditEntry.object_id == str(person_id)
            )
        ).all()
    assert {"test-custodian", "test-admin"} <= set(readers)


def test_a_refused_registration_names_the_field_above_the_form(client_as: ClientFor) -> None:
    data = {"surname": "Семёнов", "captured_on": dmy(3), "captured_at": "Вовчанськ"}
    data["power"] = "Российская Федерация"  # a country's code is asked for
    page = client_as(Role.CUSTODIAN).form("/custody/register", data)
    assert page.status_code == 422
    assert re.search(
        r'role="alert">Полоненого не зареєстровано: Держава, від якої залежить полонений: задовге',
        page.text,
    ), page.text


def test_a_records_error_names_its_field_by_the_forms_label(client_as: ClientFor) -> None:
    """ "Дата: у майбутньому", "Вага, кг: …", not a bare "у майбутньому" above a form of three
    fields; a decimal comma is a weight like any other."""
    person_id = register(client_as)
    client = client_as(Role.CUSTODIAN)
    future = (date.today() + timedelta(days=3)).strftime("%d.%m.%Y")
    letter = {"on": future, "kind": "letter", "direction": "sent"}
    page = client.form(f"/custody/prisoners/{person_id}/letters", letter)
    assert page.status_code == 422
    assert re.search(r'role="alert">Дата: [^<]*майбутньому', page.text), page.text
    heavy = {"on": dmy(1), "weight_kg": "972,5"}
    page = client.form(f"/custody/prisoners/{person_id}/inspections", heavy)
    assert page.status_code == 422 and 'role="alert">Вага, кг: ' in page.text
    done = client.form(
        f"/custody/prisoners/{person_id}/inspections", {"on": dmy(1), "weight_kg": "72,5"}
    )
    assert done.status_code == 303


def test_the_api_lists_late_clocks(client_as: ClientFor) -> None:
    person_id = register(client_as)
    rows = client_as(Role.CUSTODIAN).get("/api/custody/clocks", params={"late": "true"}).json()
    mine = [r for r in rows if r["person_id"] == person_id]
    assert {r["obligation"] for r in mine} >= {"capture_card", "notification"}
    assert all(r["late"] for r in mine)


def test_a_man_captured_a_second_time_is_recognised_and_keeps_his_person(
    client_as: ClientFor,
) -> None:
    from homeward.web.usecases.intake import prepare

    prepare()
    first = register(client_as, captured_on=dmy(300))
    client = client_as(Role.CUSTODIAN)
    client.form(
        f"/custody/prisoners/{first}/events", {"kind": "repatriated", "on": dmy(200), "place": ""}
    )
    found = client.form(
        "/custody/register/candidates",
        {"surname": "Семенов", "given_name": "Петр", "birth_date": "1988"},
    )
    assert f'value="{first}"' in found.text
    again = register(client_as, captured_on=dmy(5), person_id=str(first))
    assert again == first
    data = client.get(f"/api/custody/prisoners/{first}").json()
    assert len(data["internments"]) == 2 and data["status"] == "in_custody"


def test_a_death_notice_owes_an_enquiry_and_the_health_report_needs_the_special_role(
    client_as: ClientFor,
) -> None:
    person_id = register(client_as)
    client = client_as(Role.CUSTODIAN)
    client.form(f"/custody/prisoners/{person_id}/events", {"kind": "died", "on": dmy(3)})
    saved = client.form(f"/custody/prisoners/{person_id}/records/death_notice", {"sent_on": dmy(1)})
    assert saved.status_code == 303
    page = client.get(f"/custody/prisoners/{person_id}")
    assert 'data-obligation="death_notification" data-state="done"' in page.text
    assert 'data-obligation="enquiry" data-state="due"' in page.text
    bad = client.form(f"/custody/prisoners/{person_id}/records/nonsense", {"on": dmy(1)})
    assert bad.status_code == 422


def late_rows(page: str) -> list[int]:
    """The prisoners of the late obligations' table, a row each."""
    table = page[page.index('id="late"') : page.index("</table>", page.index('id="late"'))]
    return [int(n) for n in re.findall(r'<a href="/custody/prisoners/(\d+)">', table)]


def test_the_late_obligations_come_a_page_at_a_time(
    client_as: ClientFor, web_db: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(custody_pages, "LATE_PER_PAGE", 2)
    held = [
        register(client_as, surname=f"Семёнов{'а' * n}", service_number=f"АВ-{n}") for n in range(3)
    ]
    client = client_as(Role.CUSTODIAN)
    first = client.get("/custody").text
    found = re.search(r'id="late-h">[^<]*<small>(\d+) ', first)
    assert found
    total = int(found.group(1))
    count = -(-total // 2)
    assert total >= 3 and len(late_rows(first)) == 2
    assert f"Сторінка 1 з {count}" in first and 'href="/custody?page=2" rel="next"' in first
    pages = [late_rows(client.get(f"/custody?page={n}").text) for n in range(1, count + 1)]
    assert sum(len(rows) for rows in pages) == total
    assert {row for rows in pages for row in rows} == set(held)
    with Session(web_db) as session:
        last = select(AuditEntry).where(AuditEntry.action == "view_custody")
        entry = session.scalars(last.order_by(AuditEntry.seq.desc()).limit(1)).one()
    assert entry.detail == {"late": total, "prisoners": sorted(set(pages[-1])), "page": count}
    assert late_rows(client.get("/custody?page=99").text) == pages[-1]


def test_an_article_taken_goes_back_from_his_page_and_the_write_is_audited(
    client_as: ClientFor, web_db: Engine
) -> None:
    """The duty "personal effects returned" can be met from the page: each article not yet
    back has a form; a day before it was taken is refused naming the field, another
    prisoner's article is not found, and the write has its audit entry."""
    from homeward.custody import models as m

    person_id = register(client_as)
    other = register(client_as, surname="Орлов", service_number="АВ-2")
    client = client_as(Role.CUSTODIAN)
    article = {"taken_on": dmy(9), "description": "Годинник", "receipt": "К-17"}
    assert client.form(f"/custody/prisoners/{person_id}/records/effect", article).status_code == 303
    with Session(web_db) as session:
        effect_id = session.scalars(
            select(m.Effect.id).where(m.Effect.person_id == person_id)
        ).one()
    page = client.get(f"/custody/prisoners/{person_id}")
    action = f"/custody/prisoners/{person_id}/effects/{effect_id}/disposal"
    assert f'action="{action}"' in page.text and "Записати повернення" in page.text
    early = client.form(action, {"disposal": "returned", "on": dmy(20)})
    assert early.status_code == 422 and 'role="alert">Дата: ' in early.text
    said = early.text.index('role="alert">Дата: ')  # beside the article it is about
    assert early.text.index("Годинник") < said < early.text.index(f'action="{action}"')
    odd = client.form(action, {"disposal": "lost", "on": dmy(1)})
    assert odd.status_code == 422 and 'role="alert">Спосіб повернення: ' in odd.text
    elsewhere = client.form(
        f"/custody/prisoners/{other}/effects/{effect_id}/disposal", {"on": dmy(1)}
    )
    assert elsewhere.status_code == 404
    done = client.form(action, {"disposal": "sealed_packet", "on": dmy(1)})
    assert done.status_code == 303
    page = client.get(f"/custody/prisoners/{person_id}")
    assert f'action="{action}"' not in page.text and "надіслано в опечатаному пакеті" in page.text
    with Session(web_db) as session:
        effect = session.get(m.Effect, effect_id)
        assert effect is not None and effect.disposal == "sealed_packet"
        details = session.scalars(
            select(AuditEntry.detail).where(
                AuditEntry.action == "custody_record", AuditEntry.object_id == str(person_id)
            )
        ).all()
    assert any(d.get("disposal") == "sealed_packet" for d in details), details


def test_a_record_of_his_time_with_us_may_be_entered_after_he_left_and_none_after(
    client_as: ClientFor,
) -> None:
    """After a hand-over to another Power a letter he sent while held may still be logged (a
    bureau enters records late); one dated after he left is refused naming the field, and the
    page says which days may be recorded."""
    person_id = register(client_as)
    client = client_as(Role.CUSTODIAN)
    held = client.get(f"/custody/prisoners/{person_id}").text
    assert "Уже не під нашою вартою" not in held
    moved = {"kind": "transferred", "on": dmy(4), "place": ""}
    assert client.form(f"/custody/prisoners/{person_id}/events", moved).status_code == 303
    page = client.get(f"/custody/prisoners/{person_id}").text
    assert "Уже не під нашою вартою" in page
    assert f'action="/custody/prisoners/{person_id}/letters"' in page
    letters = f"/custody/prisoners/{person_id}/letters"
    late = client.form(letters, {"on": dmy(6), "kind": "letter", "direction": "sent"})
    assert late.status_code == 303
    after = client.form(letters, {"on": dmy(2), "kind": "letter", "direction": "sent"})
    assert after.status_code == 422
    assert re.search(r'role="alert">Дата: [^<]*поза часом, коли його утримували', after.text)


def test_no_card_button_once_he_has_left_our_custody(client_as: ClientFor) -> None:
    """A capture card is made while he is held: after his repatriation the page offers no
    button that could only answer "is not a prisoner we hold", and says why."""
    person_id = register(client_as)
    client = client_as(Role.CUSTODIAN)
    assert (
        'action="/custody/prisoners/' + str(person_id) + '/card"'
        in client.get(f"/custody/prisoners/{person_id}").text
    )
    left = {"kind": "repatriated", "on": dmy(1), "place": ""}
    assert client.form(f"/custody/prisoners/{person_id}/events", left).status_code == 303
    page = client.get(f"/custody/prisoners/{person_id}").text
    assert f'action="/custody/prisoners/{person_id}/card"' not in page
    assert "картку про взяття в полон друкують, поки він утримується" in page


def test_a_record_before_his_capture_names_both_days_as_the_page_writes_them(
    client_as: ClientFor,
) -> None:
    """The alert reads "Дата: 01.01.2020 — раніше за взяття в полон 27.11.2026", not ISO."""
    person_id = register(client_as)
    client = client_as(Role.CUSTODIAN)
    letters = f"/custody/prisoners/{person_id}/letters"
    early = client.form(letters, {"on": "01.01.2020", "kind": "letter", "direction": "sent"})
    assert early.status_code == 422
    alert = early.text.split('role="alert">')[1].split("</")[0]
    assert f"01.01.2020 — раніше за взяття в полон {dmy(10)}" in alert, alert
    assert "2020-01-01" not in alert


def test_a_serial_number_never_breaks_at_its_dash(client_as: ClientFor) -> None:
    """At a phone's width "POW-000107" was split over two lines at its dash."""
    from pathlib import Path

    person_id = register(client_as)
    client = client_as(Role.CUSTODIAN)
    board = client.get("/custody").text
    page = client.get(f"/custody/prisoners/{person_id}").text
    assert re.search(r'<small class="muted serial">POW-\d+</small>', board)
    assert re.search(r'<strong class="serial">POW-\d+</strong>', page)
    static = Path(__file__).parents[2] / "src" / "homeward" / "web" / "static"
    assert ".serial { white-space: nowrap; }" in (static / "custody.css").read_text()


def test_no_hold_form_once_he_has_left_our_custody(client_as: ClientFor) -> None:
    """The admin, who may hold a prisoner back from exchanges, gets no such form for a man
    already repatriated (the page says he is no longer ours)."""
    person_id = register(client_as)
    admin = client_as(Role.ADMIN)
    assert 'id="hold-form"' in admin.get(f"/custody/prisoners/{person_id}").text
    left = {"kind": "repatriated", "on": dmy(1), "place": ""}
    assert (
        client_as(Role.CUSTODIAN).form(f"/custody/prisoners/{person_id}/events", left).status_code
        == 303
    )
    page = admin.get(f"/custody/prisoners/{person_id}").text
    assert 'id="hold-form"' not in page and "Уже не під нашою вартою" in page


def test_a_prisoner_we_hold_has_a_date_of_capture_on_his_person_page(
    client_as: ClientFor,
) -> None:
    """The register keeps his capture in the "disappearance" fields; his person page labels
    them as what they are for him: "Дата взяття в полон", "Місце взяття в полон"."""
    person_id = register(client_as)
    page = client_as(Role.ADMIN).get(f"/persons/{person_id}").text
    assert f"<dt>Дата взяття в полон</dt>\n      <dd>{dmy(10)}</dd>" in page
    assert "<dt>Місце взяття в полон</dt>" in page
    assert "Дата зникнення" not in page and "Місце зникнення" not in page
