"""The figures kept up to date person by person (homeward.stats.tally, homeward.stats.live) are
the figures counted afresh, cell for cell, after every kind of change to the register."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time

from sqlalchemy.orm import Session

from homeward.custody.records import record_profile
from homeward.custody.schemas import ProfileIn
from homeward.linkage.merge import merge_persons, unmerge
from homeward.registry.evidence import add_evidence
from homeward.registry.schemas import ReportIn, validated
from homeward.registry.service import edit_person, get_person
from homeward.registry.sources import add_report
from homeward.registry.vocab import Side
from homeward.stats.live import LiveFigures
from homeward.stats.rows import PersonRow
from homeward.stats.service import read_register
from homeward.stats.summary import Figures, count_figures
from homeward.stats.tally import Tally
from homeward.stats.timeline import EvidenceRow
from tests.custody.factories import CUSTODIAN
from tests.factories import ANALYST, OPERATOR, evidence_in
from tests.stats.register import ON, add, build

TODAY = date.today()
OWN_KINDS = (
    "reported_missing",
    "captor_list",
    "icrc_notification",
    "letter_or_call",
    "seen_in_media",
    "testimony_sighting",
    "returned",
    "death_reported",
)
ADVERSARY_KINDS = ("captured", "hospitalised", "repatriated")


def afresh(session: Session) -> Figures:
    return count_figures(read_register(session, actor=ANALYST), on=ON, today=TODAY)


def same(kept: Figures, counted: Figures) -> None:
    assert kept == counted  # the day, the headline, both series, every table, the peaks
    assert kept.histories == counted.histories
    assert kept.strata == counted.strata


def evidence(session: Session, person_id: int, kind: str, day: date, received: date) -> None:
    report = add_report(
        session,
        actor=OPERATOR,
        report=validated(ReportIn, {"source": {"kind": "list", "name": "a list"}, "payload": {}}),
        person_id=person_id,
        received_at=datetime.combine(received, time(12), tzinfo=UTC),
    )
    add_evidence(
        session,
        actor=OPERATOR,
        person_id=person_id,
        evidence=evidence_in(kind, day.strftime("%d.%m.%Y"), report_id=report.id),
    )


def test_the_kept_figures_follow_every_kind_of_change(session: Session) -> None:
    ids = build(session)
    live = LiveFigures(on=ON, today=TODAY)
    same(live.refresh(session, actor=ANALYST), afresh(session))
    chance = random.Random(7)
    own = [pid for pid in ids.values() if get_person(session, pid).side == Side.OWN.value]
    adversaries = [pid for pid in ids.values() if pid not in own]
    merges = []
    for step in range(12):
        what = step % 6
        if what == 0:  # new evidence, some of it received after the day of the figures
            for _ in range(3):
                person = chance.choice(own)
                day = date(2022, 3, 1).toordinal() + chance.randrange(900)
                received = date.fromordinal(day + chance.randrange(200))
                kind = chance.choice(OWN_KINDS)
                evidence(session, person, kind, date.fromordinal(day), received)
        elif what == 1:  # a new person
            own.append(
                add(
                    session,
                    [("reported_missing", "05.06.2022", "2022-06-07")],
                    missing_date="05.06.2022",
                    missing_place="м. Харків, Харківська обл.",
                )
            )
        elif what == 2:  # two persons found to be one, their evidence moved to the survivor
            # the one just added, only reported missing, takes another's signs of captivity
            survivor = own[-1]
            counting = set(live.tally.persons())
            absorbed = chance.choice([p for p in own if p in counting and p != survivor])
            merges.append(
                merge_persons(
                    session,
                    actor=OPERATOR,
                    survivor_id=survivor,
                    absorbed_id=absorbed,
                    reason="the same man",
                ).id
            )
            own.remove(absorbed)
        elif what == 3 and merges:  # a merge undone: the evidence goes back
            record = unmerge(session, actor=OPERATOR, merge_id=merges.pop(), reason="two men")
            own.append(record.absorbed_id)
        elif what == 4:  # a record edited: another region, another unit
            counting = set(live.tally.persons())
            edited = get_person(session, chance.choice([p for p in own if p in counting]))
            edit_person(
                session,
                actor=OPERATOR,
                person_id=edited.id,
                expected_version=edited.version,
                changes={"missing_place": "с. Нова Каховка, Херсонська обл.", "unit": "А7777"},
                reason="corrected from the unit's list",
            )
        else:  # a prisoner we hold interviewed, and captured again
            prisoner = chance.choice(adversaries)
            record_profile(
                session,
                actor=CUSTODIAN,
                person_id=prisoner,
                profile=ProfileIn.model_validate(
                    {
                        "voluntary": True,
                        "interviewed_on": date(2024, 5, 1 + step),
                        "rank_category": "officer",
                        "citizenship": "GEO",
                    }
                ),
            )
            if step > 6:  # the first time, the interview alone
                evidence(session, prisoner, "captured", date(2024, 6, 3), date(2024, 6, 4))
        session.flush()
        same(live.refresh(session, actor=ANALYST), afresh(session))
    assert live.generation >= 10


def test_a_refresh_with_no_change_counts_nothing_again(session: Session) -> None:
    build(session)
    live = LiveFigures(on=ON, today=TODAY)
    first = live.refresh(session, actor=ANALYST)
    again = live.refresh(session, actor=ANALYST)
    assert again is first and live.generation == 1


def test_a_person_put_in_twice_counts_once_and_taken_out_leaves_nothing() -> None:
    from homeward.dates import PartialDate
    from homeward.registry.status.rules import Fact
    from homeward.registry.vocab import EvidenceKind, Reliability

    person = PersonRow(1, Side.OWN, unit="А0001", entered_on=date(2022, 3, 2))
    facts = [
        Fact(1, EvidenceKind.REPORTED_MISSING, PartialDate.of(date(2022, 3, 1)), None,
             Reliability.MEDIUM),
        Fact(2, EvidenceKind.CAPTOR_LIST, PartialDate.of(date(2022, 5, 1)), None,
             Reliability.MEDIUM),
    ]  # fmt: skip
    rows = [EvidenceRow.of(fact, fact.on.latest) for fact in facts]
    tally = Tally(on=ON, today=TODAY)
    empty = tally.figures()
    tally.put(person, rows)
    once = tally.figures()
    tally.put(person, rows)
    assert tally.figures() == once and len(tally) == 1
    assert once.headline.held_now == 1
    tally.drop(person.id)
    assert tally.figures() == empty and len(tally) == 0


def test_evidence_committed_out_of_the_order_of_its_identifiers_is_counted(
    session: Session,
) -> None:
    # On PostgreSQL a transaction that took an identifier first may commit last: the piece
    # numbered below the last one seen arrives after it
    from sqlalchemy import func, select

    from homeward.registry.models import Evidence

    ids = build(session)
    live = LiveFigures(on=ON, today=TODAY)
    live.refresh(session, actor=ANALYST)
    last = session.scalar(select(func.max(Evidence.id)))
    assert last is not None

    def piece(number: int, person: int, kind: str) -> None:
        session.add(
            Evidence(
                id=number,
                person_id=person,
                kind=kind,
                occurred_on=date(2024, 6, 1),
                occurred_precision="day",
                reliability="high",
                recorded_at=datetime(2024, 6, 2, 12, tzinfo=UTC),
                recorded_by="operator",
            )
        )
        session.flush()

    piece(last + 10, ids["missing"], "captor_list")
    same(live.refresh(session, actor=ANALYST), afresh(session))
    piece(last + 5, ids["held"], "repatriated")
    same(live.refresh(session, actor=ANALYST), afresh(session))
