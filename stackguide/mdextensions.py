"""The Markdown extensions the generated pages are written for, with the settings they need.

The pages use attribute lists (ids and classes), definition lists (the glossary), Markdown inside
HTML blocks, tables, and footnotes listed under each page's Sources heading and numbered in the
order of their definitions, which stackguide.footnoteorder puts in reading order. A project's
mkdocs.yml may leave any of them out: the plugin adds what is missing, and refuses a setting that
contradicts one the pages need.
"""

from __future__ import annotations

from typing import Any

from stackguide.internals import SOURCES_MARKER

REQUIRED: dict[str, dict[str, object]] = {
    "attr_list": {},
    "def_list": {},
    "md_in_html": {},
    "tables": {},
    "footnotes": {"PLACE_MARKER": SOURCES_MARKER, "USE_DEFINITION_ORDER": True},  # see stackguide.footnoteorder
}
_BUILT_IN = "markdown.extensions."  # the long form of a built-in extension's name


def add_required(extensions: list[Any], settings: dict[str, dict[str, Any]]) -> list[str]:
    """Add the missing extensions and settings to mkdocs.yml's `extensions` (names) and `settings`
    (by name), in place; return a line for each setting the project gives another value."""
    named = {name.removeprefix(_BUILT_IN): name for name in extensions if isinstance(name, str)}
    conflicts = []
    for short, needed in REQUIRED.items():
        name = named.get(short)
        if name is None:
            extensions.append(short)
            name = short
        given = settings.setdefault(name, {})
        for key, value in needed.items():
            if given.setdefault(key, value) != value:
                conflicts.append(f"{name}: {key} must be {value!r}, not {given[key]!r}")
    return conflicts
