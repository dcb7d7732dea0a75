"""`homeward testimony …`: thin commands over the testimonies' services. Mount with
`app.add_typer(testimony_app, name="testimony")`."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

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
from homeward.errors import InvalidInput
from homeward.testimonies import service
from homeward.testimonies.schemas import DebriefingIn, MentionIn
from homeward.testimonies.shapes import debriefing_json, debriefing_summary

testimony_app = typer.Typer(help="Debriefings of witnesses and the persons they mention.")
Opt = typer.Option


@testimony_app.command("list")
def list_command(
    json_out: JsonOption = False, actor: ActorOption = None, db: DbOption = None
) -> None:
    """The debriefings, newest first, with how many mentions each has linked and open."""
    with unit_of_work(settings_for(db)) as session:
        rows = [
            debriefing_summary(d) for d in service.list_debriefings(session, actor=cli_actor(actor))
        ]
    if json_out:
        print_json(rows)
        return
    table = Table("id", "held on", "witness", "interviewer", "mentions", "linked", "open")
    for r in rows:
        table.add_row(
            str(r["id"]), r["held_on"], r["witness_name"], r["interviewer"],
            str(r["mentions"]), str(r["linked"]), str(r["open"]),
        )  # fmt: skip
    console.print(table)


@testimony_app.command("show")
def show_command(
    debriefing_id: Annotated[int, typer.Argument(metavar="ID", help="The debriefing's number.")],
    json_out: JsonOption = False,
    actor: ActorOption = None,
    db: DbOption = None,
) -> None:
    """A debriefing with its mentions, each resolved or not (the read is audited)."""
    with unit_of_work(settings_for(db)) as session:
        data = debriefing_json(
            service.get_debriefing(session, actor=cli_actor(actor), debriefing_id=debriefing_id)
        )
    if json_out:
        print_json(data)
        return
    console.print(
        f"Debriefing {data['id']} of {data['witness_name']} on {data['held_on']} "
        f"by {data['interviewer']} ({data['language']})",
        highlight=False,
    )
    table = Table("#", "name as heard", "age", "place", "when", "condition", "resolved")
    for m in data["mentions"]:
        resolution = m["resolution"]
        state = "open"
        if resolution and resolution["decision"] == "linked":
            state = f"person {resolution['person_id']}"
        elif resolution:
            state = "not in the register"
        when = m["when"]
        table.add_row(
            str(m["position"]), m["name_heard"] or "", "-".join(map(str, m["age"] or [])),
            m["place_heard"] or "", _span_text(when),
            m["condition"] or "", state,
        )  # fmt: skip
    console.print(table)


def _span_text(when: dict[str, str] | None) -> str:
    if not when:
        return ""
    return when["from"] if when["from"] == when["to"] else f"{when['from']} – {when['to']}"


def _debriefing_from(data: Any) -> DebriefingIn:
    if not isinstance(data, dict):
        raise InvalidInput("file", "is not a JSON object")
    mentions = data.get("mentions") or []
    if not isinstance(mentions, list) or not all(isinstance(m, dict) for m in mentions):
        raise InvalidInput("mentions", "is not a list of objects")
    try:
        held_on = date.fromisoformat(str(data.get("held_on", "")))
    except ValueError:
        raise InvalidInput("held_on", "is not a date (yyyy-mm-dd)") from None
    return DebriefingIn(
        witness_name=str(data.get("witness_name") or ""),
        interviewer=str(data.get("interviewer") or ""),
        held_on=held_on,
        language=str(data.get("language") or "uk"),
        witness_person_id=data.get("witness_person_id"),
        note=data.get("note"),
        mentions=[_mention_from(m) for m in mentions],
    )


def _mention_from(data: dict[str, Any]) -> MentionIn:
    def text(name: str) -> str | None:
        value = data.get(name)
        return None if value is None else str(value)

    person_id = data.get("person_id")
    if person_id is not None and not isinstance(person_id, int):
        raise InvalidInput("person_id", "is not a number")
    return MentionIn(
        name_heard=text("name_heard"),
        age=text("age"),
        unit=text("unit"),
        place=text("place"),
        when=text("when"),
        condition=text("condition"),
        words=text("words"),
        person_id=person_id,
    )


@testimony_app.command("record")
def record_command(
    path: Annotated[
        Path, typer.Argument(exists=True, dir_okay=False, help="A debriefing as JSON.")
    ],
    json_out: JsonOption = False,
    actor: ActorOption = None,
    db: DbOption = None,
) -> None:
    """Record a debriefing from a JSON file: witness_name, interviewer, held_on (yyyy-mm-dd),
    language, witness_person_id, note, and mentions (name_heard, age, unit, place, when,
    condition, words, person_id). All or nothing."""
    with unit_of_work(settings_for(db)) as session:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError):
            raise InvalidInput("file", "is not JSON") from None
        row = service.record_debriefing(
            session, actor=cli_actor(actor), debriefing=_debriefing_from(data)
        )
        result = debriefing_summary(row)
    if json_out:
        print_json(result)
    else:
        console.print(
            f"Debriefing {result['id']} recorded: {result['mentions']} mentions, "
            f"{result['linked']} linked, {result['open']} open."
        )


@testimony_app.command("link")
def link_command(
    mention_id: Annotated[int, typer.Argument(metavar="MENTION")],
    person_id: Annotated[int, typer.Argument(metavar="PERSON")],
    reason: Annotated[str | None, Opt(help="Why this is the person.")] = None,
    actor: ActorOption = None,
    db: DbOption = None,
) -> None:
    """Link a mention to a person: a testimony_sighting on him, the debriefing its source."""
    with unit_of_work(settings_for(db)) as session:
        resolution = service.link_mention(
            session,
            actor=cli_actor(actor),
            mention_id=mention_id,
            person_id=person_id,
            reason=reason,
        )
        evidence_id = resolution.evidence_id
    console.print(f"Mention {mention_id} is person {person_id}: sighting {evidence_id} recorded.")


@testimony_app.command("unlink")
def unlink_command(
    mention_id: Annotated[int, typer.Argument(metavar="MENTION")],
    reason: Annotated[str, Opt(help="Why the linked person is not the one.")],
    actor: ActorOption = None,
    db: DbOption = None,
) -> None:
    """Undo a wrong link: the sighting is retracted, the mention is open again."""
    with unit_of_work(settings_for(db)) as session:
        service.unlink_mention(
            session, actor=cli_actor(actor), mention_id=mention_id, reason=reason
        )
    console.print(f"Mention {mention_id} is open again; its sighting is retracted.")


@testimony_app.command("reexamine")
def reexamine_command(json_out: JsonOption = False, db: DbOption = None) -> None:
    """Look at the open mentions again against the persons added since; keep proposals."""
    with unit_of_work(settings_for(db)) as session:
        made = [
            {"mention_id": p.mention_id, "person_id": p.person_id, "probability": p.probability}
            for p in service.reexamine(session)
        ]
    if json_out:
        print_json(made)
    else:
        console.print(f"{len(made)} new proposals for open mentions.")
