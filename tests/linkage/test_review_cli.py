"""`homeward review` as a reviewer uses it."""

from __future__ import annotations

import json

from sqlalchemy import Engine
from typer.testing import CliRunner

from homeward.cli import app
from homeward.db import session_factory, transaction
from homeward.linkage.review import propose
from homeward.linkage.scoring import FieldWeight, PairScore
from homeward.registry.service import create_person
from tests.factories import OPERATOR, person_in

runner = CliRunner()
SCORE = PairScore(6.2, 0.987, (FieldWeight("surname", "same key, rare", 9.1),), None)


def invoke(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def _queue(engine: Engine) -> tuple[int, int, int]:
    with transaction(session_factory(engine)) as session:
        first = create_person(session, actor=OPERATOR, person=person_in()).id
        second = create_person(session, actor=OPERATOR, person=person_in(given_name="Александр")).id
        proposal = propose(
            session, score=SCORE, model_version="t", person_id=first, other_person_id=second
        )
        assert proposal is not None
        return proposal.id, first, second


def test_a_reviewer_lists_shows_and_accepts_then_undoes_the_merge(clean_db: Engine) -> None:
    db = clean_db.url.render_as_string(hide_password=False)
    proposal, first, second = _queue(clean_db)
    code, out = invoke("review", "list", "--db", db, "--json")
    assert code == 0, out
    assert [p["id"] for p in json.loads(out)["proposals"]] == [proposal]
    code, out = invoke("review", "show", str(proposal), "--db", db)
    assert code == 0, out
    assert "Олександр" in out and "Александр" in out and "+9.10" in out
    code, out = invoke(
        "review",
        "accept",
        str(proposal),
        "--reason",
        "same man",
        "--actor",
        "analyst",
        "--db",
        db,
    )
    assert code == 0, out
    code, out = invoke("person", "show", str(second), "--db", db, "--json")
    assert json.loads(out)["merged_into"] == first
    code, out = invoke("person", "history", str(first), "--db", db, "--json")
    merge_id = json.loads(out)[-1]["changes"]["merge_id"]
    code, out = invoke("review", "unmerge", str(merge_id), "--reason", "not him", "--db", db)
    assert code == 0, out
    code, out = invoke("person", "show", str(second), "--db", db, "--json")
    assert json.loads(out)["merged_into"] is None


def test_rejecting_without_a_reason_is_refused(clean_db: Engine) -> None:
    db = clean_db.url.render_as_string(hide_password=False)
    proposal, _, _ = _queue(clean_db)
    code, out = invoke("review", "reject", str(proposal), "--reason", " ", "--db", db)
    assert code == 2 and "reason" in out


def test_reading_the_queue_and_a_pair_on_the_console_is_audited(clean_db: Engine) -> None:
    """The console shows the two persons' names and dates: each read is in the audit log, by
    the actor given, as the web's queue and pair pages are."""
    from sqlalchemy import func, select

    from homeward.access.models import AuditEntry

    db = clean_db.url.render_as_string(hide_password=False)
    proposal, first, second = _queue(clean_db)
    with transaction(session_factory(clean_db)) as session:
        before = session.scalar(select(func.max(AuditEntry.seq))) or 0
    assert invoke("review", "list", "--db", db, "--actor", "analyst")[0] == 0
    assert invoke("review", "show", str(proposal), "--db", db, "--actor", "analyst")[0] == 0
    with transaction(session_factory(clean_db)) as session:
        entries = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.action == "view_review", AuditEntry.seq > before)
            .order_by(AuditEntry.seq)
        ).all()
        seen = [(e.object_type, e.object_id, e.username) for e in entries]
        pair = entries[-1].detail
    assert seen == [("review_queue", None, "analyst"), ("link_proposal", str(proposal), "analyst")]
    assert (pair["person_id"], pair["other_person_id"]) == (first, second)
