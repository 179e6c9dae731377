"""mkdocs-macros entry point: registers the catalog's macros; each one delegates to stackguide."""

from __future__ import annotations

from pathlib import Path

from stackguide import render
from stackguide.load import cached_catalog


def define_env(env) -> None:
    # Called once per build, after the hook's on_config loaded and validated the data:
    # this returns that same Catalog, so no page pays for a reload or a file check.
    current = cached_catalog(Path(env.conf.config_file_path).parent)

    def catalog():
        return current

    @env.macro
    def entry_page(entry_id: str) -> str:
        """Body of an entry's generated page."""
        return render.render_entry(catalog(), catalog().entry(entry_id))

    @env.macro
    def layer_page(layer_id: str) -> str:
        """Body of a layer or topic page."""
        return render.render_layer(catalog(), catalog().layer(layer_id))

    @env.macro
    def comparison_page(comparison_id: str) -> str:
        """Body of a comparison page."""
        return render.render_comparison(catalog(), catalog().comparison(comparison_id))

    @env.macro
    def stack_diagram() -> str:
        """The home page's diagram of the layers, data store and Amazon's own uses."""
        return render.render_stack_diagram(catalog())

    @env.macro
    def catalog_table() -> str:
        """Every entry in one filterable, sortable table."""
        return render.render_catalog_table(catalog())

    @env.macro
    def changes_since_notes() -> str:
        """Timeline of dated changes, newcomers, and what is unchanged since the 2017 notes."""
        return render.render_changes(catalog())

    @env.macro
    def glossary() -> str:
        return render.render_glossary(catalog())

    @env.macro
    def onboarding_path() -> str:
        return render.render_onboarding(catalog())

    @env.macro
    def url_scheme() -> str:
        """The table of page addresses on the stable-links page."""
        return render.render_url_scheme()

    @env.macro
    def entry_count() -> int:
        return len(catalog().entries)
