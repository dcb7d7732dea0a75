"""`homeward`: the command line. Thin commands over the services; no SQL and no rules here."""

from __future__ import annotations

import time
from typing import Annotated

import typer

from homeward.cli_support import DbOption, console, reported_errors, settings_for
from homeward.db import make_engine
from homeward.demo.store import build_demo
from homeward.migrate import upgrade
from homeward.names.cli import app as names_app
from homeward.registry.cli import evidence_app, person_app

app = typer.Typer(
    help="Homeward: a register for prisoners of war and persons missing under special "
    "circumstances.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(person_app, name="person")
app.add_typer(evidence_app, name="evidence")
app.add_typer(names_app, name="names", help="Check how Homeward reads a name.")


@app.command()
def init(db: DbOption = None) -> None:
    """Create the database, or bring it to the newest schema."""
    settings = settings_for(db)
    engine = make_engine(settings.database_url)
    with reported_errors():
        upgrade(engine)
    engine.dispose()
    console.print(f"The register is ready at {settings.database_url}")


@app.command()
def demo(
    persons: Annotated[int, typer.Option(min=100, max=1_000_000)] = 5000,
    seed: Annotated[int, typer.Option()] = 1,
    db: DbOption = None,
) -> None:
    """Build a register of synthetic persons (never real ones) to explore and test with."""
    settings = settings_for(db)
    engine = make_engine(settings.database_url)
    started = time.perf_counter()
    with reported_errors():
        upgrade(engine)
        summary = build_demo(engine, persons=persons, seed=seed, progress=True)
    engine.dispose()
    elapsed = time.perf_counter() - started
    console.print(
        f"Built a synthetic register of {summary.persons:,} persons, {summary.reports:,} reports "
        f"and {summary.evidence:,} pieces of evidence in {elapsed:.1f} s at "
        f"{settings.database_url}"
    )
    for status, count in sorted(summary.by_status.items(), key=lambda kv: -kv[1]):
        console.print(f"  {status:<22} {count:>8,}")
    console.print(
        "Look around: `homeward person list --status captivity_confirmed`, "
        '`homeward person show 1`, `homeward names show "Олександр"`.'
    )


def main() -> None:
    app()
