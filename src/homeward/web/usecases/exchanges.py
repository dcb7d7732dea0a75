"""The exchanges' pages: forms read into the services' terms. No SQL and no rules here."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from homeward.access import audit
from homeward.access.actor import Actor
from homeward.access.audit import AuditAction
from homeward.access.roles import Permission
from homeward.dates import parse_partial_date
from homeward.errors import HomewardError, InvalidInput, Message, NotFound
from homeward.exchanges import service
from homeward.exchanges.candidates import audit_exchange_read, find_candidates, summary
from homeward.exchanges.categories import categories
from homeward.exchanges.facts import Someone, these
from homeward.exchanges.lists import Candidate
from homeward.exchanges.models import Exchange
from homeward.exchanges.reconcile import (
    Roster,
    RosterHasErrors,
    apply_reconciliation,
    never_confirmed_by_exchange,
    plan_reconciliation,
)
from homeward.exchanges.vocab import KEYS, HoldKind, ListSide, Mode
from homeward.text import ascii_number
from homeward.web.labels import word

MAX_ID = 10**9


def side_of(text: str | None) -> ListSide:
    try:
        return ListSide(text or "own")
    except ValueError:
        raise InvalidInput("side", "%(value)s is not own or adversary", value=repr(text)) from None


def day_of(text: str) -> date:
    return _day(text)


def _day(text: str) -> date:
    parsed = parse_partial_date(text[:50], field="on")
    if parsed is None or parsed.day is None:
        raise InvalidInput("on", "give the day: dd.mm.yyyy")
    return parsed.earliest


def create(session: Session, actor: Actor, form: Mapping[str, Any]) -> Exchange:
    days = [_day(text) for text in str(form.get("on", "")).replace(",", " ").split()]
    try:
        mode = Mode(form.get("mode") or Mode.ALL_FOR_ALL.value)
    except ValueError:
        raise InvalidInput(
            "mode", "%(value)s is not a mode", value=repr(form.get("mode"))
        ) from None
    return service.create_exchange(
        session,
        actor=actor,
        name=str(form.get("name", "")),
        days=days,
        mode=mode,
        mediator=str(form.get("mediator", "")) or None,
        categories=[str(c) for c in form.get("categories", []) if str(c) in categories()],
    )


def page(session: Session, actor: Actor, exchange_id: int) -> dict[str, Any]:
    shown = summary(session, actor=actor, exchange_id=exchange_id)
    shown["versions"] = {
        side.value: [
            {"number": v.number, "by": v.created_by, "at": v.created_at, "reason": v.reason,
             "agreed": v.agreed, "size": len(v.entries)}
            for v in service.versions(session, exchange_id, side)
        ]
        for side in ListSide
    }  # fmt: skip
    return shown


def exchanges_json(session: Session, actor: Actor) -> list[dict[str, Any]]:
    """The exchanges as the API gives them (the read audited)."""
    actor.require(Permission.READ)
    never = never_confirmed_by_exchange(session)
    found = []
    for exchange in service.list_exchanges(session):
        figures = never.get(exchange.id, {})
        found.append(
            {
                "id": exchange.id,
                "name": exchange.name,
                "mediator": exchange.mediator,
                "mode": exchange.mode,
                "state": exchange.state,
                "phases": [p.on for p in exchange.phases],
                "carried_out_on": exchange.carried_out_on,
                "categories": exchange.categories,
                "returned": figures.get("returned"),
                "never_confirmed": figures.get("never_confirmed"),
                "never_confirmed_share": figures.get("share"),
            }
        )
    audit.log(
        session, actor, AuditAction.VIEW_EXCHANGE, object_type="exchanges",
        detail={"count": len(found), "exchanges": [e["id"] for e in found]},
    )  # fmt: skip
    return found


def exchange_json(session: Session, actor: Actor, exchange_id: int) -> dict[str, Any]:
    """One exchange as the API gives it: `exchange show --json`, its reconciliations' figures
    and persons (the read audited)."""
    shown = summary(session, actor=actor, exchange_id=exchange_id)
    shown["reconciliations"] = {
        side: {key: result.get(key) for key in _RECONCILED} | {"persons": result["persons"]}
        for side, result in shown["reconciliations"].items()
    }
    return shown


_RECONCILED = ("side", "file_name", "rows", *KEYS, "never_confirmed_share")


def builder(
    session: Session, actor: Actor, exchange_id: int, side: ListSide, codes: list[str]
) -> tuple[list[Candidate], list[Candidate]]:
    known = [code for code in codes if code in categories()]
    return find_candidates(session, actor=actor, exchange_id=exchange_id, side=side, codes=known)


def person_ids(values: list[str]) -> list[int]:
    found = []
    for value in values:
        number = ascii_number(value.strip(), most=MAX_ID)
        if number is None:
            raise InvalidInput("person", "%(value)s is not a person's number", value=repr(value))
        found.append(number)
    return found


def propose(
    session: Session, actor: Actor, exchange_id: int, side: ListSide, ids: list[int], reason: str
) -> None:
    service.propose(
        session, actor=actor, exchange_id=exchange_id, side=side, person_ids=ids, reason=reason
    )


def agree(session: Session, actor: Actor, exchange_id: int, reason: str) -> None:
    service.agree(session, actor=actor, exchange_id=exchange_id, reason=reason or None)


def carried_out(session: Session, actor: Actor, exchange_id: int, on: str) -> None:
    day = _day(on) if on.strip() else None
    service.carry_out(session, actor=actor, exchange_id=exchange_id, on=day)


def record_hold(session: Session, actor: Actor, person_id: int, form: Mapping[str, Any]) -> None:
    """A hold from the custody page's form: held back for proceedings, or refusing
    repatriation, since a day."""
    try:
        kind = HoldKind(str(form.get("kind") or ""))
    except ValueError:
        raise InvalidInput(
            "kind", "%(value)s is not proceedings or refuses", value=repr(form.get("kind"))
        ) from None
    since = str(form.get("since") or "")
    if not since.strip():
        raise InvalidInput("since", "give the day: dd.mm.yyyy")
    service.hold(
        session, actor=actor, person_id=person_id, kind=kind,
        since=_since(since), note=str(form.get("note") or "") or None,
    )  # fmt: skip


def lift_hold(
    session: Session, actor: Actor, person_id: int, hold_id: str, form: Mapping[str, Any]
) -> None:
    """A hold lifted from the custody page's form: the day he may be offered again, and why."""
    number = ascii_number(hold_id, most=MAX_ID)
    if number is None:
        raise NotFound("there is no hold %(hold_id)s", hold_id=hold_id[:20])
    on = str(form.get("on") or "")
    if not on.strip():
        raise InvalidInput("on", "give the day: dd.mm.yyyy")
    service.lift_hold(
        session, actor=actor, hold_id=number, person_id=person_id,
        on=_since(on, field="on"), reason=str(form.get("reason") or ""),
    )  # fmt: skip


def _since(text: str, *, field: str = "since") -> date:
    parsed = parse_partial_date(text[:50], field=field)
    if parsed is None or parsed.day is None:
        raise InvalidInput(field, "give the day: dd.mm.yyyy")
    return parsed.earliest


def compare(
    session: Session, actor: Actor, exchange_id: int, side: ListSide, older: str, newer: str
) -> dict[str, Any]:
    low = ascii_number(older, most=MAX_ID)
    high = ascii_number(newer, most=MAX_ID)
    if low is None or high is None:
        raise InvalidInput("from", "choose two versions to compare")
    audit_exchange_read(session, actor, exchange_id)  # the read, audited: no categories shown
    return service.compare(session, exchange_id=exchange_id, side=side, older=low, newer=high)


def reconcile(
    session: Session,
    actor: Actor,
    exchange_id: int,
    side: ListSide,
    roster: Roster,
    *,
    dry_run: bool,
) -> dict[str, Any]:
    if dry_run:
        plan = plan_reconciliation(
            session, actor=actor, exchange_id=exchange_id, side=side, roster=roster
        )
        return {**plan.outcome(), "dry_run": True}
    return apply_reconciliation(
        session, actor=actor, exchange_id=exchange_id, side=side, roster=roster
    )


def roster_error(error: HomewardError) -> HomewardError:
    """A roster's problem as a page says it: a field by its words, never its code, and no
    advice for the command line (its options mean nothing on a page)."""
    if isinstance(error, RosterHasErrors) and "field" in error.values:
        values = dict(error.values)
        values["field"] = Message(word(values["field"]))
        return RosterHasErrors(error.message, **values)
    if "--column" in error.message and {"sheet", "count"} <= set(error.values):
        return InvalidInput(
            "file",
            "%(sheet)s: no row among the first %(count)s names a surname or full-name "
            "column: give the roster a header row that names its columns (Surname, Given "
            "name, Date of birth)",
            **error.values,
        )
    return error


def names_of(session: Session, compared: dict[str, Any], exchange_id: int) -> list[Someone]:
    exchange = service.get_exchange(session, exchange_id)
    return these(session, [*compared["added"], *compared["removed"]], exchange.day)
