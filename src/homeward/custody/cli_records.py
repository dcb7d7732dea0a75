"""`homeward custody letter|inspection|health-report|annex|visit|death|enquiry|effect|…`: the
records of the work done, each what a duty's clock reads. Thin over `custody.records`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from pydantic import BaseModel

from homeward.access.audit import AuditAction
from homeward.cli_support import (
    ActorOption,
    DbOption,
    cli_actor,
    console,
    reported_errors,
    settings_for,
    unit_of_work,
)
from homeward.custody import models as m
from homeward.custody import papers, records, service
from homeward.custody.cli import app
from homeward.custody.schemas import (
    AnnexFindingIn,
    DeathNoticeIn,
    EffectIn,
    EnquiryIn,
    HealthReportIn,
    InspectionIn,
    LetterIn,
    ProfileIn,
    VisitIn,
    parse_day,
)
from homeward.errors import InvalidInput
from homeward.imports.export import write_xlsx
from homeward.registry.schemas import validated as _validated

Opt = typer.Option
Text = Annotated[str | None, Opt()]


M = TypeVar("M", bound=BaseModel)


def validated(model: type[M], data: dict[str, Any]) -> M:
    """The input read by its model; a bad field is an error message, not a traceback."""
    with reported_errors():
        return _validated(model, data)


def _record(db: str | None, actor: str | None, write: Callable[..., Any]) -> Any:
    with unit_of_work(settings_for(db)) as session:
        row = write(session, cli_actor(actor))
        return row.id


@app.command("letter")
def letter(
    person_id: int,
    on: Annotated[str, Opt(help="dd.mm.yyyy")],
    kind: Annotated[str, Opt(help="letter, card, declined (he will not write), obstructed")],
    direction: Annotated[str | None, Opt(help="sent or received")] = None,
    note: Text = None,
    actor: ActorOption = None,
    db: DbOption = None,
) -> None:
    """Log correspondence (Art. 71), or why there is none."""
    data = validated(LetterIn, {"on": on, "kind": kind, "direction": direction, "note": note})
    _record(
        db, actor, lambda s, a: records.log_letter(s, actor=a, person_id=person_id, letter=data)
    )
    console.print(f"Logged {kind} of person {person_id} on {on}.")


@app.command("inspection")
def inspection(
    person_id: int,
    on: Annotated[str, Opt(help="dd.mm.yyyy")],
    weight: Annotated[float | None, Opt(help="kg")] = None,
    seriously_ill: Annotated[bool, Opt("--seriously-ill", help="Seriously ill.")] = False,
    findings: Text = None,
    doctor: Text = None,
    actor: ActorOption = None,
    db: DbOption = None,
) -> None:
    """Record a medical inspection (Art. 31); seriously ill starts the weekly report's clock."""
    fields = {"on": on, "weight_kg": weight, "seriously_ill": seriously_ill}
    data = validated(InspectionIn, {**fields, "findings": findings, "doctor": doctor})
    _record(
        db,
        actor,
        lambda s, a: records.record_inspection(s, actor=a, person_id=person_id, inspection=data),
    )
    console.print(f"Recorded the inspection of person {person_id} on {on}.")


@app.command("health-report")
def health_report(
    person_id: int,
    sent_on: Annotated[str, Opt(help="dd.mm.yyyy")],
    summary: Text = None,
    actor: ActorOption = None,
    db: DbOption = None,
) -> None:
    """Record the weekly health report on a seriously ill prisoner (Art. 122 §6)."""
    data = validated(HealthReportIn, {"sent_on": sent_on, "summary": summary})
    _record(
        db,
        actor,
        lambda s, a: records.record_health_report(s, actor=a, person_id=person_id, report=data),
    )
    console.print(f"Recorded the health report of person {person_id} sent on {sent_on}.")


@app.command("annex")
def annex(
    person_id: int,
    on: Annotated[str, Opt(help="dd.mm.yyyy")],
    condition: Annotated[str, Opt(help="incurable_wounded, incurable_sick, mental_disorder, …")],
    outcome: Annotated[str, Opt(help="direct_repatriation or neutral_country")],
    doctor: Annotated[str, Opt()],
    note: Text = None,
    actor: ActorOption = None,
    db: DbOption = None,
) -> None:
    """Record a doctor's Annex I finding."""
    fields = {"on": on, "condition": condition, "outcome": outcome, "doctor": doctor}
    data = validated(AnnexFindingIn, {**fields, "note": note})
    _record(
        db,
        actor,
        lambda s, a: records.record_annex_finding(s, actor=a, person_id=person_id, finding=data),
    )
    console.print(f"Recorded the Annex I finding of person {person_id}.")


@app.command("visit")
def visit(
    on: Annotated[str, Opt(help="dd.mm.yyyy")],
    place: Annotated[str, Opt(help="The camp, transit camp or hospital.")],
    visitor: Annotated[str, Opt(help="icrc or protecting_power")],
    interviewed: Annotated[list[int] | None, Opt(help="A prisoner interviewed (repeat).")] = None,
    note: Text = None,
    actor: ActorOption = None,
    db: DbOption = None,
) -> None:
    """Record a visit of the ICRC or the protecting power (Art. 126)."""
    fields = {"on": on, "place": place, "visitor": visitor, "note": note}
    data = validated(VisitIn, {**fields, "interviewed": tuple(interviewed or ())})
    visit_id = _record(db, actor, lambda s, a: records.record_visit(s, actor=a, visit=data))
    console.print(f"Recorded visit {visit_id}.")


@app.command("death")
def death(
    person_id: int,
    sent_on: Annotated[str, Opt(help="dd.mm.yyyy")],
    out: Annotated[Path, Opt(help="The notification, as PDF.")],
    cause: Annotated[str | None, Opt(help="Left out: not known (an enquiry follows).")] = None,
    caused_by_another: Annotated[bool, Opt("--caused-by-another")] = False,
    buried_on: Text = None,
    burial_place: Text = None,
    grave: Text = None,
    lang: Annotated[str, Opt("--lang", help="ru or en")] = "ru",
    actor: ActorOption = None,
    db: DbOption = None,
) -> None:
    """Record and print the death notification (Art. 120)."""
    data = validated(
        DeathNoticeIn,
        {
            "sent_on": sent_on,
            "cause": cause,
            "caused_by_another": caused_by_another,
            "buried_on": buried_on,
            "burial_place": burial_place,
            "grave": grave,
        },
    )
    with unit_of_work(settings_for(db)) as session:
        notice = records.record_death_notice(
            session, actor=cli_actor(actor), person_id=person_id, notice=data
        )
        pdf = papers.death_pdf(papers.death_context(session, person_id, notice), language=lang)
        try:
            out.write_bytes(pdf)
        except OSError as error:
            raise InvalidInput("out", "cannot write %(path)s", path=str(out)) from error
    console.print(f"Wrote the death notification of person {person_id} to {out}.")


@app.command("enquiry")
def enquiry(
    person_id: int,
    opened_on: Annotated[str, Opt(help="dd.mm.yyyy")],
    finding: Text = None,
    actor: ActorOption = None,
    db: DbOption = None,
) -> None:
    """Record the official enquiry into a death (Art. 121)."""
    data = validated(EnquiryIn, {"opened_on": opened_on, "finding": finding})
    _record(
        db, actor, lambda s, a: records.open_enquiry(s, actor=a, person_id=person_id, enquiry=data)
    )
    console.print(f"Recorded the enquiry into the death of person {person_id}.")


@app.command("effect")
def effect(
    person_id: int,
    taken_on: Annotated[str, Opt(help="dd.mm.yyyy")],
    description: Annotated[str, Opt()],
    receipt: Annotated[str, Opt(help="The receipt's number.")],
    amount: Annotated[int | None, Opt(help="Money, in kopecks or cents.")] = None,
    currency: Annotated[str | None, Opt(help="RUB, UAH, USD …")] = None,
    actor: ActorOption = None,
    db: DbOption = None,
) -> None:
    """Enter an article or money taken from him in the ledger (Art. 18)."""
    fields = {"taken_on": taken_on, "description": description, "receipt": receipt}
    data = validated(EffectIn, {**fields, "amount_minor": amount, "currency": currency})
    effect_id = _record(
        db, actor, lambda s, a: records.take_effect(s, actor=a, person_id=person_id, effect=data)
    )
    console.print(f"Entered article {effect_id} in the ledger.")


@app.command("effect-return")
def effect_return(
    effect_id: int,
    on: Annotated[str, Opt(help="dd.mm.yyyy")],
    way: Annotated[str, Opt(help="returned or sealed_packet")] = "returned",
    actor: ActorOption = None,
    db: DbOption = None,
) -> None:
    """Record that an article went back (Art. 122 §9)."""
    day = _parsed_day(on, "on")
    _record(
        db,
        actor,
        lambda s, a: records.dispose_effect(s, actor=a, effect_id=effect_id, on=day, disposal=way),
    )
    console.print(f"Article {effect_id}: {way} on {on}.")


@app.command("limits")
def limits(
    person_id: int,
    letters: Annotated[int | None, Opt(help="Letters a month (at least 2).")] = None,
    cards: Annotated[int | None, Opt(help="Cards a month (at least 4).")] = None,
    actor: ActorOption = None,
    db: DbOption = None,
) -> None:
    """Set a limit on his correspondence; Art. 71's floor is refused below."""
    _record(
        db,
        actor,
        lambda s, a: service.set_correspondence_limits(
            s, actor=a, person_id=person_id, letters=letters, cards=cards
        ),
    )
    console.print(f"Person {person_id}: {letters} letters and {cards} cards a month at least.")


@app.command("profile")
def profile(
    person_id: int,
    interviewed_on: Annotated[str, Opt(help="dd.mm.yyyy")],
    voluntary: Annotated[bool, Opt("--voluntary", help="He gave it voluntarily.")] = False,
    rank_category: Annotated[str | None, Opt(help="rank_and_file, sergeant, officer")] = None,
    service_route: Annotated[str | None, Opt(help="contract, contract_prison, …")] = None,
    citizenship: Text = None,
    coercion: Annotated[bool | None, Opt("--coercion/--no-coercion")] = None,
    convictions: Annotated[bool | None, Opt("--convictions/--no-convictions")] = None,
    education: Annotated[str | None, Opt(help="higher, vocational, secondary, incomplete")] = None,
    worked: Annotated[bool | None, Opt("--worked/--not-worked")] = None,
    children: Annotated[int | None, Opt()] = None,
    chronic: Annotated[str | None, Opt(help="Chronic conditions that need care.")] = None,
    actor: ActorOption = None,
    db: DbOption = None,
) -> None:
    """Record what he said of himself at interview (special-category data)."""
    data = validated(
        ProfileIn,
        {
            "interviewed_on": interviewed_on,
            "voluntary": voluntary,
            "rank_category": rank_category,
            "service_route": service_route,
            "citizenship": citizenship,
            "coercion_or_deception": coercion,
            "previous_convictions": convictions,
            "education": education,
            "worked_before_war": worked,
            "children": children,
            "chronic_conditions": chronic,
        },
    )
    _record(
        db,
        actor,
        lambda s, a: records.record_profile(s, actor=a, person_id=person_id, profile=data),
    )
    console.print(f"Recorded the profile of person {person_id}.")


PROFILE_COLUMNS = (
    "person_id",
    "interviewed_on",
    "rank_category",
    "service_route",
    "citizenship",
    "coercion_or_deception",
    "previous_convictions",
    "education",
    "worked_before_war",
    "children",
    "chronic_conditions",
)


@app.command("profiles")
def profiles(
    out: Annotated[Path, Opt(help="An .xlsx file.")],
    actor: ActorOption = None,
    db: DbOption = None,
) -> None:
    """Export the latest profile of every prisoner (special-category data; audited)."""
    with unit_of_work(settings_for(db)) as session:
        if out.suffix.lower() != ".xlsx":
            raise InvalidInput("out", "the profiles are written as .xlsx")
        who = cli_actor(actor)
        rows = records.latest_profiles(session, actor=who)
        service.audited(session, who, AuditAction.EXPORT, None, profiles=len(rows))
        write_xlsx(out, PROFILE_COLUMNS, [_profile_row(p) for p in rows], title="profiles")
    console.print(f"Wrote {len(rows):,} profiles to {out}.")


def _profile_row(row: m.Profile) -> list[Any]:
    values = [getattr(row, column) for column in PROFILE_COLUMNS]
    return [("yes" if v else "no") if isinstance(v, bool) else v for v in values]


def _parsed_day(text: str, field: str) -> date:
    with reported_errors():
        try:
            parsed: date = parse_day(text)
        except ValueError as error:
            raise InvalidInput(field, str(error)) from None
    return parsed
