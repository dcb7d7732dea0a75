"""The record of every imported file: what it was, who imported it, when, and what it made."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from homeward.db import Base, UTCDateTime, utcnow
from homeward.registry.models import ACTOR


class Import(Base):
    """One imported file. Its SHA-256 is unique: the same file is never imported twice; and so
    is the fingerprint of its rows (`fingerprint.rows_fingerprint`), so that the same list in
    other bytes is not imported twice either. Imports made before migration 0005 have none.

    The reports it made carry the same SHA-256 in `reports.origin_sha256`, with sheet and row.
    """

    __tablename__ = "imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    file_name: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    rows_sha256: Mapped[str | None] = mapped_column(String(64), unique=True)
    file_format: Mapped[str] = mapped_column(String(10))  # csv | xlsx | ods | xls
    encoding: Mapped[str | None] = mapped_column(String(20))
    list_kind: Mapped[str | None] = mapped_column(String(30))  # the evidence kind it makes
    list_date: Mapped[date | None] = mapped_column(Date)
    list_date_precision: Mapped[str | None] = mapped_column(String(7))
    side: Mapped[str] = mapped_column(String(10))
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    rows_read: Mapped[int] = mapped_column(Integer)
    rows_imported: Mapped[int] = mapped_column(Integer)
    rows_rejected: Mapped[int] = mapped_column(Integer)
    actor: Mapped[str] = mapped_column(String(ACTOR))
    channel: Mapped[str] = mapped_column(String(10))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # {"automatic": n, "review": n, "vetoed": n, "new_persons": n, "evidence": n, ...}
    summary: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # the column mapping used, header text → field, so that it can be read back and reused
    mapping: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
