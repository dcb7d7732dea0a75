"""`homeward person …` and `homeward evidence …`: thin commands over the register's services."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import typer
from rich.table import Table

from homeward.access import audit
from homeward.access.audit import AuditAction
from homeward.cli_support import (
    ActorOption,
    DbOption,
    JsonOption,
    cli_actor,
    console,
    print_json,
    settings_for,
    unit_of_work,
)
from homeward.registry.dossier import HistoryView, history_json, person_dossier
from homeward.registry.evidence import add_evidence
from homeward.registry.history import person_history
from homeward.registry.render import print_dossier
from homeward.registry.schemas import EvidenceIn, PersonIn, SourceIn, validated
from homeward.registry.service import create_person, edit_person, get_person, list_persons
from homeward.registry.vocab import Side, Status

person_app = typer.Typer(help="Persons: add, show, list, edit and read their history.")
evidence_app = typer.Typer(help="Evidence about a person's fate or whereabouts.")

Opt = typer.Option
LangOption = Annotated[str, Opt("--lang", help="Language of explanations: en or uk.")]


def _source(kind: str | None, name: str | None) -> dict[str, str] | None:
    return {"kind": kind or "relative", "name": name} if name else None


@person_app.command("add")
def person_add(
    surname: Annotated[str, Opt(help="Surname as the source wrote it.")],
    given_name: Annotated[str | None, Opt("--given-name")] = None,
    patronymic: Annotated[str | None, Opt()] = None,
    side: Annotated[str, Opt(help="own or adversary")] = "own",
    sex: Annotated[str, Opt(help="M, F or U")] = "U",
    birth_date: Annotated[str | None, Opt(help="dd.mm.yyyy, mm.yyyy or yyyy")] = None,
    birth_place: Annotated[str | None, Opt()] = None,
    citizenship: Annotated[str | None, Opt(help="ISO 3166 alpha-3, e.g. UKR")] = None,
    civilian: Annotated[bool, Opt("--civilian", help="A civilian, not military.")] = False,
    branch: Annotated[str | None, Opt()] = None,
    unit: Annotated[str | None, Opt()] = None,
    rank: Annotated[str | None, Opt()] = None,
    service_number: Annotated[str | None, Opt()] = None,
    missing_date: Annotated[str | None, Opt(help="Date of disappearance.")] = None,
    missing_place: Annotated[str | None, Opt()] = None,
    father_name: Annotated[str | None, Opt(help="Father's first name (GC III).")] = None,
    mother_maiden_name: Annotated[str | None, Opt(help="Mother's maiden name (GC III).")] = None,
    person_to_inform: Annotated[str | None, Opt()] = None,
    correspondence_address: Annotated[str | None, Opt()] = None,
    tax_number: Annotated[str | None, Opt()] = None,
    passport: Annotated[str | None, Opt()] = None,
    military_id: Annotated[str | None, Opt()] = None,
    source_kind: Annotated[str | None, Opt(help="relative, list, organisation, …")] = None,
    source: Annotated[str | None, Opt(help="Who or what reported the person.")] = None,
    reason: Annotated[str | None, Opt()] = None,
    actor: ActorOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Add a person to the register."""
    fields: dict[str, Any] = {
        k: v
        for k, v in locals().items()
        if k not in {"tax_number", "passport", "military_id", "source_kind", "source", "reason"}
        and k not in {"actor", "db", "as_json", "civilian"}
    }
    fields["service_status"] = "civilian" if civilian else "military"
    fields["identifiers"] = [
        {"kind": kind, "value": value}
        for kind, value in (
            ("tax_number", tax_number),
            ("passport", passport),
            ("military_id", military_id),
        )
        if value
    ]
    with unit_of_work(settings_for(db)) as session:
        person_in = validated(PersonIn, fields)
        source_in = _source(source_kind, source)
        person = create_person(
            session,
            actor=cli_actor(actor),
            person=person_in,
            source=validated(SourceIn, source_in) if source_in else None,
            reason=reason,
        )
        person_id = person.id
        audit.log(
            session,
            cli_actor(actor),
            AuditAction.CREATE_PERSON,
            object_type="person",
            object_id=person_id,
        )
    if as_json:
        print_json({"id": person_id})
    else:
        console.print(f"Added person [bold]{person_id}[/].")


@person_app.command("show")
def person_show(
    person_id: int,
    lang: LangOption = "en",
    db: DbOption = None,
    as_json: JsonOption = False,
    actor: ActorOption = None,
) -> None:
    """Identity, name variants, status with its explanation, evidence, reports, contacts."""
    settings = settings_for(db)
    with unit_of_work(settings) as session:
        dossier = person_dossier(
            session, person_id, as_of=date.today(), incommunicado_days=settings.incommunicado_days
        )
        audit.log(
            session,
            cli_actor(actor),
            AuditAction.VIEW_PERSON,
            object_type="person",
            object_id=person_id,
        )
        if as_json:
            print_json(dossier.to_json(lang))
        else:
            print_dossier(dossier, lang)


@person_app.command("list")
def person_list(
    side: Annotated[Side | None, Opt()] = None,
    status: Annotated[Status | None, Opt()] = None,
    limit: Annotated[int, Opt(min=1, max=1000)] = 50,
    offset: Annotated[int, Opt(min=0)] = 0,
    db: DbOption = None,
    as_json: JsonOption = False,
    actor: ActorOption = None,
) -> None:
    """Persons, a page at a time, by side and status."""
    with unit_of_work(settings_for(db)) as session:
        persons, total = list_persons(session, side=side, status=status, limit=limit, offset=offset)
        audit.log(
            session,
            cli_actor(actor),
            AuditAction.LIST_PERSONS,
            detail={"side": side, "status": status, "offset": offset, "shown": len(persons)},
        )
        rows = [
            {
                "id": p.id,
                "side": p.side,
                "name": " ".join(x for x in (p.surname, p.given_name, p.patronymic) if x),
                "birth_date": p.birth.iso() if p.birth else None,
                "status": p.status,
                "status_since": p.status_since.isoformat() if p.status_since else None,
            }
            for p in persons
        ]
    if as_json:
        print_json({"total": total, "offset": offset, "persons": rows})
        return
    table = Table(title=f"{len(rows)} of {total} persons from {offset + 1}")
    for column in ("id", "side", "name", "birth_date", "status", "status_since"):
        table.add_column(column)
    for row in rows:
        table.add_row(*(str(row[c] or "") for c in row))
    console.print(table)


@person_app.command("history")
def person_history_command(
    person_id: int, db: DbOption = None, as_json: JsonOption = False, actor: ActorOption = None
) -> None:
    """Every change to the person: who, when, why, through what."""
    with unit_of_work(settings_for(db)) as session:
        get_person(session, person_id)
        audit.log(
            session,
            cli_actor(actor),
            AuditAction.VIEW_PERSON,
            object_type="person",
            object_id=person_id,
            detail={"part": "history"},
        )
        entries = [history_json(HistoryView.of(h)) for h in person_history(session, person_id)]
    if as_json:
        print_json(entries)
        return
    table = Table(title=f"History of person {person_id}")
    for column in ("at", "action", "actor", "channel", "reason", "changes"):
        table.add_column(column, overflow="fold")
    for e in entries:
        table.add_row(
            e["at"][:19],
            e["action"],
            e["actor"],
            e["channel"],
            e["reason"] or "",
            str(e["changes"]),
        )
    console.print(table)


@person_app.command("edit")
def person_edit(
    person_id: int,
    version: Annotated[int, Opt(help="The version you read (person show prints it).")],
    reason: Annotated[str, Opt(help="Why the record changes.")],
    set_: Annotated[list[str], Opt("--set", help="field=value; repeat for several fields.")],
    actor: ActorOption = None,
    db: DbOption = None,
) -> None:
    """Change fields of a person; the old values stay in the history."""
    changes: dict[str, Any] = {}
    for item in set_:
        field, sep, value = item.partition("=")
        if not sep:
            raise typer.BadParameter(f"{item!r} is not field=value", param_hint="--set")
        changes[field.strip()] = value.strip() or None
    with unit_of_work(settings_for(db)) as session:
        person = edit_person(
            session,
            actor=cli_actor(actor),
            person_id=person_id,
            expected_version=version,
            changes=changes,
            reason=reason,
        )
        audit.log(
            session,
            cli_actor(actor),
            AuditAction.EDIT_PERSON,
            object_type="person",
            object_id=person_id,
            detail={"fields": sorted(changes)},
        )
        new_version = person.version
    console.print(f"Person {person_id} is now at version {new_version}.")


@evidence_app.command("add")
def evidence_add(
    person_id: int,
    kind: Annotated[str, Opt(help="reported_missing, captor_list, icrc_notification, …")],
    on: Annotated[str, Opt(help="When: dd.mm.yyyy, mm.yyyy or yyyy.")],
    reliability: Annotated[str, Opt(help="high, medium or low")] = "medium",
    place: Annotated[str | None, Opt()] = None,
    note: Annotated[str | None, Opt()] = None,
    supersedes: Annotated[int | None, Opt(help="The evidence this corrects or retracts.")] = None,
    source_kind: Annotated[str | None, Opt()] = None,
    source: Annotated[str | None, Opt()] = None,
    actor: ActorOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Record evidence; the person's status is derived again at once."""
    settings = settings_for(db)
    with unit_of_work(settings) as session:
        evidence_in = validated(
            EvidenceIn,
            {
                "kind": kind,
                "on": on,
                "reliability": reliability,
                "place": place,
                "note": note,
                "supersedes_id": supersedes,
                "source": _source(source_kind, source),
            },
        )
        row = add_evidence(
            session,
            actor=cli_actor(actor),
            person_id=person_id,
            evidence=evidence_in,
            incommunicado_days=settings.incommunicado_days,
        )
        audit.log(
            session,
            cli_actor(actor),
            AuditAction.ADD_EVIDENCE,
            object_type="person",
            object_id=person_id,
            detail={"evidence": row.id, "kind": kind},
        )
        result = {"id": row.id, "status": get_person(session, person_id).status}
    if as_json:
        print_json(result)
    else:
        console.print(f"Recorded evidence {result['id']}; status now {result['status']}.")
