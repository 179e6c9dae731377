"""The registry of page families: every kind of generated page is one entry here.

Each family is a folder under data/ (one YAML file per page), a model, the names readers see, the
template that presents it, and the page address: data/<folder>/<id>.yaml is served at
/<folder>/<id>/. The loader, the catalog, the pages, the templates, the schema, the scaffold and
the benchmark all read this table; adding a family is one entry here plus, for a new model, its
template.
"""

from __future__ import annotations

from dataclasses import dataclass

from stackguide.model import Comparison, Entry, Glossary, Layer, Onboarding, Page, Record, Tags, Vocabulary


@dataclass(frozen=True)
class Family:
    folder: str  # data/<folder>/ and the first segment of the page URL: a public contract
    model: type[Page]
    key: str  # singular name in catalog.json and on the command line (KIND=...)
    label: str  # one page's kind, as readers see it
    plural: str  # the nav section and URL-table name
    template: str  # in templates/
    section_index: bool = False  # the page is its nav section's index (a layer heads its entries)
    hide: tuple[str, ...] = ()  # parts of Material's page layout the family's pages hide

    def page_path(self, item_id: str) -> str:
        """Docs-relative Markdown path; served at /<folder>/<id>/ (see docs/stable-links.md)."""
        return f"{self.folder}/{item_id}/index.md" if self.section_index else f"{self.folder}/{item_id}.md"

    def page_url(self, item_id: str) -> str:
        """Site-relative URL, without a leading slash."""
        return f"{self.folder}/{item_id}/"

    def data_path(self, item_id: str) -> str:
        return f"data/{self.folder}/{item_id}.yaml"


LAYERS = Family("layers", Layer, "layer", "Layer", "Layers and topics", "layer.md.j2", section_index=True)
# Comparisons' wide tables need the table of contents' room.
COMPARISONS = Family("comparisons", Comparison, "comparison", "Comparison", "Comparisons", "comparison.md.j2",
                     hide=("toc",))

ENTRY_HIDE = ("tags",)  # an entry's tags show in "How it fits", not above the title

# In the order pages are listed within a layer.
ENTRY_FAMILIES: tuple[Family, ...] = (
    Family("services", Entry, "service", "Service", "Services", "entry.md.j2", hide=ENTRY_HIDE),
    Family("frameworks", Entry, "framework", "Framework", "Frameworks", "entry.md.j2", hide=ENTRY_HIDE),
    Family("engines", Entry, "engine", "Engine", "Engines", "entry.md.j2", hide=ENTRY_HIDE),
    Family("instances", Entry, "instance-family", "Instance family", "Instance families", "entry.md.j2",
           hide=ENTRY_HIDE),
    Family("use-cases", Entry, "use-case", "Amazon use case", "Amazon use cases", "entry.md.j2", hide=ENTRY_HIDE),
)

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
