"""Incidents corrected without losing anything: an act's type, period, place, victims and
alleged perpetrators, and an alleged perpetrator's record, corrected in place with the old
values kept in `violation_history` (who, when, why); refused with a clear message and nothing
written when the reason is missing, nothing changes or the new values are bad. The
perpetrators' list and a perpetrator's page with the acts attributed."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from homeward.access.models import AuditEntry
from homeward.access.roles import Forbidden, Role
from homeward.errors import InvalidInput
from homeward.violations import corrections, service
from homeward.violations.models import ActVictim, ViolationHistory
from homeward.violations.schemas import ActIn, PerpetratorIn
from tests.violations.factories import ANALYST, INVESTIGATOR, a_person, a_place, an_incident
from tests.web.conftest import ClientFor, app  # noqa: F401 (fixture)


def recorded(session: Session) -> tuple[int, int, int, int]:
    """An incident of one act against one victim; a second person; an alleged perpetrator."""
    incident = service.record_incident(session, actor=INVESTIGATOR, incident=an_incident(session))
    other = a_person(session, "Бондар")
    alleged = service.record_perpetrator(
        session, actor=INVESTIGATOR, perpetrator=PerpetratorIn(kind="unit", name="Unit 0000")
    )
    return incident.acts[0].id, incident.acts[0].victims[0].person_id, other, alleged.id


def test_an_act_corrected_keeps_its_old_values_with_who_and_why(session: Session) -> None:
    act_id, victim, other, alleged = recorded(session)
    place = a_place(session, "ВК-10 Торез")
    entry = corrections.correct_act(
        session,
        actor=INVESTIGATOR,
        act_id=act_id,
        act=ActIn(
            act_type="torture_electric_shock",
            victims=(victim, other),
            perpetrators=(alleged,),
            place_id=place,
            occurred="04.2023",
            until="06.2023",
        ),
        reason="a second witness corrected the month and named the unit",
    )
    act = corrections.get_act(session, act_id)
    assert act.act_type == "torture_electric_shock" and act.place_id == place
    assert sorted(v.person_id for v in act.victims) == sorted([victim, other])
    assert [p.perpetrator_id for p in act.perpetrators] == [alleged]
    assert entry.actor == "investigator" and entry.reason.startswith("a second witness")
    assert entry.changes["act_type"] == {"old": "torture_beating", "new": "torture_electric_shock"}
    assert entry.changes["occurred"] == {"old": "2023-03", "new": "2023-04"}
    assert entry.changes["victims"] == {"old": [victim], "new": sorted([victim, other])}
    assert entry.changes["perpetrators"] == {"old": [], "new": [alleged]}
    # a second correction takes a victim back: the first victim's link stays one row
    corrections.correct_act(
        session,
        actor=INVESTIGATOR,
        act_id=act_id,
        act=ActIn(
            act_type="torture_electric_shock",
            victims=(other,),
            place_id=place,
            occurred="04.2023",
            until="06.2023",
        ),
        reason="the first victim was not there",
    )
    history = corrections.history_of(session, corrections.ACT, [act_id])
    assert [h.reason for h in history][-1] == "the first victim was not there"
    assert history[-1].changes["victims"] == {"old": sorted([victim, other]), "new": [other]}
    assert history[-1].changes["perpetrators"] == {"old": [alleged], "new": []}
    assert session.scalars(select(ActVictim.person_id).where(ActVictim.act_id == act_id)).all() == [
        other
    ]
    actions = session.scalars(
        select(AuditEntry.action).where(AuditEntry.action == "act_correct")
    ).all()
    assert len(actions) == 2


def test_a_bad_correction_is_refused_and_nothing_is_written(session: Session) -> None:
    act_id, victim, _other, _alleged = recorded(session)
    same = ActIn(act_type="torture_beating", victims=(victim,), occurred="03.2023",
                 place_id=corrections.get_act(session, act_id).place_id)  # fmt: skip
    with pytest.raises(InvalidInput, match="say why"):
        corrections.correct_act(session, actor=INVESTIGATOR, act_id=act_id, act=same, reason="")
    with pytest.raises(InvalidInput, match="nothing to correct"):
        corrections.correct_act(
            session, actor=INVESTIGATOR, act_id=act_id, act=same, reason="checked again"
        )
    for bad, message in (
        (ActIn(act_type="torture_beating", victims=()), "at least one victim"),
        (ActIn(act_type="flogging", victims=(victim,)), "is not an act type"),
        (ActIn(act_type="starvation", victims=(987654,)), "no person 987654"),
        (ActIn(act_type="starvation", victims=(victim,), perpetrators=(4321,)), "perpetrator"),
    ):
        with pytest.raises(InvalidInput, match=message):
            corrections.correct_act(
                session, actor=INVESTIGATOR, act_id=act_id, act=bad, reason="a reason"
            )
    act = corrections.get_act(session, act_id)
    assert act.act_type == "torture_beating" and [v.person_id for v in act.victims] == [victim]
    assert session.scalar(select(func.count()).select_from(ViolationHistory)) == 0
    with pytest.raises(Forbidden):
        corrections.correct_act(session, actor=ANALYST, act_id=act_id, act=same, reason="x")


def test_an_alleged_perpetrator_is_corrected_and_its_page_lists_the_acts(
    session: Session,
) -> None:
    act_id, victim, _other, alleged = recorded(session)
    corrections.correct_act(
        session,
        actor=INVESTIGATOR,
        act_id=act_id,
        act=ActIn(
            act_type="torture_beating",
            victims=(victim,),
            perpetrators=(alleged,),
            occurred="03.2023",
        ),
        reason="named by the witness",
    )
    with pytest.raises(InvalidInput, match="kind"):
        corrections.correct_perpetrator(
            session,
            actor=INVESTIGATOR,
            perpetrator_id=alleged,
            perpetrator=PerpetratorIn(kind="army", name="x"),
            reason="x",
        )
    corrections.correct_perpetrator(
        session,
        actor=INVESTIGATOR,
        perpetrator_id=alleged,
        perpetrator=PerpetratorIn(kind="facility_staff", name="Staff of SIZO-2"),
        reason="the unit was the facility's guards",
    )
    view = corrections.perpetrator_view(session, actor=ANALYST, perpetrator_id=alleged)
    assert view.perpetrator.name == "Staff of SIZO-2" and [a.id for a in view.acts] == [act_id]
    assert view.history[0].changes["name"] == {"old": "Unit 0000", "new": "Staff of SIZO-2"}
    listed = corrections.perpetrator_list(session, actor=ANALYST)
    assert [(r.perpetrator.id, r.acts, r.incidents) for r in listed] == [(alleged, 1, 1)]


def test_the_pages_correct_an_act_and_a_perpetrator_and_show_the_history(
    web_db: Engine, client_as: ClientFor
) -> None:
    with Session(web_db) as session, session.begin():
        act_id, victim, other, alleged = recorded(session)
        incident_id = corrections.get_act(session, act_id).incident_id
    investigator = client_as(Role.INVESTIGATOR)
    form = investigator.get(f"/acts/{act_id}/edit")
    assert form.status_code == 200 and f'value="{victim}"' in form.text
    refused = investigator.form(
        f"/acts/{act_id}/edit",
        {"act_type": "starvation", "victims": "", "occurred": "2023", "reason": "x"},
    )
    assert refused.status_code == 422 and "потерпілої особи" in refused.text
    corrected = investigator.form(
        f"/acts/{act_id}/edit",
        {
            "act_type": "starvation",
            "victims": f"{victim}, {other}",
            "perpetrators": str(alleged),
            "occurred": "2023",
            "reason": "the witness spoke of rations",
        },
    )
    assert corrected.status_code == 303, corrected.text
    page = investigator.get(f"/incidents/{incident_id}").text
    assert "the witness spoke of rations" in page and "test-investigator" in page
    assert f'href="/perpetrators/{alleged}"' in page
    analyst = client_as(Role.ANALYST)
    assert analyst.get(f"/acts/{act_id}/edit").status_code == 403
    listed = analyst.get("/perpetrators")
    assert listed.status_code == 200 and "Unit 0000" in listed.text
    shown = analyst.get(f"/perpetrators/{alleged}")
    assert shown.status_code == 200 and f"#act-{act_id}" in shown.text
    assert 'id="perpetrator-edit-form"' not in shown.text
    edited = investigator.form(
        f"/perpetrators/{alleged}/edit",
        {"kind": "individual", "name": "Commander (call sign only)", "reason": "identified"},
    )
    assert edited.status_code == 303, edited.text
    again = investigator.get(f"/perpetrators/{alleged}").text
    assert "Commander (call sign only)" in again and "identified" in again
    assert re.search(r"Unit 0000", again)  # the old name, in the history
    nothing = investigator.form(
        f"/perpetrators/{alleged}/edit",
        {"kind": "individual", "name": "Commander (call sign only)", "reason": "again"},
    )
    assert nothing.status_code == 422
