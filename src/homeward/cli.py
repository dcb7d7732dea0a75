"""`homeward`: the command line. Thin commands over the services; no SQL and no rules here."""

from __future__ import annotations

import time
from typing import Annotated, Any

import typer
from sqlalchemy import Engine, func, select

from homeward.access.actor import Actor, Channel
from homeward.access.cli import audit_app, user_app
from homeward.access.signing import ensure_audit_key
from homeward.access.users import add_demo_users
from homeward.cli_support import DbOption, console, reported_errors, require_schema, settings_for
from homeward.custody.cli import app as custody_app
from homeward.db import make_engine, session_factory, transaction
from homeward.demo.store import DEMO_ACTOR, build_demo
from homeward.errors import HomewardError
from homeward.exchanges.cli import app as exchange_app
from homeward.exchanges.demo import build_exchanges_demo, print_exchanges_demo
from homeward.families.cli import contacts_app, extract_app, family_app, print_family_demo
from homeward.families.demo import build_family_demo
from homeward.families.papers import base_url
from homeward.imports.cli import export_app, import_app
from homeward.linkage.cli import app as link_app
from homeward.linkage.review_cli import review_app
from homeward.migrate import upgrade
from homeward.names.cli import app as names_app
from homeward.registry.cli import evidence_app, person_app
from homeward.registry.models import Person
from homeward.settings import Settings
from homeward.stats.cli import stats_app
from homeward.testimonies.cli import testimony_app
from homeward.testimonies.demo import build_testimony_demo
from homeward.violations.cli import files_app, incident_app
from homeward.violations.demo import build_violations_demo
from homeward.violations.store import FileStore, default_files_dir

app = typer.Typer(
    help="Homeward: a register for prisoners of war and persons missing under special "
    "circumstances.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(person_app, name="person")
app.add_typer(evidence_app, name="evidence")
app.add_typer(names_app, name="names", help="Check how Homeward reads a name.")
app.add_typer(link_app, name="link")
app.add_typer(review_app, name="review")
app.add_typer(user_app, name="user")
app.add_typer(audit_app, name="audit")
app.add_typer(stats_app, name="stats")
app.add_typer(import_app)  # `homeward import FILE`
app.add_typer(export_app)  # `homeward export FILE`
app.add_typer(custody_app, name="custody")
app.add_typer(exchange_app, name="exchange")
app.add_typer(family_app, name="family")
app.add_typer(contacts_app, name="contacts")
app.add_typer(extract_app)  # `homeward extract PERSON --out FILE.pdf`
app.add_typer(testimony_app, name="testimony")
app.add_typer(incident_app, name="incident")
app.add_typer(files_app, name="files")


@app.command()
def init(db: DbOption = None) -> None:
    """Create the database, or bring it to the newest schema."""
    settings = settings_for(db)
    engine = make_engine(settings.database_url)
    with reported_errors():
        upgrade(engine)
    engine.dispose()
    console.print(f"The register is ready at {settings.database_url}")
    _say_where_the_key_is(settings)


def _say_where_the_key_is(settings: Settings) -> None:
    key_file = ensure_audit_key(settings)
    if key_file is not None:
        console.print(
            f"The audit log is signed with the key in {key_file}: keep a copy away from the "
            "database (HOMEWARD_AUDIT_KEY may hold it instead); without it `homeward audit "
            "verify` cannot tell a re-signed log from an intact one.",
            highlight=False,
        )


@app.command()
def demo(
    persons: Annotated[int, typer.Option(min=100, max=1_000_000)] = 5000,
    seed: Annotated[int, typer.Option()] = 1,
    recorded_twice: Annotated[
        float,
        typer.Option(
            min=0.0,
            max=1.0,
            help="The share of persons stored twice, then deduplicated: the certain pairs are "
            "merged, the rest wait in the review queue.",
        ),
    ] = 0.05,
    db: DbOption = None,
) -> None:
    """Build a register of synthetic persons (never real ones) to explore and test with."""
    settings = settings_for(db)
    engine = make_engine(settings.database_url)
    started = time.perf_counter()
    ensure_audit_key(settings)
    with reported_errors():
        upgrade(engine)
        refuse_a_register_in_use(engine)
        summary = build_demo(
            engine, persons=persons, seed=seed, progress=True, recorded_twice=recorded_twice
        )
        with transaction(session_factory(engine)) as session:
            users = add_demo_users(session, actor=Actor(DEMO_ACTOR, Channel.DEMO))
        family = build_family_demo(engine, seed=seed, base=base_url(settings.public_url))
        exchanges = build_exchanges_demo(engine, seed=seed)
        testimonies = build_testimony_demo(engine, seed=seed)
        store = FileStore(default_files_dir(settings))
        violations = build_violations_demo(engine, seed=seed, store=store)
    engine.dispose()
    elapsed = time.perf_counter() - started
    console.print(
        f"Built a synthetic register of {summary.persons:,} persons, {summary.reports:,} reports "
        f"and {summary.evidence:,} pieces of evidence in {elapsed:.1f} s at "
        f"{settings.database_url}"
    )
    for status, count in sorted(summary.by_status.items(), key=lambda kv: -kv[1]):
        console.print(f"  {status:<22} {count:>8,}")
    if summary.linked is not None:
        console.print(
            f"{summary.recorded_twice:,} persons were stored twice and the register "
            f"deduplicated: {summary.linked.automatic:,} merged automatically, "
            f"{summary.linked.review:,} pairs wait in the review queue (homeward review list)."
        )
    if summary.custody is not None:
        bureau = summary.custody
        console.print(
            f"The bureau for prisoners we hold: {bureau.prisoners:,} prisoners, "
            f"{bureau.internments:,} internments ({bureau.second_captures:,} captured a second "
            f"time), {bureau.cards:,} capture cards, {bureau.batches:,} batches to the ICRC "
            "(homeward custody clocks --late; the dashboard at /custody)."
        )
    console.print("Users of the web application (one per role; the passwords are shown once):")
    for username, role, password in users:
        console.print(f"  {username:<10} {role.value:<10} {password}", highlight=False)
    print_family_demo(family)
    print_exchanges_demo(exchanges)
    console.print(
        f"Debriefings of returnees: {testimonies.debriefings:,}, naming {testimonies.mentions:,} "
        f"persons; {testimonies.linked:,} linked, {testimonies.open:,} open "
        "(homeward testimony list; the open mentions at /testimonies/mentions)."
    )
    console.print(
        f"Violations: {violations.incidents:,} incidents with {violations.acts:,} acts against "
        f"{violations.victims:,} persons, {violations.files} evidence files in {store.root} "
        "(/incidents; homeward incident list --type torture)."
    )
    console.print(
        f"Look around:\n  export HOMEWARD_DATABASE_URL={settings.database_url}\n"
        "  .venv/bin/homeward serve   # the web application at http://127.0.0.1:8000\n"
        "  .venv/bin/homeward person list --status captivity_confirmed\n"
        "  .venv/bin/homeward person show 1\n"
        '  .venv/bin/homeward names show "КОВАЛЕНКО Олександр Петрович"'
    )


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="The address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Worker processes.")] = 1,
    db: DbOption = None,
) -> None:
    """Run the web application (behind a TLS-terminating proxy in production)."""
    import os

    import uvicorn

    settings = settings_for(db)
    os.environ["HOMEWARD_DATABASE_URL"] = settings.database_url  # for every worker
    engine = make_engine(settings.database_url)
    with reported_errors():
        require_schema(engine)
    engine.dispose()
    console.print(f"Homeward at http://{host}:{port}/ on {settings.database_url}")
    uvicorn.run(
        "homeward.web.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        # a worker builds the name tables at start (seconds of CPU): give it time to answer
        # the supervisor's health check instead of being taken for dead and restarted
        timeout_worker_healthcheck=60,
        **proxy_options(settings),
    )


def proxy_options(settings: Settings) -> dict[str, Any]:
    """Forwarded headers believed from the configured proxies only (uvicorn would believe
    them from any process on this machine: a forged address in the audit log)."""
    proxies = settings.proxies()
    if not proxies:
        return {"proxy_headers": False}
    return {"proxy_headers": True, "forwarded_allow_ips": ",".join(proxies)}


def refuse_a_register_in_use(engine: Engine) -> None:
    """Synthetic persons never go into a register that holds other persons."""
    with session_factory(engine)() as session:
        count = session.scalar(select(func.count()).select_from(Person)) or 0
    if count:
        raise HomewardError(
            "the register at %(value)s already holds %(count)s persons: the demo builds into an "
            "empty database (give another file with --db)",
            value=engine.url.render_as_string(),
            count=format(count, ","),
        )


def main() -> None:
    app()
