"""Reading the candidates, the balance and the composition of an exchange's lists: the
session-facing side of `lists.py`. Reads are audited."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy.orm import Session

from homeward.access import audit
from homeward.access.actor import Actor
from homeward.access.audit import AuditAction
from homeward.access.roles import Permission, allows
from homeward.errors import Message
from homeward.exchanges.categories import category
from homeward.exchanges.facts import Someone, in_captivity, these
from homeward.exchanges.lists import Balance, Candidate, candidates, composition
from homeward.exchanges.service import balance_of, current_list, get_exchange
from homeward.exchanges.vocab import ListSide

MEDICAL = "seriously_ill"  # the category that a doctor's finding decides (custody's medical data)


def sees_medical(actor: Actor) -> bool:
    """Whether the actor may see who is seriously ill by a doctor's finding: those who plan
    exchanges (Art. 109-110 repatriation needs it) and those who read custody's medical data."""
    return allows(actor.role, Permission.EXCHANGES) or allows(
        actor.role, Permission.CUSTODY_SPECIAL
    )


def _without_health(persons: list[Someone]) -> list[Someone]:
    return [
        replace(p, facts=replace(p.facts, seriously_ill=None))
        if p.facts.seriously_ill is not None
        else p
        for p in persons
    ]


def withholds_categories(actor: Actor, agreed: Sequence[str], listed: Sequence[str] = ()) -> bool:
    """Whether each person's categories are withheld from the actor altogether: for a reader
    who may not see the medical category, once it is among the exchange's (or a listed
    person's) categories, an empty cell or "under none" would tell who is seriously ill."""
    return not sees_medical(actor) and (MEDICAL in agreed or MEDICAL in listed)


def audit_exchange_read(session: Session, actor: Actor, exchange_id: int) -> None:
    """A read of an exchange that shows no person's categories (a comparison of versions)."""
    actor.require(Permission.READ)
    get_exchange(session, exchange_id)
    audit.log(
        session, actor, AuditAction.VIEW_EXCHANGE, object_type="exchange", object_id=exchange_id
    )


def audit_medical(session: Session, actor: Actor, exchange_id: int, persons: list[int]) -> None:
    """A read of the medical category, audited as custody's other reads of medical data."""
    if persons:
        audit.log(
            session, actor, AuditAction.VIEW_SPECIAL, object_type="exchange",
            object_id=exchange_id, detail={"medical": True, "persons": sorted(set(persons))},
        )  # fmt: skip


def find_candidates(
    session: Session,
    *,
    actor: Actor,
    exchange_id: int,
    side: ListSide,
    codes: Sequence[str] = (),
    with_maybe: bool = True,
) -> tuple[list[Candidate], list[Candidate]]:
    """Who falls under the categories (the exchange's, unless `codes` are given) on the
    exchange day, ranked; and who would but may never be offered, with the reason."""
    actor.require(Permission.READ)
    exchange = get_exchange(session, exchange_id)
    medical = sees_medical(actor)
    wanted = [
        category(code) for code in (codes or exchange.categories) if medical or code != MEDICAL
    ]
    persons = in_captivity(session, side, exchange.day)
    if not medical:  # neither the category nor the ranking by it may tell who is ill
        persons = _without_health(persons)
    found, excluded = candidates(persons, wanted, exchange.day, with_maybe=with_maybe)
    audit.log(
        session,
        actor,
        AuditAction.VIEW_EXCHANGE,
        object_type="exchange",
        object_id=exchange_id,
        detail={"candidates": side.value, "categories": [c.code for c in wanted]},
    )
    if medical:
        ill = [c.person.id for c in (*found, *excluded) if c.person.facts.seriously_ill]
        audit_medical(session, actor, exchange_id, ill)
    return found, excluded


def compositions(session: Session, exchange_id: int) -> dict[str, dict[str, dict[str, int]]]:
    """Each list as it now stands, counted by category, rank, citizenship and time held."""
    exchange = get_exchange(session, exchange_id)
    found = {}
    for side in ListSide:
        listed = current_list(session, exchange_id, side)
        found[side.value] = composition(these(session, listed, exchange.day), listed, exchange.day)
    return found


# the problems of a balance that count persons under none, or only maybe under, the agreed
# categories: with the categories withheld, the seriously ill are those figures' remainder
_COUNTS_OF_UNFIT = (
    "listed under none of the agreed categories (%(side)s): %(count)s",
    "listed under the agreed categories only maybe (%(side)s): %(count)s; "
    "the register's facts do not settle it",
)


def _tells_illness(message: Message) -> bool:
    return message.values.get("code") == MEDICAL or message.template in _COUNTS_OF_UNFIT


def _balance_shown(result: Balance, withheld: bool) -> dict[str, Any]:
    """The balance as a reader sees it. With the categories withheld (`withholds_categories`)
    the medical category's row is left out, and so is every count it could be told from by
    subtraction: those under none, or only maybe under, the agreed categories, and the problems
    and notes that give them; a problem left out is said to be there without its figures."""
    problems = list(result.problems)  # messages: English as text, translatable
    notes = list(result.notes)
    rows = result.rows
    if withheld:
        problems = [p for p in problems if not _tells_illness(p)]
        notes = [n for n in notes if not _tells_illness(n)]
        rows = [r for r in rows if r.code != MEDICAL]
        if len(problems) < len(result.problems):
            problems.append(
                Message(
                    "something else unbalances the lists too, not shown here: "
                    "it would tell who is seriously ill"
                )
            )
    return {
        "balanced": result.balanced,
        "own": result.own,
        "adversary": result.adversary,
        "problems": problems,
        "notes": notes,
        "fit_none": None
        if withheld
        else {"own": len(result.unfit_own), "adversary": len(result.unfit_adversary)},
        "fit_maybe": None
        if withheld
        else {"own": len(result.uncertain_own), "adversary": len(result.uncertain_adversary)},
        "categories": [
            {
                "code": r.code,
                "own": r.own,
                "adversary": r.adversary,
                "quota": r.quota,
                "left_over": r.left_over,
            }
            for r in rows
        ],
    }


def _compositions_shown(
    found: dict[str, dict[str, dict[str, int]]], withheld: bool
) -> dict[str, dict[str, dict[str, int]]]:
    """With the categories withheld, each list's count by category gives neither the seriously
    ill nor those under no category (the list's length less them would)."""
    if not withheld:
        return found
    hidden = (MEDICAL, "none")
    shown = {}
    for side, by in found.items():
        counts = {k: n for k, n in by.get("category", {}).items() if k not in hidden}
        shown[side] = by | {"category": counts}
    return shown


def summary(session: Session, *, actor: Actor, exchange_id: int) -> dict[str, Any]:
    """An exchange as `exchange show` and its page give it (the read audited)."""
    from homeward.exchanges.reconcile import reconciliations

    audit_exchange_read(session, actor, exchange_id)
    exchange = get_exchange(session, exchange_id)
    result = balance_of(session, exchange)
    medical = sees_medical(actor)
    current = {side: current_list(session, exchange_id, side) for side in ListSide}
    withheld = withholds_categories(
        actor,
        exchange.categories,
        [c for listed in current.values() for cs in listed.values() for c in cs],
    )
    ill: list[int] = []
    lists = {}
    for side in ListSide:
        listed = current[side]
        persons = {s.id: s for s in these(session, listed, exchange.day)}
        unfit = set(result.unfit_own if side is ListSide.OWN else result.unfit_adversary)
        lists[side.value] = [
            {
                "person_id": pid,
                "name": persons[pid].name,
                "categories": [] if withheld else [c for c in cats if medical or c != MEDICAL],
                "fits_none": not withheld and pid in unfit,
                # under these only maybe (the balance found them: not evaluated again)
                "fits_maybe": []
                if withheld
                else [c for c in result.maybe_under.get(pid, ()) if medical or c != MEDICAL],
                # the same for everyone: nothing in a row may tell an ill person from a well one
                "categories_withheld": withheld,
            }
            for pid, cats in listed.items()
        ]
        ill += [pid for pid, cats in listed.items() if MEDICAL in cats]
    if medical:
        audit_medical(session, actor, exchange_id, ill)
    return {
        "id": exchange.id,
        "name": exchange.name,
        "mediator": exchange.mediator,
        "mode": exchange.mode,
        "state": exchange.state,
        "phases": [p.on for p in exchange.phases],
        "carried_out_on": exchange.carried_out_on,
        "categories": exchange.categories,
        "quotas": exchange.quotas,
        "agreed_reason": exchange.agreed_reason,
        "lists": lists,
        "categories_withheld": withheld,  # each person's categories: see `withholds_categories`
        "balance": _balance_shown(result, withheld),
        "composition": _compositions_shown(compositions(session, exchange_id), withheld),
        "reconciliations": reconciliations(session, exchange_id),
    }
