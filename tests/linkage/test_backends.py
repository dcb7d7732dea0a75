"""The backend is a parameter: DuckDB here; Spark when pyspark is installed."""

from __future__ import annotations

import importlib.util

import pytest

from homeward.linkage.backends import BackendError, open_backend
from homeward.linkage.batch import dedupe
from tests.linkage.factories import fixed_model, record


@pytest.mark.skipif(importlib.util.find_spec("pyspark") is not None, reason="pyspark installed")
def test_spark_without_pyspark_says_what_to_install() -> None:
    with pytest.raises(BackendError, match="needs pyspark"):
        dedupe([record("a"), record("b")], model=fixed_model(), backend="spark")


def test_an_unknown_backend_is_refused() -> None:
    with pytest.raises(BackendError, match="unknown linkage backend"), open_backend("oracle"):
        pass


def test_the_heap_of_a_spark_session_made_here_follows_the_setting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`homeward link … --backend spark` starts its JVM with `HOMEWARD_SPARK_MEMORY` (3g
    unset: Spark's own 1g ran out at 10,000 reports); a size Spark would not read is refused
    before any JVM starts."""
    from homeward.linkage.backends import SPARK_MEMORY_SETTING, spark_memory

    monkeypatch.delenv(SPARK_MEMORY_SETTING, raising=False)
    assert spark_memory() == "3g"
    for written, read in (("8g", "8g"), (" 512M ", "512m"), ("4096mb", "4096mb"), ("", "3g")):
        monkeypatch.setenv(SPARK_MEMORY_SETTING, written)
        assert spark_memory() == read
    for wrong in ("lots", "3 g", "-1g", "0", "2.5g", "3gib"):
        monkeypatch.setenv(SPARK_MEMORY_SETTING, wrong)
        with pytest.raises(BackendError, match="not a size Spark reads"):
            spark_memory()
