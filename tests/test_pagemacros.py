"""The macros hand-written pages call: one per entry of pagemacros.MACROS, rendering this build's catalog."""

from __future__ import annotations

from typing import Any

import pytest

from stackguide import escaping, pagemacros
from stackguide.catalog import Catalog


class _Env:
    """What mkdocs-macros hands define_env: the config, and a way to register a macro."""

    def __init__(self, catalog: Catalog | None) -> None:
        plugin = type("Plugin", (), {"catalog": catalog})()
        self.conf = type("Conf", (), {"plugins": {"stackguide": plugin}})()
        self.macros: dict[str, Any] = {}

    def macro(self, function: Any, name: str) -> None:
        self.macros[name] = function


def test_every_macro_renders_the_catalog_and_takes_no_argument(tiny_catalog: Catalog) -> None:
    env = _Env(tiny_catalog)
    pagemacros.define_env(env)
    assert set(env.macros) == set(pagemacros.MACROS)
    assert env.macros["entry_count"]() == len(tiny_catalog.entries)
    assert env.macros["glossary"]() == pagemacros.MACROS["glossary"](tiny_catalog)
    with pytest.raises(TypeError, match=r"^glossary\(\) takes 0 positional arguments but 1 was given$"):
        env.macros["glossary"](1)  # it used to replace the macro's function with 1


def test_with_no_catalog_loaded_every_macro_is_empty() -> None:
    env = _Env(None)
    pagemacros.define_env(env)
    assert {name: macro() for name, macro in env.macros.items()} == {name: "" for name in pagemacros.MACROS}


def test_a_macro_remembers_its_escapes_while_it_renders(tiny_catalog: Catalog) -> None:
    """A part prints some texts many times; what it escaped is forgotten once it is made."""
    remembering: list[bool] = []

    def part(catalog: Catalog) -> str:
        remembering.append(escaping._known is not None)
        return ""

    assert pagemacros.bound(part, tiny_catalog, "part")() == "" and remembering == [True]
    assert escaping._known is None
