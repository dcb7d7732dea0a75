"""Candidates for one new report, before a person is created: who in the register may it be?

Persons are found through the indexed match keys of their name variants (and their document
numbers), then scored by the same model as batch linkage, so that the operator at intake sees the
likely existing persons with the reasons, and a duplicate is caught before it is made.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import Select, func, select, union
from sqlalchemy.orm import Session, selectinload

from homeward.linkage.features import LinkRecord, features
from homeward.linkage.model import LinkageModel
from homeward.linkage.register import person_record
from homeward.linkage.scoring import PairScore, explain, score_pair
from homeward.names import NamePart, match_key, phonetic_key
from homeward.registry.models import Identifier, Person, PersonName

PER_BLOCK = 300  # the most persons one blocking query may bring; a common name is capped here


@dataclass(frozen=True)
class Candidate:
    person_id: int
    name: str  # as the register names the person
    status: str
    score: PairScore
    explanation: str
    spelling: str | None = None  # the spelling that matched, when it is another one


def _spelling(name: PersonName) -> str:
    return " ".join(part for part in (name.surname, name.given_name, name.patronymic) if part)


def _spellings_to_score(person: Person, surname: str, given: str) -> list[PersonName]:
    """A person's spellings to score: those spelling the name as the record does, when one
    does, else all. A misspelled variant another source wrote must never outscore the right
    spelling (a typo's looser comparison is not weighed by how common the name is)."""
    same = [
        n
        for n in person.names
        if n.surname_key == surname and (not given or not n.given_key or n.given_key == given)
    ]
    return same or list(person.names)


def _blocks(record: LinkRecord, per_block: int = PER_BLOCK) -> list[Select[tuple[int]]]:
    surname = match_key(record.surname, NamePart.SURNAME)
    given = match_key(record.given_name, NamePart.GIVEN)
    phonetic = phonetic_key(record.surname, NamePart.SURNAME)
    # the same name with its columns swapped, as lists sometimes have it
    swapped_surname = match_key(record.given_name, NamePart.SURNAME)
    swapped_given = match_key(record.surname, NamePart.GIVEN)
    names = PersonName.__table__.c
    blocks: list[Select[tuple[int]]] = []
    if surname and given:
        blocks.append(
            select(names.person_id).where(names.surname_key == surname, names.given_key == given)
        )
        blocks.append(
            select(names.person_id).where(
                names.surname_phonetic == phonetic, names.given_key == given
            )
        )
    if swapped_surname and swapped_given:
        blocks.append(
            select(names.person_id).where(
                names.surname_key == swapped_surname, names.given_key == swapped_given
            )
        )
    if surname and not given:
        blocks.append(select(names.person_id).where(names.surname_key == surname))
    ids = Identifier.__table__.c
    for value in {record.service_number.strip(), record.tax_number.strip()} - {""}:
        blocks.append(select(ids.person_id).where(ids.value == value))
    return [block.limit(per_block) for block in blocks]


_SIZE_TTL = 60.0  # seconds a register's size is reused: the prior moves slowly with it
_sizes: dict[str, tuple[float, int]] = {}


def register_size(session: Session) -> int:
    """How many persons the register holds (merged ones left out), counted at most once a
    minute per database: the prior of a match depends on it."""
    key = session.get_bind().engine.url.render_as_string()
    now = time.monotonic()
    cached = _sizes.get(key)
    if cached and now - cached[0] < _SIZE_TTL:
        return cached[1]
    size = (
        session.scalar(
            select(func.count()).select_from(Person).where(Person.merged_into_id.is_(None))
        )
        or 0
    )
    _sizes[key] = (now, size)
    return size


def find_candidates(
    session: Session,
    record: LinkRecord,
    *,
    model: LinkageModel,
    limit: int = 10,
    size: int | None = None,
    per_block: int = PER_BLOCK,
) -> list[Candidate]:
    """The best `limit` persons this record may be about, best first, each with its reasons.

    Probabilities use the prior for a register of `size` persons (by default the register's
    own size): one report against 100,000 persons is less likely to match any one of them than
    a report in the training population. `per_block` caps the persons one blocking query may
    bring (a caller that expects little from a bare surname may ask for fewer)."""
    blocks = _blocks(record, per_block)
    if not blocks:
        return []
    ids = set(session.scalars(union(*(b.subquery().select() for b in blocks))))
    if not ids:
        return []
    persons = session.scalars(
        select(Person)
        .where(Person.id.in_(ids), Person.merged_into_id.is_(None))
        .options(selectinload(Person.names), selectinload(Person.identifiers))
    ).all()
    wanted = features(record)
    prior = model.prior(register_size(session) if size is None else size)
    best: dict[int, PairScore] = {}
    variants: dict[int, str] = defaultdict(str)
    surname = match_key(record.surname, NamePart.SURNAME)
    given = match_key(record.given_name, NamePart.GIVEN) if record.given_name else ""
    for person in persons:
        for name in _spellings_to_score(person, surname, given):
            score = score_pair(model, wanted, features(person_record(person, name)), prior=prior)
            if person.id not in best or score.match_weight > best[person.id].match_weight:
                best[person.id] = score
                variants[person.id] = _spelling(name)
    by_id = {p.id: p for p in persons}
    ranked = sorted(best.items(), key=lambda item: -item[1].match_weight)[:limit]
    found = []
    for person_id, score in ranked:
        held = by_id[person_id]
        registered = " ".join(p for p in (held.surname, held.given_name, held.patronymic) if p)
        found.append(
            Candidate(
                person_id=person_id,
                name=registered,
                status=held.status,
                score=score,
                explanation=explain(score),
                spelling=variants[person_id] if variants[person_id] != registered else None,
            )
        )
    return found
