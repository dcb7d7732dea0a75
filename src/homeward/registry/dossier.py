"""Everything the register knows of one person, assembled for display (CLI, web, JSON)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from homeward.jsonable import jsonable
from homeward.registry.evidence import evidence_of, person_status
from homeward.registry.history import person_history
from homeward.registry.models import Contact, Evidence, Person, PersonHistory, Report
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


@dataclass(frozen=True)
class Dossier:
    person: Person
    status: StatusResult
    evidence: list[Evidence]
    reports: list[Report]
    contacts: list[Contact]
    history: list[PersonHistory]

    def explanation(self, lang: str = "en") -> str:
        return explain(self.status, "uk" if lang == "uk" else "en")

    def identity(self) -> dict[str, Any]:
        values = {field: getattr(self.person, field) for field in IDENTITY_FIELDS}
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


def history_json(entry: PersonHistory) -> dict[str, Any]:
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
        reports=reports_of(session, person_id),
        contacts=contacts_of(session, person_id),
        history=person_history(session, person_id),
    )
