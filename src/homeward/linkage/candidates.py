"""Candidates for one new report, before a person is created: who in the register may it be?

Persons are found through the indexed match keys of their name variants (and their document
numbers), then scored by the same model as batch linkage, so that the operator at intake sees the
likely existing persons with the reasons, and a duplicate is caught before it is made.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, selectinload

from homeward.collector import collector_paused
from homeward.linkage.features import LinkRecord, features
from homeward.linkage.model import LinkageModel
from homeward.linkage.register import person_record
from homeward.linkage.scoring import PairScore, explain, score_pair
from homeward.names import NamePart, full_name_key, match_key, phonetic_key
from homeward.registry.models import Identifier, Person, PersonName
from homeward.values import sex_from_patronymic_key, sex_from_word

T = TypeVar("T", int, tuple[str, ...])
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


@dataclass(frozen=True)
class _Blocks:
    """What one record is looked for by: pairs of name keys, a bare surname, numbers."""

    names: tuple[tuple[str, str], ...] = ()  # (surname_key, given_key)
    phonetic: tuple[tuple[str, str], ...] = ()  # (surname_phonetic, given_key)
    surnames: tuple[tuple[str], ...] = ()  # a surname without a given name
    numbers: tuple[tuple[str], ...] = ()  # a service or tax number


def _blocks(record: LinkRecord) -> _Blocks:
    surname = match_key(record.surname, NamePart.SURNAME)
    given = match_key(record.given_name, NamePart.GIVEN)
    phonetic = phonetic_key(record.surname, NamePart.SURNAME)
    # the same name with its columns swapped, as lists sometimes have it
    swapped_surname = match_key(record.given_name, NamePart.SURNAME)
    swapped_given = match_key(record.surname, NamePart.GIVEN)
    # a diminutive is looked for by the full name it stands for too (Юра: Юрій's key), as a
    # testimony or a relative may give it; the comparison then weighs it as a diminutive
    sex = sex_from_word(record.sex) or sex_from_patronymic_key(
        match_key(record.patronymic, NamePart.PATRONYMIC)
    )
    full = full_name_key(record.given_name, sex) if given else ""
    names, phonetics = [], []
    for given_key in dict.fromkeys(key for key in (given, full) if key):
        if surname:
            names.append((surname, given_key))
            phonetics.append((phonetic, given_key))
    if swapped_surname and swapped_given:
        names.append((swapped_surname, swapped_given))
    numbers = sorted({record.service_number.strip(), record.tax_number.strip()} - {""})
    return _Blocks(
        tuple(names),
        tuple(phonetics),
        ((surname,),) if surname and not given else (),
        tuple((number,) for number in numbers),
    )


_CHUNK = 400  # keys in one query


def _chunked(values: set[T]) -> Iterator[list[T]]:
    ordered = sorted(values)
    for start in range(0, len(ordered), _CHUNK):
        yield ordered[start : start + _CHUNK]


def _found_by(
    session: Session, key: tuple[Any, ...], values: set[tuple[str, ...]], per_block: int
) -> dict[tuple[str, ...], list[int]]:
    """For each value of the columns `key` asked, the persons it finds, at most `per_block` of
    them (the earliest recorded: a common name is capped)."""
    found: dict[tuple[str, ...], list[int]] = defaultdict(list)
    table = key[0].table
    for chunk in _chunked(values):
        if len(key) == 1:
            wanted = key[0].in_([value[0] for value in chunk])
        else:  # each pair spelled out: SQLite searches its index for these, not for (a, b) IN
            wanted = or_(
                *(and_(*(c == v for c, v in zip(key, value, strict=True))) for value in chunk)
            )
        rows = session.execute(select(*key, table.c.person_id).where(wanted).order_by(table.c.id))
        for *value, person_id in rows:
            held = found[tuple(value)]
            if len(held) < per_block:
                held.append(person_id)
    return found


def _block_ids(session: Session, blocks: list[_Blocks], per_block: int) -> list[set[int]]:
    """Each record's persons within reach of one of its blocks, looked up for all at once."""
    names, ids = PersonName.__table__.c, Identifier.__table__.c
    by_name = _found_by(
        session, (names.surname_key, names.given_key), {k for b in blocks for k in b.names},
        per_block,
    )  # fmt: skip
    by_sound = _found_by(
        session, (names.surname_phonetic, names.given_key),
        {k for b in blocks for k in b.phonetic}, per_block,
    )  # fmt: skip
    by_surname = _found_by(
        session, (names.surname_key,), {k for b in blocks for k in b.surnames}, per_block
    )
    by_number = _found_by(session, (ids.value,), {k for b in blocks for k in b.numbers}, per_block)
    found = []
    for block in blocks:
        ids_of: set[int] = set()
        for found_by, keys in (
            (by_name, block.names), (by_sound, block.phonetic),
            (by_surname, block.surnames), (by_number, block.numbers),
        ):  # fmt: skip
            for key in keys:
                ids_of.update(found_by.get(key, ()))
        found.append(ids_of)
    return found


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
    return find_candidates_of_list(
        session, [record], model=model, limit=limit, size=size, per_block=per_block
    )[0]


def find_candidates_of_list(
    session: Session,
    records: Sequence[LinkRecord],
    *,
    model: LinkageModel,
    limit: int = 10,
    size: int | None = None,
    per_block: int = PER_BLOCK,
) -> list[list[Candidate]]:
    """`find_candidates` for each of `records`, with the register read once for them all: a
    few queries for the whole list instead of several a record (a roster, a list at intake)."""
    reach = _block_ids(session, [_blocks(record) for record in records], per_block)
    everyone = set().union(*reach) if reach else set()
    persons: dict[int, Person] = {}
    for chunk in _chunked(everyone):
        persons.update(
            (p.id, p)
            for p in session.scalars(
                select(Person)
                .where(Person.id.in_(chunk), Person.merged_into_id.is_(None))
                .options(selectinload(Person.names), selectinload(Person.identifiers))
            )
        )
    prior = model.prior(register_size(session) if size is None else size) if everyone else 0.0
    spelled: dict[int, dict[str, object]] = {}  # a spelling's features, by the name's id
    found = []
    with collector_paused():
        for record, ids in zip(records, reach, strict=True):
            held = [persons[i] for i in sorted(ids) if i in persons]
            found.append(_ranked(record, held, model, prior, limit, spelled))
    return found


def _ranked(
    record: LinkRecord,
    persons: list[Person],
    model: LinkageModel,
    prior: float,
    limit: int,
    spelled: dict[int, dict[str, object]],
) -> list[Candidate]:
    if not persons:
        return []
    wanted = features(record)
    best: dict[int, PairScore] = {}
    variants: dict[int, str] = defaultdict(str)
    surname = match_key(record.surname, NamePart.SURNAME)
    given = match_key(record.given_name, NamePart.GIVEN) if record.given_name else ""
    for person in persons:
        for name in _spellings_to_score(person, surname, given):
            if name.id not in spelled:
                spelled[name.id] = features(person_record(person, name))
            score = score_pair(model, wanted, spelled[name.id], prior=prior)
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
