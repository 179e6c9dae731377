"""The validated catalog: typed look-ups over everything in data/, and each page's family and address."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from stackguide.families import ENTRY_FAMILIES, FAMILIES, Family
from stackguide.lifecycle import SEVERITY, SOON, Status, first_day, status
from stackguide.model import (
    Comparison,
    Entry,
    Event,
    EventKind,
    Glossary,
    Group,
    Layer,
    Onboarding,
    Page,
    State,
    Tags,
    Vocabulary,
)
from stackguide.watchreport import WatchReport
from stackguide.yamlsource import Document

NOTES_YEAR = 2017  # the year of the source notes: "what changed" starts here

Item = Entry | Layer  # what an entry may relate to or an onboarding step may name



@dataclass(frozen=True)
class Catalog:
    """Everything under data/, validated and cross-referenced; built once per build."""

    layers: tuple[Layer, ...]  # by group, then position
    entries: tuple[Entry, ...]  # by layer order, then name
    comparisons: tuple[Comparison, ...]  # by title
    glossary: Glossary
    onboarding: Onboarding
    tags: Tags
    vocabulary: Vocabulary
    families: Mapping[str, Family]  # page id -> its family
    documents: Mapping[str, Document] = field(default_factory=dict, compare=False)  # page id -> its parsed file
    today: dt.date = field(default_factory=dt.date.today)  # the day states are derived for: the build's
    watch: WatchReport | None = field(default=None, compare=False)  # the last `make watch`'s report, if any

    # -- pages and their addresses ----------------------------------------------------------------

    def family(self, item: Page) -> Family:
        return self.families[item.id]

    def pages(self) -> tuple[Page, ...]:
        """Every generated page, family by family in registry order."""
        return tuple(item for family in FAMILIES for item in self.members(family))

    def members(self, family: Family) -> tuple[Page, ...]:
        everything: tuple[Page, ...] = (*self.layers, *self.entries, *self.comparisons)
        return tuple(item for item in everything if self.families[item.id] is family)

    def page_path(self, item: Page) -> str:
        return self.family(item).page_path(item.id)

    def page_url(self, item: Page) -> str:
        return self.family(item).page_url(item.id)

    def data_path(self, item: Page) -> str:
        """The item's file, relative to the project root, as it was read (else where its family keeps it)."""
        document = self.documents.get(item.id)
        return document.path if document else self.family(item).data_path(item.id)

    def line_of(self, item: Page, loc: tuple[str | int, ...]) -> int:
        """Line of a value in the item's data file (1 when the file was not kept)."""
        document = self.documents.get(item.id)
        return document.line_of(loc) if document else 1

    # -- look-ups ----------------------------------------------------------------------------------

    @cached_property
    def _by_id(self) -> dict[str, Page]:
        everything: tuple[Page, ...] = (*self.layers, *self.entries, *self.comparisons)
        return {item.id: item for item in everything}

    def item(self, item_id: str) -> Page:
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
        """A layer's entries, family by family (services first), then by name."""
        order = {family: index for index, family in enumerate(ENTRY_FAMILIES)}
        return tuple(sorted(self._entries_by_layer[layer_id], key=lambda entry: order[self.families[entry.id]]))

    def layers_in(self, group: Group) -> tuple[Layer, ...]:
        return tuple(layer for layer in self.layers if layer.group is group)

    @cached_property
    def _statuses(self) -> dict[str, Status]:
        return {entry.id: status(entry, self.today) for entry in self.entries}

    def status(self, entry: Entry) -> Status:
        """The entry's state on the build's day, derived from its lifecycle events."""
        return self._statuses[entry.id]

    def successor(self, entry: Entry) -> Entry | None:
        successor = self.status(entry).successor
        return self.entry(successor) if successor else None

    @cached_property
    def _predecessors(self) -> dict[str, tuple[Entry, ...]]:
        found: dict[str, list[Entry]] = {}
        for other in self.entries:  # in catalog order
            if (successor := self.status(other).successor) is not None:
                found.setdefault(successor, []).append(other)
        return {entry_id: tuple(others) for entry_id, others in found.items()}

    def predecessors(self, entry: Entry) -> tuple[Entry, ...]:
        return self._predecessors.get(entry.id, ())

    def related(self, entry: Entry) -> tuple[Item, ...]:
        return tuple(item for item_id in entry.related if isinstance(item := self.item(item_id), (Entry, Layer)))

    def comparisons_for(self, item: Page) -> tuple[Comparison, ...]:
        """Comparisons where the question arises, from their rows: for an entry, those with a row
        for it or for two of its related entries (a Deep Learning AMI ships the frameworks); for a
        layer, those with a row for one of its entries."""
        def wanted(rows: set[str]) -> bool:
            if isinstance(item, Layer):
                return any(entry.id in rows for entry in self.entries_in(item.id))
            if isinstance(item, Entry):
                return item.id in rows or len(rows & set(item.related)) >= 2
            return False
        return tuple(c for c in self.comparisons if c is not item and wanted({row.entry for row in c.rows}))

    def comparison(self, comparison_id: str) -> Comparison:
        return next(c for c in self.comparisons if c.id == comparison_id)

    # -- what changed since the 2017 notes ---------------------------------------------------------

    def changes(self) -> tuple[Entry, ...]:
        """Entries that are not simply active, most severe state first, then by date, oldest first."""
        changed = [entry for entry in self.entries if self.status(entry).state is not State.ACTIVE]
        return tuple(sorted(changed, key=lambda entry: (-SEVERITY[self.status(entry).state],
                                                        self.status(entry).since or "", entry.name.lower())))

    def newcomers(self) -> tuple[Entry, ...]:
        """Entries the notes do not mention and that are still open to new customers, in launch order
        (undated ones last)."""
        def launched(entry: Entry) -> str:
            event = self.status(entry).launched
            return event.date if event else ""
        new = [entry for entry in self.entries if entry.notes_say is None and self.status(entry).active]
        return tuple(sorted(new, key=lambda entry: (not launched(entry), launched(entry), entry.name)))

    def unchanged(self) -> tuple[Entry, ...]:
        """Entries the notes mention that are still active, in catalog order."""
        return tuple(entry for entry in self.entries
                     if entry.notes_say is not None and self.status(entry).state is State.ACTIVE
                     and self.status(entry).ends is None)

    def timeline(self, since: int = NOTES_YEAR) -> tuple[tuple[int, tuple[tuple[Entry, Event], ...]], ...]:
        """Every dated event from `since` to the build's day, by year, newest year first and oldest
        first within a year."""
        events = [(entry, event) for entry in self.entries for event in entry.lifecycle
                  if int(event.date[:4]) >= since and first_day(event.date) <= self.today]
        events.sort(key=lambda pair: (pair[1].date, pair[0].name.lower()))
        years: dict[int, list[tuple[Entry, Event]]] = {}
        for entry, event in events:
            years.setdefault(int(event.date[:4]), []).append((entry, event))
        return tuple((year, tuple(years[year])) for year in sorted(years, reverse=True))

    def closing_soon(self) -> tuple[tuple[Entry, Event], ...]:
        """Announced ends of support (of a service or of a part of it) within the next year, soonest first."""
        soon = [(entry, event) for entry in self.entries for event in entry.lifecycle
                if event.event is EventKind.END_OF_SUPPORT and self.today < first_day(event.date)
                and first_day(event.date) - self.today <= SOON]
        return tuple(sorted(soon, key=lambda pair: (pair[1].date, pair[0].name.lower())))

    def upcoming(self) -> tuple[tuple[Entry, Event], ...]:
        """Every announced event still to come, soonest first (for the feeds)."""
        later = [(entry, event) for entry in self.entries for event in entry.lifecycle
                 if first_day(event.date) > self.today]
        return tuple(sorted(later, key=lambda pair: (pair[1].date, pair[0].name.lower())))
