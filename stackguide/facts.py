"""Watches and structured facts: the loader's checks, and the one rule that keeps prose in step with facts.

A fact that moves by nature (a latest version, say) is written once, as a structured value of its
entry. A hand-written sentence anywhere in data/ that repeats it with another value is refused:

    A sentence REPEATS a fact when it (1) is in the fact's own entry file or names that entry (its
    name, its name without a leading "Amazon " or "AWS ", an abbreviation or a previous name),
    (2) contains every word of the fact's label (ignoring case and a plural "s"; short words such as
    "of" are skipped; "version" and "released" count as "release", "newest" as "latest"), and (3)
    contains a version-shaped token (digits joined by dots: 2.33.0, 7.14). It CONFLICTS when the
    fact's value has a version-shaped token and none of the sentence's tokens equals it; the message
    names the sentence's tokens shaped like the value's (as many dots), or all of them.

Sentences are split at '.', '!' or '?' followed by a space, in the text a reader sees (citations left out).

Prose shows a fact with a reference, [=fact-id] in the entry's own file or [=entry-id:fact-id]
anywhere; the page renders the value with its date. So a hand-written moving value is refused too:
a date such as "as of November 2026", or "latest" or "newest" next to a version, outside a reference.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

from stackguide.errors import Problems
from stackguide.markup import Markdown
from stackguide.model import Entry, Fact
from stackguide.sources import SHARED_FEEDS, feed_problem

if TYPE_CHECKING:
    from stackguide.load import Loaded
    from stackguide.resolve import Loc
    from stackguide.yamlsource import Document

# Every entry must name at least one feed; on since every entry file has its watches (tests switch it off).
WATCHES_REQUIRED = True

VERSION = re.compile(r"(?<![\w.])v?(\d+(?:\.\d+)+)(?![\w])")
_VERSION_CORE = re.compile(r"\d\.\d")  # in every version; found faster (VERSION's look-behind is tried everywhere)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"[a-z0-9]+")
_SHORT = {"a", "an", "as", "at", "by", "for", "in", "is", "of", "on", "the", "to"}
_SAME = {"version": "release", "released": "release", "newest": "latest"}  # words a label may be written with


@lru_cache(maxsize=8192)  # the same sentences are read again on every preview rebuild
def versions(text: str) -> frozenset[str]:
    """The version-shaped tokens of a text, without a leading 'v'."""
    if not _VERSION_CORE.search(text):  # most texts hold none
        return frozenset()
    return frozenset(match.group(1).rstrip(".") for match in VERSION.finditer(text))


def _words(text: str) -> list[str]:
    words = (word.removesuffix("s") for word in _WORD.findall(text.lower()))
    return [_SAME.get(word, word) for word in words]


def label_words(label: str) -> list[str]:
    return [word for word in _words(label) if word not in _SHORT]


def entry_names(entry: Entry) -> list[str]:
    """What a sentence may call an entry: name, short name, abbreviations and previous names."""
    short = re.sub(r"^(?:Amazon|AWS) ", "", entry.name)
    return sorted({entry.name, short, *entry.abbreviations, *entry.previous_names}, key=len, reverse=True)


def names_entry(sentence: str, names: list[str]) -> bool:
    return _names_pattern(tuple(names)).search(sentence) is not None


@lru_cache(maxsize=1024)
def _names_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    """Any of the names, each as a whole word."""
    return re.compile("|".join(rf"(?<!\w){re.escape(name)}(?!\w)" for name in names))


@lru_cache(maxsize=8192)
def sentences(text: str) -> tuple[str, ...]:
    return tuple(part for part in _SENTENCE_END.split(text) if part)


def conflict(sentence: str, fact: Fact, names: list[str] | None) -> str | None:
    """The tokens by which `sentence` contradicts `fact`, or None. `names` is None in the fact's own file."""
    return _conflict(sentence, versions(sentence), set(_words(sentence)), versions(fact.value),
                     label_words(fact.label), names)


def _conflict(sentence: str, found: frozenset[str], present: set[str], wanted: frozenset[str], label: list[str],
              names: list[str] | None) -> str | None:
    """`conflict` with the sentence's versions and words (`found`, `present`) worked out once."""
    if not wanted or not found or found & wanted or not all(word in present for word in label):
        return None
    if names is not None and not names_entry(sentence, names):
        return None
    shaped = {token for token in found if token.count(".") in {value.count(".") for value in wanted}}
    return ", ".join(sorted(shaped or found))


# -- the loader's checks --------------------------------------------------------------------------

def check_watches_and_facts(doc: Document, entry: Entry, problems: Problems, today: dt.date) -> None:
    feeds: set[str] = set()
    for index, watch in enumerate(entry.watches):
        loc: Loc = ("watches", index, "feed")
        if (problem := feed_problem(watch.feed)) is not None:
            problems.add(doc.path, doc.line_of(loc), f"watches.{index}.feed: '{watch.feed}' {problem}")
        if watch.feed in feeds:
            problems.add(doc.path, doc.line_of(loc), f"watches.{index}.feed: '{watch.feed}' is watched twice; "
                         "give one watch all its match words")
        if SHARED_FEEDS.fullmatch(watch.feed) and not watch.match:
            problems.add(doc.path, doc.line_of(loc), f"watches.{index}: a shared feed needs match: the words an "
                         f"item title must contain to be about this entry, e.g. [{entry.name}]")
        feeds.add(watch.feed)
    if WATCHES_REQUIRED and not entry.watches:
        problems.add(doc.path, doc.line_of(("sources",)), "missing watches: name at least one feed that announces "
                     "this entry's changes (see CONTRIBUTING.md, 'Watches and facts')")
    seen: set[str] = set()
    for index, fact in enumerate(entry.facts):
        if fact.id in seen:
            problems.add(doc.path, doc.line_of(("facts", index, "id")), f"fact id '{fact.id}' is used twice")
        seen.add(fact.id)
        if fact.as_of > today:
            problems.add(doc.path, doc.line_of(("facts", index, "as_of")), f"facts.{index}.as_of: {fact.as_of} is "
                         "in the future; give the date you read the value")
        if fact.watch is not None and fact.watch not in feeds:
            problems.add(doc.path, doc.line_of(("facts", index, "watch")), f"facts.{index}.watch: '{fact.watch}' "
                         "is not among this entry's watches; add it under watches or name one of them")


@dataclass
class _Known:
    fact: Fact
    owner: str  # the entry's file
    names: list[str]

    @cached_property
    def wanted(self) -> frozenset[str]:
        return versions(self.fact.value)

    @cached_property
    def label(self) -> list[str]:
        return label_words(self.fact.label)


def check_fact_references(records: list[Loaded], fields: Mapping[int, list[tuple[Loc, Markdown]]],
                          problems: Problems, broken: set[str]) -> None:
    """Every [=fact] reference in any file names a fact of an entry (references to files that failed
    on their own are not reported again)."""
    facts = {record.item.id: {fact.id for fact in record.item.facts}
             for record in records if isinstance(record.item, Entry)}
    for record in records:
        for loc, value in fields[id(record.item)]:
            for ref in value.facts:
                if ref.entry in broken:
                    continue
                known = facts.get(ref.entry)
                if known is None:
                    problem = f"names no entry '{ref.entry}'; write [=entry-id:fact-id] with an entry's id"
                elif ref.fact not in known:
                    whose = "this entry" if ref.local else ref.entry
                    listed = f"its facts: {', '.join(sorted(known))}" if known else "it has no facts: add one"
                    problem = f"names no fact '{ref.fact}' of {whose} ({listed})"
                else:
                    continue
                problems.add(record.doc.path, record.doc.line_of(loc, str(ref)),
                             f"{'.'.join(map(str, loc))}: fact reference '{ref}' {problem}")


_MONTH = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATED = re.compile(rf"\bas of (?:(?:{_MONTH}) )?\d{{4}}(?:-\d\d){{0,2}}\b", re.IGNORECASE)
_LATEST = re.compile(r"\b(?:latest|newest)\b", re.IGNORECASE)


@lru_cache(maxsize=8192)
def moving_value(sentence: str) -> tuple[str, str] | None:
    """A moving value written by hand in `sentence` (module docstring): what to quote, and the message."""
    if match := _dated(sentence):
        return match.group(0), (f"'{match.group(0)}' dates a value by hand; a value that moves is a fact (facts: "
                                "with value, as_of, cite and watch), shown with [=fact-id]")
    if (latest := _LATEST.search(sentence)) and (found := sorted(versions(sentence))):
        return found[0], (f"'{latest.group(0)}' next to '{found[0]}' gives a moving version by hand; make it a "
                          "fact (facts: with value, as_of, cite and watch) and write [=fact-id] where it goes")
    return None


def check_prose_values(pages: list[Loaded], fields: Mapping[int, list[tuple[Loc, Markdown]]],
                       problems: Problems) -> None:
    """Refuse hand-written sentences that repeat an entry's fact with another value, or that give a
    moving value by hand (module docstring); one message a sentence. The text is read with fact
    references left out: what they show is the fact. `fields` holds each page's Markdown fields,
    keyed by id() of the page."""
    known = [_Known(fact, record.doc.path, entry_names(record.item))  # only a version can be contradicted
             for record in pages if isinstance(record.item, Entry) for fact in record.item.facts
             if VERSION.search(fact.value)]
    for record in pages:
        for loc, text in _texts(record.item, fields[id(record.item)]):
            if not _may_move(text):
                continue
            for sentence in sentences(text):
                tokens = versions(sentence)  # most sentences give none: then no fact can be contradicted
                found = (_conflicting(sentence, tokens, known, record.doc.path) if tokens else None) \
                    or moving_value(sentence)
                if found is not None:
                    problems.add(record.doc.path, record.doc.line_of(loc, found[0]),
                                 f"{'.'.join(map(str, loc))}: {found[1]}")


@lru_cache(maxsize=8192)
def _may_move(text: str) -> bool:
    """False for a text without a version or a dated value: then none of its sentences has one
    (sentences are split at spaces, which no version or date holds), and none is looked at."""
    return bool(versions(text)) or _dated(text) is not None


def _dated(text: str) -> re.Match[str] | None:
    """_DATED's first match. Its 'of ' matches only o or O, f or F and a space (no other letter folds
    to them): where the lower-case text lacks 'of ', it cannot match (most texts; the search, with
    its leading \\b and ignoring case, tries every position)."""
    return _DATED.search(text) if "of " in text.lower() else None


def _conflicting(sentence: str, found: frozenset[str], known: list[_Known], path: str) -> tuple[str, str] | None:
    present = set(_words(sentence))
    for item in known:
        tokens = _conflict(sentence, found, present, item.wanted, item.label,
                           None if item.owner == path else item.names)
        if tokens is not None:
            return tokens.split(", ")[0], (f"'{tokens}' contradicts the fact '{item.fact.label}: {item.fact.value}' "
                                           f"of {item.owner}; write the value as the fact says, or update the fact")
    return None


def _texts(item: object, fields: list[tuple[Loc, Markdown]]) -> Iterator[tuple[Loc, str]]:
    """The hand-written prose of a page: its summary and every Markdown field, as a reader sees them
    (citations and fact references left out)."""
    if isinstance(summary := getattr(item, "summary", None), str):  # any page model's one-line summary
        yield ("summary",), summary
    for loc, value in fields:
        yield loc, value.plain()
