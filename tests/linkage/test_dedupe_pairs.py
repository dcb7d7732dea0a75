"""The blocked pairs deduplication hands Splink are the pairs Splink's own blocking finds."""

from __future__ import annotations

import logging

from homeward.linkage.backends import open_backend
from homeward.linkage.model import LinkageModel
from homeward.linkage.pairs import dedupe_pairs
from homeward.linkage.prepared import PreparedRecords
from homeward.linkage.splink_settings import settings_dict
from tests.linkage.factories import population


def test_the_same_pairs_and_first_rules_as_splinks_blocking() -> None:
    model = LinkageModel.load()
    table = PreparedRecords.of(r for r, _ in population()).table
    ours = dedupe_pairs(table, model.blocking_rules).to_pylist()
    from splink import Linker

    with open_backend("duckdb") as engine:
        settings = settings_dict(
            model, link_type="dedupe_only", prior=0.001, blocking_rules=model.blocking_rules
        )
        linker = Linker(engine.register(table, "records_0"), settings, log_level=logging.WARNING)
        blocked = linker.inference.compute_blocked_pairs_for_predict()
        theirs = engine.to_arrow(blocked, ["match_key", "join_key_l", "join_key_r"]).to_pylist()
    key = ("match_key", "join_key_l", "join_key_r")
    assert len(ours) > 1000
    assert len({tuple(row[k] for k in key) for row in ours}) == len(ours)
    assert {tuple(row[k] for k in key) for row in ours} == {
        tuple(str(row[k]) if k == "match_key" else row[k] for k in key) for row in theirs
    }
