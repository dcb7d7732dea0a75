"""Debriefings in, sightings out: recording an interview with its mentions, linking a mention
to a person (a `testimony_sighting` on him, the witness's debriefing its source) or saying he
is not in the register, and re-examining the open mentions when new persons arrive.

Services never commit; the request or the command owns the transaction."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, selectinload

from homeward.access import audit
from homeward.access.actor import Actor
from homeward.access.audit import AuditAction
from homeward.access.roles import Permission
from homeward.dates import PartialDate
from homeward.errors import Conflict, InvalidInput, NotFound
from homeward.linkage.candidates import register_size
from homeward.linkage.features import LinkRecord, features
from homeward.linkage.model import LinkageModel
from homeward.linkage.register import person_record
from homeward.linkage.scoring import explain, score_pair
from homeward.names import NamePart, match_key, phonetic_key
from homeward.registry.evidence import record_evidence
from homeward.registry.models import Evidence, Person, PersonName, Place, Source
from homeward.registry.schemas import EvidenceIn, SourceIn
from homeward.registry.sources import find_place, get_or_create_place
from homeward.registry.vocab import EvidenceKind, Reliability, Side, SourceKind
from homeward.testimonies import mentions as rules
from homeward.testimonies.matching import LIKELY, candidates_for, linkage_model, mention_record
from homeward.testimonies.mentions import age_fits
from homeward.testimonies.models import Debriefing, Mention, Proposal, Resolution
from homeward.testimonies.schemas import DebriefingIn, MentionIn
from homeward.testimonies.vocab import Decision
from homeward.text import NOTE_MAX, checked_text

PROPOSE_FROM = LIKELY  # the least probability at which re-examination proposes a person
RETURN_KINDS = (EvidenceKind.RETURNED.value, EvidenceKind.RELEASED_OTHER.value)


def require_resolving(actor: Actor) -> None:
    """Resolving mentions (a link writes a sighting on a person): operators and reviewers
    (analysts)."""
    actor.require(Permission.TESTIMONIES)


def require_reading(actor: Actor) -> None:
    """Reading debriefings (the witnesses' words): those who resolve mentions, and
    investigators, who record the acts of violation the witnesses tell of."""
    actor.require(Permission.TESTIMONIES_READ)


def witness_returned(session: Session, person_id: int | None) -> PartialDate | None:
    """The witness's own return, from the evidence on him (the latest return, if several)."""
    if person_id is None:
        return None
    row = session.scalars(
        select(Evidence)
        .where(Evidence.person_id == person_id, Evidence.kind.in_(RETURN_KINDS))
        .order_by(Evidence.occurred_on.desc())
        .limit(1)
    ).first()
    return row.on if row is not None else None


def record_debriefing(session: Session, *, actor: Actor, debriefing: DebriefingIn) -> Debriefing:
    """Keep the interview and every mention exactly as typed; link those the interviewer
    linked. Any fault names the row and field, and nothing is written."""
    actor.require(Permission.INTAKE)  # an operator's work: an analyst reviews, never records
    actor.require(Permission.TESTIMONIES)
    witness = checked_text("witness_name", debriefing.witness_name, limit=300, required=True)
    interviewer = checked_text("interviewer", debriefing.interviewer, limit=200, required=True)
    if debriefing.held_on > date.today():
        raise InvalidInput("held_on", "is in the future")
    if (
        debriefing.witness_person_id is not None
        and session.get(Person, debriefing.witness_person_id) is None
    ):
        raise NotFound("there is no person %(person_id)s", person_id=debriefing.witness_person_id)
    returned = witness_returned(session, debriefing.witness_person_id)
    row = Debriefing(
        witness_person_id=debriefing.witness_person_id,
        witness_name=witness,
        interviewer=interviewer,
        held_on=debriefing.held_on,
        language=checked_text("language", debriefing.language, limit=5, required=True),
        note=checked_text("note", debriefing.note, limit=NOTE_MAX) or None,
        created_by=actor.name,
    )
    session.add(row)
    session.flush()
    row.source = Source(
        kind=SourceKind.RETURNEE.value,
        name=f"debriefing {row.id}: {witness}"[:300],
        description=f"{interviewer}, {debriefing.held_on.isoformat()}",
    )
    for position, mention_in in enumerate(debriefing.mentions, start=1):
        try:
            mention = _mention(session, row, position, mention_in, returned=returned, actor=actor)
        except InvalidInput as error:
            raise InvalidInput(
                f"mentions[{position}].{error.field}",
                "row %(row)s: %(problem)s",
                row=position,
                problem=error.as_message(),
            ) from error
        if mention_in.person_id is not None:
            link_mention(
                session, actor=actor, mention_id=mention.id, person_id=mention_in.person_id
            )
    session.flush()
    audit.log(
        session,
        actor,
        AuditAction.RECORD_DEBRIEFING,
        object_type="debriefing",
        object_id=row.id,
        detail={"mentions": len(debriefing.mentions), "witness_person_id": row.witness_person_id},
    )
    return row


def _mention(
    session: Session,
    debriefing: Debriefing,
    position: int,
    given: MentionIn,
    *,
    returned: PartialDate | None,
    actor: Actor,
) -> Mention:
    name = checked_text("name_heard", given.name_heard, limit=300) or None
    unit = checked_text("unit", given.unit, limit=100) or None
    place_text = checked_text("place", given.place, limit=200) or None
    words = checked_text("words", given.words, limit=NOTE_MAX) or None
    age = rules.parse_age(given.age)
    span = rules.parse_span(given.when)
    condition = rules.parse_condition(given.condition)
    rules.check_says_something(name, age, unit, place_text, span, condition, words)
    rules.check_before_return(span, returned=returned, held_on=debriefing.held_on)
    place = get_or_create_place(session, place_text) if place_text else None
    start = span.start.to_stored() if span else (None, None)
    end = span.end.to_stored() if span else (None, None)
    mention = Mention(
        debriefing=debriefing,
        position=position,
        name_heard=name,
        age_low=age[0] if age else None,
        age_high=age[1] if age else None,
        age_given=rules.age_as_given(given.age) if age else None,
        unit=unit,
        place_heard=place_text,
        place=place,
        seen_from=start[0],
        seen_from_precision=start[1],
        seen_to=end[0],
        seen_to_precision=end[1],
        condition=condition.value if condition else None,
        words=words,
        created_by=actor.name,
    )
    session.add(mention)
    session.flush()
    return mention


def get_mention(session: Session, mention_id: int) -> Mention:
    mention = session.get(Mention, mention_id)
    if mention is None:
        raise NotFound("there is no mention %(mention_id)s", mention_id=mention_id)
    return mention


def sighting_date(mention: Mention, returned: PartialDate | None) -> PartialDate:
    """The day a linked mention's sighting carries: the end of the span the witness gives
    (he saw him until then), else the witness's own return (he saw him before it)."""
    end = mention.seen_end
    if end is not None:
        return end
    if returned is not None:
        return returned
    raise InvalidInput(
        "when",
        "say when the witness saw him (a year is enough): the witness's return is not known either",
    )


def _sighting_note(mention: Mention) -> str:
    parts = [f"mention {mention.debriefing.id}/{mention.position}"]
    if mention.name_heard:
        parts.append(f"heard as {mention.name_heard!r}")
    if mention.seen_start and mention.seen_start != mention.seen_end:
        parts.append(f"seen {mention.seen_start} – {mention.seen_end}")
    if mention.condition:
        parts.append(f"condition: {mention.condition}")
    return "; ".join(parts)


def link_mention(
    session: Session,
    *,
    actor: Actor,
    mention_id: int,
    person_id: int,
    reason: str | None = None,
    probability: float | None = None,
) -> Resolution:
    """The mention is this person: a `testimony_sighting` on him, its source the debriefing."""
    require_resolving(actor)
    mention = get_mention(session, mention_id)
    current = mention.current
    if current is not None and current.decision == Decision.LINKED.value:
        raise Conflict(
            "mention %(mention_id)s is already linked to person %(person_id)s",
            mention_id=mention_id,
            person_id=current.person_id,
        )
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound("there is no person %(person_id)s", person_id=person_id)
    if person.merged_into_id is not None:
        raise InvalidInput(
            "person_id",
            "person %(person_id)s was merged into person %(merged_into_id)s",
            person_id=person_id,
            merged_into_id=person.merged_into_id,
        )
    debriefing = mention.debriefing
    returned = witness_returned(session, debriefing.witness_person_id)
    assert debriefing.source is not None
    evidence = record_evidence(
        session,
        actor=actor,
        person_id=person_id,
        evidence=EvidenceIn(
            kind=EvidenceKind.TESTIMONY_SIGHTING,
            on=sighting_date(mention, returned),
            reliability=Reliability.MEDIUM,
            place=mention.place.name if mention.place else None,
            note=_sighting_note(mention),
            source=SourceIn(kind=SourceKind.RETURNEE, name=debriefing.source.name),
        ),
    )
    resolution = Resolution(
        mention_id=mention.id,
        decision=Decision.LINKED.value,
        person_id=person_id,
        evidence_id=evidence.id,
        probability=probability,
        reason=checked_text("reason", reason, limit=NOTE_MAX) or None,
        decided_by=actor.name,
    )
    session.add(resolution)
    session.flush()
    mention.resolutions.append(resolution)
    audit.log(
        session,
        actor,
        AuditAction.RESOLVE_MENTION,
        object_type="mention",
        object_id=mention.id,
        detail={"decision": "linked", "person_id": person_id, "evidence_id": evidence.id},
    )
    return resolution


def not_in_register(
    session: Session, *, actor: Actor, mention_id: int, reason: str | None = None
) -> Resolution:
    """Looked at: nobody in the register is the one. Still re-examined as persons arrive."""
    require_resolving(actor)
    mention = get_mention(session, mention_id)
    current = mention.current
    if current is not None and current.decision == Decision.LINKED.value:
        raise Conflict(
            "mention %(mention_id)s is already linked to person %(person_id)s",
            mention_id=mention_id,
            person_id=current.person_id,
        )
    return _not_in_register(session, actor, mention, reason)


def _not_in_register(
    session: Session, actor: Actor, mention: Mention, reason: str | None
) -> Resolution:
    resolution = Resolution(
        mention_id=mention.id,
        decision=Decision.NOT_IN_REGISTER.value,
        reason=checked_text("reason", reason, limit=NOTE_MAX, required=True),
        decided_by=actor.name,
    )
    session.add(resolution)
    session.flush()
    mention.resolutions.append(resolution)
    audit.log(
        session,
        actor,
        AuditAction.RESOLVE_MENTION,
        object_type="mention",
        object_id=mention.id,
        detail={"decision": "not_in_register"},
    )
    return resolution


def unlink_mention(
    session: Session, *, actor: Actor, mention_id: int, reason: str | None
) -> Resolution:
    """A link found wrong: its sighting is retracted on the person (a retraction, so the
    status rules drop it), and the mention is open again, "not in the register" with the
    reason, until someone links it anew. The link and its sighting stay on record."""
    require_resolving(actor)
    why = checked_text("reason", reason, limit=NOTE_MAX, required=True)
    mention = get_mention(session, mention_id)
    current = mention.current
    if current is None or current.decision != Decision.LINKED.value:
        raise InvalidInput(
            "mention_id", "mention %(mention_id)s is not linked", mention_id=mention_id
        )
    assert current.person_id is not None
    assert current.evidence_id is not None
    record_evidence(
        session,
        actor=actor,
        person_id=current.person_id,
        evidence=EvidenceIn(
            kind=EvidenceKind.RETRACTION,
            on=PartialDate.of(date.today()),
            supersedes_id=current.evidence_id,
            note=f"mention {mention.debriefing_id}/{mention.position} is not this person: {why}",
        ),
    )
    return _not_in_register(session, actor, mention, why)


def is_open(mention: Mention) -> bool:
    current = mention.current
    return current is None or current.decision != Decision.LINKED.value


def currently_linked() -> Select[int]:
    """The mentions whose standing (latest) resolution links them to a person."""
    latest = select(func.max(Resolution.id)).group_by(Resolution.mention_id)
    return select(Resolution.mention_id).where(
        Resolution.id.in_(latest), Resolution.decision == Decision.LINKED.value
    )


def open_mentions(session: Session, *, limit: int = 500, offset: int = 0) -> list[Mention]:
    """The mentions no person is linked to now, oldest first, `limit` from the `offset`-th."""
    linked = currently_linked()
    query = (
        select(Mention)
        .where(Mention.id.not_in(linked))
        .options(selectinload(Mention.resolutions), selectinload(Mention.debriefing))
        .order_by(Mention.id)
        .limit(limit)
        .offset(offset)
    )
    return list(session.scalars(query))


def open_mentions_before(session: Session, mention_id: int) -> int | None:
    """How many open mentions come before this one in the queue (oldest first); None when it
    is not open (a person is linked to it)."""
    get_mention(session, mention_id)
    linked = currently_linked()
    if session.scalar(select(Mention.id).where(Mention.id == mention_id, Mention.id.in_(linked))):
        return None
    query = select(func.count()).select_from(Mention).where(Mention.id.not_in(linked))
    return session.scalar(query.where(Mention.id < mention_id)) or 0


def count_open_mentions(session: Session) -> int:
    """How many mentions no person is linked to now."""
    query = select(func.count()).select_from(Mention).where(Mention.id.not_in(currently_linked()))
    return session.scalar(query) or 0


def reexamine(
    session: Session, *, model: LinkageModel | None = None, limit: int = 500, offset: int = 0
) -> list[Proposal]:
    """Look at the open mentions (`limit` from the `offset`-th) again against the persons
    added since each was last looked at; keep a proposal for each one that may be the person.
    Returns the new proposals."""
    newest = session.scalar(select(func.max(Person.id))) or 0
    made: list[Proposal] = []
    for mention in open_mentions(session, limit=limit, offset=offset):
        if mention.examined_through >= newest:
            continue
        found = candidates_for(
            session,
            name_heard=mention.name_heard,
            unit=mention.unit,
            age=mention.age,
            seen=mention.seen_start,
            model=model,
        )
        known = set(
            session.scalars(select(Proposal.person_id).where(Proposal.mention_id == mention.id))
        )
        for c in found:
            if c.person_id <= mention.examined_through or c.person_id in known:
                continue
            if c.probability < PROPOSE_FROM or c.age_fits is False:
                continue
            proposal = Proposal(
                mention_id=mention.id,
                person_id=c.person_id,
                probability=c.probability,
                explanation=c.explanation,
            )
            session.add(proposal)
            made.append(proposal)
        mention.examined_through = newest
    session.flush()
    return made


def proposals_for(session: Session, mention_ids: Sequence[int]) -> dict[int, list[Proposal]]:
    found: dict[int, list[Proposal]] = {}
    query = (
        select(Proposal)
        .where(Proposal.mention_id.in_(mention_ids))
        .order_by(Proposal.probability.desc())
    )
    for proposal in session.scalars(query):
        found.setdefault(proposal.mention_id, []).append(proposal)
    return found


def get_debriefing(session: Session, *, actor: Actor, debriefing_id: int) -> Debriefing:
    """A debriefing with its mentions (the witness's words: special category), audited."""
    require_reading(actor)
    row = session.scalars(
        select(Debriefing)
        .where(Debriefing.id == debriefing_id)
        .options(selectinload(Debriefing.mentions).selectinload(Mention.resolutions))
    ).first()
    if row is None:
        raise NotFound("there is no debriefing %(debriefing_id)s", debriefing_id=debriefing_id)
    audit.log(
        session, actor, AuditAction.VIEW_DEBRIEFING, object_type="debriefing", object_id=row.id
    )
    return row


def list_debriefings(
    session: Session, *, actor: Actor, limit: int = 200, offset: int = 0
) -> list[Debriefing]:
    """The debriefings, the latest first, `limit` from the `offset`-th (their witnesses'
    names), the read audited as a list."""
    require_reading(actor)
    query = (
        select(Debriefing)
        .options(selectinload(Debriefing.mentions).selectinload(Mention.resolutions))
        .order_by(Debriefing.held_on.desc(), Debriefing.id.desc())
        .limit(limit)
        .offset(offset)
    )
    found = list(session.scalars(query))
    audit.log(
        session, actor, AuditAction.VIEW_DEBRIEFING, object_type="debriefings",
        detail={"debriefings": [d.id for d in found], **({"offset": offset} if offset else {})},
    )  # fmt: skip
    return found


def count_debriefings(session: Session) -> int:
    """How many debriefings the register holds (no names: not audited)."""
    return session.scalar(select(func.count()).select_from(Debriefing)) or 0


def place_named(session: Session, name: str) -> Place | None:
    return find_place(session, name)


OPEN_AT_MOST = 5000  # the open mentions a new person is held against at once


def propose_for_persons(
    session: Session, person_ids: Iterable[int], *, model: LinkageModel | None = None
) -> list[Proposal]:
    """Hold only these (new) persons against the open mentions, and keep a proposal for each
    pair that may be the same person: the cheap half of the re-examination, run when persons
    are added (`hooks`), so that the queue shows them without being opened first. A mention is
    compared with a person only when a spelling of his surname shares its key or its sound."""
    ids = set(person_ids)
    if not ids:
        return []
    by_key: dict[str, list[Mention]] = {}
    by_sound: dict[str, list[Mention]] = {}
    heard: dict[int, LinkRecord] = {}
    for mention in open_mentions(session, limit=OPEN_AT_MOST):
        record = mention_record(mention.name_heard, mention.unit)
        if not record.surname:
            continue
        heard[mention.id] = record
        by_key.setdefault(match_key(record.surname, NamePart.SURNAME), []).append(mention)
        by_sound.setdefault(phonetic_key(record.surname, NamePart.SURNAME), []).append(mention)
    if not heard:
        return []
    names = PersonName.__table__.c
    rows = session.execute(
        select(names.person_id, names.surname_key, names.surname_phonetic).where(
            or_(names.surname_key.in_(by_key), names.surname_phonetic.in_(by_sound)),
            names.person_id >= min(ids),
            names.person_id <= max(ids),
        )
    )
    pairs: dict[int, dict[int, Mention]] = {}
    for person_id, key, sound in rows:
        if person_id in ids:
            for mention in (*by_key.get(key, ()), *by_sound.get(sound, ())):
                pairs.setdefault(person_id, {})[mention.id] = mention
    if not pairs:
        return []
    persons = session.scalars(
        select(Person)
        .where(
            Person.id.in_(pairs),
            Person.merged_into_id.is_(None),
            Person.side == Side.OWN.value,
        )
        .options(selectinload(Person.names), selectinload(Person.identifiers))
    ).all()
    model = model or linkage_model()
    prior = model.prior(register_size(session))
    known = {
        (mention_id, person_id)
        for mention_id, person_id in session.execute(
            select(Proposal.mention_id, Proposal.person_id).where(Proposal.person_id.in_(pairs))
        )
    }
    made: list[Proposal] = []
    for person in persons:
        for mention in pairs[person.id].values():
            if (mention.id, person.id) in known:
                continue
            if age_fits(mention.age, person.birth, mention.seen_start) is False:
                continue
            wanted = features(heard[mention.id])
            spellings: list[PersonName | None] = [*person.names] or [None]
            score = max(
                (
                    score_pair(model, wanted, features(person_record(person, name)), prior=prior)
                    for name in spellings
                ),
                key=lambda s: s.match_weight,
            )
            if score.match_probability < PROPOSE_FROM:
                continue
            proposal = Proposal(
                mention_id=mention.id,
                person_id=person.id,
                probability=score.match_probability,
                explanation=explain(score),
            )
            session.add(proposal)
            made.append(proposal)
    session.flush()
    return made
