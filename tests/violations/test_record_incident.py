"""Recording an incident: acts with victims, alleged perpetrators, places, periods and
sources, all audited."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from homeward.access.models import AuditEntry
from homeward.access.roles import Forbidden
from homeward.i18n import catalogue
from homeward.linkage.merge import merge_persons
from homeward.violations import service
from homeward.violations.schemas import IncidentFilters, PerpetratorIn, SourceRef
from homeward.violations.vocab import act_types
from tests.violations.factories import (
    ANALYST,
    CONSOLE,
    INVESTIGATOR,
    OPERATOR,
    a_person,
    a_place,
    a_source,
    an_act,
    an_incident,
)


def test_an_incident_keeps_who_did_what_to_whom_where_when_on_which_sources(
    session: Session,
) -> None:
    victims = (a_person(session, "Шевчук"), a_person(session, "Бондар"))
    place, source = a_place(session), a_source(session)
    unit = service.record_perpetrator(
        session,
        actor=INVESTIGATOR,
        perpetrator=PerpetratorIn(kind="facility_staff", name="Admission staff", place_id=place),
    )
    incident = service.record_incident(
        session,
        actor=INVESTIGATOR,
        incident=an_incident(
            session,
            an_act(
                victims,
                "torture_electric_shock",
                perpetrators=(unit.id,),
                place_id=place,
                occurred="05.2023",
                until="08.2023",
                sources=(SourceRef(source, "high", "confirmed", "two witnesses"),),
            ),
            an_act((victims[0],), "starvation", occurred="2023"),
        ),
    )
    read = service.get_incident(session, actor=ANALYST, incident_id=incident.id)
    first, second = read.acts
    assert first.act_type == "torture_electric_shock"
    assert [v.person_id for v in first.victims] == list(victims)
    assert [p.perpetrator.name for p in first.perpetrators] == ["Admission staff"]
    assert (first.sources[0].reliability, first.sources[0].credibility) == ("high", "confirmed")
    assert service.act_period(first)[0] is not None
    assert str(service.act_period(first)[1]) == "2023-08"
    assert second.latest_on is not None and second.latest_on.isoformat() == "2023-12-31"
    actions = session.scalars(
        select(AuditEntry.action).where(
            AuditEntry.object_type == "incident", AuditEntry.object_id == str(incident.id)
        )
    ).all()
    assert "incident_record" in actions and "view_incident" in actions


def test_incidents_are_found_by_act_type_group_place_and_period(session: Session) -> None:
    victim, place = a_person(session), a_place(session, "ІК-10 Мордовія")
    torture = service.record_incident(
        session,
        actor=INVESTIGATOR,
        incident=an_incident(
            session, an_act((victim,), "torture_beating", place_id=place, occurred="03.2023")
        ),
    )
    care = service.record_incident(
        session,
        actor=INVESTIGATOR,
        incident=an_incident(session, an_act((victim,), "denial_of_medical_care", occurred="2024")),
    )

    def found(**filters: object) -> list[int]:
        chosen = IncidentFilters(**filters)  # type: ignore[arg-type]
        return [i.id for i in service.find_incidents(session, actor=ANALYST, filters=chosen)]

    assert found(act_type="torture") == [torture.id]
    assert found(act_type="denial_of_medical_care") == [care.id]
    assert found(place_id=place) == [torture.id]
    assert found(since="06.2024") == [care.id]  # "2024" may be any day of it
    assert found(until="12.2023") == [torture.id]
    assert found(since="2023", until="2024", victim_id=victim) == [care.id, torture.id]


def test_every_act_type_names_the_articles_it_breaches() -> None:
    types = act_types()
    for required in (
        "wilful_killing",
        "torture_beating",
        "torture_electric_shock",
        "torture_sexual_violence",
        "torture_other",
        "inhuman_treatment",
        "starvation",
        "denial_of_medical_care",
        "incommunicado_detention",
        "prosecution_for_lawful_combat",
        "public_curiosity",
        "forced_labour",
    ):
        assert types[required].articles.startswith("GC III Art.")
    assert [c for c, t in types.items() if t.restricted_files] == ["public_curiosity"]


def test_only_investigators_record_and_operators_do_not_read(session: Session) -> None:
    incident = an_incident(session)
    with pytest.raises(Forbidden):
        service.record_incident(session, actor=ANALYST, incident=incident)
    with pytest.raises(Forbidden):
        service.find_incidents(session, actor=OPERATOR, filters=IncidentFilters())


def test_every_act_type_is_named_in_ukrainian() -> None:
    uk = dict(catalogue("uk"))
    assert [t.label for t in act_types().values() if t.label not in uk] == []


def test_a_victim_merged_into_another_person_is_found_under_the_survivor(
    session: Session,
) -> None:
    survivor, absorbed = a_person(session, "Шевчук"), a_person(session, "Шевчукк")
    incident = service.record_incident(
        session, actor=INVESTIGATOR, incident=an_incident(session, an_act((absorbed,)))
    )
    merge_persons(
        session, actor=CONSOLE, survivor_id=survivor, absorbed_id=absorbed, reason="one man"
    )
    found = service.find_incidents(
        session, actor=ANALYST, filters=IncidentFilters(victim_id=survivor)
    )
    assert [i.id for i in found] == [incident.id]
    later = service.record_incident(
        session, actor=INVESTIGATOR, incident=an_incident(session, an_act((absorbed,)))
    )
    assert [v.person_id for v in later.acts[0].victims] == [survivor]
