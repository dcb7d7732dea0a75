"""`homeward` loads a sub-command's module only when that sub-command is asked for."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import typer
from typer.core import TyperGroup
from typer.testing import CliRunner

from homeward.cli import HomewardGroup, app
from homeward.cli_lazy import load

runner = CliRunner()

# `homeward --help` as it was when every module was imported at start, in that order
LISTED = [
    "init",
    "demo",
    "serve",
    "person",
    "evidence",
    "names",
    "link",
    "review",
    "user",
    "audit",
    "stats",
    "import",
    "export",
    "custody",
    "exchange",
    "family",
    "contacts",
    "extract",
    "testimony",
    "incident",
    "files",
]
HEAVY = {"statsmodels", "splink", "duckdb", "weasyprint", "vl_convert", "pandas", "openpyxl"}


def _run(*args: str, env: dict[str, str] | None = None) -> tuple[str, set[str]]:
    """What `homeward ARGS` prints, and the modules it imported."""
    code = (
        "import sys\n"
        "from homeward.cli import app\n"
        f"sys.argv = ['homeward', *{list(args)!r}]\n"
        "try:\n"
        "    app(prog_name='homeward')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(' '.join(sorted(sys.modules)), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **(env or {})},
    )
    return done.stdout, set(done.stderr.split())


def _imported_after(*args: str) -> set[str]:
    return _run(*args)[1]


def test_the_top_level_help_imports_no_sub_command_and_no_heavy_library() -> None:
    modules = _imported_after("--help")
    assert not {m.split(".")[0] for m in modules} & (HEAVY | {"sqlalchemy", "alembic"})
    commands = {m for m in modules if m.startswith("homeward.") and m.endswith("cli")}
    assert commands == {"homeward.cli"}  # no homeward.*.cli, no homeward.linkage.review_cli


def test_a_sub_command_imports_its_own_module_only() -> None:
    modules = _imported_after("names", "--help")
    assert "homeward.names.cli" in modules
    assert not {m.split(".")[0] for m in modules} & HEAVY
    assert not {"homeward.stats.cli", "homeward.linkage.cli", "homeward.custody.cli"} & modules


def test_completing_a_command_name_imports_no_sub_command() -> None:
    completion = {
        "_HOMEWARD_COMPLETE": "complete_bash",
        "COMP_WORDS": "homeward e",
        "COMP_CWORD": "1",
    }
    printed, modules = _run(env=completion)
    assert printed.split() == ["evidence", "export", "exchange", "extract"]
    assert not {m for m in modules if m.startswith("homeward.") and m.endswith("cli")} - {
        "homeward.cli"
    }


def _top() -> tuple[TyperGroup, typer.Context]:
    group = typer.main.get_command(app)
    assert isinstance(group, TyperGroup)
    return group, typer.Context(group, info_name="homeward")


def test_every_sub_command_is_listed_in_its_place() -> None:
    group, ctx = _top()
    assert group.list_commands(ctx) == LISTED


@pytest.mark.parametrize("name", sorted(HomewardGroup.lazy))
def test_the_listing_says_what_the_module_says(name: str) -> None:
    """The help line kept in the table is the help of the command the module builds."""
    command = load(name, HomewardGroup.lazy[name])
    assert command.name == name
    assert command.help == HomewardGroup.lazy[name].help
    assert command.short_help is None
    assert not command.hidden


def test_the_top_level_help_lists_every_command_with_its_help() -> None:
    result = runner.invoke(app, ["--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for name in LISTED:
        assert f" {name} " in result.output
    for entry in HomewardGroup.lazy.values():
        assert entry.help.split("\n")[0] in result.output


def test_a_sub_command_is_the_module_s_once_asked_for() -> None:
    group, ctx = _top()
    stats = group.get_command(ctx, "stats")
    assert isinstance(stats, TyperGroup)
    assert "report" in stats.list_commands(ctx)
    assert group.get_command(ctx, "stats") is stats  # loaded once


def test_a_misspelt_command_is_still_suggested() -> None:
    result = runner.invoke(app, ["persn"])
    assert result.exit_code == 2
    assert "Did you mean 'person'?" in result.output
