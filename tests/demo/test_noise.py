"""The noise of real lists: every kind occurs, and each does only what it says."""

from __future__ import annotations

from collections import Counter
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from homeward.dates import parse_partial_date
from homeward.demo import noise
from homeward.demo.population import SyntheticPerson
from homeward.demo.sampling import Uniform

CYRILLIC_NAMES = st.text(alphabet="абвгґдеєжзиіїйклмнопрстуфхцчшщьюяʼ", min_size=3, max_size=14)
FRACTIONS = st.floats(min_value=0, max_value=0.999)


def _draws(values: list[float]) -> Uniform:
    queue = iter(values * 20)
    return lambda: next(queue)


def _labels(population: list[SyntheticPerson]) -> Counter[str]:
    return Counter(label for p in population for r in p.reports for label in r.noise)


def test_reports_carry_noise_of_every_kind(population: list[SyntheticPerson]) -> None:
    seen = {label.split(":")[0] for label in _labels(population)}
    assert set(noise.NOISE_KINDS) - seen == set()
    assert seen <= set(noise.NOISE_KINDS)


def test_latin_lists_use_many_conventions(population: list[SyntheticPerson]) -> None:
    conventions = {label for label in _labels(population) if label.startswith("latin:")}
    assert len(conventions) >= 10


def test_latin_reports_have_no_cyrillic_names(population: list[SyntheticPerson]) -> None:
    for person in population:
        for report in person.reports:
            if "latin" in report.noise:
                name = report.fields["surname"] + report.fields["given_name"]
                assert not any("а" <= c.lower() <= "я" or c in "іїєґІЇЄҐ" for c in name), name


def test_dates_are_written_as_sources_write_them(population: list[SyntheticPerson]) -> None:
    written: Counter[str] = Counter()
    for person in population:
        for report in person.reports:
            for field in ("birth_date", "missing_date"):
                text = report.fields[field]
                if text:
                    parse_partial_date(text, field=field)  # raises when unreadable
                    written[
                        "01.01"
                        if text.startswith("01.01.")
                        else "00.00"
                        if text.startswith("00.00.")
                        else "year"
                        if text.isdigit()
                        else "iso"
                        if text[4:5] == "-"
                        else "other"
                    ] += 1
    assert all(written[kind] for kind in ("01.01", "00.00", "year", "iso", "other"))


def test_units_are_written_in_many_ways(own: list[SyntheticPerson]) -> None:
    units = {r.fields["unit"].split()[0] for p in own for r in p.reports if r.fields["unit"]}
    assert {"в/ч", "military", "військова"} <= units


def test_own_names_appear_in_russian_and_latin(own: list[SyntheticPerson]) -> None:
    person = next(
        p
        for p in own
        if {"russian_form", "latin"} <= {label for r in p.reports for label in r.noise}
    )
    scripts = {r.fields["surname"][:1].isascii() for r in person.reports if r.fields["surname"]}
    assert scripts == {True, False}


@given(CYRILLIC_NAMES, st.lists(FRACTIONS, min_size=3, max_size=3))
def test_a_typo_changes_a_name_by_one_keystroke(name: str, draws: list[float]) -> None:
    typed = noise.typo(_draws(draws), name)
    assert abs(len(typed) - len(name)) <= 1
    if len(typed) == len(name):
        differences = sum(1 for a, b in zip(typed, name, strict=True) if a != b)
        assert differences <= 2


@given(CYRILLIC_NAMES, st.lists(FRACTIONS, min_size=3, max_size=3))
def test_homoglyphs_look_the_same(name: str, draws: list[float]) -> None:
    disguised = noise.homoglyph(_draws(draws), name)
    assert len(disguised) == len(name)
    for original, shown in zip(name, disguised, strict=True):
        assert shown == original or noise._HOMOGLYPHS[original] == shown


def test_homoglyphs_prefer_the_latin_i() -> None:
    assert noise.homoglyph(lambda: 0.5, "Андрій") == "Андрiй"


def test_apostrophes_take_every_variant() -> None:
    variants = {noise.apostrophe(_draws([i / 7]), "Вʼячеслав") for i in range(7)}
    assert variants == {f"В{mark}ячеслав" for mark in noise.APOSTROPHE_VARIANTS}


def test_day_and_month_swap_only_when_both_could_be_months() -> None:
    assert noise.written_date(date(1990, 3, 12), "swap") == "03.12.1990"
    assert noise.written_date(date(1990, 3, 15), "swap") == "15.03.1990"


def test_placeholders_keep_only_the_year() -> None:
    assert noise.written_date(date(1990, 3, 12), "placeholder_0101") == "01.01.1990"
    assert noise.written_date(date(1990, 3, 12), "placeholder_0000") == "00.00.1990"
    assert noise.written_date(date(1990, 3, 12), "text_uk") == "12 березня 1990 р."
