"""Evidence files: streamed into the content-addressed store, never altered, their custody
log in the audit log, restricted footage of captives; bad uploads leave nothing behind."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from homeward.access.roles import Forbidden
from homeward.errors import InvalidInput
from homeward.violations import files, service
from homeward.violations.files import FileIn
from homeward.violations.models import EvidenceFile
from homeward.violations.store import FileStore
from tests.violations.factories import (
    ANALYST,
    INVESTIGATOR,
    MB,
    a_person,
    a_store,
    an_act,
    an_incident,
)


def _pieces(data: bytes, size: int = 64 * 1024) -> Iterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start : start + size]


def _add(session: Session, store: FileStore, data: bytes, **given: object) -> EvidenceFile:
    given = {"file_name": "photo.jpg", **given}
    if "incident_id" not in given and "person_id" not in given:
        given["person_id"] = a_person(session)
    return files.add_file(
        session,
        actor=INVESTIGATOR,
        store=store,
        chunks=_pieces(data),
        given=FileIn(**given),  # type: ignore[arg-type]
        max_bytes=MB,
    )


def _stored(store: FileStore) -> list[Path]:
    return [p for p in store.root.rglob("*") if p.is_file()]


def test_a_file_is_named_by_its_sha256_and_kept_read_only(session: Session, tmp_path: Path) -> None:
    store, data = a_store(tmp_path), os.urandom(300_000)
    row = _add(session, store, data, claimed_sha256=hashlib.sha256(data).hexdigest().upper())
    assert row.sha256 == hashlib.sha256(data).hexdigest() and row.size == len(data)
    path = store.path_of(row.sha256)
    assert path.name == row.sha256 and path.read_bytes() == data
    assert not os.access(path, os.W_OK) or os.geteuid() == 0
    assert path.stat().st_mode & 0o222 == 0
    again = _add(session, store, data, file_name="copy.jpg")
    assert again.sha256 == row.sha256 and len(_stored(store)) == 1


def test_tampering_and_loss_are_found_by_verify(session: Session, tmp_path: Path) -> None:
    store = a_store(tmp_path)
    kept, changed, lost = (_add(session, store, os.urandom(5000)) for _ in range(3))
    assert files.verify_files(session, actor=INVESTIGATOR, store=store).intact
    target = store.path_of(changed.sha256)
    target.chmod(0o644)
    with target.open("r+b") as stored:
        stored.write(b"X")
    store.path_of(lost.sha256).unlink()
    check = files.verify_files(session, actor=INVESTIGATOR, store=store)
    assert check.changed == [(changed.sha256, [changed.id])]
    assert check.missing == [(lost.sha256, [lost.id])]
    assert check.checked == 3 and kept.id not in {i for _, ids in check.changed for i in ids}


def test_a_files_custody_log_shows_who_added_and_every_view(
    session: Session, tmp_path: Path
) -> None:
    store = a_store(tmp_path)
    row = _add(session, store, b"%PDF-1.4 a statement", file_name="statement.pdf")
    for actor in (INVESTIGATOR, ANALYST, INVESTIGATOR):
        _row, path = files.view_file(session, actor=actor, store=store, file_id=row.id)
        assert path.read_bytes().startswith(b"%PDF")
    out = tmp_path / "out.pdf"
    files.export_file(session, actor=INVESTIGATOR, store=store, file_id=row.id, out=out)
    log = files.custody_log(session, actor=INVESTIGATOR, file_id=row.id)
    assert [(e.action, e.username) for e in log] == [
        ("file_add", "investigator"),
        ("file_view", "investigator"),
        ("file_view", "analyst"),
        ("file_view", "investigator"),
        ("file_export", "investigator"),
    ]
    assert out.read_bytes() == b"%PDF-1.4 a statement"


def test_footage_of_captives_opens_only_for_investigators_and_is_never_exported(
    session: Session, tmp_path: Path
) -> None:
    store = a_store(tmp_path)
    incident = service.record_incident(
        session,
        actor=INVESTIGATOR,
        incident=an_incident(session, an_act((a_person(session),), "public_curiosity")),
    )
    footage = _add(session, store, b"video bytes", file_name="video.mp4", incident_id=incident.id)
    plain = _add(session, store, b"a letter", file_name="letter.txt")
    assert footage.restricted and not plain.restricted
    with pytest.raises(Forbidden):
        files.view_file(session, actor=ANALYST, store=store, file_id=footage.id)
    files.view_file(session, actor=ANALYST, store=store, file_id=plain.id)
    assert files.files_of(session, actor=ANALYST, incident_id=incident.id) == []
    with pytest.raises(InvalidInput, match="never exported"):
        files.export_file(
            session, actor=INVESTIGATOR, store=store, file_id=footage.id, out=tmp_path / "v"
        )
    assert not (tmp_path / "v").exists()


def _nothing_left(session: Session, store: FileStore, before: int) -> None:
    assert session.scalar(select(func.count()).select_from(EvidenceFile)) == before
    assert _stored(store) == []


def test_a_file_over_the_configured_size_leaves_nothing(session: Session, tmp_path: Path) -> None:
    store = a_store(tmp_path)
    before = session.scalar(select(func.count()).select_from(EvidenceFile)) or 0
    with pytest.raises(InvalidInput, match="larger than 1 MB") as error:
        _add(session, store, b"x" * (MB + 1))
    assert error.value.field == "file"
    _nothing_left(session, store, before)


def test_bytes_that_do_not_match_a_claimed_hash_leave_nothing(
    session: Session, tmp_path: Path
) -> None:
    store = a_store(tmp_path)
    claimed = hashlib.sha256(b"what was promised").hexdigest()
    with pytest.raises(InvalidInput, match=r"not .* as claimed") as error:
        _add(session, store, b"what arrived", claimed_sha256=claimed)
    assert error.value.field == "sha256"
    _nothing_left(session, store, 0)


def test_an_upload_cut_off_half_way_leaves_no_file_and_no_record(
    session: Session, tmp_path: Path
) -> None:
    store = a_store(tmp_path)
    person = a_person(session)

    def broken() -> Iterator[bytes]:
        yield b"a" * 10_000
        raise ConnectionResetError("the client went away")

    with pytest.raises(ConnectionResetError):
        files.add_file(
            session,
            actor=INVESTIGATOR,
            store=store,
            chunks=broken(),
            given=FileIn(file_name="v.mp4", person_id=person),
            max_bytes=MB,
        )
    _nothing_left(session, store, 0)
    with pytest.raises(InvalidInput, match="cut off: 10 of 20 bytes"):
        _add(session, store, b"0123456789", expected_size=20, person_id=person)
    _nothing_left(session, store, 0)


def test_a_file_for_nobody_or_for_a_missing_person_is_refused(
    session: Session, tmp_path: Path
) -> None:
    store = a_store(tmp_path)
    with pytest.raises(InvalidInput, match="an incident, a person or a debriefing"):
        files.add_file(
            session,
            actor=INVESTIGATOR,
            store=store,
            chunks=[b"x"],
            given=FileIn(file_name="x.txt"),
            max_bytes=MB,
        )
    _nothing_left(session, store, 0)


def test_a_record_that_cannot_be_written_takes_its_new_file_back(
    session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = a_store(tmp_path)
    kept = _add(session, store, b"bytes another record holds")

    def broken(*_args: object) -> EvidenceFile:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(files, "_record", broken)
    with pytest.raises(RuntimeError):
        _add(session, store, b"new bytes")
    with pytest.raises(RuntimeError):
        _add(session, store, b"bytes another record holds")
    assert [p.name for p in _stored(store)] == [kept.sha256]


def test_verify_names_a_file_in_the_store_that_no_record_holds(
    session: Session, tmp_path: Path
) -> None:
    store = a_store(tmp_path)
    _add(session, store, b"recorded")
    stray = store.put([b"stray bytes"], max_bytes=MB)
    check = files.verify_files(session, actor=INVESTIGATOR, store=store)
    assert check.intact and check.unrecorded == [stray.sha256]
