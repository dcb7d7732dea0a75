"""The bureau's documents, made from the same record as the clocks: the capture card (Annex IV
B, a 150 × 105 mm card in Ukrainian and the prisoner's language), the death notification, and
the notification batch to the Central Tracing Agency (XLSX, with a PDF cover sheet).

Names appear as the prisoner gave them and in Latin transliteration (ICAO 9303 for Russian)."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from homeward.custody import models as m
from homeward.custody.clocks import NOTIFIABLE, periods_of
from homeward.custody.service import facts_of, internment_for, prisoner
from homeward.documents import render_pdf
from homeward.errors import InvalidInput
from homeward.i18n import in_context, translator
from homeward.imports.export import write_xlsx
from homeward.names import Language, transliterate
from homeward.registry.models import Person
from homeward.registry.status.rules import Fact
from homeward.registry.vocab import Sex

# Russian for the prisoners of the adversary's army; English for a foreigner whose language the
# bureau does not hold.
CARD_LANGUAGES = ("ru", "en")
ANSWER_WORDS = {"refused": "Refused to say", "not_known": "Not known"}
EVENT_WORDS = {
    "captured": "Captured",
    "recaptured": "Recaptured",
    "moved": "Moved",
    "hospitalised": "Hospitalised",
    "transferred": "Transferred",
    "released": "Released",
    "repatriated": "Repatriated",
    "escaped": "Escaped",
    "died": "Died",
}


# The card is the prisoner's own (Art. 70: he or she writes it, and strikes out the states of
# health that do not apply): its words about the prisoner take the prisoner's gender in
# Ukrainian and Russian, the catalogues' `msgctxt` (a man's are the words without one); where
# the register does not know the sex, both forms ("Здоровий(-а)").
SAID_OF = {Sex.FEMALE.value: "woman", Sex.UNKNOWN.value: "sex not known"}


def label(kind: str) -> str:
    return EVENT_WORDS.get(kind, kind)


def latin(text: str | None) -> str:
    return transliterate(text, language=Language.RU) if text else ""


def _field(person: Person, answers: dict[str, str], field: str, text: Any) -> dict[str, Any]:
    answer = answers.get(field)
    return {"text": "" if text is None else text, "answer": ANSWER_WORDS.get(answer or "")}


def card_context(session: Session, person_id: int, *, issued_on: date) -> dict[str, Any]:
    """What the capture card shows, from the person, his internment and his evidence."""
    person = prisoner(session, person_id)
    facts = facts_of(session, person_id)
    periods = periods_of(facts)
    if not periods:
        raise InvalidInput("person", "person %(id)s is not a prisoner we hold", id=person_id)
    period = periods[-1]
    internment = internment_for(session, period)
    if internment is None:
        raise InvalidInput("person", "person %(id)s has no serial number yet", id=person_id)
    answers = dict(
        session.execute(
            select(m.IdentityAnswer.field, m.IdentityAnswer.answer).where(
                m.IdentityAnswer.internment_id == internment.id
            )
        ).all()
    )
    name = " ".join(p for p in (person.surname, person.given_name, person.patronymic) if p)
    values = {
        "power": internment.power,
        "surname": person.surname,
        "given_name": " ".join(p for p in (person.given_name, person.patronymic) if p),
        "father_name": person.father_name,
        "birth_date": _shown(person.birth),
        "birth_place": person.birth_place,
        "rank": person.rank,
        "service_number": person.service_number,
        "mother_maiden_name": person.mother_maiden_name,
        "person_to_inform": person.person_to_inform,
        "correspondence_address": person.correspondence_address,
    }
    card: dict[str, Any] = {
        field: _field(person, answers, field, text) for field, text in values.items()
    }
    places = [f.place for f in (period.capture, *period.events) if f.place]
    card.update(
        name=name,
        latin=latin(name),
        serial_number=internment.serial_number,
        issued_on=issued_on,
        captured_on=period.capture.on,
        captured_at=period.capture.place or "",
        coming_from=places[-2] if len(places) > 1 else "",
        camp=places[-1] if len(places) > 1 else "",
        language=internment.language,
        said_of=SAID_OF.get(person.sex),
    )
    return card


def _shown(value: Any) -> str:
    if value is None:
        return ""
    parts = [
        f"{value.day:02d}" if value.day else None,
        f"{value.month:02d}" if value.month else None,
    ]
    return ".".join([p for p in parts if p] + [f"{value.year:04d}"])


def card_pdf(card: dict[str, Any], *, language: str) -> bytes:
    if language not in CARD_LANGUAGES:
        raise InvalidInput("lang", "the card is printed in Russian (ru) or English (en)")
    said_of = card.get("said_of")
    context = {
        "card": card,
        "theirs": translator(language),
        "their_lang": language,
        "of_prisoner": lambda message: in_context(said_of, message),
    }
    return render_pdf("custody/capture_card.html", context, lang="uk", page="card")


def death_context(session: Session, person_id: int, notice: m.DeathNotice) -> dict[str, Any]:
    person = prisoner(session, person_id)
    periods = periods_of(facts_of(session, person_id))
    period = periods[-1]
    internment = internment_for(session, period)
    died: Fact | None = period.end
    return {
        "power": internment.power if internment else "",
        "surname": person.surname,
        "latin_surname": latin(person.surname),
        "given_name": " ".join(p for p in (person.given_name, person.patronymic) if p),
        "father_name": person.father_name or "",
        "birth_date": _shown(person.birth),
        "birth_place": person.birth_place or "",
        "rank": person.rank or "",
        "service_number": person.service_number or "",
        "serial_number": internment.serial_number if internment else "",
        "died_on": died.on.iso() if died else "",
        "died_at": (died.place if died else None) or "",
        "cause": notice.cause,
        "buried_on": notice.buried_on.isoformat() if notice.buried_on else "",
        "burial_place": notice.burial_place or "",
        "grave": notice.grave or "",
        "sent_on": notice.sent_on,
    }


def death_pdf(notice: dict[str, Any], *, language: str) -> bytes:
    context = {"notice": notice, "theirs": translator(language), "their_lang": language}
    return render_pdf("custody/death_notice.html", context, lang="uk")


# --- the batch to the Central Tracing Agency ----------------------------------------------

BATCH_COLUMNS = (
    "serial_number",
    "surname",
    "given_name",
    "patronymic",
    "latin",
    "birth_date",
    "rank",
    "service_number",
    "power",
    "event",
    "event_date",
    "place",
    "evidence_id",
)


@dataclass(frozen=True)
class BatchEvent:
    person_id: int
    fact: Fact


def unnotified_events(session: Session) -> list[BatchEvent]:
    """Every notifiable event of a prisoner (in force, not superseded) not yet in a batch."""
    from homeward.custody.loading import read_facts

    done = set(session.scalars(select(m.NotifiedEvent.evidence_id)))
    found: list[BatchEvent] = []
    for person_id, facts in sorted(read_facts(session).items()):
        for period in periods_of(facts):
            for fact in (period.capture, *period.events):
                if fact.kind in NOTIFIABLE and fact.id not in done:
                    found.append(BatchEvent(person_id, fact))
    return found


def batch_rows(session: Session, events: list[BatchEvent]) -> list[list[Any]]:
    ids = sorted({e.person_id for e in events})
    persons: dict[int, Person] = {}
    for start in range(0, len(ids), 5000):
        chunk = ids[start : start + 5000]
        persons.update(
            (p.id, p) for p in session.scalars(select(Person).where(Person.id.in_(chunk)))
        )
    query = select(m.Internment.person_id, m.Internment.serial_number)
    serials = dict(session.execute(query).all())
    query_powers = select(m.Internment.person_id, m.Internment.power)
    powers = dict(session.execute(query_powers).all())
    rows = []
    for event in events:
        person = persons[event.person_id]
        rows.append(
            [
                serials.get(person.id, ""),
                person.surname,
                person.given_name,
                person.patronymic,
                latin(" ".join(p for p in (person.surname, person.given_name) if p)),
                _shown(person.birth),
                person.rank,
                person.service_number,
                powers.get(person.id) or "",
                label(event.fact.kind.value),
                event.fact.on.earliest if event.fact.on.day else event.fact.on.iso(),
                event.fact.place or "",
                event.fact.id,
            ]
        )
    return rows


def write_batch(path: Path, rows: list[list[Any]]) -> str:
    """The batch as XLSX (cells guarded against formulas); returns the file's SHA-256."""
    write_xlsx(path, BATCH_COLUMNS, rows, title="notifications")
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cover_pdf(batch: m.NotificationBatch, events: list[BatchEvent], file_name: str) -> bytes:
    counts = Counter(label(e.fact.kind.value) for e in events)
    context = {
        "batch": {
            "number": batch.id,
            "sent_on": batch.sent_on,
            "events": batch.events,
            "file_name": file_name,
            "sha256": batch.sha256 or "",
            "counts": sorted(counts.items()),
        }
    }
    return render_pdf("custody/batch_cover.html", context, lang="uk", second_lang="en")
