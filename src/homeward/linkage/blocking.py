"""Blocking: which pairs are compared at all.

Each rule is an equi-join on selective keys (a join on a common value alone would compare
millions of pairs), some with a filter (birth years close, a value absent on one side); a pair
is compared once, under the first rule that finds it. Plain SQL both DuckDB and Spark read.
`benchmarks/linkage.py` prints the share of the true pairs they keep on both benchmark
populations (docs/linkage.md, "Current figures"; each round's in docs/linkage-history.md). The
rules use the same feature columns as the comparisons.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True, slots=True)
class BlockingRule:
    name: str
    sql: str  # Splink's form: l.<column> = r.<column> AND ...
    symmetric: bool = True  # the same pairs with l and r exchanged
    # A list column the rule joins on one value of (Splink's `arrays_to_explode`): in `sql`,
    # `l.<column> = r.<column>` compares one value of each side's list.
    explode: str | None = None

    @property
    def condition(self) -> str:
        """The rule as a condition on two whole records (DuckDB): for an exploded column, the
        two lists share a value."""
        if self.explode is None:
            return self.sql
        column = self.explode
        return self.sql.replace(f"l.{column} = r.{column}", f"list_has_any(l.{column}, r.{column})")

    def splink(self) -> str | dict[str, object]:
        """The rule as Splink's settings take it."""
        if self.explode is None:
            return self.sql
        return {"blocking_rule": self.sql, "arrays_to_explode": [self.explode]}


def source(table: str, rule: BlockingRule) -> str:
    """`table` as `rule` joins it (DuckDB): for an exploded column, one row per value of its
    list, so that a pair may be met once per value shared."""
    if rule.explode is None:
        return table
    column = rule.explode
    return f"(SELECT * REPLACE (unnest({column}) AS {column}) FROM {table})"  # noqa: S608


def on(*columns: str) -> str:
    return " AND ".join(f"l.{column} = r.{column}" for column in columns)


_BIRTH_DATE: Final = ("birth_year", "birth_month", "birth_day")

# Birth years a guessed age, a slipped digit or a placeholder leave apart (a testimony's "about
# 35"). A filter alone leaves the engine to meet every pair of the key it joins on: well enough
# for a surname key and an initial. On a coarser key (a surname's sound) `years_close` also joins
# the years in bands of six, two sets of bands three years apart, so that any two years at most
# three apart share a band of one set, and each rule meets only the pairs of its band.
YEARS_CLOSE: Final = "abs(l.birth_year - r.birth_year) <= 3"
_BANDS: Final = (
    "floor(l.birth_year / 6) = floor(r.birth_year / 6)",
    "floor((l.birth_year + 3) / 6) = floor((r.birth_year + 3) / 6)",
)


def years_close(name: str, keys: str) -> tuple[BlockingRule, ...]:
    """`keys` with birth years at most three apart: one rule per set of bands."""
    return tuple(
        BlockingRule(f"{name}, birth years close ({n})", f"{keys} AND {band} AND {YEARS_CLOSE}")
        for n, band in enumerate(_BANDS, 1)
    )


def one_side(name: str, keys: str, absent: str) -> tuple[BlockingRule, ...]:
    """`keys` where one record lacks `absent`: a rule for each side, so that the engine filters
    that side before the join."""
    return tuple(
        BlockingRule(f"{name}, no {absent.replace('_', ' ')} on the {side_name}",
                     f"{keys} AND {side}.{absent} IS NULL")
        for side, side_name in (("l", "left"), ("r", "right"))
    )  # fmt: skip


# A surname written one letter off beyond its sound (heard wrong, a slip, a misread letter:
# Петрець and Пеьрець, Кобилак and Кобтлак): the surname keys share a deletion
# (`features.deletion_keys`), joined with a second field so that a block holds few persons: the
# same given name (or a diminutive's full name), the birth years close or one absent; or no
# given name on one side and the birth years close, in bands. Splink explodes the list for each
# rule and does not keep the pairs of an exploded rule from the rules after it: these rules come
# last and find disjoint pairs (a given name on both sides or not; the first set of bands or
# not; the left side without one or only the right).
_ONE_LETTER: Final = "l.surname_deletions = r.surname_deletions AND l.surname_key <> r.surname_key"
_YEARS_CLOSE_OR_ONE_ABSENT: Final = (
    f"({YEARS_CLOSE} OR l.birth_year IS NULL OR r.birth_year IS NULL)"
)
ONE_LETTER_RULES: Final = (
    BlockingRule(
        "surname one letter off, given name, birth years close or one absent",
        f"{_ONE_LETTER} AND l.given_full_key = r.given_full_key AND {_YEARS_CLOSE_OR_ONE_ABSENT}",
        explode="surname_deletions",
    ),
    *(
        BlockingRule(
            f"surname one letter off, no given name on the {side_name}, birth years close ({n})",
            f"{_ONE_LETTER} AND {band} AND {YEARS_CLOSE} AND {side}{earlier}",
            explode="surname_deletions",
        )
        for n, (band, earlier) in enumerate(
            ((_BANDS[0], ""), (_BANDS[1], f" AND NOT ({_BANDS[0]})")), 1
        )
        for side, side_name in (
            ("l.given_key IS NULL", "left"),
            ("r.given_key IS NULL AND l.given_key IS NOT NULL", "right"),
        )
    ),
)

# A surname two letters off beyond its sound (two slips, a letter dropped and one misread:
# Назбенко and Назобекно, Вороних and Вооних) beside the same given name (or a diminutive's full
# name) and one more field agreeing exactly; the surname's first two letters are joined too, so
# that a block holds few persons, and the keys at most two letters apart are a filter.
_TWO_LETTERS: Final = (
    "substr(l.surname_key, 1, 2) = substr(r.surname_key, 1, 2) AND "
    "l.given_full_key = r.given_full_key AND levenshtein(l.surname_key, r.surname_key) <= 2"
)
TWO_LETTERS_RULES: Final = tuple(
    BlockingRule(
        f"surname two letters off, given name and {name}", f"{_TWO_LETTERS} AND {on(column)}"
    )
    for name, column in (
        ("birth year", "birth_year"),
        ("patronymic", "patronymic_key"),
        ("place of disappearance", "missing_place_key"),
        ("place of birth", "birth_place_key"),
        ("unit", "unit_code"),
    )
)
_FIRST_LETTER_SWAPPED: Final = "substr(l.given_as_surname_key, 1, 1) = substr(r.surname_key, 1, 1)"
_FIRST_LETTER_SWAPPED_MIRROR: Final = (
    "substr(l.surname_key, 1, 1) = substr(r.given_as_surname_key, 1, 1)"
)

BLOCKING_RULES: Final = (
    BlockingRule("names sound alike", on("surname_phonetic", "given_phonetic")),
    BlockingRule("names in either column", on("names_unordered")),
    BlockingRule("surname key and birth year", on("surname_key", "birth_year")),
    BlockingRule("date of birth and surname sound", on(*_BIRTH_DATE, "surname_phonetic")),
    BlockingRule("date of birth and given name sound", on(*_BIRTH_DATE, "given_phonetic")),
    BlockingRule("service number", on("service_number")),
    BlockingRule("tax number", on("tax_number")),
    BlockingRule("surname key and unit", on("surname_key", "unit_code")),
    # A record with a surname and no given name (a testimony: "Осипенко") meets every record of
    # that surname; the filter on one side keeps the join small.
    BlockingRule(
        "surname key, no given name on the left", f"{on('surname_key')} AND l.given_key IS NULL"
    ),
    BlockingRule(
        "surname key, no given name on the right", f"{on('surname_key')} AND r.given_key IS NULL"
    ),
    BlockingRule("date of birth and patronymic", on(*_BIRTH_DATE, "patronymic_key")),
    BlockingRule("date of birth and unit", on(*_BIRTH_DATE, "unit_code")),
    BlockingRule("date of birth and place of birth", on(*_BIRTH_DATE, "birth_place_key")),
    BlockingRule(
        "date of birth, surname in the given-name column",
        f"{on(*_BIRTH_DATE)} AND l.surname_key = r.given_as_surname_key",
    ),
    BlockingRule(
        "date of birth, given name in the surname column",
        f"{on(*_BIRTH_DATE)} AND l.given_as_surname_key = r.surname_key",
    ),
    # a given name written as its initial ("О.") meets the full names it may stand for; two full
    # names that only begin alike compared 3.3 million pairs at a million reports for 0.4% of
    # the true pairs, nearly all of which other pairs of the same persons join
    BlockingRule(
        "surname key and initial, one given name an initial",
        f"{on('surname_key', 'given_initial')} AND (l.given_is_initial OR r.given_is_initial)",
    ),
    BlockingRule(
        "surname beginning, given name and birth year",
        "substr(l.surname_key, 1, 4) = substr(r.surname_key, 1, 4) AND "
        + on("given_key", "birth_year"),
    ),
    # a surname slipped where no date of birth is written: the given name and the patronymic
    BlockingRule(
        "surname beginning, given name and patronymic",
        "substr(l.surname_key, 1, 4) = substr(r.surname_key, 1, 4) AND "
        + on("given_key", "patronymic_key"),
    ),
    # the columns swapped and a slip in one of them: each name sounds like the other column's
    BlockingRule(
        "names swapped, sounding alike",
        "l.surname_phonetic = r.given_phonetic AND l.given_phonetic = r.surname_phonetic",
    ),
    BlockingRule("surname key and place of birth", on("surname_key", "birth_place_key")),
    # A given name written another way than the name it stands for (a diminutive, a slip that
    # moves its sound) beside the same surname key: the initial and a birth year at most three
    # apart, or none on one side. Found on the independent population
    # (benchmarks/linkage_blocking.py): each keeps 7-10% of the pairs it adds true at 100,000
    # reports; the surname's sound instead of its key, 1.1-1.8%, left out (docs/linkage-history.md,
    # round 3, "Blocking").
    BlockingRule(
        "surname key, given initial, birth years close",
        f"{on('surname_key', 'given_initial')} AND {YEARS_CLOSE}",
    ),
    *one_side("surname key, given initial", on("surname_key", "given_initial"), "birth_year"),
    # A diminutive (Саша, Коля, Шура) meets the full name it stands for (Олександр, Микола)
    # beside a surname that sounds alike: the full name's sound (`homeward.names.diminutives`),
    # one rule per side, so that the engine joins only the few records holding a diminutive.
    *(
        BlockingRule(
            f"surname sound, a diminutive's full name on the {side_name}",
            f"{on('surname_phonetic', 'given_full_phonetic')} AND {side}.given_diminutive",
        )
        for side, side_name in (("l", "left"), ("r", "right"))
    ),
    # a surname heard or written otherwise, with what a testimony or a media report holds
    # besides a name: the unit, the place of birth
    BlockingRule("surname sound and unit", on("surname_phonetic", "unit_code")),
    BlockingRule("surname sound and place of birth", on("surname_phonetic", "birth_place_key")),
    # a surname slipped where no date of birth is written, the place of disappearance known
    BlockingRule(
        "surname beginning, given name and place of disappearance",
        "substr(l.surname_key, 1, 3) = substr(r.surname_key, 1, 3) AND "
        + on("given_key", "missing_place_key"),
    ),
    # the columns swapped and a slip that moves one name's sound: the other sounds like the
    # other column's, and the slipped one begins alike and is at most two letters off
    BlockingRule(
        "names swapped, the surname sounding alike, the given name two letters off",
        "l.surname_phonetic = r.given_phonetic AND "
        "substr(l.given_as_surname_key, 1, 2) = substr(r.surname_key, 1, 2) AND "
        "levenshtein(l.given_as_surname_key, r.surname_key) <= 2",
    ),
    BlockingRule(
        "names swapped, the given name sounding alike, the surname two letters off",
        "l.given_phonetic = r.surname_phonetic AND "
        "substr(l.surname_key, 1, 2) = substr(r.given_as_surname_key, 1, 2) AND "
        "levenshtein(l.surname_key, r.given_as_surname_key) <= 2",
    ),
    # the columns swapped and a slip in one name beyond its sound: the other the same across
    # the columns, the slipped one beginning alike and at most two letters off
    BlockingRule(
        "names swapped, the surname the same across, the given name two letters off",
        f"l.surname_key = r.given_as_surname_key AND {_FIRST_LETTER_SWAPPED} AND "
        "levenshtein(l.given_as_surname_key, r.surname_key) <= 2",
    ),
    BlockingRule(
        "names swapped, the given name the same across, the surname two letters off",
        f"l.given_as_surname_key = r.surname_key AND {_FIRST_LETTER_SWAPPED_MIRROR} AND "
        "levenshtein(l.surname_key, r.given_as_surname_key) <= 2",
    ),
    *TWO_LETTERS_RULES,
    *ONE_LETTER_RULES,
)

# Rules for EM training: each leaves the comparisons it does not use to be estimated.
TRAINING_RULES: Final = (
    BlockingRule("date of birth", on(*_BIRTH_DATE)),
    BlockingRule("surname and given name keys", on("surname_key", "given_key")),
)
