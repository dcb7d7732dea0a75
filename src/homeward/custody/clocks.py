"""The bureau's duties towards each prisoner we hold, and their clocks. Pure: every rule is a row
of docs/custody.md, and the tests are named after the rows.

A duty is derived, like a status: from the prisoner's evidence (capture, arrival at a camp,
hospitalisation, escape, release, death …) and the records of the work done (a card sent, a
batch notified, a letter logged, an inspection), `duties` says what is owed, by when, and
whether it was done in time. Nothing is ticked by hand without the record that does it.

Dates are partial: a duty counts from the LAST day its event may have been (an arrival "in May
2024" starts its clock on 31 May), so a duty is late only when it certainly is. The result does
not depend on the order in which events were recorded.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from homeward.custody.duty import (
    CAPTURES,
    CARD_AGAIN,
    ENDINGS,
    NOTIFIABLE,
    RULES,
    WRITTEN,
    Cause,
    Deadlines,
    DeathNotice,
    Duty,
    Effect,
    Inspection,
    Internment,
    Letter,
    Obligation,
    Prisoner,
)
from homeward.dates import PartialDate
from homeward.registry.status.rules import Fact, effective_facts
from homeward.registry.vocab import EvidenceKind

K = EvidenceKind


__all__ = [
    "CAPTURES",
    "CARD_AGAIN",
    "ENDINGS",
    "NOTIFIABLE",
    "RULES",
    "WRITTEN",
    "Cause",
    "Deadlines",
    "DeathNotice",
    "Duty",
    "Effect",
    "Inspection",
    "Internment",
    "Letter",
    "Obligation",
    "Period",
    "Prisoner",
    "duties",
    "one_per_obligation",
    "periods_of",
    "whereabouts",
]


@dataclass
class Period:
    """One stretch of captivity: from a capture to the end of the internment (or today)."""

    number: int
    capture: Fact
    events: list[Fact] = field(default_factory=list)
    end: Fact | None = None
    escapes: list[tuple[date, date | None]] = field(default_factory=list)  # away, recaptured

    @property
    def start(self) -> date:
        return self.capture.on.latest

    def in_custody(self, as_of: date) -> bool:
        escaped = bool(self.escapes) and self.escapes[-1][1] is None
        return self.end is None and not escaped and self.start <= as_of


def periods_of(facts: Iterable[Fact]) -> list[Period]:
    """The prisoner's internments, in order. A capture while none is open opens one; a
    recapture after an escape continues it; repatriation, release, a hand-over to another
    Power or death ends it (a later capture opens the next)."""
    kept, _ = effective_facts(facts)
    periods: list[Period] = []
    current: Period | None = None
    for fact in kept:
        if current is None:
            if fact.kind in CAPTURES:
                current = Period(len(periods) + 1, fact)
                periods.append(current)
            continue
        current.events.append(fact)
        if fact.kind is K.ESCAPED:
            current.escapes.append((fact.on.latest, None))
        elif fact.kind is K.RECAPTURED and current.escapes and current.escapes[-1][1] is None:
            current.escapes[-1] = (current.escapes[-1][0], fact.on.latest)
        elif fact.kind in ENDINGS:
            current.end = fact
            current = None
    return periods


def _said(fact: Fact) -> Cause:
    return Cause(fact.kind.value, fact.on)


def _late(due: date, done: date | None, as_of: date) -> bool:
    return done > due if done is not None else as_of > due


def _first_on_or_after(days: Sequence[date], start: date) -> date | None:
    """The first of `days` (sorted) on or after `start`."""
    index = bisect_left(days, start)
    return days[index] if index < len(days) else None


class _Builder:
    def __init__(
        self, prisoner: Prisoner, as_of: date, deadlines: Deadlines, *, history: bool
    ) -> None:
        self.prisoner, self.as_of, self.deadlines = prisoner, as_of, deadlines
        self.found: list[Duty] = []
        self.serials = _serials_by_capture(prisoner)
        self.cards = sorted(prisoner.cards)
        self.inspected = sorted(i.on for i in prisoner.inspections)
        self.reports = sorted(prisoner.health_reports)
        self.history = history

    def add(
        self,
        period: Period,
        obligation: Obligation,
        *,
        due: date,
        done: date | None,
        because: Cause,
        event_id: int | None = None,
        note: str | None = None,
    ) -> None:
        self.found.append(
            Duty(
                self.prisoner.person_id,
                obligation,
                due,
                done,
                _late(due, done, self.as_of),
                because,
                period.number,
                self.serials.get(period.capture.id, (None, None))[0],
                event_id,
                note,
            )
        )


def _serials_by_capture(prisoner: Prisoner) -> dict[int, tuple[str, date]]:
    """Capture evidence id → (serial number, opened on); a corrected capture keeps the serial
    number of the capture it corrects."""
    by_id = {i.capture_evidence_id: (i.serial_number, i.opened_on) for i in prisoner.internments}
    for fact in sorted(prisoner.facts, key=lambda f: f.sort_key):
        if fact.supersedes in by_id and fact.kind is not K.RETRACTION:
            by_id.setdefault(fact.id, by_id[fact.supersedes])
    return by_id


def duties(
    prisoner: Prisoner,
    *,
    as_of: date,
    deadlines: Deadlines | None = None,
    history: bool = True,
    periods: list[Period] | None = None,
) -> list[Duty]:
    """Every duty owed to the prisoner so far, each with its clock (docs/custody.md). Without
    `history`, a recurring duty (inspections, weekly reports) gives only its latest instance:
    all `one_per_obligation` needs, and much less work for a whole register."""
    build = _Builder(prisoner, as_of, deadlines or Deadlines(), history=history)
    if periods is None:
        periods = periods_of(prisoner.facts)
    for period in periods:
        _registration(build, period)
        _capture_cards(build, period)
        _correspondence(build, period)
        _inspections(build, period)
        _health_reports(build, period)
        _death(build, period)
        _effects(build, period)
    _notifications(build, periods)
    return build.found


def _registration(build: _Builder, period: Period) -> None:
    """C1: the bureau opens the internment and issues its serial number."""
    opened = build.serials.get(period.capture.id)
    due = period.start + timedelta(days=build.deadlines.registration)
    done = opened[1] if opened else None
    build.add(period, Obligation.REGISTRATION, due=due, done=done, because=_said(period.capture))


def _card_triggers(period: Period) -> list[Fact]:
    triggers = [period.capture]
    for fact in period.events:
        again = fact.kind in CARD_AGAIN or (fact.kind is K.RECAPTURED and period.escapes)
        if again and (period.end is None or fact.on.latest <= period.end.on.latest):
            triggers.append(fact)
    return triggers


def _capture_cards(build: _Builder, period: Period) -> None:
    """C2: a card within a week of the capture, and again after each move or hospitalisation."""
    for trigger in _card_triggers(period):
        start = trigger.on.latest
        build.add(
            period,
            Obligation.CAPTURE_CARD,
            due=start + timedelta(days=build.deadlines.capture_card),
            done=_first_on_or_after(build.cards, trigger.on.earliest),
            because=_said(trigger),
            event_id=trigger.id,
        )


def _notifications(build: _Builder, periods: list[Period]) -> None:
    """C3: every capture, move, hospitalisation, hand-over, release, repatriation, escape and
    death, notified to the Central Tracing Agency in a batch."""
    for period in periods:
        for fact in (period.capture, *period.events):
            if fact.kind not in NOTIFIABLE:
                continue
            build.add(
                period,
                Obligation.NOTIFICATION,
                due=fact.on.latest + timedelta(days=build.deadlines.notification),
                done=build.prisoner.notified.get(fact.id),
                because=_said(fact),
                event_id=fact.id,
            )


def _correspondence(build: _Builder, period: Period) -> None:
    """C4: a prisoner in custody with no letter or card, sent or received, for 30 days is
    listed, with what is recorded about it (he declines to write, or is obstructed)."""
    if not period.in_custody(build.as_of):
        return
    letters = build.prisoner.letters
    written = [x.on for x in letters if x.kind in WRITTEN]
    since = max([d for d in written if d >= period.start] + [period.start])
    notes = [x for x in letters if x.kind not in WRITTEN and x.on >= since]
    note = max(notes, key=lambda x: x.on).kind if notes else None
    build.add(
        period,
        Obligation.CORRESPONDENCE,
        due=since + timedelta(days=build.deadlines.correspondence),
        done=None,
        because=Cause("letter", PartialDate.of(since))
        if since != period.start
        else _said(period.capture),
        note=note,
    )


def _chain(
    build: _Builder,
    period: Period,
    obligation: Obligation,
    *,
    start: date,
    stop: date,
    days: Sequence[date],
    every: int,
    because: Cause,
    still_owed: bool,
) -> None:
    """A recurring duty: due `every` days after `start`, then `every` days after each time it
    was done, until `stop`; while it is `still_owed`, the next one is shown even before it
    falls due. `days` are sorted."""
    after, looking_from = start, start  # the first may be done on the day the clock starts
    last: tuple[date, date | None] | None = None
    while True:
        due = after + timedelta(days=every)
        done = _first_on_or_after(days, looking_from)
        if done is not None and done > stop:
            done = None
        if done is None and due > stop and not still_owed:
            break
        if build.history:
            build.add(period, obligation, due=due, done=done, because=because)
        last = (due, done)
        if done is None:
            break
        after, looking_from = done, done + timedelta(days=1)
    if last is not None and not build.history:
        build.add(period, obligation, due=last[0], done=last[1], because=because)


def _stop(period: Period, as_of: date) -> date:
    if period.end is not None:
        return min(period.end.on.earliest, as_of)
    if period.escapes and period.escapes[-1][1] is None:
        return min(period.escapes[-1][0], as_of)
    return as_of


def _inspections(build: _Builder, period: Period) -> None:
    """C5: a medical inspection at least once a month, while he is held."""
    days = build.inspected
    _chain(
        build,
        period,
        Obligation.MEDICAL_INSPECTION,
        start=period.start,
        stop=_stop(period, build.as_of),
        days=days,
        every=build.deadlines.medical_inspection,
        because=_said(period.capture),
        still_owed=period.in_custody(build.as_of),
    )


def _seriously_ill_stretches(prisoner: Prisoner, start: date) -> list[tuple[date, date | None]]:
    stretches: list[tuple[date, date | None]] = []
    for inspection in sorted(prisoner.inspections, key=lambda i: i.on):
        if inspection.on < start:
            continue
        open_ = bool(stretches) and stretches[-1][1] is None
        if inspection.seriously_ill and not open_:
            stretches.append((inspection.on, None))
        elif not inspection.seriously_ill and open_:
            stretches[-1] = (stretches[-1][0], inspection.on)
    return stretches


def _health_reports(build: _Builder, period: Period) -> None:
    """C6: for the seriously ill or wounded, a health report to the ICRC every week, from the
    inspection that found him so until one that no longer does."""
    stop = _stop(period, build.as_of)
    reports = build.reports
    for begun, ended in _seriously_ill_stretches(build.prisoner, period.start):
        if begun > stop:
            continue
        _chain(
            build,
            period,
            Obligation.HEALTH_REPORT,
            start=begun,
            stop=min(ended, stop) if ended else stop,
            days=reports,
            every=build.deadlines.health_report,
            because=Cause("seriously_ill", PartialDate.of(begun)),
            still_owed=ended is None and period.in_custody(build.as_of),
        )


def _death(build: _Builder, period: Period) -> None:
    """C7 and C8: the death notification; an official enquiry when the notice says the cause
    is unknown or another person may have caused it."""
    if period.end is None or period.end.kind not in (K.DIED, K.REMAINS_IDENTIFIED):
        return
    died = period.end
    notices = sorted(build.prisoner.death_notices, key=lambda n: n.sent_on)
    build.add(
        period,
        Obligation.DEATH_NOTIFICATION,
        due=died.on.latest + timedelta(days=build.deadlines.death_notification),
        done=notices[0].sent_on if notices else None,
        because=_said(died),
        event_id=died.id,
    )
    if any(n.enquiry_needed for n in notices):
        build.add(
            period,
            Obligation.ENQUIRY,
            due=died.on.latest + timedelta(days=build.deadlines.enquiry),
            done=min(build.prisoner.enquiries, default=None),
            because=_said(died),
            event_id=died.id,
        )


def _effects(build: _Builder, period: Period) -> None:
    """C9: what was taken from him is returned when he leaves, or sent in a sealed packet
    through the bureau after his death."""
    end = period.end
    items = [
        e
        for e in build.prisoner.effects
        if e.taken_on >= period.capture.on.earliest and (end is None or e.taken_on <= end.on.latest)
    ]
    if end is None or not items:
        return
    extra = build.deadlines.effects_after_death if end.kind in (K.DIED, K.REMAINS_IDENTIFIED) else 0
    disposed = [e.disposed_on for e in items]
    done = None if None in disposed else max(d for d in disposed if d is not None)
    build.add(
        period,
        Obligation.EFFECTS,
        due=end.on.latest + timedelta(days=extra),
        done=done,
        because=_said(end),
        event_id=end.id,
    )


def one_per_obligation(found: Iterable[Duty]) -> list[Duty]:
    """One duty per prisoner and obligation, the one that matters now: the earliest still
    owed, else the last one done."""
    chosen: dict[tuple[int, Obligation], Duty] = {}
    for duty in found:
        key = (duty.person_id, duty.obligation)
        best = chosen.get(key)
        if best is None or _matters_more(duty, best):
            chosen[key] = duty
    order = list(Obligation)
    return sorted(chosen.values(), key=lambda d: (d.person_id, order.index(d.obligation)))


def _matters_more(duty: Duty, other: Duty) -> bool:
    if (duty.done is None) != (other.done is None):
        return duty.done is None
    if duty.done is None:
        return duty.due < other.due
    return duty.due > other.due


def whereabouts(
    facts: Iterable[Fact], *, on: date, periods: list[Period] | None = None
) -> str | None:
    """The place the prisoner was at on a day, as far as the evidence says: the place of the
    last event with a place on or before that day (None after he left our custody)."""
    place: str | None = None
    for period in periods if periods is not None else periods_of(facts):
        if period.start > on:
            break
        for fact in (period.capture, *period.events):
            if fact.on.earliest <= on and fact.place:
                place = fact.place
        if period.end is not None and period.end.on.latest <= on:
            place = None
    return place
