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
