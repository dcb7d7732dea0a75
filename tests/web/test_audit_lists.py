"""A list read is audited as the list ("incidents", with the ids read or the query), never as
one object with no id ("incident:None"): the log refuses such an entry, no audit call in the
source writes one, and the list pages and the API write their list entries so."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from homeward.access import audit
from homeward.access.audit import LISTS, AuditAction, UnnamedObject
from homeward.access.models import AuditEntry
from homeward.access.roles import Role
from homeward.violations import service as violations
from tests.access.test_audit import CLERK
from tests.testimonies.factories import a_witness, debrief
from tests.violations.factories import INVESTIGATOR, a_person, an_act, an_incident
from tests.web.conftest import ClientFor

SRC = Path(__file__).resolve().parents[2] / "src" / "homeward"


def test_the_log_refuses_an_entry_about_one_object_without_its_id(session: Session) -> None:
    with pytest.raises(UnnamedObject):
        audit.log(session, CLERK, AuditAction.LIST_INCIDENTS, object_type="incident")
    listed = audit.log(
        session, CLERK, AuditAction.LIST_INCIDENTS, object_type="incidents",
        detail={"incidents": [3, 2]},
    )  # fmt: skip
    assert (listed.object_type, listed.object_id) == ("incidents", None)


def _unnamed_calls() -> list[str]:
    """Audit calls in the source naming a kind of object, literally, without its id."""
    found = []
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            if name != "log":
                continue
            given = {k.arg: k.value for k in node.keywords}
            kind = given.get("object_type")
            unnamed = isinstance(kind, ast.Constant) and "object_id" not in given
            if unnamed and isinstance(kind, ast.Constant) and kind.value not in LISTS:
                found.append(f"{path.relative_to(SRC)}:{node.lineno} {kind.value!s}")
    return found


def test_no_audit_call_names_one_object_without_its_id() -> None:
    assert _unnamed_calls() == []


def _entries_since(engine: Engine, seq: int) -> list[AuditEntry]:
    with Session(engine) as session:
        return list(
            session.scalars(select(AuditEntry).where(AuditEntry.seq > seq).order_by(AuditEntry.seq))
        )


def test_the_list_pages_audit_their_lists_with_the_ids_read(
    client_as: ClientFor, web_db: Engine
) -> None:
    with Session(web_db) as session, session.begin():
        victim = a_person(session)
        incident = violations.record_incident(
            session, actor=INVESTIGATOR, incident=an_incident(session, an_act((victim,)))
        ).id
        debriefing = debrief(session, a_witness(session)).id
        start = session.scalar(select(AuditEntry.seq).order_by(AuditEntry.seq.desc()).limit(1))
    investigator = client_as(Role.INVESTIGATOR)
    for page in ("/incidents", "/perpetrators", "/testimonies", "/api/incidents", "/exchanges"):
        assert investigator.get(page).status_code == 200, page
    assert client_as(Role.ANALYST).get("/api/exchanges").status_code == 200
    entries = _entries_since(web_db, start or 0)
    unnamed = [
        (e.action, e.object_type) for e in entries
        if e.object_type and e.object_id is None and e.object_type not in LISTS
    ]  # fmt: skip
    assert unnamed == []
    listed = {(e.action, e.object_type): e.detail for e in entries if e.object_id is None}
    assert listed[(AuditAction.LIST_INCIDENTS.value, "incidents")]["incidents"] == [incident]
    assert listed[(AuditAction.VIEW_PERPETRATORS.value, "perpetrators")]["perpetrators"] == []
    assert listed[(AuditAction.VIEW_DEBRIEFING.value, "debriefings")]["debriefings"] == [debriefing]
    assert listed[(AuditAction.VIEW_EXCHANGE.value, "exchanges")]["exchanges"] == []
