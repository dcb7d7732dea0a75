"""Intake of a relative's report: the likely persons while typing, the report written whole or
not at all, through the pages and the API."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from homeward.access.models import AuditEntry
from homeward.access.roles import Role
from homeward.registry.models import Contact, Evidence, Person, PersonName, Report
from homeward.registry.schemas import NameIn, SourceIn
from homeward.registry.service import add_name, create_person
from tests.factories import person_in
from tests.web.conftest import ADMIN_CONSOLE, Client, ClientFor

FORM = {
    "surname": "KOVALENKO",
    "given_name": "Oleksandr",
    "patronymic": "Petrovych",
    "sex": "M",
    "birth_date": "12.03.1999",
    "unit": "А0536",
    "missing_date": "24.02.2022",
    "missing_place": "Харків",
    "circumstances": "Last call on 23.02.2022.\nHis unit left for the north.",
    "relative_name": "Коваленко Марія Іванівна",
    "relative_relation": "mother",
    "relative_phone": "+380 50 000 00 01",
    "relative_email": "",
    "relative_address": "",
    "consent_contact": "on",
    "consent_share": "on",
}


def english(client: Client) -> Client:
    client.cookies.set("homeward_lang", "en")
    return client


def a_person(engine: Engine, **overrides: Any) -> int:
    with Session(engine) as session, session.begin():
        return create_person(session, actor=ADMIN_CONSOLE, person=person_in(**overrides)).id


def count(engine: Engine, model: type) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def last_seq(engine: Engine) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.max(AuditEntry.seq))) or 0


def audit_since(engine: Engine, seq: int) -> list[AuditEntry]:
    with Session(engine) as session:
        query = select(AuditEntry).where(AuditEntry.seq > seq).order_by(AuditEntry.seq)
        return list(session.scalars(query))


def nothing_written(engine: Engine) -> bool:
    return all(count(engine, model) == 0 for model in (Report, Contact, Evidence))


# pages


def test_the_form_has_the_fields_a_csrf_token_and_the_live_candidate_lookup(
    client_as: ClientFor,
) -> None:
    response = english(client_as(Role.OPERATOR)).get("/intake")
    assert response.status_code == 200
    page = response.text
    for name in ("surname", "given_name", "patronymic", "birth_date", "unit", "missing_date"):
        assert f'name="{name}"' in page
    for name in ("relative_name", "relative_phone", "consent_contact", "consent_share"):
        assert f'name="{name}"' in page
    assert 'name="csrf_token"' in page
    assert 'hx-post="/intake/candidates"' in page
    assert 'hx-trigger="input changed delay:400ms"' in page
    assert "<script>" not in page and "style=" not in page


def test_a_report_about_a_person_in_the_register_shows_them_as_likely(
    client_as: ClientFor, web_db: Engine
) -> None:
    wanted = a_person(web_db)
    a_person(web_db, surname="Бойко", given_name="Іван")
    before = last_seq(web_db)
    client = english(client_as(Role.OPERATOR))
    response = client.post(
        "/intake/candidates",
        data={"surname": "KOVALENKO", "given_name": "Oleksandr", "birth_date": "12.03.1999"},
        headers={"HX-Request": "true", "X-CSRF-Token": client.csrf},
    )
    assert response.status_code == 200
    fragment = response.text
    assert "<html" not in fragment
    assert "Коваленко Олександр Петрович" in fragment
    assert "Бойко" not in fragment
    assert f'href="/persons/{wanted}"' in fragment
    assert f'type="radio" name="person_id" value="{wanted}"' in fragment
    assert 'class="candidate likely"' in fragment
    assert "Probably already in the register" in fragment
    assert "A duplicate is caught before it is made" in fragment
    assert 'class="num plus"' in fragment  # the per-field weights
    assert "date of birth" in fragment and " %" in fragment
    assert "· unit А0536" in fragment  # a bare number would say nothing
    entries = audit_since(web_db, before)
    assert [e.action for e in entries] == ["candidates"]
    assert entries[0].username == "test-operator"
    assert entries[0].detail["found"] == [wanted]
    assert entries[0].detail["query"]["surname"] == "KOVALENKO"


def test_a_candidate_is_named_as_the_register_names_him_with_the_spelling_it_matched(
    client_as: ClientFor, web_db: Engine
) -> None:
    wanted = a_person(web_db)
    with Session(web_db) as session, session.begin():
        add_name(
            session,
            actor=ADMIN_CONSOLE,
            person_id=wanted,
            name=NameIn(surname="Ковалегко", given_name="Олександр"),
            source=SourceIn(kind="list", name="a misspelled list"),
        )
    client = english(client_as(Role.OPERATOR))
    fragment = client.post(
        "/intake/candidates",
        data={"surname": "Ковалегко", "given_name": "Олександр", "birth_date": "12.03.1999"},
        headers={"HX-Request": "true", "X-CSRF-Token": client.csrf},
    ).text
    link = f'<a href="/persons/{wanted}" target="_blank" rel="noopener">'
    assert link + "Коваленко Олександр Петрович</a>" in fragment
    assert "matched the spelling Ковалегко" in fragment


def test_nobody_matches_a_new_name(client_as: ClientFor, web_db: Engine) -> None:
    a_person(web_db)
    client = english(client_as(Role.OPERATOR))
    response = client.form("/intake/candidates", {"surname": "Шевчук", "given_name": "Тарас"})
    assert response.status_code == 200
    assert "Nobody in the register matches" in response.text


def test_choosing_the_candidate_links_the_report_with_contact_consent_and_evidence(
    client_as: ClientFor, web_db: Engine
) -> None:
    wanted = a_person(web_db)
    before = last_seq(web_db)
    client = english(client_as(Role.OPERATOR))
    response: Any = client.form("/intake", {**FORM, "person_id": str(wanted)})
    assert response.status_code == 303
    assert response.headers["location"].startswith("/intake/done/")
    assert count(web_db, Person) == 1  # no new person
    with Session(web_db) as session:
        report = session.scalars(select(Report)).one()
        assert report.person_id == wanted
        assert report.source.kind == "relative"
        assert report.payload["surname"] == "KOVALENKO"
        assert report.payload["circumstances"].startswith("Last call")
        assert "phone" not in str(report.payload)  # the relative's details live in contacts
        contact = session.scalars(select(Contact)).one()
        assert (contact.person_id, contact.relation) == (wanted, "mother")
        assert contact.consent_contact and contact.consent_share
        assert contact.phone == "+380 50 000 00 01"
        evidence = session.scalars(select(Evidence)).one()
        assert (evidence.person_id, evidence.kind, evidence.report_id) == (
            wanted,
            "reported_missing",
            report.id,
        )
        assert evidence.on.iso() == "2022-02-24"
        person = session.get(Person, wanted)
        assert person is not None and person.status == "missing"
        spellings = session.scalars(
            select(PersonName.surname).where(PersonName.person_id == wanted)
        )
        assert set(spellings) == {"Коваленко", "KOVALENKO"}  # the relative's spelling is kept
    actions = [e.action for e in audit_since(web_db, before)]
    assert actions == ["add_report", "link_report", "add_evidence", "add_contact"]
    done = client.get(response.headers["location"])
    assert done.status_code == 200
    assert f'href="/persons/{wanted}"' in done.text
    assert "The report was added to a person already in the register" in done.text


def test_a_likely_match_must_be_chosen_or_refused_before_a_new_person_is_made(
    client_as: ClientFor, web_db: Engine
) -> None:
    existing = a_person(web_db)
    client = english(client_as(Role.OPERATOR))
    response: Any = client.form("/intake", FORM)
    assert response.status_code == 422
    assert "the register already has a likely match" in response.text
    assert f'value="{existing}"' in response.text  # the candidates are shown again
    assert nothing_written(web_db) and count(web_db, Person) == 1
    response = client.form("/intake", {**FORM, "person_id": "new"})
    assert response.status_code == 303
    assert count(web_db, Person) == 2


def test_intake_of_a_new_person_creates_them(client_as: ClientFor, web_db: Engine) -> None:
    before = last_seq(web_db)
    client = english(client_as(Role.OPERATOR))
    response: Any = client.form("/intake", FORM)
    assert response.status_code == 303
    assert response.headers["location"].endswith("?new=1")
    with Session(web_db) as session:
        person = session.scalars(select(Person)).one()
        assert (person.surname, person.given_name, person.unit) == (
            "KOVALENKO",
            "Oleksandr",
            "А0536",
        )
        assert person.birth is not None and person.birth.iso() == "1999-03-12"
        assert person.status == "missing"
        report = session.scalars(select(Report)).one()
        assert report.person_id == person.id
        assert session.scalars(select(Contact)).one().person_id == person.id
    entries = audit_since(web_db, before)
    assert [e.action for e in entries] == [
        "create_person",
        "add_report",
        "link_report",
        "add_evidence",
        "add_contact",
    ]
    assert entries[0].object_id == str(person.id)
    done = client.get(response.headers["location"])
    assert "A new person was created" in done.text
    assert f'href="/persons/{person.id}"' in done.text


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"birth_date": "31.02.1990"}, "birth_date", "31.02.1990 is not a real date"),
        ({"birth_date": "someday"}, "birth_date", "someday is not a date"),
        ({"surname": "  "}, "surname", "is required"),
        ({"missing_date": "01.01.2099"}, "missing_date", "is in the future"),
        ({"relative_phone": ""}, "relative_phone", "give a phone, an e-mail or an address"),
        ({"relative_email": "not-an-address"}, "relative_email", "is not an e-mail address"),
        ({"person_id": "x1"}, "person_id", "choose a person from the list"),
    ],
)
def test_invalid_input_re_renders_the_form_with_the_error_and_writes_nothing(
    client_as: ClientFor, web_db: Engine, changes: dict[str, str], field: str, message: str
) -> None:
    client = english(client_as(Role.OPERATOR))
    response: Any = client.form("/intake", {**FORM, **changes})
    assert response.status_code == 422
    page = response.text
    assert f'id="{field}-error"' in page
    assert message in page
    assert 'value="Коваленко Марія Іванівна"' in page  # what was typed is kept
    assert "His unit left for the north." in page
    assert count(web_db, Person) == 0
    assert nothing_written(web_db)


def test_errors_are_shown_in_ukrainian(client_as: ClientFor, web_db: Engine) -> None:
    response: Any = client_as(Role.OPERATOR).form("/intake", {**FORM, "birth_date": "31.02.1990"})
    assert response.status_code == 422
    assert "31.02.1990 — такої дати не існує" in response.text


def test_a_chosen_person_who_is_not_in_the_register_is_an_error_not_a_crash(
    client_as: ClientFor, web_db: Engine
) -> None:
    response: Any = english(client_as(Role.OPERATOR)).form(
        "/intake", {**FORM, "person_id": "999999"}
    )
    assert response.status_code == 422
    assert "there is no person 999999" in response.text
    assert nothing_written(web_db)


@pytest.mark.parametrize("role", [Role.ANALYST, Role.LIAISON, Role.AUDITOR])
def test_a_role_without_intake_cannot_take_a_report(
    client_as: ClientFor, web_db: Engine, role: Role
) -> None:
    client = client_as(role)
    assert client.get("/intake").status_code == 403
    assert client.form("/intake", FORM).status_code == 403
    assert client.form("/intake/candidates", FORM).status_code == 403
    assert count(web_db, Person) == 0 and nothing_written(web_db)


def test_an_anonymous_visitor_is_sent_to_sign_in(client_as: ClientFor) -> None:
    response = client_as(None).get("/intake")
    assert response.status_code == 303
    assert response.headers["location"].startswith("/sign-in")


def test_without_the_csrf_token_nothing_is_taken(client_as: ClientFor, web_db: Engine) -> None:
    client = client_as(Role.OPERATOR)
    assert client.post("/intake", data=FORM).status_code == 403
    assert client.post("/intake", data={**FORM, "csrf_token": "forged"}).status_code == 403
    assert count(web_db, Person) == 0 and nothing_written(web_db)


def test_the_admin_may_take_intake(client_as: ClientFor, web_db: Engine) -> None:
    response: Any = client_as(Role.ADMIN).form("/intake", FORM)
    assert response.status_code == 303
    assert count(web_db, Person) == 1


# the API


def api_payload(**changes: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        **FORM,
        "consent_contact": True,
        "consent_share": False,
        **changes,
    }
    return payload


def test_api_candidates_give_the_weights_of_each_field(
    client_as: ClientFor, web_db: Engine
) -> None:
    wanted = a_person(web_db)
    client = client_as(Role.OPERATOR)
    response = client.post(
        "/api/intake/candidates",
        json={"surname": "Коваленко", "given_name": "Александр", "birth_date": "1999"},
        headers={"X-CSRF-Token": client.csrf},
    )
    assert response.status_code == 200
    body = response.json()
    assert 0 < body["likely_threshold"] < 1
    first = body["candidates"][0]
    assert first["person_id"] == wanted
    assert first["birth_date"] == "1999-03-12"
    assert first["fields"][0].keys() == {"field", "level", "weight", "values"}
    assert any(f["field"] == "surname" and f["weight"] > 0 for f in first["fields"])
    assert first["likely"] is (first["match_probability"] >= body["likely_threshold"])


def test_api_intake_links_to_a_chosen_person_and_answers_201(
    client_as: ClientFor, web_db: Engine
) -> None:
    wanted = a_person(web_db)
    client = client_as(Role.OPERATOR)
    response = client.post(
        "/api/intake",
        json=api_payload(person_id=wanted),
        headers={"X-CSRF-Token": client.csrf},
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["person_id"] == wanted and body["new_person"] is False
    assert body["evidence_recorded"] is True and body["contact_id"]
    with Session(web_db) as session:
        report = session.get(Report, body["report_id"])
        assert report is not None and report.person_id == wanted
        contact = session.get(Contact, body["contact_id"])
        assert contact is not None
        assert (contact.consent_contact, contact.consent_share) == (True, False)
    assert count(web_db, Person) == 1


def test_api_intake_of_a_new_person(client_as: ClientFor, web_db: Engine) -> None:
    client = client_as(Role.OPERATOR)
    response = client.post("/api/intake", json=api_payload(), headers={"X-CSRF-Token": client.csrf})
    assert response.status_code == 201
    assert response.json()["new_person"] is True
    assert count(web_db, Person) == 1


def test_api_intake_names_every_bad_field_and_writes_nothing(
    client_as: ClientFor, web_db: Engine
) -> None:
    client = client_as(Role.OPERATOR)
    response = client.post(
        "/api/intake",
        json=api_payload(surname="", birth_date="31.02.1990"),
        headers={"X-CSRF-Token": client.csrf},
    )
    assert response.status_code == 422
    body = response.json()
    assert body["field"] == "surname"
    assert set(body["problems"]) == {"surname", "birth_date"}
    assert "31.02.1990 is not a real date" in body["problems"]["birth_date"]
    assert count(web_db, Person) == 0 and nothing_written(web_db)


def test_api_intake_refuses_a_duplicate_until_confirmed(
    client_as: ClientFor, web_db: Engine
) -> None:
    existing = a_person(web_db)
    client = client_as(Role.OPERATOR)
    headers = {"X-CSRF-Token": client.csrf}
    response = client.post("/api/intake", json=api_payload(), headers=headers)
    assert response.status_code == 422
    assert response.json()["field"] == "person_id"
    assert str(existing) in response.json()["problems"]["person_id"]
    response = client.post("/api/intake", json=api_payload(new_person=True), headers=headers)
    assert response.status_code == 201
    assert response.json()["person_id"] != existing


def test_api_intake_needs_a_session_the_permission_and_the_token(
    client_as: ClientFor, web_db: Engine
) -> None:
    assert client_as(None).post("/api/intake", json=api_payload()).status_code == 401
    analyst = client_as(Role.ANALYST)
    response = analyst.post(
        "/api/intake", json=api_payload(), headers={"X-CSRF-Token": analyst.csrf}
    )
    assert response.status_code == 403
    response = analyst.post(
        "/api/intake/candidates", json={"surname": "X"}, headers={"X-CSRF-Token": analyst.csrf}
    )
    assert response.status_code == 403
    assert client_as(Role.OPERATOR).post("/api/intake", json=api_payload()).status_code == 403
    assert count(web_db, Person) == 0 and nothing_written(web_db)


def test_a_report_without_a_date_linked_to_a_person_adds_no_evidence(
    client_as: ClientFor, web_db: Engine
) -> None:
    person_id = a_person(web_db, surname="Коваленко", given_name="Олександр")
    before = count(web_db, Evidence)
    client = client_as(Role.OPERATOR)
    answer = client.form("/intake", {**FORM, "missing_date": "", "person_id": str(person_id)})
    assert answer.status_code == 303, answer.text
    assert count(web_db, Evidence) == before
    assert count(web_db, Report) == 1


def test_a_new_person_needs_a_date_of_disappearance_however_rough(
    client_as: ClientFor, web_db: Engine
) -> None:
    client = english(client_as(Role.OPERATOR))
    refused = client.form("/intake", {**FORM, "missing_date": "", "person_id": "new"})
    assert refused.status_code == 422
    assert "give the date of disappearance: a year will do" in refused.text
    # the form's hint says the same: no date is taken from the day of the report
    assert "a year will do; a new person needs it" in refused.text
    assert "the date of this report is used" not in client.get("/intake").text
    assert nothing_written(web_db)
    done = client.form("/intake", {**FORM, "missing_date": "2022", "person_id": "new"})
    assert done.status_code == 303
    with Session(web_db) as session:
        on = session.scalars(select(Evidence)).one().on
    assert on.iso() == "2022"


def test_the_form_is_named_as_the_menu_names_it_and_asks_of_any_person(
    client_as: ClientFor,
) -> None:
    """The menu's "Прийом звернення" opens "Прийом звернення від родича"; the relation is
    asked of the missing person ("зниклій особі"), who may be a woman."""
    page = client_as(Role.OPERATOR).get("/intake").text
    assert "Прийом звернення від родича" in page
    assert "Ким доводиться зниклій особі" in page and "зниклому" not in page
