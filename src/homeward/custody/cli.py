"""`homeward custody …`: the bureau's commands, thin over the services (`--json` on reads).
The records of the work (letters, inspections, notices, effects, the profile) are in
`cli_records.py`, on the same Typer app."""

from __future__ import annotations

import contextlib
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from homeward.access import audit
from homeward.access.audit import AuditAction
from homeward.access.roles import Permission
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
from homeward.custody import papers, service
from homeward.custody.dossier import prisoner_file
from homeward.custody.loading import bureau_figures, clock_rows
from homeward.custody.notify import send_batch
from homeward.custody.records import record_card
from homeward.custody.schemas import Answer, EventIn, RegistrationIn, parse_day
from homeward.errors import InvalidInput
from homeward.registry.schemas import validated
from homeward.registry.vocab import PlaceKind

app = typer.Typer(help="The Geneva Convention bureau for the prisoners our side holds.")
place_app = typer.Typer(help="Places of internment: camps, transit camps, hospitals.")
app.add_typer(place_app, name="place")

Opt = typer.Option
Text = Annotated[str | None, Opt()]


@app.command("register")
def register(
    surname: Annotated[str, Opt(help="As he gave it.")],
    captured_on: Annotated[str, Opt(help="dd.mm.yyyy (or mm.yyyy, yyyy)")],
    captured_at: Annotated[str, Opt(help="Where he was captured.")],
    given_name: Annotated[str | None, Opt("--given-name")] = None,
    patronymic: Text = None,
    rank: Text = None,
    service_number: Text = None,
    birth_date: Annotated[str | None, Opt(help="dd.mm.yyyy, mm.yyyy or yyyy")] = None,
    birth_place: Text = None,
    citizenship: Annotated[str | None, Opt(help="ISO 3166 alpha-3, e.g. RUS")] = None,
    power: Annotated[str, Opt(help="The Power on which he depends (alpha-3).")] = "RUS",
    father_name: Annotated[str | None, Opt(help="Father's first name.")] = None,
    mother_maiden_name: Text = None,
    person_to_inform: Text = None,
    correspondence_address: Text = None,
    unit: Annotated[str | None, Opt(help="His unit.")] = None,
    sector: Annotated[str | None, Opt(help="The sector of the front.")] = None,
    capturing_unit: Annotated[str | None, Opt(help="The unit that captured him.")] = None,
    identified_by: Annotated[
        str | None, Opt(help="How he was identified, if he could not say.")
    ] = None,
    refused: Annotated[list[str] | None, Opt(help="A field he refused to give (repeat).")] = None,
    not_known: Annotated[list[str] | None, Opt(help="A field he does not know (repeat).")] = None,
    language: Annotated[str, Opt(help="His card's language: ru or en.")] = "ru",
    person_id: Annotated[int | None, Opt(help="Already in the register: captured again.")] = None,
    actor: ActorOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Register a prisoner at capture: his identity set, the capture, his serial number."""
    fields: dict[str, Any] = {
        key: value
        for key, value in locals().items()
        if key not in {"refused", "not_known", "actor", "db", "as_json"} and value is not None
    }
    fields["side"], fields["sex"] = "adversary", "M"
    answers = dict.fromkeys(refused or [], Answer.REFUSED)
    answers.update(dict.fromkeys(not_known or [], Answer.NOT_KNOWN))
    fields["answers"] = answers
    with unit_of_work(settings_for(db)) as session:
        registration = validated(RegistrationIn, fields)
        internment = service.register_prisoner(
            session, actor=cli_actor(actor), registration=registration
        )
        result = {"person_id": internment.person_id, "serial_number": internment.serial_number}
    if as_json:
        print_json(result)
    else:
        console.print(
            f"Registered person [bold]{result['person_id']}[/], serial number "
            f"[bold]{result['serial_number']}[/]."
        )


@app.command("open")
def open_internment(
    person_id: int,
    language: Annotated[str, Opt(help="His card's language: ru or en.")] = "ru",
    actor: ActorOption = None,
    db: DbOption = None,
) -> None:
    """Issue the serial number of a prisoner recorded by an import or as evidence."""
    with unit_of_work(settings_for(db)) as session:
        internment = service.open_internment(
            session, actor=cli_actor(actor), person_id=person_id, language=language
        )
        serial = internment.serial_number
    console.print(f"Person {person_id}: serial number [bold]{serial}[/].")


@app.command("event")
def event(
    person_id: int,
    kind: Annotated[str, Opt(help="moved, hospitalised, discharged, transferred, escaped, …")],
    on: Annotated[str, Opt(help="dd.mm.yyyy")],
    place: Annotated[str | None, Opt(help="A camp, transit camp or hospital we know.")] = None,
    note: Text = None,
    actor: ActorOption = None,
    db: DbOption = None,
) -> None:
    """Record a movement (evidence on the person: his status follows)."""
    with unit_of_work(settings_for(db)) as session:
        event_in = validated(EventIn, {"kind": kind, "on": on, "place": place, "note": note})
        row = service.record_event(
            session, actor=cli_actor(actor), person_id=person_id, event=event_in
        )
        evidence_id = row.id
    console.print(f"Recorded {kind} of person {person_id} on {on} (evidence {evidence_id}).")


@app.command("clocks")
def clocks_command(
    late: Annotated[bool, Opt("--late", help="Only the late ones.")] = False,
    person: Annotated[list[int] | None, Opt(help="Only this prisoner (repeat).")] = None,
    on: Annotated[str | None, Opt(help="As of this day (default today).")] = None,
    actor: ActorOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Every duty's clock: one line per prisoner and obligation."""
    as_of = _day(on, "on") or date.today()
    with unit_of_work(settings_for(db)) as session:
        who = cli_actor(actor)
        rows = clock_rows(session, actor=who, as_of=as_of, late_only=late, person_ids=person)
        audit.log(session, who, AuditAction.VIEW_CUSTODY, detail={"clocks": len(rows)})
        data = [row.to_json() for row in rows]
    if as_json:
        print_json(data)
        return
    table = Table("person", "serial", "obligation", "article", "due", "done", "late", "because")
    for item in data:
        table.add_row(
            str(item["person_id"]),
            item["serial_number"] or "—",
            item["obligation"],
            item["article"],
            item["due"],
            item["done"] or "",
            "LATE" if item["late"] else "",
            item["because"],
        )
    console.print(table)


@app.command("show")
def show(
    person_id: int, actor: ActorOption = None, db: DbOption = None, as_json: JsonOption = False
) -> None:
    """A prisoner's file: status, internments, duties and their clocks."""
    with unit_of_work(settings_for(db)) as session:
        found = prisoner_file(session, actor=cli_actor(actor), person_id=person_id)
        data: dict[str, Any] = {
            "person_id": person_id,
            "status": found.status.status.value,
            "camp": found.camp,
            "internments": [
                {"serial_number": i.serial_number, "opened_on": i.opened_on.isoformat()}
                for i in found.internments
            ],
            "answers": found.answers,
            "duties": [
                {
                    "obligation": d.obligation.value,
                    "article": d.article,
                    "due": d.due.isoformat(),
                    "done": d.done.isoformat() if d.done else None,
                    "late": d.late,
                    "because": str(d.because),
                }
                for d in found.duties
            ],
        }
    if as_json:
        print_json(data)
        return
    console.print(f"Person {person_id}: {data['status']}, at {data['camp'] or '—'}")
    for duty in data["duties"]:
        mark = "LATE" if duty["late"] else ""
        console.print(
            f"  {duty['obligation']:<20} due {duty['due']} done {duty['done'] or '—':<10} {mark}"
        )


@app.command("figures")
def figures(actor: ActorOption = None, db: DbOption = None, as_json: JsonOption = False) -> None:
    """The bureau's figures: prisoners held now and by status, and those lost after their
    return (repatriated, then reported dead or captured again)."""
    with unit_of_work(settings_for(db)) as session:
        who = cli_actor(actor)
        who.require(Permission.CUSTODY)
        data = bureau_figures(session, as_of=date.today())
        audit.log(session, who, AuditAction.VIEW_CUSTODY, detail={"figures": True})
    if as_json:
        print_json(data)
        return
    for name, value in data.items():
        console.print(f"{name:<22} {value}")


@app.command("card")
def card(
    person_id: int,
    out: Annotated[Path, Opt(help="The PDF to write.")],
    lang: Annotated[str | None, Opt("--lang", help="ru or en (default: his internment's).")] = None,
    actor: ActorOption = None,
    db: DbOption = None,
) -> None:
    """Print his capture card (Ukrainian and his language) and record it as sent today."""
    with unit_of_work(settings_for(db)) as session:
        who = cli_actor(actor)
        internment = service.current_internment(session, person_id)
        language = lang or (internment.language if internment else "ru")
        record_card(session, actor=who, person_id=person_id, language=language)
        context = papers.card_context(session, person_id, issued_on=date.today())
        _write(out, papers.card_pdf(context, language=language))
    console.print(f"Wrote the capture card of person {person_id} to {out}.")


@app.command("notify")
def notify(
    out: Annotated[Path, Opt(help="The batch, as .xlsx.")],
    cover: Annotated[Path | None, Opt(help="Its cover sheet, as PDF.")] = None,
    actor: ActorOption = None,
    db: DbOption = None,
) -> None:
    """Send the events not yet notified to the Central Tracing Agency, in one batch."""
    with unit_of_work(settings_for(db)) as session:
        sent = send_batch(session, actor=cli_actor(actor), out=out)
        try:
            if cover is not None:
                _write(cover, papers.cover_pdf(sent.batch, sent.events, out.name))
        except BaseException:
            with contextlib.suppress(OSError):
                out.unlink()
            raise
        number, count = sent.batch.id, len(sent.events)
    console.print(f"Batch {number}: {count} events written to {out} and marked notified.")


def _write(path: Path, data: bytes) -> None:
    try:
        path.write_bytes(data)
    except OSError as error:
        raise InvalidInput(
            "out", "cannot write %(path)s: %(problem)s", path=str(path), problem=error.strerror
        ) from None


def _day(text: str | None, field: str) -> date | None:
    if not text:
        return None
    try:
        parsed: date = parse_day(text)
    except (ValueError, InvalidInput) as error:
        raise InvalidInput(field, str(error)) from None
    return parsed


@place_app.command("add")
def place_add(
    name: str,
    kind: Annotated[str, Opt(help="camp, transit_camp or hospital")],
    location: Text = None,
    alias: Annotated[list[str] | None, Opt(help="Another name (repeat).")] = None,
    actor: ActorOption = None,
    db: DbOption = None,
) -> None:
    """Add a place of internment."""
    with unit_of_work(settings_for(db)) as session:
        try:
            place_kind = PlaceKind(kind)
        except ValueError:
            raise InvalidInput("kind", "camp, transit_camp or hospital") from None
        place = service.add_place(
            session,
            actor=cli_actor(actor),
            name=name,
            kind=place_kind,
            location=location,
            aliases=tuple(alias or ()),
        )
        place_id = place.id
    console.print(f"Added place {place_id}: {name}.")


@place_app.command("list")
def place_list(db: DbOption = None, as_json: JsonOption = False) -> None:
    """The places of internment and their other names."""
    with unit_of_work(settings_for(db)) as session:
        data: list[dict[str, Any]] = [
            {"id": p.id, "name": p.name, "kind": p.kind, "aliases": [a.alias for a in p.aliases]}
            for p in service.places_of_internment(session)
        ]
    if as_json:
        print_json(data)
        return
    for item in data:
        console.print(
            f"{item['id']:>5}  {item['kind']:<13} {item['name']}  {', '.join(item['aliases'])}"
        )


# the records' commands register themselves on `app`
from homeward.custody import cli_records  # noqa: E402, F401
