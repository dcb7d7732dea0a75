"""Splink settings built from the declared comparisons and a trained model, for any backend.

The SQL of every level comes from `comparisons` (plain SQL that DuckDB and Spark share); the m
and u probabilities come from the model. Term-frequency adjustments use the level's own u
(`disable_tf_exact_match_detection`), as `scoring` does.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from homeward.linkage.blocking import BLOCKING_RULES, BlockingRule
from homeward.linkage.comparisons import COMPARISONS, ELSE_LABEL, Comparison
from homeward.linkage.model import LinkageModel


def comparison_dict(comparison: Comparison, model: LinkageModel | None) -> dict[str, Any]:
    absent = comparison.absent.sql
    levels: list[dict[str, Any]] = [
        {"sql_condition": absent, "label_for_charts": "absent", "is_null_level": True}
    ]
    parameters = model.parameters[comparison.name] if model else None
    for level in comparison.levels:
        entry: dict[str, Any] = {
            "sql_condition": level.condition.sql,
            "label_for_charts": level.label,
        }
        if level.tf_column:
            entry.update(
                tf_adjustment_column=level.tf_column,
                tf_adjustment_weight=level.tf_weight,
                disable_tf_exact_match_detection=True,
            )
        levels.append(entry)
    levels.append({"sql_condition": "ELSE", "label_for_charts": ELSE_LABEL})
    if parameters:
        for entry, trained in zip(levels[1:], parameters, strict=True):
            entry["m_probability"] = trained.m
            entry["u_probability"] = trained.u
    return {"output_column_name": comparison.name, "comparison_levels": levels}


def splink_rules(rules: Sequence[BlockingRule]) -> list[str | dict[str, object]]:
    """The rules as Splink takes them, the exploded ones last: Splink does not keep an exploded
    rule's pairs from the rules after it (the pairs compared are the same in any order)."""
    ordered = sorted(rules, key=lambda rule: rule.explode is not None)
    return [rule.splink() for rule in ordered]


def settings_dict(
    model: LinkageModel | None,
    *,
    link_type: str = "dedupe_only",
    prior: float | None = None,
    blocking_rules: Sequence[BlockingRule] = BLOCKING_RULES,
    retain_intermediate: bool = False,
    retain: Sequence[str] = (),
) -> dict[str, Any]:
    """Splink's settings; with `model` None, untrained (for EM)."""
    if prior is None:
        prior = model.prior() if model else 1e-4
    return {
        "link_type": link_type,
        "unique_id_column_name": "unique_id",
        "probability_two_random_records_match": prior,
        "comparisons": [comparison_dict(comparison, model) for comparison in COMPARISONS],
        "blocking_rules_to_generate_predictions": splink_rules(blocking_rules),
        # Splink writes the levels (gamma_<name>) only beside the compared columns
        "retain_matching_columns": retain_intermediate,
        "retain_intermediate_calculation_columns": retain_intermediate,
        "additional_columns_to_retain": list(retain),
    }
