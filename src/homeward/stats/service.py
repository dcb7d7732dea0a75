"""Statistics from the register: reads the rows the pure figures need, on SQLite and PostgreSQL.

Services never commit; they only read here. Figures are aggregates: the web page or the command
that shows them decides what goes to the audit log (public exports do).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import String, func, select, type_coerce
from sqlalchemy.orm import Session

from homeward.access.actor import Actor
from homeward.access.roles import Permission
from homeward.custody.models import Profile
from homeward.dates import PartialDate
from homeward.exchanges.models import Exchange, ExchangePhase, Reconciliation
from homeward.exchanges.vocab import ListSide, Outcome
from homeward.registry.models import Evidence, Person, Report
from homeward.registry.status.rules import Fact
from homeward.registry.vocab import EvidenceKind, Reliability, Side
from homeward.stats.histories import CaptureHistories
from homeward.stats.lists import histories_by, register_histories
from homeward.stats.memory import without_cycle_collection
from homeward.stats.rows import ExchangeReturn, PersonRow, ProfileRow, RegisterRows, derive_all
from homeward.stats.series import StatusSeries, check_day, status_series
from homeward.stats.summary import Figures, count_figures
from homeward.stats.timeline import Basis, EvidenceRow


@without_cycle_collection
def read_register(session: Session, *, actor: Actor) -> RegisterRows:
    """Every person not merged into another, and the evidence about each."""
    actor.require(Permission.READ)
    values = _Values()
    return RegisterRows(
        _persons(session, values),
        _evidence(session, values),
        _profiles(session, values),
        _exchanges(session),
    )


class _Values:
    """Turns stored values into the rows' types, once per distinct value: a register of
    100,000 persons holds a few thousand distinct dates. Dates arrive as `date`/`datetime`
    from PostgreSQL and as ISO text from SQLite (read raw here, which is several times faster
    than SQLAlchemy's conversion)."""

    def __init__(self) -> None:
        self._partial: dict[tuple[object, object], PartialDate | None] = {}
        self._dated: dict[tuple[object, object], tuple[PartialDate, date, date]] = {}
        self._days: dict[object, date] = {}
        self.kinds = {kind.value: kind for kind in EvidenceKind}
        self.reliabilities = {r.value: r for r in Reliability}

    def day(self, value: object) -> date:
        if isinstance(value, str):  # SQLite: the day is the text's first ten characters, and
            value = value[:10]  # timestamps, each its own, share a few hundred days
        found = self._days.get(value)
        if found is None:
            if isinstance(value, datetime):  # timezone-aware from PostgreSQL
                found = value.astimezone(UTC).date()
            elif isinstance(value, date):
                found = value
            else:  # SQLite: "2024-03-01" or "2024-03-01 12:00:00.000000" (UTC)
                found = date.fromisoformat(str(value)[:10])
            self._days[value] = found
        return found

    def partial(self, value: object, precision: str | None) -> PartialDate | None:
        key = (value, precision)
        if key not in self._partial:
            day = None if value is None else self.day(value)
            self._partial[key] = PartialDate.from_stored(day, precision)
        return self._partial[key]

    def dated(self, value: object, precision: str) -> tuple[PartialDate, date, date]:
        """Evidence's date, with the first and the last day it may be."""
        key = (value, precision)
        found = self._dated.get(key)
        if found is None:
            on = self.partial(value, precision)
            assert on is not None  # evidence is always dated
            found = self._dated[key] = (on, on.earliest, on.latest)
        return found


def _raw(column: Any) -> Any:
    """A column read as the driver gives it, without SQLAlchemy's conversion."""
    return type_coerce(column, String).label(column.key)


CHUNK = 1000  # persons asked for at once by their identifiers


def _chunks(ids: Sequence[int] | None) -> list[Sequence[int] | None]:
    if ids is None:
        return [None]
    return [ids[start : start + CHUNK] for start in range(0, len(ids), CHUNK)]


def _persons(
    session: Session, values: _Values, ids: Sequence[int] | None = None
) -> list[PersonRow]:
    """The persons not merged away (of `ids`, when given: they are read in chunks)."""
    return [row for chunk in _chunks(ids) for row in _persons_of(session, values, chunk)]


def _persons_of(session: Session, values: _Values, ids: Sequence[int] | None) -> list[PersonRow]:
    query = (
        select(
            Person.id,
            Person.side,
            Person.service_status,
            Person.branch,
            Person.unit,
            Person.rank,
            Person.citizenship,
            _raw(Person.birth_date),
            Person.birth_date_precision,
            _raw(Person.missing_date),
            Person.missing_date_precision,
            Person.missing_place,
            _raw(Person.created_at),
        )
        .where(Person.merged_into_id.is_(None))
        .order_by(Person.id)
    )
    if ids is not None:
        query = query.where(Person.id.in_(ids))
    sides = {side.value: side for side in Side}
    partial, day = values.partial, values.day
    return [
        PersonRow(
            id_,
            sides[side],
            service,
            branch,
            unit,
            rank,
            citizenship,
            partial(birth, birth_precision),
            partial(missing, missing_precision),
            place,
            None if created is None else day(created),
        )
        for (
            id_,
            side,
            service,
            branch,
            unit,
            rank,
            citizenship,
            birth,
            birth_precision,
            missing,
            missing_precision,
            place,
            created,
        ) in session.connection().execute(query).fetchall()
    ]


def _evidence(
    session: Session, values: _Values, ids: Sequence[int] | None = None
) -> dict[int, list[EvidenceRow]]:
    """The evidence about each person not merged away (of `ids`, when given)."""
    found: dict[int, list[EvidenceRow]] = {}
    for chunk in _chunks(ids):
        found.update(_evidence_of(session, values, chunk))
    return found


def _evidence_of(
    session: Session, values: _Values, ids: Sequence[int] | None
) -> dict[int, list[EvidenceRow]]:
    query = (
        select(
            Evidence.id,
            Evidence.person_id,
            Evidence.kind,
            _raw(Evidence.occurred_on),
            Evidence.occurred_precision,
            Evidence.supersedes_id,
            Evidence.reliability,
            _raw(Evidence.recorded_at),
            _raw(Report.received_at),
        )
        .join(Person, Person.id == Evidence.person_id)
        .outerjoin(Report, Report.id == Evidence.report_id)
        .where(Person.merged_into_id.is_(None))
        .order_by(Evidence.person_id, Evidence.id)
    )
    if ids is not None:
        query = query.where(Evidence.person_id.in_(ids))
    by_person: dict[int, list[EvidenceRow]] = defaultdict(list)
    kinds, reliabilities, day = values.kinds, values.reliabilities, values.day
    # Core, every row at once: the ORM adds nothing to plain columns
    rows = session.connection().execute(query).fetchall()
    for (
        id_,
        person_id,
        kind,
        occurred,
        precision,
        supersedes,
        reliability,
        recorded,
        received,
    ) in rows:
        on, first, last = values.dated(occurred, precision)
        known = day(recorded) if received is None else min(day(recorded), day(received))
        fact = Fact(id_, kinds[kind], on, supersedes, reliabilities[reliability])
        row = EvidenceRow(fact, known, first, last, max(last, known), (first, last, id_))
        by_person[person_id].append(row)
    return dict(by_person)


def _profiles(session: Session, values: _Values) -> dict[int, list[ProfileRow]]:
    """The prisoners' interviews, in the order they were held (homeward.custody). Only what the
    figures count is read: no medical or personal detail."""
    query = select(
        Profile.person_id,
        _raw(Profile.interviewed_on),
        Profile.rank_category,
        Profile.service_route,
        Profile.citizenship,
        Profile.coercion_or_deception,
    ).order_by(Profile.person_id, Profile.interviewed_on, Profile.id)
    by_person: dict[int, list[ProfileRow]] = defaultdict(list)
    for person_id, on, rank, route, citizenship, coercion in session.connection().execute(query):
        by_person[person_id].append(ProfileRow(values.day(on), rank, route, citizenship, coercion))
    return dict(by_person)


CAME = (
    Outcome.CAME_BACK_ON_LIST.value,
    Outcome.CAME_BACK_NOT_ON_LIST.value,
    Outcome.UNKNOWN_TO_REGISTER.value,
)


def _exchanges(session: Session) -> list[ExchangeReturn]:
    """The exchanges whose roster of our returnees was reconciled, by day: who came back on each
    (the roster's rows, as the reconciliation linked or made them) and how many of them it
    found never confirmed as captive before."""
    days = dict(
        session.execute(
            select(ExchangePhase.exchange_id, func.min(ExchangePhase.on)).group_by(
                ExchangePhase.exchange_id
            )
        ).all()
    )
    query = (
        select(Exchange.id, Exchange.name, Reconciliation.result)
        .join(Reconciliation, Reconciliation.exchange_id == Exchange.id)
        .where(Reconciliation.side == ListSide.OWN.value)
        .order_by(Exchange.id)
    )
    found = []
    for exchange_id, name, result in session.execute(query):
        day = days.get(exchange_id)
        if day is None:
            continue  # an exchange has its phases; a reconciled one without is no exchange day
        persons = result.get("persons", {})
        came = frozenset(
            int(row["person_id"])
            for outcome in CAME
            for row in persons.get(outcome, [])
            if row.get("person_id") is not None
        )
        never = int(result.get(Outcome.NEVER_CONFIRMED_BEFORE_RETURN.value, 0))
        found.append(ExchangeReturn(exchange_id, name, day, came, never))
    return sorted(found, key=lambda e: (e.day, e.exchange_id))


def register_figures(
    session: Session,
    *,
    actor: Actor,
    on: date,
    today: date,
    basis: Basis = Basis.KNOWN_THEN,
    incommunicado_days: int = 90,
) -> Figures:
    """Every counted figure as it stood on `on` (docs/statistics.md)."""
    check_day(on, today=today)
    rows = read_register(session, actor=actor)
    return count_figures(
        rows, on=on, today=today, basis=basis, incommunicado_days=incommunicado_days
    )


def register_series(
    session: Session,
    *,
    actor: Actor,
    until: date,
    today: date,
    side: Side = Side.OWN,
    basis: Basis = Basis.KNOWN_THEN,
) -> StatusSeries:
    check_day(until, today=today, field="until")
    rows = read_register(session, actor=actor)
    return status_series(rows, until=until, today=today, side=side, basis=basis)


def register_capture_histories(
    session: Session,
    *,
    actor: Actor,
    on: date,
    today: date,
    basis: Basis = Basis.KNOWN_THEN,
    by: str | None = None,
) -> dict[str, CaptureHistories]:
    """Our people by the register's lists that hold them, on `on`: one table, or one per year
    of disappearance or region (`by`)."""
    check_day(on, today=today)
    derived = derive_all(read_register(session, actor=actor), on=on, basis=basis)
    if by is None:
        return {"all": register_histories(derived)}
    return histories_by(derived, by)
