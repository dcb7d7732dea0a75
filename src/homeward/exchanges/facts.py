"""The facts the category rules read, for many persons at once (a few queries, no N+1)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import InstrumentedAttribute, Session, aliased

from homeward.collector import collector_paused
from homeward.custody.models import AnnexFinding, MedicalInspection
from homeward.dates import PartialDate
from homeward.exchanges.models import Hold
from homeward.exchanges.rules import Facts
from homeward.exchanges.vocab import HoldKind, ListSide
from homeward.registry.models import Evidence, Person, Place
from homeward.registry.vocab import EvidenceKind, Status

# whom a side's list may hold: our people in captivity; the prisoners we hold
IN_CAPTIVITY = {
    ListSide.OWN: (Status.CAPTIVITY_CONFIRMED.value, Status.CAPTIVITY_POSSIBLE.value),
    ListSide.ADVERSARY: (Status.IN_CUSTODY.value, Status.HOSPITALISED.value),
}
_CHUNK = 5000


@dataclass(frozen=True, slots=True)
class Someone:
    """A person as the lists show him: his name, his facts and what the composition counts."""

    id: int
    side: str
    name: str
    status: str
    citizenship: str | None
    facts: Facts


# one object per stored date: a register's thousands of persons share a few thousand dates
_partial = lru_cache(maxsize=65536)(PartialDate.from_stored)


# the prisoners whose facts to read: their ids, or a query that selects them
Among = list[int] | Select[Any]


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def _among(column: InstrumentedAttribute[int], among: Among) -> Iterator[ColumnElement[bool]]:
    """Conditions on `column` that together select `among`: some thousands of ids at a time,
    or the query at once (a whole side is read without sending its ids back)."""
    if isinstance(among, list):
        for chunk in _chunks(among):
            yield column.in_(chunk)
    else:
        yield column.in_(among)


def _captures(session: Session, among: Among) -> dict[int, tuple[PartialDate, str | None]]:
    """The latest capture of each prisoner we hold, and where."""
    found: dict[int, tuple[PartialDate, str | None]] = {}
    for chosen in _among(Evidence.person_id, among):
        rows = session.execute(
            select(
                Evidence.person_id, Evidence.occurred_on, Evidence.occurred_precision, Place.name
            )
            .outerjoin(Place, Place.id == Evidence.place_id)
            .where(chosen, Evidence.kind == EvidenceKind.CAPTURED.value)
            .order_by(Evidence.occurred_on, Evidence.id)
        )
        for person_id, on, precision, place in rows:
            day = _partial(on, precision)
            if day is not None:
                found[person_id] = (day, place)
    return found


def _health(session: Session, among: Among) -> dict[int, bool]:
    """True: a doctor found him seriously ill or an Annex I condition; False: examined, not.
    Of the inspections only his latest counts (the last recorded of that day): one look-up in
    the index for each prisoner, not all his monthly inspections read."""
    found: dict[int, bool] = {}
    inspection = aliased(MedicalInspection)
    latest = (
        select(inspection.seriously_ill)
        .where(inspection.person_id == Person.id)
        .order_by(inspection.on.desc(), inspection.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    for chosen, annexed in zip(
        _among(Person.id, among), _among(AnnexFinding.person_id, among), strict=True
    ):
        for person_id, ill in session.execute(select(Person.id, latest).where(chosen)):
            if ill is not None:
                found[person_id] = bool(ill)
        for person_id in session.scalars(select(AnnexFinding.person_id).where(annexed)):
            found[person_id] = True
    return found


def active_holds(session: Session, among: Among, on: date) -> dict[int, HoldKind]:
    found: dict[int, HoldKind] = {}
    for chosen in _among(Hold.person_id, among):
        for person_id, kind in session.execute(
            select(Hold.person_id, Hold.kind).where(
                chosen,
                Hold.since <= on,
                (Hold.lifted_on.is_(None)) | (Hold.lifted_on > on),
            )
        ):
            found[person_id] = HoldKind(kind)
    return found


_COLUMNS = (
    Person.id,
    Person.side,
    Person.surname,
    Person.given_name,
    Person.patronymic,
    Person.status,
    Person.citizenship,
    Person.birth_date,
    Person.birth_date_precision,
    Person.missing_date,
    Person.missing_date_precision,
    Person.missing_place,
    Person.service_status,
    Person.rank,
)


def _full_name(surname: str, given: str | None, patronymic: str | None) -> str:
    if surname and given and patronymic:
        return f"{surname} {given} {patronymic}"
    return " ".join(p for p in (surname, given, patronymic) if p)


def someone_of(
    session: Session, rows: Sequence[Any], on: date, among: Among | None = None
) -> list[Someone]:
    """`rows` hold the columns of `_COLUMNS`, in that order; `among` selects the prisoners we
    hold among them (by default their ids)."""
    adversary = ListSide.ADVERSARY.value
    if among is None:
        among = [row[0] for row in rows if row[1] == adversary]
    captures, health, holds = {}, {}, {}
    if not isinstance(among, list) or among:
        captures, health = _captures(session, among), _health(session, among)
        holds = active_holds(session, among, on)
    found = []
    for (
        person_id, side, surname, given, patronymic, status, citizenship, born, born_precision,
        missing, missing_precision, missing_place, service_status, rank,
    ) in rows:  # fmt: skip
        if side == adversary:
            captured, place = captures.get(person_id, (None, None))
        else:
            captured, place = _partial(missing, missing_precision), missing_place
        facts = Facts(
            birth=_partial(born, born_precision),
            captured=captured,
            captured_at=place,
            service_status=service_status,
            rank=rank,
            seriously_ill=health.get(person_id),
            held_back=holds.get(person_id),
        )
        name = _full_name(surname, given, patronymic)
        found.append(Someone(person_id, side, name, status, citizenship, facts))
    return found


def _in_captivity(side: ListSide) -> list[ColumnElement[bool]]:
    return [
        Person.side == side.value,
        Person.merged_into_id.is_(None),
        Person.status.in_(IN_CAPTIVITY[side]),
    ]


def in_captivity(session: Session, side: ListSide, on: date) -> list[Someone]:
    """Everyone a side's list may hold, with his facts."""
    session.flush()  # read through the connection (columns only, no ORM rows): flush first
    query = select(*_COLUMNS).where(*_in_captivity(side)).order_by(Person.id)
    among: Among = []
    if side is ListSide.ADVERSARY:
        among = select(Person.id).where(*_in_captivity(side))
    with collector_paused():
        rows = session.connection().execute(query).all()
        return someone_of(session, rows, on, among)


def these(session: Session, ids: Iterable[int], on: date) -> list[Someone]:
    wanted = sorted(set(ids))
    rows: list[Any] = []
    for chunk in _chunks(wanted):
        rows += session.execute(select(*_COLUMNS).where(Person.id.in_(chunk))).all()
    return someone_of(session, rows, on)
