"""Where Splink runs: DuckDB embedded (the default) or Spark (a register beyond one machine).

Both take the same settings, built from the same Python comparison definitions
(`splink_settings`): the SQL of every level is plain SQL both engines read (`levenshtein`,
`abs`, `length` and `substr` are built into both; `damerau_levenshtein`, which no comparison
uses now, comes on Spark from Splink's similarity jar, which a session made here loads). On
Spark, pass a running session (`spark=`) or let one be created with
`SparkSession.builder.getOrCreate()`.

Splink's intermediate tables on Spark are written as Parquet (cutting the lineage of each
stage) into a folder of their own for the job: under the session's checkpoint directory when it
has one (on a cluster, one every node reaches), else in a local temporary folder when Spark runs
in local mode; a cluster without a checkpoint directory keeps them persisted in the executors
instead. The folder, the temporary views and the cached tables of the job go when it ends; the
session stays.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa  # type: ignore[import-untyped]

from homeward.errors import HomewardError

if TYPE_CHECKING:  # splink and duckdb are imported when a backend opens (half a second)
    from splink.internals.database_api import DatabaseAPISubClass
    from splink.internals.splink_dataframe import SplinkDataFrame

BACKENDS = ("duckdb", "spark")
# The heap of a Spark JVM this process starts (`HOMEWARD_SPARK_MEMORY`): Spark's own 1g ran out
# at 10,000 reports in Splink's blocking with the exploded rules.
SPARK_MEMORY_SETTING = "HOMEWARD_SPARK_MEMORY"
DEFAULT_SPARK_MEMORY = "3g"
_JVM_SIZE = re.compile(r"[1-9][0-9]*(?:[kmgt]b?)?", re.IGNORECASE)
logger = logging.getLogger(__name__)


class BackendError(HomewardError):
    """A backend that is unknown or cannot run here."""


@dataclass
class Backend:
    name: str
    api: DatabaseAPISubClass
    connection: Any  # duckdb.DuckDBPyConnection or a SparkSession
    # Spark: a suffix that keeps this job's input tables apart from other jobs' in the session
    job: str = ""
    registered: list[str] = field(default_factory=list)

    def register(self, table: pa.Table, name: str) -> SplinkDataFrame:
        """An Arrow table as a Splink input; `name` is what Splink calls it (`source_dataset`)."""
        if self.name == "spark":
            physical = f"{name}_{self.job}"
            self.registered.append(physical)
            frame = _spark_frame(self.connection, table)
            return self.api.register(frame, table_name=physical, dataset_display_name=name)
        return self.api.register(table, dataset_display_name=name)

    def to_arrow(self, frame: SplinkDataFrame, columns: list[str]) -> pa.Table:
        """Selected columns of a Splink result, as Arrow."""
        if self.name == "duckdb":
            select = ", ".join(columns)
            # our column names, Splink's table name: nothing from outside reaches this SQL
            relation = self.connection.sql(f"SELECT {select} FROM {frame.physical_name}")  # noqa: S608
            return relation.to_arrow_table()
        selected = self.connection.table(frame.physical_name).select(*columns)
        if hasattr(selected, "toArrow"):  # pyspark 4
            return selected.toArrow()
        rows = [row.asDict() for row in selected.collect()]
        return pa.Table.from_pylist(rows) if rows else pa.table({c: [] for c in columns})


@contextmanager
def open_backend(name: str = "duckdb", *, spark: Any = None) -> Iterator[Backend]:
    """A backend for one batch job; its temporary tables and files go when the job ends."""
    if name == "duckdb":
        with _duckdb() as backend:
            yield backend
    elif name == "spark":
        with _spark(spark) as backend:
            yield backend
    else:
        raise BackendError(f"unknown linkage backend {name!r}: choose one of {', '.join(BACKENDS)}")


def spark_memory() -> str:
    """The heap for a Spark JVM this process starts, as Spark writes sizes ("3g", "512m"):
    `HOMEWARD_SPARK_MEMORY`, else 3g. A size Spark would not read is refused here, before a
    JVM is started."""
    setting = os.environ.get(SPARK_MEMORY_SETTING, "").strip()
    if not setting:
        return DEFAULT_SPARK_MEMORY
    if not _JVM_SIZE.fullmatch(setting):
        raise BackendError(
            f"{SPARK_MEMORY_SETTING}={setting!r} is not a size Spark reads: write it as 3g, "
            "512m or 8192m"
        )
    return setting.lower()


@contextmanager
def _duckdb() -> Iterator[Backend]:
    # Parquet materialisation keeps Splink's intermediate tables out of memory: at a million
    # records it is both the fastest and the leanest of DuckDB's modes here.
    import duckdb
    from splink import DuckDBAPI

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


def _pyspark() -> Any:
    try:
        from pyspark.sql import SparkSession  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        raise BackendError(
            "the Spark backend needs pyspark (pip install 'homeward[spark]'; pyspark 4 runs on "
            "Java 17 or later); use --backend duckdb on one machine"
        ) from None
    return SparkSession


@contextmanager
def _spark(session: Any) -> Iterator[Backend]:
    session_class = _pyspark()
    from splink.backends.spark import similarity_jar_location

    # a session this makes (the command line's --backend spark) starts its JVM with the heap
    # of `spark_memory()`; a running session keeps its own
    spark = session or (
        session_class.builder.appName("homeward-linkage")
        .config("spark.driver.memory", spark_memory())
        .config("spark.jars", similarity_jar_location())
        .getOrCreate()
    )
    job = uuid.uuid4().hex[:12]
    folder, remove = _spark_folder(spark, job)
    api = _spark_api(spark, folder)
    backend = Backend("spark", api, spark, job=job)
    try:
        yield backend
    finally:
        # Splink's tables are temporary views (cached ones when persisted), its own and ours
        for name in [*api.made, *backend.registered]:
            try:
                if spark.catalog.isCached(name):
                    spark.catalog.uncacheTable(name)
                spark.catalog.dropTempView(name)
            except Exception as error:  # a view never created, a session stopped
                logger.debug("could not drop %s: %s", name, error)
        remove()


def _spark_folder(spark: Any, job: str) -> tuple[str | None, Callable[[], None]]:
    """Where this job's intermediate tables go, and how to remove them afterwards."""
    checkpoint = spark.sparkContext.getCheckpointDir()
    if checkpoint:
        folder = f"{checkpoint.rstrip('/')}/homeward-linkage-{job}"

        def remove_shared() -> None:
            jvm = spark.sparkContext._jvm
            path = jvm.org.apache.hadoop.fs.Path(folder)
            path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()).delete(path, True)

        return folder, remove_shared
    if spark.sparkContext.master.startswith("local"):
        local = tempfile.mkdtemp(prefix=f"homeward-linkage-{job}-")
        return Path(local).as_uri(), lambda: shutil.rmtree(local, ignore_errors=True)
    logger.info("no checkpoint directory: Splink's tables stay persisted in the executors")
    return None, lambda: None


def _spark_api(spark: Any, folder: str | None) -> Any:
    """Splink's `SparkAPI`, writing its Parquet under `folder` (persisting when None), and
    keeping the names of the views it makes (Splink leaves them in the session)."""
    from splink.backends.spark import SparkAPI

    class JobSparkAPI(SparkAPI):
        made: list[str]

        def _get_checkpoint_dir_path(self, spark_df: Any) -> str | None:
            return folder

        def _cleanup_for_execute_sql(
            self, table: Any, templated_name: str, physical_name: str
        ) -> Any:
            self.made.append(physical_name)
            return super()._cleanup_for_execute_sql(table, templated_name, physical_name)

    method = "parquet" if folder else "persist"
    api = JobSparkAPI(spark_session=spark, break_lineage_method=method)  # type: ignore[no-untyped-call, unused-ignore]
    api.made = []
    return api


def local_spark(
    cores: int = 2, partitions: int = 4, *, folder: str | None = None, memory: str | None = None
) -> Any:
    """A Spark session in local mode on this machine, for trials, tests and benchmarks: `cores`
    threads, few shuffle partitions (Spark's 200 are for a cluster), no web UI, nothing
    listening beyond the loopback, its warehouse under `folder` (a temporary one by default),
    `memory` for the JVM that runs it all (by default `spark_memory()`: Spark's 1g ran out of
    heap at 10,000 reports in Splink's blocking with the exploded rules; it takes effect when
    this process starts the JVM, not under spark-submit). Spark keeps one session per process:
    stop it (`.stop()`) to start another."""
    memory = memory or spark_memory()
    session_class = _pyspark()
    from splink.backends.spark import similarity_jar_location

    warehouse = folder or tempfile.mkdtemp(prefix="homeward-spark-")
    return (
        session_class.builder.master(f"local[{cores}]")
        .appName("homeward-linkage")
        .config("spark.driver.memory", memory)
        .config("spark.sql.shuffle.partitions", str(partitions))
        .config("spark.default.parallelism", str(partitions))
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.warehouse.dir", Path(warehouse).as_uri())
        .config("spark.jars", similarity_jar_location())
        .getOrCreate()
    )


def register_term_frequencies(
    engine: Backend, linker: Any, shares: dict[str, dict[str, float]]
) -> None:
    """Give Splink our term-frequency tables, so that SQL and Python use the same figures."""
    from homeward.linkage.prepared import tf_table

    for column, values in shares.items():
        lookup = engine.register(tf_table(column, values), f"tf_lookup_{column}")
        linker.table_management.register_term_frequency_lookup(lookup, column)


def _spark_frame(spark: Any, table: pa.Table) -> Any:
    import pyspark  # type: ignore[import-not-found, unused-ignore]

    schema = _spark_schema(table)
    if int(pyspark.__version__.split(".")[0]) >= 4:
        return spark.createDataFrame(table, schema=schema)  # from Arrow, without rows in Python
    return spark.createDataFrame(table.to_pylist(), schema=schema)


def _spark_schema(table: pa.Table) -> Any:
    from pyspark.sql import types  # type: ignore[import-not-found, unused-ignore]

    return types.StructType(
        [types.StructField(field.name, _spark_type(field.type), True) for field in table.schema]
    )


def _spark_type(kind: pa.DataType) -> Any:
    """Spark's type for an Arrow column's: a list (`surname_deletions`, which an exploded
    blocking rule joins on) is an array of its items' type."""
    from pyspark.sql import types  # type: ignore[import-not-found, unused-ignore]

    if pa.types.is_list(kind) or pa.types.is_large_list(kind):
        return types.ArrayType(_spark_type(kind.value_type), True)
    kinds = {
        pa.string(): types.StringType(),
        pa.int64(): types.LongType(),
        pa.int32(): types.IntegerType(),
        pa.bool_(): types.BooleanType(),
        pa.float64(): types.DoubleType(),
    }
    if kind not in kinds:
        raise BackendError(f"no Spark type for an Arrow column of {kind}")
    return kinds[kind]
