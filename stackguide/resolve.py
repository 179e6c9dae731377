"""Checks that need more than one value: ids, references, citations, source rules, content rules.

Each check reads the validated records and records problems at the line of the value at fault.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import typing
from collections.abc import Collection, Iterator
from typing import TYPE_CHECKING, Any

import yaml
from pydantic import BaseModel

from stackguide.consistency import Names, drifts
from stackguide.errors import Problems, closest
from stackguide.facts import (
    check_fact_references,
    check_prose_values,
    check_watches_and_facts,
)
from stackguide.families import GUIDE_PAGES
from stackguide.internals import reserved_page_id_problem, term_anchor, term_problem
from stackguide.lifecycle import first_day, last_day, status
from stackguide.markup import Markdown
from stackguide.model import (
    Comparison,
    Entry,
    EventKind,
    Glossary,
    Layer,
    Onboarding,
    PageRecord,
    Source,
    State,
    Tags,
    Verdict,
    Vocabulary,
)
from stackguide.model import Loc as Loc  # where facts and review name it
from stackguide.sources import is_primary, refused_reason

if TYPE_CHECKING:
    from stackguide.load import Loaded
    from stackguide.yamlsource import Document



class _Broken:
    """Stands for the model of a file that failed on its own: any reference to it counts as valid."""
DRAFT_MARK = "TODO"


def check_records(loaded: list[Loaded], problems: Problems, *, today: dt.date, drafts: bool,
                  broken: set[str] | None = None) -> None:
    """Check what no single file can show. `broken` holds the ids of files that failed on their own;
    references to them are not reported again."""
    ids = _check_ids(loaded, problems)
    for stem in broken or ():
        ids.setdefault(stem, _Broken)
    pages = [record for record in loaded if isinstance(record.item, PageRecord)]
    singles = {type(record.item): record for record in loaded if record.family is None}
    entry_ids = {item_id for item_id, kind in ids.items() if kind in (Entry, _Broken)}
    all_ids = set(ids)
    known = _Ids(ids)
    fields = {id(record.item): record.fields for record in loaded}
    for record in loaded:
        _check_markdown(record.doc, record.item, fields[id(record.item)], problems, all_ids)
        if not drafts:
            _check_drafts(record.doc, problems)
    for record in pages:
        assert isinstance(record.item, PageRecord)
        _check_sources(record.doc, record.item, fields[id(record.item)], problems, today)
        _check_repeats(record.doc, record.item, problems)
    layers = [record for record in pages if isinstance(record.item, Layer)]
    _check_positions(layers, problems)
    _check_names(pages, problems)
    _check_former_ids(pages, problems, broken or set())
    tags = singles.get(Tags)
    tag_ids = _check_tags(tags, problems) if tags else None
    for record in pages:
        if isinstance(record.item, Entry):
            _check_entry(record.doc, record.item, problems, known, tag_ids)
            for loc, message in lifecycle_problems(record.item, today):
                problems.add(record.doc.path, record.doc.line_of(loc), message)
        elif isinstance(record.item, Comparison):
            first: dict[str, int] = {}
            for index, row in enumerate(record.item.rows):
                _ref(problems, record.doc, ("rows", index, "entry"), row.entry, entry_ids, "entry")
                if (seen := first.setdefault(row.entry, index)) != index:
                    problems.add(record.doc.path, record.doc.line_of(("rows", index, "entry")),
                                 f"rows.{index}: '{row.entry}' is already row {seen + 1}; compare each entry once")
            _check_table(record.doc, record.item, problems)
    _check_successor_cycles([record for record in pages if isinstance(record.item, Entry)], problems)
    _check_repeated_dates(pages, fields, problems)
    for record in pages:
        if isinstance(record.item, Entry):
            check_watches_and_facts(record.doc, record.item, problems, today)
    check_fact_references(loaded, fields, problems, broken or set())  # the glossary's definitions too
    check_prose_values(pages, fields, problems)
    if (glossary := singles.get(Glossary)) is not None:
        _check_glossary(glossary, problems, entry_ids)
    if (vocabulary := singles.get(Vocabulary)) is not None:
        # A page that failed on its own declares nothing we can read: check the terms once it loads.
        _check_vocabulary(vocabulary, problems, pages, set(ids) | set(GUIDE_PAGES), terms=not broken)
    if (onboarding := singles.get(Onboarding)) is not None and isinstance(onboarding.item, Onboarding):
        _check_onboarding(onboarding, problems, ids)


def _check_onboarding(record: Loaded, problems: Problems, ids: Collection[str]) -> None:
    """Each step names a page, and a page once: a page shows one place on the path, so a second
    step for it would send the reader who follows "next" back to the first one's successor."""
    assert isinstance(record.item, Onboarding)
    first: dict[str, int] = {}
    number = 0
    for d, day in enumerate(record.item.days):
        for s, step in enumerate(day.steps):
            number += 1
            loc = ("days", d, "steps", s, "page")
            _ref(problems, record.doc, loc, step.page, ids, "page")
            if step.page in first:
                problems.add(record.doc.path, record.doc.line_of(loc), f"page '{step.page}' is already step "
                             f"{first[step.page]} of the path; a page is one step, so name it once")
            first.setdefault(step.page, number)


def _check_repeats(doc: Document, item: PageRecord, problems: Problems) -> None:
    """A page's lists of ids, names and words say each once: the page would show a repeat twice
    (Related, Topics, Formerly, Abbreviations), and search would count it twice."""
    for name, key in _text_lists(type(item)):
        values: list[str] = getattr(item, name)
        if len(values) < 2 or len({value.casefold() for value in values}) == len(values):
            continue
        first: dict[str, int] = {}
        for index, value in enumerate(values):
            if (seen := first.setdefault(value.casefold(), index)) != index:
                problems.add(doc.path, doc.line_of((key, index)),
                             f"{key}.{index}: '{value}' is already item {seen + 1} of {key}; list it once")


@functools.cache
def _text_lists(model: type[BaseModel]) -> tuple[tuple[str, str], ...]:
    """The model's fields that hold a list of texts (ids, names, words), with the key a file writes."""
    def is_text(annotation: Any) -> bool:
        if typing.get_origin(annotation) is typing.Annotated:
            return is_text(typing.get_args(annotation)[0])
        return annotation is str

    return tuple((name, info.alias or name) for name, info in model.model_fields.items()
                 if typing.get_origin(info.annotation) is list and is_text(typing.get_args(info.annotation)[0]))


# -- ids ------------------------------------------------------------------------------------------

def _check_ids(loaded: list[Loaded], problems: Problems) -> dict[str, type]:
    """Ids equal file names and are unique across data/; returns id -> model of every page."""
    owners: dict[str, str] = {}
    ids: dict[str, type] = {}
    for record in loaded:
        if record.family is None or not isinstance(record.item, PageRecord):
            continue
        item_id = record.item.id
        stem = record.doc.path.rsplit("/", 1)[-1].removesuffix(".yaml")
        if item_id != stem:
            problems.add(record.doc.path, record.doc.line_of(("id",)), f"id '{item_id}' must equal the file name "
                         f"(rename the file to {item_id}.yaml or set id: {stem})")
            ids.setdefault(stem, _Broken)
            continue
        if (reserved := reserved_page_id_problem(item_id, record.family.folder)) is not None:
            problems.add(record.doc.path, record.doc.line_of(("id",)), reserved)
            ids.setdefault(stem, _Broken)
            continue
        if item_id in owners:
            problems.add(record.doc.path, record.doc.line_of(("id",)),
                         f"duplicate id '{item_id}': also used by {owners[item_id]}")
            continue
        owners[item_id] = record.doc.path
        ids[item_id] = type(record.item)
    return ids


def _ref(problems: Problems, doc: Document, loc: Loc, ref: str, allowed: Collection[str], what: str,
         where: str = "", owner: str | None = None, named: bool = False) -> None:
    """`ref` must be one of `allowed` and not `owner`; `named` puts the field's name before `what`."""
    if ref != owner and ref in allowed:  # nearly always: nothing is formatted or copied
        return
    what = f"{_field(loc)}: {what}" if named else what
    if ref == owner:
        problems.add(doc.path, doc.line_of(loc), f"{what} '{ref}' is this entry itself; name another one")
        return
    if not problems.has_room(doc.path):  # only counted: spare the search for a suggestion
        problems.count(doc.path, doc.line_of(loc))
        return
    hint = closest(ref, allowed)
    suggestion = f" (did you mean '{hint}'?)" if hint else ""
    missing = f"is not listed in {where}" if where else "does not exist"
    problems.add(doc.path, doc.line_of(loc), f"{what} '{ref}' {missing}{suggestion}")


# -- Markdown, citations and sources ------------------------------------------------------------------

def walk(value: Any, loc: Loc = ()) -> Iterator[tuple[Loc, Any]]:
    """Every value inside a record, with its location."""
    yield loc, value
    if isinstance(value, (str, Markdown)):
        return
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from walk(getattr(value, name), (*loc, name))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from walk(item, (*loc, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from walk(item, (*loc, key))


def _field(loc: Loc) -> str:
    return ".".join(str(part) for part in loc)


def markdown_fields(item: Any) -> list[tuple[Loc, Markdown]]:
    """Every Markdown field of a record, with its location, in the order walk() meets them."""
    found: list[tuple[Loc, Markdown]] = []
    _collect_markdown(item, (), found)
    return found


_LEAVES = (str, int, float, bool, type(None), dt.date)  # no Markdown inside: not walked further


def _collect_markdown(value: Any, loc: Loc, found: list[tuple[Loc, Markdown]]) -> None:
    """walk(), without a generator per value, and only into the fields whose type can hold
    Markdown: loading calls it on every record."""
    if isinstance(value, Markdown):  # first: most values walked are
        found.append((loc, value))
    elif isinstance(value, _LEAVES):
        return
    elif isinstance(value, BaseModel):
        for name in _markdown_bearing(type(value)):
            _collect_markdown(getattr(value, name), (*loc, name), found)
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            _collect_markdown(item, (*loc, index), found)
    elif isinstance(value, dict):
        for key, item in value.items():
            _collect_markdown(item, (*loc, key), found)


@functools.cache
def _markdown_bearing(model: type[BaseModel]) -> tuple[str, ...]:
    """The model's fields, in order, leaving out those whose type holds no Markdown at any depth."""
    return tuple(name for name, info in model.model_fields.items() if _may_hold_markdown(info.annotation))


def _may_hold_markdown(annotation: Any) -> bool:
    """False only for a type known to hold no Markdown: text, numbers, dates, enums, literals, and
    lists, unions and models of those; anything else (Any, a type not seen before) is walked."""
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        return False
    if origin is typing.Annotated:
        return _may_hold_markdown(typing.get_args(annotation)[0])
    if origin is not None:  # list[...], dict[..., ...], X | None
        return any(_may_hold_markdown(arg) for arg in typing.get_args(annotation))
    if isinstance(annotation, type) and issubclass(annotation, _LEAVES) and not issubclass(annotation, Markdown):
        return False
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return bool(_markdown_bearing(annotation))
    return True


def _check_markdown(doc: Document, item: Any, fields: list[tuple[Loc, Markdown]], problems: Problems,
                    ids: set[str]) -> None:
    for loc, value in fields:
        for flaw in value.flaws:
            problems.add(doc.path, doc.line_of(loc, flaw.snippet), f"{_field(loc)}: {flaw.message}")
        if value.citations and not hasattr(item, "sources"):
            problems.add(doc.path, doc.line_of(loc, "[^"), f"{_field(loc)}: '[^{value.citations[0]}]' cites a "
                         "source, but this file has no sources; write the text without it")
        for target in value.links:
            _ref(problems, doc, loc, target, ids, "link to", owner=getattr(item, "id", None), named=True)


def _check_sources(doc: Document, item: PageRecord, fields: list[tuple[Loc, Markdown]],
                   problems: Problems, today: dt.date) -> None:
    defined: dict[str, Source] = {}
    urls: dict[str, str] = {}
    refusals = {source.url: refused_reason(source.url) for source in item.sources}  # each URL judged once
    primaries = {source.url: is_primary(source.url) for source in item.sources}
    for index, source in enumerate(item.sources):
        loc: Loc = ("sources", index)
        if source.id in defined:
            problems.add(doc.path, doc.line_of((*loc, "id")), f"source id '{source.id}' is used twice in this file")
        if source.url in urls:
            problems.add(doc.path, doc.line_of((*loc, "url")), f"sources.{index}.url: the same page as source "
                         f"'{urls[source.url]}'; keep one source and cite it from both claims")
        defined[source.id] = source
        urls.setdefault(source.url, source.id)
        if (reason := refusals[source.url]) is not None:
            problems.add(doc.path, doc.line_of((*loc, "url")), f"sources.{index}.url: {reason}")
        if source.checked > today:
            problems.add(doc.path, doc.line_of((*loc, "checked")), f"sources.{index}.checked: {source.checked} "
                         "is in the future; give the date you read the page")
    if item.reviewed > today:
        problems.add(doc.path, doc.line_of(("reviewed",)), f"reviewed: {item.reviewed} is in the future")
    # Each source's (refused, primary), by id: a claim's sources are judged by looking them up.
    judged = {source_id: (refusals[source.url] is not None, primaries[source.url])
              for source_id, source in defined.items()}
    cited: set[str] = set()
    for loc, cites in citations(item, fields):
        if not cites:
            problems.add(doc.path, doc.line_of(loc), f"{_field(loc)}: cites no source; end the claim with "
                         "[^source-id], naming one of this file's sources")
        cited.update(cites)
        known = refused = primary = False
        for cite in cites:
            if (verdict := judged.get(cite)) is None:
                _ref(problems, doc, loc, cite, defined, "citation", "this file's sources", named=True)
            else:
                known = True
                refused = refused or verdict[0]  # reported once, at the source
                primary = primary or verdict[1]
        if _reported(item, loc):
            if primary:
                problems.add(doc.path, doc.line_of(loc), f"{_field(loc)}: 'reported: true' is for an event only "
                             "secondary sources report; this one cites a primary source, so remove it")
            continue
        if known and not refused and not primary:
            problems.add(doc.path, doc.line_of(loc), f"{_field(loc)}: cites only secondary sources; add a primary "
                         "one (AWS or Amazon documentation, blogs and announcements, or the project's own site "
                         "or repository)")
    for index, source in enumerate(item.sources):
        if source.id not in cited:
            problems.add(doc.path, doc.line_of(("sources", index, "id")), f"source '{source.id}' is not cited; "
                         f"cite it as [^{source.id}] where it supports a claim, or remove it")


def _reported(item: PageRecord, loc: Loc) -> bool:
    """A lifecycle event marked as reported by secondary sources only (the page says so)."""
    if not isinstance(item, Entry) or loc[:1] != ("lifecycle",) or not isinstance(loc[1], int):
        return False
    return item.lifecycle[loc[1]].reported


def citations(item: PageRecord, fields: list[tuple[Loc, Markdown]] | None = None,
              ) -> Iterator[tuple[Loc, tuple[str, ...]]]:
    """Each claim with the sources it cites (the model says which values are claims); a claim
    that must cite and does not yields ()."""
    return item.claims(markdown_fields(item) if fields is None else fields)


# -- entries ----------------------------------------------------------------------------------------

class _Ids:
    """The ids of a run, by what they name; built once and shared by every entry's checks."""

    def __init__(self, ids: dict[str, type]) -> None:
        self.kinds = ids
        self.layers = sorted(item_id for item_id, kind in ids.items() if kind is Layer)
        self.entries = {item_id for item_id, kind in ids.items() if kind in (Entry, _Broken)}
        self.relatable = {item_id for item_id, kind in ids.items() if kind is not Comparison}


def _check_entry(doc: Document, entry: Entry, problems: Problems, known: _Ids, tag_ids: set[str] | None) -> None:
    if entry.layer not in known.layers and known.kinds.get(entry.layer) is not _Broken:
        problems.add(doc.path, doc.line_of(("layer",)), f"layer '{entry.layer}' is not one of: "
                     f"{', '.join(known.layers)}")
    entry_ids, relatable = known.entries, known.relatable
    for index, event in enumerate(entry.lifecycle):
        if event.successor:
            _ref(problems, doc, ("lifecycle", index, "successor"), event.successor, entry_ids, "successor",
                 owner=entry.id)
    for index, related in enumerate(entry.related):
        if related == entry.layer:  # the page says "Part of" its layer already, just above the list
            problems.add(doc.path, doc.line_of(("related", index)), f"related id '{related}' is this entry's own "
                         "layer, which its page already names; relate another page")
        else:
            _ref(problems, doc, ("related", index), related, relatable, "related id", owner=entry.id)
    if opening := _STATE_OPENING.match(entry.today.plain()):
        problems.add(doc.path, doc.line_of(("today",)), f"today opens with a state ('{opening.group()}'), which the "
                     "page's badge shows beside it, worked out from the lifecycle: start with what is true now")
    if tag_ids is not None:
        for index, tag in enumerate(entry.tags):
            _ref(problems, doc, ("tags", index), tag, tag_ids, "tag", "data/tags.yaml")
    for index, story in enumerate(entry.stories):
        for number, claim in enumerate(story.claims):
            if claim.verdict is not Verdict.UNVERIFIED and not claim.text.citations:
                problems.add(doc.path, doc.line_of(("stories", index, "claims", number, "text")),
                             f"a '{claim.verdict}' claim must cite the source that settles it, as [^source-id]")


# A state typed at the start of an entry's today, where the page puts its badge, computed from its events.
_STATE_OPENING = re.compile(rf"(?:still\s+|in\s+)?(?:{'|'.join(state.value for state in State)})\b", re.IGNORECASE)


def _check_successor_cycles(entries: list[Loaded], problems: Problems) -> None:
    items = [(record.item, record.doc) for record in entries if isinstance(record.item, Entry)]
    successor = {entry.id: next((e.successor for e in reversed(entry.lifecycle) if e.successor and not e.feature),
                                None) for entry, _ in items}
    docs = {entry.id: doc for entry, doc in items}
    for start in successor:
        seen = [start]
        current = successor[start]
        while current and current in successor and current not in seen:
            seen.append(current)
            current = successor[current]
        if current == start and len(seen) > 1 and start == min(seen):
            doc = docs[start]
            chain = " -> ".join([*seen, start])
            problems.add(doc.path, doc.line_of(("lifecycle",)), f"successors form a cycle: {chain}")


def _check_table(doc: Document, comparison: Comparison, problems: Problems) -> None:
    """Column keys are unique, and each row has exactly one cell per column: the page's table
    prints a cell for every column of every row."""
    first: dict[str, int] = {}
    for index, column in enumerate(comparison.columns):
        if column.key in first:
            problems.add(doc.path, doc.line_of(("columns", index, "key")), f"columns.{index}.key: '{column.key}' is "
                         f"also the key of column {first[column.key] + 1}; each column needs its own key")
        first.setdefault(column.key, index)
    keys = ", ".join(first)
    for index, row in enumerate(comparison.rows):
        loc: Loc = ("rows", index, "cells")
        for key in row.cells:
            if key not in first:
                hint = closest(key, first) if problems.has_room(doc.path) else None
                suggestion = f"did you mean '{hint}'? " if hint else ""
                problems.add(doc.path, doc.line_of((*loc, key)), f"rows.{index}.cells: '{key}' is not a column key "
                             f"({suggestion}the columns are: {keys})")
        for key in first:
            if key not in row.cells:
                problems.add(doc.path, doc.line_of(loc), f"rows.{index}.cells: no cell for column '{key}'; write one "
                             "(say briefly when something does not apply)")


def _check_names(pages: list[Loaded], problems: Problems) -> None:
    """Each page has a name of its own: two pages called alike would be two like items in the nav,
    the catalog and search, with nothing to tell them apart."""
    first: dict[str, Loaded] = {}
    for record in pages:
        assert isinstance(record.item, PageRecord)
        name = record.item.display_name
        other = first.setdefault(name.casefold(), record)
        if other is not record:
            field = next((key for key in type(record.item).model_fields if getattr(record.item, key) == name), "")
            problems.add(record.doc.path, record.doc.line_of((field,) if field else ()),
                         f"'{name}' is also what {other.doc.path} is called; give each page a name of its own")


def _check_former_ids(pages: list[Loaded], problems: Problems, broken: Collection[str]) -> None:
    """An old address leads to one page, and never stands in for a page that has it now."""
    files = {record.item.id: record.doc.path for record in pages if isinstance(record.item, PageRecord)}
    files.update((stem, "another file of data/") for stem in broken if stem not in files)
    claimed: dict[str, str] = {}  # former id -> the file that names it first
    for record in pages:
        item, family = record.item, record.family
        assert isinstance(item, PageRecord) and family is not None
        for index, old in enumerate(item.old_ids()):
            line = record.doc.line_of(("former_ids", index))
            if old == item.id:
                problem = "is this page's own id; list only ids it had before"
            elif old in files:
                problem = (f"is the id of {files[old]}, which is still a page: an old id is one whose file was "
                           "renamed or merged into this one; remove it here, or remove that file")
            elif claimed.get(old) == record.doc.path:  # listed twice here: _check_repeats says so
                continue
            elif old in claimed:
                problem = f"is already a former id of {claimed[old]}; an old address can lead to one page only"
            elif reserved_page_id_problem(old, family.folder) is not None:
                problem = (f"was never an address of its own (MkDocs publishes {family.folder}/{old}.md elsewhere); "
                           "remove it")
            else:
                claimed[old] = record.doc.path
                continue
            problems.add(record.doc.path, line, f"former_ids.{index}: '{old}' {problem}")


def _check_positions(layers: list[Loaded], problems: Problems) -> None:
    taken: dict[tuple[str, int], str] = {}
    for record in layers:
        layer = record.item
        assert isinstance(layer, Layer)
        key = (layer.group.value, layer.position)
        if key in taken:
            problems.add(record.doc.path, record.doc.line_of(("position",)), f"position {layer.position} in group "
                         f"'{layer.group}' is also used by layer '{taken[key]}'")
        taken[key] = layer.id


def _check_tags(record: Loaded, problems: Problems) -> set[str]:
    seen: dict[str, int] = {}
    tags = record.item
    assert isinstance(tags, Tags)
    for index, tag in enumerate(tags.tags):
        if tag.id in seen:
            problems.add(record.doc.path, record.doc.line_of(("tags", index, "id")),
                         f"tag '{tag.id}' is listed twice (also item {seen[tag.id] + 1})")
        seen.setdefault(tag.id, index)
    return set(seen)


def _check_glossary(record: Loaded, problems: Problems, entry_ids: set[str]) -> None:
    seen: dict[str, int] = {}
    glossary = record.item
    assert isinstance(glossary, Glossary)
    for index, term in enumerate(glossary.terms):
        if term.entry:
            _ref(problems, record.doc, ("terms", index, "entry"), term.entry, entry_ids, "entry")
        if (problem := term_problem(term.term)) is not None:
            problems.add(record.doc.path, record.doc.line_of(("terms", index, "term")), problem)
        # Terms that differ only in case or punctuation ('C' and 'C++') would share their anchor.
        key = term_anchor(term.term)
        if key in seen:
            first = glossary.terms[seen[key]].term
            problem = f"term '{term.term}' is defined twice (also item {seen[key] + 1})" \
                if first.lower() == term.term.lower() else \
                f"term '{term.term}' would share its glossary anchor (#{key}) with '{first}' (item {seen[key] + 1}); " \
                "reword one of the two"
            problems.add(record.doc.path, record.doc.line_of(("terms", index, "term")), problem)
        seen.setdefault(key, index)


# -- lifecycle --------------------------------------------------------------------------------------

def lifecycle_problems(entry: Entry, today: dt.date) -> Iterator[tuple[Loc, str]]:
    """Rules no single event can show: order, dates, renames and what replaces a closed entry."""
    previous: str | None = None
    launches = 0
    for index, event in enumerate(entry.lifecycle):
        loc: Loc = ("lifecycle", index)
        kind = event.event
        if previous is not None and first_day(event.date) < first_day(previous):
            yield (*loc, "date"), (f"lifecycle.{index}: dated {event.date}, before the event above it "
                                   f"({previous}); list events oldest first")
        previous = event.date
        if first_day(event.date) > today and kind is not EventKind.END_OF_SUPPORT:
            yield (*loc, "date"), (f"lifecycle.{index}: a '{kind}' event dated {event.date} is in the future; only "
                                   "an announced end-of-support may be")
        if kind is EventKind.END_OF_SUPPORT and len(event.date) < len("YYYY-MM-DD") and last_day(event.date) >= today:
            # Pages and feeds turn an end into 'ended' on its first day: a month's first is too soon.
            yield (*loc, "date"), (f"lifecycle.{index}: an end of support still to come gives its day (YYYY-MM-DD), "
                                   f"as AWS announces it; with {event.date} alone, the site cannot tell when it ends")
        if event.announced is not None and kind is not EventKind.END_OF_SUPPORT:
            yield (*loc, "announced"), f"lifecycle.{index}: 'announced' belongs to an end-of-support event"
        if event.announced is not None and (first_day(event.announced) > today
                                            or first_day(event.announced) > first_day(event.date)):
            yield (*loc, "announced"), (f"lifecycle.{index}.announced: {event.announced} must be neither in the "
                                        "future nor after the end of support")
        renamed = kind is EventKind.RENAMED
        if renamed and (event.from_name is None or event.to_name is None):
            yield loc, f"lifecycle.{index}: a 'renamed' event gives the old and the new name as from: and to:"
        if not renamed and (event.from_name is not None or event.to_name is not None):
            yield loc, f"lifecycle.{index}: from: and to: belong to a 'renamed' event"
        if renamed and event.from_name is not None and event.from_name == event.to_name:
            yield loc, f"lifecycle.{index}: from: and to: are the same name"
        if renamed and event.feature is None and event.from_name and event.from_name not in entry.previous_names:
            yield (*loc, "from"), (f"lifecycle.{index}.from: '{event.from_name}' is not listed in previous_names; "
                                   "add it there so a search for the old name finds this page")
        if kind is EventKind.REPLACED and not event.successor:
            yield loc, f"lifecycle.{index}: a 'replaced-by' event names its successor (an entry id)"
        if kind in (EventKind.LAUNCHED, EventKind.GENERALLY_AVAILABLE) and event.successor:
            yield (*loc, "successor"), f"lifecycle.{index}: a '{kind}' event has no successor"
        if kind is EventKind.LAUNCHED and event.feature is None:
            launches += 1
            if launches > 1:
                yield loc, f"lifecycle.{index}: the service was launched once; use another event for this change"
    renames = [event for event in entry.lifecycle if event.event is EventKind.RENAMED and event.feature is None]
    if renames and renames[-1].to_name is not None and renames[-1].to_name != entry.name:
        at = entry.lifecycle.index(renames[-1])
        yield ("lifecycle", at, "to"), (f"lifecycle.{at}.to: the last rename gives '{renames[-1].to_name}', but "
                                        f"the entry's name is '{entry.name}'")
    now = status(entry, today)
    if not now.active and now.successor is None and entry.instead is None:
        yield ("lifecycle",), (f"this entry is {now.label.lower()}{' and ending' if now.ends else ''} and names no "
                               "successor: name one on the event (successor: <entry id>), or say in one sentence "
                               "why nothing replaces it, with the alternatives (instead:)")
    if now.active and entry.instead is not None:
        yield ("instead",), "instead: is for an entry that is closing or gone; this one is active, so remove it"


def _check_repeated_dates(pages: list[Loaded], fields: dict[int, list[tuple[Loc, Markdown]]],
                          problems: Problems) -> None:
    """Prose may repeat a lifecycle date only as the events give it (stackguide.consistency)."""
    names = Names(record.item for record in pages if isinstance(record.item, Entry))
    for record in pages:
        item = record.item
        owner = item if isinstance(item, Entry) else None
        texts: list[tuple[Loc, str | Markdown]] = [(("summary",), getattr(item, "summary", ""))]
        texts += fields[id(item)]
        for loc, text in texts:
            for drift in drifts(text, names, owner):
                problems.add(record.doc.path, record.doc.line_of(loc), drift.message(_field(loc)))


def _check_vocabulary(record: Loaded, problems: Problems, pages: list[Loaded], page_ids: set[str], *,
                      terms: bool) -> None:
    """Every term a vocabulary entry means is declared by some page; every page id exists."""
    vocabulary = record.item
    assert isinstance(vocabulary, Vocabulary)
    declared = {term.lower() for page in pages if isinstance(page.item, PageRecord)
                for term in page.item.declared_terms()}
    for index, meaning in enumerate(vocabulary.words):
        for number, term in enumerate(meaning.means):
            if terms and term.lower() not in declared:
                hint = closest(term.lower(), sorted(declared))
                problems.add(record.doc.path, record.doc.line_of(("words", index, "means", number)),
                             f"no page declares '{term}' as its name, earlier name, abbreviation or keyword"
                             + (f" (did you mean '{hint}'?)" if hint else "; name the page under `pages`"))
        for number, page_id in enumerate(meaning.pages):
            _ref(problems, record.doc, ("words", index, "pages", number), page_id, page_ids, "page")


# -- drafts -----------------------------------------------------------------------------------------

def _check_drafts(doc: Document, problems: Problems) -> None:
    """A value that still says TODO may be previewed but not published."""
    if DRAFT_MARK not in doc.text and "\\" not in doc.text:  # only an escape can spell it otherwise
        return
    for node in _scalars(doc.root):
        if DRAFT_MARK in str(node.value):
            problems.add(doc.path, node.start_mark.line + 1, f"still says {DRAFT_MARK}: write the real text "
                         "(mkdocs serve previews drafts; mkdocs build refuses them)")


def _scalars(node: yaml.Node) -> Iterator[yaml.ScalarNode]:
    if isinstance(node, yaml.ScalarNode):
        yield node
    elif isinstance(node, yaml.MappingNode):
        for _, value in node.value:
            yield from _scalars(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _scalars(item)
