"""Uploaded lists: size-limited, kept between the check and the import in a private folder.

An upload is at most 20 MB as it arrives, and the list in it at most what the settings allow once
unpacked (`UnpackLimits`: bytes, rows, cells; `homeward.imports.limits`), so that a small
workbook that unpacks to gigabytes is refused before it is read whole.

A file is stored under a random id in a folder of the signed-in session (named by a hash of the
session's CSRF token), so another session cannot reach it, and a path never comes from the
client. Stored files older than a session can live are removed at the next upload, and a
session's own when it signs out.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import secrets
import tempfile
import time
from collections.abc import Callable, Coroutine
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, BinaryIO

from fastapi import Depends, HTTPException, Request, UploadFile
from fastapi.routing import APIRoute
from starlette.requests import ClientDisconnect
from starlette.responses import Response
from starlette.types import Message, Receive

from homeward.errors import InvalidInput, NotFound
from homeward.imports.limits import ReadLimits
from homeward.settings import Settings

log = logging.getLogger(__name__)
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_BODY_BYTES = MAX_UPLOAD_BYTES + 1024 * 1024  # the file and the form's other fields
KEEP_SECONDS = 12 * 3600  # as long as a web session may last
_CHUNK = 1024 * 1024
_UPLOAD_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


def _(message: str) -> str:
    """Marks a message for the catalogue; the page that shows it translates it."""
    return message


TOO_LARGE = _("The file is larger than 20 MB: split the list into smaller files.")
NO_FILE = _("Choose a file to upload.")
UPLOAD_GONE = _("The uploaded file is no longer kept: upload it again.")
CUT_OFF = _("The upload was cut off before its end: nothing was stored. Upload it again.")


def too_large() -> HTTPException:
    return HTTPException(413, TOO_LARGE)


class UploadRoute(APIRoute):
    """A route whose body may be at most `limit_for(settings)` (MAX_BODY_BYTES here): refused
    by its Content-Length before any of it is read, or as soon as a body sent without one grows
    past the limit, with a message the user can act on (FastAPI's own body limit only says
    "Content Too Large"). A route of another kind of upload overrides both methods."""

    def limit_for(self, settings: Settings) -> int:
        return MAX_BODY_BYTES

    def refusal(self) -> HTTPException:
        return too_large()

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def limited(request: Request) -> Response:
            limit = self.limit_for(request.app.state.settings)
            declared = request.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                raise self.refusal()
            counted = _counted(request.receive, limit, self.refusal)
            try:
                return await handler(Request(request.scope, counted))
            except ClientDisconnect:
                # the sender went away half-way: nothing of the body was kept (Starlette's
                # spooled parts are closed and removed with the request), and there is no one
                # to answer; a 400, said once in the log without a traceback
                log.info("upload cut off: %s %s", request.method, request.url.path)
                raise HTTPException(400, CUT_OFF) from None

        return limited


def _counted(receive: Receive, limit: int, refusal: Callable[[], HTTPException]) -> Receive:
    seen = 0

    async def counted() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise refusal()
        return message

    return counted


def read_limits(request: Request) -> ReadLimits:
    """What an uploaded list may unpack to, from the application's settings."""
    return ReadLimits.of(request.app.state.settings)


UnpackLimits = Annotated[ReadLimits, Depends(read_limits)]


def upload_root() -> Path:
    return Path(tempfile.gettempdir()) / "homeward-uploads"


def safe_file_name(name: str | None) -> str:
    """The file's own name as the client gave it, without any folder: for display only."""
    base = re.split(r"[\\/]", name or "")[-1].strip()
    base = "".join(char for char in base if char.isprintable())
    return base[:200] or "upload"


def read_limited(upload: UploadFile | None) -> tuple[str, bytes]:
    """An uploaded file's name and content; 413 when it is larger than MAX_UPLOAD_BYTES."""
    if upload is None or not upload.filename:
        raise InvalidInput("file", NO_FILE)
    data = _read(upload.file)
    return safe_file_name(upload.filename), data


def _read(stream: BinaryIO) -> bytes:
    parts: list[bytes] = []
    size = 0
    while chunk := stream.read(_CHUNK):
        size += len(chunk)
        if size > MAX_UPLOAD_BYTES:
            raise too_large()
        parts.append(chunk)
    return b"".join(parts)


@dataclass(frozen=True)
class StoredUpload:
    id: str
    file_name: str
    size: int
    path: Path

    def read(self) -> bytes:
        try:
            return self.path.read_bytes()
        except OSError:
            raise NotFound(UPLOAD_GONE) from None


class UploadStore:
    """The uploads of one signed-in session."""

    def __init__(self, session_secret: str, root: Path | None = None) -> None:
        self.root = root or upload_root()
        key = hashlib.sha256(f"homeward-upload:{session_secret}".encode()).hexdigest()[:32]
        self.folder = self.root / key

    def save(self, file_name: str, data: bytes) -> StoredUpload:
        self._sweep()
        self.root.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.folder.mkdir(mode=0o700, exist_ok=True)
        upload_id = secrets.token_urlsafe(18)
        path = self.folder / f"{upload_id}.bin"
        with path.open("xb") as out:
            out.write(data)
        meta = {"file_name": file_name, "size": len(data)}
        (self.folder / f"{upload_id}.json").write_text(json.dumps(meta), "utf-8")
        return StoredUpload(upload_id, file_name, len(data), path)

    def get(self, upload_id: str) -> StoredUpload:
        if not _UPLOAD_ID.match(upload_id or ""):
            raise NotFound(UPLOAD_GONE)
        path = self.folder / f"{upload_id}.bin"
        try:
            meta = json.loads((self.folder / f"{upload_id}.json").read_text("utf-8"))
        except (OSError, ValueError):
            raise NotFound(UPLOAD_GONE) from None
        return StoredUpload(upload_id, str(meta["file_name"]), int(meta["size"]), path)

    def discard(self, upload_id: str) -> None:
        if _UPLOAD_ID.match(upload_id or ""):
            for suffix in (".bin", ".json"):
                (self.folder / f"{upload_id}{suffix}").unlink(missing_ok=True)

    def clear(self) -> None:
        """Remove every upload of this session (it signs out: a list it checked and never
        imported is personal data nobody will use)."""
        with suppress(OSError):
            for item in self.folder.iterdir():
                item.unlink(missing_ok=True)
            self.folder.rmdir()

    def _sweep(self) -> None:
        """Remove what expired sessions left behind."""
        if not self.root.is_dir():
            return
        cutoff = time.time() - KEEP_SECONDS
        for folder in self.root.iterdir():
            if not folder.is_dir() or folder == self.folder:
                continue
            with suppress(OSError):  # another worker may be sweeping too
                for item in folder.iterdir():
                    if item.stat().st_mtime < cutoff:
                        item.unlink(missing_ok=True)
                folder.rmdir()  # only when empty
        with suppress(OSError):
            for item in self.folder.iterdir():
                if item.stat().st_mtime < cutoff:
                    item.unlink(missing_ok=True)
