"""Exports from the web: the persons a search finds, as CSV or XLSX, for the roles that may
export (analysts). The command line's `homeward export` selects by status, place and list."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from homeward.access import audit
from homeward.access.actor import Actor
from homeward.access.audit import AuditAction
from homeward.access.roles import Permission
from homeward.errors import InvalidInput
from homeward.imports.export import COLUMNS, rows_of_persons, write_csv, write_xlsx
from homeward.registry.search import MAX_PER_PAGE, SearchFilters, search_persons
from homeward.web.usecases.persons import shown_filters

EXPORT_MOST = 50_000  # persons in one export from the web: the command line exports any number


@dataclass(frozen=True)
class ExportFile:
    name: str
    media_type: str
    content: bytes
    count: int


def export_search(
    session: Session,
    actor: Actor,
    query: str,
    filters: SearchFilters,
    *,
    file_format: str,
    lang: str,
) -> ExportFile:
    """Every person a search finds (its ranked names, or the whole list its filters select), as
    CSV or XLSX with their status explained, cells guarded against formulas; audited."""
    actor.require(Permission.EXPORT)
    if file_format not in ("csv", "xlsx"):
        raise InvalidInput("format", "%(value)s is not one of %(known)s", value=repr(file_format),
                           known="csv, xlsx")  # fmt: skip
    ids: list[int] = []
    page = 1
    while len(ids) < EXPORT_MOST:
        found = search_persons(session, query, filters, page=page, per_page=MAX_PER_PAGE)
        ids += [hit.person_id for hit in found.hits]
        if not found.hits or page * MAX_PER_PAGE >= found.total:
            break
        page += 1
    ids = ids[:EXPORT_MOST]
    rows = rows_of_persons(session, ids, as_of=date.today(), lang="uk" if lang == "uk" else "en")
    with tempfile.TemporaryDirectory(prefix="homeward-export-") as folder:
        path = Path(folder) / f"persons.{file_format}"
        if file_format == "xlsx":
            count = write_xlsx(path, COLUMNS, rows, title="persons")
        else:
            count = write_csv(path, COLUMNS, rows)
        content = path.read_bytes()
    audit.log(
        session,
        actor,
        AuditAction.EXPORT,
        object_type="search",
        detail={"query": " ".join(query.split()), "format": file_format, "count": count,
                "filters": shown_filters(filters)},
    )  # fmt: skip
    media = XLSX_TYPE if file_format == "xlsx" else "text/csv; charset=utf-8"
    return ExportFile(f"persons-{date.today():%Y%m%d}.{file_format}", media, content, count)


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
