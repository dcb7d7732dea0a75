"""The shared test vectors (../shared/testdata beside the repository), read once."""

import csv
from functools import cache
from pathlib import Path

TESTDATA = Path(__file__).resolve().parents[2].parent / "shared" / "testdata"

Row = dict[str, str]


@cache
def rows(name: str) -> tuple[Row, ...]:
    path = TESTDATA / name
    if not path.exists():
        raise FileNotFoundError(f"test vectors missing: {path} (shared/ must sit beside the repo)")
    with path.open(encoding="utf-8") as handle:
        return tuple(csv.DictReader(handle, delimiter="\t"))


def given_pairs() -> tuple[Row, ...]:
    return rows("given_name_pairs.tsv")


def patronymic_pairs() -> tuple[Row, ...]:
    return rows("patronymic_pairs.tsv")


def kmu_examples() -> tuple[Row, ...]:
    return rows("kmu2010_examples.tsv")


def icao_examples() -> tuple[Row, ...]:
    return rows("ru_icao_examples.tsv")


def other_scheme_examples() -> tuple[Row, ...]:
    return rows("ru_other_schemes_examples.tsv")
