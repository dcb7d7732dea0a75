"""Who in the register a mention may be: the linkage candidates for the name as heard, its
unit, and a check of the guessed age against each candidate's birth date.

The name as heard is one field ("Коваленко Олександр", "Sasha Kovalenko", "Коваленко"); it is
split as `homeward.names` splits a full name, then scored by the linkage model that scores
intake's candidates, so the interviewer reads the same reasons. Only our own persons are
candidates: a witness among our returnees speaks of our people."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from sqlalchemy.orm import Session

from homeward.dates import PartialDate
from homeward.linkage.candidates import PER_BLOCK, find_candidates
from homeward.linkage.features import LinkRecord
from homeward.linkage.model import LinkageModel
from homeward.linkage.pairs import Thresholds
from homeward.linkage.scoring import FieldWeight
from homeward.names import split_full_name
from homeward.registry.models import Person
from homeward.registry.vocab import Side
from homeward.testimonies.mentions import age_fits

# a surname alone says little: the persons it brings are capped lower than a full name's, so
# that a common surname answers as fast as a full name (a witness who gives only a surname
# is asked for more: a given name, an age, a unit)
SURNAME_ONLY = 100
LIKELY = Thresholds().review  # as at intake: a candidate this probable is marked as likely


@cache
def linkage_model() -> LinkageModel:
    """The default linkage model, read once."""
    return LinkageModel.load()


def mention_record(name_heard: str | None, unit: str | None = None) -> LinkRecord:
    """A mention as linkage reads a record: its name split into parts, its unit."""
    parts = split_full_name(name_heard or "")
    return LinkRecord(
        record_id="mention",
        surname=parts.surname or "",
        given_name=parts.given_name or "",
        patronymic=parts.patronymic or "",
        unit=(unit or "").strip(),
    )


@dataclass(frozen=True)
class MentionCandidate:
    person_id: int
    name: str
    spelling: str | None
    status: str
    birth: PartialDate | None
    unit: str | None
    probability: float
    explanation: str
    fields: tuple[FieldWeight, ...]
    age_fits: bool | None  # None when the age or the birth date is unknown

    @property
    def likely(self) -> bool:
        return self.probability >= LIKELY and self.age_fits is not False

    @property
    def percent(self) -> float:
        return int(self.probability * 1000) / 10


def candidates_for(
    session: Session,
    *,
    name_heard: str | None,
    unit: str | None = None,
    age: tuple[int, int] | None = None,
    seen: PartialDate | None = None,
    limit: int = 5,
    model: LinkageModel | None = None,
) -> list[MentionCandidate]:
    """The persons a mention may be, most likely first (our own persons only)."""
    record = mention_record(name_heard, unit)
    if not record.surname:
        return []
    found = find_candidates(
        session,
        record,
        model=model or linkage_model(),
        limit=limit * 2,
        per_block=PER_BLOCK if record.given_name else SURNAME_ONLY,
    )
    result = []
    for c in found:
        person = session.get(Person, c.person_id)  # loaded by the search: no query
        assert person is not None
        if person.side != Side.OWN.value:
            continue
        result.append(
            MentionCandidate(
                person_id=c.person_id,
                name=c.name,
                spelling=c.spelling,
                status=c.status,
                birth=person.birth,
                unit=person.unit,
                probability=c.score.match_probability,
                explanation=c.explanation,
                fields=tuple(c.score.fields),
                age_fits=age_fits(age, person.birth, seen),
            )
        )
    return result[:limit]
