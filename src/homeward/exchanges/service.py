"""Exchanges and their lists: create, propose, withdraw, agree, compare; holds. Services never
commit; each change writes its audit entry in the caller's transaction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from homeward.access import audit
from homeward.access.actor import Actor
from homeward.access.audit import AuditAction
from homeward.access.roles import Permission
from homeward.errors import InvalidInput, Message, NotFound
from homeward.exchanges.categories import category
from homeward.exchanges.facts import these
from homeward.exchanges.lists import Balance, balance
from homeward.exchanges.models import Exchange, ExchangePhase, Hold, ListEntry, ListVersion
from homeward.exchanges.rules import evaluate, held_back
from homeward.exchanges.vocab import WAR_BEGAN, HoldKind, ListSide, Mode, State, Verdict
from homeward.registry.models import Person
from homeward.registry.vocab import Status
from homeward.text import checked_reason, checked_text

# a person with one of these statuses is in nobody's captivity: no list may hold him
_NOT_CAPTIVE = frozenset(
    {
        Status.RETURNED,
        Status.DECEASED,
        Status.REPATRIATED,
        Status.RELEASED,
        Status.ESCAPED,
        Status.TRANSFERRED,
    }
)


def holdable(person: Person) -> bool:
    """Whether a hold may be recorded on him: a prisoner of the other side whom nobody has let go
    (not returned, repatriated, released, escaped, transferred or dead). `hold` accepts exactly
    these, and the pages offer the form exactly for these."""
    return person.side == ListSide.ADVERSARY.value and person.status not in _NOT_CAPTIVE


def _audit(
    session: Session, actor: Actor, action: AuditAction, exchange_id: int, **detail: Any
) -> None:
    audit.log(session, actor, action, object_type="exchange", object_id=exchange_id, detail=detail)


def create_exchange(
    session: Session,
    *,
    actor: Actor,
    name: str,
    days: Sequence[date],
    mode: Mode = Mode.ALL_FOR_ALL,
    mediator: str | None = None,
    categories: Sequence[str] = (),
    quotas: dict[str, int] | None = None,
) -> Exchange:
    """A proposed exchange, in one phase per day given."""
    actor.require(Permission.EXCHANGES)
    name = checked_text("name", name, limit=200, required=True)
    mediator = checked_text("mediator", mediator, limit=200) or None
    if not days:
        raise InvalidInput("on", "an exchange needs a day")
    for day in days:
        if day < WAR_BEGAN:
            raise InvalidInput(
                "on",
                "%(day)s is before the war began (%(began)s): no exchange of it is",
                day=day.strftime("%d.%m.%Y"),
                began=WAR_BEGAN.strftime("%d.%m.%Y"),
            )
    codes = [category(code).code for code in dict.fromkeys(categories)]
    quotas = dict(quotas or {})
    for code, count in quotas.items():
        if code not in codes:
            raise InvalidInput("quota", "%(code)s is not a category of this exchange", code=code)
        if count < 0:
            raise InvalidInput("quota", "%(code)s: a number cannot be negative", code=code)
    exchange = Exchange(
        name=name,
        mediator=mediator,
        mode=mode.value,
        state=State.PROPOSED.value,
        categories=codes,
        quotas=quotas,
        created_by=actor.name,
    )
    exchange.phases = [ExchangePhase(number=n, on=d) for n, d in enumerate(sorted(days), 1)]
    session.add(exchange)
    session.flush()
    _audit(session, actor, AuditAction.EXCHANGE_NEW, exchange.id, name=name, mode=mode.value)
    return exchange


def get_exchange(session: Session, exchange_id: int) -> Exchange:
    exchange = session.get(Exchange, exchange_id)
    if exchange is None:
        raise NotFound("there is no exchange %(exchange_id)s", exchange_id=exchange_id)
    return exchange


def list_exchanges(session: Session) -> list[Exchange]:
    return list(session.scalars(select(Exchange).order_by(Exchange.id.desc())))


def versions(session: Session, exchange_id: int, side: ListSide) -> list[ListVersion]:
    return list(
        session.scalars(
            select(ListVersion)
            .where(ListVersion.exchange_id == exchange_id, ListVersion.side == side.value)
            .order_by(ListVersion.number)
        )
    )


def current_version(session: Session, exchange_id: int, side: ListSide) -> ListVersion | None:
    found = versions(session, exchange_id, side)
    return found[-1] if found else None


def current_list(session: Session, exchange_id: int, side: ListSide) -> dict[int, list[str]]:
    """The persons on a side's list as it now stands, each with his categories."""
    version = current_version(session, exchange_id, side)
    return {e.person_id: list(e.categories) for e in version.entries} if version else {}


def _open(exchange: Exchange) -> None:
    if exchange.state != State.PROPOSED.value:
        raise InvalidInput(
            "exchange",
            "exchange %(id)s is %(state)s: its lists no longer change",
            id=exchange.id,
            state=exchange.state,
        )


def _check_proposed(
    session: Session, exchange: Exchange, side: ListSide, person_ids: Sequence[int]
) -> dict[int, list[str]]:
    """Each person's categories; `InvalidInput` naming the first person who may not be
    proposed, before anything is written."""
    listed = current_list(session, exchange.id, side)
    other = current_list(session, exchange.id, _other(side))
    seen: set[int] = set()
    persons = {p.id: p for p in session.scalars(select(Person).where(Person.id.in_(person_ids)))}
    someone = {s.id: s for s in these(session, person_ids, exchange.day)}
    found: dict[int, list[str]] = {}
    for person_id in person_ids:
        where = f"person {person_id}"
        person = persons.get(person_id)
        if person is None:
            raise InvalidInput(where, "there is no person %(person_id)s", person_id=person_id)
        if person_id in seen or person_id in listed:
            raise InvalidInput(where, "already on the %(side)s list", side=side.value)
        if person_id in other:
            raise InvalidInput(where, "already on the %(side)s list", side=_other(side).value)
        if person.merged_into_id is not None:
            raise InvalidInput(
                where, "was merged into person %(into)s: propose him", into=person.merged_into_id
            )
        if person.side != side.value:
            raise InvalidInput(
                where,
                "is of the %(his)s side: not for the %(side)s list",
                his=person.side,
                side=side.value,
            )
        if person.status in _NOT_CAPTIVE:
            raise InvalidInput(where, "is not in captivity (%(status)s)", status=person.status)
        why = held_back(someone[person_id].facts)
        if why is not None:
            raise InvalidInput(where, why.template)
        seen.add(person_id)
        found[person_id] = [
            code
            for code in exchange.categories
            if evaluate(category(code), someone[person_id].facts, exchange.day).verdict
            is Verdict.YES
        ]
    return found


def _other(side: ListSide) -> ListSide:
    return ListSide.ADVERSARY if side is ListSide.OWN else ListSide.OWN


def _new_version(
    session: Session,
    actor: Actor,
    exchange: Exchange,
    side: ListSide,
    entries: dict[int, list[str]],
    reason: str,
) -> ListVersion:
    previous = current_version(session, exchange.id, side)
    version = ListVersion(
        exchange_id=exchange.id,
        side=side.value,
        number=(previous.number + 1) if previous else 1,
        reason=reason,
        agreed=False,
        created_by=actor.name,
    )
    version.entries = [ListEntry(person_id=p, categories=c) for p, c in sorted(entries.items())]
    session.add(version)
    session.flush()
    return version


def propose(
    session: Session,
    *,
    actor: Actor,
    exchange_id: int,
    side: ListSide,
    person_ids: Sequence[int],
    reason: str,
) -> ListVersion:
    """Add persons to a side's list: a new version, saying who, when and why."""
    actor.require(Permission.EXCHANGES)
    reason = checked_reason(reason)
    exchange = get_exchange(session, exchange_id)
    _open(exchange)
    if not person_ids:
        raise InvalidInput("person", "name at least one person to propose")
    added = _check_proposed(session, exchange, side, person_ids)
    entries = {**current_list(session, exchange_id, side), **added}
    version = _new_version(session, actor, exchange, side, entries, reason)
    _audit(
        session,
        actor,
        AuditAction.EXCHANGE_LIST,
        exchange_id,
        side=side.value,
        version=version.number,
        added=sorted(added),
    )
    return version


def withdraw(
    session: Session,
    *,
    actor: Actor,
    exchange_id: int,
    side: ListSide,
    person_ids: Sequence[int],
    reason: str,
) -> ListVersion:
    """Take persons off a side's list: a new version, saying who, when and why."""
    actor.require(Permission.EXCHANGES)
    reason = checked_reason(reason)
    exchange = get_exchange(session, exchange_id)
    _open(exchange)
    entries = current_list(session, exchange_id, side)
    for person_id in person_ids:
        if person_id not in entries:
            raise InvalidInput(
                f"person {person_id}", "is not on the %(side)s list", side=side.value
            )
    for person_id in person_ids:
        del entries[person_id]
    version = _new_version(session, actor, exchange, side, entries, reason)
    _audit(
        session,
        actor,
        AuditAction.EXCHANGE_LIST,
        exchange_id,
        side=side.value,
        version=version.number,
        removed=sorted(person_ids),
    )
    return version


def balance_of(session: Session, exchange: Exchange) -> Balance:
    own = current_list(session, exchange.id, ListSide.OWN)
    adversary = current_list(session, exchange.id, ListSide.ADVERSARY)
    return balance(
        Mode(exchange.mode),
        own,
        adversary,
        exchange.categories,
        exchange.quotas,
        maybe_under(session, exchange, [p for p, c in (own | adversary).items() if not c]),
    )


def maybe_under(
    session: Session, exchange: Exchange, person_ids: Sequence[int]
) -> dict[int, list[str]]:
    """The agreed categories each of these persons falls under only maybe on the exchange day
    (the list keeps only those he falls under for certain)."""
    if not person_ids or not exchange.categories:
        return {}
    wanted = [category(code) for code in exchange.categories]
    return {
        someone.id: [
            c.code
            for c in wanted
            if evaluate(c, someone.facts, exchange.day).verdict is Verdict.MAYBE
        ]
        for someone in these(session, person_ids, exchange.day)
    }


def _in_one(messages: Sequence[Message]) -> Message:
    """Several messages said as one ("a; b; c"), each in the reader's language."""
    said = messages[-1]
    for message in reversed(messages[:-1]):
        said = Message("%(first)s; %(rest)s", first=message, rest=said)
    return said


def agree(
    session: Session, *, actor: Actor, exchange_id: int, reason: str | None = None
) -> Exchange:
    """Mark both lists, as they now stand, agreed. Lists unbalanced under the mode are agreed
    only with a reason."""
    actor.require(Permission.EXCHANGES_AGREE)
    reason = checked_reason(reason, required=False) or None
    exchange = get_exchange(session, exchange_id)
    _open(exchange)
    own = current_version(session, exchange_id, ListSide.OWN)
    adversary = current_version(session, exchange_id, ListSide.ADVERSARY)
    if own is None and adversary is None:
        raise InvalidInput("exchange", "exchange %(id)s has no list to agree", id=exchange_id)
    result = balance_of(session, exchange)
    if not result.balanced and reason is None:
        raise InvalidInput(
            "reason",
            "the lists are not balanced: %(problems)s. Agree them only with a reason",
            problems=_in_one(result.problems),
        )
    for version in (own, adversary):
        if version is not None:
            version.agreed = True
    exchange.state = State.AGREED.value
    exchange.agreed_reason = reason
    session.flush()
    _audit(
        session,
        actor,
        AuditAction.EXCHANGE_AGREE,
        exchange_id,
        balanced=result.balanced,
        reason=reason,
        own=own.number if own else None,
        adversary=adversary.number if adversary else None,
    )
    return exchange


def carry_out(
    session: Session, *, actor: Actor, exchange_id: int, on: date | None = None
) -> Exchange:
    """Mark an agreed exchange carried out: the persons were handed over on `on` (by default
    the exchange day). Who came back is then reconciled from the rosters."""
    actor.require(Permission.EXCHANGES_AGREE)
    exchange = get_exchange(session, exchange_id)
    if exchange.state == State.PROPOSED.value:
        raise InvalidInput(
            "exchange",
            "exchange %(id)s is proposed: agree its lists before marking it carried out",
            id=exchange_id,
        )
    if exchange.state != State.AGREED.value:
        raise InvalidInput(
            "exchange",
            "exchange %(id)s was carried out already, on %(day)s",
            id=exchange_id,
            day=(exchange.carried_out_on or exchange.day).strftime("%d.%m.%Y"),
        )
    day = on or exchange.day
    if day > date.today():
        raise InvalidInput(
            "on",
            "%(day)s is in the future: mark the exchange carried out once it took place",
            day=day.strftime("%d.%m.%Y"),
        )
    if day < exchange.day:
        raise InvalidInput(
            "on",
            "%(day)s is before the exchange's first day (%(first)s)",
            day=day.strftime("%d.%m.%Y"),
            first=exchange.day.strftime("%d.%m.%Y"),
        )
    exchange.state = State.CARRIED_OUT.value
    exchange.carried_out_on = day
    session.flush()
    _audit(session, actor, AuditAction.EXCHANGE_CARRIED_OUT, exchange_id, on=day)
    return exchange


def agreed_list(session: Session, exchange_id: int, side: ListSide) -> dict[int, list[str]]:
    """The side's agreed list (its latest agreed version); empty when none was agreed."""
    agreed = [v for v in versions(session, exchange_id, side) if v.agreed]
    return {e.person_id: list(e.categories) for e in agreed[-1].entries} if agreed else {}


def compare(
    session: Session, *, exchange_id: int, side: ListSide, older: int, newer: int
) -> dict[str, Any]:
    """Two versions of a side's list: who was added, who removed, and why (the reasons of the
    versions between them)."""
    by_number = {v.number: v for v in versions(session, exchange_id, side)}
    for field, number in (("from", older), ("to", newer)):
        if number not in by_number:
            raise InvalidInput(
                field,
                "the %(side)s list has no version %(number)s",
                side=side.value,
                number=number,
            )
    low, high = sorted((older, newer))
    before = {e.person_id for e in by_number[low].entries}
    after = {e.person_id for e in by_number[high].entries}
    steps = [by_number[n] for n in sorted(by_number) if low < n <= high]
    return {
        "side": side.value,
        "from": low,
        "to": high,
        "added": sorted(after - before),
        "removed": sorted(before - after),
        "kept": len(before & after),
        "why": [
            {"version": v.number, "by": v.created_by, "at": v.created_at, "reason": v.reason}
            for v in steps
        ],
    }


def hold(
    session: Session,
    *,
    actor: Actor,
    person_id: int,
    kind: HoldKind,
    since: date,
    note: str | None = None,
) -> Hold:
    """Record that a prisoner we hold may not be offered: held back for proceedings (Art. 115,
    119) or refusing repatriation (Art. 109)."""
    actor.require(Permission.EXCHANGES)
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound("there is no person %(person_id)s", person_id=person_id)
    if person.side != ListSide.ADVERSARY.value:
        raise InvalidInput("person", "person %(id)s is not a prisoner we hold", id=person_id)
    if not holdable(person):  # repatriated, released, transferred, dead: no exchange
        raise InvalidInput(
            "person",
            "person %(id)s is no longer in our custody: there is no exchange to hold him back from",
            id=person_id,
        )
    row = Hold(
        person_id=person_id,
        kind=kind.value,
        since=since,
        note=checked_text("note", note, limit=2000) or None,
        created_by=actor.name,
    )
    session.add(row)
    session.flush()
    audit.log(
        session,
        actor,
        AuditAction.EXCHANGE_HOLD,
        object_type="person",
        object_id=person_id,
        detail={"kind": kind.value, "since": since},
    )
    return row


def lift_hold(
    session: Session,
    *,
    actor: Actor,
    hold_id: int,
    on: date,
    reason: str,
    person_id: int | None = None,
) -> Hold:
    """Lift a hold: from `on` the prisoner may be offered again. The reason is required; a hold
    is lifted once, not before it began and not on a day still to come. `person_id`, when
    given, must be the hold's (a page lifts a hold of the prisoner it shows)."""
    actor.require(Permission.EXCHANGES)
    row = session.get(Hold, hold_id)
    if row is None or (person_id is not None and row.person_id != person_id):
        raise NotFound("there is no hold %(hold_id)s", hold_id=hold_id)
    text = checked_reason(reason)
    if row.lifted_on is not None:
        raise InvalidInput(
            "hold",
            "the hold was already lifted on %(day)s by %(who)s",
            day=row.lifted_on.strftime("%d.%m.%Y"),
            who=row.lifted_by or "—",
        )
    if on < row.since:
        raise InvalidInput(
            "on",
            "a hold cannot be lifted before it began on %(day)s",
            day=row.since.strftime("%d.%m.%Y"),
        )
    if on > date.today():
        raise InvalidInput("on", "a hold cannot be lifted on a day still to come")
    row.lifted_on, row.lifted_reason, row.lifted_by = on, text, actor.name
    session.flush()
    audit.log(
        session,
        actor,
        AuditAction.EXCHANGE_HOLD_LIFTED,
        object_type="person",
        object_id=row.person_id,
        detail={"hold": row.id, "kind": row.kind, "on": on, "reason": text},
    )
    return row


def holds_of(session: Session, person_id: int) -> list[Hold]:
    """The holds recorded on a prisoner we hold, the earliest first."""
    return list(
        session.scalars(
            select(Hold).where(Hold.person_id == person_id).order_by(Hold.since, Hold.id)
        )
    )


def read_holds(session: Session, *, actor: Actor, person_id: int) -> list[Hold]:
    """`holds_of` for a reader outside the custody page (the command line), the read audited."""
    actor.require(Permission.READ)
    if session.get(Person, person_id) is None:
        raise NotFound("there is no person %(person_id)s", person_id=person_id)
    audit.log(
        session, actor, AuditAction.VIEW_EXCHANGE, object_type="person", object_id=person_id,
        detail={"holds": True},
    )  # fmt: skip
    return holds_of(session, person_id)
