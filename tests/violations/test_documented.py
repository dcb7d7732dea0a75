"""The violations' settings are in the README's configuration table, every act type is a row
of docs/violations.md with the articles it breaches, and the doc says who may see what."""

from __future__ import annotations

from pathlib import Path

from homeward.settings import Settings
from homeward.violations.vocab import act_types

ROOT = Path(__file__).resolve().parents[2]


def test_every_files_setting_is_in_the_readmes_table() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    names = [n for n in Settings.model_fields if n.startswith("files_")]
    assert names == ["files_dir", "files_max_mb"]
    assert [n for n in names if f"| `HOMEWARD_{n.upper()}` |" not in readme] == []
    assert "docs/violations.md" in readme and "benchmarks/evidence_files.py" in readme


def test_every_act_type_is_a_row_of_the_doc_with_its_articles() -> None:
    doc = (ROOT / "docs" / "violations.md").read_text("utf-8")
    for kind in act_types().values():
        assert f"| `{kind.code}` | {kind.label} | {kind.group or ''} | {kind.articles} |" in doc
    for heading in ("## What is kept", "## Who may see it, and why", "## Evidence files"):
        assert heading in doc
