"""Incidents as plain values: what the command line prints as JSON, the API answers, the
exports write and the case file prints. Alleged perpetrators are named as alleged."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from homeward.registry.models import Person
from homeward.violations.models import Act, EvidenceFile, Incident
from homeward.violations.service import act_period
from homeward.violations.vocab import act_types


def full_name(person: Person) -> str:
    return " ".join(p for p in (person.surname, person.given_name, person.patronymic) if p)


def victim_names(session: Session, incidents: Iterable[Incident]) -> dict[int, str]:
    ids = {v.person_id for i in incidents for a in i.acts for v in a.victims}
    if not ids:
        return {}
    rows = session.scalars(select(Person).where(Person.id.in_(ids)))
    return {person.id: full_name(person) for person in rows}


def act_json(act: Act, names: dict[int, str]) -> dict[str, Any]:
    since, until = act_period(act)
    kind = act_types().get(act.act_type)
    return {
        "id": act.id,
        "act_type": act.act_type,
        "act_type_label": kind.label if kind else act.act_type,
        "articles": kind.articles if kind else "",
        "place": act.place.name if act.place else None,
        "place_id": act.place_id,
        "occurred": since.iso() if since else None,
        "until": until.iso() if until else None,
        "note": act.note,
        "mention_id": act.mention_id,  # the debriefing's mention it was told in, if any
        "victims": [
            {"person_id": v.person_id, "name": names.get(v.person_id, "")} for v in act.victims
        ],
        "alleged_perpetrators": [
            {
                "id": link.perpetrator.id,
                "kind": link.perpetrator.kind,
                "name": link.perpetrator.name,
            }
            for link in act.perpetrators
        ],
        "sources": [
            {
                "source_id": link.source_id,
                "source": link.source.name,
                "source_kind": link.source.kind,
                "reliability": link.reliability,
                "credibility": link.credibility,
                "note": link.note,
            }
            for link in act.sources
        ],
    }


def incident_json(
    incident: Incident, names: dict[int, str], files: Iterable[EvidenceFile] = ()
) -> dict[str, Any]:
    return {
        "id": incident.id,
        "title": incident.title,
        "description": incident.description,
        "place": incident.place.name if incident.place else None,
        "recorded_at": incident.recorded_at.isoformat(),
        "recorded_by": incident.recorded_by,
        "acts": [act_json(act, names) for act in incident.acts],
        "files": [file_json(row) for row in files],
    }


def file_json(row: EvidenceFile) -> dict[str, Any]:
    return {
        "id": row.id,
        "sha256": row.sha256,
        "size": row.size,
        "file_name": row.file_name,
        "media_type": row.media_type,
        "incident_id": row.incident_id,
        "person_id": row.person_id,
        "debriefing_id": row.debriefing_id,
        "restricted": row.restricted,
        "added_at": row.added_at.isoformat(),
        "added_by": row.added_by,
    }
