"""The validated catalog: typed lookups over layers and entries, and the URL contract."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from stackguide.model import (
    COMPARISON_FOLDER,
    KIND_FOLDERS,
    LAYER_FOLDER,
    Comparison,
    Entry,
    Glossary,
    Group,
    Layer,
    Onboarding,
)

Item = Entry | Layer
Page = Entry | Layer | Comparison  # everything that gets a generated page


@dataclass(frozen=True)
class Catalog:
    """Everything under data/, validated and cross-referenced; built once per build."""

    layers: tuple[Layer, ...]  # sorted by group, then position
    entries: tuple[Entry, ...]  # sorted by layer order, then name
    comparisons: tuple[Comparison, ...]  # sorted by title
    glossary: Glossary
    onboarding: Onboarding
    sources: Mapping[str, str]  # id -> data file, relative to the project root

    @cached_property
    def _by_id(self) -> dict[str, Item]:
        return {item.id: item for item in (*self.layers, *self.entries)}

    def item(self, item_id: str) -> Item:
        return self._by_id[item_id]

    def entry(self, entry_id: str) -> Entry:
        item = self._by_id[entry_id]
        if not isinstance(item, Entry):
            raise KeyError(entry_id)
        return item

    def layer(self, layer_id: str) -> Layer:
        item = self._by_id[layer_id]
        if not isinstance(item, Layer):
            raise KeyError(layer_id)
        return item

    @cached_property
    def _entries_by_layer(self) -> dict[str, tuple[Entry, ...]]:
        grouped: dict[str, list[Entry]] = {layer.id: [] for layer in self.layers}
        for entry in self.entries:
            grouped[entry.layer].append(entry)
        return {key: tuple(value) for key, value in grouped.items()}

    def entries_in(self, layer_id: str) -> tuple[Entry, ...]:
        return self._entries_by_layer[layer_id]

    def layers_in(self, group: Group) -> tuple[Layer, ...]:
        return tuple(layer for layer in self.layers if layer.group is group)

    def successor(self, entry: Entry) -> Entry | None:
        return self.entry(entry.status.successor) if entry.status.successor else None

    def related(self, entry: Entry) -> tuple[Item, ...]:
        return tuple(self.item(item_id) for item_id in entry.related)

    # -- what changed since the 2017 notes -----------------------------------------------------
    # ISO dates, even partial ones (2017, 2020-12, 2023-09-20), sort correctly as text.

    def changes(self) -> tuple[Entry, ...]:
        """Entries whose status records a dated event (retired, renamed, superseded, or a dated
        change to something still active), newest first."""
        dated = sorted((entry for entry in self.entries if entry.status.date), key=lambda entry: entry.name)
        return tuple(sorted(dated, key=lambda entry: entry.status.date or "", reverse=True))

    def newcomers(self) -> tuple[Entry, ...]:
        """Entries the notes do not mention, in launch order (undated ones last)."""
        new = [entry for entry in self.entries if entry.notes_say is None]
        return tuple(sorted(new, key=lambda entry: (entry.launched is None, entry.launched or "", entry.name)))

    def unchanged(self) -> tuple[Entry, ...]:
        """Entries the notes mention that are active with no dated change, in catalog order."""
        return tuple(entry for entry in self.entries if entry.notes_say is not None and not entry.status.date)

    def comparison(self, comparison_id: str) -> Comparison:
        return next(c for c in self.comparisons if c.id == comparison_id)


def _folder(item: Page) -> str:
    if isinstance(item, Layer):
        return LAYER_FOLDER
    if isinstance(item, Comparison):
        return COMPARISON_FOLDER
    return KIND_FOLDERS[item.kind]


def page_path(item: Page) -> str:
    """Docs-relative path of an item's generated page; with directory URLs it is served at
    /<folder>/<id>/, for example /services/amazon-polly/ (see docs/stable-links.md)."""
    # A layer page is its nav section's index page, so it is the folder's index.md.
    if isinstance(item, Layer):
        return f"{LAYER_FOLDER}/{item.id}/index.md"
    return f"{_folder(item)}/{item.id}.md"


def page_url(item: Page) -> str:
    """Site-relative URL of an item's page, without a leading slash."""
    return f"{_folder(item)}/{item.id}/"
