"""Bad input for incidents: a clear message naming the field, and nothing written."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from homeward.access.models import AuditEntry
from homeward.errors import InvalidInput
from homeward.violations import service
from homeward.violations.models import Act, ActVictim, Incident
from homeward.violations.schemas import IncidentIn, SourceRef
from tests.violations.factories import INVESTIGATOR, a_person, an_act, an_incident


def _counts(session: Session) -> tuple[int, ...]:
    return tuple(
        session.scalar(select(func.count()).select_from(model)) or 0
        for model in (Incident, Act, ActVictim, AuditEntry)
    )


def refused(session: Session, field: str, act: Callable[[], object]) -> str:
    before = _counts(session)
    with pytest.raises(InvalidInput) as error:
        act()
    assert error.value.field == field
    assert _counts(session) == before
    return str(error.value)


def _record(session: Session, incident: IncidentIn) -> Callable[[], object]:
    return lambda: service.record_incident(session, actor=INVESTIGATOR, incident=incident)


def test_an_act_with_no_victim_is_refused(session: Session) -> None:
    message = refused(session, "victims", _record(session, an_incident(session, an_act(()))))
    assert "at least one victim" in message


def test_a_victim_who_is_not_in_the_register_is_refused(session: Session) -> None:
    known = a_person(session)
    incident = an_incident(session, an_act((known, known + 1000)))
    message = refused(session, "victims", _record(session, incident))
    assert f"no person {known + 1000} in the register" in message


def test_an_unknown_act_type_is_refused_with_the_known_ones(session: Session) -> None:
    incident = an_incident(session, an_act((a_person(session),), "waterboarding"))
    message = refused(session, "act_type", _record(session, incident))
    assert "'waterboarding' is not an act type" in message and "forced_labour" in message


def test_a_second_bad_act_leaves_the_first_unwritten(session: Session) -> None:
    victim = a_person(session)
    incident = an_incident(
        session, an_act((victim,)), an_act((victim,), "starvation", until="2023")
    )
    refused(session, "occurred", _record(session, incident))


def test_a_period_that_ends_before_it_starts_is_refused(session: Session) -> None:
    act = an_act((a_person(session),), occurred="2024", until="2023")
    assert "comes before" in refused(session, "until", _record(session, an_incident(session, act)))


def test_a_source_that_does_not_exist_and_a_bad_credibility_are_refused(session: Session) -> None:
    victim = a_person(session)
    missing = an_act((victim,), sources=(SourceRef(999_999),))
    refused(session, "sources", _record(session, an_incident(session, missing)))
    source = an_incident(session).acts[0].sources[0].source_id
    doubtful = an_act((victim,), sources=(SourceRef(source, "high", "certain"),))
    refused(session, "credibility", _record(session, an_incident(session, doubtful)))


def test_an_incident_without_acts_or_title_is_refused(session: Session) -> None:
    refused(session, "acts", _record(session, IncidentIn(title="x", acts=())))
    refused(session, "title", _record(session, IncidentIn(title=" ", acts=(an_act((1,)),))))
