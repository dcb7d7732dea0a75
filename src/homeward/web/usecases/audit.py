"""The audit log: read page by page with filters, and its hash chain checked. Reading the log is
itself audited (VIEW_AUDIT): the log holds what was searched and viewed."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any

from sqlalchemy.orm import Session

from homeward.access import audit
from homeward.access.actor import Actor
from homeward.access.audit import AuditAction, Verification
from homeward.access.models import AuditEntry
from homeward.access.roles import Permission
from homeward.access.users import list_users
from homeward.dates import day_bound
from homeward.errors import InvalidInput
from homeward.imports.export import guard

PAGE_SIZE = 50
MAX_PAGE_SIZE = 500


def _(message: str) -> str:
    """Marks a message for the catalogue; the page that shows it translates it."""
    return message


ACTION_LABELS: dict[str, str] = {
    AuditAction.SIGN_IN: _("signed in"),
    AuditAction.SIGN_IN_FAILED: _("sign-in failed"),
    AuditAction.SIGN_IN_THROTTLED: _("sign-in refused: too many failures"),
    AuditAction.SIGN_OUT: _("signed out"),
    AuditAction.SEARCH: _("searched"),
    AuditAction.VIEW_PERSON: _("viewed a person"),
    AuditAction.LIST_PERSONS: _("listed persons"),
    AuditAction.CANDIDATES: _("looked for candidates"),
    AuditAction.CREATE_PERSON: _("created a person"),
    AuditAction.EDIT_PERSON: _("edited a person"),
    AuditAction.ADD_EVIDENCE: _("added evidence"),
    AuditAction.ADD_REPORT: _("added a report"),
    AuditAction.LINK_REPORT: _("linked a report"),
    AuditAction.ADD_NAME: _("added a spelling of a name"),
    AuditAction.ADD_CONTACT: _("added a contact"),
    AuditAction.VIEW_REVIEW: _("viewed a proposed match"),
    AuditAction.REVIEW_ACCEPT: _("accepted a match"),
    AuditAction.REVIEW_REJECT: _("rejected a match"),
    AuditAction.MERGE: _("merged persons"),
    AuditAction.UNMERGE: _("undid a merge"),
    AuditAction.IMPORT_PREVIEW: _("checked a list"),
    AuditAction.IMPORT: _("imported a list"),
    AuditAction.EXPORT: _("exported"),
    AuditAction.VIEW_AUDIT: _("read the audit log"),
    AuditAction.USER_ADD: _("added a user"),
    AuditAction.USER_PASSWORD: _("set a password"),
    AuditAction.OWN_PASSWORD_FAILED: _("gave a wrong current password"),
    AuditAction.USER_DISABLE: _("disabled a user"),
    AuditAction.SESSIONS_REVOKED: _("ended a user's sessions"),
    AuditAction.FORBIDDEN: _("was refused"),
    AuditAction.REGISTER_PRISONER: _("registered a prisoner of war"),
    AuditAction.CUSTODY_EVENT: _("recorded a prisoner's movement"),
    AuditAction.CUSTODY_RECORD: _("recorded the bureau's work for a prisoner"),
    AuditAction.VIEW_CUSTODY: _("viewed the duties towards prisoners"),
    AuditAction.VIEW_SPECIAL: _("read a prisoner's medical records and profile"),
    AuditAction.CAPTURE_CARD: _("made a capture card"),
    AuditAction.NOTIFY_BATCH: _("notified the Central Tracing Agency"),
    AuditAction.VIEW_CONTACTS: _("viewed a person's contacts"),
    AuditAction.EDIT_CONTACT: _("edited a contact"),
    AuditAction.CONSENT: _("recorded a consent"),
    AuditAction.CONTACT_LOG: _("logged a contact with a family"),
    AuditAction.VIEW_FAMILY_QUEUE: _("viewed the families to inform"),
    AuditAction.FAMILY_INFORMED: _("recorded a family informed"),
    AuditAction.FAMILY_CODE_ISSUE: _("issued a family access code"),
    AuditAction.FAMILY_CODE_LETTER: _("printed a family access code's letter"),
    AuditAction.FAMILY_CODE_REVOKE: _("revoked a family access code"),
    AuditAction.FAMILY_SIGN_IN: _("a family opened its page"),
    AuditAction.FAMILY_SIGN_IN_FAILED: _("a wrong family access code"),
    AuditAction.FAMILY_THROTTLED: _("family access refused: too many attempts"),
    AuditAction.FAMILY_VIEW: _("a family viewed its person"),
    AuditAction.FAMILY_MESSAGE: _("a family sent a message"),
    AuditAction.FAMILY_CONSENT_WITHDRAWN: _("a family withdrew its consent"),
    AuditAction.FAMILY_SIGN_OUT: _("a family left its page"),
    AuditAction.VIEW_FAMILY_MESSAGE: _("read a family's message"),
    AuditAction.FAMILY_MESSAGE_HANDLED: _("took in a family's message"),
    AuditAction.EXTRACT_ISSUE: _("issued an extract"),
    AuditAction.EXTRACT_VIEW: _("printed an extract again"),
    AuditAction.EXTRACT_REVOKE: _("revoked an extract"),
    AuditAction.EXTRACT_VERIFY: _("an extract was verified"),
    AuditAction.VIEW_OUTBOX: _("viewed the messages to families"),
    AuditAction.OUTBOX_DRAFT: _("wrote a message to a family"),
    AuditAction.OUTBOX_APPROVE: _("approved a message to a family"),
    AuditAction.OUTBOX_SENT: _("a message to a family was sent"),
    AuditAction.OUTBOX_FAILED: _("a message to a family failed"),
    AuditAction.OUTBOX_CANCEL: _("cancelled a message to a family"),
    AuditAction.EXCHANGE_NEW: _("proposed an exchange"),
    AuditAction.EXCHANGE_LIST: _("changed an exchange list"),
    AuditAction.EXCHANGE_AGREE: _("agreed an exchange's lists"),
    AuditAction.EXCHANGE_CARRIED_OUT: _("marked an exchange carried out"),
    AuditAction.EXCHANGE_HOLD: _("held a prisoner back from exchanges"),
    AuditAction.EXCHANGE_HOLD_LIFTED: _("lifted a prisoner's hold from exchanges"),
    AuditAction.EXCHANGE_RECONCILE: _("reconciled an exchange's roster"),
    AuditAction.VIEW_EXCHANGE: _("viewed an exchange"),
    AuditAction.RETURNEE_TASK: _("recorded a step of a returnee's checklist"),
    AuditAction.RECORD_DEBRIEFING: _("recorded a debriefing"),
    AuditAction.VIEW_DEBRIEFING: _("read a debriefing"),
    AuditAction.RESOLVE_MENTION: _("resolved a mention in a debriefing"),
    AuditAction.VIEW_PLACE: _("viewed a place of detention"),
    AuditAction.INCIDENT_RECORD: _("recorded an incident"),
    AuditAction.ACT_RECORD: _("recorded an act of an incident"),
    AuditAction.PERPETRATOR_RECORD: _("recorded an alleged perpetrator"),
    AuditAction.ACT_CORRECT: _("corrected an act of an incident"),
    AuditAction.PERPETRATOR_CORRECT: _("corrected an alleged perpetrator"),
    AuditAction.VIEW_PERPETRATORS: _("viewed alleged perpetrators"),
    AuditAction.LIST_INCIDENTS: _("listed incidents"),
    AuditAction.VIEW_INCIDENT: _("viewed an incident"),
    AuditAction.FILE_ADD: _("added an evidence file"),
    AuditAction.FILE_VIEW: _("opened an evidence file"),
    AuditAction.FILE_EXPORT: _("exported an evidence file"),
    AuditAction.FILES_VERIFY: _("checked the evidence files"),
    AuditAction.VIEW_STATISTICS: _("viewed the statistics"),
}
assert set(ACTION_LABELS) == {a.value for a in AuditAction}


# The kinds of object an entry is about (every `object_type` the source's audit calls write,
# tests/web/test_audit_page.py checks), as the filter offers them: the code is the value.
OBJECT_TYPES: dict[str, str] = {
    "audit_log": _("audit log"),
    "contact": _("contact"),
    "custody": _("prisoners we hold"),
    "debriefing": _("debriefing"),
    "debriefing_form": _("debriefing form"),
    "debriefings": _("debriefings"),
    "evidence_file": _("evidence file"),
    "evidence_files": _("evidence files"),
    "exchange": _("exchange"),
    "exchanges": _("exchanges"),
    "extract": _("register extract"),
    "family_code": _("family access code"),
    "file": _("uploaded list"),
    "import": _("import"),
    "incident": _("incident"),
    "incidents": _("incidents"),
    "intake": _("intake"),
    "link_proposal": _("proposed match"),
    "mention": _("mention in a debriefing"),
    "mention_queue": _("open mentions"),
    "merge": _("merge"),
    "notification_batch": _("notification batch"),
    "outbox": _("message to a family"),
    "perpetrator": _("alleged perpetrator"),
    "perpetrators": _("alleged perpetrators"),
    "person": _("a person's record"),
    "place": _("place"),
    "report": _("report"),
    "request": _("request"),
    "review_queue": _("review queue"),
    "search": _("search"),
    "user": _("user"),
}


# The words for the keys of entries' details, translated in the page.
DETAIL_WORDS: dict[str, str] = {
    # the kinds of object an entry is about
    "person": _("person no."),
    "family_code": _("family access code"),
    "extract": _("register extract"),
    "link_proposal": _("proposed match"),
    "review_queue": _("review queue"),
    "outbox": _("message to a family"),
    "notification_batch": _("notification batch"),
    "custody": _("prisoners we hold"),
    "user": _("user"),
    "import": _("import"),
    "report": _("report"),
    "contact": _("contact"),
    "request": _("request"),
    "audit_log": _("audit log"),
    "merge": _("merge"),
    "proposal": _("proposal"),
    "intake": _("intake"),
    "search": _("search"),
    "debriefing": _("debriefing"),
    "mention": _("mention in a debriefing"),
    "mention_queue": _("open mentions"),
    "place": _("place"),
    "incident": _("incident"),
    "incidents": _("incidents"),
    "exchange": _("exchange"),
    "exchanges": _("exchanges"),
    "debriefings": _("debriefings"),
    "debriefing_form": _("debriefing form"),
    "evidence_files": _("evidence files"),
    "evidence_file": _("evidence file"),
    "perpetrator": _("alleged perpetrator"),
    # the keys of details
    "acts": _("acts"),
    "tables": _("tables"),
    "candidates": _("candidates"),
    "returnee": _("returnee"),
    "lang": _("language"),
    "public": _("for publication"),
    "act_id": _("act"),
    "mention_id": _("mention in a debriefing"),
    "debriefing_id": _("debriefing"),
    "act_type": _("act type"),
    "victims": _("victims"),
    "perpetrators": _("alleged perpetrators"),
    "sources": _("sources"),
    "size": _("size in bytes"),
    "incident_id": _("incident"),
    "restricted": _("restricted"),
    "checked": _("checked"),
    "changed": _("changed"),
    "missing": _("missing"),
    "unrecorded": _("in the store, in no record"),
    "to": _("written to"),
    "files": _("files"),
    "absorbed": _("absorbed person"),
    "decision": _("decision"),
    "mentions": _("mentions"),
    "witness_person_id": _("witness"),
    "absorbed_id": _("absorbed person"),
    "action": _("action"),
    "automatic": _("linked automatically"),
    "breaks": _("breaks"),
    "channel": _("channel"),
    "clocks": _("clocks"),
    "consent_contact": _("may be contacted"),
    "consent_share": _("may share data"),
    "contacts": _("contacts"),
    "count": _("count"),
    "events": _("events"),
    "evidence": _("evidence"),
    "evidence_id": _("evidence"),
    "fields": _("fields"),
    "figures": _("figures"),
    "file": _("file"),
    "file_name": _("file"),
    "filters": _("filters"),
    "format": _("format"),
    "found": _("found"),
    "header_found": _("header found"),
    "imported_before": _("imported before"),
    "intact": _("intact"),
    "kind": _("kind"),
    "late": _("late"),
    "limit": _("limit"),
    "list_date": _("date of the list"),
    "medical": _("medical"),
    "merge_id": _("merge"),
    "new_person": _("new person"),
    "new_persons": _("new persons"),
    "object_id": _("object"),
    "object_type": _("object type"),
    "offset": _("from"),
    "on": _("date"),
    "other_person_id": _("other person"),
    "outcome": _("outcome"),
    "page": _("page"),
    "part": _("part"),
    "person_id": _("person"),
    "persons": _("persons"),
    "profile": _("profile"),
    "proposal_id": _("proposal"),
    "proposals": _("proposals"),
    "purpose": _("purpose"),
    "q": _("query"),
    "query": _("query"),
    "read": _("version read"),
    "reason": _("reason"),
    "rejected": _("rejected"),
    "relation": _("relation"),
    "report_id": _("report"),
    "reports": _("reports"),
    "review": _("to review"),
    "role": _("role"),
    "rows_read": _("rows read"),
    "selection": _("selection"),
    "sent_on": _("sent on"),
    "sessions": _("sessions"),
    "sha256": _("SHA-256"),
    "shown": _("shown"),
    "side": _("side"),
    "since": _("since"),
    "source": _("source"),
    "special": _("special-category data"),
    "statistics": _("statistics"),
    "status": _("status"),
    "surname": _("surname"),
    "survivor": _("surviving person"),
    "survivor_id": _("surviving person"),
    "until": _("until"),
    "valid": _("valid rows"),
    "verified": _("entries verified"),
    "version": _("version"),
    "vetoed": _("vetoed"),
}


@dataclass(frozen=True)
class AuditQuery:
    """Which entries: every filter given must hold; pages count from 1."""

    user: str = ""
    action: str = ""
    object_type: str = ""
    object_id: str = ""
    page: int = 1
    per_page: int = PAGE_SIZE
    since: str = ""  # a typed date: the first day, or month, or year the entries are from
    until: str = ""  # … and the last

    def __post_init__(self) -> None:
        if self.action and self.action not in ACTION_LABELS:
            raise InvalidInput(
                "action", "%(action)s is not an action of the audit log", action=repr(self.action)
            )
        if self.page < 1:
            raise InvalidInput("page", _("pages count from 1"))
        if not 1 <= self.per_page <= MAX_PAGE_SIZE:
            raise InvalidInput("per_page", "from 1 to %(n)s", n=MAX_PAGE_SIZE)
        self.period()  # a date that cannot be read is named now
        for name in ("user", "action", "object_type", "object_id"):
            value = getattr(self, name)
            if len(value) > 100:
                raise InvalidInput(name, _("at most 100 characters"))
            if "\x00" in value:  # PostgreSQL cannot even compare it
                raise InvalidInput(name, _("contains a NUL character"))

    def filters(self) -> dict[str, str]:
        given = {
            "user": self.user,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "since": self.since,
            "until": self.until,
        }
        return {name: value for name, value in given.items() if value}

    def period(self) -> tuple[datetime | None, datetime | None]:
        """From the first moment of `since` to the end of `until` (UTC days)."""
        first = day_bound(self.since, field="since", last=False)
        last = day_bound(self.until, field="until", last=True)
        return (
            datetime.combine(first, time.min, UTC) if first else None,
            datetime.combine(last + timedelta(days=1), time.min, UTC) if last else None,
        )

    def selection(self) -> dict[str, Any]:
        since, until = self.period()
        return {
            "username": self.user or None,
            "action": self.action or None,
            "object_type": self.object_type or None,
            "object_id": self.object_id or None,
            "since": since,
            "until": until,
        }


@dataclass(frozen=True)
class AuditRow:
    seq: int
    at: datetime
    username: str
    role: str | None
    action: str
    object_type: str | None
    object_id: str | None
    client: str | None
    detail: dict[str, Any]

    @classmethod
    def of(cls, entry: AuditEntry) -> AuditRow:
        return cls(
            entry.seq,
            entry.at,
            entry.username,
            entry.role,
            entry.action,
            entry.object_type,
            entry.object_id,
            entry.client,
            dict(entry.detail or {}),
        )


@dataclass(frozen=True)
class AuditPage:
    rows: list[AuditRow]
    total: int
    query: AuditQuery
    users: list[str]

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.query.per_page))


def read_log(session: Session, actor: Actor, query: AuditQuery) -> AuditPage:
    """One page of the log, newest first; the reading is logged before it is read, so the
    reader sees their own entry at the top."""
    actor.require(Permission.AUDIT)
    audit.log(
        session,
        actor,
        AuditAction.VIEW_AUDIT,
        object_type="audit_log",
        detail={**query.filters(), "page": query.page},
    )
    entries, total = audit.entries(
        session,
        **query.selection(),
        limit=query.per_page,
        offset=(query.page - 1) * query.per_page,
    )
    users = [user.username for user in list_users(session)]
    return AuditPage([AuditRow.of(e) for e in entries], total, query, users)


EXPORT_LIMIT = 100_000  # entries in one export: narrow the filters for more
EXPORT_COLUMNS = ("seq", "at", "username", "role", "action", "object_type", "object_id",
                  "client", "detail", "hash")  # fmt: skip


def export_log(session: Session, actor: Actor, query: AuditQuery) -> str:
    """The entries the filters select, oldest first, as CSV (cells guarded against formulas);
    the export is itself an entry of the log, written before the rows are read."""
    actor.require(Permission.AUDIT)
    audit.log(
        session,
        actor,
        AuditAction.EXPORT,
        object_type="audit_log",
        detail={**query.filters(), "format": "csv"},
    )
    entries, total = audit.entries(session, **query.selection(), limit=EXPORT_LIMIT)
    if total > EXPORT_LIMIT:
        raise InvalidInput(
            "since",
            "%(total)s entries match, more than %(most)s an export may hold: narrow the filters",
            total=total,
            most=EXPORT_LIMIT,
        )
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(EXPORT_COLUMNS)
    for entry in reversed(entries):
        values = [
            entry.seq, entry.at.isoformat(timespec="seconds"), entry.username, entry.role,
            entry.action, entry.object_type, entry.object_id, entry.client,
            json.dumps(entry.detail, ensure_ascii=False, sort_keys=True), entry.hash,
        ]  # fmt: skip
        writer.writerow([guard("" if v is None else str(v)) for v in values])
    return out.getvalue()


def verify_log(session: Session, actor: Actor) -> Verification:
    """Walk the whole hash chain (slow on a long log: its own page and button)."""
    actor.require(Permission.AUDIT)
    result = audit.verify(session)
    audit.log(
        session,
        actor,
        AuditAction.VIEW_AUDIT,
        object_type="audit_log",
        detail={"verified": result.rows, "intact": result.intact, "breaks": len(result.breaks)},
    )
    return result
