"""The register meets batch linkage: deduplicate persons, link reports that are not yet linked.

Automatic links are made at once (merges, report links) with the score as the reason; the band
below goes to the review queue; a vetoed pair (different document numbers) always goes to review.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from homeward.access.actor import Actor
from homeward.linkage.batch import LinkDecision, Thresholds, dedupe, link_list
from homeward.linkage.features import LinkRecord
from homeward.linkage.merge import merge_persons
from homeward.linkage.model import LinkageModel
from homeward.linkage.review import propose
from homeward.registry.models import Person, PersonName, Report
from homeward.registry.sources import link_report
from homeward.registry.vocab import IdentifierKind

# The payload keys a report carries for linkage: the record's own fields.
REPORT_FIELDS = tuple(
    f for f in LinkRecord.__dataclass_fields__ if f not in ("record_id", "source")
)


def person_record(person: Person, name: PersonName | None = None) -> LinkRecord:
    """A person as linkage reads it, under one of their name variants (the first by default)."""
    tax = next(
        (i.value for i in person.identifiers if i.kind == IdentifierKind.TAX_NUMBER.value), ""
    )
    birth, missing = person.birth, person.missing
    return LinkRecord(
        record_id=str(person.id),
        surname=name.surname if name else person.surname,
        given_name=(name.given_name if name else person.given_name) or "",
        patronymic=(name.patronymic if name else person.patronymic) or "",
        sex="" if person.sex == "U" else person.sex,
        birth_date=birth.iso() if birth else "",
        birth_place=person.birth_place or "",
        unit=person.unit or "",
        missing_date=missing.iso() if missing else "",
        missing_place=person.missing_place or "",
        service_number=person.service_number or "",
        tax_number=tax,
    )


def report_record(report: Report) -> LinkRecord:
    """A report as linkage reads it: the fields its payload carries under the standard names."""
    payload = report.payload
    values = {field: str(payload.get(field) or "") for field in REPORT_FIELDS}
    return LinkRecord(record_id=f"r{report.id}", source=report.source.name, **values)


def _active_persons(session: Session) -> Iterator[Person]:
    query = (
        select(Person)
        .where(Person.merged_into_id.is_(None))
        .options(selectinload(Person.identifiers))
        .order_by(Person.id)
        .execution_options(yield_per=5000)
    )
    yield from session.scalars(query)


@dataclass
class LinkSummary:
    automatic: int = 0
    review: int = 0
    vetoed: int = 0
    unmatched: int = 0


def dedupe_register(
    session: Session,
    *,
    actor: Actor,
    model: LinkageModel,
    thresholds: Thresholds | None = None,
    backend: str = "duckdb",
) -> LinkSummary:
    """Find persons recorded twice: merge the certain ones, queue the uncertain ones."""
    records = [person_record(p) for p in _active_persons(session)]
    result = dedupe(records, model=model, backend=backend, thresholds=thresholds or Thresholds())
    summary = LinkSummary()
    absorbed: set[int] = set()
    for pair in sorted(result.pairs, key=lambda p: -p.score.match_weight):
        left, right = sorted((int(pair.left_id), int(pair.right_id)))
        if pair.decision == "auto" and pair.score.vetoed is None:
            survivor = _current(session, left)
            victim = _current(session, right)
            if survivor == victim or victim in absorbed:
                continue
            survivor, victim = sorted((survivor, victim))
            merge_persons(
                session,
                actor=actor,
                survivor_id=survivor,
                absorbed_id=victim,
                reason=f"automatic link, match probability {pair.score.match_probability:.4f}",
            )
            absorbed.add(victim)
            summary.automatic += 1
        elif propose(
            session,
            score=pair.score,
            model_version=model.version,
            person_id=left,
            other_person_id=right,
            priority=pair.priority,
            refused=pair.refused,
        ):
            summary.review += 1
            summary.vetoed += pair.score.vetoed is not None
    return summary


def _current(session: Session, person_id: int) -> int:
    """Follow merges to the person a record now belongs to."""
    person = session.get(Person, person_id)
    while person is not None and person.merged_into_id is not None:
        person = session.get(Person, person.merged_into_id)
    assert person is not None
    return person.id


def plan_links(
    reader: Session,
    records: list[LinkRecord],
    *,
    model: LinkageModel,
    thresholds: Thresholds | None = None,
    backend: str = "duckdb",
) -> list[LinkDecision]:
    """What linkage decides for a list's records against the register as `reader` sees it.
    Only reads: an import plans before it takes the database's write lock."""
    register = [person_record(p) for p in _active_persons(reader)]
    return link_list(
        register, records, model=model, backend=backend, thresholds=thresholds or Thresholds()
    )


def apply_links(
    session: Session,
    *,
    actor: Actor,
    decisions: list[LinkDecision],
    reports: dict[str, Report],
    model_version: str,
) -> tuple[LinkSummary, list[Report]]:
    """Make a plan's automatic links, queue its uncertain ones, and return the reports (by the
    plan's record ids) that matched nobody. A person merged since the plan is followed."""
    summary, unmatched = LinkSummary(), []
    for decision in decisions:
        report = reports[decision.list_record_id]
        target = decision.register_record_id
        if decision.decision == "auto" and target and decision.score.vetoed is None:
            link_report(
                session,
                actor=actor,
                report_id=report.id,
                person_id=_current(session, int(target)),
                reason=f"automatic link, match probability {decision.score.match_probability:.4f}",
            )
            summary.automatic += 1
        elif target and decision.decision in ("auto", "review"):
            propose(
                session,
                score=decision.score,
                model_version=model_version,
                person_id=_current(session, int(target)),
                report_id=report.id,
                refused=decision.refused,
            )
            summary.review += 1
            summary.vetoed += decision.score.vetoed is not None
        else:
            summary.unmatched += 1
            unmatched.append(report)
    return summary, unmatched
