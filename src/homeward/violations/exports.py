"""Incidents for accountability: a row per act (its incident, type and the articles it
breaches, when, where, victims, alleged perpetrators, sources with reliability and credibility,
the SHA-256 of the files that prove it) as CSV or XLSX, cells guarded against formulas; and a
case file PDF per incident through `homeward.documents`. Restricted files (footage of captives)
are never named in either."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from homeward.dates import parse_partial_date
from homeward.documents import render_pdf
from homeward.documents.formats import day_month_year
from homeward.i18n import translator
from homeward.imports.export import ExportValue, write_csv, write_xlsx
from homeward.violations.models import EvidenceFile, Incident
from homeward.violations.views import incident_json
from homeward.violations.vocab import CREDIBILITY_WORDS, PERPETRATOR_WORDS

COLUMNS = (
    "incident_id",
    "incident",
    "act_id",
    "act_type",
    "act",
    "articles",
    "occurred",
    "until",
    "place",
    "victim_ids",
    "victims",
    "alleged_perpetrators",
    "sources",
    "files_sha256",
)


def public_files(session: Session, incident_ids: Iterable[int]) -> dict[int, list[EvidenceFile]]:
    """The files of each incident that may leave: never the restricted ones."""
    found: dict[int, list[EvidenceFile]] = {}
    ids = list(incident_ids)
    if not ids:
        return found
    rows = session.scalars(
        select(EvidenceFile)
        .where(EvidenceFile.incident_id.in_(ids), EvidenceFile.restricted.is_(False))
        .order_by(EvidenceFile.id)
    )
    for row in rows:
        found.setdefault(row.incident_id or 0, []).append(row)
    return found


def _(message: str) -> str:
    """Marks a message for the catalogue; the export translates it into its language."""
    return message


SOURCE_CELL = _("%(source)s (reliability %(reliability)s, credibility %(credibility)s)")
RELIABILITY_WORDS = {"high": _("high"), "medium": _("medium"), "low": _("low")}


def act_rows(
    incidents: Sequence[Incident],
    names: dict[int, str],
    files: dict[int, list[EvidenceFile]],
    *,
    lang: str = "en",
) -> Iterator[list[ExportValue]]:
    """A row per act; the words (the act type, the articles it breaches, the kinds of alleged
    perpetrator, reliability and credibility) in the export's language, the codes as they are."""
    say = translator(lang)
    for incident in incidents:
        data = incident_json(incident, names)
        hashes = " ".join(row.sha256 for row in files.get(incident.id, []))
        for act in data["acts"]:
            yield [
                incident.id,
                incident.title,
                act["id"],
                act["act_type"],
                say(act["act_type_label"]),
                say(act["articles"]),
                act["occurred"] or "",
                act["until"] or "",
                act["place"] or "",
                " ".join(str(v["person_id"]) for v in act["victims"]),
                "; ".join(v["name"] for v in act["victims"]),
                "; ".join(
                    f"{p['name']} ({say(PERPETRATOR_WORDS.get(p['kind'], p['kind']))})"
                    for p in act["alleged_perpetrators"]
                ),
                "; ".join(
                    say(
                        SOURCE_CELL,
                        source=s["source"],
                        reliability=say(RELIABILITY_WORDS.get(s["reliability"], s["reliability"])),
                        credibility=say(CREDIBILITY_WORDS.get(s["credibility"], s["credibility"])),
                    )
                    for s in act["sources"]
                ),
                hashes,
            ]


def write_incidents(
    rows: Iterable[Sequence[ExportValue]], *, file_format: str
) -> tuple[bytes, int]:
    with tempfile.TemporaryDirectory(prefix="homeward-incidents-") as folder:
        path = Path(folder) / f"incidents.{file_format}"
        if file_format == "xlsx":
            count = write_xlsx(path, COLUMNS, rows, title="incidents")
        else:
            count = write_csv(path, COLUMNS, rows)
        return path.read_bytes(), count


def case_file_pdf(
    incident: Incident, names: dict[int, str], files: list[EvidenceFile], *, lang: str
) -> bytes:
    """The case file of one incident: what was done, to whom, by whom (alleged), where, when,
    on which sources, and the SHA-256 of each file that may leave, for whoever checks them."""
    shown = incident_json(incident, names, files)
    # Paper says dates as the reader writes them (12.03.2023, 03.2023), never the JSON's ISO.
    shown["recorded_at"] = day_month_year(incident.recorded_at.date())
    for act in shown["acts"]:
        for key in ("occurred", "until"):
            act[key] = day_month_year(parse_partial_date(act[key], field=key))
    context: dict[str, Any] = {"incident": shown, "credibility_words": CREDIBILITY_WORDS}
    second = "en" if lang == "uk" else "uk"
    return render_pdf("violations/case_file.html", context, lang=lang, second_lang=second)
