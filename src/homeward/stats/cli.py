"""`homeward stats`: counted figures, charts, and the estimate of those on no list.

homeward stats series [--until DATE] [--side own|adversary] [--json|--csv] [--public]
homeward stats figures [--on DATE] [--table NAME] [--json|--csv] [--public]
homeward stats mse [TABLE.csv] [--interval profile|bootstrap] [--by year|region] [--json|--csv]
homeward stats charts --out DIR [--on DATE] [--format svg|png]

Mounted in homeward/cli.py with `app.add_typer(stats_app, name="stats")`.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table
from sqlalchemy.orm import Session

from homeward.access import audit
from homeward.access.audit import AuditAction
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
from homeward.dates import parse_partial_date
from homeward.errors import InvalidInput
from homeward.registry.vocab import Side
from homeward.stats.histories import CaptureHistories, read_histories
from homeward.stats.service import register_capture_histories, register_figures, register_series
from homeward.stats.tables import CountTable
from homeward.stats.timeline import Basis

if TYPE_CHECKING:
    from homeward.stats.mse import Estimate

stats_app = typer.Typer(
    help="Statistics: counted figures, charts, and an estimate of those on no list.",
    no_args_is_help=True,
)
Opt = typer.Option

CsvOption = Annotated[bool, Opt("--csv", help="Print CSV instead of tables.")]
PublicOption = Annotated[
    bool,
    Opt(
        "--public",
        help="For use outside the organisation: small counts shown as <5 (see docs/statistics.md).",
    ),
]
BasisOption = Annotated[
    Basis,
    Opt(
        "--basis",
        help="known_then: evidence received by each day; known_now: all evidence dated by it.",
    ),
]


class Strata(StrEnum):
    YEAR = "year"
    REGION = "region"


# homeward.stats.mse's IntervalMethod and Selection, without importing statsmodels to start
class Interval(StrEnum):
    PROFILE = "profile"
    BOOTSTRAP = "bootstrap"


class Model(StrEnum):
    STEPWISE = "stepwise"
    ALL_PAIRS = "all_pairs"


def _day(text: str | None, field: str) -> date:
    """A day from the command line ("2024-06-30", "30.06.2024"; a month or a year means its
    last day); today when not given."""
    if not text:
        return date.today()
    partial = parse_partial_date(text, field=field)
    if partial is None:
        raise InvalidInput(field, "%(text)s is not a date", text=repr(text))
    return partial.latest


@contextmanager
def _register(db: str | None, actor: str | None, what: str, **detail: Any) -> Iterator[Session]:
    """A read of the register, written to the audit log as an export of statistics."""
    with unit_of_work(settings_for(db)) as session:
        yield session
        audit.log(
            session,
            cli_actor(actor),
            AuditAction.EXPORT,
            detail={"statistics": what, **{k: str(v) for k, v in detail.items()}},
        )


def _print_table(table: CountTable, *, as_csv: bool, public: bool) -> None:
    if as_csv:
        csv.writer(sys.stdout, lineterminator="\n").writerows(table.csv_rows(public=public))
        return
    shown = Table(title=table.title)
    for column in table.header():
        shown.add_column(column, justify="left" if column == table.row_header else "right")
    for line in table.csv_rows(public=public)[1:]:
        shown.add_row(*line)
    console.print(shown)


@stats_app.command("series")
def series_command(
    until: Annotated[str | None, Opt(help="The last day (default: today).")] = None,
    side: Annotated[Side, Opt(help="Our people, or the prisoners our side holds.")] = Side.OWN,
    basis: BasisOption = Basis.KNOWN_THEN,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
    public: PublicOption = False,
    db: DbOption = None,
    actor: ActorOption = None,
) -> None:
    """Persons by status at the end of every month since February 2022."""
    with reported_errors():
        last = _day(until, "until")
        with _register(db, actor, "series", until=last, side=side, public=public) as session:
            series = register_series(
                session,
                actor=cli_actor(actor),
                until=last,
                today=date.today(),
                side=side,
                basis=basis,
            )
    table = series.table()
    if as_json:
        print_json({**series.to_json(), "table": table.to_json(public=public)})
    else:
        _print_table(table, as_csv=as_csv, public=public)


@stats_app.command("figures")
def figures_command(
    on: Annotated[str | None, Opt(help="The day the figures are as of (default: today).")] = None,
    table: Annotated[str | None, Opt(help="Only this table (by its name).")] = None,
    basis: BasisOption = Basis.KNOWN_THEN,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
    public: PublicOption = False,
    db: DbOption = None,
    actor: ActorOption = None,
) -> None:
    """Every counted figure (docs/statistics.md) as it stood on one day."""
    settings = settings_for(db)
    with reported_errors():
        day = _day(on, "on")
        with _register(db, actor, "figures", on=day, public=public) as session:
            figures = register_figures(
                session,
                actor=cli_actor(actor),
                on=day,
                today=date.today(),
                basis=basis,
                incommunicado_days=settings.incommunicado_days,
            )
        names = [t.name for t in figures.all_tables()]
        if table is not None and table not in names:
            raise InvalidInput(
                "table",
                "%(table)s is not one of %(value)s",
                table=repr(table),
                value=", ".join(names),
            )
    tables = [t for t in figures.all_tables() if table in (None, t.name)]
    if as_json:
        data = figures.to_json(public=public)
        data["tables"] = [t.to_json(public=public) for t in tables]
        print_json(data)
        return
    if not as_csv:
        console.print(_headline(figures.headline.to_json(public=public)), highlight=False)
    for number, shown in enumerate(tables):
        if as_csv and len(tables) > 1:
            print(("\n" if number else "") + f"# {shown.name}")
        _print_table(shown, as_csv=as_csv, public=public)


def _headline(numbers: dict[str, Any]) -> str:
    return "\n".join(f"{name.replace('_', ' ')}: {value}" for name, value in numbers.items())


@stats_app.command("mse")
def mse_command(
    table: Annotated[
        Path | None,
        typer.Argument(
            help="A capture-history CSV (one 0/1 column per list, then the count); "
            "without it, the register's own sources."
        ),
    ] = None,
    interval: Annotated[Interval, Opt(help="How the 95% interval is found.")] = Interval.PROFILE,
    model: Annotated[
        Model, Opt(help="stepwise (docs/statistics.md) or every two-list interaction.")
    ] = Model.STEPWISE,
    replications: Annotated[int, Opt(min=10, max=100_000, help="Bootstrap replications.")] = 1000,
    seed: Annotated[int, Opt(help="The bootstrap's random seed.")] = 1,
    by: Annotated[Strata | None, Opt(help="One estimate per year of disappearance or region.")] = (
        None
    ),
    on: Annotated[str | None, Opt(help="The register as it stood on this day.")] = None,
    basis: BasisOption = Basis.KNOWN_THEN,
    as_json: JsonOption = False,
    as_csv: Annotated[bool, Opt("--csv", help="Print the capture histories as CSV.")] = False,
    db: DbOption = None,
    actor: ActorOption = None,
) -> None:
    """Multiple systems estimation: how many there are in all, on the lists and off them."""
    with reported_errors():
        if table is not None and by is not None:
            raise InvalidInput("by", "strata come from the register, not from a file")
        if table is not None:
            groups = {"all": read_histories(table)}
        else:
            groups = _register_histories(db, actor, on=on, basis=basis, by=by)
    if as_csv:
        _print_histories(groups)
        return
    estimates = _estimates(groups, interval, model, replications=replications, seed=seed)
    if as_json and by is None:
        print_json(estimates["all"].to_json())
    elif as_json:
        assert by is not None
        print_json({"by": by.value, "strata": {k: e.to_json() for k, e in estimates.items()}})
    else:
        for label, estimate in estimates.items():
            _print_estimate(estimate, label=None if by is None else f"{by.value} {label}")


def _register_histories(
    db: str | None, actor: str | None, *, on: str | None, basis: Basis, by: Strata | None
) -> dict[str, CaptureHistories]:
    day = _day(on, "on")
    with _register(db, actor, "mse", on=day, by=by) as session:
        return register_capture_histories(
            session,
            actor=cli_actor(actor),
            on=day,
            today=date.today(),
            basis=basis,
            by=by.value if by else None,
        )


def _estimates(
    groups: dict[str, CaptureHistories],
    interval: Interval,
    model: Model,
    *,
    replications: int,
    seed: int,
) -> dict[str, Estimate]:
    from homeward.stats.mse import (  # statsmodels: slow to load, so only when asked for
        IntervalMethod,
        ModelRule,
        Selection,
        estimate_population,
    )

    return {
        label: estimate_population(
            histories,
            method=IntervalMethod(interval.value),
            rule=ModelRule(Selection(model.value)),
            replications=replications,
            seed=seed,
        )
        for label, histories in groups.items()
    }


def _print_histories(groups: dict[str, CaptureHistories]) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    for number, (label, histories) in enumerate(groups.items()):
        if len(groups) > 1:
            print(("\n" if number else "") + f"# {label}")
        writer.writerow([*histories.lists, "count"])
        writer.writerows([*history, count] for history, count in histories.rows())


def _print_estimate(estimate: Estimate, *, label: str | None) -> None:
    if label:
        console.print(f"[bold]{label}[/]")
    console.print(estimate.sentence(), highlight=False)
    if estimate.interactions:
        pairs = ", ".join(f"{a}×{b}" for a, b in estimate.interactions)
        console.print(f"  model: main effects of {', '.join(estimate.lists)}; {pairs}")
    for note in estimate.notes:
        console.print(f"  note: {note}", highlight=False)


class ChartFormat(StrEnum):
    SVG = "svg"
    PNG = "png"


@stats_app.command("charts")
def charts_command(
    out: Annotated[Path, Opt("--out", help="The folder to write the charts to.")],
    on: Annotated[str | None, Opt(help="The day the figures are as of (default: today).")] = None,
    image: Annotated[ChartFormat, Opt("--format", help="svg or png.")] = ChartFormat.SVG,
    basis: BasisOption = Basis.KNOWN_THEN,
    db: DbOption = None,
    actor: ActorOption = None,
) -> None:
    """Render every chart of the figures, on this machine (nothing is fetched)."""
    from homeward.stats import charts, render  # vl-convert: slow to load

    settings = settings_for(db)
    with reported_errors():
        day = _day(on, "on")
        with _register(db, actor, "charts", on=day, folder=out.name) as session:
            figures = register_figures(
                session,
                actor=cli_actor(actor),
                on=day,
                today=date.today(),
                basis=basis,
                incommunicado_days=settings.incommunicado_days,
            )
    out.mkdir(parents=True, exist_ok=True)
    for name, spec in charts.figure_charts(figures).items():
        path = out / f"{name}.{image.value}"
        if image is ChartFormat.SVG:
            path.write_text(render.to_svg(spec), encoding="utf-8")
        else:
            path.write_bytes(render.to_png(spec))
        console.print(f"Wrote {path}")
