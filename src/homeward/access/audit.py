"""The audit log: every sign-in, view, search, change and export, chained by hash.

Each row stores the hash of the row before it and a hash over its own fields and that previous
hash, and rows are numbered without gaps (`seq`). Editing a row changes its hash; deleting one
breaks the numbering and the chain; `verify` finds both. The database refuses UPDATE and DELETE
on the table (triggers made by the migration), so the chain guards against someone who can
bypass that, such as a database superuser. Appends are serialised (an advisory lock on
PostgreSQL; SQLite's write lock, taken before the last entry is read) so that two writers never
read the same last entry: neither forks the chain nor fails on the number the other took.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from homeward.access.actor import Actor
from homeward.access.models import AuditEntry
from homeward.access.signing import SIGNING_KEY, configured_key, signature, signed_by
from homeward.db import side_write, utcnow
from homeward.jsonable import jsonable

GENESIS = "0" * 64
_LOCK_KEY = 4_711_001  # the advisory lock that serialises appends on PostgreSQL


class AuditAction(StrEnum):
    SIGN_IN = "sign_in"
    SIGN_IN_FAILED = "sign_in_failed"
    SIGN_IN_THROTTLED = "sign_in_throttled"
    SIGN_OUT = "sign_out"
    SEARCH = "search"
    VIEW_PERSON = "view_person"
    LIST_PERSONS = "list_persons"
    CANDIDATES = "candidates"
    CREATE_PERSON = "create_person"
    EDIT_PERSON = "edit_person"
    ADD_EVIDENCE = "add_evidence"
    ADD_REPORT = "add_report"
    LINK_REPORT = "link_report"
    ADD_CONTACT = "add_contact"
    ADD_NAME = "add_name"
    VIEW_REVIEW = "view_review"
    REVIEW_ACCEPT = "review_accept"
    REVIEW_REJECT = "review_reject"
    MERGE = "merge"
    UNMERGE = "unmerge"
    IMPORT_PREVIEW = "import_preview"
    IMPORT = "import"
    EXPORT = "export"
    VIEW_AUDIT = "view_audit"
    USER_ADD = "user_add"
    USER_PASSWORD = "user_password"  # noqa: S105 (an action's name, not a secret)
    OWN_PASSWORD_FAILED = "own_password_failed"  # noqa: S105 (a wrong current password)
    USER_DISABLE = "user_disable"
    SESSIONS_REVOKED = "sessions_revoked"
    FORBIDDEN = "forbidden"
    REGISTER_PRISONER = "register_prisoner"
    CUSTODY_EVENT = "custody_event"
    CUSTODY_RECORD = "custody_record"  # a duty's record: a letter, an inspection, a notice …
    VIEW_CUSTODY = "view_custody"  # the compliance dashboard, a prisoner's duties
    VIEW_SPECIAL = "view_special"  # a prisoner's medical data or profile
    CAPTURE_CARD = "capture_card"
    NOTIFY_BATCH = "notify_batch"
    # families (homeward.families)
    VIEW_CONTACTS = "view_contacts"
    EDIT_CONTACT = "edit_contact"
    CONSENT = "consent"
    CONTACT_LOG = "contact_log"
    VIEW_FAMILY_QUEUE = "view_family_queue"
    FAMILY_INFORMED = "family_informed"
    FAMILY_CODE_ISSUE = "family_code_issue"
    FAMILY_CODE_LETTER = "family_code_letter"
    FAMILY_CODE_REVOKE = "family_code_revoke"
    FAMILY_SIGN_IN = "family_sign_in"
    FAMILY_SIGN_IN_FAILED = "family_sign_in_failed"
    FAMILY_THROTTLED = "family_throttled"
    FAMILY_VIEW = "family_view"
    FAMILY_MESSAGE = "family_message"
    FAMILY_CONSENT_WITHDRAWN = "family_consent_withdrawn"
    FAMILY_SIGN_OUT = "family_sign_out"
    VIEW_FAMILY_MESSAGE = "view_family_message"
    FAMILY_MESSAGE_HANDLED = "family_message_handled"
    EXTRACT_ISSUE = "extract_issue"
    EXTRACT_VIEW = "extract_view"
    EXTRACT_REVOKE = "extract_revoke"
    EXTRACT_VERIFY = "extract_verify"
    VIEW_OUTBOX = "view_outbox"  # the outbox: the e-mails to families shown
    OUTBOX_DRAFT = "outbox_draft"
    OUTBOX_APPROVE = "outbox_approve"
    OUTBOX_SENT = "outbox_sent"
    OUTBOX_FAILED = "outbox_failed"
    OUTBOX_CANCEL = "outbox_cancel"
    # exchanges (homeward.exchanges)
    EXCHANGE_NEW = "exchange_new"
    EXCHANGE_LIST = "exchange_list"  # a new version of a list: persons proposed or withdrawn
    EXCHANGE_AGREE = "exchange_agree"
    EXCHANGE_CARRIED_OUT = "exchange_carried_out"  # the persons were handed over, on a day
    EXCHANGE_HOLD = "exchange_hold"
    EXCHANGE_HOLD_LIFTED = "exchange_hold_lifted"  # he may be offered again, from a day
    EXCHANGE_RECONCILE = "exchange_reconcile"
    VIEW_EXCHANGE = "view_exchange"  # an exchange, its lists or candidates
    RETURNEE_TASK = "returnee_task"  # a step of a returnee's checklist done
    # testimonies (homeward.testimonies)
    RECORD_DEBRIEFING = "record_debriefing"
    VIEW_DEBRIEFING = "view_debriefing"
    RESOLVE_MENTION = "resolve_mention"
    VIEW_PLACE = "view_place"
    # violations (homeward.violations); a file's custody log is its entries of FILE_*
    INCIDENT_RECORD = "incident_record"
    ACT_RECORD = "act_record"
    PERPETRATOR_RECORD = "perpetrator_record"
    ACT_CORRECT = "act_correct"  # the old values are in violation_history
    PERPETRATOR_CORRECT = "perpetrator_correct"
    VIEW_PERPETRATORS = "view_perpetrators"  # the list, or one with the acts alleged
    LIST_INCIDENTS = "list_incidents"
    VIEW_INCIDENT = "view_incident"
    FILE_ADD = "file_add"
    FILE_VIEW = "file_view"
    FILE_EXPORT = "file_export"
    FILES_VERIFY = "files_verify"
    # statistics (homeward.stats)
    VIEW_STATISTICS = "view_statistics"


def _digest(entry: AuditEntry) -> str:
    fields = [
        entry.seq,
        entry.at.astimezone(UTC).isoformat(timespec="microseconds"),
        entry.username,
        entry.role,
        entry.action,
        entry.object_type,
        entry.object_id,
        entry.client,
        entry.detail,
        entry.prev_hash,
    ]
    canonical = json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _serialise_appends(session: Session) -> None:
    """Wait until no other writer can append before the last entry is read. PostgreSQL: a
    lock of the transaction (READ COMMITTED: the read after it sees the entry of the writer
    before). SQLite: its write lock. A transaction of `make_engine(concurrent=True)` holds it
    from its start; pysqlite's own (an engine without `concurrent`: an import, a script) has
    begun only at its first change, when it holds the lock too; until then it reads outside
    any transaction, so it begins one that takes the lock at once, waiting its turn."""
    connection = session.connection()
    dialect = connection.dialect.name
    if dialect == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
    elif dialect == "sqlite" and not connection.connection.dbapi_connection.in_transaction:  # type: ignore[union-attr]
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def log(
    session: Session,
    actor: Actor,
    action: AuditAction,
    *,
    object_type: str | None = None,
    object_id: object = None,
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry in the caller's transaction: it stands or falls with the act. (A page
    that only reads appends in a short transaction of its own: see `db.side_write`.) An entry
    about one object names its id; a list read names the list (`LISTS`) and no id."""
    if object_type is not None and object_id is None and object_type not in LISTS:
        raise UnnamedObject(f"an audit entry about a {object_type} must name which one")
    with side_write(session) as target:
        _serialise_appends(target)
        last = target.execute(
            select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)
        ).first()
        entry = AuditEntry(
            seq=(last.seq + 1) if last else 1,
            at=utcnow(),
            username=actor.name,
            role=actor.role.value if actor.role else None,
            action=action.value,
            object_type=object_type,
            object_id=None if object_id is None else str(object_id),
            client=actor.client,
            detail=jsonable(detail or {}),
            prev_hash=last.hash if last else GENESIS,
        )
        entry.hash = _digest(entry)
        key = session.info.get(SIGNING_KEY) or configured_key()
        entry.mac = signature(key, entry.hash) if key else None
        target.add(entry)
        target.flush()
    return entry


# The kinds of entry that are about a list or a lookup, not one object: a list read, a search,
# an export, a queue, candidates looked up while typing. They name no id; the ids read or the
# query are in the detail. Every other kind of object is named with its id: an entry never
# says "incident" without saying which (a list read is audited as the list, "incidents").
LISTS = frozenset(
    {
        "audit_log",
        "custody",  # candidates for a prisoner being registered
        "debriefing_form",  # candidates for a mention being typed
        "debriefings",
        "evidence_files",  # the store, checked
        "exchanges",
        "incidents",
        "intake",  # candidates for a report being typed
        "mention_queue",
        "perpetrators",
        "review_queue",
        "search",
    }
)


class UnnamedObject(ValueError):
    """An entry about one object without its id (a programming error, not the user's)."""


@dataclass(frozen=True)
class Break:
    seq: int
    problem: str


@dataclass(frozen=True)
class Verification:
    rows: int
    breaks: list[Break]
    head: str = GENESIS  # the last entry's hash: publish it elsewhere to anchor the chain
    signed: int = 0  # entries whose signature was checked (and held)
    unsigned: int = 0  # entries written before a key was configured: the chain alone guards them
    key_checked: bool = False  # whether signatures were checked at all (a key was given)

    @property
    def intact(self) -> bool:
        return not self.breaks


def verify(
    session: Session, *, key: bytes | None = None, signatures: bool = True, batch: int = 5000
) -> Verification:
    """Walk the chain from the first row; report every row whose hash or link is wrong, and
    with the signing key every signature that does not hold, and every unsigned row written
    after the first signed one (a signature removed). The key is the deployment's unless
    another is given; `signatures=False` checks the chain alone."""
    key = (key or session.info.get(SIGNING_KEY) or configured_key()) if signatures else None
    breaks: list[Break] = []
    expected_prev, expected_seq, rows = GENESIS, 1, 0
    signed = unsigned = 0
    after = 0
    while True:
        # populate_existing: an entry already in the session is read again as stored, not as
        # remembered (else a row changed behind the session's back would pass)
        chunk = list(
            session.scalars(
                select(AuditEntry)
                .where(AuditEntry.seq > after)
                .order_by(AuditEntry.seq)
                .limit(batch)
                .execution_options(populate_existing=True)
            )
        )
        if not chunk:
            break
        for entry in chunk:
            rows += 1
            if entry.seq != expected_seq:
                missing = f"{expected_seq}" + (
                    f"–{entry.seq - 1}" if entry.seq - 1 > expected_seq else ""
                )
                breaks.append(Break(entry.seq, f"rows {missing} are missing (deleted)"))
            if entry.prev_hash != expected_prev:
                breaks.append(Break(entry.seq, "does not link to the row before it"))
            if _digest(entry) != entry.hash:
                breaks.append(Break(entry.seq, "was changed after it was written"))
            if key is not None:
                problem = _signature_problem(key, entry, signed_before=signed > 0)
                if problem:
                    breaks.append(Break(entry.seq, problem))
                elif entry.mac:
                    signed += 1
                else:
                    unsigned += 1
            expected_prev, expected_seq = entry.hash, entry.seq + 1
        after = chunk[-1].seq
        for entry in chunk:  # only these: the caller's own objects stay in its session
            session.expunge(entry)
    return Verification(rows, breaks, expected_prev, signed, unsigned, key is not None)


def _signature_problem(key: bytes, entry: AuditEntry, *, signed_before: bool) -> str | None:
    if entry.mac is None:
        return "is not signed, although entries before it are" if signed_before else None
    if not signed_by(key, entry.hash, entry.mac):
        return "its signature does not hold: changed, or signed with another key"
    return None


def holds(session: Session, entry_hash: str) -> bool:
    """Whether an entry with this hash is in the log (an anchor kept from an earlier check)."""
    return session.scalar(select(AuditEntry.id).where(AuditEntry.hash == entry_hash)) is not None


def entries(
    session: Session,
    *,
    username: str | None = None,
    action: str | None = None,
    object_type: str | None = None,
    object_id: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int | None = 50,
    offset: int = 0,
) -> tuple[list[AuditEntry], int]:
    """One page of the log, newest first, and how many entries match (`limit=None`: all)."""
    query = select(AuditEntry)
    if since is not None:
        query = query.where(AuditEntry.at >= since)
    if until is not None:
        query = query.where(AuditEntry.at < until)
    if username:
        query = query.where(AuditEntry.username == username)
    if action:
        query = query.where(AuditEntry.action == action)
    if object_type:
        query = query.where(AuditEntry.object_type == object_type)
    if object_id:
        query = query.where(AuditEntry.object_id == object_id)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    ordered = query.order_by(AuditEntry.seq.desc()).offset(offset)
    page = session.scalars(ordered if limit is None else ordered.limit(limit))
    return list(page), total
