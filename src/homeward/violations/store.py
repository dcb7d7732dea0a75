"""The content-addressed store of evidence files: a folder outside the database where each
file is kept under its SHA-256 (`ab/abcdef…`), written once and never altered.

A file is streamed in (chunks of 1 MiB, never read whole into memory) to a temporary name in
the store, hashed as it arrives, and only when it is complete, within the size limit and equal
to any hash claimed for it, renamed to its hash and made read-only. Anything else — too large,
another hash, cut off half-way, any error — removes the temporary file: nothing is left.
No database here: `violations.files` records what the store holds.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Final

from homeward.errors import InvalidInput
from homeward.settings import Settings

CHUNK: Final = 1024 * 1024
_SHA256: Final = re.compile(r"^[0-9a-f]{64}$")
INCOMING: Final = ".incoming"


def _(message: str) -> str:
    """Marks a message for the catalogue; the page that shows it translates it."""
    return message


TOO_LARGE: Final = _(
    "the file is larger than %(limit)s MB (HOMEWARD_FILES_MAX_MB): nothing was stored"
)
HASH_MISMATCH: Final = _(
    "the file's SHA-256 is %(actual)s, not %(claimed)s as claimed: its bytes are not the ones "
    "named, nothing was stored"
)
CUT_OFF: Final = _(
    "the file was cut off: %(got)s of %(expected)s bytes arrived, nothing was stored"
)
NOT_A_HASH: Final = _("is not a SHA-256 (64 hexadecimal digits)")
EMPTY: Final = _("the file is empty")


def default_files_dir(settings: Settings) -> Path:
    """HOMEWARD_FILES_DIR, else a folder beside the SQLite database, else (a server database)
    one in the user's data directory."""
    if settings.files_dir is not None:
        return settings.files_dir
    url = settings.database_url
    if url.startswith("sqlite:///") and ":memory:" not in url:
        return Path(url.removeprefix("sqlite:///")).expanduser().resolve().parent / "homeward-files"
    import platformdirs

    return Path(platformdirs.user_data_dir("homeward", appauthor=False)) / "files"


def checked_sha256(value: str | None, *, field: str = "sha256") -> str | None:
    if value is None or not value.strip():
        return None
    text = value.strip().lower()
    if not _SHA256.match(text):
        raise InvalidInput(field, NOT_A_HASH)
    return text


@dataclass(frozen=True)
class Stored:
    sha256: str
    size: int
    new: bool  # False: the same bytes were in the store already


def chunks_of(stream: BinaryIO) -> Iterator[bytes]:
    while chunk := stream.read(CHUNK):
        yield chunk


class FileStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path_of(self, sha256: str) -> Path:
        if not _SHA256.match(sha256):
            raise InvalidInput("sha256", NOT_A_HASH)
        return self.root / sha256[:2] / sha256

    def holds(self, sha256: str) -> bool:
        return self.path_of(sha256).is_file()

    def put(
        self,
        chunks: Iterable[bytes],
        *,
        max_bytes: int,
        claimed_sha256: str | None = None,
        expected_size: int | None = None,
    ) -> Stored:
        """Stream `chunks` into the store; see the module's docstring for what is refused."""
        incoming = self.root / INCOMING
        incoming.mkdir(mode=0o700, parents=True, exist_ok=True)
        temporary = incoming / f"{secrets.token_hex(16)}.part"
        try:
            digest, size = self._write(temporary, chunks, max_bytes)
            if size == 0:
                raise InvalidInput("file", EMPTY)
            if expected_size is not None and size != expected_size:
                raise InvalidInput("file", CUT_OFF, got=size, expected=expected_size)
            if claimed_sha256 is not None and digest != claimed_sha256:
                raise InvalidInput("sha256", HASH_MISMATCH, actual=digest, claimed=claimed_sha256)
            final = self.path_of(digest)
            if final.is_file():
                return Stored(digest, size, new=False)
            final.parent.mkdir(mode=0o700, exist_ok=True)
            os.chmod(temporary, 0o444)
            os.replace(temporary, final)
            _sync_folder(final.parent)
            return Stored(digest, size, new=True)
        finally:
            temporary.unlink(missing_ok=True)

    @staticmethod
    def _write(path: Path, chunks: Iterable[bytes], max_bytes: int) -> tuple[str, int]:
        digest = hashlib.sha256()
        size = 0
        with path.open("xb") as out:
            for chunk in chunks:
                size += len(chunk)
                if size > max_bytes:
                    raise InvalidInput("file", TOO_LARGE, limit=max_bytes // (1024 * 1024))
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        return digest.hexdigest(), size

    def discard_new(self, stored: Stored) -> None:
        """Take back a file this upload added, when its record could not be written; a file
        that was there before (another record's) stays."""
        if stored.new:
            self.path_of(stored.sha256).unlink(missing_ok=True)

    def held(self) -> Iterator[str]:
        """The hashes of every file in the store."""
        if not self.root.is_dir():
            return
        for folder in sorted(self.root.iterdir()):
            if folder.is_dir() and len(folder.name) == 2 and folder.name != INCOMING:
                for item in sorted(folder.iterdir()):
                    if _SHA256.match(item.name) and item.name.startswith(folder.name):
                        yield item.name

    def rehash(self, sha256: str) -> str | None:
        """The SHA-256 of the stored bytes as they are now, or None when the file is gone."""
        path = self.path_of(sha256)
        try:
            with path.open("rb") as stored:
                digest = hashlib.sha256()
                for chunk in chunks_of(stored):
                    digest.update(chunk)
        except FileNotFoundError:
            return None
        return digest.hexdigest()

    def open(self, sha256: str) -> BinaryIO:
        return self.path_of(sha256).open("rb")


def _sync_folder(folder: Path) -> None:
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)
