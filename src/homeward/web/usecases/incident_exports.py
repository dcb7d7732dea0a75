"""Incidents leaving the register: the list as CSV or XLSX, and one incident's case file as
PDF, for prosecutors and monitors. Audited; restricted files are never named."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from homeward.access import audit
from homeward.access.actor import Actor
from homeward.access.audit import AuditAction
from homeward.errors import InvalidInput
from homeward.violations import exports, service
from homeward.violations.schemas import IncidentFilters
from homeward.violations.views import victim_names
from homeward.web.usecases.exports import XLSX_TYPE

EXPORT_MOST = 10_000  # incidents in one export from the web


@dataclass(frozen=True)
class ExportFile:
    name: str
    media_type: str
    content: bytes
    count: int


def export_incidents(
    session: Session, actor: Actor, filters: IncidentFilters, *, file_format: str, lang: str = "en"
) -> ExportFile:
    if file_format not in ("csv", "xlsx"):
        raise InvalidInput("format", "%(value)s is not one of %(known)s",
                           value=repr(file_format[:20]), known="csv, xlsx")  # fmt: skip
    chosen = IncidentFilters(
        filters.act_type, filters.place_id, filters.since, filters.until, filters.victim_id,
        EXPORT_MOST,
    )  # fmt: skip
    found = service.find_incidents(session, actor=actor, filters=chosen, audited=False)
    names = victim_names(session, found)
    files = exports.public_files(session, [incident.id for incident in found])
    content, count = exports.write_incidents(
        exports.act_rows(found, names, files, lang=lang), file_format=file_format
    )
    audit.log(
        session,
        actor,
        AuditAction.EXPORT,
        object_type="incidents",
        detail={"format": file_format, "incidents": [i.id for i in found], "acts": count},
    )
    media = XLSX_TYPE if file_format == "xlsx" else "text/csv; charset=utf-8"
    return ExportFile(f"incidents-{date.today():%Y%m%d}.{file_format}", media, content, count)


def case_file(session: Session, actor: Actor, incident_id: int, *, lang: str) -> bytes:
    if lang not in ("uk", "en"):
        raise InvalidInput("lang", "is not one of: uk, en")
    incident = service.get_incident(session, actor=actor, incident_id=incident_id)
    names = victim_names(session, [incident])
    files = exports.public_files(session, [incident.id]).get(incident.id, [])
    pdf = exports.case_file_pdf(incident, names, files, lang=lang)
    audit.log(
        session,
        actor,
        AuditAction.EXPORT,
        object_type="incident",
        object_id=incident.id,
        detail={"format": "pdf", "files": [row.id for row in files]},
    )
    return pdf
