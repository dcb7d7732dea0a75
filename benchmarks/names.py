"""How well Homeward's name keys work: agreement, collisions and speed.

    .venv/bin/python benchmarks/names.py [--without-supplement]

Agreement: for every row of the test vectors in ../shared/testdata, the other spellings of the
row's name (the other language, the official and the other transliterations, capitals, ё written
е, apostrophe variants, Latin look-alikes typed inside Cyrillic) are keyed, and the share whose
key equals the key of the row's Ukrainian (or Cyrillic) form is printed. Collisions: the share
of pairs of *different* names whose keys are equal. Speed: names keyed per second on one core.
"""

import csv
import itertools
import random
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from translitua import (
    RussianGOST2006,
    RussianICAO,
    RussianInternationalPassport1997,
    RussianISO9SystemB,
    TransliterationTable,
    UkrainianBGN,
    UkrainianFrench,
    UkrainianGerman,
    UkrainianKMU,
    UkrainianNational1996,
    UkrainianPassport2007,
    translit,
)

from homeward.names import NamePart, match_key, phonetic_key
from homeward.names.dictionaries import uk_to_ru
from homeward.names.scripts import TO_LATIN
from homeward.names.surnames import feminine_form, masculine_forms

TESTDATA = Path(__file__).resolve().parents[2] / "shared" / "testdata"
APOSTROPHES = "'\u2019\u02bc`\u2018\u00b4\u02b9\u2032\u02bb\uff07"
UK_TABLES: tuple[type[TransliterationTable], ...] = (
    UkrainianKMU,
    UkrainianPassport2007,
    UkrainianNational1996,
    UkrainianBGN,
)
RU_TABLES: tuple[type[TransliterationTable], ...] = (
    RussianICAO,
    RussianInternationalPassport1997,
    RussianGOST2006,
    RussianISO9SystemB,
)
OTHER_TRADITIONS: tuple[type[TransliterationTable], ...] = (UkrainianGerman, UkrainianFrench)
# Spellings seen in print that no table produces (issue 3; NAMES-NOTES §6).
HAND_PICKED = {
    "Шевченко": ("Schewtschenko", "Szewczenko", "Chevtchenko", "Shevtchenko", "Ševčenko"),
    "Ющенко": ("Juschtschenko", "Juszczenko", "Iouchtchenko", "Yuschenko", "Yushchenko"),
    "Коваленко": ("Kowalenko", "Kovalenko"),
    "Ковальов": ("Kovalyov", "Kovaliov", "Kovalev", "Kowaljow"),
    "Олександр": ("Alexander", "Aleksander", "Olexandr", "Oleksandr", "Aleksandr"),
    "Сергій": ("Sergey", "Sergiy", "Serhiy", "Serhii", "Sergei", "Sergii", "Serguei"),
    "Юлія": ("Yuliya", "Iuliia", "Yuliia", "Julia", "Yulia"),
    "Цвєтков": ("Tcvetkov", "Tsvetkov", "Zwetkow"),
}


@dataclass
class Tally:
    agree: int = 0
    total: int = 0
    phonetic: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, part: NamePart, reference: str, spelling: str) -> None:
        self.total += 1
        if match_key(spelling, part) == match_key(reference, part):
            self.agree += 1
        elif len(self.misses) < 6:
            self.misses.append(f"{reference}≠{spelling}")
        if phonetic_key(spelling, part) == phonetic_key(reference, part):
            self.phonetic += 1


def read(name: str) -> list[dict[str, str]]:
    with (TESTDATA / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def styles(text: str) -> Iterator[str]:
    yield text
    yield text.upper()


def apostrophe_variants(text: str) -> Iterator[str]:
    if "'" in text:
        for mark in APOSTROPHES:
            yield text.replace("'", mark)


def lookalike_variant(text: str) -> str:
    """Every other Cyrillic letter that has a Latin look-alike typed in Latin (the word stays
    mixed: a word typed wholly in Latin look-alikes is a Latin word)."""
    out, swap = [], False
    for char in text:
        if char in TO_LATIN and char not in "кК":
            swap = not swap
            out.append(TO_LATIN[char] if swap else char)
        else:
            out.append(char)
    return "".join(out)


def cyrillic_variants(text: str) -> Iterator[str]:
    yield from styles(text)
    yield from apostrophe_variants(text)
    yield lookalike_variant(text)
    if "ё" in text:
        yield text.replace("ё", "е")


def latin_variants(text: str, tables: Iterable[type[TransliterationTable]]) -> Iterator[str]:
    for table in tables:
        yield from styles(translit(text.replace("ʼ", "'"), table))


def pair_rows(name: str, part: NamePart, tally: dict[str, Tally]) -> None:
    for row in read(name):
        group = "confident" if not row["note"] else "noted"
        uk, ru = row["uk"], row["ru"]
        spellings = [
            *cyrillic_variants(uk),
            *cyrillic_variants(ru),
            *latin_variants(uk, UK_TABLES),
            *latin_variants(ru, RU_TABLES),
        ]
        for spelling in spellings:
            tally[group].add(part, uk, spelling)


def example_rows(tally: Tally) -> None:
    for row in read("kmu2010_examples.tsv"):
        for spelling in (*cyrillic_variants(row["cyrillic"]), *styles(row["latin"])):
            tally.add(NamePart.SURNAME, row["cyrillic"], spelling)
    kinds = {"m": NamePart.GIVEN, "f": NamePart.GIVEN, "s": NamePart.SURNAME}
    for row in read("ru_icao_examples.tsv"):
        part = kinds.get(row["kind"], NamePart.PATRONYMIC)
        for spelling in (*cyrillic_variants(row["cyrillic"]), *styles(row["latin"])):
            tally.add(part, row["cyrillic"], spelling)


def scheme_rows(tally: Tally) -> None:
    icao = {row["cyrillic"]: row["kind"] for row in read("ru_icao_examples.tsv")}
    kinds = {"m": NamePart.GIVEN, "f": NamePart.GIVEN, "s": NamePart.SURNAME}
    for row in read("ru_other_schemes_examples.tsv"):
        part = kinds.get(icao.get(row["cyrillic"], "s"), NamePart.PATRONYMIC)
        for column, spelling in row.items():
            if column != "cyrillic":
                tally.add(part, row["cyrillic"], spelling)


def tradition_rows(tally: Tally) -> None:
    surnames = [row["cyrillic"] for row in read("kmu2010_examples.tsv")]
    surnames = [name for name in surnames if name.endswith(("енко", "чук", "ський", "ич"))]
    for name in surnames:
        for spelling in latin_variants(name, OTHER_TRADITIONS):
            tally.add(NamePart.SURNAME, name, spelling)


def hand_rows(tally: Tally) -> None:
    for name, spellings in HAND_PICKED.items():
        part = NamePart.GIVEN if name in ("Олександр", "Сергій", "Юлія") else NamePart.SURNAME
        for spelling in spellings:
            tally.add(part, name, spelling)


HELD_OUT_TABLES: tuple[type[TransliterationTable], ...] = (
    UkrainianPassport2007,
    UkrainianNational1996,
    UkrainianBGN,
    UkrainianGerman,
    UkrainianFrench,
)


def held_out_rows(tallies: dict[str, Tally], sample: int) -> None:
    """Surnames of the dictionary spelt by tables the keys were not built from."""
    names = sorted(name for name in uk_to_ru(NamePart.SURNAME) if "-" not in name)
    chosen = random.Random(7).sample(names, sample)
    for table in HELD_OUT_TABLES:
        tally = tallies[f"{sample} dictionary surnames, {table.__name__} table"]
        for name in chosen:
            tally.add(NamePart.SURNAME, name, translit(name.title(), table))
    ru_tables = (RussianInternationalPassport1997, RussianGOST2006, RussianISO9SystemB)
    table_of = uk_to_ru(NamePart.SURNAME)
    for table in ru_tables:
        tally = tallies[f"their Russian forms, {table.__name__} table"]
        for name in chosen:
            tally.add(NamePart.SURNAME, name, translit(table_of[name][0].title(), table))


def agreement() -> dict[str, Tally]:
    tallies: dict[str, Tally] = defaultdict(Tally)
    given: dict[str, Tally] = defaultdict(Tally)
    pair_rows("given_name_pairs.tsv", NamePart.GIVEN, given)
    patronymic: dict[str, Tally] = defaultdict(Tally)
    pair_rows("patronymic_pairs.tsv", NamePart.PATRONYMIC, patronymic)
    for label, source in (("given names", given), ("patronymics", patronymic)):
        for group, tally in source.items():
            tallies[f"{label}, {group} rows"] = tally
    example_rows(tallies["KMU 2010 and ICAO examples"])
    scheme_rows(tallies["Russian: ICAO, GOST 2006, BGN, GOST 7.79 B"])
    tradition_rows(tallies["Ukrainian surnames: German, French tables"])
    hand_rows(tallies["hand-picked spellings in print"])
    return tallies


def vector_name_groups() -> list[set[str]]:
    """Given names that the vectors say are one name (Ганна, Анна), as connected groups."""
    parent: dict[str, str] = {}

    def find(node: str) -> str:
        while parent.setdefault(node, node) != node:
            node = parent[node]
        return node

    for row in read("given_name_pairs.tsv"):
        parent[find(row["uk"])] = find(row["ru"].replace("ё", "е"))
    groups: dict[str, set[str]] = defaultdict(set)
    for node in list(parent):
        groups[find(node)].add(node)
    return list(groups.values())


def given_name_collisions() -> tuple[int, int, int, list[str]]:
    names = [(sorted(group)[0], group) for group in vector_name_groups()]
    pairs = collided = phonetic = 0
    examples: list[str] = []
    for (first, _), (second, _) in itertools.combinations(names, 2):
        pairs += 1
        if match_key(first, NamePart.GIVEN) == match_key(second, NamePart.GIVEN):
            collided += 1
            examples.append(f"{first}={second}")
        if phonetic_key(first, NamePart.GIVEN) == phonetic_key(second, NamePart.GIVEN):
            phonetic += 1
    return pairs, collided, phonetic, examples


def raw_surname_groups() -> dict[str, str]:
    """Surname → group, the groups joined by the dictionary's own strings, no skeletons: a
    Ukrainian spelling with its Russian renderings, and masculine with feminine forms."""
    parent: dict[str, str] = {}

    def find(node: str) -> str:
        root = parent.setdefault(node, node)
        while root != parent[root]:
            root = parent[root]
        parent[node] = root
        return root

    def join(first: str, second: str) -> None:
        parent[find(first)] = find(second)

    for uk, renderings in uk_to_ru(NamePart.SURNAME).items():
        for form in (uk, *renderings):
            join(uk, form)
            for other in (feminine_form(form), *masculine_forms(form)[:1]):
                if other:
                    join(form, other)
    return {name: find(name) for name in uk_to_ru(NamePart.SURNAME)}


def surname_collisions(sample: int) -> tuple[int, int, int, float, list[str]]:
    """Random pairs of dictionary surnames that the dictionary does not relate."""
    groups = raw_surname_groups()
    names = sorted(name for name in groups if "-" not in name)
    rng = random.Random(3)
    pairs = collided = phonetic = 0
    examples: list[str] = []
    while pairs < sample:
        first, second = rng.sample(names, 2)
        if groups[first] == groups[second]:
            continue
        pairs += 1
        if match_key(first, NamePart.SURNAME) == match_key(second, NamePart.SURNAME):
            collided += 1
            examples.append(f"{first}={second}")
        if phonetic_key(first, NamePart.SURNAME) == phonetic_key(second, NamePart.SURNAME):
            phonetic += 1
    by_key: dict[str, list[str]] = defaultdict(list)
    for name in names:
        by_key[match_key(name, NamePart.SURNAME)].append(name)
    shared = [group for group in by_key.values() if len({groups[n] for n in group}) > 1]
    rng.shuffle(shared)
    examples = ["/".join(sorted(group)[:3]) for group in shared[:6]]
    confused = sum(len(group) for group in shared)
    return pairs, collided, phonetic, confused / len(names), examples


def keys_per_second(names: list[str], key: Callable[[str, NamePart], str]) -> float:
    start = time.perf_counter()
    for name in names:
        key(name, NamePart.SURNAME)
    return len(names) / (time.perf_counter() - start)


def clear_caches() -> None:
    from homeward.names import cleaning, keys, latin, skeleton

    for cached in (
        cleaning._clean,
        keys._match_key,
        keys._phonetic_key,
        keys._word_key,
        latin.latin_skeletons,
        skeleton._cyrillic_skeleton,
    ):
        cached.cache_clear()


FIRST_USE = """
import time
started = time.perf_counter()
from homeward.names import NamePart, match_key
for part in NamePart:
    match_key("Коваленко", part)
print(time.perf_counter() - started)
"""


def speed() -> list[tuple[str, float]]:
    fresh = subprocess.run(
        [sys.executable, "-c", FIRST_USE], capture_output=True, text=True, check=True
    )
    first_use = float(fresh.stdout)
    table = uk_to_ru(NamePart.SURNAME)
    cyrillic = sorted(table)[::2][:50_000]
    latin = [translit(name, UkrainianKMU).title() for name in cyrillic]
    rows = [("first use: dictionaries read, indexes built (s)", first_use)]
    for label, names in (("Cyrillic", cyrillic), ("Latin", latin)):
        clear_caches()
        rows.append(
            (
                f"match_key, {len(names)} distinct {label} surnames, cold (names/s)",
                keys_per_second(names, match_key),
            )
        )
        clear_caches()
        rows.append(("phonetic_key, same, cold (names/s)", keys_per_second(names, phonetic_key)))
    repeated = random.Random(5).choices(cyrillic[:5000], k=200_000)
    rows.append(
        (
            "match_key, 200,000 records over 5,000 surnames (names/s)",
            keys_per_second(repeated, match_key),
        )
    )
    return rows


def print_agreement(title: str, tallies: dict[str, Tally]) -> None:
    print(f"## {title}\n")
    print("| spellings of | pairs | match key | phonetic key | first misses |")
    print("| --- | ---: | ---: | ---: | --- |")
    total = Tally()
    for label, tally in tallies.items():
        total.agree += tally.agree
        total.total += tally.total
        total.phonetic += tally.phonetic
        print(
            f"| {label} | {tally.total} | {tally.agree / tally.total:.3f} | "
            f"{tally.phonetic / tally.total:.3f} | {', '.join(tally.misses[:3])} |"
        )
    print(
        f"| **all** | {total.total} | **{total.agree / total.total:.3f}** | "
        f"{total.phonetic / total.total:.3f} | |\n"
    )


def main() -> int:
    if "--without-supplement" in sys.argv:  # what names-translator and the rules do alone
        from homeward.names import concepts, patronymic_concepts

        for module in (concepts, patronymic_concepts):
            vars(module)["FOLK_GIVEN_NAMES"] = ()
        vars(concepts)["WESTERN_GIVEN_NAMES"] = ()
    print_agreement("Agreement on the test vectors: spellings of one name, keys equal", agreement())
    held_out: dict[str, Tally] = defaultdict(Tally)
    held_out_rows(held_out, 2000)
    print_agreement("Agreement out of sample: tables the keys were not built from", held_out)
    print("\n## Collisions: pairs of different names whose keys are equal\n")
    print("| pairs of | pairs | match key | phonetic key | examples |")
    print("| --- | ---: | ---: | ---: | --- |")
    pairs, collided, phonetic, examples = given_name_collisions()
    print(
        f"| different given names of the vectors | {pairs} | {collided / pairs:.4f} | "
        f"{phonetic / pairs:.4f} | {', '.join(examples[:4])} |"
    )
    pairs, collided, phonetic, shared, examples = surname_collisions(200_000)
    print(
        f"| random unrelated surnames of names-translator | {pairs} | {collided / pairs:.6f} | "
        f"{phonetic / pairs:.6f} | {', '.join(examples[:4])} |"
    )
    print(
        f"\nShare of names-translator's {len(uk_to_ru(NamePart.SURNAME))} Ukrainian surname "
        f"spellings whose match key an unrelated surname shares: {shared:.4f}"
    )
    print("\n## Speed (one core)\n")
    print("| measure | value |")
    print("| --- | ---: |")
    for label, value in speed():
        print(f"| {label} | {value:,.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
