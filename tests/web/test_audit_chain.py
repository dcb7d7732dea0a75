"""The hash chain's check on the audit log page names an entry changed behind the
application's back (by someone who could switch off the database's append-only guard)."""

from __future__ import annotations

import secrets

from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from homeward.access import audit
from homeward.access.actor import Actor, Channel
from homeward.access.audit import AuditAction
from homeward.access.models import AuditEntry
from homeward.access.roles import Role
from tests.access.tampering import guard_off
from tests.web.conftest import ClientFor


def test_the_page_names_an_edited_entry_and_the_api_too(
    client_as: ClientFor, web_db: Engine
) -> None:
    actor = Actor(f"clerk-{secrets.token_hex(4)}", Channel.WEB, Role.OPERATOR)
    with Session(web_db) as session, session.begin():
        entry = audit.log(
            session, actor, AuditAction.VIEW_PERSON, object_type="person", object_id=7
        )
        seq = entry.seq
    client = client_as(Role.AUDITOR)
    client.cookies.set("homeward_lang", "en")
    assert "The chain is unbroken" in client.get("/audit/verify").text
    change = update(AuditEntry).where(AuditEntry.seq == seq)
    try:
        with web_db.begin() as connection, guard_off(connection):
            connection.execute(change.values(object_id="8"))  # another person, as if
        page = client.get("/audit/verify", headers={"HX-Request": "true"})
        assert page.status_code == 200
        assert "The audit log was tampered with" in page.text
        assert f'<td class="num">{seq}</td><td>was changed after it was written</td>' in page.text
        api = client.get("/api/audit/verify").json()
        assert api["intact"] is False
        assert {"seq": seq, "problem": "was changed after it was written"} in api["breaks"]
    finally:  # the log is shared by the whole test run: put the entry back as it was written
        with web_db.begin() as connection, guard_off(connection):
            connection.execute(change.values(object_id="7"))
    assert client.get("/api/audit/verify").json()["intact"] is True
    with Session(web_db) as session:
        checks = session.scalars(
            select(AuditEntry.detail)
            .where(AuditEntry.username == "test-auditor", AuditEntry.action == "view_audit")
            .order_by(AuditEntry.seq.desc())
            .limit(4)
        ).all()
    assert [c["intact"] for c in checks] == [True, False, False, True]
