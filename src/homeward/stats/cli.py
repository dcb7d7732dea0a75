"""`homeward stats`: counted figures, charts, and the estimate of those on no list.

homeward stats series [--until DATE] [--side own|adversary] [--json|--csv] [--public]
homeward stats profile [--on DATE] [--json|--csv] [--public]
homeward stats exchanges [--on DATE] [--json|--csv] [--public]
homeward stats figures [--on DATE] [--table NAME] [--json|--csv] [--public]
homeward stats mse [TABLE.csv] [--interval profile|bootstrap] [--by year|region]
                   [--json|--csv|--estimates-csv [--public]]
homeward stats charts --out DIR [--on DATE] [--format svg|png]
homeward stats report --out FILE.pdf [--on DATE] [--public] [--lang uk|en]

Mounted by the table of sub-commands in homeward/cli.py, imported when `homeward stats` is
asked for, as `app.add_typer(stats_app, name="stats")` would mount it.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
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
from homeward.imports.export import guard
from homeward.registry.vocab import Side
from homeward.stats.custody import foreigners
from homeward.stats.disclosure import SMALL, THRESHOLD
from homeward.stats.histories import CaptureHistories, read_histories
from homeward.stats.service import register_capture_histories, register_figures, register_series
from homeward.stats.summary import Figures
from homeward.stats.tables import CountTable
from homeward.stats.timeline import Basis

PROFILE_TABLES = tuple(
    f"prisoners_by_{name}"
    for name in ("rank_category", "service_route", "age_band", "citizenship", "coercion")
)

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
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerows([guard(cell) for cell in line] for line in table.csv_rows(public=public))
        return
    shown = Table(title=table.title)
    header, *lines = table.csv_rows(public=public)
    for column in header:
        shown.add_column(column, justify="left" if column == table.row_header else "right")
    for line in lines:
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


def _figures_on(db: str | None, actor: str | None, on: str | None, basis: Basis, what: str,
                public: bool) -> Figures:  # fmt: skip
    settings = settings_for(db)
    day = _day(on, "on")
    with _register(db, actor, what, on=day, public=public) as session:
        return register_figures(
            session,
            actor=cli_actor(actor),
            on=day,
            today=date.today(),
            basis=basis,
            incommunicado_days=settings.incommunicado_days,
        )


def _print_tables(tables: list[CountTable], *, as_csv: bool, public: bool) -> None:
    for number, shown in enumerate(tables):
        if as_csv and len(tables) > 1:
            print(("\n" if number else "") + f"# {shown.name}")
        _print_table(shown, as_csv=as_csv, public=public)


def _shown(value: int, *, public: bool) -> int | str:
    return SMALL if public and 0 < value < THRESHOLD else value


@stats_app.command("profile")
def profile_command(
    on: Annotated[str | None, Opt(help="The day the figures are as of (default: today).")] = None,
    basis: BasisOption = Basis.KNOWN_THEN,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
    public: PublicOption = False,
    db: DbOption = None,
    actor: ActorOption = None,
) -> None:
    """The prisoners we hold: captures per week and their peaks, in custody now, repatriated,
    and their profile (rank category, route into service, age, citizenship, coercion)."""
    with reported_errors():
        figures = _figures_on(db, actor, on, basis, "profile", public)
    names = ("status_adversary", "captures_per_week", *PROFILE_TABLES)
    tables = [figures.table(name) for name in names]
    status = figures.table("status_adversary")
    foreign, countries = foreigners(figures.table("prisoners_by_citizenship"))
    known = sum(
        sum(line)
        for row, line in zip(
            figures.table("prisoners_by_citizenship").rows,
            figures.table("prisoners_by_citizenship").counts,
            strict=True,
        )
        if row != "unknown"
    )
    numbers: dict[str, Any] = {
        "on": figures.on.isoformat(),
        "in_custody_now": _shown(figures.headline.prisoners_in_our_custody, public=public),
        "repatriated": _shown(status.count("repatriated", "persons"), public=public),
        "foreigners": _shown(foreign, public=public),
        "foreign_countries": countries,
        "foreigners_share_of_known_citizenship": (
            round(foreign / known, 4)
            if known and not (public and 0 < foreign < THRESHOLD)
            else None
        ),
        "capture_peaks": [
            {"week": w, "captures": _shown(n, public=public)} for w, n in figures.capture_peaks
        ],
    }
    if as_json:
        print_json({**numbers, "public": public,
                    "tables": [t.to_json(public=public) for t in tables]})  # fmt: skip
        return
    if not as_csv:
        peaks = ", ".join(f"{p['week']} ({p['captures']})" for p in numbers["capture_peaks"])
        numbers["capture_peaks"] = peaks or "none"
        console.print(_headline(numbers), highlight=False)
    _print_tables(tables, as_csv=as_csv, public=public)


@stats_app.command("exchanges")
def exchanges_command(
    on: Annotated[str | None, Opt(help="The day the figures are as of (default: today).")] = None,
    basis: BasisOption = Basis.KNOWN_THEN,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
    public: PublicOption = False,
    db: DbOption = None,
    actor: ActorOption = None,
) -> None:
    """Our people returned per exchange (the day of return) and in all, and the share never
    confirmed captive before their return, per exchange and overall."""
    with reported_errors():
        figures = _figures_on(db, actor, on, basis, "exchanges", public)
    per = figures.table("returned_per_exchange")
    running = figures.table("returned_cumulative")
    reconciled = figures.table("exchanges_reconciled")
    if as_json:
        print_json(
            {
                "on": figures.on.isoformat(),
                "public": public,
                "exchanges": exchange_records(per, running, public=public),
                "overall": figures.headline.to_json(public=public)["never_confirmed_share"],
                "tables": [
                    per.to_json(public=public),
                    running.to_json(public=public),
                    reconciled.to_json(public=public),
                ],
            }
        )
        return
    if as_csv:
        _print_tables([per, running, reconciled], as_csv=True, public=public)
        return
    shown = Table(title=per.title)
    for column in ("exchange", "returned", "never confirmed", "share", "in all", "never in all"):
        shown.add_column(column, justify="left" if column == "exchange" else "right")
    for record in exchange_records(per, running, public=public):
        share = record["never_confirmed_share"]
        shown.add_row(
            record["exchange"],
            str(record["returned"]),
            str(record["never_confirmed"]),
            "" if share is None else f"{share:.0%}",
            str(record["returned_in_all"]),
            str(record["never_confirmed_in_all"]),
        )
    console.print(shown)
    overall = figures.headline.to_json(public=public)["never_confirmed_share"]
    if overall is not None:
        console.print(f"never confirmed before return, overall: {overall:.1%}", highlight=False)


def exchange_records(per: CountTable, running: CountTable, *, public: bool) -> list[dict[str, Any]]:
    """One record per exchange: returned, never confirmed and its share, and the running sums
    (public: the cells of the tables' disclosure control, and no share from a hidden count)."""
    grid, sums = per.grid(public=public), running.grid(public=public)
    records = []
    for row, line, total, share in zip(
        per.rows, grid, sums, per.shares(public=public), strict=False
    ):
        records.append(
            {
                "exchange": row,
                "returned": line[2],
                "never_confirmed": line[1],
                "never_confirmed_share": share if isinstance(share, float) else None,
                "returned_in_all": total[0],
                "never_confirmed_in_all": total[1],
            }
        )
    return records


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
    estimates_csv: Annotated[
        bool,
        Opt(
            "--estimates-csv",
            help="Print the estimates as CSV: the whole, then each stratum of --by "
            "(as /stats/estimate.csv).",
        ),
    ] = False,
    public: PublicOption = False,
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
    if by is not None and estimates_csv:
        groups = {"all": _whole(groups), **groups}
    estimates = _estimates(groups, interval, model, replications=replications, seed=seed)
    if estimates_csv:
        _print_estimates(estimates, by=by, public=public)
        return
    if public:
        with reported_errors():
            raise InvalidInput("public", "goes with --estimates-csv")
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


def _whole(groups: dict[str, CaptureHistories]) -> CaptureHistories:
    """The strata together: every person is in one stratum of each kind."""
    counts: Counter[tuple[int, ...]] = Counter()
    for histories in groups.values():
        counts.update(histories.counts)
    lists = next(iter(groups.values())).lists
    return CaptureHistories(lists, dict(counts), "the register")


def _print_estimates(estimates: dict[str, Estimate], *, by: Strata | None, public: bool) -> None:
    from homeward.stats.estimate_table import estimate_rows

    strata = {} if by is None else {by.value: {k: e for k, e in estimates.items() if k != "all"}}
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerows(
        [guard(cell) for cell in line]
        for line in estimate_rows(estimates["all"], strata, public=public)
    )


def _print_histories(groups: dict[str, CaptureHistories]) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    for number, (label, histories) in enumerate(groups.items()):
        if len(groups) > 1:
            print(("\n" if number else "") + f"# {label}")
        writer.writerow([guard(name) for name in (*histories.lists, "count")])
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


class Language(StrEnum):
    UK = "uk"
    EN = "en"


@stats_app.command("report")
def report_command(
    out: Annotated[Path, Opt("--out", help="The PDF file to write.")],
    on: Annotated[str | None, Opt(help="The day the figures are as of (default: today).")] = None,
    public: PublicOption = False,
    lang: Annotated[Language, Opt("--lang", help="uk or en.")] = Language.UK,
    basis: BasisOption = Basis.KNOWN_THEN,
    db: DbOption = None,
    actor: ActorOption = None,
) -> None:
    """The printable report: figures and charts of one day, their definitions and caveats, and
    the estimate of those on no list (--public: small counts hidden, docs/statistics.md)."""
    from homeward.stats.mse import estimate_population  # statsmodels: slow to load
    from homeward.stats.report import report_pdf

    settings = settings_for(db)
    with reported_errors():
        day = _day(on, "on")
        who = cli_actor(actor)
        what = {"on": day, "public": public, "lang": lang.value, "file": out.name}
        with _register(db, actor, "report", **what) as session:
            figures = register_figures(
                session,
                actor=who,
                on=day,
                today=date.today(),
                basis=basis,
                incommunicado_days=settings.incommunicado_days,
            )
        assert figures.histories is not None  # count_figures finds them
        estimate = estimate_population(figures.histories)
        pdf = report_pdf(figures, estimate, lang=lang.value, public=public)
    out.write_bytes(pdf)
    console.print(f"Wrote {out} ({len(pdf):,} bytes)")
