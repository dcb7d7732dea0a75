"""A model is saved as versioned JSON and loaded without retraining; bad files say why."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from homeward.linkage.features import features
from homeward.linkage.model import DEFAULT_MODEL_PATH, LinkageModel, ModelError
from homeward.linkage.scoring import score_pair
from tests.linkage.factories import fixed_model, record


def test_a_saved_model_loads_with_the_same_version_and_scores(tmp_path: Path) -> None:
    model = fixed_model()
    path = tmp_path / "model.json"
    model.save(path)
    loaded = LinkageModel.load(path)
    assert loaded.version == model.version
    assert loaded.weights == model.weights
    left = features(record("a", surname="Мельник", given_name="Петро", birth_date="1980"))
    right = features(record("b", surname="Melnyk", given_name="Petro", birth_date="01.01.1980"))
    assert score_pair(loaded, left, right) == score_pair(model, left, right)


def test_the_file_names_its_format_version_and_features(tmp_path: Path) -> None:
    path = tmp_path / "model.json"
    fixed_model().save(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "homeward-linkage-model"
    assert data["format_version"] == 1
    assert data["features_version"]
    assert data["names_key_version"]
    assert data["comparisons"]["surname"][0]["label"] == "same spelling"


def test_the_version_changes_with_the_parameters() -> None:
    assert fixed_model().version != fixed_model(probability_two_random_records_match=2e-3).version


def test_the_default_model_ships_in_the_package() -> None:
    model = LinkageModel.load()
    assert DEFAULT_MODEL_PATH.exists()
    assert model.vetoes == ("service_number", "tax_number")
    assert model.term_frequency("surname_key", "melnik") > model.term_frequency("surname_key", "x")


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("not json", "cannot read"),
        ('{"format": "something else"}', "not a Homeward linkage model"),
        ('{"format": "homeward-linkage-model", "format_version": 99}', "format version 99"),
    ],
)
def test_a_bad_file_is_a_clear_error(tmp_path: Path, text: str, says: str) -> None:
    path = tmp_path / "model.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ModelError, match=says):
        LinkageModel.load(path)


def test_a_hand_edited_model_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "model.json"
    fixed_model().save(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["comparisons"]["surname"][0]["m"] = 0.5
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ModelError, match="edited by hand"):
        LinkageModel.load(path)


def test_a_model_for_other_comparisons_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "model.json"
    fixed_model().save(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["comparisons"]["surname"].pop(0)
    data.pop("version")
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ModelError, match="retrain"):
        LinkageModel.load(path)


def test_a_model_trained_on_other_name_keys_is_refused(tmp_path: Path) -> None:
    # its term frequencies and levels were counted over keys the names no longer give
    path = tmp_path / "model.json"
    fixed_model().save(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["names_key_version"] = "1"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ModelError, match="names' keys of version '1'; retrain"):
        LinkageModel.load(path)
