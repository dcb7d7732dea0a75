"""Store a synthetic population in the register, fast: batched inserts in one transaction.

The same rules as the services apply — the status is derived by the same pure function, every
person gets its `create` history entry, every name its match keys — but rows are written in
batches, so that 100,000 persons take seconds rather than minutes.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time
from itertools import islice
from typing import TYPE_CHECKING, Any

from rich.progress import Progress
from sqlalchemy import JSON, Engine, Table, insert, text
from sqlalchemy.orm import Session

from homeward.access.actor import Actor, Channel
from homeward.dates import PartialDate, parse_partial_date
from homeward.db import session_factory, transaction, utcnow
from homeward.demo.custody import CustodySummary, build_custody
from homeward.demo.population import SyntheticPerson, SyntheticReport, generate
from homeward.demo.sites import DETENTION_SITES
from homeward.errors import InvalidInput
from homeward.registry import history
from homeward.registry.models import (
    Contact,
    Evidence,
    Identifier,
    Person,
    PersonHistory,
    PersonName,
    Report,
)
from homeward.registry.rekey import name_keys
from homeward.registry.schemas import PersonIn, SourceIn
from homeward.registry.sources import get_or_create_place, get_or_create_source
from homeward.registry.status.rules import Fact, derive_status
from homeward.registry.vocab import (
    EvidenceKind,
    PlaceKind,
    Reliability,
    Side,
    SourceKind,
)

if TYPE_CHECKING:
    from homeward.linkage.register import LinkSummary

DEMO_ACTOR = "demo"
ANALYZE_FROM = 10_000  # persons: a bulk load this large ends with ANALYZE
BATCH = 2000
SOURCE_KINDS = {
    "relative": SourceKind.RELATIVE,
    "captor_list": SourceKind.LIST,
    "icrc_list": SourceKind.ORGANISATION,
    "testimony": SourceKind.RETURNEE,
    "media": SourceKind.MEDIA,
    "unit_report": SourceKind.OFFICIAL,
    "exchange_list": SourceKind.LIST,
    "capture_card": SourceKind.DOCUMENT,
}
GENERIC_SOURCE = {
    "relative": "Relatives' reports",
    "captor_list": "Captor's lists",
    "icrc_list": "ICRC notifications",
    "testimony": "Свідчення повернутих з полону",
    "media": "Media monitoring",
    "unit_report": "Unit reports",
    "exchange_list": "Exchange lists",
    "capture_card": "Capture cards",
}


@dataclass
class DemoSummary:
    persons: int = 0
    reports: int = 0
    evidence: int = 0
    by_status: Counter[str] = field(default_factory=Counter)
    recorded_twice: int = 0  # persons stored as two (see `build_demo`)
    linked: LinkSummary | None = None  # what deduplicating them did
    custody: CustodySummary | None = None  # the bureau's work for the prisoners held


@dataclass
class _Lookups:
    session: Session
    sources: dict[tuple[str, str], int] = field(default_factory=dict)
    places: dict[str, int] = field(default_factory=dict)

    def source_id(self, source_kind: str, name: str) -> int:
        key = (source_kind, name)
        if key not in self.sources:
            kind = SOURCE_KINDS.get(source_kind, SourceKind.DOCUMENT)
            row = get_or_create_source(self.session, SourceIn(kind=kind, name=name[:300]))
            self.sources[key] = row.id
        return self.sources[key]

    def place_id(self, name: str) -> int:
        if name not in self.places:
            self.places[name] = get_or_create_place(self.session, name).id
        return self.places[name]


def _batches(items: Iterable[SyntheticPerson], size: int) -> Iterator[list[SyntheticPerson]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def seed_places(session: Session) -> dict[str, int]:
    ids: dict[str, int] = {}
    for site in DETENTION_SITES:
        place = get_or_create_place(
            session,
            site.name_uk,
            kind=PlaceKind(site.kind),
            location=site.settlement,
            country=site.country,
            aliases=site.names[1:],
        )
        for name in site.names:
            ids.setdefault(name, place.id)
    return ids


def build_demo(
    engine: Engine,
    *,
    persons: int,
    seed: int,
    progress: bool = False,
    as_of: date | None = None,
    recorded_twice: float = 0.0,
) -> DemoSummary:
    """Generate `persons` synthetic persons and store them with their reports and evidence.

    With `recorded_twice`, that share of the persons with several reports is stored as two
    persons, as when two operators each took some of the reports for a new person; the
    register is then deduplicated (`linkage.register.dedupe_register`): the certain pairs are
    merged (in history, and undoable) and the rest wait in the review queue.
    """
    summary = DemoSummary()
    today = as_of or date.today()
    chooser = random.Random(seed)
    with transaction(session_factory(engine)) as session, Progress(disable=not progress) as bar:
        lookups = _Lookups(session, places=seed_places(session))
        task = bar.add_task("Building the synthetic register", total=persons)
        for batch in _batches(generate(persons=persons, seed=seed), BATCH):
            stored: list[SyntheticPerson] = []
            written: dict[int, SyntheticReport] = {}  # a second record → the report it holds
            for person in batch:
                split = _split(person) if chooser.random() < recorded_twice else None
                if split is None:
                    stored.append(person)
                    continue
                first, second, report = split
                stored.extend((first, second))
                written[len(stored) - 1] = report
                summary.recorded_twice += 1
            _store_batch(session, lookups, stored, summary, today, written)
            bar.advance(task, len(batch))
    if summary.recorded_twice:
        from homeward.linkage.model import LinkageModel
        from homeward.linkage.register import dedupe_register

        with transaction(session_factory(engine)) as session:
            actor = Actor(DEMO_ACTOR, Channel.DEMO)
            summary.linked = dedupe_register(session, actor=actor, model=LinkageModel.load())
    with transaction(session_factory(engine)) as session:
        summary.custody = build_custody(session, seed=seed, today=today)
    if persons >= ANALYZE_FROM:
        # fresh statistics for the query planner: without them PostgreSQL (autovacuum off, or
        # not yet run) plans name lookups as full scans after a bulk load. Not for small
        # registers: statistics of a tiny table would mislead the planner once it grows.
        with engine.begin() as connection:
            connection.execute(text("ANALYZE"))
    return summary


def _split(
    person: SyntheticPerson,
) -> tuple[SyntheticPerson, SyntheticPerson, SyntheticReport] | None:
    """The person as two records: the first keeps the earlier reports, the contacts and the
    evidence of no report; the second is made from the later reports and holds what the first
    of them says (`_as_written`), without document numbers (an operator taking a testimony or
    a list from the captor has none)."""
    if len(person.reports) < 2:
        return None
    half = len(person.reports) // 2
    earlier, later = person.reports[:half], person.reports[half:]
    fields = later[0].fields
    if not fields["surname"].strip():
        return None
    taken = {report.report_id for report in later}
    first = replace(
        person,
        reports=earlier,
        evidence=tuple(e for e in person.evidence if e.report_id not in taken),
    )
    second = replace(
        person,
        surname=fields["surname"].strip(),
        given_name=fields["given_name"].strip(),
        patronymic=fields["patronymic"].strip(),
        reports=later,
        evidence=tuple(e for e in person.evidence if e.report_id in taken),
        contacts=(),
        tax_number=None,
        service_number=None,
    )
    return first, second, later[0]


def _as_written(row: dict[str, Any], report: SyntheticReport) -> dict[str, Any]:
    """A person row holding what one report says of the person, and nothing it does not."""
    fields = report.fields
    for name in ("birth_date", "missing_date"):
        try:
            found = parse_partial_date(fields[name])
        except InvalidInput:
            found = None
        row[name], row[f"{name}_precision"] = found.to_stored() if found else (None, None)
    for name in ("birth_place", "unit", "missing_place", "rank"):
        row[name] = fields[name].strip()[:100] or None
    for name in ("citizenship", "branch", "father_name", "mother_maiden_name"):
        row[name] = None  # no report carries them
    row["person_to_inform"] = row["correspondence_address"] = None
    return row


def _insert_returning_ids(session: Session, table: Table, rows: list[dict[str, Any]]) -> list[int]:
    if not rows:
        return []
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return list(session.scalars(statement, rows))


def _insert(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Rows whose ids nobody needs: COPY on PostgreSQL, executemany on SQLite."""
    if not rows:
        return
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        session.execute(insert(table), rows)
        return
    columns = [c for c in table.columns if c.name in rows[0]]
    json_columns = {c.name for c in columns if isinstance(c.type, JSON)}
    names = ", ".join(c.name for c in columns)
    cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    with cursor.copy(f"COPY {table.name} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(
                [
                    json.dumps(row[c.name]) if c.name in json_columns else row[c.name]
                    for c in columns
                ]
            )


def _store_batch(
    session: Session,
    lookups: _Lookups,
    batch: list[SyntheticPerson],
    summary: DemoSummary,
    today: date,
    written: dict[int, SyntheticReport] | None = None,
) -> None:
    now = utcnow()
    statuses = [_status_of(p, today) for p in batch]
    rows = [_person_row(p, status, now) for p, status in zip(batch, statuses, strict=True)]
    for position, report in (written or {}).items():
        rows[position] = _as_written(rows[position], report)
    person_ids = _insert_returning_ids(session, Person.__table__, rows)  # type: ignore[arg-type]
    report_rows, report_keys = [], []
    for person, person_id in zip(batch, person_ids, strict=True):
        for report in person.reports:
            report_rows.append(_report_row(lookups, report, person_id, now))
            report_keys.append(report.report_id)
    report_ids = dict(
        zip(
            report_keys,
            _insert_returning_ids(session, Report.__table__, report_rows),  # type: ignore[arg-type]
            strict=True,
        )
    )
    names: list[dict[str, Any]] = []
    children: dict[Any, list[dict[str, Any]]] = {
        Identifier: [],
        Evidence: [],
        Contact: [],
        PersonHistory: [],
    }
    for person, person_id, row in zip(batch, person_ids, rows, strict=True):
        names.extend(_name_rows(lookups, person, person_id, report_ids, now))
        children[Identifier].extend(_identifier_rows(person, person_id, now))
        children[Evidence].extend(_evidence_rows(lookups, person, person_id, report_ids, now))
        children[Contact].extend(_contact_rows(person, person_id, now))
        children[PersonHistory].append(_history_row(row, person_id, now))
    _insert(session, PersonName.__table__, names)  # type: ignore[arg-type]
    for model, rows in children.items():
        _insert(session, model.__table__, rows)
    summary.persons += len(batch)
    summary.reports += len(report_rows)
    summary.evidence += len(children[Evidence])
    summary.by_status.update(status for status, _ in statuses)


def _facts(person: SyntheticPerson) -> list[Fact]:
    return [
        Fact(id=i, kind=EvidenceKind(e.kind), on=e.on, reliability=Reliability(e.reliability))
        for i, e in enumerate(person.evidence, start=1)
    ]


def _status_of(person: SyntheticPerson, today: date) -> tuple[str, date | None]:
    result = derive_status(_facts(person), side=Side(person.side), as_of=today)
    return result.status.value, result.since.earliest if result.since else None


def _stored(value: date | None) -> tuple[date | None, str | None]:
    return (value, "day") if value else (None, None)


def _person_row(
    person: SyntheticPerson, status: tuple[str, date | None], now: datetime
) -> dict[str, Any]:
    birth, birth_precision = _stored(person.birth_date)
    missing, missing_precision = _stored(person.missing_date)
    return {
        "side": person.side,
        "surname": person.surname,
        "given_name": person.given_name or None,
        "patronymic": person.patronymic or None,
        "sex": person.sex,
        "birth_date": birth,
        "birth_date_precision": birth_precision,
        "birth_place": person.birth_place or None,
        "citizenship": person.citizenship,
        "service_status": "military" if person.military else "civilian",
        "branch": person.branch,
        "unit": person.unit,
        "rank": person.rank,
        "service_number": person.service_number,
        "missing_date": missing,
        "missing_date_precision": missing_precision,
        "missing_place": person.missing_place,
        "father_name": person.father_name,
        "mother_maiden_name": person.mother_maiden_name,
        "person_to_inform": person.person_to_inform,
        "correspondence_address": person.correspondence_address,
        "status": status[0],
        "status_since": status[1],
        "version": 1,
        "created_at": now,
        "updated_at": now,
    }


def _report_row(
    lookups: _Lookups, report: SyntheticReport, person_id: int, now: datetime
) -> dict[str, Any]:
    return {
        "person_id": person_id,
        "source_id": lookups.source_id(report.source_kind, report.source_name),
        "received_at": datetime.combine(report.received_on, time(12), tzinfo=UTC),
        "entered_by": DEMO_ACTOR,
        "channel": Channel.DEMO.value,
        "payload": dict(report.fields),
        "created_at": now,
    }


def _name_rows(
    lookups: _Lookups,
    person: SyntheticPerson,
    person_id: int,
    report_ids: dict[str, int],
    now: datetime,
) -> list[dict[str, Any]]:
    """The canonical spelling, then every distinct spelling a report used."""
    seen: set[tuple[str, str, str]] = set()
    rows = []
    spellings: list[tuple[tuple[str, str, str], SyntheticReport | None]] = [
        ((person.surname, person.given_name, person.patronymic), None)
    ]
    for report in person.reports:
        f = report.fields
        spelling = (f.get("surname", ""), f.get("given_name", ""), f.get("patronymic", ""))
        spellings.append((spelling, report))
    for (surname, given, patronymic), origin in spellings:
        if not surname.strip() or (surname, given, patronymic) in seen:
            continue
        seen.add((surname, given, patronymic))
        source_id = lookups.source_id(origin.source_kind, origin.source_name) if origin else None
        rows.append(
            {
                "person_id": person_id,
                "surname": surname[:200],
                "given_name": given[:200] or None,
                "patronymic": patronymic[:200] or None,
                **name_keys(surname, given, patronymic),
                "source_id": source_id,
                "report_id": report_ids[origin.report_id] if origin else None,
                "created_at": now,
                "created_by": DEMO_ACTOR,
            }
        )
    return rows


def _identifier_rows(
    person: SyntheticPerson, person_id: int, now: datetime
) -> list[dict[str, Any]]:
    pairs = (("tax_number", person.tax_number), ("service_number", person.service_number))
    return [
        {"person_id": person_id, "kind": kind, "value": value, "created_at": now}
        for kind, value in pairs
        if value
    ]


def _evidence_rows(
    lookups: _Lookups,
    person: SyntheticPerson,
    person_id: int,
    report_ids: dict[str, int],
    now: datetime,
) -> list[dict[str, Any]]:
    rows = []
    report_sources = {r.report_id: (r.source_kind, r.source_name) for r in person.reports}
    for item in person.evidence:
        kind, name = report_sources.get(
            item.report_id or "",
            (item.source_kind, GENERIC_SOURCE.get(item.source_kind, item.source_kind)),
        )
        on: PartialDate = item.on
        rows.append(
            {
                "person_id": person_id,
                "kind": item.kind,
                "occurred_on": on.earliest,
                "occurred_precision": on.precision.value,
                "source_id": lookups.source_id(kind, name),
                "report_id": report_ids.get(item.report_id or ""),
                "reliability": item.reliability,
                "place_id": lookups.place_id(item.place) if item.place else None,
                "note": item.note or None,
                "recorded_at": now,
                "recorded_by": DEMO_ACTOR,
            }
        )
    return rows


# The generator names relations as a relative would (in the side's language); the register
# keeps the codes intake uses, which pages show in the reader's language.
RELATION_CODES = {
    "мати": "mother", "мать": "mother", "батько": "father", "отец": "father",
    "дружина": "wife", "жена": "wife", "чоловік": "husband", "муж": "husband",
    "син": "son", "сын": "son", "донька": "daughter", "дочь": "daughter",
    "брат": "brother", "сестра": "sister",
}  # fmt: skip


def _contact_rows(person: SyntheticPerson, person_id: int, now: datetime) -> list[dict[str, Any]]:
    return [
        {
            "person_id": person_id,
            "name": c.name,
            "relation": RELATION_CODES.get(c.relation, "other"),
            "phone": c.phone,
            "email": c.email,
            "address": c.address,
            "consent_contact": c.consent_contact,
            "consent_share": c.consent_share,
            "created_at": now,
            "created_by": DEMO_ACTOR,
        }
        for c in person.contacts
    ]


_CREATED_FIELDS = frozenset(PersonIn.model_fields)


def _history_row(row: dict[str, Any], person_id: int, now: datetime) -> dict[str, Any]:
    person = {k: v for k, v in row.items() if k in _CREATED_FIELDS and v is not None}
    for name in ("birth_date", "missing_date"):
        if name in person:
            person[name] = PartialDate.from_stored(row[name], row[f"{name}_precision"])
    return history.entry_values(
        person_id=person_id,
        change=history.created(person, source=None),
        actor=Actor(DEMO_ACTOR, Channel.DEMO),
        reason="synthetic demo population",
        at=now,
    )
