"""The families' settings are in the README's configuration table, and docs/families.md says
what a family sees and why no more."""

from __future__ import annotations

from pathlib import Path

from homeward.families.codes import ACCESS_BITS, VERIFY_BITS
from homeward.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
FAMILY_SETTINGS = [
    name
    for name in Settings.model_fields
    if name.startswith(("smtp_", "family_")) or name == "public_url"
]


def test_every_families_setting_is_in_the_readmes_table() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    assert len(FAMILY_SETTINGS) >= 10
    missing = [n for n in FAMILY_SETTINGS if f"| `HOMEWARD_{n.upper()}` |" not in readme]
    assert not missing


def test_the_families_doc_says_what_a_family_sees_and_why_no_more() -> None:
    doc = (ROOT / "docs" / "families.md").read_text("utf-8")
    for heading in (
        "## What a family sees, and why it sees no more",
        "## Access codes",
        "## Certified extracts",
        "## Messages to families",
    ):
        assert heading in doc
    assert f"{ACCESS_BITS} bits" in doc and f"{VERIFY_BITS} bits" in doc
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "docs/families.md" in readme
