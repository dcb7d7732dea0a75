"""The packages depend on each other in one direction (issue 11, item 27): who acts lives in
`homeward.access` and the register uses it, never the reverse; the register's search needs no
linkage; the library never imports the synthetic population (training on it is a script)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1] / "src"


def _imports() -> Iterator[tuple[str, str]]:
    """(module, module it imports) for every import in the library, at any depth."""
    for path in SOURCE.rglob("*.py"):
        module = ".".join(path.relative_to(SOURCE).with_suffix("").parts).removesuffix(".__init__")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                yield module, node.module
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    yield module, alias.name


def _package(module: str) -> str:
    return ".".join(module.split(".")[:2])


IMPORTS = sorted(set(_imports()))


def test_the_library_is_found() -> None:
    assert ("homeward.registry.service", "homeward.access.actor") in IMPORTS


def test_who_acts_lives_in_access_and_access_never_imports_the_register() -> None:
    assert not [
        (module, target)
        for module, target in IMPORTS
        if _package(module) == "homeward.access" and _package(target) == "homeward.registry"
    ]
    defined = [
        path.relative_to(SOURCE).as_posix()
        for path in SOURCE.rglob("*.py")
        if any(
            isinstance(node, ast.ClassDef) and node.name == "Actor"
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        )
    ]
    assert defined == ["homeward/access/actor.py"]


def test_the_registers_search_needs_no_linkage() -> None:
    assert not [
        target
        for module, target in IMPORTS
        if module == "homeward.registry.search" and _package(target) == "homeward.linkage"
    ]


def test_only_the_demo_and_its_command_import_the_synthetic_population() -> None:
    """The command, and each package's own demo builder (`homeward.<package>.demo`), which
    stores that package's part of the synthetic register."""
    importers = {
        module
        for module, target in IMPORTS
        if _package(target) == "homeward.demo" and _package(module) != "homeward.demo"
    }
    assert importers
    assert all(m == "homeward.cli" or m.endswith(".demo") for m in importers), importers
