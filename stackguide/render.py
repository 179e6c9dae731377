"""Render page bodies and components from the Catalog with Jinja templates.

This is the one module that decides what is safe: templates autoescape every value from
data/, and only whole rendered templates leave here, as plain Markdown strings.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from stackguide.catalog import Catalog, Item, page_path
from stackguide.model import (
    COMPARISON_FOLDER,
    KIND_FOLDERS,
    LAYER_FOLDER,
    Comparison,
    Entry,
    Group,
    Kind,
    Layer,
    State,
)

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

# How each kind is named on pages: (one, many).
KIND_NAMES: dict[Kind, tuple[str, str]] = {
    Kind.SERVICE: ("Service", "Services"),
    Kind.FRAMEWORK: ("Framework", "Frameworks"),
    Kind.ENGINE: ("Engine", "Engines"),
    Kind.INSTANCE_FAMILY: ("Instance family", "Instance families"),
    Kind.USE_CASE: ("Amazon use case", "Amazon use cases"),
}
GROUP_LABELS = {
    Group.AMAZON: "Machine learning at Amazon",
    Group.STACK: "The machine learning stack",
    Group.DATA_STORE: "The data store",
}


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        undefined=StrictUndefined,
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(link=link, kind_label=kind_label, State=State)
    env.filters["cell"] = table_cell
    return env


def kind_label(kind: Kind, plural: bool = False) -> str:
    return KIND_NAMES[kind][1 if plural else 0]


def link(item: Item) -> str:
    """Docs-root-absolute Markdown target; MkDocs validates it and makes it relative."""
    return "/" + page_path(item)


def table_cell(text: str) -> str:
    """Keep a value inside one Markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")


def _render(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)


def render_entry(catalog: Catalog, entry: Entry) -> str:
    return _render(
        "entry.md.j2",
        entry=entry,
        layer=catalog.layer(entry.layer),
        successor=catalog.successor(entry),
        related=catalog.related(entry),
    )


def render_layer(catalog: Catalog, layer: Layer) -> str:
    return _render("layer.md.j2", layer=layer, entries=catalog.entries_in(layer.id))


def render_comparison(catalog: Catalog, comparison: Comparison) -> str:
    rows = [(catalog.entry(row.entry), row) for row in comparison.rows]
    return _render("comparison.md.j2", comparison=comparison, rows=rows)


def render_cards(entries: tuple[Entry, ...]) -> str:
    return _render("cards.md.j2", entries=entries)


def render_catalog_table(catalog: Catalog) -> str:
    layers = {layer.id: layer for layer in catalog.layers}
    return _render("catalog-table.md.j2", entries=catalog.entries, layers=layers)


def render_changes(catalog: Catalog) -> str:
    return _render(
        "changes.md.j2",
        changes=catalog.changes(),
        successors={entry.id: catalog.successor(entry) for entry in catalog.entries},
        newcomers=catalog.newcomers(),
        unchanged=catalog.unchanged(),
        layers={layer.id: layer for layer in catalog.layers},
    )


def render_stack_diagram(catalog: Catalog) -> str:
    groups = []
    for group in (Group.STACK, Group.DATA_STORE, Group.AMAZON):
        layers = [(layer, catalog.entries_in(layer.id)) for layer in catalog.layers_in(group)]
        if group is Group.STACK:
            layers.reverse()  # drawn as a stack: the top layer (highest position) first
        groups.append((GROUP_LABELS[group], group.value, layers))
    return _render("diagram.md.j2", groups=groups)


def render_glossary(catalog: Catalog) -> str:
    terms = sorted(catalog.glossary.terms, key=lambda term: term.term.lower())
    entries = {term.entry: catalog.entry(term.entry) for term in terms if term.entry}
    return _render("glossary.md.j2", terms=terms, entries=entries)


def render_onboarding(catalog: Catalog) -> str:
    days = [(day, [(step, catalog.item(step.page)) for step in day.steps]) for day in catalog.onboarding.days]
    return _render("onboarding.md.j2", days=days)


def render_url_scheme() -> str:
    """The public URL contract, straight from the folders the model defines."""
    rows = [("Layers and topics", LAYER_FOLDER),
            *((kind_label(kind, plural=True), folder) for kind, folder in KIND_FOLDERS.items()),
            ("Comparisons", COMPARISON_FOLDER)]
    return _render("url-scheme.md.j2", rows=rows)


class Abbreviations:
    """Markdown abbreviation definitions for site-wide tooltips, selected per page.

    Only the terms a page mentions are appended to it: each definition adds to Markdown's work
    on the page (parsing it, then matching it in every text node), and most pages mention few
    of the glossary's terms.
    """

    def __init__(self, catalog: Catalog) -> None:
        terms = catalog.glossary.terms
        self._definitions = {term.term: f"*[{term.term}]: {term.expansion}" for term in terms}
        # Longest first, so "Spark ML" is found before "Spark".
        names = "|".join(re.escape(term.term) for term in sorted(terms, key=lambda term: -len(term.term)))
        self._mention = re.compile(rf"(?<!\w)(?:{names})(?!\w)") if terms else None

    def for_page(self, markdown: str) -> str:
        """The definitions of the terms `markdown` mentions (a superset is harmless), in glossary order."""
        if self._mention is None:
            return ""
        found = set(self._mention.findall(markdown))
        return "\n".join(line for term, line in self._definitions.items() if term in found)

