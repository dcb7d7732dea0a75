"""The comparisons of the linkage model, declared once.

Each comparison is a list of levels from the strongest agreement down; a pair falls in the first
level whose condition holds, in "absent" when either side lacks the value, and in "different"
when no level holds. Each level's condition is both SQL (for Splink, on DuckDB or Spark) and a
Python predicate (for `scoring.score_pair`): see `conditions`. The trained model gives each
level its m and u probabilities; levels marked with a term-frequency column weigh agreement on
a rare value (Яблочкін) more than on a common one (Мельник).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from homeward.linkage.conditions import (
    Condition,
    Row,
    all_of,
    any_of,
    crossed,
    crossed_slip,
    difference_at_most,
    differs,
    edits_at_most,
    either_null,
    either_true,
    longer_than,
    null_on_either_side,
    osa_distance,
    same,
)
from homeward.values import tax_number_valid

ELSE_LABEL: Final = "different"
DIMINUTIVE_LABEL: Final = "a diminutive of the same name"
DIMINUTIVE_SURNAME_LABEL: Final = "a diminutive of the same name, surname agrees"


@dataclass(frozen=True, slots=True)
class Level:
    label: str  # what a reviewer reads: "same key", "day and month swapped"
    condition: Condition
    tf_column: str | None = None  # the column whose value frequencies adjust this level
    tf_weight: float = 1.0  # how much of the adjustment counts (places correlate with names)
    shows_values: bool = False  # the explanation quotes both values ("Олександр ~ Александр")
    # a level the training data cannot show, whose evidence is that of another level of the
    # comparison (its label): training gives it that level's m and u
    weighs_as: str | None = None


@dataclass(frozen=True, slots=True)
class Comparison:
    name: str  # the Splink output column: gamma_<name>, mw_<name>
    title: str  # what a reviewer reads: "date of birth"
    absent: Condition  # either side lacks the value: no evidence either way
    levels: tuple[Level, ...]  # strongest first; "different" (ELSE) follows implicitly
    display: str | None = None  # the column quoted in explanations

    @property
    def labels(self) -> tuple[str, ...]:
        """The labels of the levels that carry a weight, "different" last."""
        return (*(level.label for level in self.levels), ELSE_LABEL)

    @property
    def columns(self) -> tuple[str, ...]:
        """The columns its levels read, and the one its explanations quote."""
        return tuple(
            dict.fromkeys((*self.level_columns, *((self.display,) if self.display else ())))
        )

    @property
    def level_columns(self) -> tuple[str, ...]:
        """The columns its levels read: a pair's level depends on their values alone."""
        found = [*self.absent.columns]
        for level in self.levels:
            found.extend(level.condition.columns)
        return tuple(dict.fromkeys(found))

    @property
    def symmetric(self) -> bool:
        """A pair's level is the same in either order: "absent" and every level's condition
        hold of (a, b) exactly when of (b, a) (`Condition.symmetric`). Its term-frequency
        adjustment need not be: that is each record's own (`weighing.pair_weights`)."""
        return self.absent.symmetric and all(level.condition.symmetric for level in self.levels)

    @property
    def absent_when_null(self) -> tuple[str, ...]:
        """The columns a null of which on either side puts a pair at "absent", whatever the
        other record holds (`conditions.null_on_either_side` of `absent`)."""
        return tuple(sorted(null_on_either_side(self.absent.shape)))

    def level_of(self, left: Row, right: Row) -> int:
        """-1 when absent, else the index into `labels`."""
        if self.absent.holds(left, right):
            return -1
        for index, level in enumerate(self.levels):
            if level.condition.holds(left, right):
                return index
        return len(self.levels)

    def gamma(self, index: int) -> int:
        """Splink's comparison vector value for a level index (-1 absent, 0 different)."""
        return -1 if index < 0 else len(self.levels) - index

    def tf_of(self, index: int) -> tuple[str, float] | None:
        """The term-frequency column and weight of a level, if it has one."""
        if 0 <= index < len(self.levels):
            level = self.levels[index]
            if level.tf_column:
                return level.tf_column, level.tf_weight
        return None


_SWAPPED = all_of(
    crossed("surname_key", "given_as_surname_key"),
    crossed("given_as_surname_key", "surname_key"),
)
# The columns swapped and one of the two names slipped (Руслан Коваль and Ковлаь Руслан): one
# name the same across the columns, the other a letter off (two in names of more than five
# letters). Blocking finds these pairs (`blocking`, "names swapped, … two letters off"); without
# a level of their own both names fell to "different" and the given names' conflict refused them.
_SWAPPED_SLIP = any_of(
    all_of(
        crossed("surname_key", "given_as_surname_key"),
        crossed_slip("given_as_surname_key", "surname_key"),
    ),
    all_of(
        crossed("given_as_surname_key", "surname_key"),
        crossed_slip("surname_key", "given_as_surname_key"),
    ),
)
SWAPPED_LABEL: Final = "swapped with the given name"
SWAPPED_SLIP_LABEL: Final = "swapped with the given name, one of them slipped"


def _two_letters_apart(column: str) -> Condition:
    """Keys of more than five letters at most two edits apart: a name misspelled twice
    (Олекандр, Олпксандр), not another name."""
    return all_of(longer_than(column, 5), edits_at_most(column, 2))


def _date(prefix: str) -> Condition:
    return all_of(same(f"{prefix}_year"), same(f"{prefix}_month"), same(f"{prefix}_day"))


SURNAME = Comparison(
    "surname",
    "surname",
    either_null("surname_key"),
    (
        # as rare as the name, not as the spelling: a rare transliteration (Jurczenko) of a
        # common name (Юрченко) says how a clerk writes, not who the man is
        Level("same spelling", same("surname_folded"), "surname_key"),
        Level("same key", same("surname_key"), "surname_key", shows_values=True),
        # the names agree, in the other columns: as common as that pair of names is
        Level(SWAPPED_LABEL, _SWAPPED, "names_unordered", shows_values=True),
        Level(SWAPPED_SLIP_LABEL, _SWAPPED_SLIP, shows_values=True),
        Level("key one letter apart", edits_at_most("surname_key", 1), shows_values=True),
        Level(
            "key two letters apart",
            all_of(longer_than("surname_key", 5), edits_at_most("surname_key", 2)),
            shows_values=True,
        ),
        Level("sounds alike", same("surname_phonetic"), shows_values=True),
    ),
    display="surname_folded",
)

# Swapped columns (with a slip or not) count once, under the surname: for the given name they
# are no evidence.
# When the surname agrees too, a given name weighs by its share among the records of that
# surname (`name_pair_key`'s frequencies are conditional: see `prepared.term_frequencies`), so
# that names which come together (Азамат Ахмедов) weigh as a pair, not as two rare names.
GIVEN_NAME = Comparison(
    "given_name",
    "given name",
    any_of(either_null("given_key"), _SWAPPED, _SWAPPED_SLIP),
    (
        Level(
            "same name, surname agrees",
            all_of(same("given_key"), same("surname_key")),
            "name_pair_key",
            shows_values=True,
        ),
        Level("same name", same("given_key"), "given_key", shows_values=True),
        Level(
            "initial agrees",
            all_of(either_true("given_is_initial"), same("given_initial")),
            shows_values=True,
        ),
        Level("initial of another name", either_true("given_is_initial"), shows_values=True),
        # the key of a name the dictionaries know is its concept's (Дмитро, Дмитрий → dmitri),
        # that of a slip of it is its spelling (Дмиро → dmiro): the slip is also looked for
        # between the spellings keyed as surnames are (dmitro, dmiro)
        Level(
            "one letter apart",
            any_of(edits_at_most("given_key", 1), edits_at_most("given_as_surname_key", 1)),
            shows_values=True,
        ),
        Level(
            "two letters apart",
            any_of(_two_letters_apart("given_key"), _two_letters_apart("given_as_surname_key")),
            shows_values=True,
        ),
        Level("sounds alike", same("given_phonetic"), shows_values=True),
        # Саша (a man) and Олександр, Коля and Микола: one name through a diminutive of it
        # (`homeward.names.diminutives`), where no level above holds (Іванко and Іван stay two
        # letters apart): these levels only take pairs from "different". The demo population
        # the model is trained on holds no diminutives, so EM cannot weigh them; they weigh as
        # the same full name would (`weighs_as`: its m, and the full name's frequency, which
        # counts the diminutives read as it). Saying "Саша" of a man is saying "Олександр":
        # what the other record must match by chance is the full name.
        Level(
            DIMINUTIVE_SURNAME_LABEL,
            all_of(same("given_full_key"), same("surname_key")),
            "given_full_key",
            shows_values=True,
            weighs_as="same name, surname agrees",
        ),
        Level(
            DIMINUTIVE_LABEL,
            same("given_full_key"),
            "given_full_key",
            shows_values=True,
            weighs_as="same name",
        ),
    ),
    display="given_folded",
)

PATRONYMIC = Comparison(
    "patronymic",
    "patronymic",
    either_null("patronymic_key"),
    (
        Level("same father's name", same("patronymic_key"), "patronymic_key"),
        Level(
            "initial agrees",
            all_of(either_true("patronymic_is_initial"), same("patronymic_initial")),
        ),
        Level("initial of another name", either_true("patronymic_is_initial")),
        Level("one letter apart", edits_at_most("patronymic_key", 1)),
        Level("two letters apart", _two_letters_apart("patronymic_key")),
    ),
)

BIRTH_DATE = Comparison(
    "birth_date",
    "date of birth",
    either_null("birth_year"),
    (
        Level("same date", _date("birth")),
        Level(
            "day and month swapped",
            all_of(
                same("birth_year"),
                crossed("birth_day", "birth_month"),
                crossed("birth_month", "birth_day"),
            ),
            shows_values=True,
        ),
        Level(
            "same year and month",
            all_of(same("birth_year"), same("birth_month")),
            shows_values=True,
        ),
        Level(
            "same year, one known by year only",
            all_of(same("birth_year"), either_null("birth_month")),
            shows_values=True,
        ),
        Level("same year, month differs", same("birth_year"), shows_values=True),
        # A date known by its year only is often an age guessed by a witness: a few years off
        # says little then, and much when both dates are full.
        Level(
            "a year apart, one known by year only",
            all_of(difference_at_most("birth_year", 1), either_null("birth_month")),
            shows_values=True,
        ),
        Level(
            "two or three years apart, one known by year only",
            all_of(difference_at_most("birth_year", 3), either_null("birth_month")),
            shows_values=True,
        ),
        Level("a year apart", difference_at_most("birth_year", 1), shows_values=True),
        # 1990 written 1909, 1989 written 1998: the day and the month are the person's
        Level(
            "same day and month, another year",
            all_of(same("birth_month"), same("birth_day")),
            shows_values=True,
        ),
        Level(
            "further apart, one known by year only",
            either_null("birth_month"),
            shows_values=True,
        ),
    ),
    display="birth_date",
)

SEX = Comparison("sex", "sex", either_null("sex"), (Level("same", same("sex")),))

BIRTH_PLACE = Comparison(
    "birth_place",
    "place of birth",
    either_null("birth_place_key"),
    (
        Level("same place", same("birth_place_key"), "birth_place_key", tf_weight=0.5),
        Level("one letter apart", edits_at_most("birth_place_key", 1)),
    ),
)

# A unit's code (в/ч А1302) and its name (93 ОМБр) cannot be compared: no evidence either way.
UNIT = Comparison(
    "unit",
    "unit",
    any_of(either_null("unit_code"), differs("unit_is_code")),
    (
        Level("same unit", same("unit_code"), "unit_code"),
        Level("one character apart", edits_at_most("unit_code", 1), shows_values=True),
    ),
    display="unit_code",
)

MISSING_DATE = Comparison(
    "missing_date",
    "date of disappearance",
    either_null("missing_year"),
    (
        # a day on which hundreds were captured says little: as rare as the day is
        Level("same day", _date("missing"), "missing_date"),
        Level("within a week", difference_at_most("missing_daynum", 7), shows_values=True),
        Level(
            "same month",
            all_of(same("missing_year"), same("missing_month")),
            shows_values=True,
        ),
        Level("within two months", difference_at_most("missing_daynum", 62), shows_values=True),
    ),
    display="missing_date",
)

MISSING_PLACE = Comparison(
    "missing_place",
    "place of disappearance",
    either_null("missing_place_key"),
    (
        Level("same place", same("missing_place_key"), "missing_place_key", tf_weight=0.5),
        Level("one letter apart", edits_at_most("missing_place_key", 1)),
    ),
)


SERVICE_NUMBER = Comparison(
    "service_number",
    "service number",
    either_null("service_number"),
    (Level("same number", same("service_number")),),
)

# A tax number one keystroke from the other (a digit mistyped, dropped or added, two neighbours
# swapped) where one fails its check digit is that number miswritten, not a different one.
TAX_NUMBER = Comparison(
    "tax_number",
    "tax number",
    either_null("tax_number"),
    (
        Level("same number", same("tax_number")),
        Level(
            "one character apart, check digit fails",
            # the cheap flag before the edit distance
            all_of(
                either_true("tax_number_invalid"),
                edits_at_most("tax_number", 1, transpositions=True),
            ),
        ),
    ),
)

COMPARISONS: Final = (
    SURNAME,
    GIVEN_NAME,
    PATRONYMIC,
    BIRTH_DATE,
    SEX,
    BIRTH_PLACE,
    UNIT,
    MISSING_DATE,
    MISSING_PLACE,
    SERVICE_NUMBER,
    TAX_NUMBER,
)

# Two records whose identifiers differ are never linked automatically, whatever else agrees.
VETO_COMPARISONS: Final = ("service_number", "tax_number")


def numbers_conflict(kind: str, a: str | None, b: str | None) -> bool:
    """Two document numbers of `kind` (a veto comparison) that are not one number: the Python
    twin of that comparison's "different" level, for numbers alone."""
    if a is None or b is None or a == b:
        return False
    if kind == "tax_number" and osa_distance(a, b) <= 1:
        return bool(tax_number_valid(a) and tax_number_valid(b))
    return True


TF_COLUMNS: Final = tuple(
    dict.fromkeys(
        level.tf_column
        for comparison in COMPARISONS
        for level in comparison.levels
        if level.tf_column
    )
)


# Term-frequency columns whose frequencies are conditional on the part before "|".
CONDITIONAL_TF: Final = frozenset({"name_pair_key"})


def comparison_named(name: str) -> Comparison:
    for comparison in COMPARISONS:
        if comparison.name == name:
            return comparison
    raise KeyError(name)
