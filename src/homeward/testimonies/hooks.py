"""Open mentions are re-examined when persons are added, whatever adds them (intake, an
import, the person form, the demo): the persons a flush inserts are noted on the session, and
once its transaction commits they alone are held against the open mentions
(`service.propose_for_persons`) in a short transaction of their own. The queue then shows the
proposals without being opened first. A failure here never undoes the commit that brought the
persons: it is logged, and the queue's own re-examination finds them later."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import Connection, event
from sqlalchemy.orm import Session

from homeward.registry.models import Person

log = logging.getLogger(__name__)
NEW_PERSONS = "homeward.new_persons"  # Session.info key: ids inserted in this transaction


@event.listens_for(Session, "after_flush")
def _note_new_persons(session: Session, _context: Any) -> None:
    added = [row.id for row in session.new if isinstance(row, Person)]
    if added:
        session.info.setdefault(NEW_PERSONS, set()).update(added)


@event.listens_for(Session, "after_rollback")
def _forget_new_persons(session: Session) -> None:
    if not session.in_transaction():
        session.info.pop(NEW_PERSONS, None)


@event.listens_for(Session, "after_commit")
def _propose_for_new_persons(session: Session) -> None:
    if session.in_nested_transaction():
        # a savepoint released (`created_or_found`): SQLAlchemy calls this hook for it too,
        # but nothing is committed yet, and the request's transaction still holds SQLite's
        # write turn, which the short transaction below would wait for until it gave up
        return
    added: set[int] | None = session.info.pop(NEW_PERSONS, None)
    if not added:
        return
    bind = session.get_bind()
    if isinstance(bind, Connection):
        return  # a caller's own connection (a test's outer transaction): nothing committed yet
    from homeward.testimonies.service import propose_for_persons  # here: service imports much

    try:
        with Session(bind) as writer, writer.begin():
            made = propose_for_persons(writer, added)
        if made:
            log.info("%d open mentions proposed for %d new persons", len(made), len(added))
    except Exception as problem:  # the persons are committed; the queue retries
        log.warning("open mentions not re-examined for new persons: %s", problem)
