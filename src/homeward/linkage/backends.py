"""Where Splink runs: DuckDB embedded (the default) or Spark (a register beyond one machine).

Both take the same settings, built from the same Python comparison definitions
(`splink_settings`): the SQL of every level is plain SQL both engines read, and Splink's Spark
dialect provides `damerau_levenshtein` through the UDFs `SparkAPI` registers. On Spark, pass a
running session (`spark=`) or let one be created with `SparkSession.builder.getOrCreate()`.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa  # type: ignore[import-untyped]
from splink import DuckDBAPI
from splink.internals.database_api import DatabaseAPISubClass
from splink.internals.splink_dataframe import SplinkDataFrame

from homeward.errors import HomewardError

BACKENDS = ("duckdb", "spark")
logger = logging.getLogger(__name__)


class BackendError(HomewardError):
    """A backend that is unknown or cannot run here."""


@dataclass
class Backend:
    name: str
    api: DatabaseAPISubClass
    connection: Any  # duckdb.DuckDBPyConnection or a SparkSession

    def register(self, table: pa.Table, name: str) -> SplinkDataFrame:
        if self.name == "spark":
            frame = self.connection.createDataFrame(table.to_pylist(), schema=_spark_schema(table))
            return self.api.register(frame, dataset_display_name=name)
        return self.api.register(table, dataset_display_name=name)

    def to_arrow(self, frame: SplinkDataFrame, columns: list[str]) -> pa.Table:
        """Selected columns of a Splink result, as Arrow."""
        if self.name == "duckdb":
            select = ", ".join(columns)
            # our column names, Splink's table name: nothing from outside reaches this SQL
            relation = self.connection.sql(f"SELECT {select} FROM {frame.physical_name}")  # noqa: S608
            return relation.to_arrow_table()
        records = frame.as_record_list()
        return pa.Table.from_pylist([{c: r[c] for c in columns} for r in records])


@contextmanager
def open_backend(name: str = "duckdb", *, spark: Any = None) -> Iterator[Backend]:
    """A backend for one batch job; its temporary tables and files go when the job ends."""
    if name == "duckdb":
        with _duckdb() as backend:
            yield backend
    elif name == "spark":
        yield _spark(spark)
    else:
        raise BackendError(f"unknown linkage backend {name!r}: choose one of {', '.join(BACKENDS)}")


@contextmanager
def _duckdb() -> Iterator[Backend]:
    # Parquet materialisation keeps Splink's intermediate tables out of memory: at a million
    # records it is both the fastest and the leanest of DuckDB's modes here.
    spill = tempfile.mkdtemp(prefix="homeward-linkage-")
    connection = duckdb.connect()
    try:
        connection.execute(f"SET temp_directory = '{spill}'")
        connection.execute("SET preserve_insertion_order = false")
        connection.execute("SET enable_progress_bar = false")
        limit = os.environ.get("HOMEWARD_LINKAGE_MEMORY_LIMIT")
        if limit:
            connection.execute(f"SET memory_limit = '{limit}'")
        api = DuckDBAPI(connection=connection, materialisation="parquet", materialisation_dir=spill)
        yield Backend("duckdb", api, connection)
    finally:
        connection.close()
        shutil.rmtree(spill, ignore_errors=True)


def _spark(session: Any) -> Backend:
    try:
        from pyspark.sql import SparkSession  # type: ignore[import-not-found]
        from splink import SparkAPI
    except ImportError:
        raise BackendError(
            "the Spark backend needs pyspark (pip install pyspark, with Java 8 or 11+); "
            "use --backend duckdb on one machine"
        ) from None
    spark = session or SparkSession.builder.appName("homeward-linkage").getOrCreate()
    return Backend("spark", SparkAPI(spark_session=spark), spark)  # type: ignore[no-untyped-call]


def register_term_frequencies(
    engine: Backend, linker: Any, shares: dict[str, dict[str, float]]
) -> None:
    """Give Splink our term-frequency tables, so that SQL and Python use the same figures."""
    from homeward.linkage.prepared import tf_table

    for column, values in shares.items():
        lookup = engine.register(tf_table(column, values), f"tf_lookup_{column}")
        linker.table_management.register_term_frequency_lookup(lookup, column)


def _spark_schema(table: pa.Table) -> Any:
    from pyspark.sql import types

    kinds = {
        pa.string(): types.StringType(),
        pa.int64(): types.LongType(),
        pa.int32(): types.IntegerType(),
        pa.bool_(): types.BooleanType(),
        pa.float64(): types.DoubleType(),
    }
    return types.StructType(
        [types.StructField(field.name, kinds[field.type], True) for field in table.schema]
    )
