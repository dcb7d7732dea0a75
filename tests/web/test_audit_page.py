"""The audit log page and its API: who may read it, filters, pages, and the reading audited."""

from __future__ import annotations

import csv
import io
import re
import secrets
from datetime import date

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from homeward.access import audit
from homeward.access.actor import Actor, Channel
from homeward.access.audit import AuditAction
from homeward.access.models import AuditEntry
from homeward.access.roles import Role
from tests.web.conftest import ClientFor, username_of

READERS = [Role.AUDITOR, Role.ADMIN]
OTHERS = [Role.OPERATOR, Role.ANALYST, Role.LIAISON]


def write_entries(engine: Engine, count: int, **fields: object) -> str:
    """Entries by a user of their own (the log is shared by every test); returns the name."""
    name = f"clerk-{secrets.token_hex(4)}"
    actor = Actor(name, Channel.WEB, Role.OPERATOR, "192.0.2.7")
    with Session(engine) as session, session.begin():
        for n in range(count):
            audit.log(
                session,
                actor,
                AuditAction.VIEW_PERSON,
                object_type="person",
                object_id=str(1000 + n),
                detail={"n": n, **fields},
            )
    return name


def view_entries(engine: Engine, role: Role) -> list[AuditEntry]:
    with Session(engine) as session:
        query = select(AuditEntry).where(
            AuditEntry.username == username_of(role), AuditEntry.action == "view_audit"
        )
        return list(session.scalars(query.order_by(AuditEntry.seq)))


@pytest.mark.parametrize("role", READERS)
def test_an_auditor_and_an_admin_read_the_log_newest_first(
    client_as: ClientFor, web_db: Engine, role: Role
) -> None:
    name = write_entries(web_db, 3)
    response = client_as(role).get("/audit", params={"user": name})
    assert response.status_code == 200
    page = response.text
    first, second, third = (page.index(f"особа № 100{n}") for n in (2, 1, 0))
    assert first < second < third
    assert "192.0.2.7" in page


@pytest.mark.parametrize("role", OTHERS)
def test_other_roles_cannot_read_the_log(client_as: ClientFor, role: Role) -> None:
    client = client_as(role)
    assert client.get("/audit").status_code == 403
    assert client.get("/audit/verify").status_code == 403
    assert client.get("/api/audit").status_code == 403
    assert client.get("/api/audit/verify").status_code == 403


def test_an_anonymous_visitor_is_sent_to_sign_in(client_as: ClientFor) -> None:
    client = client_as(None)
    assert client.get("/audit").status_code == 303
    assert client.get("/api/audit").status_code == 401


def test_reading_the_log_is_itself_audited(client_as: ClientFor, web_db: Engine) -> None:
    before = len(view_entries(web_db, Role.AUDITOR))
    client = client_as(Role.AUDITOR)
    client.get("/audit", params={"action": "view_person", "object_type": "person"})
    entries = view_entries(web_db, Role.AUDITOR)
    assert len(entries) == before + 1
    assert entries[-1].detail == {"action": "view_person", "object_type": "person", "page": 1}
    assert entries[-1].role == "auditor"
    client.get("/api/audit", params={"user": "nobody"})
    assert view_entries(web_db, Role.AUDITOR)[-1].detail == {"user": "nobody", "page": 1}


def test_filters_by_user_action_and_object(client_as: ClientFor, web_db: Engine) -> None:
    name = write_entries(web_db, 4)
    client = client_as(Role.AUDITOR)
    body = client.get("/api/audit", params={"user": name}).json()
    assert body["total"] == 4
    assert [e["object_id"] for e in body["entries"]] == ["1003", "1002", "1001", "1000"]
    one = client.get(
        "/api/audit", params={"user": name, "object_type": "person", "object_id": "1002"}
    ).json()
    assert one["total"] == 1 and one["entries"][0]["detail"] == {"n": 2}
    none = client.get("/api/audit", params={"user": name, "action": "sign_in"}).json()
    assert none["total"] == 0 and none["entries"] == []
    page = client.get("/audit", params={"user": name, "object_id": "1001"}).text
    assert "особа № 1001" in page and "особа № 1002" not in page


def test_the_log_is_paged(client_as: ClientFor, web_db: Engine) -> None:
    name = write_entries(web_db, 7)
    client = client_as(Role.ADMIN)
    second = client.get("/api/audit", params={"user": name, "per_page": 3, "page": 2}).json()
    assert second["pages"] == 3 and second["total"] == 7
    assert [e["object_id"] for e in second["entries"]] == ["1003", "1002", "1001"]
    many = write_entries(web_db, 51)
    page = client.get("/audit", params={"user": many}).text
    assert "особа № 1050" in page and "особа № 1000" not in page
    assert f"user={many}&amp;page=2" in page
    older = client.get("/audit", params={"user": many, "page": 2}).text
    assert "особа № 1000" in older


def test_a_wrong_filter_is_named(client_as: ClientFor) -> None:
    client = client_as(Role.AUDITOR)
    response = client.get("/api/audit", params={"action": "dance"})
    assert response.status_code == 422
    assert response.json()["field"] == "action"
    assert client.get("/audit", params={"action": "dance"}).status_code == 422
    assert client.get("/api/audit", params={"page": 0}).status_code == 422
    nul = client.get("/api/audit", params={"object_id": "\x00"})
    assert nul.status_code == 422 and nul.json()["field"] == "object_id"


def test_what_the_log_holds_is_shown_escaped(client_as: ClientFor, web_db: Engine) -> None:
    name = write_entries(web_db, 1, query="<script>alert(1)</script>")
    page = client_as(Role.AUDITOR).get("/audit", params={"user": name}).text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_chain_check_is_a_button_of_its_own(client_as: ClientFor, web_db: Engine) -> None:
    client = client_as(Role.AUDITOR)
    page = client.get("/audit").text
    assert 'hx-get="/audit/verify"' in page
    fragment = client.get("/audit/verify", headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    assert "<html" not in fragment.text
    assert 'role="status"' in fragment.text  # unbroken
    whole = client.get("/audit/verify")
    assert "<html" in whole.text
    api = client.get("/api/audit/verify").json()
    assert api["intact"] is True and api["breaks"] == [] and api["rows"] > 0
    assert view_entries(web_db, Role.AUDITOR)[-1].detail["intact"] is True


def test_dates_filter_the_log_and_are_written_day_first(
    client_as: ClientFor, web_db: Engine
) -> None:
    name = write_entries(web_db, 2)
    client = client_as(Role.AUDITOR)
    today = client.get("/audit", params={"user": name}).text
    assert today.count("192.0.2.7") == 2
    assert re.search(r"\d\d\.\d\d\.\d{4} \d\d:\d\d:\d\d", today)
    before = client.get("/audit", params={"user": name, "until": "2020"}).text
    assert "192.0.2.7" not in before
    since_this_year = client.get(
        "/audit", params={"user": name, "since": str(date.today().year)}
    ).text
    assert since_this_year.count("192.0.2.7") == 2
    assert client.get("/audit", params={"since": "31.02.2024"}).status_code == 422


def test_details_are_in_the_readers_language(client_as: ClientFor, web_db: Engine) -> None:
    name = write_entries(web_db, 1, contacts=True)
    page = client_as(Role.AUDITOR).get("/audit", params={"user": name}).text
    assert "<b>контакти</b>: так" in page
    assert "особа № 1000" in page


def test_the_log_is_exported_as_csv_and_the_export_is_logged(
    client_as: ClientFor, web_db: Engine
) -> None:
    name = write_entries(web_db, 3, note='=HYPERLINK("x")')
    answer = client_as(Role.AUDITOR).get("/audit/export.csv", params={"user": name})
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(answer.text)))
    assert rows[0][:3] == ["seq", "at", "username"]
    assert [row[2] for row in rows[1:]] == [name] * 3
    assert all('"note": "=HYPERLINK' in row[8] for row in rows[1:])
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    with Session(web_db) as session:
        exported = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.action == "export", AuditEntry.object_type == "audit_log")
            .order_by(AuditEntry.seq.desc())
        ).first()
    assert exported is not None and exported.detail["user"] == name


def test_an_export_is_refused_to_other_roles(client_as: ClientFor) -> None:
    assert client_as(Role.ANALYST).get("/audit/export.csv").status_code == 403


def test_object_kinds_and_roles_are_words_of_the_readers_language(
    client_as: ClientFor, web_db: Engine
) -> None:
    name = f"clerk-{secrets.token_hex(4)}"
    actor = Actor(name, Channel.WEB, Role.ANALYST, "192.0.2.7")
    with Session(web_db) as session, session.begin():
        audit.log(session, actor, AuditAction.VIEW_REVIEW, object_type="review_queue",
                  detail={"role": "analyst", "reason": "analyst"})  # fmt: skip
    page = client_as(Role.AUDITOR).get("/audit", params={"username": name}).text
    assert "черга перевірки" in page and ">review_queue" not in page
    assert "<b>роль</b>: аналітик</span>" in page
    assert "<b>причина</b>: analyst</span>" in page  # what someone typed stays as typed


def test_the_codes_in_an_entrys_details_read_as_words(client_as: ClientFor, web_db: Engine) -> None:
    """A search's filters name a status and a side by code: the page says the status and the
    side, not the catalogue's other sense of the word ("missing" is no "бракує")."""
    name = write_entries(web_db, 1, filters={"status": "missing", "side": "own"})
    page = client_as(Role.AUDITOR).get("/audit", params={"user": name}).text
    assert "Зник безвісти" in page
    assert "Наші люди" in page
    assert "бракує" not in page
    assert ": own" not in page


def test_a_refusals_reason_reads_in_the_readers_language(
    client_as: ClientFor, web_db: Engine
) -> None:
    """A refusal keeps the permission it lacked as a code ("needs testimonies"); the page says
    it in words around that code."""
    name = write_entries(web_db, 1, reason="needs testimonies")
    page = client_as(Role.AUDITOR).get("/audit", params={"user": name}).text
    assert "потрібен дозвіл testimonies" in page and "needs testimonies" not in page
    forbidden = client_as(Role.INVESTIGATOR).get("/testimonies/mentions")
    assert forbidden.status_code == 403
    refusals = client_as(Role.AUDITOR).get("/audit", params={"action": "forbidden"}).text
    assert "needs " not in refusals


def test_an_empty_detail_and_the_statistics_keys_read_as_words(
    client_as: ClientFor, web_db: Engine
) -> None:
    name = write_entries(web_db, 1, report=None, tables=17, lang="uk", public=False)
    page = client_as(Role.AUDITOR).get("/audit", params={"user": name}).text
    assert "None" not in page
    assert "<b>таблиці</b>: 17" in page and "<b>мова</b>" in page
    assert "<b>для оприлюднення</b>: ні" in page


def _object_types_written() -> set[str]:
    """Every kind of object the source's audit calls name: a literal, or a module constant."""
    import ast
    from pathlib import Path

    found: set[str] = set()
    for path in (Path(__file__).resolve().parents[2] / "src" / "homeward").rglob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        constants = {
            target.id: node.value.value
            for node in tree.body
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
            for target in node.targets
            if isinstance(target, ast.Name)
        }
        for node in ast.walk(tree):
            name = getattr(node, "func", None)
            if (
                not isinstance(node, ast.Call)
                or getattr(name, "attr", getattr(name, "id", "")) != "log"
            ):
                continue
            for keyword in (k for k in node.keywords if k.arg == "object_type"):
                for part in ast.walk(keyword.value):
                    if isinstance(part, ast.Constant) and isinstance(part.value, str):
                        found.add(part.value)
                    elif isinstance(part, ast.Name):
                        value = constants.get(part.id)
                        if isinstance(value, str):
                            found.add(value)
    return found


def test_the_object_type_filter_offers_every_kind_of_object_in_words() -> None:
    from homeward.web.usecases.audit import OBJECT_TYPES

    written = _object_types_written()
    assert {"person", "incident", "incidents", "evidence_file", "family_code"} <= written
    assert written - set(OBJECT_TYPES) == set()


def test_the_object_type_is_chosen_by_its_name_and_filtered_by_its_code(
    client_as: ClientFor, web_db: Engine
) -> None:
    name = write_entries(web_db, 2)
    auditor = client_as(Role.AUDITOR)
    page = auditor.get("/audit").text
    assert '<select name="object_type">' in page
    assert '<option value="family_code">код доступу родини</option>' in page
    assert '<option value="person">запис особи</option>' in page
    chosen = auditor.get(f"/audit?object_type=person&user={name}").text
    assert '<option value="person" selected>запис особи</option>' in chosen
    assert chosen.count('href="/audit?object_type=person&amp;object_id=100') == 2
    # a code of an older entry, unknown to the list, stays chosen as it is
    odd = auditor.get("/audit?object_type=legacy_thing").text
    assert '<option value="legacy_thing" selected>legacy_thing</option>' in odd
