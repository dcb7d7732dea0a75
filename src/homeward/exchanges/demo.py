"""Demo exchanges on the synthetic register: categories agreed, both lists built from the
candidates, rosters that differ from the lists as in life (no-shows, substitutions, people the
register never knew, names in Latin letters), reconciled through the real reconciliation — so
that the share of returnees never confirmed before return is counted from the data."""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from homeward.access.actor import Actor, Channel
from homeward.db import session_factory, transaction
from homeward.exchanges import service
from homeward.exchanges.categories import category
from homeward.exchanges.facts import in_captivity
from homeward.exchanges.lists import candidates
from homeward.exchanges.reconcile import Roster, apply_reconciliation
from homeward.exchanges.vocab import ListSide, Mode, Verdict
from homeward.names import transliterate
from homeward.registry.models import Person

DEMO = Actor("demo", Channel.DEMO)
_UNKNOWN = (
    ("Гнатюк", "Ростислав", "Ігорович", "14.05.1996"),
    ("Дячук", "Тарас", "Олегович", "1989"),
    ("Лозинський", "Віктор", "Степанович", "02.11.1979"),
    ("Ярошенко", "Максим", "Андрійович", "07.2001"),
)


@dataclass(frozen=True)
class Plan:
    name: str
    days_ago: int
    mode: Mode
    codes: tuple[str, ...]
    size: int  # persons per side


PLANS = (
    Plan("Обмін за категоріями: поранені та молодші за 25", 40, Mode.ALL_FOR_ALL,
         ("seriously_ill", "under_25"), 40),
    Plan("Обмін один на одного: у полоні з 2022 року", 12, Mode.ONE_FOR_ONE, ("since_2022",), 30),
)  # fmt: skip


@dataclass
class DemoExchange:
    exchange_id: int
    name: str
    result: dict[str, object]


def _roster(rows: list[tuple[str, str, str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Прізвище", "Ім'я", "По батькові", "Дата народження"])
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _row(person: Person, latin: bool) -> tuple[str, str, str, str]:
    parts = (person.surname, person.given_name or "", person.patronymic or "")
    if latin:
        parts = tuple(transliterate(p) for p in parts)  # type: ignore[assignment]
    born = person.birth
    return (
        *parts,
        born.earliest.strftime("%d.%m.%Y")
        if born and born.day
        else (str(born.year) if born else ""),
    )


def _one(
    session: Session, rnd: random.Random, plan: Plan, today: date, used: set[int]
) -> DemoExchange:
    day = today - timedelta(days=plan.days_ago)
    exchange = service.create_exchange(
        session, actor=DEMO, name=plan.name, days=[day], mode=plan.mode, mediator="ОАЕ",
        categories=plan.codes,
    )  # fmt: skip
    wanted = [category(code) for code in plan.codes]
    lists: dict[ListSide, list[int]] = {}
    for side in ListSide:
        found, _ = candidates(in_captivity(session, side, day), wanted, day, with_maybe=False)
        ids = [c.person.id for c in found if c.verdict is Verdict.YES and c.person.id not in used]
        lists[side] = ids[: plan.size]
    size = min(len(lists[ListSide.OWN]), len(lists[ListSide.ADVERSARY]))
    for side in ListSide:
        chosen = lists[side][:size] if plan.mode is Mode.ONE_FOR_ONE else lists[side]
        if chosen:
            service.propose(
                session, actor=DEMO, exchange_id=exchange.id, side=side, person_ids=chosen,
                reason="кандидати за погодженими категоріями",
            )  # fmt: skip
            used.update(chosen)
    if not size:
        return DemoExchange(exchange.id, plan.name, {})  # too small a register: lists not agreed
    service.agree(session, actor=DEMO, exchange_id=exchange.id, reason="погоджено з посередником")
    result = _reconcile_own(session, rnd, exchange.id, day, used)
    _reconcile_adversary(session, random.Random(exchange.id), exchange.id)  # own stream
    return DemoExchange(exchange.id, plan.name, result)


def _reconcile_adversary(session: Session, rnd: random.Random, exchange_id: int) -> None:
    """Those we handed over, as the handover's roster names them: the agreed list but for one
    who refused at the last moment, now and then. Applied, they are repatriated and offered to
    no later exchange."""
    listed = list(service.agreed_list(session, exchange_id, ListSide.ADVERSARY))
    if not listed:
        return
    stayed = set(rnd.sample(listed, k=1)) if len(listed) > 5 and rnd.random() < 0.5 else set()
    went = [p for p in listed if p not in stayed]
    persons = {p.id: p for p in session.scalars(select(Person).where(Person.id.in_(went)))}
    rows = [_row(persons[p], latin=False) for p in went]
    rnd.shuffle(rows)
    roster = Roster(_roster(rows), f"handover-{exchange_id}.csv")
    apply_reconciliation(
        session, actor=DEMO, exchange_id=exchange_id, side=ListSide.ADVERSARY, roster=roster
    )


def _reconcile_own(
    session: Session, rnd: random.Random, exchange_id: int, day: date, used: set[int]
) -> dict[str, object]:
    listed = list(service.agreed_list(session, exchange_id, ListSide.OWN))
    no_shows = set(rnd.sample(listed, k=min(3, len(listed) // 5)))
    others = [s.id for s in in_captivity(session, ListSide.OWN, day) if s.id not in used]
    substitutes = rnd.sample(others, k=min(4, len(others)))
    used.update(substitutes)
    came = [p for p in listed if p not in no_shows] + substitutes
    persons = {p.id: p for p in session.scalars(select(Person).where(Person.id.in_(came)))}
    rows = [_row(persons[p], latin=rnd.random() < 0.3) for p in came]
    rows += rnd.sample(_UNKNOWN, k=2)
    rnd.shuffle(rows)
    roster = Roster(_roster(rows), f"roster-{exchange_id}.csv")
    return apply_reconciliation(
        session, actor=DEMO, exchange_id=exchange_id, side=ListSide.OWN, roster=roster
    )


def build_exchanges_demo(
    engine: Engine, *, seed: int = 1, today: date | None = None
) -> list[DemoExchange]:
    rnd = random.Random(seed)
    today = today or date.today()
    made = []
    used: set[int] = set()
    for plan in PLANS:
        with transaction(session_factory(engine)) as session:
            made.append(_one(session, rnd, plan, today, used))
    return made


def print_exchanges_demo(made: list[DemoExchange]) -> None:
    from homeward.cli_support import console

    made = [d for d in made if d.result]
    returned = sum(int(str(d.result["rows"])) for d in made)
    never = sum(int(str(d.result["never_confirmed_before_return"])) for d in made)
    for demo in made:
        r = demo.result
        console.print(
            f"Exchange {demo.exchange_id} ({demo.name}): {r['rows']} came back, "
            f"{r['came_back_on_list']} on the list, {r['came_back_not_on_list']} not on it, "
            f"{r['did_not_come']} did not come, {r['unknown_to_register']} unknown to the "
            f"register, {r['never_confirmed_before_return']} never confirmed before return."
        )
    if returned:
        console.print(
            f"Never confirmed as captive before return, counted from the reconciled rosters: "
            f"{never} of {returned} ({never / returned:.0%}); homeward exchange show ID, /exchanges"
        )
