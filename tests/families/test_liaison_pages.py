"""The liaison's pages: the workspace's forms do what they say, and say what went wrong."""

from __future__ import annotations

import re

from fastapi import FastAPI
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from homeward.access.roles import Role
from homeward.families.models import ContactLogEntry, FamilyCode, FamilyMessage
from homeward.registry.models import Contact, Report
from tests.documents.paper import require_poppler, text_of
from tests.families.factories import a_contact, a_person, add_fact
from tests.families.web import family_client, family_token, seed_family
from tests.web.conftest import ClientFor


def person_with_contact(engine: Engine) -> tuple[int, int]:
    with Session(engine) as session, session.begin():
        person = a_person(session)
        return person.id, a_contact(session, person.id).id


def test_the_person_page_leads_to_the_contacts_workspace(
    web_db: Engine, client_as: ClientFor
) -> None:
    person_id, _contact_id = person_with_contact(web_db)
    page = client_as(Role.OPERATOR).get(f"/persons/{person_id}").text
    assert f'href="/families/persons/{person_id}"' in page
    assert client_as(Role.OPERATOR).get(f"/families/persons/{person_id}").status_code == 200


def test_an_operator_sees_contacts_but_no_codes_or_extracts(
    web_db: Engine, client_as: ClientFor
) -> None:
    person_id, _contact_id = person_with_contact(web_db)
    operator = client_as(Role.OPERATOR).get(f"/families/persons/{person_id}").text
    liaison = client_as(Role.LIAISON).get(f"/families/persons/{person_id}").text
    assert "Коваленко Марія" in operator and "Видати код доступу" not in operator
    assert "Видати код доступу" in liaison and "Засвідчені витяги" in liaison


def test_a_contact_is_added_and_a_bad_one_is_named_by_its_field(
    web_db: Engine, client_as: ClientFor
) -> None:
    person_id, _contact_id = person_with_contact(web_db)
    liaison = client_as(Role.LIAISON)
    bad = liaison.form(
        f"/families/persons/{person_id}/contacts",
        {"name": "Бойко Петро", "relation": "батько", "phone": "abc"},
    )
    assert bad.status_code == 422 and "це не номер телефону" in bad.text
    good = liaison.form(
        f"/families/persons/{person_id}/contacts",
        {
            "name": "Бойко Петро",
            "relation": "батько",
            "email": "petro@example.org",
            "channel": "email",
            "language": "en",
            "consent": "yes",
        },
    )
    assert good.status_code == 303
    with Session(web_db) as session:
        added = session.scalars(select(Contact).where(Contact.name == "Бойко Петро")).one()
        assert (added.language, added.channel, added.consent_contact) == ("en", "email", True)


def test_an_edit_of_a_stale_version_shows_the_conflict(
    web_db: Engine, client_as: ClientFor
) -> None:
    _person_id, contact_id = person_with_contact(web_db)
    liaison = client_as(Role.LIAISON)
    form = {
        "name": "Коваленко Марія",
        "relation": "мати",
        "phone": "+380500000009",
        "language": "uk",
        "channel": "phone",
        "version": "1",
    }
    assert liaison.form(f"/families/contacts/{contact_id}/edit", form).status_code == 303
    stale = liaison.form(
        f"/families/contacts/{contact_id}/edit", {**form, "phone": "+380500000008"}
    )
    assert stale.status_code == 409 and "змінив хтось інший" in stale.text


def test_a_log_entry_is_added_and_a_wrong_date_is_shown_beside_it(
    web_db: Engine, client_as: ClientFor
) -> None:
    _person_id, contact_id = person_with_contact(web_db)
    liaison = client_as(Role.LIAISON)
    wrong = liaison.form(
        f"/families/contacts/{contact_id}/log",
        {"kind": "call", "occurred_at": "вчора", "summary": "Дзвінок"},
    )
    assert wrong.status_code == 422 and "дд.мм.рррр" in wrong.text
    done = liaison.form(
        f"/families/contacts/{contact_id}/log",
        {"kind": "call", "occurred_at": "01.03.2026 10:00", "summary": "Дзвінок"},
    )
    assert done.status_code == 303
    with Session(web_db) as session:
        assert session.scalars(select(ContactLogEntry.summary)).all() == ["Дзвінок"]


def test_the_queue_is_emptied_by_informing_the_family(web_db: Engine, client_as: ClientFor) -> None:
    person_id, contact_id = person_with_contact(web_db)
    with Session(web_db) as session, session.begin():
        add_fact(session, person_id, "icrc_notification", "01.02.2024")
    liaison = client_as(Role.LIAISON)
    queue = liaison.get("/families").text
    told = re.search(r'name="told" value="([0-9,]+)"', queue)
    assert told and "Полон підтверджено" in queue
    done = liaison.form(
        f"/families/contacts/{contact_id}/informed",
        {"kind": "call", "summary": "Повідомили", "told": told.group(1)},
    )
    assert done.headers["location"] == "/families?saved=informed"
    assert "Жодна родина не чекає" in liaison.get("/families").text


def test_a_death_can_only_be_recorded_as_told_in_a_meeting(
    web_db: Engine, client_as: ClientFor
) -> None:
    person_id, contact_id = person_with_contact(web_db)
    with Session(web_db) as session, session.begin():
        add_fact(session, person_id, "died", "01.03.2024")
    liaison = client_as(Role.LIAISON)
    queue = liaison.get("/families").text
    assert "Повідомити особисто, ніколи не повідомленням" in queue
    assert 'value="call"' not in queue.split(f"/families/contacts/{contact_id}/informed")[1][:900]
    refused = liaison.form(f"/families/contacts/{contact_id}/informed", {"kind": "call"})
    assert refused.status_code == 422 and "повідомляють особисто" in refused.text


def test_a_code_is_shown_once_and_its_letter_printed_from_that_page(
    web_db: Engine, client_as: ClientFor
) -> None:
    require_poppler()
    person_id, contact_id = person_with_contact(web_db)
    liaison = client_as(Role.LIAISON)
    shown = liaison.form(f"/families/contacts/{contact_id}/codes", {"valid_days": "30"})
    assert shown.status_code == 200 and shown.headers["cache-control"] == "no-store"
    code = re.search(r'id="the-code">([0-9A-Z-]+)<', shown.text)
    assert code
    # a name is never left undeclined after a preposition ("Для Коваленко Марія"): a label says it
    with Session(web_db) as session:
        contact_name = session.get_one(Contact, contact_id).name
    assert f"Кому: {contact_name} (" in shown.text and "Для " not in shown.text
    with Session(web_db) as session:
        row = session.scalars(select(FamilyCode)).one()
    assert code.group(1) not in liaison.get(f"/families/persons/{person_id}").text
    letter = liaison.form(f"/families/codes/{row.id}/letter", {"code": code.group(1)})
    assert letter.headers["content-type"] == "application/pdf"
    words = " ".join(text_of(letter.content).split())
    # pdftotext may read a gap between two kerned letters of the code as a space
    assert code.group(1) in words.replace(" ", "") and "http://testserver/family" in words
    assert "З повагою, Служба зв'язку з родинами" in words
    forged = liaison.form(f"/families/codes/{row.id}/letter", {"code": "0000-" * 5 + "0000"})
    assert forged.status_code == 422


def test_a_message_from_a_family_is_taken_in_by_the_liaison(
    app: FastAPI, web_db: Engine, client_as: ClientFor
) -> None:
    family = seed_family(web_db, "Коваленко")
    client = family_client(app, family.code)
    client.post("/family/message", data={"csrf_token": family_token(client), "message": "Лист"})
    liaison = client_as(Role.LIAISON)
    waiting = liaison.get("/families/messages").text
    assert "Лист" in waiting and "Коваленко Марія" in waiting
    assert "Від: Коваленко Марія" in waiting  # a label, not "Від" before an undeclined name
    with Session(web_db) as session:
        message = session.scalars(select(FamilyMessage)).one()
    done = liaison.form(f"/families/messages/{message.id}/take-in", {"note": "Важливо"})
    assert done.status_code == 303
    assert "Лист" not in liaison.get("/families/messages").text
    with Session(web_db) as session:
        assert session.scalars(select(Report.person_id)).one() == family.person_id


def test_extracts_are_issued_downloaded_and_revoked_from_the_workspace(
    web_db: Engine, client_as: ClientFor
) -> None:
    person_id, _contact_id = person_with_contact(web_db)
    liaison = client_as(Role.LIAISON)
    issued = liaison.form(f"/families/persons/{person_id}/extracts", {"lang": "en"})
    assert issued.status_code == 200 and 'id="verification-code"' in issued.text
    number = re.search(r'href="/families/extracts/(\d+)/pdf"', issued.text)
    assert number
    download = liaison.get(f"/families/extracts/{number.group(1)}/pdf")
    assert download.content.startswith(b"%PDF-")
    revoked = liaison.form(f"/families/extracts/{number.group(1)}/revoke", {"reason": "error"})
    assert revoked.status_code == 303
    assert "відкликано" in liaison.get(f"/families/persons/{person_id}").text


def test_a_relation_stored_as_a_code_is_a_word_on_the_liaisons_pages(
    web_db: Engine, client_as: ClientFor
) -> None:
    with Session(web_db) as session, session.begin():
        person = a_person(session)
        a_contact(session, person.id, relation="wife")
        add_fact(session, person.id, "icrc_notification", "01.02.2024")
        person_id = person.id
    liaison = client_as(Role.LIAISON)
    for page in (liaison.get("/families").text, liaison.get(f"/families/persons/{person_id}").text):
        assert "· дружина" in page and "· wife" not in page


def test_the_contact_edit_form_is_a_read_of_contact_data_and_audited(
    web_db: Engine, client_as: ClientFor
) -> None:
    """The edit form shows the relative's name, address and phone: like every other read of
    contact data (`view_contacts`), it is in the audit log, naming the contact."""
    from homeward.access.models import AuditEntry

    _person_id, contact_id = person_with_contact(web_db)
    page = client_as(Role.LIAISON).get(f"/families/contacts/{contact_id}/edit")
    assert page.status_code == 200 and "Коваленко Марія" in page.text
    with Session(web_db) as session:
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
    assert last is not None
    assert (last.action, last.object_type, last.object_id) == (
        "view_contacts",
        "contact",
        str(contact_id),
    )
    assert last.username == "test-liaison"


def test_the_workspaces_errors_name_their_fields_in_words(
    web_db: Engine, client_as: ClientFor
) -> None:
    """ "Дійсний, днів: …", "Коли: …", "Тема: …" — never the form's codes valid_days,
    occurred_at, subject."""
    _person_id, contact_id = person_with_contact(web_db)
    liaison = client_as(Role.LIAISON)
    for action, data in (
        ("codes", {"valid_days": "0"}),
        ("log", {"kind": "call", "occurred_at": "вчора", "summary": "Дзвінок"}),
        ("outbox", {"subject": "", "body": ""}),
    ):
        page = liaison.form(f"/families/contacts/{contact_id}/{action}", data)
        assert page.status_code == 422, action
        alert = page.text.split('role="alert">')[1].split("</p>")[0]
        field = alert.split(":")[0]
        assert field not in ("valid_days", "occurred_at", "subject", "body"), alert
        assert re.match(r"[А-ЯІЇЄҐ]", field), alert


def test_a_merge_with_itself_names_the_field_in_words(client_as: ClientFor, web_db: Engine) -> None:
    with Session(web_db) as session, session.begin():
        person_id = a_person(session).id
    page = client_as(Role.ADMIN).form(
        f"/persons/{person_id}/merge", {"other": str(person_id), "reason": "той самий"}
    )
    assert page.status_code == 422
    alert = page.text.split('role="alert">')[1].split("</")[0]
    assert alert.startswith("Інший запис: "), alert


def test_the_messages_page_says_plainly_what_waits(client_as: ClientFor) -> None:
    """Not "Те, що родичі надіслали…, — повідомлення родичів, що чекають…" (the same words
    twice around a dash): one sentence with its subject first."""
    page = client_as(Role.LIAISON).get("/families/messages?lang=uk").text
    assert (
        "Повідомлення, які родичі надіслали через сторінку родини, чекають на приймання: "
        "до реєстру з них нічого не потрапляє, доки їх не прийнято." in " ".join(page.split())
    )
