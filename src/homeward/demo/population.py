"""A synthetic population for demonstrations and linkage benchmarks (`homeward demo`).

Own persons (missing, captive, returned, dead) and adversary servicemen held as POWs, each with
several reports from different sources (relatives in Ukrainian, the captor's lists in Russian,
ICRC lists in Latin letters, returnees' testimonies, media) carrying the noise real lists have,
and dated evidence consistent with the war's chronology. The ground truth is kept: every report
names the person it is about (`truth_id`).

Pure and streaming: no database, no I/O, flat memory; the same seed gives the same population
(only `random.Random(seed)` draws; the same names_translator dictionaries are assumed). It does
not use `homeward.names`, so that linkage measured on it is not measured against itself. No real
person's data: names are drawn by frequency from name lists and combined at random.

For storing: truth ids are "P0000001", report ids "R0000001" (unique within one population);
an evidence's `place` is a detention site's name or alias as its source wrote it, and `site_key`
names the site in `sites.DETENTION_SITES` (seed Places from that list); `report.fields` has the
keys `reports.FIELD_NAMES`; `report.noise` labels come from `noise.NOISE_KINDS` (Latin ones as
"latin:<convention>"). For adversaries `missing_date`/`missing_place` are the capture's.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date

from homeward.dates import PartialDate
from homeward.demo.chronology import WAR_START, fighting
from homeward.demo.names_pool import name_tables
from homeward.demo.persons import Context, Draft, adversary_person, own_person
from homeward.demo.reports import build_report, source_name
from homeward.demo.sampling import Uniform
from homeward.demo.timeline import Event

__all__ = [
    "ADVERSARY_EVIDENCE_KINDS",
    "ADVERSARY_SHARE",
    "DEFAULT_TODAY",
    "OWN_EVIDENCE_KINDS",
    "SyntheticContact",
    "SyntheticEvidence",
    "SyntheticPerson",
    "SyntheticReport",
    "expected_status",
    "generate",
]

ADVERSARY_SHARE = 0.18  # of the persons generated; the rest are own persons
DEFAULT_TODAY = date(2026, 11, 1)


@dataclass(frozen=True, slots=True)
class SyntheticEvidence:
    kind: str  # see OWN_EVIDENCE_KINDS and ADVERSARY_EVIDENCE_KINDS
    on: PartialDate
    place: str | None  # a detention site as the source names it, or a location
    reliability: str  # high | medium | low
    source_kind: str  # as SyntheticReport.source_kind
    report_id: str | None  # the report that carried it, if any
    note: str
    site_key: str | None = None  # the DetentionSite (sites.DETENTION_SITES) when place is one


@dataclass(frozen=True, slots=True)
class SyntheticContact:
    name: str
    relation: str  # in the language of the side: мати, дружина, … / мать, жена, …
    phone: str
    email: str
    address: str
    consent_contact: bool
    consent_share: bool


@dataclass(frozen=True, slots=True)
class SyntheticReport:
    report_id: str  # unique in a population: "R0000001"
    truth_id: str  # the person it is about: the ground truth
    source_kind: str  # relative | captor_list | icrc_list | testimony | media | unit_report |
    #                   exchange_list | capture_card
    source_name: str  # "повідомлення МКЧХ 05.2023", as an operator writes it
    received_on: date
    fields: Mapping[str, str]  # raw strings as written, "" when absent: see reports.FIELD_NAMES
    #                            (a dict, so that reports pickle; treat it as read-only)
    noise: tuple[str, ...]  # labels of the noise applied: see noise.NOISE_KINDS


@dataclass(frozen=True, slots=True)
class SyntheticPerson:
    truth_id: str  # "P0000001"
    side: str  # own | adversary
    surname: str  # true canonical forms: Ukrainian for own persons, Russian for the adversary
    given_name: str
    patronymic: str  # "" for foreigners without one
    sex: str  # M | F
    birth_date: date
    birth_place: str
    citizenship: str  # ISO 3166 alpha-3
    military: bool
    branch: str | None
    unit: str | None  # the unit's code: "А0536" (own), "12345" (adversary), or a named formation
    rank: str | None  # in the side's language
    service_number: str | None
    service_type: str | None  # contract | mobilised | conscript | volunteer (military only)
    tax_number: str | None  # Ukrainian РНОКПП (own persons)
    father_name: str | None
    mother_maiden_name: str | None  # adversary (GC III record)
    person_to_inform: str | None  # adversary: "Name (relation)"
    correspondence_address: str | None  # adversary
    missing_date: date | None  # own: went missing; adversary: captured
    missing_place: str | None
    reports: tuple[SyntheticReport, ...]
    evidence: tuple[SyntheticEvidence, ...]  # in date order
    contacts: tuple[SyntheticContact, ...]
    expected_status: str  # what the status rules should derive from `evidence`


OWN_EVIDENCE_KINDS = (
    "reported_missing",
    "seen_in_media",
    "captor_list",
    "icrc_notification",
    "captor_acknowledgment",
    "testimony_sighting",
    "letter_or_call",
    "icrc_visit",
    "court_case",
    "died",
    "remains_identified",
    "returned",
    "released_other",
)
ADVERSARY_EVIDENCE_KINDS = (
    "captured",
    "moved",
    "hospitalised",
    "discharged",
    "transferred",
    "repatriated",
    "released",
    "escaped",
    "recaptured",
    "died",
)

# Own persons: the highest rung reached. icrc_visit only follows a confirmation, court_case only
# follows one too (so both are on the rung they can only come after).
_OWN_LADDER = {
    "reported_missing": 1,
    "seen_in_media": 2,
    "captor_list": 2,
    "testimony_sighting": 2,
    "letter_or_call": 2,
    "court_case": 2,
    "icrc_notification": 3,
    "captor_acknowledgment": 3,
    "icrc_visit": 3,
    "returned": 4,
    "released_other": 4,
    "died": 5,
    "remains_identified": 5,
}
_OWN_STATUSES = (
    "no_information",
    "missing",
    "captivity_possible",
    "captivity_confirmed",
    "returned",
    "deceased",
)
# Adversary: the latest event that changes the state.
_ADVERSARY_STATE = {
    "captured": "in_custody",
    "moved": "in_custody",
    "discharged": "in_custody",
    "recaptured": "in_custody",
    "hospitalised": "hospitalised",
    "transferred": "transferred",
    "repatriated": "repatriated",
    "released": "released",
    "escaped": "escaped",
    "died": "deceased",
}


def expected_status(side: str, evidence: tuple[SyntheticEvidence, ...]) -> str:
    """The status the evidence (in date order) supports, by the rules of the status ladder."""
    if side == "own":
        return _OWN_STATUSES[max((_OWN_LADDER[e.kind] for e in evidence), default=0)]
    return _ADVERSARY_STATE[evidence[-1].kind] if evidence else "in_custody"


def generate(*, persons: int, seed: int, today: date = DEFAULT_TODAY) -> Iterator[SyntheticPerson]:
    """`persons` synthetic persons, one at a time; the same `seed` gives the same persons."""
    if persons < 0:
        raise ValueError(f"persons must not be negative, not {persons}")
    if today < date(2022, 6, 1):
        raise ValueError(f"today ({today}) must come after the war's first months")
    context = Context(name_tables(), fighting("own", today), fighting("adversary", today), today)
    return _stream(persons, random.Random(seed).random, context)


def _stream(persons: int, rnd: Uniform, context: Context) -> Iterator[SyntheticPerson]:
    next_report = itertools.count(1).__next__
    for number in range(1, persons + 1):
        adversary = rnd() < ADVERSARY_SHARE
        draft = adversary_person(rnd, context) if adversary else own_person(rnd, context)
        yield _publish(rnd, f"P{number:07d}", draft, next_report)


def _publish(
    rnd: Uniform, truth_id: str, draft: Draft, next_report: Callable[[], int]
) -> SyntheticPerson:
    reports = []
    for kind, received, event in draft.plans:
        report_id = f"R{next_report():07d}"
        fields, labels = build_report(rnd, draft.subject, kind, received)
        reports.append(
            SyntheticReport(
                report_id,
                truth_id,
                kind,
                source_name(rnd, kind, draft.side, received, event),
                received,
                fields,
                labels,
            )
        )
        if event is not None:
            event.report_id = report_id
    draft.events.sort(key=_day)
    evidence = tuple([_evidence(rnd, event) for event in draft.events])
    return SyntheticPerson(
        truth_id,
        draft.side,
        draft.surname,
        draft.given_name,
        draft.patronymic,
        draft.sex,
        draft.birth_date,
        draft.birth_place,
        draft.citizenship,
        draft.military,
        draft.branch,
        draft.unit,
        draft.rank,
        draft.service_number,
        draft.service_type,
        draft.tax_number,
        draft.father_name,
        draft.mother_maiden_name,
        draft.person_to_inform,
        draft.correspondence_address,
        draft.missing_date,
        draft.missing_place,
        tuple(reports),
        evidence,
        tuple(SyntheticContact(*contact) for contact in draft.contacts),
        expected_status(draft.side, evidence),
    )


_SITE_LANGUAGE = {"icrc_list": "en", "captor_list": "ru", "media": "ru", "testimony": "uk"}
_PARTIAL: dict[tuple[date, str], PartialDate] = {}


def _partial(day: date, precision: str) -> PartialDate:
    found = _PARTIAL.get((day, precision))
    if found is None:
        found = PartialDate(
            day.year,
            day.month if precision != "year" else None,
            day.day if precision == "day" else None,
        )
        if day >= WAR_START:  # a bounded cache: only the war's days
            _PARTIAL[day, precision] = found
    return found


def _day(event: Event) -> date:
    """The earliest day the event may be, as its source dates it."""
    if event.precision == "day":
        return event.day
    return date(event.day.year, event.day.month if event.precision == "month" else 1, 1)


def _evidence(rnd: Uniform, event: Event) -> SyntheticEvidence:
    site = event.site
    place = site.written(rnd, _SITE_LANGUAGE.get(event.source_kind, "uk")) if site else event.place
    return SyntheticEvidence(
        event.kind,
        _partial(event.day, event.precision),
        place,
        event.reliability,
        event.source_kind,
        event.report_id,
        event.note,
        site.key if site else None,
    )
