"""The review queue: pending link proposals, one pair side by side, and the reviewer's decision.

Accepting a pair of persons merges them (the older record survives); accepting a report and a
person links the report and records the evidence it carries. Every view and decision is audited.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from homeward.access import audit
from homeward.access.actor import Actor
from homeward.access.audit import AuditAction
from homeward.access.roles import Permission
from homeward.dates import PartialDate, parse_partial_date
from homeward.errors import InvalidInput
from homeward.linkage import review
from homeward.linkage.models import LinkProposal, Merge
from homeward.linkage.register import REPORT_FIELDS
from homeward.linkage.scoring import FieldWeight
from homeward.registry.models import Person, Report
from homeward.text import checked_reason

PER_PAGE = 25
MAX_ID = 2_147_483_647  # the largest row id the databases keep
RARITIES = ("rare", "common")
DISAGREEING = ("different", "absent")  # the levels that say the values disagree

# The identity fields a reviewer compares, in the order shown.
PAIR_FIELDS = (
    "surname",
    "given_name",
    "patronymic",
    "sex",
    "birth_date",
    "birth_place",
    "citizenship",
    "unit",
    "rank",
    "service_number",
    "tax_number",
    "missing_date",
    "missing_place",
    "father_name",
    "mother_maiden_name",
)


@dataclass(frozen=True)
class Weight:
    """One field's part in a match score: its level (translated in the page) and weight."""

    field: str  # "surname", "date of birth"
    level: str  # "same key"
    rarity: str | None  # "rare", "common" or None
    weight: float  # in bits: positive for a match, negative against
    values: str  # both values when the level quotes them

    @property
    def sign(self) -> str:
        """plus: evidence for; minus: against; weak: the values agree, but on something so
        common that the agreement counts for less than two records picked at random share."""
        if self.weight > 0:
            return "plus"
        if self.weight < 0:
            return "minus" if self.level.startswith(DISAGREEING) else "weak"
        return "zero"

    @property
    def full_level(self) -> str:
        return f"{self.level}, {self.rarity}" if self.rarity else self.level


def weight_of(field: FieldWeight | Mapping[str, Any]) -> Weight:
    """A scorer's field weight, or one as a proposal stores it, for display."""
    if isinstance(field, FieldWeight):
        name, level, value, values = field.field, field.level, field.weight, field.values
    else:
        name, level = str(field.get("field", "")), str(field.get("level", ""))
        value, values = float(field.get("weight", 0.0)), str(field.get("values", "") or "")
    rarity = None
    for word in RARITIES:
        if level.endswith(f", {word}"):
            level, rarity = level.removesuffix(f", {word}"), word
    return Weight(name, level, rarity, value, values)


def weights_of(fields: Iterable[FieldWeight | Mapping[str, Any]]) -> tuple[Weight, ...]:
    """Strongest evidence first, for or against."""
    return tuple(sorted((weight_of(f) for f in fields), key=lambda w: -abs(w.weight)))


def floor_percent(probability: float) -> float:
    """A probability as a percentage to one decimal, rounded down: 0.99996 is 99.9, not 100."""
    return int(probability * 1000) / 10


@dataclass(frozen=True)
class QueueItem:
    id: int
    kind: str
    person_id: int
    person_name: str
    other_person_id: int | None
    report_id: int | None
    other_name: str
    probability: float
    vetoed: str | None

    @property
    def percent(self) -> float:
        return floor_percent(self.probability)


@dataclass(frozen=True)
class Queue:
    items: list[QueueItem]
    total: int
    limit: int
    offset: int

    @property
    def page(self) -> int:
        return self.offset // self.limit + 1

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.limit))


@dataclass(frozen=True)
class PairSide:
    """One side of a pair: a person of the register or a report as received."""

    kind: Literal["person", "report"]
    id: int
    name: str
    values: dict[str, str]  # field → value as recorded (ISO dates), only those with a value
    shown: dict[str, str]  # the same as the page shows them (dd.mm.yyyy)
    person_id: int | None  # the person to link to (the report's, when it is linked)
    merged_into: int | None = None
    status: str | None = None
    other_names: tuple[str, ...] = ()
    source: str | None = None
    received_at: datetime | None = None


@dataclass(frozen=True)
class Row:
    field: str
    left: str
    right: str

    @property
    def same(self) -> bool:
        return bool(self.left) and _folded(self.left) == _folded(self.right)


@dataclass(frozen=True)
class Pair:
    id: int
    kind: str
    status: str
    probability: float
    match_weight: float
    explanation: str
    vetoed: str | None
    model_version: str
    created_at: datetime
    decided_by: str | None
    decided_at: datetime | None
    decision_reason: str | None
    left: PairSide
    right: PairSide
    rows: list[Row]
    weights: tuple[Weight, ...]

    @property
    def percent(self) -> float:
        return floor_percent(self.probability)

    @property
    def prior_weight(self) -> float:
        """Where every pair starts, in bits: the chance that two records picked at random are
        one person. With the fields' weights it adds up to the match weight."""
        return self.match_weight - sum(w.weight for w in self.weights)

    @property
    def pending(self) -> bool:
        return self.status == "pending"


@dataclass(frozen=True)
class Decision:
    proposal_id: int
    kind: str
    status: str  # accepted | rejected
    person_id: int  # the person the decision leaves standing
    merge_id: int | None
    report_id: int | None
    next_id: int | None  # the next pending proposal, if any


def _(message: str) -> str:
    """Marks a message for translation; the page translates it in the user's language."""
    return message


def _folded(value: str) -> str:
    return " ".join(value.casefold().split())


def _name(surname: object, given: object, patronymic: object) -> str:
    return " ".join(str(part) for part in (surname, given, patronymic) if part)


def _date(value: PartialDate | None) -> str:
    if value is None:
        return ""
    return (
        ".".join(f"{part:02d}" for part in (value.day, value.month) if part is not None)
        + ("." if value.month is not None else "")
        + f"{value.year:04d}"
    )


def _person_values(person: Person, *, iso: bool) -> dict[str, str]:
    """The person's identity as text: dates in ISO 8601 (`iso`) or as the page shows them."""
    shown = (lambda d: d.iso() if d else "") if iso else _date
    tax = next((i.value for i in person.identifiers if i.kind == "tax_number"), None)
    values: dict[str, object] = {
        field: getattr(person, field, None) for field in PAIR_FIELDS if hasattr(Person, field)
    }
    values["birth_date"] = shown(person.birth)
    values["missing_date"] = shown(person.missing)
    values["tax_number"] = tax
    if values.get("sex") == "U":
        values["sex"] = None
    return {k: str(v) for k, v in values.items() if v not in (None, "")}


def _report_values(report: Report) -> dict[str, str]:
    payload = report.payload
    return {
        field: str(payload[field])
        for field in PAIR_FIELDS
        if field in REPORT_FIELDS and payload.get(field) not in (None, "")
    }


def _person_side(person: Person) -> PairSide:
    main = _name(person.surname, person.given_name, person.patronymic)
    others = dict.fromkeys(
        _name(n.surname, n.given_name, n.patronymic) for n in person.names
    ).keys() - {main}
    return PairSide(
        kind="person",
        id=person.id,
        name=main,
        values=_person_values(person, iso=True),
        shown=_person_values(person, iso=False),
        person_id=person.id,
        merged_into=person.merged_into_id,
        status=person.status,
        other_names=tuple(sorted(others)),
    )


def _report_shown(values: dict[str, str]) -> dict[str, str]:
    """A report's values as the page shows them: its dates day first, as the person's are; a
    date the report holds in a form that cannot be read is shown as the source wrote it."""
    shown = dict(values)
    for field in ("birth_date", "missing_date"):
        if field in shown:
            with suppress(InvalidInput):
                shown[field] = _date(parse_partial_date(shown[field], field=field)) or shown[field]
    return shown


def _report_side(report: Report) -> PairSide:
    payload = report.payload
    values = _report_values(report)
    return PairSide(
        kind="report",
        id=report.id,
        name=_name(payload.get("surname"), payload.get("given_name"), payload.get("patronymic")),
        values=values,
        shown=_report_shown(values),
        person_id=report.person_id,
        source=report.source.name,
        received_at=report.received_at,
    )


def _persons(session: Session, ids: set[int]) -> dict[int, Person]:
    if not ids:
        return {}
    query = select(Person).where(Person.id.in_(ids))
    return {p.id: p for p in session.scalars(query)}


def _reports(session: Session, ids: set[int]) -> dict[int, Report]:
    if not ids:
        return {}
    query = select(Report).where(Report.id.in_(ids)).options(selectinload(Report.source))
    return {r.id: r for r in session.scalars(query)}


def review_queue(
    session: Session, actor: Actor, *, limit: int = PER_PAGE, offset: int = 0
) -> Queue:
    """One page of the pending proposals, most likely first, with both names."""
    actor.require(Permission.REVIEW)
    if not 1 <= limit <= 500:
        raise InvalidInput("limit", "give a number from 1 to 500")
    if offset < 0:
        raise InvalidInput("offset", "cannot be negative")
    proposals, total = review.pending(session, limit=limit, offset=offset)
    persons = _persons(
        session,
        {p.person_id for p in proposals}
        | {p.other_person_id for p in proposals if p.other_person_id is not None},
    )
    reports = _reports(session, {p.report_id for p in proposals if p.report_id is not None})
    items = []
    for p in proposals:
        person = persons[p.person_id]
        if p.other_person_id is not None:
            other = persons[p.other_person_id]
            other_name = _name(other.surname, other.given_name, other.patronymic)
        else:
            assert p.report_id is not None
            payload = reports[p.report_id].payload
            other_name = _name(
                payload.get("surname"), payload.get("given_name"), payload.get("patronymic")
            )
        items.append(
            QueueItem(
                id=p.id,
                kind=p.kind,
                person_id=p.person_id,
                person_name=_name(person.surname, person.given_name, person.patronymic),
                other_person_id=p.other_person_id,
                report_id=p.report_id,
                other_name=other_name,
                probability=p.match_probability,
                vetoed=p.vetoed,
            )
        )
    audit.log(
        session,
        actor,
        AuditAction.VIEW_REVIEW,
        object_type="review_queue",
        detail={"offset": offset, "limit": limit, "proposals": [i.id for i in items]},
    )
    return Queue(items, total, limit, offset)


def review_pair(session: Session, actor: Actor, proposal_id: int) -> Pair:
    """A proposal's two records side by side, the weight of each field, the vetoes."""
    actor.require(Permission.REVIEW)
    proposal = review.get_proposal(session, proposal_id)
    left = _person_side(_load_person(session, proposal.person_id))
    if proposal.other_person_id is not None:
        right = _person_side(_load_person(session, proposal.other_person_id))
    else:
        assert proposal.report_id is not None
        report = session.get(Report, proposal.report_id)
        assert report is not None
        right = _report_side(report)
    rows = [
        Row(field, left.shown.get(field, ""), right.shown.get(field, ""))
        for field in PAIR_FIELDS
        if field in left.shown or field in right.shown
    ]
    review.audit_pair_read(session, actor, proposal)
    return Pair(
        id=proposal.id,
        kind=proposal.kind,
        status=proposal.status,
        probability=proposal.match_probability,
        match_weight=proposal.match_weight,
        explanation=proposal.explanation,
        vetoed=proposal.vetoed,
        model_version=proposal.model_version,
        created_at=proposal.created_at,
        decided_by=proposal.decided_by,
        decided_at=proposal.decided_at,
        decision_reason=proposal.decision_reason,
        left=left,
        right=right,
        rows=rows,
        weights=weights_of(proposal.fields),
    )


def _load_person(session: Session, person_id: int) -> Person:
    person = session.scalars(
        select(Person)
        .where(Person.id == person_id)
        .options(selectinload(Person.names), selectinload(Person.identifiers))
    ).one()
    return person


def next_pending(session: Session, *, after: int | None = None) -> int | None:
    """The proposal at the top of the queue (other than `after`), or None when it is empty."""
    query = select(LinkProposal.id).where(LinkProposal.status == "pending")
    if after is not None:
        query = query.where(LinkProposal.id != after)
    query = query.order_by(
        LinkProposal.priority.desc(), LinkProposal.match_probability.desc(), LinkProposal.id
    ).limit(1)
    return session.scalar(query)


def decide(
    session: Session,
    actor: Actor,
    proposal_id: int,
    *,
    decision: Literal["accept", "reject"],
    reason: str,
) -> Decision:
    """Accept (merge, or link the report) or reject a pending proposal, with the reason."""
    actor.require(Permission.REVIEW)
    if not (reason or "").strip():
        raise InvalidInput("reason", _("say why: the reason is kept with the decision"))
    reason = checked_reason(reason)
    merge_id: int | None = None
    if decision == "accept":
        proposal = review.accept(session, actor=actor, proposal_id=proposal_id, reason=reason)
        detail = _proposal_detail(proposal, reason)
        audit.log(
            session,
            actor,
            AuditAction.REVIEW_ACCEPT,
            object_type="link_proposal",
            object_id=proposal.id,
            detail=detail,
        )
        if proposal.report_id is not None:
            audit.log(
                session,
                actor,
                AuditAction.LINK_REPORT,
                object_type="report",
                object_id=proposal.report_id,
                detail={"person_id": proposal.person_id, "proposal_id": proposal.id},
            )
        else:
            merge = session.scalars(
                select(Merge).where(Merge.proposal_id == proposal.id).order_by(Merge.id.desc())
            ).first()
            assert merge is not None
            merge_id = merge.id
            audit.log(
                session,
                actor,
                AuditAction.MERGE,
                object_type="merge",
                object_id=merge.id,
                detail={
                    "survivor_id": merge.survivor_id,
                    "absorbed_id": merge.absorbed_id,
                    "proposal_id": proposal.id,
                    "reason": reason,
                },
            )
    else:
        proposal = review.reject(session, actor=actor, proposal_id=proposal_id, reason=reason)
        audit.log(
            session,
            actor,
            AuditAction.REVIEW_REJECT,
            object_type="link_proposal",
            object_id=proposal.id,
            detail=_proposal_detail(proposal, reason),
        )
    return Decision(
        proposal_id=proposal.id,
        kind=proposal.kind,
        status=proposal.status,
        person_id=proposal.person_id,
        merge_id=merge_id,
        report_id=proposal.report_id,
        next_id=next_pending(session, after=proposal.id),
    )


def _proposal_detail(proposal: LinkProposal, reason: str) -> dict[str, Any]:
    return {
        "kind": proposal.kind,
        "person_id": proposal.person_id,
        "other_person_id": proposal.other_person_id,
        "report_id": proposal.report_id,
        "match_probability": round(proposal.match_probability, 6),
        "reason": reason,
    }
