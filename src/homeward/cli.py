"""`homeward`: the command line. Thin commands over the services; no SQL and no rules here."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Annotated, Any, ClassVar

import typer

from homeward.cli_lazy import Lazy, LazyGroup
from homeward.cli_support import (
    DbOption,
    console,
    errors,
    reported_errors,
    require_schema,
    settings_for,
)

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from homeward.settings import Settings

# Imports below are made inside the commands: `homeward --help` and every sub-command
# start without the linkage, statistics, papers and their libraries (homeward.cli_lazy).


class HomewardGroup(LazyGroup):
    """The sub-commands, in the order of `homeward --help`, each imported when asked for."""

    lazy: ClassVar[dict[str, Lazy]] = {
        "person": Lazy(
            "homeward.registry.cli",
            "person_app",
            "Persons: add, show, list, edit and read their history.",
        ),
        "evidence": Lazy(
            "homeward.registry.cli",
            "evidence_app",
            "Evidence about a person's fate or whereabouts.",
        ),
        "names": Lazy(
            "homeward.names.cli",
            "app",
            "Check how Homeward reads a name.",
            add_help="Check how Homeward reads a name.",
        ),
        "link": Lazy(
            "homeward.linkage.cli",
            "app",
            "Link records: deduplicate a file or the register, link a list to a register.",
        ),
        "review": Lazy(
            "homeward.linkage.review_cli",
            "review_app",
            "Review proposed links: list, show, accept, reject; undo merges.",
        ),
        "user": Lazy("homeward.access.cli", "user_app", "Users of the web application."),
        "audit": Lazy("homeward.access.cli", "audit_app", "The audit log."),
        "stats": Lazy(
            "homeward.stats.cli",
            "stats_app",
            "Statistics: counted figures, charts, and an estimate of those on no list.",
        ),
        "import": Lazy(  # `homeward import FILE`
            "homeward.imports.cli",
            "import_app",
            "Import a list: each row a report, linked to the register or made a new person.",
            named=False,
        ),
        "export": Lazy(  # `homeward export FILE`
            "homeward.imports.cli",
            "export_app",
            "Write a selection of persons, with status, explanation and dates.",
            named=False,
        ),
        "custody": Lazy(
            "homeward.custody.cli",
            "app",
            "The Geneva Convention bureau for the prisoners our side holds.",
        ),
        "exchange": Lazy(
            "homeward.exchanges.cli",
            "app",
            "Exchanges: lists by category both ways, and who came back.",
        ),
        "family": Lazy(
            "homeward.families.cli",
            "family_app",
            "Families' access codes to their person's page.",
        ),
        "contacts": Lazy(
            "homeward.families.cli",
            "contacts_app",
            "Relatives and other contacts of a person, with consents.",
        ),
        "extract": Lazy(  # `homeward extract PERSON --out FILE.pdf`
            "homeward.families.cli",
            "extract_app",
            "Issue a certified extract of PERSON's entry and status today; prints its "
            "verification\ncode.",
            named=False,
        ),
        "testimony": Lazy(
            "homeward.testimonies.cli",
            "testimony_app",
            "Debriefings of witnesses and the persons they mention.",
        ),
        "incident": Lazy(
            "homeward.violations.cli",
            "incident_app",
            "Incidents of violations: acts, victims, alleged perpetrators.",
        ),
        "files": Lazy(
            "homeward.violations.cli",
            "files_app",
            "Evidence files in the content-addressed store.",
        ),
    }


app = typer.Typer(
    cls=HomewardGroup,
    help="Homeward: a register for prisoners of war and persons missing under special "
    "circumstances.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


@app.command()
def init(db: DbOption = None) -> None:
    """Create the database, or bring it to the newest schema."""
    from homeward.db import make_engine
    from homeward.migrate import upgrade

    settings = settings_for(db)
    engine = make_engine(settings.database_url)
    with reported_errors():
        upgrade(engine)
    engine.dispose()
    console.print(f"The register is ready at {settings.database_url}")
    _say_where_the_key_is(settings)


def _say_where_the_key_is(settings: Settings) -> None:
    from homeward.access.signing import ensure_audit_key

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
    from homeward.access.actor import Actor, Channel
    from homeward.access.signing import ensure_audit_key
    from homeward.access.users import add_demo_users
    from homeward.db import make_engine, session_factory, transaction
    from homeward.demo.store import DEMO_ACTOR, build_demo
    from homeward.exchanges.demo import build_exchanges_demo, print_exchanges_demo
    from homeward.families.cli import print_family_demo
    from homeward.families.demo import build_family_demo, count_families_to_inform
    from homeward.families.papers import base_url
    from homeward.migrate import upgrade
    from homeward.testimonies.demo import build_testimony_demo
    from homeward.violations.demo import build_violations_demo
    from homeward.violations.store import FileStore, default_files_dir

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
        queued = count_families_to_inform(engine)  # after every part that adds evidence
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
    print_family_demo(family, queued=queued)
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
    import logging
    import os

    import uvicorn

    from homeward.db import make_engine

    settings = settings_for(db)
    os.environ["HOMEWARD_DATABASE_URL"] = settings.database_url  # for every worker
    engine = make_engine(settings.database_url)
    with reported_errors():
        require_schema(engine)
    engine.dispose()
    console.print(f"Homeward at http://{host}:{port}/ on {settings.database_url}")
    warning = public_url_warning(host, settings)
    if warning:
        logging.getLogger("homeward").warning(warning)
        errors.print(f"[yellow]warning:[/yellow] {warning}", highlight=False)
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


LOOPBACK_HOSTS = frozenset({"localhost", "::1", "[::1]"})


def public_url_warning(host: str, settings: Settings) -> str | None:
    """Served beyond this machine without HOMEWARD_PUBLIC_URL, the addresses printed in a
    family's code letter and an extract's QR code come from the request's Host header, which
    whoever sends the request chooses: a warning, or None."""
    if settings.public_url or host in LOOPBACK_HOSTS or host.startswith("127."):
        return None
    return (
        f"serving on {host} without HOMEWARD_PUBLIC_URL: the addresses printed in family code "
        "letters and extracts are taken from each request's Host header; set HOMEWARD_PUBLIC_URL "
        "to the site's public address"
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
    from sqlalchemy import func, select

    from homeward.db import session_factory
    from homeward.errors import HomewardError
    from homeward.registry.models import Person

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
