"""What the custody rules read and what they give: the obligations and their articles, the
deadlines, a prisoner's records, a duty with its clock. Pure: see `clocks` for the rules and
docs/custody.md for the rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import NamedTuple

from homeward.dates import PartialDate
from homeward.registry.status.rules import Fact
from homeward.registry.vocab import EvidenceKind

K = EvidenceKind


class Obligation(StrEnum):
    REGISTRATION = "registration"
    CAPTURE_CARD = "capture_card"
    NOTIFICATION = "notification"
    CORRESPONDENCE = "correspondence"
    MEDICAL_INSPECTION = "medical_inspection"
    HEALTH_REPORT = "health_report"
    DEATH_NOTIFICATION = "death_notification"
    ENQUIRY = "enquiry"
    EFFECTS = "effects"


# The rows of docs/custody.md: the rule's name and the article of GC III that owes the duty.
RULES: dict[Obligation, tuple[str, str]] = {
    Obligation.REGISTRATION: ("C1", "Art. 17, 122 §4"),
    Obligation.CAPTURE_CARD: ("C2", "Art. 70, Annex IV B"),
    Obligation.NOTIFICATION: ("C3", "Art. 122 §3, §5"),
    Obligation.CORRESPONDENCE: ("C4", "Art. 71"),
    Obligation.MEDICAL_INSPECTION: ("C5", "Art. 31"),
    Obligation.HEALTH_REPORT: ("C6", "Art. 122 §6"),
    Obligation.DEATH_NOTIFICATION: ("C7", "Art. 120"),
    Obligation.ENQUIRY: ("C8", "Art. 121"),
    Obligation.EFFECTS: ("C9", "Art. 18, 122 §9"),
}

# Events that open an internment, end it, or interrupt it.
CAPTURES = frozenset({K.CAPTURED, K.RECAPTURED})
ENDINGS = frozenset({K.REPATRIATED, K.RELEASED, K.TRANSFERRED, K.DIED, K.REMAINS_IDENTIFIED})
# A capture card is owed again after each of these (Art. 70: "even a transit camp"; again
# after a transfer between camps or to a hospital).
CARD_AGAIN = frozenset({K.MOVED, K.HOSPITALISED})
# What the Central Tracing Agency must be told of (Art. 122 §3 and §5). `moved` is a transfer
# between our camps; `transferred` is a hand-over to another Power (Art. 12).
NOTIFIABLE = frozenset(
    {
        K.CAPTURED,
        K.RECAPTURED,
        K.MOVED,
        K.HOSPITALISED,
        K.TRANSFERRED,
        K.RELEASED,
        K.REPATRIATED,
        K.ESCAPED,
        K.DIED,
    }
)
WRITTEN = ("letter", "card")  # correspondence; the other kinds say why there is none


@dataclass(frozen=True)
class Deadlines:
    """Days allowed for each duty. The articles say "within one week" (the card), "at least
    once a month" (the inspection), "every week if possible" (the health report); where an
    article says "as soon as possible" the number is the bureau's own standard."""

    registration: int = 7
    capture_card: int = 7
    notification: int = 7
    correspondence: int = 30
    medical_inspection: int = 30
    health_report: int = 7
    death_notification: int = 7
    enquiry: int = 7
    effects_after_death: int = 30


class Internment(NamedTuple):
    """The bureau's record of one internment: its serial number and the capture it began with."""

    serial_number: str
    capture_evidence_id: int
    opened_on: date


class Letter(NamedTuple):
    on: date
    kind: str  # letter | card | declined | obstructed


class Inspection(NamedTuple):
    on: date
    seriously_ill: bool


class DeathNotice(NamedTuple):
    sent_on: date
    enquiry_needed: bool


class Effect(NamedTuple):
    taken_on: date
    disposed_on: date | None


@dataclass(frozen=True)
class Prisoner:
    """Everything the rules read about one prisoner: his evidence and the work recorded."""

    person_id: int
    facts: tuple[Fact, ...]
    internments: tuple[Internment, ...] = ()
    cards: tuple[date, ...] = ()
    notified: dict[int, date] = field(default_factory=dict)  # evidence id → day its batch went
    letters: tuple[Letter, ...] = ()
    inspections: tuple[Inspection, ...] = ()
    health_reports: tuple[date, ...] = ()
    death_notices: tuple[DeathNotice, ...] = ()
    enquiries: tuple[date, ...] = ()
    effects: tuple[Effect, ...] = ()


@dataclass(frozen=True)
class Cause:
    """What started a clock: an event's kind (or `letter`, the last letter or card; or
    `seriously_ill`, the inspection that found him so) and its date."""

    what: str
    on: PartialDate

    def __str__(self) -> str:
        if self.what == "letter":
            return f"last letter or card on {self.on.iso()}"
        if self.what == "seriously_ill":
            return f"seriously ill from {self.on.iso()}"
        return f"{self.what} on {self.on.iso()}"


@dataclass(frozen=True)
class Duty:
    person_id: int
    obligation: Obligation
    due: date
    done: date | None
    late: bool
    because: Cause  # what started the clock: str() says "moved on 2024-05-03"
    period: int  # which internment of the prisoner, counted from 1
    serial_number: str | None = None
    event_id: int | None = None
    note: str | None = None  # correspondence: what is recorded about his silence

    @property
    def rule(self) -> str:
        return RULES[self.obligation][0]

    @property
    def article(self) -> str:
        return RULES[self.obligation][1]

    @property
    def state(self) -> str:
        """done, done_late, due (not yet late) or late."""
        if self.done is not None:
            return "done_late" if self.late else "done"
        return "late" if self.late else "due"
