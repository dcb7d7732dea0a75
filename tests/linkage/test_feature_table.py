"""The batch table reads each distinct value once and spreads it over the rows: on values that
are easy to get wrong it must equal `features()` of each record, row by row."""

from __future__ import annotations

from dataclasses import replace

import pytest

from homeward.linkage import table as table_module
from homeward.linkage.features import LinkRecord, features
from homeward.linkage.prepared import PreparedRecords
from homeward.linkage.table import feature_table
from tests.linkage.factories import record

TRICKY = [
    record("empty"),
    record("blank", surname=" ", given_name="\u00a0", patronymic="\t", birth_date=" "),
    record("mixed", surname="Кoвaленко", given_name="Oлeксандр", patronymic="Пeтрович"),
    record("latin", surname="KOVALENKO", given_name="Oleksandr", patronymic="Petrovych"),
    record("case", surname="коваленко", given_name="ОЛЕКСАНДР", sex="Ч"),
    record("full", surname="КОВАЛЕНКО Олександр Петрович"),
    record("full-spaces", surname="  Коваленко\u00a0Олександр  Петрович ", given_name=" "),
    record("full-reversed", surname="Олександр Петрович Коваленко"),
    record("full-latin", surname="Kovalenko Oleksandr"),
    record("full-initials", surname="Коваленко О.П."),
    record("full-comma", surname="Коваленко-Руденко, Олександр"),
    record("full-kept", surname="Коваленко Олександр", given_name="Олександр"),
    record("apostrophe", surname="Мар'янчук", given_name="Мар\u2019ян", patronymic="Іванович"),
    record("initials", surname="Коваленко", given_name="О.", patronymic="П."),
    record("diminutive", surname="Коваленко", given_name="Саша", patronymic="Петрівна"),
    record("swapped", surname="Олександр", given_name="Коваленко"),
    record("year", birth_date="00.00.1990", missing_date="00.00.2022"),
    record("first-of-january", birth_date="01.01.1990", missing_date="01.01.2023"),
    record("month", birth_date="00.05.1990", missing_date="05.2022"),
    record("bad-date", birth_date="31.02.1990", missing_date="вчора"),
    record("iso", birth_date="1990-05-17", missing_date="2022-03-01"),
    record("unit", unit="в/ч А0536", birth_place="м. Нікополь, Дніпропетровська обл."),
    record("unit-name", unit="ЧВК «Вагнер»", missing_place="с. Нікополь"),
    record("numbers", service_number="Д-939042", tax_number="1234567890"),
    record("short-number", service_number="12", tax_number="12-34"),
    record("sex-word", sex="жін.", patronymic="Петрович"),
    record("source", source="list"),
]


def _rows(records: list[LinkRecord], workers: int = 1) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = feature_table(records, workers=workers).to_pylist()
    for row in rows:
        row.pop("unique_id")
    return rows


def test_tricky_values_read_as_features_reads_them_one_record_at_a_time() -> None:
    for given, row in zip(TRICKY, _rows(TRICKY), strict=True):
        assert row == features(given), given.record_id


def test_a_value_repeated_on_many_rows_reads_alike_on_each() -> None:
    records = [replace(given, record_id=f"{given.record_id}-{copy}")
               for copy in range(3) for given in TRICKY]  # fmt: skip
    for given, row in zip(records, _rows(records), strict=True):
        assert row == features(given), given.record_id


def test_worker_processes_read_as_this_process_does(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(table_module, "PARALLEL_ABOVE", 2)
    records = [replace(given, record_id=f"{given.record_id}-{copy}")
               for copy in range(2) for given in TRICKY]  # fmt: skip
    assert _rows(records, workers=2) == _rows(records, workers=1)


def test_the_counts_of_key_values_count_the_rows_that_hold_each() -> None:
    records = [record(str(i), surname="Коваленко" if i % 3 else "Мельник") for i in range(9)]
    prepared = PreparedRecords.of(records)
    surname_keys = prepared.table.column("surname_key").to_pylist()
    assert prepared.counts["surname_key"] == {key: surname_keys.count(key)
                                              for key in set(surname_keys)}  # fmt: skip
    assert prepared.totals["surname_key"] == 9
    assert prepared.totals["given_key"] == 0
