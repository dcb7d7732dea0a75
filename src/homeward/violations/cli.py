"""`homeward incident …` and `homeward files …`: thin commands over the violations' services.
Mount them with `app.add_typer(incident_app, name="incident")` and
`app.add_typer(files_app, name="files")`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from homeward.cli_support import (
    ActorOption,
    DbOption,
    JsonOption,
    cli_actor,
    console,
    errors,
    print_json,
    reported_errors,
    settings_for,
    unit_of_work,
)
from homeward.errors import InvalidInput
from homeward.violations import files, service
from homeward.violations.files import FileIn
from homeward.violations.schemas import IncidentFilters
from homeward.violations.store import FileStore, chunks_of, default_files_dir
from homeward.violations.views import file_json, incident_json, victim_names

incident_app = typer.Typer(help="Incidents of violations: acts, victims, alleged perpetrators.")
files_app = typer.Typer(help="Evidence files in the content-addressed store.")
Opt = typer.Option


@incident_app.command("list")
def incident_list(
    act_type: Annotated[
        str | None, Opt("--type", help="An act type or a group (torture); see docs/violations.md.")
    ] = None,
    place: Annotated[int | None, Opt("--place", help="The place's number.")] = None,
    since: Annotated[str | None, Opt(help="Acts on or after this (partial) date.")] = None,
    until: Annotated[str | None, Opt(help="Acts on or before this (partial) date.")] = None,
    victim: Annotated[int | None, Opt("--victim", help="A victim's person number.")] = None,
    limit: Annotated[int, Opt(min=1, max=100_000)] = 200,
    actor: ActorOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Incidents with an act that matches every filter, newest first (the read is audited)."""
    chosen = IncidentFilters(act_type, place, since, until, victim, limit)
    with unit_of_work(settings_for(db)) as session:
        found = service.find_incidents(session, actor=cli_actor(actor), filters=chosen)
        names = victim_names(session, found)
        rows = [incident_json(incident, names) for incident in found]
    if as_json:
        print_json(rows)
        return
    table = Table(title=f"{len(rows)} incidents")
    for column in ("id", "title", "acts", "victims", "place", "when"):
        table.add_column(column)
    for row in rows:
        acts = row["acts"]
        table.add_row(
            str(row["id"]),
            row["title"],
            ", ".join(dict.fromkeys(a["act_type"] for a in acts)),
            str(len({v["person_id"] for a in acts for v in a["victims"]})),
            ", ".join(dict.fromkeys(a["place"] for a in acts if a["place"])),
            ", ".join(dict.fromkeys(a["occurred"] for a in acts if a["occurred"])),
        )
    console.print(table)


@incident_app.command("show")
def incident_show(
    incident: Annotated[int, typer.Argument(help="The incident's number.")],
    actor: ActorOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """An incident with its acts, victims, alleged perpetrators, sources and files."""
    who = cli_actor(actor)
    with unit_of_work(settings_for(db)) as session:
        found = service.get_incident(session, actor=who, incident_id=incident)
        names = victim_names(session, [found])
        shown = files.files_of(session, actor=who, incident_id=found.id)
        data = incident_json(found, names, shown)
    if as_json:
        print_json(data)
        return
    console.print(f"[bold]Incident {data['id']}[/]: {data['title']}", highlight=False)
    for act in data["acts"]:
        when = act["occurred"] or "date unknown"
        if act["until"]:
            when += f" – {act['until']}"
        console.print(
            f"  act {act['id']}: {act['act_type_label']} ({act['articles']}), {when}, "
            f"{act['place'] or 'place unknown'}",
            highlight=False,
        )
        for victim in act["victims"]:
            console.print(f"    victim {victim['person_id']}: {victim['name']}", highlight=False)
        for alleged in act["alleged_perpetrators"]:
            console.print(
                f"    alleged perpetrator ({alleged['kind']}): {alleged['name']}", highlight=False
            )
        for source in act["sources"]:
            console.print(
                f"    source: {source['source']} (reliability {source['reliability']}, "
                f"credibility {source['credibility']})",
                highlight=False,
            )
    for row in data["files"]:
        console.print(f"  file {row['id']}: {row['file_name']} {row['sha256']}", highlight=False)


def _store(db: str | None) -> tuple[FileStore, int]:
    settings = settings_for(db)
    return FileStore(default_files_dir(settings)), settings.files_max_mb * 1024 * 1024


@files_app.command("add")
def files_add(
    path: Annotated[Path, typer.Argument(help="The file to add; it is copied, never changed.")],
    person: Annotated[int | None, Opt("--person", help="The person it is about.")] = None,
    incident: Annotated[int | None, Opt("--incident", help="The incident it proves.")] = None,
    testimony: Annotated[
        int | None, Opt("--testimony", help="The debriefing it belongs to (its recording…).")
    ] = None,
    restricted: Annotated[
        bool, Opt("--restricted", help="It shows captives (GC III Art. 13): restricted.")
    ] = False,
    sha256: Annotated[
        str | None, Opt("--sha256", help="The hash it should have: refused if it differs.")
    ] = None,
    description: Annotated[str | None, Opt(help="What it shows.")] = None,
    actor: ActorOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Add PATH to the store (streamed and hashed) and record it; prints its SHA-256."""
    store, most = _store(db)
    with reported_errors():
        if not path.is_file():
            raise InvalidInput("path", "%(value)s is not a file", value=str(path))
    with unit_of_work(settings_for(db)) as session, path.open("rb") as data:
        row = files.add_file(
            session,
            actor=cli_actor(actor),
            store=store,
            chunks=chunks_of(data),
            given=FileIn(
                file_name=path.name,
                incident_id=incident,
                person_id=person,
                debriefing_id=testimony,
                restricted=restricted,
                description=description,
                claimed_sha256=sha256,
            ),
            max_bytes=most,
        )
        shown = file_json(row)
    if as_json:
        print_json(shown)
        return
    console.print(f"File {shown['id']}: {shown['size']:,} bytes, SHA-256", highlight=False)
    console.print(f"  {shown['sha256']}", highlight=False)


@files_app.command("verify")
def files_verify(actor: ActorOption = None, db: DbOption = None) -> None:
    """Re-hash every recorded file; exit 1 and name those that changed or went missing."""
    store, _most = _store(db)
    with unit_of_work(settings_for(db)) as session:
        check = files.verify_files(session, actor=cli_actor(actor), store=store)
    for problem, found in (("changed", check.changed), ("missing", check.missing)):
        for sha256, ids in found:
            numbers = ", ".join(str(i) for i in ids)
            errors.print(f"{problem}: {sha256} (file {numbers})", highlight=False)
    for sha256 in check.unrecorded:
        errors.print(f"unrecorded (kept, in no record): {sha256}", highlight=False)
    if not check.intact:
        errors.print(
            f"{len(check.changed)} changed, {len(check.missing)} missing of {check.checked} "
            f"files in {store.root}",
            highlight=False,
        )
        raise typer.Exit(1)
    console.print(f"All {check.checked} files are intact in {store.root}.", highlight=False)


@files_app.command("export")
def files_export(
    file_id: Annotated[int, typer.Argument(help="The file's number.")],
    out: Annotated[Path, typer.Argument(help="Where to write the copy (a new file).")],
    actor: ActorOption = None,
    db: DbOption = None,
) -> None:
    """A copy of a file for whoever receives it; written in its chain of custody."""
    store, _most = _store(db)
    with unit_of_work(settings_for(db)) as session:
        try:
            row = files.export_file(
                session, actor=cli_actor(actor), store=store, file_id=file_id, out=out
            )
        except FileExistsError:
            with reported_errors():
                raise InvalidInput("out", "%(value)s exists already", value=str(out)) from None
        sha256 = row.sha256
    console.print(f"File {file_id} written to {out}; SHA-256 {sha256}", highlight=False)


@files_app.command("log")
def files_log(
    file_id: Annotated[int, typer.Argument(help="The file's number.")],
    actor: ActorOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """A file's chain of custody: who added, viewed and exported it, and when."""
    with unit_of_work(settings_for(db)) as session:
        log = files.custody_log(session, actor=cli_actor(actor), file_id=file_id)
        rows = [
            {"at": e.at.isoformat(), "action": e.action, "username": e.username, "role": e.role}
            for e in log
        ]
    if as_json:
        print_json(rows)
        return
    for row in rows:
        console.print(f"{row['at']}  {row['action']:<12} {row['username']}", highlight=False)
