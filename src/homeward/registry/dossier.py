"""Everything the register knows of one person, assembled for display (CLI, web, JSON)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from homeward.jsonable import jsonable
from homeward.registry.evidence import evidence_of, person_status
from homeward.registry.history import person_history
from homeward.registry.models import Contact, Evidence, Person, PersonHistory, Report, Source
from homeward.registry.service import get_person
from homeward.registry.sources import contacts_of, reports_of
from homeward.registry.status.explain import explain
from homeward.registry.status.rules import StatusResult

IDENTITY_FIELDS = (
    "side",
    "surname",
    "given_name",
    "patronymic",
    "sex",
    "birth_place",
    "citizenship",
    "service_status",
    "branch",
    "unit",
    "rank",
    "service_number",
    "missing_place",
    "father_name",
    "mother_maiden_name",
    "person_to_inform",
    "correspondence_address",
    "legal_status",
)


# Contact data: who to reach and where, wherever it is kept (GC III's person to inform and the
# address for correspondence, a relative's phone in an imported row). Shown only to roles that
# read contacts (`Permission.CONTACTS_READ`).
CONTACT_FIELDS = frozenset({"person_to_inform", "correspondence_address"})
HIDDEN = "(hidden)"


@dataclass(frozen=True)
class ReportView:
    """A report as a page shows it: a copy, so that hiding a value never touches the row."""

    id: int
    received_at: datetime
    source: Source
    origin_file: str | None
    origin_row: int | None
    payload: dict[str, Any]

    @classmethod
    def of(cls, report: Report) -> ReportView:
        return cls(
            report.id,
            report.received_at,
            report.source,
            report.origin_file,
            report.origin_row,
            dict(report.payload),
        )


@dataclass(frozen=True)
class HistoryView:
    """A history entry as a page shows it (a copy, as above)."""

    id: int
    at: datetime
    action: str
    actor: str
    channel: str
    reason: str | None
    changes: dict[str, Any]

    @classmethod
    def of(cls, entry: PersonHistory) -> HistoryView:
        return cls(
            entry.id,
            entry.at,
            entry.action,
            entry.actor,
            entry.channel,
            entry.reason,
            dict(entry.changes or {}),
        )


@dataclass(frozen=True)
class Dossier:
    person: Person
    status: StatusResult
    evidence: list[Evidence]
    reports: list[ReportView]
    contacts: list[Contact]
    history: list[HistoryView]
    hidden_fields: frozenset[str] = frozenset()

    def without_contact_data(self, is_person_fact: Callable[[str], bool]) -> Dossier:
        """The dossier for a role that does not read contacts: no contacts, no contact fields
        in the identity or in history, and of a report's row as written only the columns that
        `is_person_fact` recognises (a column named otherwise may hold a relative's phone)."""
        return dataclasses.replace(
            self,
            contacts=[],
            reports=[
                dataclasses.replace(r, payload=_payload_facts(r.payload, is_person_fact))
                for r in self.reports
            ],
            history=[
                dataclasses.replace(h, changes=_changes_without_contacts(h.changes))
                for h in self.history
            ],
            hidden_fields=CONTACT_FIELDS,
        )

    def explanation(self, lang: str = "en", *, contact: bool = True) -> str:
        """The status in words; without the days without contact when `contact` is false
        (the person's page says them in a warning of their own)."""
        return explain(self.status, "uk" if lang == "uk" else "en", contact=contact)

    def identity(self) -> dict[str, Any]:
        values = {
            field: HIDDEN if field in self.hidden_fields else getattr(self.person, field)
            for field in IDENTITY_FIELDS
        }
        values["birth_date"] = self.person.birth
        values["missing_date"] = self.person.missing
        return jsonable(values)  # type: ignore[no-any-return]

    def to_json(self, lang: str = "en") -> dict[str, Any]:
        person = self.person
        return {
            "id": person.id,
            "version": person.version,
            "merged_into": person.merged_into_id,
            "identity": self.identity(),
            "names": [
                {
                    "surname": n.surname,
                    "given_name": n.given_name,
                    "patronymic": n.patronymic,
                    "source": n.source.name if n.source else None,
                    "keys": [n.surname_key, n.given_key, n.patronymic_key],
                }
                for n in person.names
            ],
            "identifiers": [{"kind": i.kind, "value": i.value} for i in person.identifiers],
            "status": {
                "status": self.status.status.value,
                "since": jsonable(self.status.since),
                "rule": self.status.rule,
                "explanation": self.explanation(lang),
                "basis": [f.id for f in self.status.basis],
                "conflicts": [f.id for f in self.status.conflicts],
                "incommunicado": self.status.incommunicado,
                "days_without_contact": self.status.days_without_contact,
            },
            "evidence": [evidence_json(e, self.status) for e in self.evidence],
            "reports": [
                {
                    "id": r.id,
                    "source": r.source.name,
                    "received_at": r.received_at.isoformat(),
                    "payload": r.payload,
                }
                for r in self.reports
            ],
            "contacts": [
                {
                    "name": c.name,
                    "relation": c.relation,
                    "phone": c.phone,
                    "email": c.email,
                    "consent_contact": c.consent_contact,
                    "consent_share": c.consent_share,
                }
                for c in self.contacts
            ],
            "history": [history_json(h) for h in self.history],
        }


def evidence_json(row: Evidence, status: StatusResult) -> dict[str, Any]:
    ignored = {f.id for f in status.ignored}
    return {
        "id": row.id,
        "kind": row.kind,
        "on": row.on.iso(),
        "reliability": row.reliability,
        "place": row.place.name if row.place else None,
        "source": row.source.name if row.source else None,
        "note": row.note,
        "supersedes": row.supersedes_id,
        "in_force": row.id not in ignored,
        "recorded_by": row.recorded_by,
    }


def _payload_facts(
    payload: dict[str, Any], is_person_fact: Callable[[str], bool]
) -> dict[str, Any]:
    kept = {k: v for k, v in payload.items() if k not in CONTACT_FIELDS and k != "raw"}
    raw = payload.get("raw")
    if isinstance(raw, dict):
        kept["raw"] = {header: text for header, text in raw.items() if is_person_fact(header)}
    return kept


def _changes_without_contacts(changes: dict[str, Any]) -> dict[str, Any]:
    shown = {k: (HIDDEN if k in CONTACT_FIELDS else v) for k, v in changes.items()}
    fields = shown.get("fields")
    if isinstance(fields, dict):  # a contact's edit: which fields changed, not their values
        shown["fields"] = dict.fromkeys(fields, HIDDEN)
    person = shown.get("person")
    if isinstance(person, dict):
        shown["person"] = {k: v for k, v in person.items() if k not in CONTACT_FIELDS}
    return shown


def history_json(entry: HistoryView) -> dict[str, Any]:
    return {
        "at": entry.at.isoformat(),
        "action": entry.action,
        "actor": entry.actor,
        "channel": entry.channel,
        "reason": entry.reason,
        "changes": entry.changes,
    }


def person_dossier(
    session: Session, person_id: int, *, as_of: date, incommunicado_days: int = 90
) -> Dossier:
    person = get_person(session, person_id)
    return Dossier(
        person=person,
        status=person_status(session, person, as_of=as_of, incommunicado_days=incommunicado_days),
        evidence=evidence_of(session, person_id),
        reports=[ReportView.of(r) for r in reports_of(session, person_id)],
        contacts=contacts_of(session, person_id),
        history=[HistoryView.of(h) for h in person_history(session, person_id)],
    )
