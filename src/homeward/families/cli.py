"""`homeward family …`, `homeward extract …` and `homeward contacts …`: thin commands over the
families' services. Mount them with `app.add_typer(family_app, name="family")`,
`app.add_typer(contacts_app, name="contacts")` and `app.add_typer(extract_app)` (it holds one
command, named `extract`)."""

from __future__ import annotations

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
    reported_errors,
    settings_for,
    unit_of_work,
)
from homeward.errors import InvalidInput
from homeward.families.access import issue_code, revoke_code
from homeward.families.demo import FamilyDemo
from homeward.families.extracts import issue_extract
from homeward.families.papers import base_url
from homeward.families.service import contact_json, contacts_of_person, surviving_person

family_app = typer.Typer(help="Families' access codes to their person's page.")
contacts_app = typer.Typer(help="Relatives and other contacts of a person, with consents.")
extract_app = typer.Typer(help="Certified extracts of a person's entry in the register.")
Opt = typer.Option


@family_app.command("code")
def family_code(
    person: Annotated[int, typer.Argument(help="The person's number in the register.")],
    contact: Annotated[int, Opt("--contact", help="The relative's contact number.")],
    days: Annotated[
        int | None,
        Opt(min=1, max=3660, help="How long the code works (HOMEWARD_FAMILY_CODE_DAYS)."),
    ] = None,
    actor: ActorOption = None,
    db: DbOption = None,
) -> None:
    """Issue a family access code for PERSON and the contact; prints the code once (only its
    hash is kept)."""
    settings = settings_for(db)
    with unit_of_work(settings) as session:
        issued = issue_code(
            session,
            actor=cli_actor(actor),
            contact_id=contact,
            valid_days=days or settings.family_code_days,
            person_id=person,
        )
        code_id, expires = issued.row.id, issued.row.expires_at
    console.print(f"Access code {code_id} for person {person}, contact {contact}:")
    console.print(f"  {issued.code}", highlight=False)
    console.print(
        f"valid until {expires:%d.%m.%Y}; it is shown this once. The family enters it at "
        f"{base_url(settings.public_url)}/family",
        highlight=False,
    )


@family_app.command("revoke")
def family_revoke(
    code_id: Annotated[int, typer.Argument(help="The code's number (not the code itself).")],
    reason: Annotated[str, Opt(help="Why it is withdrawn.")] = "revoked from the command line",
    actor: ActorOption = None,
    db: DbOption = None,
) -> None:
    """Withdraw a family access code: it and every page opened with it stop working at once."""
    with unit_of_work(settings_for(db)) as session:
        revoke_code(session, actor=cli_actor(actor), code_id=code_id, reason=reason)
    console.print(f"Access code {code_id} is withdrawn.")


@extract_app.command("extract")
def extract_command(
    person: Annotated[int, typer.Argument(help="The person's number in the register.")],
    out: Annotated[Path, Opt("--out", help="Where to write the PDF.")],
    lang: Annotated[str, Opt(help="uk or en (the other language beside it).")] = "uk",
    actor: ActorOption = None,
    db: DbOption = None,
) -> None:
    """Issue a certified extract of PERSON's entry and status today; prints its verification
    code."""
    if out.suffix.lower() != ".pdf":
        with reported_errors():
            raise InvalidInput("out", "write the extract to a .pdf file")
    settings = settings_for(db)
    with unit_of_work(settings) as session:
        issued = issue_extract(
            session,
            actor=cli_actor(actor),
            person_id=person,
            base=base_url(settings.public_url),
            lang=lang,
        )
        with reported_errors():
            try:
                out.write_bytes(issued.pdf)
            except OSError as error:
                raise InvalidInput("out", "%(error)s", error=str(error)) from None
        number = issued.row.id
    console.print(f"Extract {number} written to {out}; verification code:")
    console.print(f"  {issued.code}", highlight=False)


@contacts_app.command("list")
def contacts_list(
    person: Annotated[int, typer.Argument(help="The person's number in the register.")],
    actor: ActorOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """A person's contacts with their consents, language and channel (the read is audited)."""
    with unit_of_work(settings_for(db)) as session:
        survivor = surviving_person(session, person)
        found = contacts_of_person(session, actor=cli_actor(actor), person_id=survivor.id)
        rows = [contact_json(c) for c in found]
    if as_json:
        print_json(rows)
        return
    table = Table(title=f"Contacts of person {survivor.id}")
    for column in ("id", "name", "relation", "phone", "e-mail", "language", "channel", "consent"):
        table.add_column(column)
    for row in rows:
        table.add_row(
            str(row["id"]),
            row["name"],
            row["relation"],
            row["phone"] or "",
            row["email"] or "",
            row["language"],
            row["channel"],
            _consent_words(row),
        )
    console.print(table)


def _consent_words(row: dict[str, Any]) -> str:
    if row["consent_withdrawn_at"]:
        return f"withdrawn {row['consent_withdrawn_at'][:10]}"
    words = ["contact" if row["consent_contact"] else "", "share" if row["consent_share"] else ""]
    return ", ".join(w for w in words if w) or "none"


def print_family_demo(demo: FamilyDemo, *, queued: int) -> None:
    """What `homeward demo` says of the families: one family's code, as it prints the users;
    `queued`, the families to inform once the whole demo is built."""
    console.print(
        f"Families: {demo.codes} access codes issued, {queued} families to inform "
        f"(/families), {demo.extracts} extracts issued. One family's code, for /family "
        "(codes are shown once and kept only as a hash):"
    )
    console.print(
        f"  {demo.code}   {demo.contact_name} ({demo.relation}), for {demo.person_name} "
        f"(person {demo.person_id})",
        highlight=False,
    )
