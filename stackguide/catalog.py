"""The validated catalog: typed look-ups over everything in data/, and each page's family and address."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from stackguide.lifecycle import SEVERITY, SOON, Status, first_day, status
from stackguide.markup import Markdown
from stackguide.model import (
    Comparison,
    Entry,
    Event,
    EventKind,
    Fact,
    Glossary,
    Group,
    Layer,
    Loc,
    Onboarding,
    PageRecord,
    State,
    Tags,
    Vocabulary,
)
from stackguide.onboarding import OnboardingPath, StepPosition
from stackguide.sourcemap import SourceMap
from stackguide.watchreport import WatchReport

if TYPE_CHECKING:  # the registry's families name Catalog in their order and context functions
    from stackguide.families import Family

NOTES_YEAR = 2017  # the year of the source notes: "what changed" starts here

Item = Entry | Layer  # what an entry may relate to or an onboarding step may name
ModelT = TypeVar("ModelT", bound=PageRecord)


@dataclass(frozen=True)
class Catalog:
    """Everything under data/, validated and cross-referenced; built once per build.

    Pages are kept by family, as read; the catalog orders them, each model's pages by their
    family's order key, so every list it gives (and every page built from it) is in one order.
    """

    items: Mapping[Family, tuple[PageRecord, ...]]  # each family's pages, families in registry order
    glossary: Glossary
    onboarding: Onboarding
    tags: Tags
    vocabulary: Vocabulary
    sources: SourceMap = field(default_factory=SourceMap, compare=False)  # where each page's values were written
    today: dt.date = field(default_factory=dt.date.today)  # the day states are derived for: the build's
    watch: WatchReport | None = field(default=None, compare=False)  # the last `make watch`'s report, if any
    # Each page's Markdown fields with their locations, by id, as the loader walked them (the review queue reads them).
    markdown: Mapping[str, list[tuple[Loc, Markdown]]] = field(default_factory=dict, compare=False, repr=False)
    _ordered: dict[type, tuple[Any, ...]] = field(default_factory=dict, init=False, compare=False, repr=False)

    # -- pages, in order, and their addresses --------------------------------------------------------

    @property
    def families(self) -> tuple[Family, ...]:
        return tuple(self.items)

    def of_model(self, model: type[ModelT]) -> tuple[ModelT, ...]:
        """Every page of a model, whatever its family, in its families' order."""
        ordered = self._ordered.get(model)
        if ordered is None:
            pages = [(family, item) for family, items in self.items.items() if family.model is model
                     for item in items]
            pages.sort(key=lambda pair: pair[0].order(self, pair[1]))
            ordered = self._ordered[model] = tuple(item for _, item in pages)
        return ordered

    @property
    def layers(self) -> tuple[Layer, ...]:
        """By group, then position."""
        return self.of_model(Layer)

    @property
    def entries(self) -> tuple[Entry, ...]:
        """By layer order, then name."""
        return self.of_model(Entry)

    @property
    def comparisons(self) -> tuple[Comparison, ...]:
        """By title."""
        return self.of_model(Comparison)

    @cached_property
    def _layer_ranks(self) -> dict[str, int]:
        return {layer.id: index for index, layer in enumerate(self.layers)}

    def layer_rank(self, layer_id: str) -> int:
        return self._layer_ranks[layer_id]

    @cached_property
    def _families(self) -> dict[str, Family]:
        return {item.id: family for family, items in self.items.items() for item in items}

    def family(self, item: PageRecord) -> Family:
        return self._families[item.id]

    def pages(self) -> tuple[PageRecord, ...]:
        """Every generated page, family by family in registry order."""
        return tuple(item for family in self.items for item in self.members(family))

    def members(self, family: Family) -> tuple[PageRecord, ...]:
        return tuple(item for item in self.of_model(family.model) if self._families[item.id] is family)

    def page_path(self, item: PageRecord) -> str:
        return self.family(item).page_path(item.id)

    def page_url(self, item: PageRecord) -> str:
        return self.family(item).page_url(item.id)

    def data_path(self, item: PageRecord) -> str:
        """The item's file, relative to the project root, as it was read (else where its family keeps it)."""
        return self.sources.path(item.id) or self.family(item).data_path(item.id)

    # -- look-ups ----------------------------------------------------------------------------------

    @cached_property
    def _by_id(self) -> dict[str, PageRecord]:
        return {item.id: item for items in self.items.values() for item in items}

    def item(self, item_id: str) -> PageRecord:
        return self._by_id[item_id]

    def entry(self, entry_id: str) -> Entry:
        item = self._by_id[entry_id]
        if not isinstance(item, Entry):
            raise KeyError(entry_id)
        return item

    def fact(self, entry_id: str, fact_id: str) -> Fact:
        """A structured fact of an entry (the loader has checked every reference to one)."""
        return next(fact for fact in self.entry(entry_id).facts if fact.id == fact_id)

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
        order = {family: index for index, family in enumerate(self.items)}
        return tuple(sorted(self._entries_by_layer[layer_id], key=lambda entry: order[self.family(entry)]))

    def layers_in(self, group: Group) -> tuple[Layer, ...]:
        return tuple(layer for layer in self.layers if layer.group is group)

    @cached_property
    def _statuses(self) -> dict[str, Status]:
        return {entry.id: status(entry, self.today) for entry in self.entries}

    def status(self, entry: Entry) -> Status:
        """The entry's state on the build's day, derived from its lifecycle events."""
        return self._statuses[entry.id]

    @cached_property
    def onboarding_path(self) -> OnboardingPath:
        """The onboarding steps in order, made once: its page lists them, each step's page shows its place."""
        return OnboardingPath(self)

    def step_of(self, page_id: str) -> StepPosition | None:
        """A page's place on the onboarding path, with the steps either side; None when it is not on it."""
        return self.onboarding_path.step_of(page_id)

    def successor(self, entry: Entry) -> Entry | None:
        """What replaced `entry` in the end: the last of its successor_chain, or None."""
        chain = self.successor_chain(entry)
        return chain[-1] if chain else None

    def use_instead(self, entry: Entry) -> Entry | None:
        """What a reader should start with instead of `entry`: its successor, if that is open to
        new customers; None when AWS named none, or when what it named has closed with no successor."""
        return self.usable(self.successor_chain(entry))

    def named_before_use(self, entry: Entry) -> tuple[Entry, ...]:
        """The successors AWS named for `entry` that a reader cannot start with any more, in order."""
        chain = self.successor_chain(entry)
        return chain[:-1] if self.usable(chain) else chain

    def usable(self, chain: tuple[Entry, ...]) -> Entry | None:
        """The last of a successor chain, if it is open to new customers."""
        return chain[-1] if chain and self.status(chain[-1]).open else None

    def successor_chain(self, entry: Entry) -> tuple[Entry, ...]:
        """The successor AWS named for `entry`, then, while the last one is itself no longer open
        to new customers or has an end announced, the successor AWS named for that one: a
        successor retired since it was named still leads a reader to what replaced it."""
        named = self.status(entry).successor
        return self.instead_of(named) if named else ()

    def instead_of(self, entry_id: str) -> tuple[Entry, ...]:
        """The entry `entry_id`, followed by its successors while each is not open with no end
        announced (the loader refuses a cycle; a repeat would end the chain all the same). Each
        chain is followed once per catalog: pages, catalog.json and llms.txt all ask for it."""
        if (known := self._chains.get(entry_id)) is not None:
            return known
        chain = [self.entry(entry_id)]
        while not self.status(chain[-1]).active and (after := self.status(chain[-1]).successor) is not None:
            if any(earlier.id == after for earlier in chain):
                break
            chain.append(self.entry(after))
        return self._chains.setdefault(entry_id, tuple(chain))

    @cached_property
    def _chains(self) -> dict[str, tuple[Entry, ...]]:
        return {}

    @cached_property
    def _predecessors(self) -> dict[str, tuple[Entry, ...]]:
        found: dict[str, list[Entry]] = {}
        for other in self.entries:
            if (successor := self.status(other).successor) is not None:
                found.setdefault(successor, []).append(other)
        return {key: tuple(value) for key, value in found.items()}

    def predecessors(self, entry: Entry) -> tuple[Entry, ...]:
        """Entries whose successor it is, in catalog order (found once for the whole catalog)."""
        return self._predecessors.get(entry.id, ())

    def related(self, entry: Entry) -> tuple[Item, ...]:
        return tuple(item for item_id in entry.related if isinstance(item := self.item(item_id), (Entry, Layer)))

    def comparisons_for(self, item: PageRecord) -> tuple[Comparison, ...]:
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

    def launch_year(self, entry: Entry) -> int | None:
        """The year it launched, if its lifecycle dates a launch."""
        event = self.status(entry).launched
        return int(event.date[:4]) if event else None

    def arrival(self, entry: Entry) -> str | None:
        """When it launched against the notes: "before" their year, "during" it, "after" it, or None
        if its launch is not dated."""
        year = self.launch_year(entry)
        if year is None:
            return None
        return "before" if year < NOTES_YEAR else "during" if year == NOTES_YEAR else "after"

    def newcomers(self) -> tuple[Entry, ...]:
        """Entries the notes do not mention, launched since their year (or undated), and still open to
        new customers, in launch order (undated ones last)."""
        return self._unmentioned(older=False)

    def unmentioned_older(self) -> tuple[Entry, ...]:
        """Entries the notes do not mention though they launched before them, still open to new
        customers, in launch order."""
        return self._unmentioned(older=True)

    def _unmentioned(self, older: bool) -> tuple[Entry, ...]:
        def launched(entry: Entry) -> str:
            event = self.status(entry).launched
            return event.date if event else ""
        found = [entry for entry in self.entries if entry.notes_say is None and self.status(entry).active
                 and (self.arrival(entry) == "before") is older]
        return tuple(sorted(found, key=lambda entry: (not launched(entry), launched(entry), entry.name)))

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
