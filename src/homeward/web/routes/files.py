"""Evidence files on the web: the upload (streamed into the content-addressed store), a file's
page with its chain of custody, and its bytes. Each view is written in the custody log."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import FileResponse, RedirectResponse
from starlette.datastructures import UploadFile
from starlette.responses import Response

from homeward.access.roles import Permission
from homeward.errors import InvalidInput, NotFound
from homeward.settings import Settings
from homeward.text import ascii_number
from homeward.violations import files
from homeward.violations.store import CHUNK, FileStore, default_files_dir
from homeward.web.deps import Caller, Db, needs
from homeward.web.pages import render
from homeward.web.routes.incidents import MAX_ID, _attempt, _incident_page
from homeward.web.routes.persons import number_field
from homeward.web.routes.testimonies import _debriefing_page, number_of
from homeward.web.uploads import UploadRoute, safe_file_name
from homeward.web.usecases import incidents as usecases

router = APIRouter(include_in_schema=False)

FileReader = Annotated[Caller, needs(Permission.FILES)]
Investigator = Annotated[Caller, needs(Permission.INCIDENTS)]
Debriefer = Annotated[Caller, needs(Permission.INTAKE)]
# shown in the browser; everything else is downloaded (an HTML or SVG "photo" never runs here)
SHOWN_INLINE = frozenset({"image/jpeg", "image/png", "video/mp4", "audio/mpeg", "application/pdf"})


def _(message: str) -> str:
    return message


# a stored file is shown as a picture, a clip or a document, never run: sandboxed, no scripts;
# the browser's own viewer styles itself inline
FILE_CSP = (
    "sandbox; default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'"
)
NO_FILE = _("Choose a file to upload.")
FILE_TOO_LARGE = _(
    "The file is larger than this register accepts (HOMEWARD_FILES_MAX_MB): nothing was stored."
)
FORM_BYTES = 1024 * 1024  # the form's other fields, beside the file


class EvidenceUploadRoute(UploadRoute):
    """An evidence file's upload: as large as HOMEWARD_FILES_MAX_MB allows (Starlette spools
    it to disk as it arrives; the store then streams it, hashing)."""

    def limit_for(self, settings: Settings) -> int:
        return settings.files_max_mb * 1024 * 1024 + FORM_BYTES

    def refusal(self) -> HTTPException:
        return HTTPException(413, FILE_TOO_LARGE)


def file_id_of(text: str) -> int:
    number = ascii_number(text, most=MAX_ID)
    if number is None:
        raise NotFound("there is no evidence file %(file_id)s", file_id=text[:20])
    return number


def store_of(request: Request) -> FileStore:
    return FileStore(default_files_dir(request.app.state.settings))


@dataclass(frozen=True)
class UploadForm:
    fields: dict[str, str]
    upload: UploadFile | None


async def upload_form(request: Request) -> UploadForm:
    """The form's fields and its file, spooled to disk by Starlette (never held whole in
    memory); a body cut off half-way never reaches the route."""
    form = await request.form()
    upload = form.get("file")
    return UploadForm(
        {k: v for k, v in form.items() if isinstance(v, str) and k != "csrf_token"},
        upload if isinstance(upload, UploadFile) and upload.filename else None,
    )


def _store_upload(
    request: Request, session: Db, caller: Caller, form: UploadForm, **target: int | None
) -> int:
    """Stream the form's file into the store and record it, in a savepoint: a refused upload
    leaves neither a file nor a row."""
    fields = form.fields
    most = request.app.state.settings.files_max_mb * 1024 * 1024

    def add() -> int:
        if form.upload is None:
            raise InvalidInput("file", NO_FILE)
        stream = form.upload.file
        row = files.add_file(
            session,
            actor=caller.actor,
            store=store_of(request),
            chunks=iter(lambda: stream.read(CHUNK), b""),
            given=files.FileIn(
                file_name=safe_file_name(form.upload.filename),
                restricted=fields.get("restricted") == "on",
                description=fields.get("description") or None,
                claimed_sha256=fields.get("sha256") or None,
                **target,
            ),
            max_bytes=most,
        )
        return row.id

    return int(_attempt(session, add))


def file_upload(
    request: Request,
    session: Db,
    caller: Investigator,
    form: Annotated[UploadForm, Depends(upload_form)],
) -> Response:
    fields = form.fields
    incident = ascii_number(fields.get("incident_id", ""), most=MAX_ID)
    try:
        file_id = _store_upload(
            request,
            session,
            caller,
            form,
            incident_id=incident,
            person_id=number_field("person", fields.get("person_id")),
        )
    except InvalidInput as error:
        if incident is None:
            raise
        return _incident_page(request, session, caller, incident, status_code=422, file_error=error)
    if incident is not None:
        return RedirectResponse(f"/incidents/{incident}?saved=file#files", status_code=303)
    return RedirectResponse(f"/files/{file_id}?saved=file", status_code=303)


def debriefing_file_upload(
    request: Request,
    session: Db,
    caller: Debriefer,
    debriefing_id: str,
    form: Annotated[UploadForm, Depends(upload_form)],
) -> Response:
    """A file of a debriefing (its recording, a drawing the witness made), from its page."""
    number = number_of(debriefing_id, "debriefing")
    try:
        _store_upload(request, session, caller, form, debriefing_id=number)
    except InvalidInput as error:
        return _debriefing_page(request, session, caller, number, status_code=422, file_error=error)
    return RedirectResponse(f"/testimonies/{number}?saved=file#files", status_code=303)


router.add_api_route(
    "/files/upload", file_upload, methods=["POST"], route_class_override=EvidenceUploadRoute
)
router.add_api_route(
    "/testimonies/{debriefing_id}/files",
    debriefing_file_upload,
    methods=["POST"],
    route_class_override=EvidenceUploadRoute,
)


@router.get("/files/{file_id}")
def file_page(request: Request, session: Db, caller: FileReader, file_id: str) -> Response:
    page = usecases.file_page(session, caller.actor, file_id_of(file_id))
    return render(
        request,
        "evidence_file.html",
        caller,
        page=page,
        iword=usecases.word,
        saved=request.query_params.get("saved"),
        nav="incidents",
    )


@router.get("/files/{file_id}/content")
def file_content(request: Request, session: Db, caller: FileReader, file_id: str) -> Response:
    row, path = files.view_file(
        session, actor=caller.actor, store=store_of(request), file_id=file_id_of(file_id)
    )
    inline = row.media_type in SHOWN_INLINE
    return FileResponse(
        path,
        media_type=row.media_type if inline else "application/octet-stream",
        filename=row.file_name,
        content_disposition_type="inline" if inline else "attachment",
        headers={
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "no-store",
            "Content-Security-Policy": FILE_CSP,
        },
    )
