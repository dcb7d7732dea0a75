"""Acts told by a witness: from a debriefing's mention (a person the witness saw beaten,
starved, denied care...) the interviewer records an act of a new or an existing incident. The
victim is the person the mention is linked to, the place and the period are the mention's, the
debriefing (its Source) supports the act; the act keeps the mention it came from.

Checked as every act is (`service.checked_act`): a mention not linked to a person (no victim),
an unknown act type, an unknown incident or perpetrator: a clear message, nothing written.
The service never commits; the audit entry is in the caller's transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from homeward.access import audit
from homeward.access.actor import Actor
from homeward.access.audit import AuditAction
from homeward.access.roles import Permission
from homeward.errors import InvalidInput, NotFound
from homeward.testimonies.models import Mention
from homeward.testimonies.vocab import Decision
from homeward.text import checked_text
from homeward.violations import service
from homeward.violations.models import Act, Incident
from homeward.violations.schemas import ActIn, SourceRef


def _(message: str) -> str:
    """Marks a message for the catalogue; the page that shows it translates it."""
    return message


NOT_LINKED = _(
    "link the mention to a person in the register first: an act needs a victim in the register"
)
NO_INCIDENT = _("choose the incident the act belongs to, or give the title of a new one")
NO_SOURCE = _("the debriefing %(debriefing_id)s has no source to support the act")


@dataclass(frozen=True)
class MentionActIn:
    """What the interviewer chooses; the rest comes from the mention."""

    act_type: str
    incident_id: int | None = None  # an existing incident, or
    title: str | None = None  # the title of a new one
    perpetrators: tuple[int, ...] = ()
    reliability: str = "medium"
    credibility: str = "unknown"
    note: str | None = None


def require_recording(actor: Actor) -> None:
    """The interviewer (an operator, who records debriefings) or an investigator, who reads
    them and records incidents: both hold `testimony_acts` (docs/testimonies.md)."""
    actor.require(Permission.TESTIMONIES_READ)
    actor.require(Permission.TESTIMONY_ACTS)


def _victim(mention: Mention) -> int:
    current = mention.current
    if current is None or current.decision != Decision.LINKED.value or current.person_id is None:
        raise InvalidInput("mention", NOT_LINKED)
    return current.person_id


def record_act_from_mention(
    session: Session, *, actor: Actor, mention_id: int, given: MentionActIn
) -> Act:
    """An act of what the witness told of the person of `mention_id`, into the incident named
    or a new one; everything is checked before anything is written."""
    require_recording(actor)
    mention = session.get(Mention, mention_id)
    if mention is None:
        raise NotFound("there is no mention %(mention_id)s", mention_id=mention_id)
    victim = _victim(mention)
    debriefing = mention.debriefing
    if debriefing.source_id is None:
        raise InvalidInput("sources", NO_SOURCE, debriefing_id=debriefing.id)
    incident: Incident | None = None
    title = None
    if given.incident_id is not None:
        incident = service.incident_of(session, given.incident_id)
    else:
        title = checked_text("title", given.title, limit=300)
        if not title:
            raise InvalidInput("incident_id", NO_INCIDENT)
    act_in = ActIn(
        act_type=given.act_type,
        victims=(victim,),
        perpetrators=given.perpetrators,
        sources=(SourceRef(debriefing.source_id, given.reliability, given.credibility),),
        place_id=mention.place_id,
        note=given.note,
    )
    start, end = mention.seen_start, mention.seen_end
    row = service.checked_act(
        session, act_in, period=(start, end if end is not None and end != start else None)
    )
    row.recorded_by = actor.name
    row.mention_id = mention.id
    created = incident is None
    if incident is None:
        incident = Incident(title=title, place_id=mention.place_id, recorded_by=actor.name)
        session.add(incident)
    incident.acts.append(row)
    session.flush()
    detail = {
        **service.act_detail(row),
        "mention_id": mention.id,
        "debriefing_id": debriefing.id,
    }
    if created:
        audit.log(session, actor, AuditAction.INCIDENT_RECORD, object_type="incident",
                  object_id=incident.id, detail={"acts": [detail]})  # fmt: skip
    else:
        audit.log(session, actor, AuditAction.ACT_RECORD, object_type="incident",
                  object_id=incident.id, detail=detail)  # fmt: skip
    return row


def acts_of_debriefing(session: Session, debriefing_id: int) -> dict[int, list[Act]]:
    """The acts recorded from each mention of a debriefing, by mention."""
    query = (
        select(Act)
        .join(Mention, Act.mention_id == Mention.id)
        .where(Mention.debriefing_id == debriefing_id)
        .order_by(Act.id)
    )
    found: dict[int, list[Act]] = {}
    for act in session.scalars(query):
        assert act.mention_id is not None
        found.setdefault(act.mention_id, []).append(act)
    return found


def recent_incidents(session: Session, *, limit: int = 200) -> list[Incident]:
    """The incidents an act may join, newest first (the form's list)."""
    return list(session.scalars(select(Incident).order_by(Incident.id.desc()).limit(limit)))
