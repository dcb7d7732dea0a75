"""Evidence files: adding one to an incident, a person or a debriefing, opening it, its chain
of custody and the check of the whole store. The bytes are in the `FileStore`; the rows say
what they are and to what they belong; the audit log says who added, viewed and exported
each (object_type "evidence_file"): that is its chain of custody.

Footage of captives (GC III Art. 13) is restricted: a file marked so, or attached to an incident
with an act whose type says so (`act_types.toml`), opens only for roles with FILES_RESTRICTED
and never leaves in an export.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from homeward.access import audit
from homeward.access.actor import Actor
from homeward.access.audit import AuditAction
from homeward.access.models import AuditEntry
from homeward.access.roles import Forbidden, Permission, allows
from homeward.errors import InvalidInput, NotFound
from homeward.families.service import merged_into, surviving_person
from homeward.testimonies.models import Debriefing
from homeward.text import NOTE_MAX, checked_text
from homeward.violations.models import Act, EvidenceFile, Incident
from homeward.violations.store import FileStore, checked_sha256
from homeward.violations.vocab import act_types

OBJECT = "evidence_file"


def _(message: str) -> str:
    """Marks a message for the catalogue; the page that shows it translates it."""
    return message


NO_TARGET = _("a file belongs to an incident, a person or a debriefing: name one")


@dataclass(frozen=True)
class FileIn:
    file_name: str
    incident_id: int | None = None
    person_id: int | None = None
    debriefing_id: int | None = None
    restricted: bool = False
    description: str | None = None
    claimed_sha256: str | None = None
    expected_size: int | None = None


def _restricted_by_acts(session: Session, incident_id: int | None) -> bool:
    if incident_id is None:
        return False
    restricted = [code for code, kind in act_types().items() if kind.restricted_files]
    found = session.scalar(
        select(Act.id).where(Act.incident_id == incident_id, Act.act_type.in_(restricted)).limit(1)
    )
    return found is not None


def _require_adding(actor: Actor, given: FileIn) -> None:
    """An investigator adds files; a debriefing's own (its recording, a drawing the witness
    made) also whoever records debriefings."""
    if given.incident_id is None and given.person_id is None and given.debriefing_id is not None:
        actor.require(Permission.TESTIMONIES)
        if not allows(actor.role, Permission.INTAKE):
            actor.require(Permission.INCIDENTS)
        return
    actor.require(Permission.INCIDENTS)


def _target(session: Session, given: FileIn) -> int | None:
    if given.incident_id is None and given.person_id is None and given.debriefing_id is None:
        raise InvalidInput("file", NO_TARGET)
    if given.debriefing_id is not None and session.get(Debriefing, given.debriefing_id) is None:
        raise NotFound(
            "there is no debriefing %(debriefing_id)s", debriefing_id=given.debriefing_id
        )
    if given.incident_id is not None and session.get(Incident, given.incident_id) is None:
        raise NotFound("there is no incident %(incident_id)s", incident_id=given.incident_id)
    if given.person_id is None:
        return None
    return surviving_person(session, given.person_id).id


def add_file(
    session: Session,
    *,
    actor: Actor,
    store: FileStore,
    chunks: Iterable[bytes],
    given: FileIn,
    max_bytes: int,
) -> EvidenceFile:
    """Stream a file into the store and record it; everything is checked first, and a refused
    or broken upload leaves neither a file nor a row."""
    _require_adding(actor, given)
    person_id = _target(session, given)
    name = checked_text("file_name", given.file_name, limit=200, required=True)
    description = checked_text("description", given.description, limit=NOTE_MAX) or None
    claimed = checked_sha256(given.claimed_sha256)
    stored = store.put(
        chunks, max_bytes=max_bytes, claimed_sha256=claimed, expected_size=given.expected_size
    )
    try:
        return _record(session, actor, stored.sha256, stored.size, name, description,
                       given, person_id)  # fmt: skip
    except Exception:
        store.discard_new(stored)  # a file with no record is no evidence: leave none
        raise


def _record(
    session: Session,
    actor: Actor,
    sha256: str,
    size: int,
    name: str,
    description: str | None,
    given: FileIn,
    person_id: int | None,
) -> EvidenceFile:
    row = EvidenceFile(
        sha256=sha256,
        size=size,
        file_name=name,
        media_type=mimetypes.guess_type(name)[0] or "application/octet-stream",
        description=description,
        incident_id=given.incident_id,
        person_id=person_id,
        debriefing_id=given.debriefing_id,
        restricted=given.restricted or _restricted_by_acts(session, given.incident_id),
        added_by=actor.name,
    )
    session.add(row)
    session.flush()
    audit.log(
        session,
        actor,
        AuditAction.FILE_ADD,
        object_type=OBJECT,
        object_id=row.id,
        detail={
            "sha256": row.sha256,
            "size": row.size,
            "file_name": row.file_name,
            "incident_id": row.incident_id,
            "person_id": row.person_id,
            "debriefing_id": row.debriefing_id,
            "restricted": row.restricted,
        },
    )
    return row


def _may_open(actor: Actor, row: EvidenceFile) -> None:
    actor.require(Permission.FILES)
    if row.restricted:
        actor.require(Permission.FILES_RESTRICTED)


def may_open(actor: Actor, row: EvidenceFile) -> bool:
    try:
        _may_open(actor, row)
    except Forbidden:
        return False
    return True


def get_file(session: Session, file_id: int) -> EvidenceFile:
    row = session.get(EvidenceFile, file_id)
    if row is None:
        raise NotFound("there is no evidence file %(file_id)s", file_id=file_id)
    return row


def view_file(
    session: Session, *, actor: Actor, store: FileStore, file_id: int
) -> tuple[EvidenceFile, Path]:
    """The file's row and where its bytes are, for the caller to stream; each view is a link
    of its chain of custody."""
    row = get_file(session, file_id)
    _may_open(actor, row)
    path = store.path_of(row.sha256)
    if not path.is_file():
        raise NotFound("the stored bytes of file %(file_id)s are missing", file_id=file_id)
    audit.log(session, actor, AuditAction.FILE_VIEW, object_type=OBJECT, object_id=row.id,
              detail={"sha256": row.sha256})  # fmt: skip
    return row, path


def export_file(
    session: Session, *, actor: Actor, store: FileStore, file_id: int, out: Path
) -> EvidenceFile:
    """A copy of the file's bytes for whoever receives them (a prosecutor, a monitor);
    restricted footage never leaves."""
    row = get_file(session, file_id)
    _may_open(actor, row)
    actor.require(Permission.INCIDENTS_READ)
    if row.restricted:
        raise InvalidInput("file", RESTRICTED_STAYS, file_id=file_id)
    with store.open(row.sha256) as stored, out.open("xb") as copy:
        while chunk := stored.read(1024 * 1024):
            copy.write(chunk)
    audit.log(session, actor, AuditAction.FILE_EXPORT, object_type=OBJECT, object_id=row.id,
              detail={"sha256": row.sha256, "to": out.name})  # fmt: skip
    return row


RESTRICTED_STAYS = _(
    "file %(file_id)s shows captives (GC III Art. 13): it is restricted and is never exported"
)


def files_of(
    session: Session,
    *,
    actor: Actor,
    incident_id: int | None = None,
    person_id: int | None = None,
    debriefing_id: int | None = None,
) -> list[EvidenceFile]:
    """The files of an incident, a person or a debriefing that the actor may open."""
    actor.require(Permission.FILES)
    query = select(EvidenceFile).order_by(EvidenceFile.id)
    if incident_id is not None:
        query = query.where(EvidenceFile.incident_id == incident_id)
    if person_id is not None:
        query = query.where(EvidenceFile.person_id.in_(merged_into(session, person_id)))
    if debriefing_id is not None:
        query = query.where(EvidenceFile.debriefing_id == debriefing_id)
    return [row for row in session.scalars(query) if may_open(actor, row)]


def custody_log(session: Session, *, actor: Actor, file_id: int) -> list[AuditEntry]:
    """Who added, viewed and exported the file, and when: oldest first. An entry belongs to
    this file by its number, its time (not before the file was added) and the hash it names,
    so that no entry of another record ever joins its chain."""
    row = get_file(session, file_id)
    _may_open(actor, row)
    entries, _total = audit.entries(
        session, object_type=OBJECT, object_id=str(row.id), since=row.added_at, limit=None
    )
    return sorted(
        (entry for entry in entries if (entry.detail or {}).get("sha256") == row.sha256),
        key=lambda entry: entry.seq,
    )


@dataclass(frozen=True)
class StoreCheck:
    checked: int
    changed: list[tuple[str, list[int]]]  # (recorded hash, the files' numbers)
    missing: list[tuple[str, list[int]]]
    unrecorded: list[str] = field(default_factory=list)  # in the store, in no record: said, kept

    @property
    def intact(self) -> bool:
        return not self.changed and not self.missing


def verify_files(session: Session, *, actor: Actor, store: FileStore) -> StoreCheck:
    """Re-hash every recorded file; name those whose bytes changed or went missing."""
    actor.require(Permission.FILES)
    by_hash: dict[str, list[int]] = {}
    for file_id, sha256 in session.execute(
        select(EvidenceFile.id, EvidenceFile.sha256).order_by(EvidenceFile.id)
    ):
        by_hash.setdefault(sha256, []).append(file_id)
    changed, missing = [], []
    for sha256, ids in by_hash.items():
        actual = store.rehash(sha256)
        if actual is None:
            missing.append((sha256, ids))
        elif actual != sha256:
            changed.append((sha256, ids))
    unrecorded = [sha256 for sha256 in store.held() if sha256 not in by_hash]
    result = StoreCheck(len(by_hash), changed, missing, unrecorded)
    audit.log(
        session,
        actor,
        AuditAction.FILES_VERIFY,
        object_type="evidence_files",
        detail={
            "checked": result.checked,
            "changed": [ids for _sha, ids in changed],
            "missing": [ids for _sha, ids in missing],
            "unrecorded": len(unrecorded),
        },
    )
    return result
