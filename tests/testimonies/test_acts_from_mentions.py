"""A testimony creates acts directly: from a linked mention, an act whose victim is the
mention's person, whose place and time are the mention's and whose source is the debriefing,
into a new or an existing incident; refused with a clear message, nothing written, when the
mention has no person, the type is unknown or the incident does not exist."""

from __future__ import annotations

import hashlib
import re

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from homeward.access.actor import Actor, Channel
from homeward.access.models import AuditEntry
from homeward.access.roles import Forbidden, Role
from homeward.errors import InvalidInput, NotFound
from homeward.testimonies.models import Mention
from homeward.testimonies.schemas import MentionIn
from homeward.violations.models import Act, EvidenceFile, Incident
from homeward.violations.service import act_period
from homeward.violations.testimony_acts import MentionActIn, record_act_from_mention
from tests.testimonies.factories import OPERATOR, a_person, a_witness, debrief
from tests.web.conftest import ClientFor


def told(session: Session) -> tuple[int, int, int]:
    """A debriefing of two mentions: one linked to a person, one left open."""
    victim = a_person(session, surname="Гнатюк", given_name="Олег")
    debriefing = debrief(
        session,
        a_witness(session),
        MentionIn(
            name_heard="Гнатюк Олег",
            place="СІЗО-2 Таганрог",
            when="03.2023 - 05.2023",
            condition="beaten",
            person_id=victim.id,
        ),
        MentionIn(name_heard="Сашко з Полтави", when="2023"),
    )
    linked, open_one = debriefing.mentions
    return victim.id, linked.id, open_one.id


def acts(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Act)) or 0


def test_an_act_from_a_mention_takes_its_victim_place_time_and_source(session: Session) -> None:
    victim, mention, _open = told(session)
    act = record_act_from_mention(
        session,
        actor=OPERATOR,
        mention_id=mention,
        given=MentionActIn(act_type="torture_beating", title="Beatings told at a debriefing"),
    )
    assert [v.person_id for v in act.victims] == [victim]
    assert act.mention_id == mention and act.place is not None
    assert act.place.name == "СІЗО-2 Таганрог"
    since, until = act_period(act)
    assert (str(since), str(until)) == ("2023-03", "2023-05")
    assert [link.source.kind for link in act.sources] == ["returnee"]
    assert act.sources[0].source.name.startswith("debriefing ")
    incident = session.get(Incident, act.incident_id)
    assert incident is not None and incident.title == "Beatings told at a debriefing"
    # a second act of the same mention joins the incident now recorded
    second = record_act_from_mention(
        session,
        actor=OPERATOR,
        mention_id=mention,
        given=MentionActIn(act_type="starvation", incident_id=incident.id, credibility="probable"),
    )
    assert second.incident_id == incident.id and len(incident.acts) == 2
    entries = list(session.scalars(select(AuditEntry).where(AuditEntry.object_type == "incident")))
    assert [e.action for e in entries][-2:] == ["incident_record", "act_record"]
    assert entries[-1].detail is not None and entries[-1].detail["mention_id"] == mention


def test_no_victim_an_unknown_type_or_incident_is_refused_and_nothing_is_written(
    session: Session,
) -> None:
    _victim, mention, open_mention = told(session)
    before = acts(session)
    with pytest.raises(InvalidInput, match="link the mention to a person"):
        record_act_from_mention(
            session,
            actor=OPERATOR,
            mention_id=open_mention,
            given=MentionActIn(act_type="starvation", title="x"),
        )
    with pytest.raises(InvalidInput, match="is not an act type"):
        record_act_from_mention(
            session,
            actor=OPERATOR,
            mention_id=mention,
            given=MentionActIn(act_type="flogging", title="x"),
        )
    with pytest.raises(InvalidInput, match="choose the incident"):
        record_act_from_mention(
            session, actor=OPERATOR, mention_id=mention, given=MentionActIn(act_type="starvation")
        )
    with pytest.raises(NotFound, match="there is no incident 999"):
        record_act_from_mention(
            session,
            actor=OPERATOR,
            mention_id=mention,
            given=MentionActIn(act_type="starvation", incident_id=999),
        )
    assert acts(session) == before
    assert session.scalar(select(func.count()).select_from(Incident)) == 0


def test_only_who_records_debriefings_or_incidents_records_acts_from_them(
    session: Session,
) -> None:
    _victim, mention, _open = told(session)
    given = MentionActIn(act_type="starvation", title="x")
    for role in (Role.ANALYST, Role.LIAISON, Role.CUSTODIAN, Role.NEGOTIATOR, Role.AUDITOR):
        actor = Actor(f"test-{role.value}", Channel.WEB, role)
        with pytest.raises(Forbidden):
            record_act_from_mention(session, actor=actor, mention_id=mention, given=given)
    investigator = Actor("test-investigator", Channel.WEB, Role.INVESTIGATOR)
    act = record_act_from_mention(session, actor=investigator, mention_id=mention, given=given)
    assert act.recorded_by == "test-investigator" and act.mention_id == mention


def test_an_investigator_reads_a_debriefing_and_records_an_act_but_never_resolves(
    client_as: ClientFor, web_db: Engine
) -> None:
    """Investigators document violations, and returnees tell of them in their debriefings:
    they read them and record the acts told, never link or unlink a mention (that writes a
    sighting on a person) nor open the queue of open mentions."""
    _victim, mention, open_mention = debriefed_on_the_web(web_db)
    client = client_as(Role.INVESTIGATOR)
    with Session(web_db) as session:
        debriefing_id = session.get(Mention, mention).debriefing_id  # type: ignore[union-attr]
    assert 'href="/testimonies"' in client.get("/").text
    listed = client.get("/testimonies")
    assert listed.status_code == 200 and 'href="/testimonies/mentions"' not in listed.text
    page = client.get(f"/testimonies/{debriefing_id}")
    assert page.status_code == 200 and "Гнатюк Олег" in page.text
    assert f'action="/testimonies/mentions/{mention}/acts"' in page.text
    assert f'action="/testimonies/mentions/{mention}/unlink"' not in page.text
    assert f'action="/testimonies/mentions/{open_mention}/link"' not in page.text
    assert client.get("/testimonies/mentions").status_code == 403
    unlink = client.form(f"/testimonies/mentions/{mention}/unlink", {"reason": "x"})
    assert unlink.status_code == 403
    recorded = client.form(
        f"/testimonies/mentions/{mention}/acts", {"act_type": "starvation", "title": "Голод"}
    )
    assert recorded.status_code == 303, recorded.text
    with Session(web_db) as session:
        act = session.scalars(select(Act)).one()
        assert act.recorded_by == "test-investigator" and act.mention_id == mention


def debriefed_on_the_web(web_db: Engine) -> tuple[int, int, int]:
    with Session(web_db) as session, session.begin():
        victim, mention, open_mention = told(session)
        return victim, mention, open_mention


def test_the_debriefing_page_records_an_act_and_names_a_fault_beside_the_mention(
    client_as: ClientFor, web_db: Engine
) -> None:
    victim, mention, open_mention = debriefed_on_the_web(web_db)
    client = client_as(Role.OPERATOR)
    with Session(web_db) as session:
        debriefing_id = session.get(Mention, mention).debriefing_id  # type: ignore[union-attr]
    page = client.get(f"/testimonies/{debriefing_id}")
    assert page.status_code == 200
    assert f'action="/testimonies/mentions/{mention}/acts"' in page.text
    assert f'action="/testimonies/mentions/{open_mention}/acts"' not in page.text  # no victim
    refused = client.form(
        f"/testimonies/mentions/{mention}/acts", {"act_type": "flogging", "title": "Побиття"}
    )
    assert refused.status_code == 422 and "не вид діяння" in refused.text
    assert 'id="act-error"' in refused.text
    recorded = client.form(
        f"/testimonies/mentions/{mention}/acts",
        {"act_type": "denial_of_medical_care", "title": "Без лікування", "credibility": "probable"},
    )
    assert recorded.status_code == 303, recorded.text
    assert recorded.headers["location"].endswith(f"saved=act#mention-{mention}")
    shown = client.get(recorded.headers["location"]).text
    assert "Діяння записано" in shown
    number = re.search(r"№ (\d+)", shown.split('class="acts-told"')[1])
    assert number is not None
    with Session(web_db) as session:
        act = session.scalars(select(Act)).one()
        assert [v.person_id for v in act.victims] == [victim] and act.mention_id == mention
    investigator = client_as(Role.INVESTIGATOR).get(f"/incidents/{number.group(1)}")
    assert investigator.status_code == 200 and "Без лікування" in investigator.text
    assert "Про це розповів свідок під час опитування" in investigator.text
    api = client_as(Role.INVESTIGATOR).get(f"/api/incidents/{number.group(1)}").json()
    assert [a["mention_id"] for a in api["acts"]] == [mention]
    assert (
        client_as(Role.ANALYST)
        .form(f"/testimonies/mentions/{mention}/acts", {"act_type": "starvation", "title": "x"})
        .status_code
        == 403
    )


def test_a_file_of_a_debriefing_is_uploaded_on_its_page_and_keeps_its_custody(
    client_as: ClientFor, web_db: Engine
) -> None:
    _victim, mention, _open = debriefed_on_the_web(web_db)
    with Session(web_db) as session:
        debriefing_id = session.get(Mention, mention).debriefing_id  # type: ignore[union-attr]
    operator = client_as(Role.OPERATOR)
    data = b"ID3" + bytes(range(256)) * 64
    digest = hashlib.sha256(data).hexdigest()
    refused = operator.post(
        f"/testimonies/{debriefing_id}/files",
        data={"csrf_token": operator.csrf, "sha256": "ab" * 32},
        files={"file": ("interview.mp3", data, "audio/mpeg")},
    )
    assert refused.status_code == 422 and "а не заявлений" in refused.text
    uploaded = operator.post(
        f"/testimonies/{debriefing_id}/files",
        data={"csrf_token": operator.csrf, "sha256": digest, "description": "the recording"},
        files={"file": ("interview.mp3", data, "audio/mpeg")},
    )
    assert uploaded.status_code == 303, uploaded.text
    assert uploaded.headers["location"] == f"/testimonies/{debriefing_id}?saved=file#files"
    with Session(web_db) as session:
        row = session.scalars(select(EvidenceFile)).one()
        assert (row.debriefing_id, row.sha256, row.added_by) == (
            debriefing_id,
            digest,
            "test-operator",
        )
    page = operator.get(f"/testimonies/{debriefing_id}").text
    assert "interview.mp3" in page and digest in page
    assert f'href="/files/{row.id}"' not in page  # an operator does not open evidence files
    admin = client_as(Role.ADMIN)
    assert f'href="/files/{row.id}"' in admin.get(f"/testimonies/{debriefing_id}").text
    assert admin.get(f"/files/{row.id}/content").content == data
    log = admin.get(f"/files/{row.id}").text
    assert "додав" in log and "переглянув" in log
    assert operator.get(f"/files/{row.id}/content").status_code == 403
    # footage of captives: kept from whoever may not open it, even on the debriefing's page
    footage = operator.post(
        f"/testimonies/{debriefing_id}/files",
        data={"csrf_token": operator.csrf, "restricted": "on"},
        files={"file": ("captives.mp4", b"\0\0\0\x18ftypmp42" + b"v" * 500, "video/mp4")},
    )
    assert footage.status_code == 303, footage.text
    assert "captives.mp4" not in operator.get(f"/testimonies/{debriefing_id}").text
    assert "captives.mp4" in admin.get(f"/testimonies/{debriefing_id}").text
