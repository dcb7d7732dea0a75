"""`homeward names`: how Homeward reads a name, for the people who check spellings.

homeward names show "КОВАЛЕНКО Олександр Петрович"
homeward names key --part surname < surnames.txt
"""

import json
import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from homeward.names.cleaning import clean_name
from homeward.names.equivalence import equivalents
from homeward.names.fullname import FullName, split_full_name
from homeward.names.keys import match_key, phonetic_key
from homeward.names.language import detect_language
from homeward.names.model import Language, NamePart
from homeward.names.transliteration import transliterate

app = typer.Typer(
    help="Check how Homeward reads a name: cleaning, language, transliteration, keys.",
    no_args_is_help=True,
)

PartOption = Annotated[
    NamePart | None,
    typer.Option("--part", help="Read NAME as this one part instead of as a full name."),
]


@app.command()
def show(
    name: Annotated[str, typer.Argument(help="A name or a full name, in any script.")],
    part: PartOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
) -> None:
    """Print the cleaned form, the language, the transliterations, the equivalents and the keys."""
    cleaned = clean_name(name)
    parts = [(part, cleaned)] if part else _parts(split_full_name(cleaned))
    if as_json:
        typer.echo(json.dumps(_as_json(name, cleaned, parts), ensure_ascii=False, indent=2))
        return
    console = Console(highlight=False)
    console.print(f"[bold]{cleaned}[/bold]" + ("" if cleaned == name else f"   (given: {name!r})"))
    console.print(f"language: {detect_language(cleaned)}")
    console.print(f"KMU 2010: {transliterate(cleaned, language=Language.UK)}")
    console.print(f"ICAO 9303: {transliterate(cleaned, language=Language.RU)}")
    console.print(_parts_table(parts))


def _as_json(name: str, cleaned: str, parts: list[tuple[NamePart, str]]) -> dict[str, object]:
    return {
        "given": name,
        "cleaned": cleaned,
        "language": detect_language(cleaned).value,
        "kmu2010": transliterate(cleaned, language=Language.UK),
        "icao9303": transliterate(cleaned, language=Language.RU),
        "parts": [
            {
                "part": p.value,
                "as_written": value,
                "equivalents": sorted(equivalents(value, p)),
                "match_key": match_key(value, p),
                "phonetic_key": phonetic_key(value, p),
            }
            for p, value in parts
        ],
    }


def _parts(full: FullName) -> list[tuple[NamePart, str]]:
    found = [
        (NamePart.SURNAME, full.surname),
        (NamePart.GIVEN, full.given_name),
        (NamePart.PATRONYMIC, full.patronymic),
    ]
    return [(part, value) for part, value in found if value]


def _parts_table(parts: list[tuple[NamePart, str]]) -> Table:
    table = Table("part", "as written", "equivalents", "match key", "phonetic key")
    for part, value in parts:
        table.add_row(
            part.value,
            value,
            ", ".join(sorted(equivalents(value, part))) or "—",
            match_key(value, part),
            phonetic_key(value, part),
        )
    return table


@app.command()
def key(
    part: Annotated[NamePart, typer.Option("--part", help="Which part each line is.")],
) -> None:
    """Read one name per line on standard input; print name, match key and phonetic key."""
    for line in sys.stdin:
        name = line.rstrip("\r\n")
        sys.stdout.write(f"{name}\t{match_key(name, part)}\t{phonetic_key(name, part)}\n")
