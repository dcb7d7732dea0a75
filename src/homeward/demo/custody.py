"""The bureau's work for the demo's prisoners: what the seeds describe, synthetic.

Each prisoner the demo holds (his capture, moves, hospital, escape, release, repatriation, death
are already evidence) gets an internment with a serial number, capture cards, weekly batches to
the Central Tracing Agency, letters, monthly inspections, weekly health reports while seriously
ill, death notices, the effects ledger and a profile with the published shares: 83% rank and file,
13% sergeants, ~3% officers; ~76% contract (prison and private-company recruits among them), 19%
mobilised, 5% conscripts; ~7% foreigners; a quarter reporting coercion or deception; 40% with
previous convictions; 7% with higher education and 30% who did not finish school; 38% without
work before the war; about half with children; chronic illnesses. The bureau is mostly on time
but not always: some late cards, some missing weekly reports, a few deaths with notifications,
some men captured a second time after their repatriation.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.orm import Session

from homeward.custody import clocks
from homeward.custody import models as m
from homeward.custody.loading import read_facts
from homeward.custody.service import serial_number
from homeward.db import utcnow
from homeward.demo.people import ADVERSARY_RANKS
from homeward.registry.evidence import refresh_status
from homeward.registry.models import Evidence, Person
from homeward.registry.vocab import EvidenceKind as K

ACTOR = "demo"
RANK_CATEGORY = {r.uk: r.category for r in ADVERSARY_RANKS.values} | {
    r.ru: r.category for r in ADVERSARY_RANKS.values
}
CHRONIC = ("hepatitis C", "HIV", "tuberculosis", "hypertension", "diabetes", "asthma")


@dataclass
class CustodySummary:
    prisoners: int = 0
    internments: int = 0
    second_captures: int = 0
    cards: int = 0
    batches: int = 0


@dataclass
class _Rows:
    cards: list[dict[str, Any]] = field(default_factory=list)
    letters: list[dict[str, Any]] = field(default_factory=list)
    inspections: list[dict[str, Any]] = field(default_factory=list)
    reports: list[dict[str, Any]] = field(default_factory=list)
    deaths: list[dict[str, Any]] = field(default_factory=list)
    enquiries: list[dict[str, Any]] = field(default_factory=list)
    effects: list[dict[str, Any]] = field(default_factory=list)
    profiles: list[dict[str, Any]] = field(default_factory=list)


def build_custody(session: Session, *, seed: int, today: date) -> CustodySummary:
    """The bureau's records for every prisoner of the demo, as of `today`."""
    rnd = random.Random(seed * 7919 + 17)
    summary = CustodySummary()
    summary.second_captures = _second_captures(session, rnd, today)
    facts = read_facts(session)
    held = {pid: clocks.periods_of(found) for pid, found in facts.items()}
    held = {pid: periods for pid, periods in held.items() if periods}
    persons = {
        row.id: row
        for row in session.execute(
            select(Person.id, Person.rank, Person.citizenship).where(Person.id.in_(list(held)))
        )
    }
    now = utcnow()
    rows = _Rows()
    serials = _internments(session, rnd, held, now, summary)
    for pid, periods in held.items():
        for period in periods:
            internment_id = serials[period.capture.id]
            _cards(rnd, rows, pid, internment_id, period, today, now)
            _letters(rnd, rows, pid, period, today, now)
            _medical(rnd, rows, pid, period, today, now)
            _death(rnd, rows, pid, period, today, now)
            _effects(rnd, rows, pid, period, today, now)
        _profile(rnd, rows, pid, persons[pid], periods[0].start, today, now)
    for model, items in (
        (m.CaptureCard, rows.cards),
        (m.Correspondence, rows.letters),
        (m.MedicalInspection, rows.inspections),
        (m.HealthReport, rows.reports),
        (m.DeathNotice, rows.deaths),
        (m.Enquiry, rows.enquiries),
        (m.Effect, rows.effects),
        (m.Profile, rows.profiles),
    ):
        if items:
            session.execute(model.__table__.insert(), items)  # type: ignore[attr-defined]
    summary.batches = _batches(session, rnd, held, today, now)
    summary.prisoners, summary.cards = len(held), len(rows.cards)
    return summary


def _second_captures(session: Session, rnd: random.Random, today: date) -> int:
    """About 3% of the repatriated are captured again: evidence on the same person."""
    facts = read_facts(session)
    added = 0
    for pid, found in sorted(facts.items()):
        periods = clocks.periods_of(found)
        if not periods or periods[-1].end is None or periods[-1].end.kind is not K.REPATRIATED:
            continue
        home = periods[-1].end.on.latest
        again = home + timedelta(days=rnd.randint(60, 420))
        if again > today - timedelta(days=3) or rnd.random() > 0.03:
            continue
        session.add(
            Evidence(
                person_id=pid,
                kind=K.CAPTURED.value,
                occurred_on=again,
                occurred_precision="day",
                reliability="high",
                note="потрапив у полон удруге",
                recorded_by=ACTOR,
            )
        )
        session.flush()
        person = session.get(Person, pid)
        assert person is not None
        refresh_status(session, person, as_of=today)
        added += 1
    return added


def _internments(
    session: Session,
    rnd: random.Random,
    held: dict[int, list[clocks.Period]],
    now: datetime,
    summary: CustodySummary,
) -> dict[int, int]:
    """One internment per stretch of captivity; mostly opened within days, some late, serial
    numbers from the ids the database issues."""
    rows: list[dict[str, Any]] = []
    for pid, periods in held.items():
        for period in periods:
            delay = rnd.choice((0, 0, 1, 1, 2, 3, 5)) if rnd.random() < 0.93 else rnd.randint(8, 20)
            rows.append(
                {
                    "serial_number": f"demo-{period.capture.id}",
                    "person_id": pid,
                    "capture_evidence_id": period.capture.id,
                    "opened_on": min(period.start + timedelta(days=delay), now.date()),
                    "power": "RUS",
                    "language": "ru",
                    "created_at": now,
                    "created_by": ACTOR,
                }
            )
    table: Table = m.Internment.__table__  # type: ignore[assignment]
    returning = table.insert().returning(table.c.id, sort_by_parameter_order=True)
    ids: list[int] = list(session.scalars(returning, rows))
    numbered = update(table).where(table.c.id == bindparam("key"))
    session.execute(
        numbered.values(serial_number=bindparam("sn")),
        [{"key": i, "sn": serial_number(i)} for i in ids],
    )
    summary.internments = len(ids)
    return {row["capture_evidence_id"]: i for row, i in zip(rows, ids, strict=True)}


def _lag(rnd: random.Random, late_share: float) -> int:
    return rnd.randint(8, 25) if rnd.random() < late_share else rnd.randint(0, 6)


def _cards(
    rnd: random.Random,
    rows: _Rows,
    pid: int,
    internment_id: int,
    period: clocks.Period,
    today: date,
    now: datetime,
) -> None:
    for trigger in (period.capture, *(f for f in period.events if f.kind in clocks.CARD_AGAIN)):
        sent = trigger.on.latest + timedelta(days=_lag(rnd, 0.08))
        if sent > today or rnd.random() < 0.02:
            continue
        rows.cards.append(
            {
                "internment_id": internment_id,
                "person_id": pid,
                "sent_on": sent,
                "language": "ru",
                "created_at": now,
                "created_by": ACTOR,
            }
        )


def _end(period: clocks.Period, today: date) -> date:
    return min(period.end.on.earliest, today) if period.end else today


def _letters(
    rnd: random.Random, rows: _Rows, pid: int, period: clocks.Period, today: date, now: datetime
) -> None:
    """A letter or card every two to five weeks; some write nothing, some decline."""
    if rnd.random() < 0.08:
        kind = "declined" if rnd.random() < 0.7 else "obstructed"
        day = min(period.start + timedelta(days=rnd.randint(3, 20)), today)
        rows.letters.append(_row(pid, now, on=day, kind=kind, direction=None, note=None))
        return
    day = period.start + timedelta(days=rnd.randint(5, 25))
    while day <= _end(period, today):
        kind = "letter" if rnd.random() < 0.4 else "card"
        direction = "sent" if rnd.random() < 0.6 else "received"
        rows.letters.append(_row(pid, now, on=day, kind=kind, direction=direction, note=None))
        day += timedelta(days=rnd.randint(12, 36))


def _medical(
    rnd: random.Random, rows: _Rows, pid: int, period: clocks.Period, today: date, now: datetime
) -> None:
    """Monthly inspections (a few late); hospitalised men seriously ill until discharge, with
    weekly reports, some missing."""
    weight = rnd.uniform(58, 95)
    day = period.start + timedelta(days=rnd.randint(1, 10))
    while day <= _end(period, today):
        weight += rnd.uniform(-1.5, 1.0)
        rows.inspections.append(
            _row(
                pid,
                now,
                on=day,
                weight_kg=round(weight, 1),
                seriously_ill=False,
                findings=None,
                doctor="Dr. Demo",
            )
        )
        day += timedelta(days=rnd.randint(24, 30) if rnd.random() < 0.95 else rnd.randint(31, 45))
    for fact in period.events:
        if fact.kind is not K.HOSPITALISED:
            continue
        ill = fact.on.latest
        out = next(
            (f.on.latest for f in period.events if f.kind is K.DISCHARGED and f.on.latest > ill),
            _end(period, today),
        )
        rows.inspections.append(
            _row(
                pid,
                now,
                on=ill,
                weight_kg=None,
                seriously_ill=True,
                findings="wounded",
                doctor="Dr. Demo",
            )
        )
        report = ill + timedelta(days=rnd.randint(3, 7))
        while report < out:
            if rnd.random() > 0.1:
                rows.reports.append(_row(pid, now, sent_on=report, summary="stable"))
            report += timedelta(days=rnd.randint(6, 8))
        if out < today and (period.end is None or out < period.end.on.earliest):
            rows.inspections.append(
                _row(
                    pid,
                    now,
                    on=out,
                    weight_kg=None,
                    seriously_ill=False,
                    findings="recovered",
                    doctor="Dr. Demo",
                )
            )


def _death(
    rnd: random.Random, rows: _Rows, pid: int, period: clocks.Period, today: date, now: datetime
) -> None:
    end = period.end
    if end is None or end.kind is not K.DIED:
        return
    sent = end.on.latest + timedelta(days=_lag(rnd, 0.15))
    if sent > today or rnd.random() < 0.05:
        return
    unknown = rnd.random() < 0.2
    rows.deaths.append(
        _row(
            pid,
            now,
            death_evidence_id=end.id,
            sent_on=sent,
            cause=None if unknown else "помер від поранень",
            caused_by_another=False,
            buried_on=end.on.latest + timedelta(days=5),
            burial_place="Військове кладовище (демо)",
            grave=f"ряд {rnd.randint(1, 40)}, могила {rnd.randint(1, 60)}",
        )
    )
    if unknown and rnd.random() < 0.7:
        rows.enquiries.append(
            _row(pid, now, opened_on=min(sent + timedelta(days=2), today), finding=None)
        )


def _effects(
    rnd: random.Random, rows: _Rows, pid: int, period: clocks.Period, today: date, now: datetime
) -> None:
    end = period.end
    for index in range(rnd.randint(0, 2)):
        disposed = None
        if end is not None:
            late = rnd.randint(1, 20) if rnd.random() < 0.06 else 0
            extra = 10 if end.kind is K.DIED else 0
            disposed = min(end.on.latest + timedelta(days=late + extra), today)
        money = index == 0 and rnd.random() < 0.5
        rows.effects.append(
            _row(
                pid,
                now,
                taken_on=period.start,
                description="гроші" if money else rnd.choice(EFFECTS),
                amount_minor=rnd.randint(100, 50000) * 100 if money else None,
                currency="RUB" if money else None,
                receipt=f"R-{pid}-{period.number}-{index}",
                disposed_on=disposed,
                disposal=_disposal(end, disposed),
            )
        )


# what a prisoner had on him, written as the bureau writes it, in Ukrainian
EFFECTS = ("годинник", "телефон", "перстень", "документи")


def _disposal(end: Any, disposed: date | None) -> str | None:
    if disposed is None:
        return None
    return "sealed_packet" if end is not None and end.kind is K.DIED else "returned"


def _pick(rnd: random.Random, shares: tuple[tuple[str, float], ...]) -> str:
    """A value by its cumulative share: (("a", 0.1), ("b", 1.0)) gives "a" one time in ten."""
    u = rnd.random()
    return next(value for value, upto in shares if u < upto)


ROUTES = (
    ("contract_prison", 0.14),
    ("contract_pmc", 0.22),
    ("contract", 0.76),
    ("mobilised", 0.95),
    ("conscript", 1.0),
)
EDUCATION = (("higher", 0.07), ("incomplete", 0.37), ("vocational", 0.70), ("secondary", 1.0))


def _profile(
    rnd: random.Random, rows: _Rows, pid: int, person: Any, since: date, today: date, now: datetime
) -> None:
    """The published shares; his rank decides the category when it is known."""
    category = RANK_CATEGORY.get(person.rank or "")
    if category is None:
        u = rnd.random()
        category = "rank_and_file" if u < 0.83 else "sergeant" if u < 0.96 else "officer"
    route, education = _pick(rnd, ROUTES), _pick(rnd, EDUCATION)
    rows.profiles.append(
        _row(
            pid,
            now,
            interviewed_on=min(since + timedelta(days=rnd.randint(2, 30)), today),
            voluntary=True,
            rank_category=category,
            service_route=route,
            citizenship=person.citizenship,
            coercion_or_deception=rnd.random() < 0.25,
            previous_convictions=route == "contract_prison" or rnd.random() < 0.30,
            education=education,
            worked_before_war=rnd.random() >= 0.38,
            children=rnd.choice((1, 1, 2, 2, 3)) if rnd.random() < 0.5 else 0,
            chronic_conditions=rnd.choice(CHRONIC) if rnd.random() < 0.2 else None,
        )
    )


def _batches(
    session: Session,
    rnd: random.Random,
    held: dict[int, list[clocks.Period]],
    today: date,
    now: datetime,
) -> int:
    """Weekly batches to the Central Tracing Agency; an event usually goes in the first batch
    after it, sometimes a week or two later, and the last weeks' events wait."""
    due: dict[date, list[tuple[int, int]]] = {}
    for pid, periods in held.items():
        for period in periods:
            for fact in (period.capture, *period.events):
                if fact.kind not in clocks.NOTIFIABLE:
                    continue
                day = fact.on.latest + timedelta(days=(7 - fact.on.latest.weekday()) % 7 or 7)
                if rnd.random() < 0.07:
                    day += timedelta(days=7 * rnd.randint(1, 3))
                if day < today - timedelta(days=3):
                    due.setdefault(day, []).append((fact.id, pid))
    batches = m.NotificationBatch.__table__
    notified = []
    for day in sorted(due):
        [batch_id] = session.scalars(
            batches.insert().returning(batches.c.id),  # type: ignore[attr-defined]
            [{"sent_on": day, "events": len(due[day]), "created_at": now, "created_by": ACTOR}],
        )
        notified += [{"batch_id": batch_id, "evidence_id": e, "person_id": p} for e, p in due[day]]
    if notified:
        session.execute(m.NotifiedEvent.__table__.insert(), notified)  # type: ignore[attr-defined]
    return len(due)


def _row(pid: int, now: datetime, **values: Any) -> dict[str, Any]:
    return {"person_id": pid, "created_at": now, "created_by": ACTOR, **values}
