"""The trained linkage model: m and u probabilities per comparison level, the prior, and term
frequencies, saved as a versioned JSON file and loaded without retraining.

The model keeps parameters, not SQL: the comparisons are defined in Python (`comparisons`) and
their SQL is built for the backend at hand, so one model serves DuckDB and Spark alike. The
default model (`default_model.json`, shipped in the package) was trained on the synthetic
population by `python scripts/train_default_model.py`.
"""

from __future__ import annotations

import copy as copy_module
import hashlib
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from homeward.errors import HomewardError
from homeward.linkage.blocking import BLOCKING_RULES, BlockingRule
from homeward.linkage.comparisons import (
    COMPARISONS,
    CONDITIONAL_TF,
    TF_COLUMNS,
    VETO_COMPARISONS,
)
from homeward.linkage.features import FEATURES_VERSION
from homeward.linkage.prepared import SMALLEST_REGISTER
from homeward.names import KEY_VERSION

if TYPE_CHECKING:
    from homeward.linkage.features import LinkRecord

MODEL_FORMAT: Final = "homeward-linkage-model"
FORMAT_VERSION: Final = 1
DEFAULT_MODEL_PATH: Final = Path(__file__).with_name("default_model.json")
# Splink clamps m and u at this before taking logarithms; the Python scorer does the same.
M_U_CLAMP_MIN: Final = 1e-300


class ModelError(HomewardError):
    """A model file that cannot be used: unreadable, of another format, or for other features."""


@dataclass(frozen=True, slots=True)
class LevelParameters:
    label: str
    m: float
    u: float

    @property
    def match_weight(self) -> float:
        return math.log2(max(self.m, M_U_CLAMP_MIN) / max(self.u, M_U_CLAMP_MIN))


class LinkageModel:
    """Trained parameters for `comparisons.COMPARISONS`; see `train` and `load`."""

    def __init__(
        self,
        *,
        parameters: Mapping[str, Sequence[LevelParameters]],
        probability_two_random_records_match: float,
        trained_records: int,
        term_frequencies: Mapping[str, Mapping[str, float]],
        tf_floor: Mapping[str, float],
        vetoes: Sequence[str] = VETO_COMPARISONS,
        description: str = "",
        created: str | None = None,
        blocking_rules: Sequence[BlockingRule] = BLOCKING_RULES,
    ) -> None:
        for comparison in COMPARISONS:
            labels = tuple(level.label for level in parameters.get(comparison.name, ()))
            if labels != comparison.labels:
                raise ModelError(
                    f"the model's levels for {comparison.name} are {list(labels)}, the code's "
                    f"are {list(comparison.labels)}: retrain the model"
                )
        unknown = set(vetoes) - {comparison.name for comparison in COMPARISONS}
        if unknown:
            raise ModelError(f"vetoes name unknown comparisons: {sorted(unknown)}")
        if not 0 < probability_two_random_records_match < 1:
            raise ModelError("probability_two_random_records_match must be between 0 and 1")
        self.parameters = {c.name: tuple(parameters[c.name]) for c in COMPARISONS}
        self.probability_two_random_records_match = probability_two_random_records_match
        self.trained_records = trained_records
        self.term_frequencies = {col: dict(term_frequencies.get(col, {})) for col in TF_COLUMNS}
        self.tf_floor = {col: float(tf_floor.get(col, 0.0)) for col in TF_COLUMNS}
        self.vetoes = tuple(vetoes)
        # which pairs batch linkage compares: the code's rules, not saved with the parameters
        self.blocking_rules = tuple(blocking_rules)
        self.description = description
        self.created = created or datetime.now(UTC).replace(microsecond=0).isoformat()
        self.version = f"{FEATURES_VERSION}.{self._fingerprint()}"
        # (comparison index, level index) → weight; level index -1 is "absent" (0.0)
        self.weights = tuple(
            tuple(level.match_weight for level in self.parameters[c.name]) for c in COMPARISONS
        )

    def with_blocking_rules(self, rules: Sequence[BlockingRule]) -> LinkageModel:
        """The same model comparing other pairs (data with other keys, such as addresses)."""
        copy = copy_module.copy(self)
        copy.blocking_rules = tuple(rules)
        return copy

    @property
    def matches_per_record(self) -> float:
        """How many other records of the same person a record has, on average, in training."""
        return self.probability_two_random_records_match * max(self.trained_records - 1, 1)

    def prior(self, candidates: int | None = None) -> float:
        """The probability that a record and one of `candidates` others are the same person.

        It falls as the data grow: a record has about `matches_per_record` others of the same
        person however many records there are. A list shorter than `SMALLEST_REGISTER` is taken
        as a sample of a register that size, so that it is not presumed full of duplicates.
        None gives the training population's prior.
        """
        if candidates is None:
            return self.probability_two_random_records_match
        return min(0.5, self.matches_per_record / max(candidates, SMALLEST_REGISTER))

    def term_frequency(self, column: str, value: object) -> float:
        """A value's share among the training records' values (the floor for rare values).

        A name pair the model does not know weighs as its given name alone."""
        floor = self.tf_floor.get(column, 0.0)
        if value is None:
            return floor
        found = self.term_frequencies.get(column, {}).get(str(value))
        if found is not None:
            return found
        if column in CONDITIONAL_TF:
            return self.term_frequency("given_key", str(value).partition("|")[2])
        return floor

    def _parameters_json(self) -> dict[str, Any]:
        return {
            "probability_two_random_records_match": self.probability_two_random_records_match,
            "trained_records": self.trained_records,
            "vetoes": list(self.vetoes),
            "comparisons": {
                name: [{"label": p.label, "m": p.m, "u": p.u} for p in levels]
                for name, levels in self.parameters.items()
            },
            "tf_floor": self.tf_floor,
        }

    def _fingerprint(self) -> str:
        body = json.dumps(
            {**self._parameters_json(), "term_frequencies": self.term_frequencies},
            sort_keys=True,
        )
        return hashlib.sha256(body.encode()).hexdigest()[:12]

    def to_json(self) -> dict[str, Any]:
        return {
            "format": MODEL_FORMAT,
            "format_version": FORMAT_VERSION,
            "version": self.version,
            "features_version": FEATURES_VERSION,
            "names_key_version": KEY_VERSION,
            "created": self.created,
            "description": self.description,
            **self._parameters_json(),
            "term_frequencies": self.term_frequencies,
        }

    def save(self, path: Path) -> None:
        text = json.dumps(self.to_json(), ensure_ascii=False, indent=1, sort_keys=False)
        Path(path).write_text(text + "\n", encoding="utf-8")

    @classmethod
    def from_json(cls, data: Mapping[str, Any], *, where: str = "model") -> LinkageModel:
        if data.get("format") != MODEL_FORMAT:
            raise ModelError(f"{where} is not a Homeward linkage model")
        if data.get("format_version") != FORMAT_VERSION:
            raise ModelError(
                f"{where} has format version {data.get('format_version')!r}, "
                f"this Homeward reads {FORMAT_VERSION}"
            )
        if data.get("features_version") != FEATURES_VERSION:
            raise ModelError(
                f"{where} was trained on features version "
                f"{data.get('features_version')!r}; retrain it for {FEATURES_VERSION}"
            )
        if data.get("names_key_version") != KEY_VERSION:
            raise ModelError(
                f"{where} was trained on names' keys of version "
                f"{data.get('names_key_version')!r}; retrain it for {KEY_VERSION}"
            )
        try:
            model = cls(
                parameters={
                    name: [LevelParameters(p["label"], float(p["m"]), float(p["u"])) for p in ps]
                    for name, ps in data["comparisons"].items()
                },
                probability_two_random_records_match=float(
                    data["probability_two_random_records_match"]
                ),
                trained_records=int(data["trained_records"]),
                term_frequencies=data.get("term_frequencies", {}),
                tf_floor=data.get("tf_floor", {}),
                vetoes=data.get("vetoes", VETO_COMPARISONS),
                description=data.get("description", ""),
                created=data.get("created"),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise ModelError(f"{where} is damaged: {error!r}") from None
        if data.get("version") and data["version"] != model.version:
            raise ModelError(
                f"{where} says version {data['version']} but its parameters are "
                f"version {model.version}: it was edited by hand"
            )
        return model

    @classmethod
    def load(cls, path: Path | None = None) -> LinkageModel:
        """The model saved at `path`; None gives the default model shipped in the package."""
        source = Path(path) if path is not None else DEFAULT_MODEL_PATH
        try:
            data = json.loads(source.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise ModelError(f"cannot read the linkage model {source}: {error}") from None
        return cls.from_json(data, where=str(source))


def train(records: Iterable[LinkRecord], *, seed: int = 1, max_pairs: float = 1e6) -> LinkageModel:
    """Estimate the model from unlabelled records: u by random sampling, m by EM (see
    `training`), both capped at `max_pairs` pairs."""
    from homeward.linkage.training import train_model

    return train_model(records, seed=seed, max_pairs=max_pairs)
