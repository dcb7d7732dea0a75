"""Sub-commands of `homeward` loaded when asked for, not at start.

Importing every package's commands costs seconds of CPU (the linkage, the statistics, the
papers and their libraries) before any work; a command needs only its own. The top-level group
knows each sub-command's name, module and help line without importing it: `homeward --help`
lists them from that table, and `homeward person ...` imports the registry's commands alone.
The command a module gives is built by Typer exactly as `add_typer` would have built it.
Typer vendors Click and no longer takes Click groups, so this is a TyperGroup subclass (Typer's
`cls=`), not a Click `Group`.
tests/test_cli_lazy.py checks the table against the modules.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

import typer
from typer.core import TyperCommand, TyperGroup

if TYPE_CHECKING:  # Typer vendors Click since 0.26 (typer._click: for its own use, so types only)
    from typer import _click
    from typer._click.shell_completion import CompletionItem


@dataclass(frozen=True)
class Lazy:
    """Where a sub-command lives and what the top-level help says of it.

    `app` names the Typer in `module`; `named` is False for a Typer added without a name,
    whose commands join the top level (`homeward import FILE`). `help` is the help of the
    command as built (`add_typer`'s help, or the Typer's, or the command's docstring)."""

    module: str
    app: str
    help: str
    add_help: str | None = None  # the help given to add_typer, if any
    named: bool = True


class _Unloaded(TyperCommand):
    """Stands for a sub-command in the help listing; never invoked."""


class LazyGroup(TyperGroup):
    """A Typer group whose sub-commands in `lazy` are imported on first use."""

    lazy: ClassVar[dict[str, Lazy]] = {}

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self._listing = False
        for name, entry in self.lazy.items():
            # placeholders keep the order of the listing and Typer's "Did you mean" suggestions
            self.commands[name] = _Unloaded(name, help=entry.help, rich_help_panel=None)

    def get_command(self, ctx: _click.Context, cmd_name: str) -> _click.Command | None:
        command = self.commands.get(cmd_name)
        if isinstance(command, _Unloaded) and not self._listing:
            command = self.commands[cmd_name] = load(cmd_name, self.lazy[cmd_name])
        return command

    def format_help(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        with self._names_only():  # the listing needs each command's name and help line only
            super().format_help(ctx, formatter)

    def shell_complete(self, ctx: _click.Context, incomplete: str) -> list[CompletionItem]:
        with self._names_only():  # completing a sub-command's name, not what follows it
            return super().shell_complete(ctx, incomplete)

    @contextmanager
    def _names_only(self) -> Iterator[None]:
        self._listing = True
        try:
            yield
        finally:
            self._listing = False


def load(name: str, entry: Lazy) -> _click.Command:
    """Import the module of `name` and build its command as `add_typer` would have."""
    sub_app = getattr(importlib.import_module(entry.module), entry.app)
    parent = typer.Typer()
    if entry.named and entry.add_help:
        parent.add_typer(sub_app, name=name, help=entry.add_help)
    elif entry.named:
        parent.add_typer(sub_app, name=name)
    else:
        parent.add_typer(sub_app)  # its commands join the top level
    return typer.main.get_group(parent).commands[name]
