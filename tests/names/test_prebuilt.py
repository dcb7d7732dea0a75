"""The name tables kept between runs read back exactly as they were built."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from homeward.names import NamePart, concepts, dictionaries, patronymic_concepts
from homeward.names.patronymics import Sex
from homeward.names.prebuilt import SETTING, as_is, fingerprint, kept, tables_folder

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


def test_tables_of_other_versions_are_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SETTING, str(tmp_path))
    stale = tmp_path / "names-0000000000000000"
    stale.mkdir()
    (stale / "small.marshal").write_bytes(b"")
    kept("small", lambda: 1, as_is, as_is)
    assert not stale.exists()
    assert (tmp_path / f"names-{fingerprint()}").is_dir()


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
