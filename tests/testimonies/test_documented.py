"""docs/testimonies.md: every rule row names a function or constant that exists, every
command the CLI has is documented, and the README points to it."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

from homeward.testimonies.cli import testimony_app

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "testimonies.md").read_text("utf-8")


def test_every_rule_names_code_that_exists() -> None:
    rows = re.findall(r"^\| ([TP]\d+[a-z]?) [^|]*\|[^|]*\| `([\w.]+)` \|$", DOC, flags=re.M)
    assert len(rows) >= 12
    for code, where in rows:
        module, name = where.rsplit(".", 1)
        found = importlib.import_module(f"homeward.testimonies.{module}")
        assert hasattr(found, name), (code, where)


def test_every_command_is_documented() -> None:
    for command in testimony_app.registered_commands:
        assert f"homeward testimony {command.name}" in DOC, command.name


def test_the_readme_points_to_the_doc_and_quotes_the_benchmark() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "docs/testimonies.md" in readme
    assert "benchmarks/testimonies.py" in readme
