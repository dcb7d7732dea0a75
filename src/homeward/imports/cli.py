"""`homeward import FILE` and `homeward export FILE`: thin commands over the import services.

Mount them with `app.add_typer(import_app)` and `app.add_typer(export_app)` (no name: each holds
one command, named `import` and `export`).
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from homeward.access import audit
from homeward.access.actor import Actor, Channel
from homeward.access.audit import AuditAction
from homeward.cli_support import (
    ActorOption,
    DbOption,
    JsonOption,
    cli_actor,
    console,
    print_json,
    reported_errors,
    require_schema,
    settings_for,
    unit_of_work,
)
from homeward.dates import parse_partial_date
from homeward.db import make_engine, session_factory
from homeward.errors import HomewardError, InvalidInput
from homeward.imports.checking import CheckedFile, ImportOptions, check_file
from homeward.imports.export import Selection, export_persons
from homeward.imports.limits import ReadLimits
from homeward.imports.mapping import ColumnMapping
from homeward.imports.report import (
    RichProgress,
    print_checked,
    print_result,
    result_json,
    write_rejected,
)
from homeward.imports.service import (
    ImportResult,
    LinkStep,
    import_file,
    linkage_step,
    no_linkage,
    previous_import,
)
from homeward.registry.vocab import EvidenceKind, Reliability, Side, SourceKind, Status

import_app = typer.Typer(help="Import lists of persons from CSV, XLSX or ODS files.")
export_app = typer.Typer(help="Export persons to CSV or XLSX.")
Opt = typer.Option
LONG_IMPORT = 2000  # rows from which progress bars are shown


def _options(
    *,
    kind: str | None,
    on: str | None,
    side: Side,
    source: str | None,
    source_kind: SourceKind,
    reliability: Reliability | None,
    mapping: Path | None,
    columns: list[str],
    header_row: int | None,
    sheets: list[str],
    skip_invalid: bool,
) -> ImportOptions:
    column_mapping = ColumnMapping.load(mapping) if mapping else ColumnMapping()
    column_mapping = column_mapping.merged(ColumnMapping.from_pairs(columns))
    if header_row:
        column_mapping = ColumnMapping(column_mapping.columns, header_row)
    try:
        evidence_kind = EvidenceKind(kind) if kind else None
    except ValueError:
        raise InvalidInput(
            "kind", "%(kind)s is not a kind of list (%(kinds)s)", kind=repr(kind), kinds=_KINDS
        ) from None
    return ImportOptions(
        kind=evidence_kind,
        on=parse_partial_date(on, field="date") if on else None,
        side=side,
        source_name=source,
        source_kind=source_kind,
        reliability=reliability,
        mapping=column_mapping,
        sheets=tuple(sheets),
        skip_invalid=skip_invalid,
    )


_KINDS = ", ".join(k.value for k in EvidenceKind if k is not EvidenceKind.RETRACTION)


def run_import(
    engine: Engine,
    *,
    actor: Actor,
    checked: CheckedFile,
    options: ImportOptions,
    link_step: LinkStep,
    dry_run: bool,
    progress: bool,
) -> ImportResult:
    """One transaction: committed, or rolled back for a dry run or on any error."""
    require_schema(engine)
    with session_factory(engine)() as session:
        with RichProgress(enabled=progress) as bars:
            result = import_file(
                session,
                actor=actor,
                checked=checked,
                options=options,
                link_step=link_step,
                progress=bars,
            )
        if dry_run or result.previous is not None:
            session.rollback()
            if dry_run:  # it read the register to link the rows: audited as the web's preview
                audit.log(
                    session,
                    actor,
                    AuditAction.IMPORT_PREVIEW,
                    object_type="file",
                    object_id=checked.sha256,
                    detail={"file_name": checked.file_name, "dry_run": True, **result.summary()},
                )
                session.commit()
            return result
        audit.log(
            session,
            actor,
            AuditAction.IMPORT,
            object_type="import",
            object_id=result.import_id,
            detail={"file": checked.file_name, **result.summary()},
        )
        try:
            session.commit()
        except IntegrityError:
            raise HomewardError(
                "%(file_name)s: was imported by someone else meanwhile: nothing created",
                file_name=checked.file_name,
            ) from None
    return result


@import_app.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(help="The list: CSV, XLSX, ODS or XLS.")],
    kind: Annotated[str | None, Opt(help=f"What the list is; it makes evidence: {_KINDS}.")] = None,
    on: Annotated[
        str | None, Opt("--date", help="The list's date: dd.mm.yyyy, mm.yyyy, yyyy.")
    ] = None,
    side: Annotated[Side, Opt(help="own persons, or adversary prisoners held.")] = Side.OWN,
    source: Annotated[
        str | None, Opt(help="Who the list is from (default: the file's name).")
    ] = None,
    source_kind: Annotated[SourceKind, Opt(help="What kind of source.")] = SourceKind.LIST,
    reliability: Annotated[
        Reliability | None, Opt(help="Of the evidence (default by kind).")
    ] = None,
    mapping: Annotated[
        Path | None, Opt(help="A saved mapping (JSON) to read the columns by.")
    ] = None,
    column: Annotated[list[str] | None, Opt(help="'Header=field'; repeat for more.")] = None,
    header_row: Annotated[int | None, Opt(min=1, help="The header's row, if not found.")] = None,
    sheet: Annotated[list[str] | None, Opt(help="Import only this sheet; repeat for more.")] = None,
    save_mapping: Annotated[
        Path | None, Opt(help="Save the mapping used, for the next list.")
    ] = None,
    dry_run: Annotated[
        bool, Opt("--dry-run", help="Check and show what would happen; write nothing.")
    ] = False,
    skip_invalid: Annotated[
        bool,
        Opt("--skip-invalid", help="Import the valid rows; write the rejected ones to a file."),
    ] = False,
    rejected: Annotated[
        Path | None, Opt(help="Where rejected rows go (default FILE.rejected.csv).")
    ] = None,
    no_link: Annotated[
        bool,
        Opt("--no-link", help="Make a new person of every row (first load of an empty register)."),
    ] = False,
    actor: ActorOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Import a list: each row a report, linked to the register or made a new person."""
    settings = settings_for(db)
    engine = make_engine(settings.database_url, echo=settings.echo_sql)
    try:
        with reported_errors():
            options = _options(
                kind=kind, on=on, side=side, source=source, source_kind=source_kind,
                reliability=reliability, mapping=mapping, columns=column or [],
                header_row=header_row, sheets=sheet or [], skip_invalid=skip_invalid or dry_run,
            )  # fmt: skip
            checked = check_file(file, options, ReadLimits.of(settings))
            if save_mapping:
                checked.mapping.save(save_mapping)
            if not as_json and not _imported_before(engine, checked):
                print_checked(checked, dry_run=dry_run, skip_invalid=skip_invalid)
            result = run_import(
                engine,
                actor=Actor(cli_actor(actor).name, Channel.IMPORT),
                checked=checked,
                options=options,
                link_step=no_linkage if no_link else linkage_step(),
                dry_run=dry_run,
                progress=not as_json and len(checked.valid) >= LONG_IMPORT,
            )
            written = None
            if result.rejected and not dry_run and result.previous is None:
                written = write_rejected(rejected or _rejected_path(file), result.rejected)
    finally:
        engine.dispose()
    if as_json:
        print_json(result_json(result, checked, dry_run=dry_run, rejected_file=written))
    else:
        print_result(result, checked, dry_run=dry_run, rejected_file=written)
    if dry_run and checked.rejected and not skip_invalid:
        raise typer.Exit(1)


def _imported_before(engine: Engine, checked: CheckedFile) -> bool:
    require_schema(engine)
    with session_factory(engine)() as session:
        return previous_import(session, checked.sha256, checked.rows_sha256) is not None


def _rejected_path(file: Path) -> Path:
    return file.with_name(f"{file.stem}.rejected.csv")


@export_app.command("export")
def export_command(
    file: Annotated[Path, typer.Argument(help="Where to write: a .csv or .xlsx file.")],
    status: Annotated[list[Status] | None, Opt(help="Only this status; repeat for more.")] = None,
    side: Annotated[Side | None, Opt()] = None,
    since: Annotated[str | None, Opt(help="Status since this day or later (yyyy-mm-dd).")] = None,
    until: Annotated[str | None, Opt(help="Status since this day or earlier.")] = None,
    place: Annotated[str | None, Opt(help="Held at this place, or missing there.")] = None,
    list_ref: Annotated[
        str | None, Opt("--list", help="From this imported list: number or file name.")
    ] = None,
    lang: Annotated[str, Opt(help="Language of explanations: en or uk.")] = "en",
    delimiter: Annotated[str, Opt(help="CSV delimiter: , or ;")] = ",",
    db: DbOption = None,
    actor: ActorOption = None,
) -> None:
    """Write a selection of persons, with status, explanation and dates."""
    with unit_of_work(settings_for(db)) as session:
        selection = Selection(
            statuses=tuple(status or ()),
            side=side,
            since=_day(since, "since"),
            until=_day(until, "until"),
            place=place,
            list_ref=list_ref,
        )
        if lang not in ("en", "uk"):
            raise InvalidInput("lang", "en or uk")
        count = export_persons(
            session,
            actor=cli_actor(actor),
            selection=selection,
            path=file,
            as_of=date.today(),
            lang="uk" if lang == "uk" else "en",
            delimiter=delimiter,
        )
        audit.log(
            session,
            cli_actor(actor),
            AuditAction.EXPORT,
            detail={"file": file.name, "persons": count, "selection": asdict(selection)},
        )
    console.print(f"Wrote {count:,} persons to {file}.")


def _day(text: str | None, field: str) -> date | None:
    if not text:
        return None
    partial = parse_partial_date(text, field=field)
    return partial.earliest if partial else None
