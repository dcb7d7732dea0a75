"""The name tables kept between runs read back exactly as they were built."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from homeward.names import NamePart, concepts, dictionaries, patronymic_concepts
from homeward.names.patronymics import Sex
from homeward.names.prebuilt import (
    SETTING,
    UNUSED_DAYS,
    as_is,
    fingerprint,
    kept,
    tables_folder,
)

Table = tuple[str, Callable[[], Any], Callable[[Any], Any], Callable[[Any], Any]]


def _fathers_codec() -> tuple[Callable[[Any], Any], Callable[[Any], Any]]:
    sex = Sex
    return (
        lambda found: {k: (name, s.value) for k, (name, s) in found.items()},
        lambda data: {k: (name, sex(s)) for k, (name, s) in data.items()},
    )


TABLES: list[Table] = [
    *(
        (f"uk_to_ru.{part.value}", lambda part=part: dictionaries._uk_to_ru(part), as_is, as_is)
        for part in NamePart
    ),
    ("surname_concepts", concepts._surname_concepts, concepts._encoded, concepts._decoded),
    ("given_name_concepts", concepts._given_name_concepts, concepts._encoded, concepts._decoded),
    ("patronymic_fathers", patronymic_concepts._fathers, *_fathers_codec()),
]


@pytest.mark.parametrize("table", TABLES, ids=[table[0] for table in TABLES])
def test_a_table_reads_back_as_it_was_built(
    table: Table, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SETTING, str(tmp_path))
    name, build, encode, decode = table
    built = kept(name, build, encode, decode)
    assert (tmp_path / f"names-{fingerprint()}" / f"{name}.marshal").exists()
    calls: list[int] = []

    def counted() -> Any:
        calls.append(1)
        return build()

    read = kept(name, counted, encode, decode)
    assert not calls  # read, not built
    assert read == built


def test_an_unreadable_table_is_built_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SETTING, str(tmp_path))
    kept("small", lambda: {"а": ("б",)}, as_is, as_is)
    path = tmp_path / f"names-{fingerprint()}" / "small.marshal"
    path.write_bytes(b"\x00 not marshal")
    assert kept("small", lambda: {"в": ("г",)}, as_is, as_is) == {"в": ("г",)}
    assert kept("small", lambda: {}, as_is, as_is) == {"в": ("г",)}  # rewritten


def test_tables_of_other_versions_in_use_are_kept_and_long_unused_ones_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two checkouts of different code share the cache: neither deletes the other's tables
    (each would rebuild its own at every run); a folder no process read for `UNUSED_DAYS`
    goes when a new one is written."""
    monkeypatch.setenv(SETTING, str(tmp_path))
    other = tmp_path / "names-1111111111111111"
    other.mkdir()
    (other / "small.marshal").write_bytes(b"")
    stale = tmp_path / "names-0000000000000000"
    stale.mkdir()
    (stale / "small.marshal").write_bytes(b"")
    long_ago = time.time() - (UNUSED_DAYS + 1) * 86400
    os.utime(stale, (long_ago, long_ago))
    kept("small", lambda: 1, as_is, as_is)
    assert other.is_dir() and (other / "small.marshal").exists()
    assert not stale.exists()
    assert (tmp_path / f"names-{fingerprint()}").is_dir()


def test_reading_the_tables_marks_their_folder_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SETTING, str(tmp_path))
    kept("small", lambda: 1, as_is, as_is)
    folder = tmp_path / f"names-{fingerprint()}"
    long_ago = time.time() - (UNUSED_DAYS + 1) * 86400
    os.utime(folder, (long_ago, long_ago))
    assert kept("small", lambda: 2, as_is, as_is) == 1
    assert folder.stat().st_mtime > time.time() - 3600


def test_keeping_can_be_switched_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SETTING, "off")
    assert tables_folder() is None
    calls: list[int] = []

    def build() -> int:
        calls.append(1)
        return 1

    for _ in range(2):
        kept("small", build, as_is, as_is)
    assert calls == [1, 1]
