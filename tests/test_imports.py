"""The package's modules import each other without a cycle, counting imports inside functions too.

Imports under `if TYPE_CHECKING:` are left out: they never run, and they are how a module names a
type of a module that imports it.
"""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

import pytest
from conftest import ROOT

PACKAGE = "stackguide"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking_only(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    found: list[ast.Import | ast.ImportFrom] = []
    pending: list[ast.AST] = [tree]
    while pending:
        node = pending.pop()
        if isinstance(node, ast.If) and _type_checking_only(node):
            pending.extend(node.orelse)
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found.append(node)
        pending.extend(ast.iter_child_nodes(node))
    return found


def imported_modules(source: str, module: str, is_package: bool, known: set[str]) -> set[str]:
    """The package's modules that `module` imports anywhere in its code (not only at its top)."""
    targets: set[str] = set()
    for node in _imports(ast.parse(source)):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
            continue
        base = node.module or ""
        if node.level:  # a relative import
            anchor = module.split(".") if is_package else module.split(".")[:-1]
            anchor = anchor[:len(anchor) - node.level + 1]
            base = ".".join([*anchor, *([base] if base else [])])
        targets.add(base)
        targets.update(f"{base}.{alias.name}" for alias in node.names)  # `from pkg import module`
    # A module imports its package's __init__ first; that edge is Python's, not the module's choice.
    return {target for target in targets
            if target in known and target != module and not module.startswith(target + ".")}


def import_graph(root: Path) -> dict[str, set[str]]:
    files = {module_name(path): path for path in sorted((root / PACKAGE).rglob("*.py"))}
    known = set(files)
    return {module: imported_modules(path.read_text(encoding="utf-8"), module, path.name == "__init__.py", known)
            for module, path in files.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    try:
        graphlib.TopologicalSorter(graph).prepare()
    except graphlib.CycleError as err:
        cycle: list[str] = err.args[1]
        return cycle
    return None


def test_the_package_has_no_import_cycle() -> None:
    graph = import_graph(ROOT)
    assert len(graph) > 20 and graph[f"{PACKAGE}.plugin"], "the graph did not find the package's imports"
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


@pytest.mark.parametrize(("source", "expected"), [
    ("from stackguide.b import x\n", {"stackguide.b"}),
    ("from stackguide import b\n", {"stackguide.b"}),
    ("import stackguide.b\n", {"stackguide.b"}),
    ("def f():\n    from . import b\n", {"stackguide.b"}),
    ("from .b import x\n", {"stackguide.b"}),
    ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from stackguide.b import x\n", set()),
    ("import typing\nif typing.TYPE_CHECKING:\n    import stackguide.b\nelse:\n    import stackguide.c\n",
     {"stackguide.c"}),
])
def test_imports_are_found_wherever_they_are(source: str, expected: set[str]) -> None:
    known = {"stackguide", "stackguide.a", "stackguide.b", "stackguide.c"}
    assert imported_modules(source, "stackguide.a", False, known) == expected


def test_a_cycle_is_found() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    cycle = find_cycle(graph)
    assert cycle is not None and set(cycle) == {"a", "b", "c"}
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_a_build_imports_neither_the_preview_server_nor_what_only_a_mistake_needs() -> None:
    """`mkdocs build` loads the plugin: the live-reload server (24 ms), the calendar library
    (43 ms) and difflib's suggestions are imported only where they are used."""
    import subprocess
    import sys

    script = ("import sys, stackguide.plugin; print(sorted(name for name in ('mkdocs.livereload', "
              "'watchdog.observers', 'icalendar', 'difflib') if name in sys.modules))")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT)
    assert result.stdout.strip() == "[]"


def test_no_two_classes_of_the_package_share_a_name() -> None:
    """A name says which class it is: issue 19 found three classes named Page and three named
    Link, and two handlers were later both named _Recorder."""
    where: dict[str, list[str]] = {}
    for path in sorted((ROOT / PACKAGE).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                where.setdefault(node.name, []).append(module_name(path))
    assert {name: modules for name, modules in where.items() if len(modules) > 1} == {}
