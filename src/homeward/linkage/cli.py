"""`homeward link`: deduplicate records and link a list to a register, from CSV to CSV.

homeward link dedupe INPUT.csv --out CLUSTERS.csv
homeward link list REGISTER.csv LIST.csv --out LINKS.csv
homeward link dedupe            (no file: the register in the database)
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from homeward.errors import HomewardError
from homeward.linkage.backends import BACKENDS
from homeward.linkage.batch import Thresholds, dedupe, link_list
from homeward.linkage.features import LinkRecord
from homeward.linkage.files import read_records, write_clusters, write_links
from homeward.linkage.model import LinkageModel

app = typer.Typer(
    help="Link records: deduplicate a file or the register, link a list to a register.",
    no_args_is_help=True,
)
console = Console(highlight=False, soft_wrap=True)
errors = Console(stderr=True, highlight=False)
DEFAULTS = Thresholds()

ModelOption = Annotated[
    Path | None,
    typer.Option(
        "--model", help="A trained model file (default: the model shipped with Homeward)."
    ),
]
AutoOption = Annotated[
    float,
    typer.Option("--auto", min=0.0, max=1.0, help="Match probability for an automatic link."),
]
ReviewOption = Annotated[
    float,
    typer.Option("--review", min=0.0, max=1.0, help="Match probability for review."),
]
BackendOption = Annotated[
    str, typer.Option("--backend", help=f"Where Splink runs: {', '.join(BACKENDS)}.")
]
EncodingOption = Annotated[
    str, typer.Option("--encoding", help="The CSV files' encoding (e.g. cp1251).")
]


def _fail(error: HomewardError) -> typer.Exit:
    errors.print(f"[bold red]error:[/] {error}", soft_wrap=True)
    return typer.Exit(2)


# Unreadable values named one by one, then only counted.
MAX_WARNINGS = 20


def _read(path: Path, encoding: str) -> list[LinkRecord]:
    """The file's records; each value that cannot be read (and is taken as unknown) is named."""
    warnings: list[str] = []
    records = read_records(path, encoding=encoding, warn=warnings.append)
    for warning in warnings[:MAX_WARNINGS]:
        errors.print(f"[yellow]warning:[/] {path}: {warning}", soft_wrap=True)
    if len(warnings) > MAX_WARNINGS:
        errors.print(
            f"[yellow]warning:[/] {path}: {len(warnings) - MAX_WARNINGS} more values could not "
            f"be read ({len(warnings)} in all) and are taken as unknown",
            soft_wrap=True,
        )
    return records


def _thresholds(auto: float, review: float) -> Thresholds:
    try:
        return Thresholds(auto=auto, review=review)
    except ValueError as error:
        raise _fail(HomewardError("--auto and --review: %(error)s", error=error)) from None


@app.command("dedupe")
def dedupe_command(
    input_file: Annotated[
        Path | None,
        typer.Argument(
            metavar="[INPUT.csv]",
            help="Records to deduplicate; leave out to deduplicate the register.",
        ),
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="CLUSTERS.csv: record_id, cluster_id, score.")
    ] = None,
    model_file: ModelOption = None,
    auto: AutoOption = DEFAULTS.auto,
    review: ReviewOption = DEFAULTS.review,
    backend: BackendOption = "duckdb",
    encoding: EncodingOption = "utf-8",
    db: Annotated[str | None, typer.Option("--db", help="Database URL (register only).")] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Who (register only).")] = None,
) -> None:
    """Find the records that are the same person: clusters to a CSV file, or the register."""
    thresholds = _thresholds(auto, review)
    started = time.perf_counter()
    try:
        model = LinkageModel.load(model_file)
        if input_file is None:
            _dedupe_register(model, thresholds, backend, db, actor)
            return
        if out is None:
            raise HomewardError("--out CLUSTERS.csv is needed with an input file")
        records = _read(input_file, encoding)
        result = dedupe(records, model=model, thresholds=thresholds, backend=backend)
        write_clusters(out, records, result)
    except HomewardError as error:
        raise _fail(error) from None
    clusters = len(set(result.clusters.values()))
    review_pairs = sum(1 for d in result.edges.column("decision").to_pylist() if d == "review")
    console.print(
        f"{len(records):,} records in {clusters:,} clusters; {review_pairs:,} pairs to review "
        f"(not in the clusters); written to {out} in {time.perf_counter() - started:.1f} s"
    )


def _dedupe_register(
    model: LinkageModel, thresholds: Thresholds, backend: str, db: str | None, actor: str | None
) -> None:
    from homeward.cli_support import cli_actor, settings_for, unit_of_work
    from homeward.linkage.register import dedupe_register

    with unit_of_work(settings_for(db)) as session:
        summary = dedupe_register(
            session, actor=cli_actor(actor), model=model, thresholds=thresholds, backend=backend
        )
    console.print(
        f"register: {summary.automatic:,} automatic merges, {summary.review:,} pairs queued "
        f"for review ({summary.vetoed:,} of them vetoed by different numbers)"
    )


@app.command("list")
def list_command(
    register_file: Annotated[Path, typer.Argument(metavar="REGISTER.csv")],
    list_file: Annotated[Path, typer.Argument(metavar="LIST.csv")],
    out: Annotated[
        Path,
        typer.Option(
            "--out", help="LINKS.csv: list_record_id, register_record_id, score, decision."
        ),
    ],
    model_file: ModelOption = None,
    auto: AutoOption = DEFAULTS.auto,
    review: ReviewOption = DEFAULTS.review,
    backend: BackendOption = "duckdb",
    encoding: EncodingOption = "utf-8",
    explain: Annotated[
        bool, typer.Option("--explain", help="Add a column with each link's reasons.")
    ] = False,
) -> None:
    """Link each row of a list to its best record in the register (or to none)."""
    thresholds = _thresholds(auto, review)
    started = time.perf_counter()
    try:
        model = LinkageModel.load(model_file)
        register = _read(register_file, encoding)
        incoming = _read(list_file, encoding)
        decisions = link_list(
            register, incoming, model=model, thresholds=thresholds, backend=backend
        )
        write_links(out, decisions, explain=explain)
    except HomewardError as error:
        raise _fail(error) from None
    counts = {kind: sum(d.decision == kind for d in decisions) for kind in ("auto", "review")}
    console.print(
        f"{len(incoming):,} list rows: {counts['auto']:,} linked, {counts['review']:,} to "
        f"review, {len(incoming) - sum(counts.values()):,} not found; written to {out} in "
        f"{time.perf_counter() - started:.1f} s"
    )
