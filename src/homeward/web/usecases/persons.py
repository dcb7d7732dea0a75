"""Persons: search, the dossier, evidence, edits, merges. Each function checks the caller's
permission, calls the register's service and writes the audit entry, in the request's
transaction; the page and its API route call the same function."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from homeward.access import audit
from homeward.access.actor import Actor
from homeward.access.audit import AuditAction
from homeward.access.roles import Permission, allows
from homeward.errors import Conflict, InvalidInput
from homeward.exchanges import returnees
from homeward.exchanges import service as exchange_service
from homeward.exchanges.models import Hold
from homeward.imports.mapping import recognise
from homeward.linkage import merge as merging
from homeward.linkage.models import Merge
from homeward.registry import evidence as evidence_service
from homeward.registry import service
from homeward.registry.dossier import CONTACT_FIELDS, Dossier, person_dossier
from homeward.registry.models import Evidence, Person
from homeward.registry.schemas import EDITABLE_FIELDS, EvidenceIn, NameIn, SourceIn, validated
from homeward.registry.search import SearchFilters, SearchPage, search_persons
from homeward.registry.vocab import Side, Status

PERSON = "person"


# --- search --------------------------------------------------------------------------------


def search(
    session: Session,
    actor: Actor,
    query: str,
    filters: SearchFilters,
    *,
    page: int = 1,
    per_page: int = 20,
) -> SearchPage:
    """One page of persons; the query, the filters and the count go to the audit log."""
    actor.require(Permission.READ)
    found = search_persons(session, query, filters, page=page, per_page=per_page)
    audit.log(
        session,
        actor,
        AuditAction.SEARCH,
        detail={
            "query": " ".join(query.split()),
            "filters": shown_filters(filters),
            "page": page,
            "count": found.total,
        },
    )
    return found


def shown_filters(filters: SearchFilters) -> dict[str, Any]:
    return {
        key: value
        for key, value in dataclasses.asdict(filters).items()
        if value not in (None, "") and (key, value) != ("order", "number")
    }


# --- the person page -----------------------------------------------------------------------


@dataclass(frozen=True)
class PersonView:
    """A dossier as the caller may see it: contacts only for a role that reads them."""

    dossier: Dossier
    merges: list[Merge]
    contacts_visible: bool

    @property
    def person(self) -> Person:
        return self.dossier.person

    def to_json(self, lang: str) -> dict[str, Any]:
        data = self.dossier.to_json(lang)
        data["contacts_hidden"] = not self.contacts_visible
        data["merges"] = [merge_json(m) for m in self.merges]
        return data


def merge_json(merge: Merge) -> dict[str, Any]:
    return {
        "id": merge.id,
        "survivor_id": merge.survivor_id,
        "absorbed_id": merge.absorbed_id,
        "at": merge.at.isoformat(),
        "actor": merge.actor,
        "reason": merge.reason,
        "undone_at": merge.undone_at.isoformat() if merge.undone_at else None,
        "undone_by": merge.undone_by,
        "undo_reason": merge.undo_reason,
    }


def view_person(
    session: Session,
    actor: Actor,
    person_id: int,
    *,
    incommunicado_days: int = 90,
    purpose: str | None = None,
) -> PersonView:
    """Everything the register holds about a person that the caller's role may read."""
    actor.require(Permission.READ)
    dossier = person_dossier(
        session, person_id, as_of=date.today(), incommunicado_days=incommunicado_days
    )
    contacts_visible = allows(actor.role, Permission.CONTACTS_READ)
    if not contacts_visible:
        dossier = dossier.without_contact_data(names_a_person_fact)
    detail: dict[str, Any] = {"contacts": contacts_visible}
    if purpose:
        detail["purpose"] = purpose
    audit.log(
        session,
        actor,
        AuditAction.VIEW_PERSON,
        object_type=PERSON,
        object_id=person_id,
        detail=detail,
    )
    return PersonView(dossier, merging.merges_of(session, person_id), contacts_visible)


def returnee_of(session: Session, actor: Actor, view: PersonView) -> dict[str, Any] | None:
    """For one of ours who came back: his checklist, time in captivity and back pay, as his
    returnee page shows them (`exchanges.returnees.returnee`, its read audited); None for
    anyone else, and for a merged record."""
    person = view.person
    if (
        person.merged_into_id is not None
        or person.side != Side.OWN.value
        or view.dossier.status.status is not Status.RETURNED
    ):
        return None
    try:
        return returnees.returnee(session, actor=actor, person_id=person.id)
    except InvalidInput:  # returned by status, but no return recorded as evidence
        return None


def holds_of(session: Session, actor: Actor, view: PersonView) -> list[Hold] | None:
    """For a prisoner we hold, shown to a role that prepares exchanges (a negotiator does not
    read the custody file, where the custodians see them): his holds from exchanges, the read
    audited (`exchanges.service.read_holds`); None for anyone else, and for a merged record."""
    person = view.person
    if (
        not allows(actor.role, Permission.EXCHANGES)
        or person.merged_into_id is not None
        or person.side != Side.ADVERSARY.value
    ):
        return None
    return exchange_service.read_holds(session, actor=actor, person_id=person.id)


def holdable(view: PersonView) -> bool:
    """Whether the page offers the form that holds him back from exchanges: exactly when
    `exchanges.service.hold` would accept it."""
    return exchange_service.holdable(view.person)


def names_a_person_fact(header: str) -> bool:
    """Whether a list's column is one the import reads as a fact about the person (a name, a
    date, a unit), not contact data and not a column nobody named."""
    field = recognise(header)
    return field is not None and field not in CONTACT_FIELDS


class MergedRecord(Conflict):
    """The record was merged into another person; changes go there."""


def _not_merged(session: Session, person_id: int) -> None:
    """A merged record takes no more changes: they belong to the person it was merged into."""
    merged_into = service.get_person(session, person_id).merged_into_id
    if merged_into is not None:
        raise MergedRecord(
            "person %(person_id)s was merged into person %(merged_into)s: record it there",
            person_id=person_id,
            merged_into=merged_into,
        )


# --- evidence ------------------------------------------------------------------------------


@dataclass(frozen=True)
class AddedEvidence:
    evidence: Evidence
    person: Person  # with its status derived again


def add_evidence(
    session: Session,
    actor: Actor,
    person_id: int,
    data: dict[str, Any],
    *,
    incommunicado_days: int = 90,
) -> AddedEvidence:
    """Record evidence from raw input (a form or a JSON body); the status follows at once."""
    actor.require(Permission.EVIDENCE)
    _not_merged(session, person_id)
    if not str(data.get("on") or "").strip():
        raise InvalidInput("on", "give the date: a day, a month or a year")
    evidence = validated(EvidenceIn, data)
    row = evidence_service.add_evidence(
        session,
        actor=actor,
        person_id=person_id,
        evidence=evidence,
        incommunicado_days=incommunicado_days,
    )
    audit.log(
        session,
        actor,
        AuditAction.ADD_EVIDENCE,
        object_type=PERSON,
        object_id=person_id,
        detail={"evidence_id": row.id, "kind": row.kind, "on": row.on.iso()},
    )
    return AddedEvidence(row, service.get_person(session, person_id))


def add_spelling(session: Session, actor: Actor, person_id: int, data: dict[str, Any]) -> None:
    """Another spelling of the person's name, as a source wrote it (a misspelled one stays:
    this one is added beside it, with its source). Audited."""
    actor.require(Permission.INTAKE)
    _not_merged(session, person_id)
    name = validated(NameIn, {k: data.get(k) for k in ("surname", "given_name", "patronymic")})
    source = None
    if str(data.get("source_name") or "").strip():
        source = validated(
            SourceIn, {"kind": data.get("source_kind") or "document", "name": data["source_name"]}
        )
    row = service.add_name(session, actor=actor, person_id=person_id, name=name, source=source)
    audit.log(
        session,
        actor,
        AuditAction.ADD_NAME,
        object_type=PERSON,
        object_id=person_id,
        detail={"surname": row.surname, "source": source.name if source else None},
    )


# --- edits ---------------------------------------------------------------------------------


def edit_form(session: Session, actor: Actor, person_id: int) -> Person:
    """The person's current values and version, for the edit form."""
    actor.require(Permission.INTAKE)
    person = service.get_person(session, person_id)
    audit.log(
        session,
        actor,
        AuditAction.VIEW_PERSON,
        object_type=PERSON,
        object_id=person_id,
        detail={"purpose": "edit"},
    )
    return person


def edit_person(
    session: Session,
    actor: Actor,
    person_id: int,
    *,
    version: int,
    changes: dict[str, Any],
    reason: str,
) -> Person:
    """Change some fields of the version the caller read; a newer version is a `Conflict`
    (nothing is written), never overwritten."""
    actor.require(Permission.INTAKE)
    unknown = sorted(set(changes) - EDITABLE_FIELDS)
    if unknown:
        raise InvalidInput(unknown[0], "cannot be edited (names are added as variants)")
    _not_merged(session, person_id)
    before = _stored_values(service.get_person(session, person_id), changes)
    person = service.edit_person(
        session,
        actor=actor,
        person_id=person_id,
        expected_version=version,
        changes=changes,
        reason=reason,
    )
    audit.log(
        session,
        actor,
        AuditAction.EDIT_PERSON,
        object_type=PERSON,
        object_id=person_id,
        detail={
            "fields": sorted(f for f, v in before.items() if _stored_values(person, [f])[f] != v),
            "read": version,
            "version": person.version,
        },
    )
    return person


def _stored_values(person: Person, fields: Iterable[str]) -> dict[str, Any]:
    """The fields' values as stored (a date with its precision), to tell what an edit changed."""
    return {f: (getattr(person, f), getattr(person, f"{f}_precision", None)) for f in fields}


# --- merges --------------------------------------------------------------------------------


@dataclass(frozen=True)
class MergePreview:
    survivor: Person
    absorbed: Person


def merge_preview(
    session: Session, actor: Actor, survivor_id: int, absorbed_id: int
) -> MergePreview:
    """The two persons side by side before a merge (both views are audited)."""
    actor.require(Permission.REVIEW)
    if survivor_id == absorbed_id:
        raise InvalidInput("other", "a person cannot be merged into itself")
    survivor = service.get_person(session, survivor_id)
    absorbed = service.get_person(session, absorbed_id)
    for person_id in (survivor_id, absorbed_id):
        audit.log(
            session,
            actor,
            AuditAction.VIEW_PERSON,
            object_type=PERSON,
            object_id=person_id,
            detail={"purpose": "merge preview"},
        )
    return MergePreview(survivor, absorbed)


def merge(session: Session, actor: Actor, survivor_id: int, absorbed_id: int, reason: str) -> Merge:
    """Merge `absorbed_id` into `survivor_id`; it can be undone."""
    actor.require(Permission.REVIEW)
    record = merging.merge_persons(
        session, actor=actor, survivor_id=survivor_id, absorbed_id=absorbed_id, reason=reason
    )
    audit.log(
        session,
        actor,
        AuditAction.MERGE,
        object_type=PERSON,
        object_id=survivor_id,
        detail={"merge_id": record.id, "absorbed": absorbed_id, "reason": reason},
    )
    return record


def unmerge(session: Session, actor: Actor, merge_id: int, reason: str) -> Merge:
    """Undo a merge: both persons are as they were before it."""
    actor.require(Permission.REVIEW)
    record = merging.unmerge(session, actor=actor, merge_id=merge_id, reason=reason)
    audit.log(
        session,
        actor,
        AuditAction.UNMERGE,
        object_type="merge",
        object_id=merge_id,
        detail={"survivor": record.survivor_id, "absorbed": record.absorbed_id, "reason": reason},
    )
    return record
