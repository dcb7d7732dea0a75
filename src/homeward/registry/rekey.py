"""Stored name keys recomputed after the keys' rules change (`homeward.names.KEY_VERSION`).

Every spelling of a name keeps its match and phonetic keys beside it (`PersonName`), so that
search and linkage find it through an index. When a change to `homeward.names` gives a name
another key, the keys already stored are stale: a search computes the new key and would miss the
old rows. A migration that follows such a change calls `rekey_names`, which recomputes every
row's keys with the code of the day and writes the rows whose keys differ, in batches.
"""

from __future__ import annotations

from typing import Final

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from homeward.names import NamePart, match_key, phonetic_key

BATCH: Final = 5_000

_NAMES: Final = sa.table(
    "person_names",
    sa.column("id", sa.Integer),
    sa.column("surname", sa.String),
    sa.column("given_name", sa.String),
    sa.column("patronymic", sa.String),
    sa.column("surname_key", sa.String),
    sa.column("given_key", sa.String),
    sa.column("patronymic_key", sa.String),
    sa.column("surname_phonetic", sa.String),
)
_KEYS: Final = ("surname_key", "given_key", "patronymic_key", "surname_phonetic")


def name_keys(surname: str, given_name: str | None, patronymic: str | None) -> dict[str, str]:
    """The keys stored beside one spelling (the same as `registry.service.name_row` gives)."""
    return {
        "surname_key": match_key(surname, NamePart.SURNAME),
        "given_key": match_key(given_name or "", NamePart.GIVEN),
        "patronymic_key": match_key(patronymic or "", NamePart.PATRONYMIC),
        "surname_phonetic": phonetic_key(surname, NamePart.SURNAME),
    }


def rekey_names(connection: Connection, *, batch: int = BATCH) -> int:
    """Recompute every stored spelling's keys; returns how many rows changed. Pages by id, so
    a register of millions of spellings never sits in memory whole."""
    columns = _NAMES.c
    update = (
        _NAMES.update()
        .where(columns.id == sa.bindparam("row_id"))
        .values({key: sa.bindparam(key) for key in _KEYS})
    )
    changed = 0
    last = 0
    while True:
        rows = connection.execute(
            sa.select(
                columns.id,
                columns.surname,
                columns.given_name,
                columns.patronymic,
                *[columns[key] for key in _KEYS],
            )
            .where(columns.id > last)
            .order_by(columns.id)
            .limit(batch)
        ).all()
        if not rows:
            return changed
        stale = []
        for row in rows:
            keys = name_keys(row.surname, row.given_name, row.patronymic)
            if any(getattr(row, key) != value for key, value in keys.items()):
                stale.append({"row_id": row.id, **keys})
        if stale:
            connection.execute(update, stale)
            changed += len(stale)
        last = rows[-1].id
