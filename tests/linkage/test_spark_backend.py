"""Spark gives what DuckDB gives: the same pairs, weights, decisions and clusters.

pyspark is an optional extra (`pip install -e '.[spark]'`, with Java 17 or later): without it,
or without Java, these tests skip; CI does not install pyspark, so there they always skip.
Spark runs in local mode on two threads, without its web UI, listening on the loopback only.
"""

from __future__ import annotations

import importlib.util
import math
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from homeward.linkage.batch import DedupeResult, LinkDecision, dedupe, link_list
from homeward.linkage.features import LinkRecord
from homeward.linkage.model import LinkageModel
from homeward.linkage.prepared import PreparedRecords
from tests.linkage.factories import population


def _why_not() -> str | None:
    if importlib.util.find_spec("pyspark") is None:
        return (
            "pyspark is not installed: the Spark backend is an optional extra "
            "(pip install -e '.[spark]'), which CI (CI=true) does not install"
        )
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        return "no Java on this machine: pyspark needs Java 17 or later"
    return None


WHY_NOT = _why_not()
pytestmark = [pytest.mark.slow, pytest.mark.skipif(WHY_NOT is not None, reason=WHY_NOT or "")]

WEIGHT_TOLERANCE = 1e-6
PROBABILITY_TOLERANCE = 1e-9


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    from homeward.linkage.backends import local_spark

    folder = tempfile.mkdtemp(prefix="homeward-spark-test-")
    session = local_spark(cores=2, partitions=4, folder=folder)
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def records() -> list[LinkRecord]:
    found = [record for record, _ in population(400, 7)]
    assert 900 <= len(found) <= 1100
    return found


@pytest.fixture(scope="module")
def model() -> LinkageModel:
    return LinkageModel.load(None)


def _pairs(result: DedupeResult) -> dict[tuple[str, str], tuple[float, float, str, bool]]:
    names = ("left_id", "right_id", "match_weight", "match_probability", "decision", "vetoed")
    columns = [result.edges.column(name).to_pylist() for name in names]
    return {(a, b): (w, p, d, v) for a, b, w, p, d, v in zip(*columns, strict=True)}


def _job_folders() -> set[str]:
    pattern = re.compile(r"homeward-linkage-[0-9a-f]{12}-")
    return {name for name in os.listdir(tempfile.gettempdir()) if pattern.match(name)}


def test_dedupe_on_spark_equals_duckdb(spark: Any, records: list[LinkRecord], model: Any) -> None:
    prepared = PreparedRecords.of(records)
    folders = _job_folders()
    on_duckdb = _pairs(duck := dedupe(prepared, model=model))
    on_spark = _pairs(sparked := dedupe(prepared, model=model, backend="spark", spark=spark))

    assert on_spark.keys() == on_duckdb.keys()
    decisions = [on_duckdb[pair][2] for pair in on_duckdb]
    assert len(on_duckdb) > 300
    assert decisions.count("auto") > 100
    assert decisions.count("review") > 10
    for pair, (weight, probability, decision, vetoed) in on_duckdb.items():
        spark_weight, spark_probability, spark_decision, spark_vetoed = on_spark[pair]
        assert math.isclose(spark_weight, weight, rel_tol=0, abs_tol=WEIGHT_TOLERANCE), pair
        assert abs(spark_probability - probability) <= PROBABILITY_TOLERANCE, pair
        assert (spark_decision, spark_vetoed) == (decision, vetoed), pair
    assert sparked.clusters == duck.clusters
    assert sparked.best == pytest.approx(duck.best, abs=PROBABILITY_TOLERANCE)

    # the job's views and Parquet went with it; the session stays
    assert [t.name for t in spark.catalog.listTables() if t.isTemporary] == []
    assert _job_folders() == folders


def test_a_list_column_is_an_array_on_spark() -> None:
    """`surname_deletions`, which the exploded rules join on, is a list: an array on Spark."""
    import pyarrow as pa  # type: ignore[import-untyped]
    from pyspark.sql import types  # type: ignore[import-not-found, unused-ignore]

    from homeward.linkage.backends import BackendError, _spark_schema

    deletions = pa.array([["ab", "ac"]], pa.list_(pa.string()))
    table = pa.table({"unique_id": pa.array([0], pa.int64()), "surname_deletions": deletions})
    schema = _spark_schema(table)
    assert schema["surname_deletions"].dataType == types.ArrayType(types.StringType(), True)
    assert schema["unique_id"].dataType == types.LongType()
    with pytest.raises(BackendError, match="no Spark type"):
        _spark_schema(pa.table({"at": pa.array([0], pa.timestamp("s"))}))


def test_a_local_session_has_room_for_the_exploded_rules(spark: Any) -> None:
    """Spark's default 1g of heap ran out in Splink's blocking at 10,000 reports."""
    assert spark.conf.get("spark.driver.memory") == "3g"


def test_splink_blocking_on_spark_finds_the_pairs_duckdb_joins(
    spark: Any, records: list[LinkRecord], model: Any
) -> None:
    """The exploded rules (`arrays_to_explode` on `surname_deletions`, a list) on Spark: Splink's
    blocking there finds each pair under the same rule as `pairs.dedupe_pairs` on DuckDB (which
    DuckDB's dedupe hands to Splink instead of Splink's own blocking), and the exploded rules
    find pairs here that no rule before them finds."""
    from splink import Linker

    from homeward.linkage.backends import open_backend, register_term_frequencies
    from homeward.linkage.blocking import ONE_LETTER_RULES
    from homeward.linkage.pairs import dedupe_pairs
    from homeward.linkage.splink_settings import settings_dict

    prepared = PreparedRecords.of(records)
    rules = model.blocking_rules
    joined = dedupe_pairs(prepared.table, rules).to_pylist()
    expected = {(int(p["match_key"]), p["join_key_l"], p["join_key_r"]) for p in joined}
    with open_backend("spark", spark=spark) as engine:
        frame = engine.register(prepared.table, "records_0")
        settings = settings_dict(model, blocking_rules=rules)
        linker = Linker(frame, settings)
        register_term_frequencies(engine, linker, prepared.shares)
        blocked = linker.inference.deterministic_link()
        found = engine.to_arrow(blocked, ["match_key", "unique_id_l", "unique_id_r"])
    on_spark = [
        (int(key), min(left, right), max(left, right))
        for key, left, right in zip(*(c.to_pylist() for c in found.columns), strict=True)
    ]

    assert len(on_spark) == len(set(on_spark)), "a pair found twice"
    assert set(on_spark) == expected
    exploded = {rules.index(rule) for rule in ONE_LETTER_RULES}
    assert len(exploded) == len(ONE_LETTER_RULES)
    assert sum(key in exploded for key, _, _ in on_spark) > 0
    assert [t.name for t in spark.catalog.listTables() if t.isTemporary] == []


def _decision(d: LinkDecision) -> tuple[object, ...]:
    return (d.list_record_id, d.register_record_id, d.decision,
            tuple((p.right_id, p.decision) for p in d.alternatives))  # fmt: skip


def test_link_list_on_spark_equals_duckdb(
    spark: Any, records: list[LinkRecord], model: Any
) -> None:
    register = PreparedRecords.of([r for i, r in enumerate(records) if i % 3])
    incoming = [r for i, r in enumerate(records) if not i % 3]
    on_duckdb = link_list(register, incoming, model=model)
    on_spark = link_list(register, incoming, model=model, backend="spark", spark=spark)

    assert [_decision(d) for d in on_spark] == [_decision(d) for d in on_duckdb]
    assert sum(d.decision == "auto" for d in on_duckdb) > 50
    for ours, theirs in zip(on_duckdb, on_spark, strict=True):
        if ours.register_record_id is not None:
            assert math.isclose(
                theirs.score.match_weight, ours.score.match_weight, abs_tol=WEIGHT_TOLERANCE
            )
    assert [t.name for t in spark.catalog.listTables() if t.isTemporary] == []


def test_a_checkpoint_directory_holds_the_jobs_tables_until_it_ends(
    spark: Any, tmp_path: Path
) -> None:
    """On a cluster the intermediate tables go under the session's checkpoint directory (one
    every node reaches), in a folder of the job's own, removed at the end. Runs last: a
    session's checkpoint directory cannot be unset."""
    from homeward.linkage.backends import _spark_folder

    spark.sparkContext.setCheckpointDir(tmp_path.as_uri())
    folder, remove = _spark_folder(spark, "0123456789ab")
    assert folder is not None
    assert folder.startswith(spark.sparkContext.getCheckpointDir())
    spark.range(3).write.parquet(f"{folder}/some_table")
    written = Path(folder.removeprefix("file:"))
    assert any(written.rglob("*.parquet"))
    remove()
    assert not written.exists()
