"""The name tables built from names-translator's dictionaries, kept between runs.

Building them reads some 150,000 dictionary entries and joins their spellings into concepts:
about five seconds, paid by every process that meets a name — each console command, each web
worker, each linkage job. They depend only on names-translator's data, on this package's code
and on the Python that wrote them, so they are written once to the user's cache directory under
a key made of all three, and read back in a fraction of a second; a changed dictionary or a
changed line of `homeward.names` builds them afresh.

The files hold `marshal` data: dicts, tuples, strings and numbers, nothing that runs code when
read. A file that cannot be read is built again and rewritten; a folder that cannot be written
only costs the time. `HOMEWARD_NAMES_CACHE=off` builds every time; `HOMEWARD_NAMES_CACHE=DIR`
keeps the files in DIR.

Other versions' folders beside this one are left alone while they are in use: two checkouts of
different code share the cache, and each would otherwise delete the other's tables and rebuild
its own at every run. A process that reads its tables marks their folder used (its time, once a
process); a folder unused for `UNUSED_DAYS` is removed when a new one is written.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any, Final, TypeVar

from platformdirs import user_cache_dir

T = TypeVar("T")

SETTING: Final = "HOMEWARD_NAMES_CACHE"
_PREFIX: Final = "names-"
UNUSED_DAYS: Final = 30


def kept(
    name: str,
    build: Callable[[], T],
    encode: Callable[[T], Any],
    decode: Callable[[Any], T],
) -> T:
    """`build()`, or what an earlier run of the same code and dictionaries built.

    `encode` turns the value into marshal's types, `decode` turns them back; a value read back
    is the value built (a test checks each table)."""
    folder = tables_folder()
    if folder is None:
        return build()
    path = folder / f"{name}.marshal"
    try:
        # our own file of dicts, tuples and strings: marshal builds no objects that run code
        value = decode(marshal.loads(path.read_bytes()))  # noqa: S302
    except (OSError, EOFError, ValueError, TypeError, KeyError, IndexError):
        pass  # absent, or unreadable: build it again
    else:
        _mark_used(folder)
        return value
    value = build()
    _write(path, marshal.dumps(encode(value)))
    return value


@cache
def _mark_used(folder: Path) -> None:
    """The folder's time says when a process last read it (once a process: a `utime`)."""
    with contextlib.suppress(OSError):  # a read-only cache: it is still read
        os.utime(folder)


def as_is(value: T) -> T:
    """For a table marshal holds as it is."""
    return value


def tables_folder() -> Path | None:
    """Where this code's tables are kept; None when keeping is off."""
    setting = os.environ.get(SETTING, "").strip()
    if setting.lower() in {"off", "0", "no", "false"}:
        return None
    root = Path(setting) if setting else Path(user_cache_dir("homeward"))
    return root / f"{_PREFIX}{fingerprint()}"


@cache
def fingerprint() -> str:
    """A key for the code, the dictionaries and the Python version that build the tables."""
    digest = hashlib.sha256()
    digest.update(sys.version.encode())
    digest.update(metadata.version("names-translator").encode())
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _write(path: Path, data: bytes) -> None:
    """Write atomically (another process may be reading or writing the same table); remove the
    tables of other versions beside this one that no process has read for `UNUSED_DAYS`."""
    try:
        new = not path.parent.exists()
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except OSError:
        return  # a read-only or full disk: the tables are built each time
    if new:
        unused_since = time.time() - UNUSED_DAYS * 86400
        for other in path.parent.parent.glob(f"{_PREFIX}*"):
            try:
                stale = other.is_dir() and other.stat().st_mtime < unused_since
            except OSError:
                continue  # removed meanwhile by another process
            if other != path.parent and stale:
                shutil.rmtree(other, ignore_errors=True)
