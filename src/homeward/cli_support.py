"""What every command shares: the database, the actor, errors as messages, JSON output."""

from __future__ import annotations

import getpass
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

from homeward.errors import HomewardError

if TYPE_CHECKING:  # imported where used: `homeward --help` starts without them
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session

    from homeward.access.actor import Actor
    from homeward.settings import Settings

console = Console()
errors = Console(stderr=True)

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Database URL (default: HOMEWARD_DATABASE_URL or a SQLite file)."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
ActorOption = Annotated[
    str | None,
    typer.Option("--actor", help="Who makes the change (default: HOMEWARD_ACTOR or your login)."),
]


def settings_for(db: str | None) -> Settings:
    from homeward.settings import Settings

    settings = Settings()
    return settings.model_copy(update={"database_url": db}) if db else settings


def cli_actor(name: str | None) -> Actor:
    from homeward.access.actor import Actor, Channel

    return Actor(name or os.environ.get("HOMEWARD_ACTOR") or getpass.getuser(), Channel.CLI)


def require_schema(engine: Engine) -> None:
    from sqlalchemy import inspect

    if not inspect(engine).has_table("alembic_version"):
        raise HomewardError(
            "the database %(value)s is not initialised: run `homeward init` first",
            value=engine.url.render_as_string(),
        )


@contextmanager
def unit_of_work(settings: Settings) -> Iterator[Session]:
    """A transaction on the configured database; errors become messages, never tracebacks."""
    from homeward.db import make_engine, session_factory, transaction

    engine = make_engine(settings.database_url, echo=settings.echo_sql, concurrent=True)
    try:
        with reported_errors():
            require_schema(engine)
            with transaction(session_factory(engine)) as session:
                yield session
    finally:
        engine.dispose()


@contextmanager
def reported_errors() -> Iterator[None]:
    try:
        yield
    except HomewardError as error:
        errors.print(f"[bold red]error:[/] {error}", highlight=False)
        raise typer.Exit(2) from None


def print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
