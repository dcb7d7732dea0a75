"""The duties' clocks, one test (or more) per row of docs/custody.md. Pure: no database."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from homeward.custody.clocks import (
    DeathNotice,
    Duty,
    Effect,
    Inspection,
    Internment,
    Letter,
    Obligation,
    Prisoner,
    duties,
    one_per_obligation,
    periods_of,
    whereabouts,
)
from homeward.dates import PartialDate
from homeward.registry.status.rules import Fact
from homeward.registry.vocab import EvidenceKind as K

CAPTURE = date(2024, 5, 1)
Ob = Obligation


def fact(
    fid: int, kind: K, day: date | PartialDate, place: str | None = None, **kw: object
) -> Fact:
    on = day if isinstance(day, PartialDate) else PartialDate.of(day)
    return Fact(fid, kind, on, place=place, **kw)  # type: ignore[arg-type]


def captured(day: date = CAPTURE) -> Fact:
    return fact(1, K.CAPTURED, day, "Вовчанськ")


def of(found: list[Duty], obligation: Obligation) -> list[Duty]:
    return [d for d in found if d.obligation is obligation]


def days(n: int) -> timedelta:
    return timedelta(days=n)


# --- C1 registration -----------------------------------------------------------------------


def test_c1_registration_is_due_a_week_after_the_capture_and_done_when_the_internment_opens() -> (
    None
):
    opened = Internment("POW-000001", 1, CAPTURE + days(2))
    found = of(
        duties(Prisoner(7, (captured(),), (opened,)), as_of=CAPTURE + days(30)), Ob.REGISTRATION
    )
    assert [(d.due, d.done, d.late, d.serial_number) for d in found] == [
        (CAPTURE + days(7), CAPTURE + days(2), False, "POW-000001")
    ]


def test_c1_a_prisoner_recorded_only_as_evidence_is_late_for_registration() -> None:
    found = of(duties(Prisoner(7, (captured(),)), as_of=CAPTURE + days(10)), Ob.REGISTRATION)
    assert found[0].done is None and found[0].late


def test_c1_a_corrected_capture_keeps_the_serial_number_of_the_capture_it_corrects() -> None:
    correction = fact(2, K.CAPTURED, CAPTURE - days(1), supersedes=1)
    prisoner = Prisoner(7, (captured(), correction), (Internment("POW-000009", 1, CAPTURE),))
    found = of(duties(prisoner, as_of=CAPTURE + days(3)), Ob.REGISTRATION)
    assert [d.serial_number for d in found] == ["POW-000009"]


# --- C2 capture card -----------------------------------------------------------------------


def test_c2_a_card_is_due_within_a_week_of_the_capture() -> None:
    found = of(duties(Prisoner(7, (captured(),)), as_of=CAPTURE + days(10)), Ob.CAPTURE_CARD)
    assert [(d.due, d.done, d.late) for d in found] == [(CAPTURE + days(7), None, True)]


def test_c2_a_card_sent_in_time_is_done_and_not_late() -> None:
    prisoner = Prisoner(7, (captured(),), cards=(CAPTURE + days(6),))
    found = of(duties(prisoner, as_of=CAPTURE + days(10)), Ob.CAPTURE_CARD)
    assert [(d.done, d.late, d.state) for d in found] == [(CAPTURE + days(6), False, "done")]


def test_c2_a_card_sent_after_the_week_is_done_late() -> None:
    prisoner = Prisoner(7, (captured(),), cards=(CAPTURE + days(9),))
    assert of(duties(prisoner, as_of=CAPTURE + days(10)), Ob.CAPTURE_CARD)[0].state == "done_late"


def test_c2_a_transfer_to_a_camp_restarts_the_clock_even_a_transit_camp() -> None:
    moved = fact(2, K.MOVED, CAPTURE + days(20), "Пересильний табір")
    prisoner = Prisoner(7, (captured(), moved), cards=(CAPTURE + days(3),))
    found = of(duties(prisoner, as_of=CAPTURE + days(30)), Ob.CAPTURE_CARD)
    assert [(str(d.because), d.done, d.late) for d in found] == [
        ("captured on 2024-05-01", CAPTURE + days(3), False),
        ("moved on 2024-05-21", None, True),
    ]


def test_c2_a_hospitalisation_owes_a_card_again() -> None:
    hospital = fact(2, K.HOSPITALISED, CAPTURE + days(10), "Шпиталь")
    prisoner = Prisoner(7, (captured(), hospital), cards=(CAPTURE + days(1), CAPTURE + days(12)))
    found = of(duties(prisoner, as_of=CAPTURE + days(30)), Ob.CAPTURE_CARD)
    assert [d.done for d in found] == [CAPTURE + days(1), CAPTURE + days(12)]


def test_c2_a_card_before_the_move_does_not_answer_for_it() -> None:
    moved = fact(2, K.MOVED, CAPTURE + days(5), "Табір")
    prisoner = Prisoner(7, (captured(), moved), cards=(CAPTURE + days(4),))
    found = of(duties(prisoner, as_of=CAPTURE + days(20)), Ob.CAPTURE_CARD)
    assert [d.done for d in found] == [CAPTURE + days(4), None]


def test_c2_a_move_recorded_after_the_card_was_sent_still_owes_its_own_card() -> None:
    # recorded out of order: the move (id 9) was entered after a later card, yet dated before it
    moved = fact(9, K.MOVED, CAPTURE + days(2), "Табір")
    prisoner = Prisoner(7, (moved, captured()), cards=(CAPTURE + days(3),))
    found = of(duties(prisoner, as_of=CAPTURE + days(20)), Ob.CAPTURE_CARD)
    assert [(str(d.because), d.done) for d in found] == [
        ("captured on 2024-05-01", CAPTURE + days(3)),
        ("moved on 2024-05-03", CAPTURE + days(3)),
    ]


def test_c2_a_retracted_move_owes_no_card() -> None:
    moved = fact(2, K.MOVED, CAPTURE + days(5), "Табір")
    retraction = fact(3, K.RETRACTION, CAPTURE + days(6), supersedes=2)
    prisoner = Prisoner(7, (captured(), moved, retraction), cards=(CAPTURE + days(1),))
    assert len(of(duties(prisoner, as_of=CAPTURE + days(30)), Ob.CAPTURE_CARD)) == 1


def test_c2_a_capture_known_to_the_month_counts_from_its_last_day() -> None:
    in_may = fact(1, K.CAPTURED, PartialDate(2024, 5))
    found = of(duties(Prisoner(7, (in_may,)), as_of=date(2024, 6, 5)), Ob.CAPTURE_CARD)
    assert (found[0].due, found[0].late) == (date(2024, 6, 7), False)


# --- C3 notification -----------------------------------------------------------------------


def test_c3_every_notifiable_event_is_due_a_week_after_it_and_done_by_its_batch() -> None:
    moved = fact(2, K.MOVED, CAPTURE + days(3), "Табір")
    visit = fact(3, K.ICRC_VISIT, CAPTURE + days(4), "Табір")
    repatriated = fact(4, K.REPATRIATED, CAPTURE + days(40))
    prisoner = Prisoner(7, (captured(), moved, visit, repatriated), notified={1: CAPTURE + days(5)})
    found = of(duties(prisoner, as_of=CAPTURE + days(60)), Ob.NOTIFICATION)
    assert [(d.event_id, d.done, d.late) for d in found] == [
        (1, CAPTURE + days(5), False),
        (2, None, True),
        (4, None, True),
    ]


def test_c3_an_escape_and_a_death_are_notified() -> None:
    escaped = fact(2, K.ESCAPED, CAPTURE + days(30))
    back = fact(3, K.RECAPTURED, CAPTURE + days(32), "Табір")
    died = fact(4, K.DIED, CAPTURE + days(50))
    prisoner = Prisoner(7, (captured(), escaped, back, died))
    ids = [d.event_id for d in of(duties(prisoner, as_of=CAPTURE + days(60)), Ob.NOTIFICATION)]
    assert ids == [1, 2, 3, 4]


# --- C4 correspondence ---------------------------------------------------------------------


def test_c4_no_correspondence_for_thirty_days_is_listed() -> None:
    found = of(duties(Prisoner(7, (captured(),)), as_of=CAPTURE + days(31)), Ob.CORRESPONDENCE)
    assert [(d.due, d.late) for d in found] == [(CAPTURE + days(30), True)]


def test_c4_a_letter_received_restarts_the_thirty_days() -> None:
    letters = (Letter(CAPTURE + days(20), "letter"),)
    found = of(
        duties(Prisoner(7, (captured(),), letters=letters), as_of=CAPTURE + days(31)),
        Ob.CORRESPONDENCE,
    )
    assert [(d.due, d.late) for d in found] == [(CAPTURE + days(50), False)]


def test_c4_the_list_says_when_he_declines_to_write() -> None:
    letters = (Letter(CAPTURE + days(5), "declined"),)
    found = of(
        duties(Prisoner(7, (captured(),), letters=letters), as_of=CAPTURE + days(40)),
        Ob.CORRESPONDENCE,
    )
    assert (found[0].late, found[0].note) == (True, "declined")


def test_c4_is_not_owed_once_he_is_repatriated() -> None:
    home = fact(2, K.REPATRIATED, CAPTURE + days(10))
    assert not of(
        duties(Prisoner(7, (captured(), home)), as_of=CAPTURE + days(90)), Ob.CORRESPONDENCE
    )


# --- C5 medical inspection -----------------------------------------------------------------


def test_c5_an_inspection_is_due_every_thirty_days() -> None:
    inspections = (Inspection(CAPTURE + days(25), False), Inspection(CAPTURE + days(70), False))
    prisoner = Prisoner(7, (captured(),), inspections=inspections)
    found = of(duties(prisoner, as_of=CAPTURE + days(80)), Ob.MEDICAL_INSPECTION)
    assert [(d.due, d.done, d.late) for d in found] == [
        (CAPTURE + days(30), CAPTURE + days(25), False),
        (CAPTURE + days(55), CAPTURE + days(70), True),
        (CAPTURE + days(100), None, False),
    ]


def test_c5_an_inspection_on_the_day_of_capture_counts_once_and_the_clock_moves_on() -> None:
    prisoner = Prisoner(7, (captured(),), inspections=(Inspection(CAPTURE, False),))
    found = of(duties(prisoner, as_of=CAPTURE + days(40)), Ob.MEDICAL_INSPECTION)
    assert [(d.due, d.done, d.late) for d in found] == [
        (CAPTURE + days(30), CAPTURE, False),
        (CAPTURE + days(30), None, True),
    ]


def test_c5_the_next_inspection_is_shown_before_it_falls_due() -> None:
    found = of(duties(Prisoner(7, (captured(),)), as_of=CAPTURE + days(3)), Ob.MEDICAL_INSPECTION)
    assert [(d.state, d.due) for d in found] == [("due", CAPTURE + days(30))]


def test_c5_stops_when_the_internment_ends() -> None:
    home = fact(2, K.RELEASED, CAPTURE + days(20))
    found = of(
        duties(Prisoner(7, (captured(), home)), as_of=CAPTURE + days(200)), Ob.MEDICAL_INSPECTION
    )
    assert found == []


# --- C6 weekly health report ---------------------------------------------------------------


def test_c6_a_seriously_ill_prisoner_owes_a_report_every_week() -> None:
    ill = Inspection(CAPTURE + days(2), True)
    reports = (CAPTURE + days(8), CAPTURE + days(20))
    prisoner = Prisoner(7, (captured(),), inspections=(ill,), health_reports=reports)
    found = of(duties(prisoner, as_of=CAPTURE + days(24)), Ob.HEALTH_REPORT)
    assert [(d.due, d.done, d.late) for d in found] == [
        (CAPTURE + days(9), CAPTURE + days(8), False),
        (CAPTURE + days(15), CAPTURE + days(20), True),
        (CAPTURE + days(27), None, False),
    ]


def test_c6_stops_when_an_inspection_no_longer_finds_him_seriously_ill() -> None:
    inspections = (Inspection(CAPTURE + days(2), True), Inspection(CAPTURE + days(5), False))
    prisoner = Prisoner(7, (captured(),), inspections=inspections)
    assert of(duties(prisoner, as_of=CAPTURE + days(60)), Ob.HEALTH_REPORT) == []


def test_c6_is_not_owed_to_a_prisoner_in_good_health() -> None:
    prisoner = Prisoner(7, (captured(),), inspections=(Inspection(CAPTURE + days(2), False),))
    assert of(duties(prisoner, as_of=CAPTURE + days(60)), Ob.HEALTH_REPORT) == []


# --- C7 and C8 death -----------------------------------------------------------------------


def test_c7_a_death_owes_a_notification_within_a_week() -> None:
    died = fact(2, K.DIED, CAPTURE + days(40), "Табір")
    prisoner = Prisoner(
        7, (captured(), died), death_notices=(DeathNotice(CAPTURE + days(44), False),)
    )
    found = of(duties(prisoner, as_of=CAPTURE + days(60)), Ob.DEATH_NOTIFICATION)
    assert [(d.due, d.done, d.late) for d in found] == [
        (CAPTURE + days(47), CAPTURE + days(44), False)
    ]


def test_c8_a_death_of_unknown_cause_owes_an_enquiry() -> None:
    died = fact(2, K.DIED, CAPTURE + days(40))
    prisoner = Prisoner(
        7, (captured(), died), death_notices=(DeathNotice(CAPTURE + days(41), True),)
    )
    found = of(duties(prisoner, as_of=CAPTURE + days(60)), Ob.ENQUIRY)
    assert [(d.done, d.late) for d in found] == [(None, True)]


def test_c8_a_death_of_known_cause_owes_no_enquiry() -> None:
    died = fact(2, K.DIED, CAPTURE + days(40))
    prisoner = Prisoner(
        7, (captured(), died), death_notices=(DeathNotice(CAPTURE + days(41), False),)
    )
    assert of(duties(prisoner, as_of=CAPTURE + days(60)), Ob.ENQUIRY) == []


# --- C9 effects ----------------------------------------------------------------------------


def test_c9_effects_are_due_back_on_the_day_he_is_repatriated() -> None:
    home = fact(2, K.REPATRIATED, CAPTURE + days(100))
    effects = (Effect(CAPTURE, CAPTURE + days(100)), Effect(CAPTURE, None))
    found = of(
        duties(Prisoner(7, (captured(), home), effects=effects), as_of=CAPTURE + days(101)),
        Ob.EFFECTS,
    )
    assert [(d.due, d.done, d.late) for d in found] == [(CAPTURE + days(100), None, True)]


def test_c9_after_a_death_the_sealed_packet_has_thirty_days() -> None:
    died = fact(2, K.DIED, CAPTURE + days(10))
    effects = (Effect(CAPTURE, CAPTURE + days(35)),)
    found = of(
        duties(Prisoner(7, (captured(), died), effects=effects), as_of=CAPTURE + days(50)),
        Ob.EFFECTS,
    )
    assert [(d.due, d.done, d.late) for d in found] == [
        (CAPTURE + days(40), CAPTURE + days(35), False)
    ]


# --- internments ---------------------------------------------------------------------------


def test_a_man_captured_again_after_repatriation_has_a_second_internment() -> None:
    facts = (
        captured(),
        fact(2, K.REPATRIATED, CAPTURE + days(100)),
        fact(3, K.CAPTURED, CAPTURE + days(300), "Покровськ"),
    )
    periods = periods_of(facts)
    assert [(p.number, p.capture.id, p.end.id if p.end else None) for p in periods] == [
        (1, 1, 2),
        (2, 3, None),
    ]
    second = [d for d in duties(Prisoner(7, facts), as_of=CAPTURE + days(305)) if d.period == 2]
    assert {d.obligation for d in second} >= {Ob.REGISTRATION, Ob.CAPTURE_CARD, Ob.NOTIFICATION}


def test_an_escape_pauses_the_monthly_duties_and_a_recapture_owes_a_card() -> None:
    facts = (captured(), fact(2, K.ESCAPED, CAPTURE + days(5)))
    assert of(duties(Prisoner(7, facts), as_of=CAPTURE + days(90)), Ob.MEDICAL_INSPECTION) == []
    back = (*facts, fact(3, K.RECAPTURED, CAPTURE + days(60), "Табір"))
    cards = of(duties(Prisoner(7, back), as_of=CAPTURE + days(70)), Ob.CAPTURE_CARD)
    assert [str(c.because) for c in cards] == ["captured on 2024-05-01", "recaptured on 2024-06-30"]


def test_whereabouts_follow_the_evidence_day_by_day() -> None:
    facts = (
        captured(),
        fact(2, K.MOVED, CAPTURE + days(3), "Пересильний табір"),
        fact(3, K.MOVED, CAPTURE + days(10), "Табір №1"),
        fact(4, K.REPATRIATED, CAPTURE + days(50)),
    )
    assert whereabouts(facts, on=CAPTURE + days(5)) == "Пересильний табір"
    assert whereabouts(facts, on=CAPTURE + days(20)) == "Табір №1"
    assert whereabouts(facts, on=CAPTURE + days(60)) is None


def test_one_line_per_obligation_keeps_the_earliest_still_owed() -> None:
    moved = fact(2, K.MOVED, CAPTURE + days(20), "Табір")
    prisoner = Prisoner(7, (captured(), moved), cards=(CAPTURE + days(3),))
    cards = of(one_per_obligation(duties(prisoner, as_of=CAPTURE + days(30))), Ob.CAPTURE_CARD)
    assert [(str(c.because), c.done) for c in cards] == [("moved on 2024-05-21", None)]


# --- properties ----------------------------------------------------------------------------

KINDS = [
    K.MOVED,
    K.HOSPITALISED,
    K.DISCHARGED,
    K.ICRC_VISIT,
    K.ESCAPED,
    K.RECAPTURED,
    K.REPATRIATED,
]


@st.composite
def prisoners(draw: st.DrawFn) -> Prisoner:
    count = draw(st.integers(0, 8))
    facts = [captured()]
    for index in range(count):
        kind = draw(st.sampled_from(KINDS))
        offset = draw(st.integers(0, 200))
        facts.append(fact(index + 2, kind, CAPTURE + days(offset), "Табір"))
    cards = tuple(CAPTURE + days(draw(st.integers(0, 220))) for _ in range(draw(st.integers(0, 3))))
    notified = {
        f.id: CAPTURE + days(draw(st.integers(0, 220))) for f in facts if draw(st.booleans())
    }
    return Prisoner(7, tuple(facts), cards=cards, notified=notified)


@settings(max_examples=200, deadline=None)
@given(prisoners(), st.randoms(use_true_random=False))
def test_the_order_events_are_recorded_in_does_not_change_any_clock(
    prisoner: Prisoner, rnd: random.Random
) -> None:
    shuffled = list(prisoner.facts)
    rnd.shuffle(shuffled)
    other = replace(prisoner, facts=tuple(shuffled))
    as_of = CAPTURE + days(250)
    assert duties(prisoner, as_of=as_of) == duties(other, as_of=as_of)


@settings(max_examples=200, deadline=None)
@given(prisoners())
def test_a_duty_is_late_exactly_when_done_after_its_day_or_still_owed_after_it(
    prisoner: Prisoner,
) -> None:
    as_of = CAPTURE + days(250)
    for duty in duties(prisoner, as_of=as_of):
        expected = duty.done > duty.due if duty.done else as_of > duty.due
        assert duty.late is expected


@settings(max_examples=200, deadline=None)
@given(prisoners())
def test_the_register_wide_shortcut_gives_the_same_line_per_obligation(prisoner: Prisoner) -> None:
    as_of = CAPTURE + days(250)
    full = one_per_obligation(duties(prisoner, as_of=as_of))
    assert one_per_obligation(duties(prisoner, as_of=as_of, history=False)) == full
