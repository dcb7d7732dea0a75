"""The person page and its API: the dossier as each role may see it, evidence, edits with
concurrent writers, merges, escaping, CSRF and the audit log."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from homeward.access.models import AuditEntry
from homeward.access.roles import Role
from homeward.exchanges.returnees import mark_done
from homeward.i18n import plural_translator
from homeward.linkage.models import Merge
from homeward.linkage.review import propose
from homeward.registry.evidence import add_evidence
from homeward.registry.models import Evidence, Person, PersonHistory, PersonName
from homeward.registry.schemas import ContactIn, IdentifierIn, NameIn, ReportIn, SourceIn
from homeward.registry.service import add_identifier, add_name, create_person
from homeward.registry.sources import add_contact, add_report
from homeward.web import pages
from homeward.web.usecases.intake import SOURCE as INTAKE_SOURCE
from tests.factories import evidence_in, person_in
from tests.web.conftest import ADMIN_CONSOLE, Client, ClientFor, username_of
from tests.web.test_review import SCORE as REVIEW_SCORE

CONTACT_PHONE = "+380 00 111 2233"


def make_person(engine: Engine, **overrides: Any) -> int:
    """A synthetic person with a Latin name variant, a contact and one piece of evidence."""
    with Session(engine) as session, session.begin():
        person = create_person(
            session,
            actor=ADMIN_CONSOLE,
            person=person_in(**{"surname": "Тестенко", "given_name": "Остап", **overrides}),
            source=SourceIn(kind="relative", name="Мати"),
        )
        add_name(
            session,
            actor=ADMIN_CONSOLE,
            person_id=person.id,
            name=NameIn(surname="Testenko", given_name="Ostap"),
            source=SourceIn(kind="list", name="Captor's list 2022-05"),
        )
        add_contact(
            session,
            actor=ADMIN_CONSOLE,
            person_id=person.id,
            contact=ContactIn(name="Тестенко Марта", relation="mother", phone=CONTACT_PHONE),
        )
        add_evidence(
            session,
            actor=ADMIN_CONSOLE,
            person_id=person.id,
            evidence=evidence_in("reported_missing", "24.02.2022", note="Не вийшов на зв'язок"),
        )
        return person.id


def submit(client: Client, url: str, data: dict[str, str]) -> httpx.Response:
    """POST a form with the session's CSRF token, as the page's form would."""
    return client.form(url, data)


def count(engine: Engine, model: Any, *conditions: Any) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(model).where(*conditions)) or 0


def audit_entries(engine: Engine, role: Role, action: str) -> list[AuditEntry]:
    with Session(engine) as session:
        query = (
            select(AuditEntry)
            .where(AuditEntry.username == username_of(role), AuditEntry.action == action)
            .order_by(AuditEntry.seq)
        )
        return list(session.scalars(query))


def version_of(engine: Engine, person_id: int) -> int:
    with Session(engine) as session:
        person = session.get(Person, person_id)
        assert person is not None
        return person.version


# --- the page ------------------------------------------------------------------------------


def test_the_page_shows_names_status_explanation_timeline_and_history(
    client_as: ClientFor, web_db: Engine
) -> None:
    person_id = make_person(web_db)
    page = client_as(Role.OPERATOR).get(f"/persons/{person_id}")
    assert page.status_code == 200
    html = page.text
    assert "Тестенко" in html and "Testenko" in html  # both name variants
    assert "Captor&#39;s list 2022-05" in html  # the variant's source
    assert "Зниклий безвісти" in html or "Зник" in html  # status label, in Ukrainian
    assert "24.02.2022" in html  # the timeline's date
    assert "Повідомлено про зникнення" in html or "reported" not in html
    assert "Не вийшов на зв&#39;язок" in html  # the note, escaped
    assert "test-console" in html  # who made the history entries
    assert CONTACT_PHONE in html  # an operator reads contacts


def test_the_status_is_explained_in_the_pages_language(
    client_as: ClientFor, web_db: Engine
) -> None:
    from datetime import date

    from homeward.registry.dossier import person_dossier

    person_id = make_person(web_db)
    with Session(web_db) as session:
        dossier = person_dossier(session, person_id, as_of=date.today())
        uk, en = dossier.explanation("uk"), dossier.explanation("en")
    client = client_as(Role.ANALYST)
    assert _text(uk) in _text(client.get(f"/persons/{person_id}").text)
    client.cookies.set("homeward_lang", "en")
    english = client.get(f"/persons/{person_id}").text
    assert _text(en) in _text(english)
    assert "Name variants" in english and "Evidence" in english


def _text(html: str) -> str:
    import html as html_module

    return " ".join(html_module.unescape(html).split())


def test_contacts_are_hidden_from_analyst_and_auditor(client_as: ClientFor, web_db: Engine) -> None:
    person_id = make_person(web_db)
    for role in (Role.ANALYST, Role.AUDITOR):
        client = client_as(role)
        client.cookies.set("homeward_lang", "en")
        html = client.get(f"/persons/{person_id}").text
        assert CONTACT_PHONE not in html and "Тестенко Марта" not in html
        assert "Contacts are hidden for your role." in html
        dossier = client.get(f"/api/persons/{person_id}").json()
        assert dossier["contacts"] == [] and dossier["contacts_hidden"] is True
    for role in (Role.LIAISON, Role.OPERATOR, Role.ADMIN):
        assert CONTACT_PHONE in client_as(role).get(f"/persons/{person_id}").text


def test_codes_and_the_systems_own_words_are_ukrainian_on_a_ukrainian_page(
    client_as: ClientFor, web_db: Engine
) -> None:
    """The relation stored as a code, a source the system named, and a count in its plural."""
    person_id = make_person(web_db)
    with Session(web_db) as session, session.begin():
        add_report(
            session,
            actor=ADMIN_CONSOLE,
            person_id=person_id,
            report=ReportIn(source=INTAKE_SOURCE, payload={"relation": "mother"}),
        )
    html = client_as(Role.OPERATOR).get(f"/persons/{person_id}").text
    assert "<td>мати</td>" in html and ">mother<" not in html
    assert "Звернення родичів" in html and "Relatives&#39; reports" not in html
    assert "<dd>мати</dd>" in html  # the report's relation, as a word too


@pytest.mark.parametrize(
    ("count", "words"),
    [(1, "1 байт"), (483, "483 байти"), (22, "22 байти"), (5, "5 байтів"), (11, "11 байтів")],
)
def test_counts_take_the_ukrainian_plural_of_their_number(count: int, words: str) -> None:
    ngettext = plural_translator("uk")
    assert ngettext("%(n)s byte", "%(n)s bytes", count, n=count) == words


@pytest.mark.parametrize(
    ("days", "words"), [(101, "101 день"), (94, "94 дні"), (111, "111 днів"), (281, "281 день")]
)
def test_the_days_without_a_sign_of_life_take_the_ukrainian_plural(
    client_as: ClientFor, web_db: Engine, days: int, words: str
) -> None:
    person_id = make_person(web_db)
    confirmed = (date.today() - timedelta(days=days)).strftime("%d.%m.%Y")
    with Session(web_db) as session, session.begin():
        add_evidence(
            session,
            actor=ADMIN_CONSOLE,
            person_id=person_id,
            evidence=evidence_in("icrc_notification", confirmed),
        )
    html = client_as(Role.OPERATOR).get(f"/persons/{person_id}").text
    assert f"Немає звісток уже {words}." in html
    # said once: the explanation of the status leaves the days to the warning
    assert html.count(f"{days} д") == 1 and "МКЧХ вже" not in html and "МКЧХ уже" not in html


def test_actions_are_shown_only_when_the_role_allows(client_as: ClientFor, web_db: Engine) -> None:
    person_id = make_person(web_db)
    operator = client_as(Role.OPERATOR).get(f"/persons/{person_id}").text
    assert f'action="/persons/{person_id}/evidence"' in operator
    assert f'href="/persons/{person_id}/edit"' in operator
    assert f'action="/persons/{person_id}/merge"' not in operator
    analyst = client_as(Role.ANALYST).get(f"/persons/{person_id}").text
    assert f'action="/persons/{person_id}/evidence"' not in analyst
    assert f'href="/persons/{person_id}/edit"' not in analyst
    assert f'action="/persons/{person_id}/merge"' in analyst
    auditor = client_as(Role.AUDITOR).get(f"/persons/{person_id}").text
    assert "/evidence" not in auditor and "/edit" not in auditor and "/merge" not in auditor


def test_an_unknown_person_is_a_404_page(client_as: ClientFor, web_db: Engine) -> None:
    client = client_as(Role.ANALYST)
    for path in ("/persons/999999", "/persons/abc", "/persons/99999999999999999999"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.headers["content-type"].startswith("text/html")
    assert client.get("/api/persons/999999").status_code == 404


def test_viewing_a_person_is_audited(client_as: ClientFor, web_db: Engine) -> None:
    person_id = make_person(web_db)
    before = len(audit_entries(web_db, Role.LIAISON, "view_person"))
    client = client_as(Role.LIAISON)
    client.get(f"/persons/{person_id}")
    client.get(f"/api/persons/{person_id}")
    entries = audit_entries(web_db, Role.LIAISON, "view_person")
    assert len(entries) == before + 2
    assert {e.object_id for e in entries[-2:]} == {str(person_id)}
    assert entries[-1].object_type == "person" and entries[-1].role == "liaison"


def test_an_anonymous_visitor_sees_nothing(client_as: ClientFor, web_db: Engine) -> None:
    person_id = make_person(web_db)
    anonymous = client_as(None)
    assert anonymous.get(f"/persons/{person_id}").status_code == 303
    assert anonymous.get(f"/api/persons/{person_id}").status_code == 401


# --- escaping ------------------------------------------------------------------------------


def test_markup_in_a_name_is_shown_escaped(client_as: ClientFor, web_db: Engine) -> None:
    person_id = make_person(web_db, surname="<script>alert(1)</script>")
    client = client_as(Role.OPERATOR)
    page = client.get(f"/persons/{person_id}").text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    found = client.get("/search", params={"unit": "А0536"}).text
    assert "<script>alert(1)</script>" not in found
    assert "&lt;script&gt;" in found


# --- evidence ------------------------------------------------------------------------------


def test_an_operator_adds_evidence_and_the_status_and_history_follow(
    client_as: ClientFor, web_db: Engine
) -> None:
    person_id = make_person(web_db)
    client = client_as(Role.OPERATOR)
    response = submit(
        client,
        f"/persons/{person_id}/evidence",
        {
            "kind": "captor_list",
            "on": "05.2022",
            "reliability": "high",
            "place": "СІЗО-2",
            "source_kind": "list",
            "source_name": "Список сторони 2022-05",
            "note": "",
        },
    )
    assert response.status_code == 303
    with Session(web_db) as session:
        person = session.get(Person, person_id)
        assert person is not None and person.status == "captivity_possible"
        history = session.scalars(
            select(PersonHistory.action).where(PersonHistory.person_id == person_id)
        ).all()
        assert history[-1] == "evidence_added"
    page = client.get(f"/persons/{person_id}").text
    assert "СІЗО-2" in page and "05.2022" in page
    assert audit_entries(web_db, Role.OPERATOR, "add_evidence")[-1].object_id == str(person_id)


def test_bad_evidence_is_refused_naming_the_field(client_as: ClientFor, web_db: Engine) -> None:
    person_id = make_person(web_db)
    client = client_as(Role.OPERATOR)
    client.cookies.set("homeward_lang", "en")
    before = count(web_db, Evidence)
    for data, field in (
        ({"kind": "captor_list", "on": "31.02.2022"}, "Date"),
        ({"kind": "captor_list", "on": ""}, "Date"),
        ({"kind": "captured", "on": "2022"}, "Kind"),  # not evidence about an own person
        ({"kind": "nonsense", "on": "2022"}, "Kind"),
        ({"kind": "captor_list", "on": "2022", "supersedes_id": "99999999999"}, "supersedes_id"),
    ):
        response = submit(client, f"/persons/{person_id}/evidence", data)
        assert response.status_code == 422, data
        assert f"{field}:" in response.text, data
    assert count(web_db, Evidence) == before


def test_an_analyst_cannot_add_evidence_and_nothing_is_written(
    client_as: ClientFor, web_db: Engine
) -> None:
    person_id = make_person(web_db)
    before = count(web_db, Evidence), count(web_db, PersonHistory)
    client = client_as(Role.ANALYST)
    data = {"kind": "captor_list", "on": "05.2022"}
    assert submit(client, f"/persons/{person_id}/evidence", data).status_code == 403
    answer = client.post(
        f"/api/persons/{person_id}/evidence", json=data, headers={"X-CSRF-Token": client.csrf}
    )
    assert answer.status_code == 403
    assert (count(web_db, Evidence), count(web_db, PersonHistory)) == before


def test_a_post_without_the_csrf_token_is_refused_and_nothing_written(
    client_as: ClientFor, web_db: Engine
) -> None:
    person_id = make_person(web_db)
    client = client_as(Role.OPERATOR)
    before = count(web_db, Evidence), version_of(web_db, person_id)
    data = {"kind": "captor_list", "on": "05.2022"}
    assert client.post(f"/persons/{person_id}/evidence", data=data).status_code == 403
    assert (
        client.post(f"/persons/{person_id}/evidence", data={**data, "csrf_token": "x"}).status_code
        == 403
    )
    edit = {"version": str(before[1]), "reason": "r", "sex": "M", "service_status": "military"}
    assert client.post(f"/persons/{person_id}/edit", data=edit).status_code == 403
    assert client.post(f"/api/persons/{person_id}/evidence", json=data).status_code == 403
    patch = {"version": before[1], "reason": "r", "changes": {"unit": "А9999"}}
    assert client.patch(f"/api/persons/{person_id}", json=patch).status_code == 403
    assert (count(web_db, Evidence), version_of(web_db, person_id)) == before


# --- edits ---------------------------------------------------------------------------------


def edit_data(version: int, **changes: str) -> dict[str, str]:
    return {
        "version": str(version),
        "reason": "a relative's correction",
        "sex": "M",
        "service_status": "military",
        "birth_date": "12.03.1999",
        "unit": "А0536",
        "missing_date": "24.02.2022",
        **changes,
    }


def test_an_operator_edits_a_person(client_as: ClientFor, web_db: Engine) -> None:
    person_id = make_person(web_db)
    client = client_as(Role.OPERATOR)
    form = client.get(f"/persons/{person_id}/edit")
    assert form.status_code == 200
    version = version_of(web_db, person_id)
    assert f'name="version" value="{version}"' in form.text
    response = submit(client, f"/persons/{person_id}/edit", edit_data(version, unit="А7777"))
    assert response.status_code == 303
    assert version_of(web_db, person_id) == version + 1
    page = client.get(f"/persons/{person_id}").text
    assert "А7777" in page and "А0536" in page  # the new value, and the old one in history
    assert "a relative&#39;s correction" in page
    # the form sends every field; the audit entry names only the one that changed
    entry = audit_entries(web_db, Role.OPERATOR, "edit_person")[-1]
    assert entry.object_id == str(person_id) and entry.detail["fields"] == ["unit"]


def test_a_concurrent_edit_is_a_conflict_and_nothing_is_overwritten(
    client_as: ClientFor, web_db: Engine
) -> None:
    person_id = make_person(web_db)
    first, second = client_as(Role.OPERATOR), client_as(Role.ADMIN)
    version = version_of(web_db, person_id)
    assert f'value="{version}"' in first.get(f"/persons/{person_id}/edit").text
    assert f'value="{version}"' in second.get(f"/persons/{person_id}/edit").text
    saved = submit(first, f"/persons/{person_id}/edit", edit_data(version, unit="А1111"))
    assert saved.status_code == 303
    second.cookies.set("homeward_lang", "en")
    late = submit(second, f"/persons/{person_id}/edit", edit_data(version, unit="А2222"))
    assert late.status_code == 409
    text = late.text
    assert "Someone else changed this record" in text
    assert "А1111" in text and "А2222" in text  # theirs (current) beside yours
    assert f'name="version" value="{version + 1}"' in text  # the form now holds the current one
    with Session(web_db) as session:
        person = session.get(Person, person_id)
        assert person is not None and person.unit == "А1111" and person.version == version + 1
    api = second.patch(
        f"/api/persons/{person_id}",
        json={"version": version, "reason": "late", "changes": {"unit": "А3333"}},
        headers={"X-CSRF-Token": second.csrf},
    )
    assert api.status_code == 409
    assert version_of(web_db, person_id) == version + 1


def test_an_invalid_edit_names_the_field(client_as: ClientFor, web_db: Engine) -> None:
    person_id = make_person(web_db)
    client = client_as(Role.OPERATOR)
    client.cookies.set("homeward_lang", "en")
    version = version_of(web_db, person_id)
    bad = submit(client, f"/persons/{person_id}/edit", edit_data(version, birth_date="31.02.1999"))
    assert bad.status_code == 422
    assert "Date of birth:" in bad.text
    no_reason = submit(client, f"/persons/{person_id}/edit", edit_data(version, reason=" "))
    assert no_reason.status_code == 422
    assert version_of(web_db, person_id) == version


def test_an_analyst_cannot_edit(client_as: ClientFor, web_db: Engine) -> None:
    person_id = make_person(web_db)
    client = client_as(Role.ANALYST)
    version = version_of(web_db, person_id)
    assert client.get(f"/persons/{person_id}/edit").status_code == 403
    assert submit(client, f"/persons/{person_id}/edit", edit_data(version)).status_code == 403
    assert version_of(web_db, person_id) == version


# --- merges --------------------------------------------------------------------------------


def test_an_analyst_merges_and_unmerges_through_the_page(
    client_as: ClientFor, web_db: Engine
) -> None:
    survivor = make_person(web_db)
    absorbed = make_person(web_db, given_name="Остап", birth_date="1999")
    client = client_as(Role.ANALYST)
    client.cookies.set("homeward_lang", "en")
    preview = client.get(f"/persons/{survivor}/merge", params={"other": str(absorbed)})
    assert preview.status_code == 200
    assert "Are these one person?" in preview.text
    response = submit(
        client,
        f"/persons/{survivor}/merge",
        {"other": str(absorbed), "reason": "same man, two lists"},
    )
    assert response.status_code == 303
    with Session(web_db) as session:
        gone = session.get(Person, absorbed)
        assert gone is not None and gone.merged_into_id == survivor
        merge = session.scalars(select(Merge).where(Merge.survivor_id == survivor)).one()
    absorbed_page = client.get(f"/persons/{absorbed}").text
    assert "This record was merged into person" in absorbed_page
    assert f'href="/persons/{survivor}"' in absorbed_page
    survivor_page = client.get(f"/persons/{survivor}").text
    assert "same man, two lists" in survivor_page
    assert f'action="/merges/{merge.id}/undo"' in survivor_page
    assert audit_entries(web_db, Role.ANALYST, "merge")[-1].object_id == str(survivor)

    undone = submit(client, f"/merges/{merge.id}/undo", {"reason": "different fathers"})
    assert undone.status_code == 303
    with Session(web_db) as session:
        back = session.get(Person, absorbed)
        assert back is not None and back.merged_into_id is None
        assert session.get(Merge, merge.id).undone_by == username_of(Role.ANALYST)  # type: ignore[union-attr]
    assert "This record was merged" not in client.get(f"/persons/{absorbed}").text
    assert audit_entries(web_db, Role.ANALYST, "unmerge")[-1].object_id == str(merge.id)
    again = submit(client, f"/merges/{merge.id}/undo", {"reason": "twice"})
    assert again.status_code == 409


def test_a_merge_needs_the_review_permission_and_a_reason(
    client_as: ClientFor, web_db: Engine
) -> None:
    survivor, absorbed = make_person(web_db), make_person(web_db)
    operator = client_as(Role.OPERATOR)
    data = {"other": str(absorbed), "reason": "same"}
    assert submit(operator, f"/persons/{survivor}/merge", data).status_code == 403
    assert operator.get(f"/persons/{survivor}/merge", params={"other": absorbed}).status_code == 403
    analyst = client_as(Role.ANALYST)
    no_reason = submit(
        analyst, f"/persons/{survivor}/merge", {"other": str(absorbed), "reason": ""}
    )
    assert no_reason.status_code == 422
    itself = submit(analyst, f"/persons/{survivor}/merge", {"other": str(survivor), "reason": "x"})
    assert itself.status_code == 422
    assert (
        submit(analyst, f"/persons/{survivor}/merge", {"other": "abc", "reason": "x"}).status_code
        == 422
    )
    assert count(web_db, Merge) == 0


# --- the API -------------------------------------------------------------------------------


def test_the_api_gives_the_dossier(client_as: ClientFor, web_db: Engine) -> None:
    person_id = make_person(web_db)
    client = client_as(Role.OPERATOR)
    answer = client.get(f"/api/persons/{person_id}", params={"lang": "uk"})
    assert answer.status_code == 200
    dossier = answer.json()
    assert dossier["id"] == person_id and dossier["identity"]["surname"] == "Тестенко"
    assert {n["surname"] for n in dossier["names"]} == {"Тестенко", "Testenko"}
    assert dossier["status"]["status"] == "missing"
    assert dossier["status"]["explanation"]
    assert dossier["evidence"][0]["kind"] == "reported_missing"
    assert dossier["contacts"][0]["phone"] == CONTACT_PHONE
    assert dossier["merges"] == [] and dossier["merged_into"] is None


def test_the_api_adds_evidence_and_edits(client_as: ClientFor, web_db: Engine) -> None:
    person_id = make_person(web_db)
    client = client_as(Role.OPERATOR)
    headers = {"X-CSRF-Token": client.csrf}
    added = client.post(
        f"/api/persons/{person_id}/evidence",
        json={
            "kind": "captor_list",
            "on": "05.2022",
            "reliability": "high",
            "source": {"kind": "list", "name": "Список 2022-05"},
        },
        headers=headers,
    )
    assert added.status_code == 201, added.text
    assert added.json()["status"] == "captivity_possible"
    bad = client.post(
        f"/api/persons/{person_id}/evidence",
        json={"kind": "captor_list", "on": "31.02.2022"},
        headers=headers,
    )
    assert bad.status_code == 422 and bad.json()["field"] == "on"
    version = version_of(web_db, person_id)
    edited = client.patch(
        f"/api/persons/{person_id}",
        json={"version": version, "reason": "correction", "changes": {"unit": "А4444"}},
        headers=headers,
    )
    assert edited.status_code == 200, edited.text
    assert edited.json() == {"id": person_id, "version": version + 1}
    wrong = client.patch(
        f"/api/persons/{person_id}",
        json={"version": version + 1, "reason": "x", "changes": {"surname": "Інший"}},
        headers=headers,
    )
    assert wrong.status_code == 422 and "surname" in wrong.text
    assert client.get("/api/persons/abc").status_code == 422


def test_the_openapi_description_names_the_models_and_errors(client_as: ClientFor) -> None:
    schema = client_as(None).get("/api/openapi.json").json()
    person = schema["paths"]["/api/persons/{person_id}"]
    assert {"401", "403", "404"} <= set(person["get"]["responses"])
    assert {"401", "403", "404", "409", "422"} <= set(person["patch"]["responses"])
    ok = person["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok["$ref"].endswith("/PersonDossier")
    assert "SearchResults" in schema["components"]["schemas"]


def test_a_merged_record_takes_no_more_evidence_or_edits(
    client_as: ClientFor, web_db: Engine
) -> None:
    survivor, absorbed = make_person(web_db), make_person(web_db)
    analyst = client_as(Role.ANALYST)
    merged = submit(
        analyst, f"/persons/{survivor}/merge", {"other": str(absorbed), "reason": "one"}
    )
    assert merged.status_code == 303
    operator = client_as(Role.OPERATOR)
    page = operator.get(f"/persons/{absorbed}").text
    assert f'action="/persons/{absorbed}/evidence"' not in page
    assert f'href="/persons/{absorbed}/edit"' not in page
    before = count(web_db, Evidence), version_of(web_db, absorbed)
    data = {"kind": "captor_list", "on": "05.2022"}
    assert submit(operator, f"/persons/{absorbed}/evidence", data).status_code == 409
    edit = submit(operator, f"/persons/{absorbed}/edit", edit_data(before[1], unit="А5555"))
    assert edit.status_code == 409
    assert f"з особою {survivor}: вносьте дані туди" in edit.text
    assert "Someone else changed" not in edit.text
    assert (count(web_db, Evidence), version_of(web_db, absorbed)) == before


def test_reports_are_shown_as_received(client_as: ClientFor, web_db: Engine) -> None:

    person_id = make_person(web_db)
    with Session(web_db) as session, session.begin():
        add_report(
            session,
            actor=ADMIN_CONSOLE,
            person_id=person_id,
            report=ReportIn(
                source=SourceIn(kind="list", name="Список 2022-05"),
                payload={
                    "Фамилия": "ТЕСТЕНКО",
                    "Примечание": "<b>bold</b>",
                    "birth_date": "1999-03-12",
                    "rank_code": "OR-4",
                    "evidence": {"kind": "captor_list", "on": "2022-05"},
                    "raw": {"Дата рождения": "1999-03-12"},
                },
                origin_file="list.xlsx",
                origin_row=7,
            ),
        )
    html = client_as(Role.AUDITOR).get(f"/persons/{person_id}").text  # in Ukrainian
    assert "ТЕСТЕНКО" in html and "Список 2022-05" in html and "list.xlsx" in html
    # the register's own keys and codes in words, its dates day first
    assert "Вид: У списку сторони, що утримує; Дата: 05.2022" in html
    assert "12.03.1999" in html and "<dt>Звання (код)</dt>" in html
    assert "rank_code" not in html and "captor_list" not in html
    # what the list held stays exactly as it was written
    assert "Дата рождения: 1999-03-12" in html
    assert "<b>bold</b>" not in html and "&lt;b&gt;bold&lt;/b&gt;" in html


def test_a_reports_sex_and_rank_code_are_shown_in_words(
    client_as: ClientFor, web_db: Engine
) -> None:
    """An import stores the sex and the rank as codes ("F", "private"): the page says them."""
    person_id = make_person(web_db, sex="F", given_name="Ярина")
    with Session(web_db) as session, session.begin():
        add_report(
            session, actor=ADMIN_CONSOLE, person_id=person_id,
            report=ReportIn(
                source=SourceIn(kind="list", name="list.xlsx"),
                payload={"surname": "Тестенко", "sex": "F", "rank_code": "private"},
            ),
        )  # fmt: skip
    client = client_as(Role.ANALYST)
    html = client.get(f"/persons/{person_id}").text
    assert "<dt>Стать</dt><dd>жіноча</dd>" in html and "<dd>F</dd>" not in html
    assert "<dt>Звання (код)</dt><dd>солдат</dd>" in html and "<dd>private</dd>" not in html


def test_the_service_number_is_shown_once(client_as: ClientFor, web_db: Engine) -> None:
    person_id = make_person(web_db, service_number="К-717153")
    with Session(web_db) as session, session.begin():
        add_identifier(
            session,
            actor=ADMIN_CONSOLE,
            person_id=person_id,
            identifier=IdentifierIn(kind="service_number", value="К-717153"),
        )
    page = client_as(Role.ANALYST).get(f"/persons/{person_id}").text
    identity = page.split('<dl class="identity">')[1].split("</dl>")[0]
    assert identity.count("К-717153") == 1


def test_a_record_merged_away_shows_no_status_of_its_own(
    client_as: ClientFor, web_db: Engine
) -> None:
    survivor = make_person(web_db)
    absorbed = make_person(web_db, given_name="Остап", birth_date="1999")
    submit(client_as(Role.ANALYST), f"/persons/{survivor}/merge",
           {"other": str(absorbed), "reason": "one man"})  # fmt: skip
    page = client_as(Role.ANALYST).get(f"/persons/{absorbed}").text
    head = page.split('<header class="person-head">')[1].split("</header>")[0]
    assert 'class="status' not in head


def test_an_operator_adds_a_spelling_beside_a_wrong_one_and_it_is_found(
    client_as: ClientFor, web_db: Engine
) -> None:
    person_id = make_person(web_db, surname="Ковалегко")
    client = client_as(Role.OPERATOR)
    page = client.get(f"/persons/{person_id}").text
    assert f'action="/persons/{person_id}/names"' in page
    answer = submit(client, f"/persons/{person_id}/names",
                    {"surname": "Коваленко", "given_name": "Остап", "source_kind": "document",
                     "source_name": "military ID"})  # fmt: skip
    assert answer.status_code == 303
    with Session(web_db) as session:
        spellings = session.scalars(
            select(PersonName.surname).where(PersonName.person_id == person_id)
        ).all()
    assert {"Ковалегко", "Коваленко"} <= set(spellings)
    found = client.get("/api/persons", params={"q": "Коваленко Остап"}).json()
    assert person_id in [hit["person_id"] for hit in found["hits"]]
    assert audit_entries(web_db, Role.OPERATOR, "add_name")[-1].object_id == str(person_id)
    refused = submit(client, f"/persons/{person_id}/names", {"surname": ""})
    assert refused.status_code == 422
    assert client_as(Role.ANALYST).get(f"/persons/{person_id}").text.count('/names"') == 0


def test_citizenship_is_the_countrys_name_in_the_readers_language(
    client_as: ClientFor, web_db: Engine
) -> None:
    person_id = make_person(web_db, citizenship="NPL")
    client = client_as(Role.ANALYST)
    assert "<dd>Непал</dd>" in client.get(f"/persons/{person_id}").text
    client.cookies.set("homeward_lang", "en")
    assert "<dd>Nepal</dd>" in client.get(f"/persons/{person_id}").text


def test_a_womans_status_is_said_in_the_feminine_in_ukrainian(
    client_as: ClientFor, web_db: Engine
) -> None:
    person_id = make_person(web_db, sex="F", given_name="Оксана")
    with Session(web_db) as session, session.begin():
        add_evidence(
            session,
            actor=ADMIN_CONSOLE,
            person_id=person_id,
            evidence=evidence_in("returned", "02.10.2025"),
        )
    client = client_as(Role.ANALYST)
    page = client.get(f"/persons/{person_id}").text
    assert '">Повернулася</span>' in page  # the status
    assert "</strong> · Повернулася" in page  # the evidence in the timeline
    client.cookies.set("homeward_lang", "en")
    english = client.get(f"/persons/{person_id}").text
    assert ">Returned<" in english and "of a woman" not in english


def test_a_servicewoman_is_said_in_the_feminine_in_ukrainian(
    client_as: ClientFor, web_db: Engine
) -> None:
    woman = make_person(web_db, sex="F", given_name="Оксана", service_status="military")
    man = make_person(web_db, service_status="military")
    client = client_as(Role.ANALYST)
    assert "<dd>військовослужбовиця</dd>" in client.get(f"/persons/{woman}").text
    assert "<dd>військовослужбовець</dd>" in client.get(f"/persons/{man}").text
    client.cookies.set("homeward_lang", "en")
    assert "<dd>military</dd>" in client.get(f"/persons/{woman}").text


def _words(html: str, key: str, end: str = "</p>") -> str:
    return " ".join(html.split(f'id="{key}"')[1].split(end)[0].split())


def test_a_returnee_s_page_shows_his_checklist_captivity_and_back_pay(
    client_as: ClientFor, web_db: Engine
) -> None:
    with Session(web_db) as session, session.begin():
        returned = create_person(
            session,
            actor=ADMIN_CONSOLE,
            person=person_in(surname="Тестенко", missing_date="10.04.2022", rank="солдат"),
        ).id
        add_evidence(
            session, actor=ADMIN_CONSOLE, person_id=returned,
            evidence=evidence_in("returned", "02.10.2025"),
        )  # fmt: skip
        mark_done(
            session, actor=ADMIN_CONSOLE, person_id=returned, task="medical_screening",
            on=date(2025, 10, 3), note=None,
        )  # fmt: skip
    still_held = make_person(web_db)
    analyst = client_as(Role.ANALYST)
    page = analyst.get(f"/persons/{returned}?lang=uk").text
    section = page.split('id="returnee"')[1].split("</section>")[0]
    assert f'href="/exchanges/returnees/{returned}"' in section
    assert "З 10.04.2022 до 02.10.2025: 1 271 день." in _words(section, "captivity")
    # the same figures as the returnee's own page, from the same functions
    own = analyst.get(f"/exchanges/returnees/{returned}?lang=uk").text
    assert _words(section, "back-pay") == _words(own, "back-pay") and "грн" in section
    steps = _words(section, "checklist", "</ul>")
    assert f"✓ 03.10.2025 · {ADMIN_CONSOLE.name}" in steps
    assert steps.count("✓") == 1 and steps.count("—") == 3

    assert 'id="returnee"' not in analyst.get(f"/persons/{still_held}?lang=uk").text


@pytest.mark.parametrize(
    ("reason", "ukrainian"),
    [
        ("from list.xlsx, row 2", "з файлу list.xlsx, рядок 2"),
        (
            "automatic link, match probability 0.9731",
            "пов'язано автоматично, імовірність збігу 0,9731",
        ),
        ("synthetic demo population", "синтетичне демонстраційне населення"),
        ("як сказала мати", "як сказала мати"),
    ],
)
def test_a_reason_the_system_wrote_with_a_value_reads_in_ukrainian(
    reason: str, ukrainian: str
) -> None:
    assert pages._reason_words(reason, "uk") == ukrainian
    assert pages._reason_words(reason, "en") == reason


def test_a_merge_preview_and_a_review_pair_name_the_country_in_words(
    client_as: ClientFor, web_db: Engine
) -> None:
    """Citizenship is the country's name, as on the person page, not its code ("UKR")."""
    first = make_person(web_db, citizenship="UKR", sex="F", given_name="Оксана",
                        service_status="military")  # fmt: skip
    second = make_person(web_db, citizenship="UKR", sex="F", given_name="Оксана")
    with Session(web_db) as session, session.begin():
        proposal = propose(
            session, score=REVIEW_SCORE, model_version="test", person_id=second,
            other_person_id=first,
        )  # fmt: skip
        assert proposal is not None
        proposal_id = proposal.id
    client = client_as(Role.ANALYST)
    preview = client.get(f"/persons/{first}/merge", params={"other": str(second)}).text
    pair = client.get(f"/review/{proposal_id}").text
    for page in (preview, pair):
        assert "Україна" in page and ">UKR<" not in " ".join(page.split())
    assert "військовослужбовиця" in preview


def test_a_recorded_hold_is_confirmed_without_a_gender(
    client_as: ClientFor, web_db: Engine
) -> None:
    person_id = make_person(web_db, sex="F", given_name="Оксана")
    page = client_as(Role.NEGOTIATOR).get(f"/persons/{person_id}?saved=hold").text
    assert "кандидати на обмін ураховують обмеження цієї особи" in page


def test_a_bad_date_in_a_form_is_told_in_ukrainian(client_as: ClientFor, web_db: Engine) -> None:
    """A date a form's schema refuses ("32.01.2024", "завтра") is said in the page's language,
    as the intake says it, not in English inside a Ukrainian page."""
    person_id = make_person(web_db)
    client = client_as(Role.OPERATOR)
    for typed, words in (("32.01.2024", "неіснуюча дата"), ("завтра", "не дата")):
        data = {"kind": "captor_list", "on": typed}
        response = submit(client, f"/persons/{person_id}/evidence", data)
        assert response.status_code == 422
        alert = response.text.split('role="alert"')[1].split("</")[0]
        assert words in alert, alert
        assert "is not" not in alert


def test_the_add_a_spelling_summary_has_no_comma_before_or(
    client_as: ClientFor, web_db: Engine
) -> None:
    """Ukrainian puts no comma before a lone "або": the summary reads "Додати написання (чи
    правильне поруч із помилковим)"."""
    person_id = make_person(web_db)
    page = client_as(Role.OPERATOR).get(f"/persons/{person_id}?lang=uk").text
    assert "Додати написання (чи правильне поруч із помилковим)" in page
    assert "Додати написання, або" not in page
