"""Importing lists through the API: check a file (nothing stored), or import it."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, UploadFile
from pydantic import BaseModel
from starlette.responses import JSONResponse, Response

from homeward.access.roles import Permission
from homeward.dates import PartialDate
from homeward.errors import InvalidInput
from homeward.imports.service import PreviousImport
from homeward.imports.validation import Problem
from homeward.web.deps import Caller, Db, needs
from homeward.web.uploads import UnpackLimits, UploadRoute, read_limited
from homeward.web.usecases.imports import (
    ImportDone,
    ListForm,
    Preview,
    commit_import,
    preview_import,
)

router = APIRouter(tags=["imports"], route_class=UploadRoute)
Importer = Annotated[Caller, needs(Permission.IMPORT)]
Text = Annotated[str, Form(max_length=300)]


class ErrorOut(BaseModel):
    """Why a request was refused; `field` names the value at fault, when there is one."""

    detail: str | list[Any]  # a list: the request's own shape was wrong (FastAPI's check)
    field: str | None = None


def _error(description: str) -> dict[str, Any]:
    return {"model": ErrorOut, "description": description}


# The refusals every route of my areas may answer with (used by the audit and dashboard API too).
ERRORS: dict[int | str, dict[str, Any]] = {
    400: _error("a body that cannot be parsed"),
    401: _error("not signed in"),
    403: _error("the role does not allow this, or the CSRF token is missing or wrong"),
    404: _error("no such thing"),
    413: _error("the file is larger than 20 MB"),
    422: _error("a value that cannot be accepted; `field` names it"),
}


class ProblemOut(BaseModel):
    sheet: str | None
    row: int
    field: str
    problem: str

    @classmethod
    def of(cls, problem: Problem) -> ProblemOut:
        return cls(
            sheet=problem.sheet, row=problem.row, field=problem.field, problem=problem.problem
        )


class ColumnOut(BaseModel):
    header: str
    field: str | None  # None: not read, kept in the report's raw row
    sheets: list[str]


class RowOut(BaseModel):
    sheet: str | None
    row: int
    values: dict[str, str | None]
    problems: list[ProblemOut]


class CountsOut(BaseModel):
    rows_read: int
    valid: int
    rejected: int
    left_out: int


class PreviousImportOut(BaseModel):
    import_id: int
    at: datetime
    actor: str
    reports: int

    @classmethod
    def of(cls, previous: PreviousImport) -> PreviousImportOut:
        return cls(
            import_id=previous.import_id,
            at=previous.at,
            actor=previous.actor,
            reports=previous.reports,
        )


class PreviewOut(BaseModel):
    file_name: str
    sha256: str
    size: int
    file_format: str
    encoding: str | None
    notes: list[str]
    columns: list[ColumnOut]
    rows: list[RowOut]
    problems: list[ProblemOut]
    left_out: list[ProblemOut]
    counts: CountsOut
    previously_imported: PreviousImportOut | None
    header_problem: str | None
    raw_rows: list[list[str]]
    can_import: bool


class LinkageOut(BaseModel):
    automatic: int
    review: int
    vetoed: int
    new_persons: int


class ImportOut(BaseModel):
    import_id: int
    file_name: str
    sha256: str
    rows_read: int
    imported: int
    rejected: int
    linkage: LinkageOut
    evidence: int
    problems: list[ProblemOut]


class AlreadyImportedOut(ErrorOut):
    previously_imported: PreviousImportOut


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, PartialDate):
        return value.iso()
    return str(getattr(value, "value", value))


def api_list_form(
    kind: Text = "",
    list_date: Text = "",
    side: Text = "own",
    source_name: Text = "",
    header_row: Text = "",
    column: Annotated[list[str] | None, Form(max_length=300)] = None,
    skip_invalid: Annotated[bool, Form()] = False,
) -> ListForm:
    """The list's options; `column` is "Header=field", repeated for more columns."""
    pairs: list[tuple[str, str]] = []
    for pair in column or []:
        header, sep, target = pair.rpartition("=")
        if not sep or not header.strip():
            raise InvalidInput("column", "%(pair)s is not Header=field", pair=repr(pair))
        pairs.append((header.strip(), target.strip()))
    return ListForm(kind, list_date, side, source_name, header_row, tuple(pairs), skip_invalid)


def preview_out(preview: Preview) -> PreviewOut:
    return PreviewOut(
        file_name=preview.file_name,
        sha256=preview.sha256,
        size=preview.size,
        file_format=preview.file_format,
        encoding=preview.encoding,
        notes=preview.notes,
        columns=[
            ColumnOut(header=c.header, field=c.field, sheets=list(c.sheets))
            for c in preview.columns
        ],
        rows=[
            RowOut(
                sheet=row.sheet,
                row=row.row,
                values={name: _text(value) for name, value in row.values.items()},
                problems=[ProblemOut.of(p) for p in row.problems],
            )
            for row in preview.rows
        ],
        problems=[ProblemOut.of(p) for p in preview.problems],
        left_out=[ProblemOut.of(p) for p in preview.left_out],
        counts=CountsOut(**vars(preview.counts)),
        previously_imported=PreviousImportOut.of(preview.previous) if preview.previous else None,
        header_problem=preview.header_problem,
        raw_rows=preview.raw_rows,
        can_import=preview.can_import,
    )


def import_out(done: ImportDone) -> ImportOut:
    assert done.import_id is not None
    return ImportOut(
        import_id=done.import_id,
        file_name=done.file_name,
        sha256=done.sha256,
        rows_read=done.rows_read,
        imported=done.imported,
        rejected=len(done.rejected),
        linkage=LinkageOut(
            automatic=done.automatic,
            review=done.review,
            vetoed=done.vetoed,
            new_persons=done.new_persons,
        ),
        evidence=done.evidence,
        problems=[ProblemOut.of(p) for p in done.problems],
    )


@router.post(
    "/imports/preview",
    response_model=PreviewOut,
    responses=ERRORS,
)
def api_preview_import(
    session: Db,
    caller: Importer,
    file: Annotated[UploadFile, File(description="The list: CSV, XLSX, ODS or XLS, up to 20 MB")],
    form: Annotated[ListForm, Depends(api_list_form)],
    limits: UnpackLimits,
) -> PreviewOut:
    """Check a list as the import would read it; nothing is stored in the register (the check
    is audited). A header that is not recognised gives `header_problem` and the raw first rows:
    name the header row (`header_row`) and the columns (`column=Header=field`) and check again."""
    name, data = read_limited(file)
    preview = preview_import(
        session, caller.actor, data=data, file_name=name, form=form, limits=limits
    )
    return preview_out(preview)


@router.post(
    "/imports",
    response_model=ImportOut,
    status_code=201,
    responses={
        **ERRORS,
        409: {"model": AlreadyImportedOut, "description": "this file was imported before"},
    },
)
def api_import(
    session: Db,
    caller: Importer,
    file: Annotated[UploadFile, File(description="The list: CSV, XLSX, ODS or XLS, up to 20 MB")],
    form: Annotated[ListForm, Depends(api_list_form)],
    limits: UnpackLimits,
) -> Response | ImportOut:
    """Import a list: every valid row a report, linked to the register, sent to review or made a
    new person, all in one transaction. Rows with errors refuse the import (422) unless
    `skip_invalid` is true. The same file (by SHA-256) imported before creates nothing (409)."""
    name, data = read_limited(file)
    done = commit_import(session, caller.actor, data=data, file_name=name, form=form, limits=limits)
    if done.previous is not None:
        previous = done.previous
        body = AlreadyImportedOut(
            detail=previous.describe(name) + ": nothing was created",
            previously_imported=PreviousImportOut.of(previous),
        )
        return JSONResponse(body.model_dump(mode="json"), status_code=409)
    return import_out(done)
