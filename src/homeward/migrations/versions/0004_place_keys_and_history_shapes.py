"""Places found by a key computed in Python; one shape for every "evidence added" entry

Places get `key` (the name cleaned and case-folded by `registry.sources.place_key`), unique, and
aliases get theirs: SQLite's lower() folds no Cyrillic, so "Оленівка" and "оленівка" became two
places and a second "СІЗО" could not be stored. Places whose keys agree are joined: the first
keeps its name, the others' names become its aliases and their evidence points to it.

History entries of evidence added by an import held only the evidence's id and kind: they get
the fields every other channel records.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05 23:30:00
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from alembic import op

from homeward.dates import PartialDate
from homeward.registry.sources import place_key

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("places") as batch:
        batch.add_column(sa.Column("key", sa.String(length=200), nullable=True))
    with op.batch_alter_table("place_aliases") as batch:
        batch.add_column(sa.Column("key", sa.String(length=200), nullable=True))
    _key_places(op.get_bind())
    with op.batch_alter_table("places") as batch:
        batch.alter_column("key", existing_type=sa.String(length=200), nullable=False)
        batch.drop_constraint("uq_places_name", type_="unique")
        batch.create_unique_constraint(op.f("uq_places_key"), ["key"])
    with op.batch_alter_table("place_aliases") as batch:
        batch.alter_column("key", existing_type=sa.String(length=200), nullable=False)
        batch.drop_index("ix_place_aliases_alias")
        batch.create_index(op.f("ix_place_aliases_key"), ["key"])
    _evidence_entries(op.get_bind())


def _key_places(bind: sa.Connection) -> None:
    places = bind.execute(sa.text("SELECT id, name FROM places ORDER BY id")).all()
    by_key: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for place_id, name in places:
        by_key[place_key(name)].append((place_id, name))
    for key, group in by_key.items():
        (kept, _), *others = group
        bind.execute(
            sa.text("UPDATE places SET key = :key WHERE id = :id"), {"key": key, "id": kept}
        )
        for other, name in others:
            for table in ("evidence", "place_aliases"):
                bind.execute(
                    sa.text(f"UPDATE {table} SET place_id = :kept WHERE place_id = :other"),  # noqa: S608
                    {"kept": kept, "other": other},
                )
            bind.execute(
                sa.text("INSERT INTO place_aliases (place_id, alias) VALUES (:kept, :alias)"),
                {"kept": kept, "alias": name},
            )
            bind.execute(sa.text("DELETE FROM places WHERE id = :id"), {"id": other})
    aliases = bind.execute(sa.text("SELECT id, alias FROM place_aliases")).all()
    for alias_id, alias in aliases:
        bind.execute(
            sa.text("UPDATE place_aliases SET key = :key WHERE id = :id"),
            {"key": place_key(alias), "id": alias_id},
        )


_EVIDENCE = sa.text(
    "SELECT e.kind, e.occurred_on, e.occurred_precision, e.reliability, e.note, e.report_id, "
    "e.supersedes_id, p.name, s.kind, s.name FROM evidence e "
    "LEFT JOIN places p ON p.id = e.place_id LEFT JOIN sources s ON s.id = e.source_id "
    "WHERE e.id = :id"
)


def _evidence_entries(bind: sa.Connection) -> None:
    history = sa.table("person_history", sa.column("id", sa.Integer), sa.column("changes", sa.JSON))
    rows = bind.execute(
        sa.select(history.c.id, history.c.changes).where(
            sa.text("person_history.action = 'evidence_added'")
        )
    ).all()
    for entry_id, changes in rows:
        if "evidence" in changes or "evidence_id" not in changes:
            continue
        found = bind.execute(_EVIDENCE, {"id": changes["evidence_id"]}).first()
        if found is None:
            continue
        bind.execute(
            history.update()
            .where(history.c.id == entry_id)
            .values(changes={"evidence_id": changes["evidence_id"], "evidence": _shape(found)})
        )


def _shape(found: Any) -> dict[str, Any]:
    kind, on, precision, reliability, note, report_id, supersedes_id = found[:7]
    place, source_kind, source_name = found[7:]
    day = PartialDate.from_stored(on if not isinstance(on, str) else _day(on), precision)
    return {
        "kind": kind,
        "on": day.iso() if day else None,
        "reliability": reliability,
        "place": place,
        "note": note,
        "source": {"kind": source_kind, "name": source_name} if source_name else None,
        "report_id": report_id,
        "supersedes_id": supersedes_id,
    }


def _day(text: str) -> Any:
    from datetime import date

    return date.fromisoformat(text[:10])


def downgrade() -> None:
    with op.batch_alter_table("place_aliases") as batch:
        batch.drop_index(op.f("ix_place_aliases_key"))
        batch.create_index("ix_place_aliases_alias", ["alias"])
        batch.drop_column("key")
    with op.batch_alter_table("places") as batch:
        batch.drop_constraint(op.f("uq_places_key"), type_="unique")
        batch.create_unique_constraint("uq_places_name", ["name"])
        batch.drop_column("key")
