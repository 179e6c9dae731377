"""The macros hand-written pages call, each rendering from the catalog the plugin loaded for this
build (mkdocs-macros finds them through the project's thin macros.py). Generated pages never pass
through here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from stackguide import render
from stackguide.catalog import Catalog
from stackguide.escaping import remembering_escapes

MACROS: dict[str, Callable[[Catalog], Any]] = {
    "stack_diagram": render.render_stack_diagram,  # the home page's diagram
    "catalog_table": render.render_catalog_table,  # every entry, filterable and sortable
    "changes_since_notes": render.render_changes,  # then and now, by kind of change
    "glossary": render.render_glossary,
    "onboarding_path": render.render_onboarding,
    "url_scheme": render.render_url_scheme,  # the page addresses on the stable-links page
    "review_queue": render.render_review_queue,  # overdue claims and entries, on the maintainers' page
    "watch_findings": render.render_watch_findings,  # what the last `make watch` found upstream (its report file)
    "entry_count": lambda catalog: len(catalog.entries),
}


def define_env(env: Any) -> None:
    """mkdocs-macros' entry point: register every macro against this build's catalog."""
    plugin = env.conf.plugins.get("stackguide")
    catalog: Catalog | None = plugin.catalog if plugin is not None else None
    for name, function in MACROS.items():
        env.macro(bound(function, catalog, name), name)


def bound(function: Callable[[Catalog], Any], catalog: Catalog | None, name: str) -> Callable[[], Any]:
    """The macro a page calls, with no arguments: `glossary(1)` is a TypeError that names it."""
    def macro() -> Any:
        # While data/ is broken and nothing loaded yet, the preview shows its error page anyway.
        if catalog is None:
            return ""
        with remembering_escapes():  # a part prints some texts many times (the catalog each layer's name)
            return function(catalog)

    macro.__name__ = macro.__qualname__ = name
    return macro
