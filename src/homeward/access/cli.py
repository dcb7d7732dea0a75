"""`homeward user add|passwd|disable|revoke|list` and `homeward audit verify|list`."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer
from rich.table import Table

from homeward.access import audit
from homeward.access.roles import Role
from homeward.access.users import (
    add_user,
    disable_user,
    list_users,
    revoke_sessions,
    set_password,
)
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

user_app = typer.Typer(help="Users of the web application.", no_args_is_help=True)
audit_app = typer.Typer(help="The audit log.", no_args_is_help=True)

PasswordStdin = Annotated[
    bool,
    typer.Option(
        "--password-stdin", help="Read the password from standard input instead of generating one."
    ),
]


def _password(from_stdin: bool) -> str | None:
    return sys.stdin.readline().rstrip("\n") if from_stdin else None


@user_app.command("add")
def user_add(
    username: str,
    role: Annotated[Role, typer.Option(help="What the user may do.")],
    name: Annotated[str | None, typer.Option(help="The name shown in the application.")] = None,
    password_stdin: PasswordStdin = False,
    db: DbOption = None,
    actor: ActorOption = None,
) -> None:
    """Add a user; prints the generated password once (it is stored only as an argon2 hash)."""
    with unit_of_work(settings_for(db)) as session:
        user, password = add_user(
            session,
            actor=cli_actor(actor),
            username=username,
            role=role,
            display_name=name,
            password=_password(password_stdin),
        )
    console.print(f"Added {user.username} ({user.role}).")
    if not password_stdin:
        console.print(f"Password: {password}", highlight=False)


@user_app.command("passwd")
def user_passwd(
    username: str,
    password_stdin: PasswordStdin = False,
    db: DbOption = None,
    actor: ActorOption = None,
) -> None:
    """Set a new password (generated unless given on stdin); the user's sessions end."""
    with unit_of_work(settings_for(db)) as session:
        password = set_password(
            session, actor=cli_actor(actor), username=username, password=_password(password_stdin)
        )
    console.print(f"New password set for {username}; every session of theirs has ended.")
    if not password_stdin:
        console.print(f"Password: {password}", highlight=False)


@user_app.command("disable")
def user_disable(username: str, db: DbOption = None, actor: ActorOption = None) -> None:
    """Disable a user: they can no longer sign in, and their sessions end now."""
    with unit_of_work(settings_for(db)) as session:
        disable_user(session, actor=cli_actor(actor), username=username)
    console.print(f"Disabled {username}.")


@user_app.command("revoke")
def user_revoke(username: str, db: DbOption = None, actor: ActorOption = None) -> None:
    """End every open web session of a user (a lost laptop, a shared computer)."""
    with unit_of_work(settings_for(db)) as session:
        count = revoke_sessions(session, actor=cli_actor(actor), username=username)
    console.print(f"Ended {count} session(s) of {username}.")


@user_app.command("list")
def user_list(db: DbOption = None, json: JsonOption = False) -> None:
    """The users, their roles and whether they are active."""
    with unit_of_work(settings_for(db)) as session:
        users: list[dict[str, Any]] = [
            {
                "username": u.username,
                "name": u.display_name,
                "role": u.role,
                "active": u.active,
                "created_at": u.created_at.isoformat(),
            }
            for u in list_users(session)
        ]
    if json:
        print_json(users)
        return
    table = Table("user", "name", "role", "active")
    for u in users:
        table.add_row(u["username"], u["name"], u["role"], "yes" if u["active"] else "no")
    console.print(table)


@audit_app.command("verify")
def audit_verify(
    anchor: Annotated[
        str | None,
        typer.Option(help="A last hash printed by an earlier check: it must still be in the log."),
    ] = None,
    db: DbOption = None,
) -> None:
    """Check the hash chain of the audit log; exit 1 and name every broken row."""
    with unit_of_work(settings_for(db)) as session:
        result = audit.verify(session)
        anchored = anchor is None or audit.holds(session, anchor)
    for broken in result.breaks:
        console.print(f"[red]entry {broken.seq}[/]: {broken.problem}", highlight=False)
    if not anchored:
        console.print(
            f"[bold red]The entry with hash {anchor} is gone:[/] entries were removed from the "
            "end of the log or the log was replaced",
            highlight=False,
        )
    if not result.intact or not anchored:
        console.print(f"[bold red]The audit log was tampered with[/] ({result.rows:,} entries).")
        raise typer.Exit(1)
    console.print(f"The audit log is intact: {result.rows:,} entries, chain unbroken.")
    if result.key_checked:
        console.print(
            f"Signatures: {result.signed:,} entries signed and checked with the key; "
            f"{result.unsigned:,} written before a key was configured (the chain alone guards "
            "them)."
        )
    else:
        console.print(
            "[yellow]No signing key configured:[/] the chain was checked, not the signatures "
            "(anyone who can write the database could recompute the chain)."
        )
    console.print(
        f"Last hash: {result.head}\nKeep it elsewhere and pass it as --anchor to a later check: "
        "it finds entries removed from the end of the log.",
        highlight=False,
    )


@audit_app.command("list")
def audit_list(
    user: Annotated[str | None, typer.Option(help="Only this user's entries.")] = None,
    action: Annotated[str | None, typer.Option(help="Only this action.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000)] = 50,
    db: DbOption = None,
    json: JsonOption = False,
) -> None:
    """The newest entries of the audit log."""
    with unit_of_work(settings_for(db)) as session:
        rows, total = audit.entries(session, username=user, action=action, limit=limit)
        data: list[dict[str, Any]] = [
            {
                "seq": e.seq,
                "at": e.at.isoformat(),
                "user": e.username,
                "role": e.role,
                "action": e.action,
                "object": ":".join(str(p) for p in (e.object_type, e.object_id) if p is not None),
                "client": e.client,
                "detail": e.detail,
            }
            for e in rows
        ]
    if json:
        print_json({"total": total, "entries": data})
        return
    table = Table("#", "at", "user", "action", "object", "client")
    for e in data:
        table.add_row(
            str(e["seq"]), e["at"][:19], e["user"], e["action"], e["object"], e["client"] or ""
        )
    console.print(table)
    console.print(f"{len(data)} of {total:,} entries")
