"""Reading the candidates, the balance and the composition of an exchange's lists: the
session-facing side of `lists.py`. Reads are audited."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from homeward.access import audit
from homeward.access.actor import Actor
from homeward.access.audit import AuditAction
from homeward.access.roles import Permission
from homeward.exchanges.categories import category
from homeward.exchanges.facts import in_captivity, these
from homeward.exchanges.lists import Candidate, candidates, composition
from homeward.exchanges.service import balance_of, current_list, get_exchange
from homeward.exchanges.vocab import ListSide


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
    wanted = [category(code) for code in (codes or exchange.categories)]
    found, excluded = candidates(
        in_captivity(session, side, exchange.day), wanted, exchange.day, with_maybe=with_maybe
    )
    audit.log(
        session,
        actor,
        AuditAction.VIEW_EXCHANGE,
        object_type="exchange",
        object_id=exchange_id,
        detail={"candidates": side.value, "categories": [c.code for c in wanted]},
    )
    return found, excluded


def compositions(session: Session, exchange_id: int) -> dict[str, dict[str, dict[str, int]]]:
    """Each list as it now stands, counted by category, rank, citizenship and time held."""
    exchange = get_exchange(session, exchange_id)
    found = {}
    for side in ListSide:
        listed = current_list(session, exchange_id, side)
        found[side.value] = composition(these(session, listed, exchange.day), listed, exchange.day)
    return found


def summary(session: Session, *, actor: Actor, exchange_id: int) -> dict[str, Any]:
    """An exchange as `exchange show` and its page give it (the read audited)."""
    from homeward.exchanges.reconcile import reconciliations

    actor.require(Permission.READ)
    exchange = get_exchange(session, exchange_id)
    audit.log(
        session, actor, AuditAction.VIEW_EXCHANGE, object_type="exchange", object_id=exchange_id
    )
    result = balance_of(session, exchange)
    lists = {}
    for side in ListSide:
        listed = current_list(session, exchange_id, side)
        persons = {s.id: s for s in these(session, listed, exchange.day)}
        unfit = set(result.unfit_own if side is ListSide.OWN else result.unfit_adversary)
        lists[side.value] = [
            {
                "person_id": pid,
                "name": persons[pid].name,
                "categories": cats,
                "fits_none": pid in unfit,
                # under these only maybe (the balance found them: not evaluated again)
                "fits_maybe": list(result.maybe_under.get(pid, ())),
            }
            for pid, cats in listed.items()
        ]
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
        "balance": {
            "balanced": result.balanced,
            "own": result.own,
            "adversary": result.adversary,
            "problems": list(result.problems),  # messages: English as text, translatable
            "notes": list(result.notes),
            "fit_none": {"own": len(result.unfit_own), "adversary": len(result.unfit_adversary)},
            "fit_maybe": {
                "own": len(result.uncertain_own),
                "adversary": len(result.uncertain_adversary),
            },
            "categories": [
                {
                    "code": r.code,
                    "own": r.own,
                    "adversary": r.adversary,
                    "quota": r.quota,
                    "left_over": r.left_over,
                }
                for r in result.rows
            ],
        },
        "composition": compositions(session, exchange_id),
        "reconciliations": reconciliations(session, exchange_id),
    }
