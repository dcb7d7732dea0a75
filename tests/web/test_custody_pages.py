"""The bureau's pages: the dashboard, registration, a prisoner's clocks and the card; medical
records and the profile only for the custodian and the admin, every read audited."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from homeward.access.models import AuditEntry
from homeward.access.roles import Role
from homeward.web.usecases import custody as custody_pages
from tests.web.conftest import Client, ClientFor


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


def post_json(client: Client, url: str, body: Any) -> httpx.Response:
    response: httpx.Response = client.post(url, json=body, headers={"X-CSRF-Token": client.csrf})
    return response


def test_the_api_lists_and_writes_his_records_each_read_and_write_audited(
    client_as: ClientFor, web_db: Engine
) -> None:
    """Letters and articles for the bureau; inspections, health reports and Annex I findings
    only for a role that may read special-category data. Each write is the form's (the same
    checks, errors naming the field) and answers the record; each list is audited with the
    records it gave."""
    person_id = register(client_as)
    client = client_as(Role.CUSTODIAN)
    base = f"/api/custody/prisoners/{person_id}"
    letter = post_json(
        client, f"{base}/letters", {"on": dmy(2), "kind": "letter", "direction": "sent"}
    )
    assert letter.status_code == 201, letter.text
    assert letter.json()["on"] == (date.today() - timedelta(days=2)).isoformat()
    assert letter.json()["created_by"] == "test-custodian"
    declined = post_json(client, f"{base}/letters", {"on": dmy(1), "kind": "declined"})
    assert declined.status_code == 201, declined.text
    taken = post_json(
        client,
        f"{base}/effects",
        {"taken_on": dmy(9), "description": "Годинник", "receipt": "К-17"},
    )
    assert taken.status_code == 201, taken.text
    effect_id = taken.json()["id"]
    back = post_json(
        client,
        f"{base}/effects/{effect_id}/disposal",
        {"on": dmy(1), "disposal": "sealed_packet"},
    )
    assert back.status_code == 200, back.text
    assert back.json()["disposal"] == "sealed_packet"
    writes = {
        "inspections": {"on": dmy(3), "weight_kg": 71.5, "seriously_ill": True},
        "health-reports": {"sent_on": dmy(2), "summary": "задовільний стан"},
        "annex-findings": {
            "on": dmy(2),
            "condition": "incurable_wounded",
            "outcome": "direct_repatriation",
            "doctor": "лікар табору",
        },
    }
    for kind, body in writes.items():
        saved = post_json(client, f"{base}/{kind}", body)
        assert saved.status_code == 201, (kind, saved.text)

    letters = client.get(f"{base}/letters").json()
    assert [(r["kind"], r["direction"]) for r in letters] == [
        ("letter", "sent"),
        ("declined", None),
    ]
    assert client.get(f"{base}/letters", params={"limit": 1, "offset": 1}).json() == letters[1:]
    effects = client.get(f"{base}/effects").json()
    assert effects[0]["description"] == "Годинник" and effects[0]["disposal"] == "sealed_packet"
    inspections = client.get(f"{base}/inspections").json()
    assert inspections[0]["weight_kg"] == 71.5 and inspections[0]["seriously_ill"] is True
    assert client.get(f"{base}/health-reports").json()[0]["summary"] == "задовільний стан"
    assert client.get(f"{base}/annex-findings").json()[0]["condition"] == "incurable_wounded"

    # the admin reads them too; a role without custody_special reads no medical record
    assert client_as(Role.ADMIN).get(f"{base}/inspections").status_code == 200
    for role in (Role.OPERATOR, Role.ANALYST, Role.AUDITOR, Role.LIAISON):
        for kind in ("letters", "effects", "inspections", "health-reports", "annex-findings"):
            assert client_as(role).get(f"{base}/{kind}").status_code == 403, (role, kind)

    with Session(web_db) as session:
        entries = session.execute(
            select(AuditEntry.action, AuditEntry.detail).where(
                AuditEntry.object_id == str(person_id)
            )
        ).all()
    reads = [(action, d) for action, d in entries if d and "records" in d]
    assert ("view_custody", {"records": "letters", "ids": [r["id"] for r in letters]}) in reads
    inspected = {"records": "inspections", "ids": [r["id"] for r in inspections]}
    assert ("view_special", inspected) in reads
    assert {"records": "letters", "ids": [letters[1]["id"]], "offset": 1} in [d for _, d in reads]
    written = [d for action, d in entries if action == "custody_record"]
    assert {d["record"] for d in written} >= {
        "correspondence", "effects", "medical_inspections", "health_reports", "annex_findings",
    }  # fmt: skip


def test_the_apis_record_errors_name_the_field_and_write_nothing(
    client_as: ClientFor, web_db: Engine
) -> None:
    from homeward.custody import models as m

    person_id = register(client_as)
    client = client_as(Role.CUSTODIAN)
    base = f"/api/custody/prisoners/{person_id}"
    future = (date.today() + timedelta(days=3)).strftime("%d.%m.%Y")
    cases = [
        ("letters", {"on": future, "kind": "letter", "direction": "sent"}, "on"),
        ("letters", {"on": dmy(1), "kind": "letter"}, "direction"),
        ("letters", {"on": dmy(30), "kind": "declined"}, "on"),  # before his capture
        ("effects", {"taken_on": dmy(1), "description": "Гроші", "receipt": "К-1",
                     "amount_minor": 1000}, "currency"),
        ("health-reports", {"sent_on": "32.01.2026"}, "sent_on"),
    ]  # fmt: skip
    for kind, body, field in cases:
        refused = post_json(client, f"{base}/{kind}", body)
        assert refused.status_code == 422, (kind, refused.text)
        assert refused.json()["field"] == field, (kind, refused.json())
    unknown = post_json(client, f"{base}/letters", {"on": dmy(1), "kind": "fax"})
    assert unknown.status_code == 422 and "kind" in unknown.text
    extra = post_json(client, f"{base}/letters", {"on": dmy(1), "kind": "declined", "x": 1})
    assert extra.status_code == 422
    unsigned = client.post(f"{base}/letters", json={"on": dmy(1), "kind": "declined"})
    assert unsigned.status_code == 403  # no CSRF token
    nobody = post_json(
        client, "/api/custody/prisoners/999999/letters", {"on": dmy(1), "kind": "declined"}
    )
    assert nobody.status_code == 404
    assert client.get("/api/custody/prisoners/999999/letters").status_code == 404
    assert client.get(f"{base}/letters", params={"limit": 5000}).status_code == 422
    with Session(web_db) as session:
        assert session.scalars(select(m.Correspondence)).all() == []
        assert session.scalars(select(m.Effect)).all() == []
        assert session.scalars(select(m.HealthReport)).all() == []


def test_the_api_records_a_death_its_notice_printed_again_and_the_enquiry(
    client_as: ClientFor, web_db: Engine
) -> None:
    """A death notice and the enquiry it calls for, listed and written by the bureau through the
    forms' use cases; the notice prints again as the notification, never under another
    prisoner's number; each read and write audited with the records."""
    person_id = register(client_as)
    other_id = register(client_as, surname="Орлов", service_number="АВ-2")
    client = client_as(Role.CUSTODIAN)
    base = f"/api/custody/prisoners/{person_id}"
    died = post_json(client, f"{base}/events", {"kind": "died", "on": dmy(3)})
    assert died.status_code == 201, died.text
    notice = post_json(
        client,
        f"{base}/death-notices",
        {"sent_on": dmy(1), "buried_on": dmy(2), "burial_place": "Кладовище", "grave": "12"},
    )
    assert notice.status_code == 201, notice.text
    written = notice.json()
    assert written["cause"] is None and written["caused_by_another"] is False
    assert written["death_evidence_id"] == died.json()["evidence_id"]
    assert written["buried_on"] == (date.today() - timedelta(days=2)).isoformat()
    notices = client.get(f"{base}/death-notices").json()
    assert notices == [written]
    pdf = client.get(f"{base}/death-notices/{written['id']}/notification", params={"lang": "en"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf.headers["content-type"] == "application/pdf"
    other = f"/api/custody/prisoners/{other_id}"
    assert client.get(f"{other}/death-notices/{written['id']}/notification").status_code == 404
    assert client.get(f"{base}/death-notices/999999/notification").status_code == 404
    assert client.get(f"{other}/death-notices").json() == []
    wrong_language = client.get(
        f"{base}/death-notices/{written['id']}/notification", params={"lang": "de"}
    )
    assert wrong_language.status_code == 422

    # the cause is not known: an enquiry is owed
    enquiry = post_json(client, f"{base}/enquiries", {"opened_on": dmy(1), "finding": "триває"})
    assert enquiry.status_code == 201, enquiry.text
    enquiries = client.get(f"{base}/enquiries").json()
    assert enquiries == [enquiry.json()] and enquiries[0]["finding"] == "триває"
    assert client.get(f"{other}/enquiries").json() == []
    page = client.get(f"/custody/prisoners/{person_id}")
    assert 'data-obligation="enquiry" data-state="done"' in page.text

    assert client_as(Role.ADMIN).get(f"{base}/death-notices").status_code == 200
    for role in (Role.OPERATOR, Role.ANALYST, Role.AUDITOR, Role.LIAISON):
        for kind in ("death-notices", "enquiries", f"death-notices/{written['id']}/notification"):
            assert client_as(role).get(f"{base}/{kind}").status_code == 403, (role, kind)

    with Session(web_db) as session:
        entries = session.execute(
            select(AuditEntry.action, AuditEntry.detail).where(
                AuditEntry.object_id == str(person_id)
            )
        ).all()
    reads = [(action, d) for action, d in entries if d and "records" in d]
    assert ("view_custody", {"records": "death_notices", "ids": [written["id"]]}) in reads
    assert ("view_custody", {"records": "enquiries", "ids": [enquiries[0]["id"]]}) in reads
    printed = {"records": "death_notices", "ids": [written["id"]], "printed": "en"}
    assert ("view_custody", printed) in reads
    records = {(d["record"], d["id"]) for action, d in entries if action == "custody_record"}
    assert {("death_notices", written["id"]), ("enquiries", enquiries[0]["id"])} <= records


def test_the_api_lists_and_writes_his_profile_only_for_the_special_role(
    client_as: ClientFor, web_db: Engine
) -> None:
    person_id = register(client_as)
    other_id = register(client_as, surname="Орлов", service_number="АВ-2")
    client = client_as(Role.CUSTODIAN)
    base = f"/api/custody/prisoners/{person_id}"
    body = {
        "interviewed_on": dmy(2),
        "voluntary": True,
        "rank_category": "sergeant",
        "service_route": "contract_pmc",
        "citizenship": "RUS",
        "coercion_or_deception": False,
        "education": "secondary",
        "children": 2,
    }
    saved = post_json(client, f"{base}/profiles", body)
    assert saved.status_code == 201, saved.text
    again = post_json(client, f"{base}/profiles", {**body, "interviewed_on": dmy(1)})
    assert again.status_code == 201, again.text
    profiles = client.get(f"{base}/profiles").json()
    assert [p["id"] for p in profiles] == [saved.json()["id"], again.json()["id"]]
    first = profiles[0]
    assert (first["service_route"], first["coercion_or_deception"], first["children"]) == (
        "contract_pmc",
        False,
        2,
    )
    assert first["previous_convictions"] is None and first["created_by"] == "test-custodian"
    assert client.get(f"{base}/profiles", params={"offset": 1}).json() == profiles[1:]
    assert client.get(f"/api/custody/prisoners/{other_id}/profiles").json() == []
    assert client_as(Role.ADMIN).get(f"{base}/profiles").status_code == 200
    for role in (Role.OPERATOR, Role.ANALYST, Role.AUDITOR, Role.LIAISON):
        assert client_as(role).get(f"{base}/profiles").status_code == 403, role
        assert post_json(client_as(role), f"{base}/profiles", body).status_code == 403, role

    with Session(web_db) as session:
        entries = session.execute(
            select(AuditEntry.action, AuditEntry.detail).where(
                AuditEntry.object_id == str(person_id)
            )
        ).all()
    reads = [(action, d) for action, d in entries if d and "records" in d]
    ids = [p["id"] for p in profiles]
    assert ("view_special", {"records": "profiles", "ids": ids}) in reads
    assert ("view_special", {"records": "profiles", "ids": ids[1:], "offset": 1}) in reads
    written = [d for action, d in entries if action == "custody_record"]
    assert sorted(d["id"] for d in written if d["record"] == "profiles") == ids
    assert all("children" not in d and "service_route" not in d for d in written)


def test_the_apis_death_and_profile_errors_name_the_field_and_write_nothing(
    client_as: ClientFor, web_db: Engine
) -> None:
    from homeward.custody import models as m

    person_id = register(client_as)
    client = client_as(Role.CUSTODIAN)
    base = f"/api/custody/prisoners/{person_id}"
    future = (date.today() + timedelta(days=3)).strftime("%d.%m.%Y")
    # a man whose death is not recorded: no notice; no notice calls for an enquiry
    before = [
        ("death-notices", {"sent_on": dmy(1)}, "person"),
        ("enquiries", {"opened_on": dmy(1)}, "person"),
        ("enquiries", {"opened_on": future}, "opened_on"),
        ("profiles", {"interviewed_on": dmy(1)}, "voluntary"),
        ("profiles", {"interviewed_on": future, "voluntary": True}, "interviewed_on"),
        ("profiles", {"interviewed_on": dmy(1), "voluntary": True, "citizenship": "UA"},
         "citizenship"),
    ]  # fmt: skip
    died = post_json(client, f"{base}/events", {"kind": "died", "on": dmy(3)})
    assert died.status_code == 201, died.text
    after = [  # his death recorded three days ago
        ("death-notices", {"sent_on": dmy(5)}, "sent_on"),  # before his death
        ("death-notices", {"sent_on": future}, "sent_on"),
        ("death-notices", {"sent_on": dmy(1), "buried_on": "31.02.2026"}, "buried_on"),
    ]
    alive = register(client_as, surname="Орлов", service_number="АВ-2")
    cases = [(alive, *case) for case in before] + [(person_id, *case) for case in after]
    for who, kind, body, field in cases:
        refused = post_json(client, f"/api/custody/prisoners/{who}/{kind}", body)
        assert refused.status_code == 422, (kind, refused.text)
        assert refused.json()["field"] == field, (kind, refused.json())
    extra = post_json(client, f"{base}/enquiries", {"opened_on": dmy(1), "by": "x"})
    assert extra.status_code == 422
    children = post_json(
        client, f"{base}/profiles", {"interviewed_on": dmy(1), "voluntary": True, "children": 40}
    )
    assert children.status_code == 422
    assert children.json()["detail"][0]["loc"] == ["body", "children"]
    unsigned = client.post(f"{base}/death-notices", json={"sent_on": dmy(1)})
    assert unsigned.status_code == 403  # no CSRF token
    nobody = "/api/custody/prisoners/999999"
    assert post_json(client, f"{nobody}/death-notices", {"sent_on": dmy(1)}).status_code == 404
    assert post_json(client, f"{nobody}/enquiries", {"opened_on": dmy(1)}).status_code == 404
    assert (
        post_json(client, f"{nobody}/profiles", {"interviewed_on": dmy(1), "voluntary": True})
    ).status_code == 404
    for kind in ("death-notices", "enquiries", "profiles"):
        assert client.get(f"{nobody}/{kind}").status_code == 404, kind
    with Session(web_db) as session:
        assert session.scalars(select(m.DeathNotice)).all() == []
        assert session.scalars(select(m.Enquiry)).all() == []
        assert session.scalars(select(m.Profile)).all() == []


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


def test_each_api_list_says_how_many_records_there_are_in_all(client_as: ClientFor) -> None:
    """`X-Total-Count` counts his records of that kind whatever `limit` and `offset` say; every
    list route describes the header in the OpenAPI."""
    person_id = register(client_as)
    client = client_as(Role.CUSTODIAN)
    base = f"/api/custody/prisoners/{person_id}"
    for body in (
        {"on": dmy(3), "kind": "letter", "direction": "sent"},
        {"on": dmy(2), "kind": "declined"},
        {"on": dmy(1), "kind": "letter", "direction": "received"},
    ):
        assert post_json(client, f"{base}/letters", body).status_code == 201
    first = client.get(f"{base}/letters", params={"limit": 1})
    assert first.status_code == 200 and len(first.json()) == 1
    assert first.headers["X-Total-Count"] == "3"
    beyond = client.get(f"{base}/letters", params={"limit": 1, "offset": 5})
    assert (beyond.json(), beyond.headers["X-Total-Count"]) == ([], "3")
    for kind in ("effects", "inspections", "health-reports", "annex-findings", "enquiries"):
        none = client.get(f"{base}/{kind}", params={"limit": 1})
        assert (none.status_code, none.headers["X-Total-Count"]) == (200, "0"), kind
    refused = client_as(Role.OPERATOR).get(f"{base}/letters", params={"limit": 1})
    assert refused.status_code == 403 and "X-Total-Count" not in refused.headers

    spec = client.get("/api/openapi.json").json()
    lists = [
        (path, op)
        for path, ops in spec["paths"].items()
        if path.startswith("/api/custody/prisoners/{person_id}/")
        for method, op in ops.items()
        if method == "get" and "limit" in {p["name"] for p in op.get("parameters", [])}
    ]
    assert len(lists) == 8
    for path, op in lists:
        assert "X-Total-Count" in op["responses"]["200"]["headers"], path
        assert "application/json" in op["responses"]["200"]["content"], path
