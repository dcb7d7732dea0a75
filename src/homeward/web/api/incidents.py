"""Incidents through the API: the list with the pages' filters, and one incident with its acts,
victims, alleged perpetrators, sources and the files the caller may open (the same services
and audit entries as the pages and `homeward incident list --json`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, Field

from homeward.access.roles import Permission
from homeward.violations import files, service
from homeward.violations.schemas import IncidentFilters
from homeward.violations.views import incident_json, victim_names
from homeward.web.api.persons import MAX_ID, _errors
from homeward.web.deps import Caller, Db, needs

router = APIRouter(tags=["incidents"])

Reader = Annotated[Caller, needs(Permission.INCIDENTS_READ)]
IncidentId = Annotated[int, Path(ge=1, le=MAX_ID, description="the incident's number")]


class VictimOut(BaseModel):
    person_id: int
    name: str


class PerpetratorOut(BaseModel):
    id: int
    kind: str = Field(description="unit, facility_staff or individual")
    name: str


class ActSourceOut(BaseModel):
    source_id: int
    source: str
    source_kind: str
    reliability: str
    credibility: str
    note: str | None


class ActOut(BaseModel):
    id: int
    act_type: str
    act_type_label: str
    articles: str = Field(description="the articles of the Geneva Conventions it breaches")
    place: str | None
    place_id: int | None
    occurred: str | None = Field(description="a partial date: 2023, 2023-03 or 2023-03-12")
    until: str | None
    note: str | None
    mention_id: int | None = None  # the debriefing's mention it was told in, if any
    victims: list[VictimOut]
    alleged_perpetrators: list[PerpetratorOut]
    sources: list[ActSourceOut]


class FileOut(BaseModel):
    id: int
    sha256: str
    size: int
    file_name: str
    media_type: str
    incident_id: int | None
    person_id: int | None
    restricted: bool
    added_at: str
    added_by: str


class IncidentOut(BaseModel):
    id: int
    title: str
    description: str | None
    place: str | None
    recorded_at: str
    recorded_by: str
    acts: list[ActOut]
    files: list[FileOut]


@router.get("/incidents", response_model=list[IncidentOut], responses=_errors(401, 403, 422))
def incident_list(
    session: Db,
    caller: Reader,
    act_type: Annotated[
        str | None, Query(alias="type", max_length=40, description="an act type or torture")
    ] = None,
    place: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    since: Annotated[str | None, Query(max_length=50)] = None,
    until: Annotated[str | None, Query(max_length=50)] = None,
    victim: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="incidents skipped")] = 0,
) -> list[IncidentOut]:
    chosen = IncidentFilters(act_type, place, since, until, victim, limit, offset)
    found = service.find_incidents(session, actor=caller.actor, filters=chosen)
    names = victim_names(session, found)
    return [IncidentOut.model_validate(incident_json(i, names)) for i in found]


@router.get(
    "/incidents/{incident_id}", response_model=IncidentOut, responses=_errors(401, 403, 404)
)
def incident_show(session: Db, caller: Reader, incident_id: IncidentId) -> IncidentOut:
    found = service.get_incident(session, actor=caller.actor, incident_id=incident_id)
    shown = (
        files.files_of(session, actor=caller.actor, incident_id=found.id)
        if caller.can(Permission.FILES)
        else []
    )
    data = incident_json(found, victim_names(session, [found]), shown)
    return IncidentOut.model_validate(data)
