"""Reconciling a roster of who was actually handed over against the register and the agreed
list. The roster is read by the import machinery (`homeward.imports`: any format the imports
read, any script, any spelling) and each row linked by `homeward.linkage`, as at intake.

`plan_reconciliation` reads and writes nothing (the dry run); `apply_reconciliation` writes, in
the caller's transaction: new persons for the unknown, `returned` or `repatriated` evidence dated
the exchange day (so the status rules decide, with history), the reconciliation and its figures.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from homeward.access import audit
from homeward.access.actor import Actor
from homeward.access.audit import AuditAction
from homeward.access.roles import Permission
from homeward.dates import PartialDate
from homeward.errors import HomewardError, InvalidInput, Message
from homeward.exchanges.models import Exchange, Reconciliation
from homeward.exchanges.service import agreed_list, current_list, get_exchange
from homeward.exchanges.vocab import KEYS, ListSide, Outcome, State
from homeward.imports.checking import CheckedFile, ImportOptions, check_workbook
from homeward.imports.reading import read_bytes
from homeward.imports.service import list_records
from homeward.linkage.candidates import find_candidates_of_list
from homeward.linkage.model import LinkageModel
from homeward.linkage.pairs import DEFAULT_THRESHOLDS
from homeward.registry.evidence import record_evidence_many
from homeward.registry.models import Person
from homeward.registry.schemas import EvidenceIn, PersonIn, SourceIn
from homeward.registry.service import insert_person
from homeward.registry.vocab import EvidenceKind, Reliability, Side, SourceKind, Status


@cache
def linkage_model() -> LinkageModel:
    return LinkageModel.load()


@dataclass
class Row:
    """One row of the roster and the person it was linked to, if any."""

    where: str  # "sheet, row 7" or "row 7"
    written: str  # the name as the roster wrote it
    person: PersonIn
    person_id: int | None = None
    name: str | None = None  # as the register names him
    probability: float | None = None
    made: bool = False  # unknown to the register: a person was made for him

    @property
    def unknown(self) -> bool:
        return self.made or self.person_id is None


@dataclass
class Plan:
    exchange_id: int
    side: ListSide
    file_name: str
    sha256: str
    rows: list[Row]
    listed: dict[int, list[str]]
    never_confirmed: set[int] = field(default_factory=set)  # persons, by id
    names: dict[int, str] = field(default_factory=dict)

    def outcome(self) -> dict[str, Any]:
        came = {r.person_id for r in self.rows if r.person_id is not None}
        on_list = [r for r in self.rows if r.person_id in self.listed]
        not_on_list = [r for r in self.rows if not r.unknown and r.person_id not in self.listed]
        unknown = [r for r in self.rows if r.unknown]
        did_not_come = sorted(set(self.listed) - came)
        never = [r for r in self.rows if not r.unknown and r.person_id in self.never_confirmed]
        if self.side is ListSide.OWN:
            never += unknown
        persons = {
            Outcome.CAME_BACK_ON_LIST.value: [_row(r) for r in on_list],
            Outcome.CAME_BACK_NOT_ON_LIST.value: [_row(r) for r in not_on_list],
            Outcome.DID_NOT_COME.value: [
                {"person_id": p, "name": self.names.get(p, "")} for p in did_not_come
            ],
            Outcome.UNKNOWN_TO_REGISTER.value: [_row(r) for r in unknown],
            Outcome.NEVER_CONFIRMED_BEFORE_RETURN.value: [_row(r) for r in never],
        }
        came_back = len(self.rows)
        return {
            "exchange_id": self.exchange_id,
            "side": self.side.value,
            "file_name": self.file_name,
            "sha256": self.sha256,
            "rows": came_back,
            **{key: len(value) for key, value in persons.items()},
            "never_confirmed_share": (
                round(len(never) / came_back, 4)
                if came_back and self.side is ListSide.OWN
                else None
            ),
            "persons": persons,
        }


def _row(row: Row) -> dict[str, Any]:
    return {
        "row": row.where,
        "written": row.written,
        "person_id": row.person_id,
        "name": row.name,
        "probability": None if row.probability is None else round(row.probability, 4),
    }


class RosterHasErrors(HomewardError):
    """Rows of the roster that cannot be read: nothing is reconciled."""


@dataclass(frozen=True)
class Roster:
    """A roster as received: its bytes and its file name."""

    data: bytes
    name: str

    @classmethod
    def of(cls, path: Path) -> Roster:
        try:
            return cls(path.read_bytes(), path.name)
        except OSError:
            raise HomewardError("%(file)s cannot be read", file=str(path)) from None


def read_roster(roster: Roster, side: ListSide) -> CheckedFile:
    """The roster checked row by row; `HomewardError` naming the file (and the first bad row)
    when it cannot be read whole."""
    workbook = read_bytes(roster.data, name=roster.name)
    checked = check_workbook(workbook, ImportOptions(side=Side(side.value)))
    if checked.rejected:
        first = checked.problems[0]
        raise RosterHasErrors(
            "%(file)s: %(count)s row(s) cannot be read, nothing reconciled (first: %(where)s, "
            "%(field)s: %(problem)s)",
            file=checked.file_name,
            count=len(checked.rejected),
            where=first.where(),
            field=first.field,
            problem=first.problem,
        )
    if not checked.valid:
        raise RosterHasErrors("%(file)s: no row to reconcile", file=checked.file_name)
    return checked


def _name(person: Person) -> str:
    return " ".join(p for p in (person.surname, person.given_name, person.patronymic) if p)


def _link(session: Session, plan: Plan, checked: CheckedFile) -> None:
    """Each row to one person of the roster's side, or none; never two rows to one person.
    The register is searched for all the rows at once, then the rows are linked in order."""
    model = linkage_model()
    options = ImportOptions(side=Side(plan.side.value))
    records = list_records(checked.valid, options, plan.file_name)
    found_for = find_candidates_of_list(session, records, model=model, limit=5)
    everyone = {c.person_id for found in found_for for c in found}
    sides: dict[int, str] = {}
    for chunk in _chunks(sorted(everyone)):
        rows = session.execute(select(Person.id, Person.side).where(Person.id.in_(chunk)))
        sides.update((person_id, side) for person_id, side in rows)
    taken: set[int] = set()
    thresholds = DEFAULT_THRESHOLDS
    for valid, found in zip(checked.valid, found_for, strict=True):
        row = Row(_where(valid.sheet, valid.row), _written(valid.person), valid.person)
        for candidate in found:
            if sides.get(candidate.person_id) != plan.side.value or candidate.person_id in taken:
                continue
            probability = candidate.score.match_probability
            sure = (
                thresholds.decide(
                    probability,
                    candidate.score.vetoed is not None,
                    candidate.score.refusal(thresholds.auto) is not None,
                )
                == "auto"
            )
            listed = candidate.person_id in plan.listed and probability >= thresholds.review
            if sure or listed:
                row.person_id, row.name = candidate.person_id, candidate.name
                row.probability = probability
                taken.add(candidate.person_id)
                break
        plan.rows.append(row)


def _chunks(ids: list[int], size: int = 5000) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _where(sheet: str | None, number: int) -> Message:
    """Where a row is, as text that a page can say in its language."""
    if sheet:
        return Message("%(sheet)s, row %(row)s", sheet=sheet, row=number)
    return Message("row %(row)s", row=number)


def _written(person: PersonIn) -> str:
    return " ".join(p for p in (person.surname, person.given_name, person.patronymic) if p)


def plan_reconciliation(
    session: Session, *, actor: Actor, exchange_id: int, side: ListSide, roster: Roster
) -> Plan:
    """What reconciling `roster` would do: every row linked or not, the outcomes. Writes
    nothing but the audit entry of the read."""
    actor.require(Permission.EXCHANGES)
    return _plan(
        session, actor, get_exchange(session, exchange_id), side, read_roster(roster, side)
    )


def _plan(
    session: Session, actor: Actor, exchange: Exchange, side: ListSide, checked: CheckedFile
) -> Plan:
    exchange_id = exchange.id
    listed = agreed_list(session, exchange_id, side) or current_list(session, exchange_id, side)
    plan = Plan(exchange_id, side, checked.file_name, checked.sha256, [], listed)
    _link(session, plan, checked)
    ids = set(listed) | {r.person_id for r in plan.rows if r.person_id is not None}
    for person in session.scalars(select(Person).where(Person.id.in_(ids))):
        plan.names[person.id] = _name(person)
        if side is ListSide.OWN and person.status != Status.CAPTIVITY_CONFIRMED.value:
            plan.never_confirmed.add(person.id)
    audit.log(
        session,
        actor,
        AuditAction.VIEW_EXCHANGE,
        object_type="exchange",
        object_id=exchange.id,
        detail={"reconcile": side.value, "file": checked.file_name, "dry_run": True},
    )
    return plan


def _previous(session: Session, exchange: Exchange, side: ListSide) -> Reconciliation | None:
    return session.scalar(
        select(Reconciliation).where(
            Reconciliation.exchange_id == exchange.id, Reconciliation.side == side.value
        )
    )


def apply_reconciliation(
    session: Session, *, actor: Actor, exchange_id: int, side: ListSide, roster: Roster
) -> dict[str, Any]:
    """Reconcile and write. The same roster applied again changes nothing (the stored result
    comes back with `already_applied`); another roster for a side reconciled is refused."""
    actor.require(Permission.EXCHANGES)
    exchange = get_exchange(session, exchange_id)
    if exchange.state == State.PROPOSED.value:
        raise InvalidInput(
            "exchange",
            "exchange %(id)s is not agreed: reconcile a roster once its lists are agreed",
            id=exchange_id,
        )
    if exchange.day > date.today():
        raise InvalidInput(
            "exchange",
            "exchange %(id)s is dated %(day)s, in the future: reconcile it once it took place",
            id=exchange_id,
            day=exchange.day.strftime("%d.%m.%Y"),
        )
    checked = read_roster(roster, side)
    previous = _previous(session, exchange, side)
    if previous is not None:
        if previous.sha256 == checked.sha256:
            return {**previous.result, "already_applied": True}
        raise InvalidInput(
            "roster",
            "the %(side)s side of exchange %(id)s was reconciled already (%(file)s, %(at)s)",
            side=side.value,
            id=exchange_id,
            file=previous.file_name,
            at=previous.applied_at.strftime("%d.%m.%Y %H:%M"),
        )
    plan = _plan(session, actor, exchange, side, checked)
    source = SourceIn(
        kind=SourceKind.LIST,
        name=f"exchange {exchange.id}, {side.value} roster: {plan.file_name}"[:300],
    )
    reason = f"returned in exchange {exchange.id} ({exchange.name})"[:2000]
    for row in plan.rows:
        if row.person_id is None:
            made = insert_person(
                session, actor=actor, person=row.person, source=source, reason=reason
            )
            row.person_id, row.name, row.made = made.id, _written(row.person), True
    kind = EvidenceKind.RETURNED if side is ListSide.OWN else EvidenceKind.REPATRIATED
    returned = EvidenceIn(
        kind=kind,
        on=PartialDate.of(exchange.day),
        source=source,
        reliability=Reliability.HIGH,
        note=reason,
    )
    came = [row.person_id for row in plan.rows if row.person_id is not None]
    assert len(came) == len(plan.rows)  # every row links to a person now, or was made one
    record_evidence_many(session, actor=actor, evidence=[(pid, returned) for pid in came])
    result = plan.outcome()
    session.add(
        Reconciliation(
            exchange_id=exchange.id,
            side=side.value,
            file_name=plan.file_name[:300],
            sha256=plan.sha256,
            result=result,
            applied_by=actor.name,
        )
    )
    if exchange.carried_out_on is None:  # a roster of who was handed over: it was carried out
        exchange.carried_out_on = exchange.day
    exchange.state = State.RECONCILED.value
    session.flush()
    audit.log(
        session,
        actor,
        AuditAction.EXCHANGE_RECONCILE,
        object_type="exchange",
        object_id=exchange.id,
        detail={k: result[k] for k in ("side", "file_name", "rows", *KEYS)},
    )
    return result


def reconciliations(session: Session, exchange_id: int) -> dict[str, dict[str, Any]]:
    rows = session.scalars(select(Reconciliation).where(Reconciliation.exchange_id == exchange_id))
    return {row.side: row.result for row in rows}


def never_confirmed_by_exchange(session: Session) -> dict[int, dict[str, Any]]:
    """For each exchange whose own roster was reconciled: returnees, how many of them had never
    been confirmed as captive, and the share; under the key 0, all exchanges together."""
    found: dict[int, dict[str, Any]] = {}
    for row in session.scalars(
        select(Reconciliation).where(Reconciliation.side == ListSide.OWN.value)
    ):
        found[row.exchange_id] = {
            "returned": row.result["rows"],
            "never_confirmed": row.result[Outcome.NEVER_CONFIRMED_BEFORE_RETURN.value],
        }
    returned = sum(f["returned"] for f in found.values())
    never = sum(f["never_confirmed"] for f in found.values())
    found[0] = {"returned": returned, "never_confirmed": never}
    for figures in found.values():
        total = figures["returned"]
        figures["share"] = round(figures["never_confirmed"] / total, 4) if total else None
    return found
