"""Many records at once: the features of `features.features`, as an Arrow table, fast.

A million records hold far fewer distinct values: each raw column is dictionary-encoded in
Arrow, each distinct value is read once (by the same functions `features()` uses), and the
readings are spread back over the rows in C. The result equals `features()` row by row (a test
checks it on the synthetic population). The table adds `unique_id`, the row number, which
Splink uses as the record's id.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]

from homeward.collector import collector_paused
from homeward.linkage.features import (
    COLUMNS,
    LinkRecord,
    birth_columns,
    deletion_keys,
    full_name_columns,
    initial_key,
    missing_columns,
    names_of,
)
from homeward.names import FullName, NamePart, split_full_name
from homeward.names.diminutives import diminutive_keys
from homeward.values import (
    NameKeys,
    date_parts,
    name_keys,
    number_digits,
    place_key,
    sex_from_patronymic_key,
    sex_from_word,
    tax_number_invalid,
    unit_code,
)

# `values.is_unit_code` as a regular expression over the whole code.
UNIT_CODE_FORM = "^[A-Z]{0,2}[0-9]{3,6}$"

RAW_FIELDS = (
    "surname", "given_name", "patronymic", "sex", "birth_date", "birth_place", "unit",
    "missing_date", "missing_place", "source", "service_number", "tax_number",
)  # fmt: skip

_ARROW_TYPES: dict[type, pa.DataType] = {
    str: pa.string(),
    int: pa.int32(),
    bool: pa.bool_(),
    list: pa.list_(pa.string()),
}
SCHEMA = pa.schema(
    [pa.field("unique_id", pa.int64())]
    + [pa.field(name, _ARROW_TYPES[kind]) for name, kind in COLUMNS.items()]
)


def feature_table(records: Iterable[LinkRecord], *, workers: int | None = None) -> pa.Table:
    """The features of every record, one row each, in order, with `unique_id` 0, 1, 2, …

    Names are read in `workers` processes (default: the machine's cores, at most four) when
    there are many distinct ones; `HOMEWARD_LINKAGE_WORKERS=1` keeps it in this process.
    """
    with collector_paused():
        return _feature_table(records, workers)


def _feature_table(records: Iterable[LinkRecord], workers: int | None) -> pa.Table:
    rows = records if isinstance(records, Sequence) else list(records)
    raw = {name: [getattr(record, name) for record in rows] for name in RAW_FIELDS}
    with NameReader(workers) as reader:
        reader.split_full_names(raw)
        names = reader.name_columns(raw)
    columns: dict[str, pa.Array] = {
        "unique_id": pa.array(range(len(rows)), pa.int64()),
        "record_id": pa.array([record.record_id for record in rows], pa.string()),
        "source": _mapped(raw["source"], lambda text: text or None, pa.string()),
    }
    columns.update(names)
    columns.update(_date_columns(raw["birth_date"], "birth", first_of_january_is_year=True))
    columns.update(_date_columns(raw["missing_date"], "missing", first_of_january_is_year=False))
    patronymic_sex = _mapped(columns["patronymic_key"], sex_from_patronymic_key, pa.string())
    columns["sex"] = pc.coalesce(_mapped(raw["sex"], sex_from_word, pa.string()), patronymic_sex)
    columns.update(
        _full_name_columns(columns["given_key"], columns["given_phonetic"], columns["sex"])
    )
    columns["birth_place_key"] = _mapped(raw["birth_place"], place_key, pa.string())
    columns["unit_code"] = _mapped(raw["unit"], unit_code, pa.string())
    columns["unit_is_code"] = pc.match_substring_regex(columns["unit_code"], UNIT_CODE_FORM)
    columns["missing_place_key"] = _mapped(raw["missing_place"], place_key, pa.string())
    columns["service_number"] = _mapped(raw["service_number"], number_digits, pa.string())
    tax_numbers, tax_at = _encode(raw["tax_number"])
    columns["tax_number"] = _spread(tax_numbers, tax_at, number_digits, pa.string())
    columns["tax_number_invalid"] = _spread(tax_numbers, tax_at, tax_number_invalid, pa.bool_())
    return pa.Table.from_arrays([columns[field.name] for field in SCHEMA], schema=SCHEMA)


def _encode(values: list[str] | pa.Array) -> tuple[list[str], pa.Array]:
    """The distinct values, and each row's index among them (null where the row is null)."""
    array = values if isinstance(values, pa.Array) else pa.array(values, pa.string())
    encoded = pc.dictionary_encode(array)
    return encoded.dictionary.to_pylist(), encoded.indices


def _spread(
    distinct: list[str], indices: pa.Array, read: Callable[[str], Any], kind: pa.DataType
) -> pa.Array:
    """`read` applied to each distinct value once, spread over the rows in C."""
    return pa.array([read(value) for value in distinct], kind).take(indices)


def _mapped(
    values: list[str] | pa.Array, read: Callable[[str], Any], kind: pa.DataType
) -> pa.Array:
    """`read` applied to each distinct value once, spread over the rows (a null stays null)."""
    return _spread(*_encode(values), read, kind)


class NameReader:
    """Reads distinct names, in worker processes when there are many (forked after the name
    dictionaries are loaded, so that each worker starts warm)."""

    def __init__(self, workers: int | None) -> None:
        setting = os.environ.get("HOMEWARD_LINKAGE_WORKERS")
        count = workers or (int(setting) if setting else min(os.cpu_count() or 1, 4))
        self.workers = max(count, 1)
        self._pool: Any = None

    def __enter__(self) -> NameReader:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool = None

    def _parallel(self, values: list[str]) -> bool:
        return self.workers > 1 and len(values) >= PARALLEL_ABOVE and _can_fork()

    def _map(self, function: Callable[[list[str]], list[Any]], values: list[str]) -> list[Any]:
        if not self._parallel(values):
            return function(values)
        if self._pool is None:
            _warm_up()
            self._pool = multiprocessing.get_context("fork").Pool(self.workers)
        size = -(-len(values) // (self.workers * 4))
        chunks = [values[i : i + size] for i in range(0, len(values), size)]
        return [item for part in self._pool.map(function, chunks) for item in part]

    def split_full_names(self, raw: dict[str, list[str]]) -> None:
        """A full name in the surname column (given name and patronymic empty) is split."""
        surnames, givens, patronymics = raw["surname"], raw["given_name"], raw["patronymic"]
        waiting = [
            index for index, surname in enumerate(surnames)
            if not givens[index].strip() and not patronymics[index].strip()
            and len(surname.split()) > 1
        ]  # fmt: skip
        distinct = list(dict.fromkeys(surnames[index] for index in waiting))
        found = dict(zip(distinct, self._map(_split_chunk, distinct), strict=True))
        for index in waiting:
            surnames[index], givens[index], patronymics[index] = found[surnames[index]]

    def keys(self, distinct: list[str], part: NamePart) -> list[NameKeys | None]:
        """The keys of each distinct spelling, in their order."""
        function = {NamePart.SURNAME: _surname_chunk, NamePart.GIVEN: _given_chunk,
                    NamePart.PATRONYMIC: _patronymic_chunk}[part]  # fmt: skip
        if not self._parallel(distinct):
            return function(distinct)
        # spellings that differ only in case go to the same worker, which keys them once
        order = sorted(range(len(distinct)), key=lambda i: distinct[i].lower())
        found = self._map(partial(_plain_keys_chunk, part), [distinct[i] for i in order])
        keys: list[NameKeys | None] = [None] * len(distinct)
        for position, i in enumerate(order):
            read = found[position]
            keys[i] = None if read is None else NameKeys(*read)
        return keys

    def name_columns(self, raw: dict[str, list[str]]) -> dict[str, pa.Array]:
        string = pa.string()

        def column(keys: list[NameKeys | None], indices: pa.Array, field: int) -> pa.Array:
            return pa.array([k[field] if k else None for k in keys], string).take(indices)

        surnames, surname_at = _encode(raw["surname"])
        givens, given_at = _encode(raw["given_name"])
        patronymics, patronymic_at = _encode(raw["patronymic"])
        surname = self.keys(surnames, NamePart.SURNAME)
        given = self.keys(givens, NamePart.GIVEN)
        patronymic = self.keys(patronymics, NamePart.PATRONYMIC)
        swapped = self.keys(givens, NamePart.SURNAME)
        given_key = column(given, given_at, 1)
        surname_key = column(surname, surname_at, 1)
        swapped_key = column(swapped, given_at, 1)
        patronymic_key = column(patronymic, patronymic_at, 1)
        return {
            "surname_folded": column(surname, surname_at, 0),
            "surname_key": surname_key,
            "surname_phonetic": column(surname, surname_at, 2),
            "surname_deletions": _deletions(surname_key),
            "given_folded": column(given, given_at, 0),
            "given_key": given_key,
            "given_phonetic": column(given, given_at, 2),
            "given_as_surname_key": swapped_key,
            "given_initial": pa.array([initial_key(k) for k in given], string).take(given_at),
            "given_is_initial": pc.ends_with(given_key, "."),
            "patronymic_key": patronymic_key,
            "patronymic_initial": pa.array([initial_key(k) for k in patronymic], string).take(
                patronymic_at
            ),
            "patronymic_is_initial": pc.ends_with(patronymic_key, "."),
            "name_pair_key": pc.binary_join_element_wise(surname_key, given_key, "|"),
            "names_unordered": pc.binary_join_element_wise(
                pc.min_element_wise(surname_key, swapped_key, skip_nulls=False),
                pc.max_element_wise(surname_key, swapped_key, skip_nulls=False),
                "|",
            ),
        }


def _deletions(surname_key: pa.Array) -> pa.Array:
    """`features.deletion_keys` of each distinct surname key (fewer than its spellings)."""
    keys, indices = _encode(surname_key)
    return pa.array([deletion_keys(key) for key in keys], pa.list_(pa.string())).take(indices)


# Below this many distinct values a pool costs more than it saves.
PARALLEL_ABOVE = 20_000


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _warm_up() -> None:
    """Load the name dictionaries before forking, so that workers share them."""
    for part in NamePart:
        name_keys("Коваленко", part)
    names_of(LinkRecord("", "Коваленко Петро Іванович"))


def _split_chunk(values: list[str]) -> list[tuple[str, str, str]]:
    """`names_of` a record holding each value alone, in its surname column (a full name: the
    caller chose values of more than one word)."""
    return [_split_one(split_full_name(value)) for value in values]


def _split_one(full: FullName) -> tuple[str, str, str]:
    return full.surname or "", full.given_name or "", full.patronymic or ""


def _surname_chunk(values: list[str]) -> list[NameKeys | None]:
    return [name_keys(value, NamePart.SURNAME) for value in values]


def _given_chunk(values: list[str]) -> list[NameKeys | None]:
    return [name_keys(value, NamePart.GIVEN) for value in values]


def _patronymic_chunk(values: list[str]) -> list[NameKeys | None]:
    return [name_keys(value, NamePart.PATRONYMIC) for value in values]


def _plain_keys_chunk(part: NamePart, values: list[str]) -> list[tuple[str, str, str] | None]:
    """`name_keys` of each value as a plain tuple, as a worker sends them back: a named tuple
    takes three times as long to pickle and unpickle."""
    found = (name_keys(value, part) for value in values)
    return [None if keys is None else (keys.folded, keys.key, keys.phonetic) for keys in found]


def _full_name_columns(given_key: pa.Array, phonetic: pa.Array, sex: pa.Array) -> dict[str, Any]:
    """`features.full_name_columns` of each record: worked out for the few records whose given
    name is a diminutive of the table; the others stand for themselves."""
    listed = pa.array(sorted(diminutive_keys()), pa.string())
    mask = pc.fill_null(pc.is_in(given_key, value_set=listed), False)
    at = pc.indices_nonzero(mask)
    rows = [
        full_name_columns(key, sound, record_sex)
        for key, sound, record_sex in zip(
            given_key.take(at).to_pylist(),
            phonetic.take(at).to_pylist(),
            sex.take(at).to_pylist(),
            strict=True,
        )
    ]

    def replaced(column: pa.Array, name: str) -> pa.Array:
        values = pa.array([row[name] for row in rows], column.type)
        return pc.replace_with_mask(column, mask, values)

    present = pc.invert(pc.is_null(given_key))
    return {
        "given_full_key": replaced(given_key, "given_full_key"),
        "given_full_phonetic": replaced(phonetic, "given_full_phonetic"),
        "given_diminutive": replaced(
            pc.if_else(present, False, pa.scalar(None, pa.bool_())), "given_diminutive"
        ),
    }


def _date_columns(
    values: list[str], prefix: str, *, first_of_january_is_year: bool
) -> dict[str, pa.Array]:
    distinct, indices = _encode(values)
    build = birth_columns if prefix == "birth" else missing_columns
    rows = [
        build(date_parts(value, first_of_january_is_year=first_of_january_is_year))
        for value in distinct
    ]
    names = [name for name in COLUMNS if name.startswith(f"{prefix}_") and "place" not in name]
    return {
        name: pa.array([row[name] for row in rows], _ARROW_TYPES[COLUMNS[name]]).take(indices)
        for name in names
    }
