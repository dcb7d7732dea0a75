"""The facts the category rules read, for many persons at once (a few queries, no N+1)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

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


@dataclass(frozen=True)
class Someone:
    """A person as the lists show him: his name, his facts and what the composition counts."""

    id: int
    side: str
    name: str
    status: str
    citizenship: str | None
    facts: Facts


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def _captures(session: Session, ids: list[int]) -> dict[int, tuple[PartialDate, str | None]]:
    """The latest capture of each prisoner we hold, and where."""
    found: dict[int, tuple[PartialDate, str | None]] = {}
    for chunk in _chunks(ids):
        rows = session.execute(
            select(
                Evidence.person_id, Evidence.occurred_on, Evidence.occurred_precision, Place.name
            )
            .outerjoin(Place, Place.id == Evidence.place_id)
            .where(Evidence.person_id.in_(chunk), Evidence.kind == EvidenceKind.CAPTURED.value)
            .order_by(Evidence.occurred_on, Evidence.id)
        )
        for person_id, on, precision, place in rows:
            day = PartialDate.from_stored(on, precision)
            if day is not None:
                found[person_id] = (day, place)
    return found


def _health(session: Session, ids: list[int]) -> dict[int, bool]:
    """True: a doctor found him seriously ill or an Annex I condition; False: examined, not."""
    found: dict[int, bool] = {}
    for chunk in _chunks(ids):
        for person_id, ill in session.execute(
            select(MedicalInspection.person_id, MedicalInspection.seriously_ill)
            .where(MedicalInspection.person_id.in_(chunk))
            .order_by(MedicalInspection.on, MedicalInspection.id)
        ):
            found[person_id] = bool(ill)
        for person_id in session.scalars(
            select(AnnexFinding.person_id).where(AnnexFinding.person_id.in_(chunk))
        ):
            found[person_id] = True
    return found


def active_holds(session: Session, ids: list[int], on: date) -> dict[int, HoldKind]:
    found: dict[int, HoldKind] = {}
    for chunk in _chunks(ids):
        for person_id, kind in session.execute(
            select(Hold.person_id, Hold.kind).where(
                Hold.person_id.in_(chunk),
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


def someone_of(session: Session, rows: Sequence[Any], on: date) -> list[Someone]:
    """`rows` hold the columns of `_COLUMNS`, by name."""
    adversary = [row.id for row in rows if row.side == ListSide.ADVERSARY.value]
    captures, health = _captures(session, adversary), _health(session, adversary)
    holds = active_holds(session, adversary, on)
    found = []
    for row in rows:
        if row.side == ListSide.ADVERSARY.value:
            captured, place = captures.get(row.id, (None, None))
        else:
            captured = PartialDate.from_stored(row.missing_date, row.missing_date_precision)
            place = row.missing_place
        facts = Facts(
            birth=PartialDate.from_stored(row.birth_date, row.birth_date_precision),
            captured=captured,
            captured_at=place,
            service_status=row.service_status,
            rank=row.rank,
            seriously_ill=health.get(row.id),
            held_back=holds.get(row.id),
        )
        name = " ".join(p for p in (row.surname, row.given_name, row.patronymic) if p)
        found.append(Someone(row.id, row.side, name, row.status, row.citizenship, facts))
    return found


def in_captivity(session: Session, side: ListSide, on: date) -> list[Someone]:
    """Everyone a side's list may hold, with his facts."""
    rows = session.execute(
        select(*_COLUMNS)
        .where(
            Person.side == side.value,
            Person.merged_into_id.is_(None),
            Person.status.in_(IN_CAPTIVITY[side]),
        )
        .order_by(Person.id)
    ).all()
    return someone_of(session, rows, on)


def these(session: Session, ids: Iterable[int], on: date) -> list[Someone]:
    wanted = sorted(set(ids))
    rows: list[Any] = []
    for chunk in _chunks(wanted):
        rows += session.execute(select(*_COLUMNS).where(Person.id.in_(chunk))).all()
    return someone_of(session, rows, on)
