"""`homeward exchange …`: exchanges, their lists and the reconciliation of rosters, thin over
the services (`--json` on reads)."""

from __future__ import annotations

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
from homeward.dates import parse_partial_date
from homeward.errors import InvalidInput
from homeward.exchanges import service
from homeward.exchanges.candidates import audit_exchange_read, find_candidates, summary
from homeward.exchanges.categories import categories as all_categories
from homeward.exchanges.lists import Candidate
from homeward.exchanges.reconcile import Roster, apply_reconciliation, plan_reconciliation
from homeward.exchanges.vocab import KEYS, HoldKind, ListSide, Mode

app = typer.Typer(help="Exchanges: lists by category both ways, and who came back.")
Opt = typer.Option
SideOption = Annotated[ListSide, Opt("--side", help="own: whom we ask back; adversary: we offer.")]


def _day(text: str) -> date:
    parsed = parse_partial_date(text, field="on")
    if parsed is None or parsed.day is None:
        raise InvalidInput("on", "give the day: dd.mm.yyyy")
    return parsed.earliest


def _quotas(pairs: list[str]) -> dict[str, int]:
    found = {}
    for pair in pairs:
        code, _, count = pair.partition("=")
        if not count.isascii() or not count.isdigit():
            raise InvalidInput("quota", "%(value)s is not CODE=NUMBER", value=repr(pair))
        found[code.strip()] = int(count)
    return found


@app.command("new")
def new(
    on: Annotated[list[str], Opt("--on", help="The day, dd.mm.yyyy (repeat for phases).")],
    name: Annotated[str, Opt("--name", help="The exchange's name.")],
    mode: Annotated[Mode, Opt("--mode")] = Mode.ALL_FOR_ALL,
    mediator: Annotated[str | None, Opt("--mediator")] = None,
    category: Annotated[list[str] | None, Opt("--category", help="A category (repeat).")] = None,
    quota: Annotated[list[str] | None, Opt("--quota", help="CODE=N, mode numbers.")] = None,
    actor: ActorOption = None,
    db: DbOption = None,
) -> None:
    """Propose an exchange; prints its id."""
    with unit_of_work(settings_for(db)) as session:
        exchange = service.create_exchange(
            session,
            actor=cli_actor(actor),
            name=name,
            days=[_day(text) for text in on],
            mode=mode,
            mediator=mediator,
            categories=category or [],
            quotas=_quotas(quota or []),
        )
        exchange_id = exchange.id
    typer.echo(exchange_id)


@app.command("categories")
def categories(as_json: JsonOption = False) -> None:
    """The categories an exchange may agree (docs/exchanges.md)."""
    rows = [
        {"code": c.code, "name": c.en, "uk": c.uk, "rule": c.rule}
        for c in all_categories().values()
    ]
    if as_json:
        print_json(rows)
        return
    table = Table("code", "name", "rule")
    for row in rows:
        table.add_row(row["code"], row["name"], row["rule"])
    console.print(table)


def _candidate(c: Candidate) -> dict[str, Any]:
    return {
        "person_id": c.person.id,
        "name": c.person.name,
        "verdict": c.verdict.value,
        "categories": c.categories,
        "reasons": {
            a.code: {"answer": a.verdict.value, "reason": str(a.reason)} for a in c.answers
        },
        "excluded": None if c.excluded is None else str(c.excluded),
    }


@app.command("candidates")
def candidates(
    exchange_id: int,
    side: SideOption,
    category: Annotated[list[str] | None, Opt("--category", help="A category (repeat).")] = None,
    sure_only: Annotated[bool, Opt("--sure-only", help="Leave out the maybes.")] = False,
    actor: ActorOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Who falls under the categories, ranked: the seriously ill first, then the longest held."""
    with unit_of_work(settings_for(db)) as session:
        found, excluded = find_candidates(
            session,
            actor=cli_actor(actor),
            exchange_id=exchange_id,
            side=side,
            codes=category or [],
            with_maybe=not sure_only,
        )
        rows = [_candidate(c) for c in found]
        held = [_candidate(c) for c in excluded]
    if as_json:
        print_json({"candidates": rows, "never_offered": held})
        return
    table = Table("#", "person", "name", "answer", "reasons")
    for number, row in enumerate(rows, 1):
        reasons = "; ".join(r["reason"] for r in row["reasons"].values())
        table.add_row(str(number), str(row["person_id"]), row["name"], row["verdict"], reasons)
    console.print(table)
    for row in held:
        console.print(f"never offered: {row['person_id']} {row['name']}: {row['excluded']}")


@app.command("propose")
def propose(
    exchange_id: int,
    person_ids: Annotated[list[int], typer.Argument(help="Persons to add to the list.")],
    side: SideOption,
    reason: Annotated[str, Opt("--reason", help="Why: the version keeps it.")],
    actor: ActorOption = None,
    db: DbOption = None,
) -> None:
    """Add persons to a side's list: a new version."""
    with unit_of_work(settings_for(db)) as session:
        version = service.propose(
            session,
            actor=cli_actor(actor),
            exchange_id=exchange_id,
            side=side,
            person_ids=person_ids,
            reason=reason,
        )
        number, size = version.number, len(version.entries)
    console.print(f"The {side.value} list is at version {number}: {size} person(s).")


@app.command("withdraw")
def withdraw(
    exchange_id: int,
    person_ids: Annotated[list[int], typer.Argument(help="Persons to take off the list.")],
    side: SideOption,
    reason: Annotated[str, Opt("--reason")],
    actor: ActorOption = None,
    db: DbOption = None,
) -> None:
    """Take persons off a side's list: a new version."""
    with unit_of_work(settings_for(db)) as session:
        version = service.withdraw(
            session,
            actor=cli_actor(actor),
            exchange_id=exchange_id,
            side=side,
            person_ids=person_ids,
            reason=reason,
        )
        number, size = version.number, len(version.entries)
    console.print(f"The {side.value} list is at version {number}: {size} person(s).")


@app.command("agree")
def agree(
    exchange_id: int,
    reason: Annotated[str | None, Opt("--reason", help="Needed when unbalanced.")] = None,
    actor: ActorOption = None,
    db: DbOption = None,
) -> None:
    """Mark both lists, as they stand, agreed."""
    with unit_of_work(settings_for(db)) as session:
        service.agree(session, actor=cli_actor(actor), exchange_id=exchange_id, reason=reason)
    console.print(f"Exchange {exchange_id}: lists agreed.")


@app.command("carried-out")
def carried_out(
    exchange_id: int,
    on: Annotated[str | None, Opt("--on", help="The day, dd.mm.yyyy; the exchange's day.")] = None,
    actor: ActorOption = None,
    db: DbOption = None,
) -> None:
    """Mark an agreed exchange carried out: the persons were handed over (admin)."""
    with unit_of_work(settings_for(db)) as session:
        exchange = service.carry_out(
            session,
            actor=cli_actor(actor),
            exchange_id=exchange_id,
            on=_day(on) if on else None,
        )
        day = exchange.carried_out_on
    assert day is not None
    console.print(f"Exchange {exchange_id}: carried out on {day.strftime('%d.%m.%Y')}.")


@app.command("compare")
def compare(
    exchange_id: int,
    side: SideOption,
    older: Annotated[int, Opt("--from")],
    newer: Annotated[int, Opt("--to")],
    actor: ActorOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Two versions of a list: added, removed, and why (the read is audited, as the web's
    comparison is)."""
    with unit_of_work(settings_for(db)) as session:
        audit_exchange_read(session, cli_actor(actor), exchange_id)  # the read, audited
        result = service.compare(
            session, exchange_id=exchange_id, side=side, older=older, newer=newer
        )
    if as_json:
        print_json(result)
        return
    console.print(f"added: {result['added']}  removed: {result['removed']}  kept: {result['kept']}")
    for step in result["why"]:
        console.print(f"v{step['version']} {step['by']}: {step['reason']}")


@app.command("reconcile")
def reconcile(
    exchange_id: int,
    roster: Annotated[Path, typer.Argument(help="Who was handed over: CSV, XLSX or ODS.")],
    side: SideOption,
    dry_run: Annotated[bool, Opt("--dry-run", help="Show everything; write nothing.")] = False,
    actor: ActorOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Reconcile a roster against the register and the agreed list."""
    with unit_of_work(settings_for(db)) as session:
        who, roster_in = cli_actor(actor), Roster.of(roster)
        if dry_run:
            plan = plan_reconciliation(
                session, actor=who, exchange_id=exchange_id, side=side, roster=roster_in
            )
            result = {**plan.outcome(), "dry_run": True}
        else:
            result = apply_reconciliation(
                session, actor=who, exchange_id=exchange_id, side=side, roster=roster_in
            )
    if as_json:
        print_json(result)
        return
    for key in KEYS:
        console.print(f"{key}: {result[key]}")
    if result.get("already_applied"):
        console.print("This roster was applied before: nothing changed.")


@app.command("show")
def show(
    exchange_id: int,
    actor: ActorOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """An exchange: phases, categories, both lists, the balance, the reconciliations."""
    with unit_of_work(settings_for(db)) as session:
        result = summary(session, actor=cli_actor(actor), exchange_id=exchange_id)
    if as_json:
        print_json(result)
        return
    console.print(f"[bold]{result['name']}[/] ({result['state']}, {result['mode']})")
    console.print("phases: " + ", ".join(d.strftime("%d.%m.%Y") for d in result["phases"]))
    for side, persons in result["lists"].items():
        console.print(f"{side}: {len(persons)} person(s)")
    balance = result["balance"]
    console.print("balanced" if balance["balanced"] else "; ".join(balance["problems"]))
    for side, figures in result["reconciliations"].items():
        console.print(f"{side} roster: " + ", ".join(f"{k} {figures[k]}" for k in KEYS))


@app.command("pdf")
def pdf(
    exchange_id: int,
    side: SideOption,
    out: Annotated[Path, Opt("--out", help="The PDF to write.")],
    lang: Annotated[str, Opt("--lang", help="uk or en; the other is printed beside.")] = "uk",
    actor: ActorOption = None,
    db: DbOption = None,
) -> None:
    """A side's list, as it now stands, as a printable PDF (restricted distribution)."""
    from homeward.exchanges.papers import list_pdf

    with unit_of_work(settings_for(db)) as session:
        data = list_pdf(
            session, actor=cli_actor(actor), exchange_id=exchange_id, side=side, lang=lang
        )
    out.write_bytes(data)
    console.print(f"Wrote {out} ({len(data):,} bytes).")


@app.command("hold")
def hold(
    person_id: int,
    kind: Annotated[HoldKind, Opt("--kind", help="proceedings (Art. 115, 119) or refuses (109).")],
    since: Annotated[str, Opt("--since", help="dd.mm.yyyy")],
    note: Annotated[str | None, Opt("--note")] = None,
    actor: ActorOption = None,
    db: DbOption = None,
) -> None:
    """Hold a prisoner we hold back from every exchange, with the reason."""
    with unit_of_work(settings_for(db)) as session:
        row = service.hold(
            session,
            actor=cli_actor(actor),
            person_id=person_id,
            kind=kind,
            since=_day(since),
            note=note,
        )
        hold_id = row.id
    console.print(
        f"Person {person_id} is held back ({kind.value}), hold {hold_id}: never offered "
        "until it is lifted (`exchange lift-hold`)."
    )


@app.command("holds")
def holds(person_id: int, as_json: JsonOption = False, actor: ActorOption = None,
          db: DbOption = None) -> None:  # fmt: skip
    """A prisoner's holds with their numbers (for `lift-hold`), the earliest first."""
    with unit_of_work(settings_for(db)) as session:
        rows = [
            {
                "hold": h.id, "kind": h.kind, "since": h.since, "note": h.note,
                "lifted_on": h.lifted_on, "lifted_by": h.lifted_by,
                "lifted_reason": h.lifted_reason,
            }
            for h in service.read_holds(session, actor=cli_actor(actor), person_id=person_id)
        ]  # fmt: skip
    if as_json:
        print_json(rows)
        return
    for row in rows:
        lifted = row["lifted_on"]
        console.print(
            f"hold {row['hold']}: {row['kind']} since {row['since']:%d.%m.%Y}"
            + (f", lifted on {lifted:%d.%m.%Y} by {row['lifted_by']}" if lifted else "")
        )
    if not rows:
        console.print(f"Person {person_id} is not held back.")


@app.command("lift-hold")
def lift_hold(
    hold_id: int,
    on: Annotated[str, Opt("--on", help="The first day he may be offered again, dd.mm.yyyy.")],
    reason: Annotated[str, Opt("--reason", help="Why the hold is lifted.")],
    actor: ActorOption = None,
    db: DbOption = None,
) -> None:
    """Lift a hold (its number is shown by `hold` and on the custody page): from the day given
    the prisoner may be offered again."""
    with unit_of_work(settings_for(db)) as session:
        row = service.lift_hold(
            session, actor=cli_actor(actor), hold_id=hold_id, on=_day(on), reason=reason
        )
        person_id = row.person_id
    console.print(f"Hold {hold_id} of person {person_id} is lifted: he may be offered again.")
