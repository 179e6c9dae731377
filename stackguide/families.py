"""The registry of page families: every kind of generated page is one entry here.

Each family is a folder under data/ (one YAML file per page), a model, the names readers see, the
template that presents it, and the page address: data/<folder>/<id>.yaml is served at
/<folder>/<id>/. Everything that differs between families is a field here or a method of the
model (see docs/maintainers.md, "A new page family"): the loader, the catalog, the pages, the
exports, the templates, the schema, the scaffold and the benchmark read this table and nothing
else about families.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from stackguide.catalog import Catalog
from stackguide.exports import ExportedStatus, exported_status
from stackguide.lifecycle import events_since_review
from stackguide.model import (
    Comparison,
    Entry,
    Glossary,
    Group,
    Layer,
    Onboarding,
    PageRecord,
    Record,
    State,
    Tags,
    Vocabulary,
)

DATA_DIR = "data"  # the data folder's default name (the plugin's data_dir option), beside mkdocs.yml


@dataclass(frozen=True)
class ExportField:
    """A value catalog.json adds to each page of a family, beside its data, `kind` and `url`."""

    name: str
    model: type[BaseModel]  # its shape in catalog.schema.json
    value: Callable[[Catalog, Any], BaseModel]  # (catalog, page) -> the value


def no_context(catalog: Catalog, item: Any) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Family:
    folder: str  # data/<folder>/ and the first segment of the page URL: a public contract
    model: type[PageRecord]
    key: str  # singular name in catalog.json and on the command line (KIND=...)
    label: str  # one page's kind, as readers see it
    plural: str  # the nav section and URL-table name
    template: str  # in templates/; it gets `item`, `family`, `catalog`, `step`, `sources` and the context
    # The page's place among its model's pages: families of one model share it (a test checks).
    order: Callable[[Catalog, Any], Any]
    listed_in: str  # catalog.json's list of the family's pages (a public contract); shared like `order`
    context: Callable[[Catalog, Any], dict[str, Any]] = no_context  # (catalog, page) -> the template's values
    exports: tuple[ExportField, ...] = ()  # what catalog.json adds to each page
    section_index: bool = False  # the page is its nav section's index (a layer heads its entries)
    hide: tuple[str, ...] = ()  # parts of Material's page layout the family's pages hide

    def page_path(self, item_id: str) -> str:
        """Docs-relative Markdown path; served at /<folder>/<id>/ (see docs/stable-links.md)."""
        return f"{self.folder}/{item_id}/index.md" if self.section_index else f"{self.folder}/{item_id}.md"

    def page_url(self, item_id: str) -> str:
        """Site-relative URL, without a leading slash."""
        return f"{self.folder}/{item_id}/"

    def data_path(self, item_id: str, data_dir: str = DATA_DIR) -> str:
        """Where the item's file is kept, relative to the project root."""
        return f"{data_dir}/{self.folder}/{item_id}.yaml"


# -- layers ----------------------------------------------------------------------------------------

def layer_order(catalog: Catalog, layer: Layer) -> tuple[int, int]:
    """By group (the stack first), then position."""
    return list(Group).index(layer.group), layer.position


def layer_context(catalog: Catalog, layer: Layer) -> dict[str, Any]:
    entries = catalog.entries_in(layer.id)
    current = [entry for entry in entries if catalog.status(entry).active]
    kinds = [family for family in catalog.families if family.model is Entry]
    return {
        "groups": [(family, [e for e in current if catalog.family(e) is family]) for family in kinds
                   if any(catalog.family(e) is family for e in current)],
        # Not simply active: closed, retired and the rest, most severe first, then those with an end announced.
        "closing": [entry for entry in catalog.changes() if entry.layer == layer.id
                    and not catalog.status(entry).active]
        + [entry for entry in entries if catalog.status(entry).state is State.ACTIVE and catalog.status(entry).ends],
        "comparisons": catalog.comparisons_for(layer),
        "line_up": [(entry, fact) for entry in entries for fact in entry.facts],  # from the entries' own facts
    }


LAYERS = Family("layers", Layer, "layer", "Layer", "Layers and topics", "layer.md.j2", layer_order, "layers",
                layer_context, section_index=True)


# -- entries ---------------------------------------------------------------------------------------

def entry_order(catalog: Catalog, entry: Entry) -> tuple[int, str]:
    """By layer (in the layers' order), then name."""
    return catalog.layer_rank(entry.layer), entry.name.lower()


def entry_context(catalog: Catalog, entry: Entry) -> dict[str, Any]:
    return {
        "layer": catalog.layer(entry.layer),
        "successor": catalog.use_instead(entry),
        "named_first": catalog.named_before_use(entry),
        "predecessors": catalog.predecessors(entry),
        "status": catalog.status(entry),
        "since_review": [event for _, event in events_since_review(entry, catalog.today)],
        "related": catalog.related(entry),
        "comparisons": catalog.comparisons_for(entry),
    }


ENTRY_EXPORTS = (ExportField("status", ExportedStatus, lambda catalog, entry: exported_status(
    catalog.status(entry), instead.id if (instead := catalog.use_instead(entry)) is not None else None)),)
ENTRY_HIDE = ("tags",)  # an entry's tags show in "How it fits", not above the title


def entry_family(folder: str, key: str, label: str, plural: str) -> Family:
    return Family(folder, Entry, key, label, plural, "entry.md.j2", entry_order, "entries", entry_context,
                  ENTRY_EXPORTS, hide=ENTRY_HIDE)


# In the order pages are listed within a layer.
ENTRY_FAMILIES: tuple[Family, ...] = (
    entry_family("services", "service", "Service", "Services"),
    entry_family("frameworks", "framework", "Framework", "Frameworks"),
    entry_family("engines", "engine", "Engine", "Engines"),
    entry_family("instances", "instance-family", "Instance family", "Instance families"),
    entry_family("use-cases", "use-case", "Amazon use case", "Amazon use cases"),
)


# -- comparisons -----------------------------------------------------------------------------------

def comparison_order(catalog: Catalog, comparison: Comparison) -> str:
    return comparison.title.lower()


def comparison_context(catalog: Catalog, comparison: Comparison) -> dict[str, Any]:
    rows = [(catalog.entry(row.entry), row) for row in comparison.rows]
    kinds = {catalog.family(entry).label for entry, _ in rows}
    # The rows' header names what they are: "Framework" when all are frameworks, else "Option".
    return {"rows": rows, "row_kind": kinds.pop() if len(kinds) == 1 else "Option"}


# Comparisons' wide tables need the table of contents' room.
COMPARISONS = Family("comparisons", Comparison, "comparison", "Comparison", "Comparisons", "comparison.md.j2",
                     comparison_order, "comparisons", comparison_context, hide=("toc",))


FAMILIES: tuple[Family, ...] = (LAYERS, *ENTRY_FAMILIES, COMPARISONS)

# Files directly under data/ that hold one document each.
SINGLE_FILES: dict[str, type[Record]] = {
    "glossary.yaml": Glossary,
    "onboarding.yaml": Onboarding,
    "tags.yaml": Tags,
    "vocabulary.yaml": Vocabulary,
}

# Hand-written pages (docs/) that search questions and the vocabulary may name, by id -> URL.
GUIDE_PAGES: dict[str, str] = {
    "onboarding": "onboarding/",
    "catalog": "catalog/",
    "changes": "changes/",
    "glossary": "glossary/",
}

SCHEMA_FOLDER = "schema"  # data/schema/: JSON Schemas generated from the models, for editors


def family_by_key(key: str) -> Family | None:
    return next((family for family in FAMILIES if family.key == key), None)
