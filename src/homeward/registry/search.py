"""The register's free-text person search: one box, however the name is typed.

The query is read as a name (any script, any transliteration, any order, with or without the
patronymic, with typos) and as document numbers (any word holding a digit). Nothing scans the
register for a name or a number: every such read goes through an index.

Names. Each word of the query gets the keys `homeward.names` gives the register's name variants
(`person_names`): surname key and phonetic key, given-name key, patronymic key. So Oleksandr,
Олександр and Александр all give the given-name key "aleksandr", Kovalenko and Коваленко the
surname key "kovalenko". The order is unknown, so every word is tried as the surname and every
other word as the given name (at most `MAX_WORDS` words). Variants are fetched thus:

- a bare surname (one word): the variants with that `surname_key` (index); only if none (after
  the filters) is found, the near surnames: the same `surname_phonetic` (index), or a
  `surname_key` within one edit of the word's key, or the key of the word as typed with two
  adjacent letters swapped or one left out ("Obusahk" reads as "obusagk", h being Ukrainian г,
  but "Obushak" is one swap away). Keys within one edit are enumerated (deletions,
  transpositions, substitutions and insertions over a-z, a few hundred) and looked up with
  `surname_key IN (...)`: index probes, never a scan.
- a name of several words: (1) the exact pairs, `(surname_key, given_key)` or
  `(surname_phonetic, given_key)` equal to some reading of the query (the two composite indexes),
  and (2) every variant whose surname is near, as above, the word `split_full_name` reads as the
  surname (if it reads none, every word, and for typos every word but the given name; a list
  with its columns swapped is found by (1)); the keys one edit away go in a query of their own,
  which PostgreSQL plans as index probes where one OR with the rest may tip it to a scan. The
  given name is compared in Python on these rows: the same key, the same phonetic key, within
  one edit (two from 8 letters), or an initial (the first letter of the variant's given name as
  written, in any script). A variant whose given name disagrees is not a match.

Scores: a surname that agrees by key 1.0, by phonetic key within two edits 0.8, within one edit
or one swap/omission 0.7, by phonetic key alone 0.5; a given name by key 1.0, by phonetic key 0.8,
within the edits 0.6, by initial 0.5, absent from a variant whose surname agrees by key 0.3; a
patronymic that agrees +0.1 (its initial +0.05), one that disagrees -0.1; +0.01 when the surname
is the word `split_full_name` reads as the surname. So agreement of surname and given name by key
(2.0) ranks first, then phonetic agreement (1.8), then partial agreement. A person scores as the
best of their variants (`matched_name` is that variant, the first one on a tie); ties between
persons go to the lower id, so pages are stable. Numbers: looked up exactly in `identifiers.value`
and `persons.service_number` (both indexed) in a few written forms (as typed, upper case,
Cyrillic and Latin look-alike letters, with and without the hyphen: А-000470, A000470); a person
found by number scores 3.0 and comes first.

Filters apply in SQL to the persons found (by primary key), or to the whole register when the
query is empty, which lists persons in id order. Merged persons are always left out. A unit is
compared by its code (`homeward.values.unit_code`): "в/ч А0536", "А0536" and "military
unit A0536" are one unit; the code's digits narrow the rows in SQL and the whole code is
confirmed in Python. A named formation ("ЧВК «Вагнер»") matches as a part of the stored unit.
Parts of places and named units are compared whatever their case, in any script (on SQLite,
whose LIKE folds ASCII only, through a GLOB of both cases of each letter). A missing-date filter
keeps the persons who may have gone missing in the range: a date known to the month or the year
counts if that month or year overlaps it. The filters on place, unit and dates scan the persons
table when the query is empty (there is no index to serve a substring).

Limits: at most `ROW_CAP` name variants are read per query, at most `MAX_TOTAL` persons are
ranked; beyond that `total` is `MAX_TOTAL` and `total_capped` is true (a bare, very common surname
on a register of millions; a listing by filters alone, which still serves any page in id order).
A query longer than `MAX_QUERY_LENGTH` characters, with more than `MAX_WORDS` words, or with
neither a letter nor a digit is refused with `InvalidInput`, as are a page below 1, more than
`MAX_PER_PAGE` per page and a date range that ends before it starts. SQL wildcards in the query
or the filters are plain characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, Final, TypeAlias

from sqlalchemy import ColumnElement, Row, and_, func, or_, select
from sqlalchemy.orm import Session

from homeward.dates import PartialDate, Precision
from homeward.errors import InvalidInput
from homeward.names import (
    APOSTROPHE,
    NamePart,
    clean_name,
    match_key,
    phonetic_key,
    split_full_name,
)
from homeward.names.keys import is_initial
from homeward.names.skeleton import word_skeletons
from homeward.registry.models import Identifier, Person, PersonName
from homeward.registry.vocab import Side, Status
from homeward.values import unit_code

MAX_QUERY_LENGTH: Final = 200
MAX_WORDS: Final = 5
MAX_PER_PAGE: Final = 100
ROW_CAP: Final = 5000  # name variants one query reads at most
MAX_TOTAL: Final = 1000  # persons ranked at most; `total` is capped here
IDENTIFIER_SCORE: Final = 3.0
_MAX_TYPO_LENGTH: Final = 24  # a longer word is no name: its typos are not looked for

_KEY_LETTERS: Final = "abcdefghijklmnopqrstuvwxyz"
_NUMBER: Final = re.compile(r"\S*\d\S*")
# a person's number in the register as the pages show it: "№ 5207", "#5207", or the digits alone
_REGISTER_NUMBER: Final = re.compile(r"(?:№|#)?\s*(\d{1,9})")
# A space typed where a Ukrainian word's apostrophe stands (Мар яненко for Мар'яненко): after
# a labial or р, before я, ю, є or ї. Read so only when the words as typed find no one.
_APOSTROPHE_GAP: Final = re.compile(r"(?<=[бпвмфрБПВМФР]) (?=[яюєїЯЮЄЇ])")
_NAME_WORD: Final = re.compile(rf"[^\W\d_]+(?:[-{APOSTROPHE}][^\W\d_]+)*\.?")
_EDGE_PUNCTUATION: Final = ".,;:!?()[]{}\"'«»#№"
_CODE: Final = re.compile(r"^([^\W\d_]{1,3})[\s\-]?(\d+)$")
_UNIT_CODE: Final = re.compile(r"^[A-Z]*(\d+)$")
_TO_LATIN: Final = str.maketrans("АВЕКМНОРСТХІ", "ABEKMHOPCTXI")
_TO_CYRILLIC: Final = str.maketrans("ABEKMHOPCTXI", "АВЕКМНОРСТХІ")

_AnyRow: TypeAlias = Row[*tuple[Any, ...]]
_NAMES = PersonName.__table__.c
_PERSONS = Person.__table__.c
_IDENTIFIERS = Identifier.__table__.c


@dataclass(frozen=True)
class SearchFilters:
    status: Status | None = None
    side: Side | None = None
    missing_from: date | None = None
    missing_to: date | None = None
    missing_place: str | None = None  # a case-insensitive part of the place as stored
    unit: str | None = None  # compared by unit code: "в/ч А0536" is "А0536"
    order: str = "number"  # of a list by filters alone (a name's results are ranked): ORDERS


# The orders a list by filters alone can take; the person's number breaks every tie.
ORDERS: Final = {
    "number": (_PERSONS.id,),
    "surname": (_PERSONS.surname, _PERSONS.given_name, _PERSONS.id),
    "missing_newest": (_PERSONS.missing_date.desc().nulls_last(), _PERSONS.id),
    "missing_oldest": (_PERSONS.missing_date.asc().nulls_last(), _PERSONS.id),
    "status": (_PERSONS.status, _PERSONS.surname, _PERSONS.id),
}


@dataclass(frozen=True)
class SearchHit:
    person_id: int
    name: str  # the person's primary name: surname, given name, patronymic as stored
    matched_name: str  # the name variant (or "kind: number" of the document) that matched
    status: str
    side: str
    birth_date: str | None  # ISO 8601 at the known precision: 1999-03-12, 1999-03 or 1999
    missing_date: str | None
    missing_place: str | None
    unit: str | None
    score: float  # higher is better
    sex: str | None = None  # "M", "F" or unknown: the status is said in the person's gender
    # when a document matched: its kind (an IdentifierKind's code) and its number as stored
    matched_kind: str | None = None
    matched_number: str | None = None


@dataclass(frozen=True)
class SearchPage:
    hits: list[SearchHit]
    total: int  # distinct persons that match, at most MAX_TOTAL
    page: int
    per_page: int
    total_capped: bool = False  # more than MAX_TOTAL persons (or ROW_CAP variants) matched


@dataclass(frozen=True)
class _Word:
    """One word of the query with the keys it has as each part of a name."""

    text: str
    initial: str | None  # the initial's letter when the word is an initial ("O." → "o")
    surname_key: str
    surname_phonetic: str
    typo_keys: frozenset[str]  # surname keys of the word with two letters swapped or one left out
    given_key: str
    given_phonetic: str
    given_skeleton: str
    patronymic_key: str


@dataclass(frozen=True)
class _Match:
    score: float
    matched_name: str
    order: int = 0  # the variant's row id: of two variants that score alike, the first wins
    kind: str | None = None  # the document's kind, when a number matched
    number: str | None = None


def search_persons(
    session: Session,
    query: str,
    filters: SearchFilters = SearchFilters(),
    *,
    page: int = 1,
    per_page: int = 20,
) -> SearchPage:
    """One page of the persons the query names, best first; merged persons never appear."""
    text = " ".join(query.split())
    _check(text, filters, page, per_page)
    conditions = _person_conditions(session, filters)
    code = _unit_filter_code(filters.unit)
    if not text:
        return _list_by_filters(session, conditions, code, page, per_page, filters.order)
    own_number = _REGISTER_NUMBER.fullmatch(text)
    if own_number:
        text = own_number.group(1)
    numbers = [n.strip(_EDGE_PUNCTUATION) for n in _NUMBER.findall(text)]
    words = _words(_NUMBER.sub(" ", text))
    if not words and not any(numbers):
        raise InvalidInput("query", "type a name or a document number")
    if len(words) > MAX_WORDS:
        raise InvalidInput("query", "a name has at most %(n)s words", n=MAX_WORDS)
    matches: dict[int, _Match] = {}
    persons: dict[int, _AnyRow] = {}
    capped = False
    if words:
        capped = _match_names(session, text, words, conditions, code, matches, persons)
    if numbers:
        found: dict[int, _Match] = {}
        _match_numbers(session, text, [n for n in numbers if n], found)
        if own_number:  # the register's own number, beside any document that bears the digits
            own = str(int(text))  # as the pages write it: № 12, not № 00012
            found[int(text)] = _Match(IDENTIFIER_SCORE, f"register_number: {own}",
                                      kind="register_number", number=own)  # fmt: skip
        persons |= _persons(session, list(found), conditions, code)
        matches |= found
    if not persons and _APOSTROPHE_GAP.search(text):
        joined = _APOSTROPHE_GAP.sub(APOSTROPHE, text)
        return search_persons(session, joined, filters, page=page, per_page=per_page)
    ranked = sorted(persons, key=lambda pid: (-matches[pid].score, pid))
    if len(ranked) > MAX_TOTAL:
        ranked, capped = ranked[:MAX_TOTAL], True
    start = (page - 1) * per_page
    hits = [
        _hit(persons[pid], matches[pid].matched_name, matches[pid].score, matches[pid])
        for pid in ranked[start : start + per_page]
    ]
    return SearchPage(
        hits=hits, total=len(ranked), page=page, per_page=per_page, total_capped=capped
    )


# --- reading the query ---------------------------------------------------------------------


def _check(text: str, filters: SearchFilters, page: int, per_page: int) -> None:
    if len(text) > MAX_QUERY_LENGTH:
        raise InvalidInput(
            "query",
            "is longer than %(n)s characters",
            n=MAX_QUERY_LENGTH,
        )
    if page < 1:
        raise InvalidInput("page", "must be 1 or more")
    if not 1 <= per_page <= MAX_PER_PAGE:
        raise InvalidInput("per_page", "must be from 1 to %(n)s", n=MAX_PER_PAGE)
    if filters.missing_from and filters.missing_to and filters.missing_from > filters.missing_to:
        raise InvalidInput("missing_from", "is after missing_to")
    if filters.order not in ORDERS:
        raise InvalidInput(
            "order", "%(value)s is not one of %(known)s", value=repr(filters.order),
            known=", ".join(ORDERS),
        )  # fmt: skip


def _words(text: str) -> list[_Word]:
    """The words of a name; a double surname ("Коваленко-Петренко") stays one word."""
    return [_word(word) for word in _NAME_WORD.findall(clean_name(text))]


@lru_cache(maxsize=1 << 12)
def _word(word: str) -> _Word:
    initial = word_skeletons(word.rstrip("."))[0][:1] if is_initial(word) else None
    return _Word(
        text=word,
        initial=initial or None,
        surname_key=match_key(word, NamePart.SURNAME),
        surname_phonetic=phonetic_key(word, NamePart.SURNAME),
        typo_keys=_typo_keys(word),
        given_key=match_key(word, NamePart.GIVEN),
        given_phonetic=phonetic_key(word, NamePart.GIVEN),
        given_skeleton=word_skeletons(word)[0] if word_skeletons(word) else "",
        patronymic_key=match_key(word, NamePart.PATRONYMIC),
    )


def _typo_keys(word: str) -> frozenset[str]:
    """A typo undone in the word as typed, before it is keyed: "Obusahk" is keyed "obusagk"
    (h reads as Ukrainian г), far from Обушак's "obushak", but "Obushak" is one swap away."""
    if not 4 <= len(word) <= _MAX_TYPO_LENGTH or is_initial(word):
        return frozenset()
    swaps = {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
    omissions = {word[:i] + word[i + 1 :] for i in range(len(word))}
    keys = {match_key(variant, NamePart.SURNAME) for variant in swaps | omissions}
    return frozenset(keys - {"", match_key(word, NamePart.SURNAME)})


def _edits(key: str) -> set[str]:
    """Every key one edit away: a deletion, transposition, substitution or insertion."""
    splits = [(key[:i], key[i:]) for i in range(len(key) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    transposes = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in _KEY_LETTERS}
    inserts = {a + c + b for a, b in splits for c in _KEY_LETTERS}
    return (deletes | transposes | replaces | inserts) - {key}


# --- names ---------------------------------------------------------------------------------


def _stages(words: Sequence[_Word], text: str) -> list[list[ColumnElement[bool]]]:
    """Stages to try in turn, each the queries on name variants it runs (see the docstring)."""
    surnames = [w for w in words if not w.initial and w.surname_key]
    if not surnames:
        return []
    # near surnames only for the word read as the surname (see _surname_words): another word
    # taken for the surname (a list with its columns swapped) must agree exactly, in pairs
    near_words, edited = _surname_words(text, surnames)
    keys = sorted({w.surname_key for w in near_words})
    phonetics = sorted({w.surname_phonetic for w in near_words if w.surname_phonetic})
    edits = sorted(
        {
            edit
            for w in edited[:2]  # a few hundred keys each
            if 4 <= len(w.surname_key) <= _MAX_TYPO_LENGTH
            for edit in _edits(w.surname_key)
        }
        | {k for w in edited for k in w.typo_keys}
    )
    # the keys one edit away in a query of their own: beside the others PostgreSQL may plan
    # the whole as a sequential scan
    near = [or_(_NAMES.surname_key.in_(keys), _NAMES.surname_phonetic.in_(phonetics))]
    if edits:
        near.append(_NAMES.surname_key.in_(edits))
    if len(words) == 1:
        return [[_NAMES.surname_key.in_(keys)], near]
    pairs = [
        (s, g) for s in surnames for g in words if g is not s and not g.initial and g.given_key
    ]
    exact = [
        clause
        for s, g in pairs
        for clause in (
            and_(_NAMES.surname_key == s.surname_key, _NAMES.given_key == g.given_key),
            and_(_NAMES.surname_phonetic == s.surname_phonetic, _NAMES.given_key == g.given_key),
        )
    ]
    return [([or_(*exact)] if exact else []) + near]


def _match_names(
    session: Session,
    text: str,
    words: list[_Word],
    conditions: list[ColumnElement[bool]],
    code: str | None,
    matches: dict[int, _Match],
    persons: dict[int, _AnyRow],
) -> bool:
    """Fill `matches` and `persons` from the first stage that finds anyone the filters keep;
    True if that stage read `ROW_CAP` variants and may have missed some."""
    preferred = _preferred_surname(text, words)
    columns = (
        _NAMES.id,
        _NAMES.person_id,
        _NAMES.surname,
        _NAMES.given_name,
        _NAMES.patronymic,
        _NAMES.surname_key,
        _NAMES.given_key,
        _NAMES.patronymic_key,
        _NAMES.surname_phonetic,
    )
    for stage in _stages(words, text):
        capped = False
        rows: list[_AnyRow] = []
        for condition in stage:
            read = session.execute(select(*columns).where(condition).limit(ROW_CAP + 1)).all()
            capped |= len(read) > ROW_CAP
            rows += read[:ROW_CAP]
        found: dict[int, _Match] = {}
        scorer = _Scorer(words, preferred)
        for row in rows:
            score = scorer.score(row)
            if score is None:
                continue
            known = found.get(row.person_id)
            if known is None or (-score, row.id) < (-known.score, known.order):
                found[row.person_id] = _Match(score, _full_name(row), row.id)
        kept = _persons(session, list(found), conditions, code)
        if kept:
            matches.update({pid: found[pid] for pid in kept})
            persons.update(kept)
            return capped
    return False


def _preferred_surname(text: str, words: Sequence[_Word]) -> _Word | None:
    """The word `split_full_name` reads as the surname, if it reads one."""
    surname = split_full_name(_NUMBER.sub(" ", text)).surname
    if not surname:
        return None
    first = surname.split()[0]
    return next((w for w in words if w.text == first), None)


def _surname_words(text: str, surnames: Sequence[_Word]) -> tuple[Sequence[_Word], Sequence[_Word]]:
    """The words whose near surnames are looked up, and those whose typos are: the word
    `split_full_name` reads as the surname; when it reads none ("Yaroslava Symanovych" reads as
    a given name and a patronymic), every word, and for typos every word but the given name."""
    preferred = _preferred_surname(text, surnames)
    if preferred is not None:
        return [preferred], [preferred]
    given = split_full_name(_NUMBER.sub(" ", text)).given_name
    return surnames, [w for w in surnames if w.text != given] or surnames


class _Scorer:
    """Scores name variants against the query's words; each part's agreement is computed once
    per distinct stored key, since many variants share a surname or a given name."""

    def __init__(self, words: Sequence[_Word], preferred: _Word | None) -> None:
        self.words = words
        self.preferred = preferred
        self._surnames: dict[tuple[str, str], tuple[float | None, ...]] = {}
        self._givens: dict[tuple[str, str | None], tuple[float | None, ...]] = {}
        self._patronymics: dict[str, tuple[float | None, ...]] = {}

    def score(self, row: _AnyRow) -> float | None:
        """The best reading of the query against one name variant, or None if none agrees."""
        surnames = self._surname(row.surname_key, row.surname_phonetic)
        if all(agreement is None for agreement in surnames):
            return None
        words = self.words
        if len(words) == 1:
            assert surnames[0] is not None
            return round(surnames[0] + (0.01 if words[0] is self.preferred else 0.0), 3)
        givens = self._given(row.given_key, row.given_name) if row.given_key else None
        patronymics = self._patronymic(row.patronymic_key) if row.patronymic_key else None
        best: float | None = None
        for i, agreement in enumerate(surnames):
            if agreement is None:
                continue
            surname = words[i]
            bonus = 0.01 if surname is self.preferred else 0.0
            for j in range(len(words)):
                if j == i:
                    continue
                if givens is not None:
                    given = givens[j]
                elif agreement == 1.0 and self.preferred in (None, surname):
                    given = 0.3  # the variant has no given name: only the surname agrees
                else:
                    given = None
                if given is None:
                    continue
                rest = [k for k in range(len(words)) if k not in (i, j)]
                patronymic = 0.0
                if rest and patronymics is not None:
                    agreeing = [a for k in rest if (a := patronymics[k]) is not None]
                    patronymic = max(agreeing) if agreeing else -0.1
                score = agreement + given + patronymic + bonus
                best = score if best is None else max(best, score)
        return None if best is None else round(best, 3)

    def _surname(self, key: str, phonetic: str) -> tuple[float | None, ...]:
        known = self._surnames.get((key, phonetic))
        if known is None:
            known = tuple(_surname_agreement(w, key, phonetic) for w in self.words)
            self._surnames[(key, phonetic)] = known
        return known

    def _given(self, key: str, name: str | None) -> tuple[float | None, ...]:
        known = self._givens.get((key, name))
        if known is None:
            known = tuple(_given_agreement(w, key, name) for w in self.words)
            self._givens[(key, name)] = known
        return known

    def _patronymic(self, key: str) -> tuple[float | None, ...]:
        known = self._patronymics.get(key)
        if known is None:
            known = tuple(_patronymic_agreement(w, key) for w in self.words)
            self._patronymics[key] = known
        return known


def _surname_agreement(word: _Word, key: str, phonetic: str) -> float | None:
    if word.initial or not word.surname_key:
        return None
    if word.surname_key == key:
        return 1.0
    sounds_alike = bool(word.surname_phonetic) and word.surname_phonetic == phonetic
    if sounds_alike and _within(word.surname_key, key, 2):
        return 0.8
    if key in word.typo_keys or (len(word.surname_key) >= 4 and _within(word.surname_key, key, 1)):
        return 0.7
    return 0.5 if sounds_alike else None


def _given_agreement(word: _Word, key: str, name: str | None) -> float | None:
    if word.initial:
        return 0.5 if word.initial in _initials(name or "") else None
    if word.given_key == key:
        return 1.0
    if word.given_phonetic and word.given_phonetic == _given_phonetic(key):
        return 0.8
    if len(word.given_key) < 4:
        return None
    allowed = 1 if len(word.given_key) < 8 else 2
    skeleton = _skeleton(name) if name else ""
    if _within(word.given_key, key, allowed) or (
        skeleton and _within(word.given_skeleton, skeleton, allowed)
    ):
        return 0.6
    return None


def _patronymic_agreement(word: _Word, key: str) -> float | None:
    """+0.1 for the same patronymic, +0.05 for its initial, None when it says nothing."""
    if word.patronymic_key == key:
        return 0.1
    if word.initial and word.initial == key[:1]:
        return 0.05
    return None


@lru_cache(maxsize=1 << 16)
def _within(a: str, b: str, limit: int) -> bool:
    """True when a and b are at most `limit` edits apart (optimal string alignment: deletions,
    insertions, substitutions and transpositions of adjacent letters)."""
    if abs(len(a) - len(b)) > limit:
        return False
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return False
        before, previous = previous, current
    return previous[-1] <= limit


@lru_cache(maxsize=1 << 14)
def _skeleton(given_name: str) -> str:
    return word_skeletons(given_name)[0] if word_skeletons(given_name) else ""


@lru_cache(maxsize=1 << 14)
def _given_phonetic(key: str) -> str:
    return phonetic_key(key, NamePart.GIVEN)


@lru_cache(maxsize=1 << 14)
def _initials(given_name: str) -> frozenset[str]:
    """The letters the given name begins with, as written (a Latin name in each reading)."""
    return frozenset(s[:1] for s in word_skeletons(given_name) if s)


def _full_name(row: Any) -> str:
    return " ".join(part for part in (row.surname, row.given_name, row.patronymic) if part)


# --- document numbers ----------------------------------------------------------------------


def _number_forms(numbers: Iterable[str], text: str) -> set[str]:
    """The ways a document number may be stored: А-000470, A-000470, А000470, а000470 …"""
    forms: set[str] = set()
    compact = re.sub(r"[\s\-]", "", text)
    for number in [*numbers, compact]:
        upper = number.upper()
        forms |= {number, upper}
        code = _CODE.match(re.sub(r"\s", "", upper))
        if code:
            letters, digits = code.groups()
            for script in (letters, letters.translate(_TO_LATIN), letters.translate(_TO_CYRILLIC)):
                forms |= {f"{script}{digits}", f"{script}-{digits}", f"{script} {digits}"}
    return {f for f in forms if f and len(f) <= 100}


def _match_numbers(
    session: Session, text: str, numbers: list[str], matches: dict[int, _Match]
) -> None:
    forms = sorted(_number_forms(numbers, text))
    by_identifier = select(_IDENTIFIERS.person_id, _IDENTIFIERS.kind, _IDENTIFIERS.value).where(
        _IDENTIFIERS.value.in_(forms)
    )
    by_service_number = select(_PERSONS.id, _PERSONS.service_number).where(
        _PERSONS.service_number.in_(forms)
    )
    found = [(r[0], r[1], r[2]) for r in session.execute(by_identifier.limit(ROW_CAP))]
    found += [(r[0], "service_number", r[1]) for r in session.execute(by_service_number.limit(50))]
    for person_id, kind, value in sorted(found, reverse=True):  # the first form found wins
        matches[person_id] = _Match(IDENTIFIER_SCORE, f"{kind}: {value}", kind=kind, number=value)


# --- filters and persons -------------------------------------------------------------------


def _person_conditions(session: Session, filters: SearchFilters) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [_PERSONS.merged_into_id.is_(None)]
    if filters.status is not None:
        conditions.append(_PERSONS.status == _member(Status, filters.status, "status"))
    if filters.side is not None:
        conditions.append(_PERSONS.side == _member(Side, filters.side, "side"))
    if filters.missing_from is not None:
        conditions.append(_missing_since(filters.missing_from))
    if filters.missing_to is not None:
        conditions.append(_PERSONS.missing_date <= filters.missing_to)
    place = " ".join((filters.missing_place or "").split())
    if place:
        conditions.append(_contains(session, _PERSONS.missing_place, place))
    unit = " ".join((filters.unit or "").split())
    code = _unit_filter_code(unit)
    if code:  # narrowed here by the code's digits, confirmed by the whole code in Python
        digits = _UNIT_CODE.match(code)
        assert digits is not None
        conditions.append(_PERSONS.unit.contains(digits.group(1), autoescape=True))
    elif unit:
        conditions.append(_contains(session, _PERSONS.unit, unit))
    return conditions


def _member(vocabulary: type[Status] | type[Side], value: str, field: str) -> str:
    try:
        return vocabulary(value).value
    except ValueError:
        known = ", ".join(member.value for member in vocabulary)
        raise InvalidInput(
            field, "%(value)s is not one of %(known)s", value=repr(value), known=known
        ) from None


def _missing_since(day: date) -> ColumnElement[bool]:
    """The person may have gone missing on or after `day`, at the precision the date is known."""
    missing, precision = _PERSONS.missing_date, _PERSONS.missing_date_precision
    return or_(
        and_(precision == Precision.YEAR.value, missing >= date(day.year, 1, 1)),
        and_(precision == Precision.MONTH.value, missing >= date(day.year, day.month, 1)),
        and_(
            or_(
                precision.is_(None),
                precision.not_in([Precision.YEAR.value, Precision.MONTH.value]),
            ),
            missing >= day,
        ),
    )


def _unit_filter_code(unit: str | None) -> str | None:
    """The code a unit filter compares in Python, or None when SQL alone decides."""
    code = unit_code(" ".join((unit or "").split()))
    return code if code and _UNIT_CODE.match(code) else None


def _contains(session: Session, column: Any, needle: str) -> ColumnElement[bool]:
    """The column holds `needle`, whatever the case, in any script. SQLite's LIKE and lower()
    fold ASCII letters only, so there each letter becomes a GLOB class of both its cases."""
    if session.get_bind().dialect.name != "sqlite":
        return func.lower(column).contains(needle.lower(), autoescape=True)
    pattern = "".join(_glob_letter(char) for char in needle)
    return column.op("GLOB")(f"*{pattern}*")  # type: ignore[no-any-return]


def _glob_letter(char: str) -> str:
    lower, upper = char.lower(), char.upper()
    if lower != upper and len(lower) == len(upper) == 1:
        return f"[{lower}{upper}]"
    return f"[{char}]" if char in "*?[" else char


_PERSON_COLUMNS: Final = (
    _PERSONS.id,
    _PERSONS.surname,
    _PERSONS.given_name,
    _PERSONS.patronymic,
    _PERSONS.status,
    _PERSONS.side,
    _PERSONS.birth_date,
    _PERSONS.birth_date_precision,
    _PERSONS.missing_date,
    _PERSONS.missing_date_precision,
    _PERSONS.missing_place,
    _PERSONS.unit,
    _PERSONS.sex,
)


def _persons(
    session: Session, ids: list[int], conditions: list[ColumnElement[bool]], code: str | None
) -> dict[int, _AnyRow]:
    """The persons among `ids` that pass the filters (and are not merged), by id."""
    found: dict[int, _AnyRow] = {}
    for start in range(0, len(ids), ROW_CAP):
        chunk = ids[start : start + ROW_CAP]
        query = select(*_PERSON_COLUMNS).where(_PERSONS.id.in_(chunk), *conditions)
        for row in session.execute(query):
            if code is None or unit_code(row.unit or "") == code:
                found[row.id] = row
    return found


def _list_by_filters(
    session: Session,
    conditions: list[ColumnElement[bool]],
    code: str | None,
    page: int,
    per_page: int,
    order: str,
) -> SearchPage:
    """An empty query: every person the filters select, in the order asked for, counted in full
    and paged through to the last (a list is not a ranking: nothing is cut off)."""
    start = (page - 1) * per_page
    ordered = select(_PERSONS.id, _PERSONS.unit).where(*conditions).order_by(*ORDERS[order])
    if code is None:
        total = session.scalar(select(func.count(_PERSONS.id)).where(*conditions))
        page_ids = list(session.scalars(ordered.with_only_columns(_PERSONS.id)
                                        .limit(per_page).offset(start)))  # fmt: skip
    else:  # a unit is compared by its code, read in Python
        ids = [
            person_id
            for person_id, unit in session.execute(ordered.execution_options(yield_per=5000))
            if unit_code(unit or "") == code
        ]
        total, page_ids = len(ids), ids[start : start + per_page]
    by_id = _persons(session, page_ids, conditions, code)
    hits = [_hit(by_id[pid], _full_name(by_id[pid]), 0.0) for pid in page_ids]
    return SearchPage(hits=hits, total=total or 0, page=page, per_page=per_page)


def _hit(row: _AnyRow, matched_name: str, score: float, match: _Match | None = None) -> SearchHit:
    birth = PartialDate.from_stored(row.birth_date, row.birth_date_precision)
    missing = PartialDate.from_stored(row.missing_date, row.missing_date_precision)
    return SearchHit(
        person_id=row.id,
        name=_full_name(row),
        matched_name=matched_name,
        status=row.status,
        side=row.side,
        birth_date=birth.iso() if birth else None,
        missing_date=missing.iso() if missing else None,
        missing_place=row.missing_place,
        unit=row.unit,
        score=score,
        sex=row.sex,
        matched_kind=match.kind if match else None,
        matched_number=match.number if match else None,
    )
