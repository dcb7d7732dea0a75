"""Importing lists: upload and check (nothing stored), then import, then what it gave."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from starlette.responses import Response

from homeward.access.roles import Permission
from homeward.errors import InvalidInput
from homeward.web.deps import Caller, Db, needs
from homeward.web.pages import render
from homeward.web.uploads import (
    NO_FILE,
    StoredUpload,
    UnpackLimits,
    UploadRoute,
    UploadStore,
    read_limited,
)
from homeward.web.usecases.imports import (
    FIELD_LABELS,
    FORM_LABELS,
    LIST_KINDS,
    ListForm,
    commit_import,
    persons_made,
    preview_import,
    recent_imports,
)

router = APIRouter(include_in_schema=False, route_class=UploadRoute)


def _(message: str) -> str:
    """Marks a message for the catalogue; the page that shows it translates it."""
    return message


Importer = Annotated[Caller, needs(Permission.IMPORT)]
Text = Annotated[str, Form(max_length=300)]
Texts = Annotated[list[str], Form(max_length=300)]


def list_form(
    kind: Text = "",
    list_date: Text = "",
    side: Text = "own",
    source_name: Text = "",
    header_row: Text = "",
    column_header: Texts | None = None,
    column_field: Texts | None = None,
    skip_invalid: Text = "",
) -> ListForm:
    headers, fields = column_header or [], column_field or []
    if len(headers) != len(fields):
        raise InvalidInput("column_field", _("one field for each column: reload the page"))
    return ListForm(
        kind=kind,
        list_date=list_date,
        side=side,
        source_name=source_name,
        header_row=header_row,
        columns=tuple(zip(headers, fields, strict=True)),
        skip_invalid=skip_invalid in ("1", "on", "true"),
    )


def _page(
    request: Request,
    caller: Caller,
    template: str,
    *,
    form: ListForm,
    status_code: int = 200,
    **context: object,
) -> Response:
    return render(
        request,
        template,
        caller,
        status_code=status_code,
        nav="imports",
        form=form,
        kinds=LIST_KINDS,
        field_labels=FIELD_LABELS,
        form_labels=FORM_LABELS,
        **context,
    )


@router.get("/imports")
def imports_page(request: Request, session: Db, caller: Importer) -> Response:
    recent = recent_imports(session, caller.actor)
    return _page(request, caller, "imports.html", form=ListForm(), recent=recent, upload=None)


def _stored(
    store: UploadStore, file: UploadFile | None, upload_id: str
) -> tuple[StoredUpload, bytes]:
    """A new upload saved for the next step, or the one this session uploaded before."""
    if file is not None and file.filename:
        name, data = read_limited(file)
        return store.save(name, data), data
    if upload_id:
        stored = store.get(upload_id)
        return stored, stored.read()
    raise InvalidInput("file", NO_FILE)


@router.post("/imports/preview")
def preview_page(
    request: Request,
    session: Db,
    caller: Importer,
    form: Annotated[ListForm, Depends(list_form)],
    limits: UnpackLimits,
    file: Annotated[UploadFile | None, File()] = None,
    upload_id: Text = "",
) -> Response:
    store = UploadStore(caller.csrf_token)
    stored: StoredUpload | None = None
    try:
        stored, data = _stored(store, file, upload_id)
        preview = preview_import(
            session, caller.actor, data=data, file_name=stored.file_name, form=form, limits=limits
        )
    except InvalidInput as error:
        if stored is not None and error.field == "file":
            store.discard(stored.id)  # not a list: nothing to keep
            stored = None
        recent = recent_imports(session, caller.actor)
        return _page(
            request,
            caller,
            "imports.html",
            form=form,
            status_code=422,
            error=error,
            upload=stored,
            recent=recent,
        )
    return _page(request, caller, "import_preview.html", form=form, preview=preview, upload=stored)


@router.post("/imports/commit")
def commit_page(
    request: Request,
    session: Db,
    caller: Importer,
    form: Annotated[ListForm, Depends(list_form)],
    upload_id: Annotated[str, Form(max_length=100)],
    limits: UnpackLimits,
) -> Response:
    store = UploadStore(caller.csrf_token)
    stored = store.get(upload_id)
    done = commit_import(
        session,
        caller.actor,
        data=stored.read(),
        file_name=stored.file_name,
        form=form,
        limits=limits,
    )
    store.discard(stored.id)
    status = 409 if done.previous is not None else 200
    made = persons_made(session, caller.actor, done)
    return _page(
        request, caller, "import_done.html", form=form, done=done, made=made, status_code=status
    )
