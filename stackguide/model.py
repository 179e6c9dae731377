"""Typed, frozen model of everything under data/: the one schema (editor schemas are generated from it).

Plain-text fields are checked as one line of text; Markdown fields are parsed into the small subset
of stackguide.markup. Fields marked as claims must cite a source of their own file with [^id].
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    WithJsonSchema,
    model_validator,
)
from pydantic import Strict as NoCoercion
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

from stackguide.markup import ID_MAX, ID_PATTERN, Markdown, parse_markdown, plain_text_problem, url_problem

# Bumped when the shape of catalog.json or of a data file changes incompatibly.
SCHEMA_VERSION = 3

MARKDOWN_BUDGET = "markdown_budget"  # validation context: the file's stackguide.mdparse.Budget
MARKDOWN_OWNER = "markdown_owner"  # validation context: the id of the entry whose facts [=fact-id] names
SUMMARY_MAX = 160  # fits a search-result snippet and a meta description
_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
PARTIAL_DATE_PATTERN = _PARTIAL_DATE.pattern  # YYYY, YYYY-MM or YYYY-MM-DD, for JSON Schemas
TERM_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9 .+/-]{0,19}$"
# What each pattern asks, in words: a mismatch is reported with these rather than the expression.
PATTERN_RULES = {ID_PATTERN: "use lower-case words joined by hyphens, e.g. amazon-polly",
                 TERM_PATTERN: "a term is at most 20 letters, digits, spaces and . + / -, and starts with a letter "
                               "or digit"}
YEARS = range(1900, 2101)  # a date outside them is a typo; the feeds and calendars cannot write some of them


# -- field types ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class PlainText:
    """Annotation: one line of plain text, shown exactly as written."""

    max_length: int
    description: str = ""

    def check(self, text: str) -> str:
        if (problem := plain_text_problem(text, self.max_length)) is not None:
            raise PydanticCustomError("plain_text", problem)
        return text

    def __get_pydantic_core_schema__(self, source: type, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.no_info_after_validator_function(self.check, handler(source))

    def __get_pydantic_json_schema__(self, schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        json = handler(schema)
        json["description"] = self.description or f"Plain text, one line, at most {self.max_length} characters."
        return json


@dataclass(frozen=True)
class MarkdownText:
    """Annotation: Markdown in the documented subset; a claim must cite its sources with [^source-id]."""

    max_length: int
    claim: bool = False
    single: bool = False  # one paragraph: a list item, a table cell or one claim

    def parse(self, value: object, info: core_schema.ValidationInfo) -> Markdown:
        if isinstance(value, Markdown):
            return value
        if not isinstance(value, str):
            raise PydanticCustomError("markdown_type", "must be text (Markdown)")
        context = info.context if isinstance(info.context, dict) else {}
        return parse_markdown(value, self.max_length, claim=self.claim, single=self.single,
                              budget=context.get(MARKDOWN_BUDGET), owner=context.get(MARKDOWN_OWNER))

    def __get_pydantic_core_schema__(self, source: type, handler: GetCoreSchemaHandler) -> CoreSchema:
        as_text = core_schema.plain_serializer_function_ser_schema(str, return_schema=core_schema.str_schema())
        return core_schema.with_info_plain_validator_function(self.parse, serialization=as_text)

    def __get_pydantic_json_schema__(self, schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        what = "Markdown"
        if self.claim:
            what = "A claim in Markdown that cites its sources, e.g. 'Retired in 2023 [^attic].'"
        return {"type": "string", "description": f"{what}; at most {self.max_length} characters. [=fact-id] or "
                "[=entry-id:fact-id] shows an entry's fact (see facts)."}


def _url(text: str) -> str:
    if (problem := url_problem(text)) is not None:
        raise PydanticCustomError("url", "'{url}' {problem}", {"url": text, "problem": problem})
    return text


def _partial_date(value: object) -> str:
    text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    if not isinstance(text, str) or not _PARTIAL_DATE.fullmatch(text):
        raise PydanticCustomError("partial_date", "'{value}' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD",
                                  {"value": value})
    try:
        dt.date.fromisoformat((text + "-01-01")[:10] if len(text) < 10 else text)
    except ValueError:
        raise PydanticCustomError("partial_date", "'{value}' is not a real calendar date", {"value": text}) from None
    _check_year(int(text[:4]), text)
    return text


def _check_year(year: int, text: str) -> None:
    if year not in YEARS:
        raise PydanticCustomError("year", "'{value}' is outside the years {first} to {last}",
                                  {"value": text, "first": YEARS[0], "last": YEARS[-1]})


def _date(value: object) -> object:
    """A day written YYYY-MM-DD, and nothing else: pydantic alone would also take 0 or '86400' (as a
    time in 1970) and a date with a time of day. The calendar is pydantic's to check."""
    if isinstance(value, str) and _DAY.fullmatch(value):
        _check_year(int(value[:4]), value)
        return value
    if type(value) is dt.date:
        _check_year(value.year, value.isoformat())
        return value
    raise PydanticCustomError("day", "'{value}' is not a date of the form YYYY-MM-DD", {"value": str(value)[:40]})


def _one_or_many(value: object) -> object:
    return [value] if isinstance(value, str) else value


Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=ID_MAX)]
# A page's address is a contract (docs/stable-links.md): a file renamed, or merged into another
# page, names its old ids here and each old address leads to the page (stackguide.moved).
FORMER_IDS = ("Ids this page was published under before, in the same folder: files renamed to this one or merged "
              "into it. Each old address keeps working and leads here.")
Url = Annotated[str, AfterValidator(_url)]
# A bare year (2017) reads as a number in YAML; accept it as the year it is.
PartialDate = Annotated[str, BeforeValidator(_partial_date),
                        WithJsonSchema({"type": ["string", "integer"], "description": "YYYY, YYYY-MM or YYYY-MM-DD"},
                                       mode="validation"),
                        # what catalog.json writes: always text
                        WithJsonSchema({"type": "string", "pattern": _PARTIAL_DATE.pattern,
                                        "description": "YYYY, YYYY-MM or YYYY-MM-DD"}, mode="serialization")]
Cites = Annotated[list[Id], BeforeValidator(_one_or_many), Field(min_length=1)]
Date = Annotated[dt.date, BeforeValidator(_date),  # "format": "date" alone only annotates (JSON Schema 2020-12)
                 WithJsonSchema({"type": "string", "format": "date", "pattern": f"^{_DAY.pattern}$"})]
# YAML reads true, false and numbers itself: a quoted "yes" or "3" is text, not a flag or a number.
Flag = Annotated[bool, NoCoercion()]
Number = Annotated[int, NoCoercion()]

Name = Annotated[str, PlainText(80)]
Line = Annotated[str, PlainText(160)]
Summary = Annotated[str, PlainText(SUMMARY_MAX, "One plain line: the page's meta description, search snippet "
                                                 "and card text.")]


class Strict(BaseModel):
    """Base for every data model: unknown keys are errors and objects never change."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# -- sources and claims ---------------------------------------------------------------------------

class Source(Strict):
    """A page read to check the claims that cite it."""

    id: Id = Field(description="Short name the claims cite as [^id]; unique in this file.")
    title: Annotated[str, PlainText(200, "The page's own title, and where it is published if the title does not say.")]
    url: Url
    checked: Date = Field(description="When the page was last read to check the claims citing it.")


class EventKind(StrEnum):
    """What can happen to a service in its life, in the words AWS's notices use."""

    LAUNCHED = "launched"  # announced or opened in preview
    GENERALLY_AVAILABLE = "generally-available"
    RENAMED = "renamed"  # from: the old name, to: the new one
    CLOSED = "closed-to-new-customers"  # existing customers may go on using it
    MAINTENANCE = "maintenance"  # no new features; kept running
    END_OF_SUPPORT = "end-of-support"  # the day support ends, announced ahead: may lie in the future
    RETIRED = "retired"
    REPLACED = "replaced-by"  # AWS points to another service that does the same job


class Event(Strict):
    """One dated change in an entry's life, with its citation; `feature` limits it to a part."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    event: EventKind
    date: PartialDate = Field(description="When it happened, or (end-of-support) the day support ends.")
    feature: Name | None = Field(None, description="Only this part of the service changed (e.g. 'IDE plugins'); "
                                                   "the service's own state is unchanged.")
    from_name: Name | None = Field(None, alias="from", description="renamed: the name before.")
    to_name: Name | None = Field(None, alias="to", description="renamed: the name after.")
    successor: Id | None = Field(None, description="Id of the entry AWS points to instead (for an open-source "
                                                    "project that names none, the guide's advice).")
    announced: PartialDate | None = Field(None, description="end-of-support: when AWS announced it.")
    by: Flag = Field(False, description="The day is not published: the sources show only that it had happened "
                                        "by this date.")
    reported: Flag = Field(False, description="Only secondary sources report it (AWS's own notice could not be "
                                              "read); the page says so beside the date.")
    cite: Cites


class State(StrEnum):
    """Where an entry stands on a day, derived from its lifecycle events; in the order a reader
    scans a list: what to use first, what is gone last."""

    ACTIVE = "active"
    RENAMED = "renamed"
    CLOSED = "closed"  # closed to new customers
    MAINTENANCE = "maintenance"
    SUPERSEDED = "superseded"
    RETIRED = "retired"


class Verdict(StrEnum):
    """How a customer-story claim from the notes held up when checked."""

    VERIFIED = "verified"
    UNVERIFIED = "unverified"
    CONTRADICTED = "contradicted"
    DATED = "dated"


class StoryClaim(Strict):
    text: Annotated[Markdown, MarkdownText(400, single=True)] = Field(
        description="The claim; cite its source with [^id] unless it is unverified.")
    verdict: Verdict


class Story(Strict):
    """A customer story the notes name, with a verdict on each of its claims."""

    name: Name
    summary: Annotated[Markdown, MarkdownText(1000)]
    claims: list[StoryClaim] = Field(min_length=1)


class OfficialLink(Strict):
    """An official page about an entry (its product page, documentation, repository)."""

    title: Annotated[str, PlainText(120)]
    url: Url


class Watch(Strict):
    """A feed that announces changes to an entry; `make watch` reads it (stackguide.watchrules says which)."""

    feed: Url = Field(description="The feed's https address: the AWS guide's document-history RSS, the What's New "
                                  "feed, or the project's GitHub releases.atom or tags.atom.")
    match: list[Annotated[str, PlainText(60)]] = Field(
        [], description="For a shared feed such as What's New: words an item's title must all contain.")


class Fact(Strict):
    """A value that moves by nature (a latest version, a count), written once and rendered wherever it appears."""

    id: Id = Field(description="Short name of the fact; unique in this file.")
    label: Annotated[str, PlainText(60, "What the value is, e.g. 'Latest release'.")]
    value: Annotated[str, PlainText(80, "The value as of as_of, e.g. '2.33.0'.")]
    as_of: Date = Field(description="When the value was read from the cited source.")
    cite: Id = Field(description="Id of the source of this file that states the value.")
    watch: Url | None = Field(None, description="The feed among this entry's watches that moves the value.")


# -- the page families' models ---------------------------------------------------------------------
# A page model has an id, a summary, sources and a reviewed date, and says what readers call a
# page (display_name); PageModel gives the rest unless the model says otherwise.

Loc = tuple[str | int, ...]  # where a value is in its file: keys and list indexes


def field_claims(fields: list[tuple[Loc, Markdown]]) -> Iterator[tuple[Loc, tuple[str, ...]]]:
    """Markdown fields that are claims (they must cite) or that cite anyway, with their citations."""
    for loc, value in fields:
        if value.claim or value.citations:
            yield loc, value.citations


class PageModel:
    """What every page model answers, with the answers most give."""

    @property
    def display_name(self) -> str:
        """What readers call it: the page title, nav entry and link text."""
        raise NotImplementedError

    def own_names(self) -> list[str]:
        """The names search finds it by first: its display name, unless the model has more."""
        return [self.display_name]

    def old_ids(self) -> list[str]:
        """The ids it was published under before (former_ids), for a model that has them."""
        return list(getattr(self, "former_ids", []))

    def declared_terms(self) -> list[str]:
        """The terms it declares, which the vocabulary may name: its own names and any keywords."""
        return [*self.own_names(), *getattr(self, "keywords", [])]

    def claims(self, fields: list[tuple[Loc, Markdown]]) -> Iterator[tuple[Loc, tuple[str, ...]]]:
        """Each claim with the sources it cites (`fields`: its Markdown fields); () for one that cites none."""
        return field_claims(fields)


class Entry(Strict, PageModel):
    """One service, framework, engine, instance family or Amazon use case; its folder says which."""

    id: Id = Field(description="Equals the file name without .yaml; part of the page URL.")
    name: Name
    layer: Id = Field(description="Id of a layer in data/layers/.")
    summary: Summary
    description: Annotated[Markdown, MarkdownText(2000, claim=True)] = Field(
        description="What it is, in plain words, citing its sources.")
    capabilities: list[Annotated[Markdown, MarkdownText(400, claim=True, single=True)]] = Field(min_length=1)
    notes_say: Annotated[Markdown, MarkdownText(1000)] | None = Field(
        None, description="What the 2017 source notes say about it; omit if absent.")
    lifecycle: list[Event] = Field([], description="Dated events, oldest first; the state shown is derived "
                                                   "from them and the day of the build.")
    today: Annotated[Markdown, MarkdownText(1200, claim=True)] = Field(
        description="The situation today, citing its sources.")
    instead: Annotated[Markdown, MarkdownText(400, single=True)] | None = Field(
        None, description="For an entry that is not active and names no successor: one sentence on why nothing "
                          "replaces it, with the alternatives (the guide's advice; cite what it states as fact).")
    previous_names: list[Name] = []
    abbreviations: list[Annotated[str, PlainText(20)]] = Field(
        [], description="Short names readers search for, e.g. DLAMI.")
    keywords: list[Annotated[str, PlainText(60)]] = Field([], description="Words and synonyms a newcomer would type.")
    questions: list[Line] = Field([], description="Task-phrased questions this page answers first.")
    stories: list[Story] = []
    related: list[Id] = []
    links: list[OfficialLink] = Field(min_length=1, description="Official pages.")
    facts: list[Fact] = Field([], description="Values that move by nature, each with its date, source and feed.")
    watches: list[Watch] = Field([], description="Feeds that announce this entry's changes.")
    sources: list[Source] = Field(min_length=1, description="Pages read to check the claims; cite them as [^id].")
    reviewed: Date = Field(description="When the whole entry was last reviewed.")
    tags: list[Id] = []
    former_ids: list[Id] = Field([], description=FORMER_IDS)

    @property
    def display_name(self) -> str:
        """What readers call it: the page title, nav entry and link text."""
        return self.name

    def own_names(self) -> list[str]:
        """Its name first, then earlier names and abbreviations."""
        return [self.name, *self.previous_names, *self.abbreviations]

    def claims(self, fields: list[tuple[Loc, Markdown]]) -> Iterator[tuple[Loc, tuple[str, ...]]]:
        """Its Markdown claims, each lifecycle event and each fact, with the sources they cite."""
        yield from field_claims(fields)
        for index, event in enumerate(self.lifecycle):
            yield ("lifecycle", index, "cite"), tuple(event.cite)
        for index, fact in enumerate(self.facts):
            yield ("facts", index, "cite"), (fact.cite,)


class Group(StrEnum):
    """Where a layer sits on the home diagram and in the top navigation, in that order."""

    STACK = "stack"
    DATA_STORE = "data-store"
    AMAZON = "amazon"


class Layer(Strict, PageModel):
    """A layer of the stack, or a data-store or Amazon topic that groups entries."""

    id: Id
    name: Name
    group: Group
    position: Number = Field(ge=1, le=99, description="Order within the group; stack layers count from the bottom.")
    summary: Summary
    description: Annotated[Markdown, MarkdownText(2000)]
    notes_say: Annotated[Markdown, MarkdownText(1000)] | None = None
    today: Annotated[Markdown, MarkdownText(2000, claim=True)] = Field(
        description="What changed since the notes, citing sources.")
    sources: list[Source] = Field(min_length=1)
    reviewed: Date
    former_ids: list[Id] = Field([], description=FORMER_IDS)

    @property
    def display_name(self) -> str:
        """What readers call it: the page title, nav entry and link text."""
        return self.name

    @property
    def noun(self) -> str:
        """What the pages call it: a layer of the stack, or a topic of the data store or of Amazon."""
        return "layer" if self.group is Group.STACK else "topic"

    @property
    def first_list_anchor(self) -> str | None:
        """The id the first published pages gave that list, where it differs: "In this section"
        outside the data store. Links made then still land on the list."""
        return None if self.group is Group.DATA_STORE else "in-this-section"

    @property
    def list_anchor(self) -> str:
        """The anchor of its page's list of entries, "In this layer" (a stable deep link)."""
        return f"in-this-{self.noun}"


class Column(Strict):
    key: Id
    title: Annotated[str, PlainText(60)]


class Row(Strict):
    entry: Id = Field(description="Id of the entry this row describes; its name, link and status come from it.")
    cells: dict[str, Annotated[Markdown, MarkdownText(400, single=True)]] = Field(
        description="One Markdown text per column key; the row cites its sources in at least one cell.")


class Comparison(Strict, PageModel):
    """A table that helps readers choose between entries; one page per file."""

    id: Id
    title: Annotated[str, PlainText(120)]
    summary: Summary
    intro: Annotated[Markdown, MarkdownText(1500)]
    show_status: Flag = Field(True, description="Add each entry's current status as a column.")
    keywords: list[Annotated[str, PlainText(60)]] = Field([], description="Words and synonyms a newcomer would type.")
    questions: list[Line] = Field([], description="Task-phrased questions this page answers first.")
    columns: list[Column] = Field(min_length=1, max_length=8)
    rows: list[Row] = Field(min_length=2)
    sources: list[Source] = Field(min_length=1)
    reviewed: Date
    former_ids: list[Id] = Field([], description=FORMER_IDS)

    @property
    def display_name(self) -> str:
        """What readers call it: the page title, nav entry and link text."""
        return self.title

    def claims(self, fields: list[tuple[Loc, Markdown]]) -> Iterator[tuple[Loc, tuple[str, ...]]]:
        """A row is one claim, cited in any of its cells; other fields count when they cite."""
        for index, row in enumerate(self.rows):
            yield ("rows", index), tuple(cite for cell in row.cells.values() for cite in cell.citations)
        yield from field_claims([(loc, value) for loc, value in fields if loc[0] != "rows"])


# -- single files ---------------------------------------------------------------------------------

class Term(Strict):
    term: Annotated[str, Field(pattern=TERM_PATTERN,
                               description="The abbreviation as written in text, at most 20 characters.")]
    expansion: Name
    definition: Annotated[Markdown, MarkdownText(600)]
    entry: Id | None = None


class Glossary(Strict):
    terms: list[Term] = Field(min_length=1)


class TagDef(Strict):
    id: Id
    description: Line


class Tags(Strict):
    """The allowed tags: an entry's tags must be listed here."""

    tags: list[TagDef] = Field(min_length=1)


class Step(Strict):
    page: Id = Field(description="Id of an entry, layer or comparison.")
    why: Line


class Day(Strict):
    title: Name
    goal: Annotated[str, PlainText(200)]
    steps: list[Step] = Field(min_length=1)


class Onboarding(Strict):
    days: list[Day] = Field(min_length=1)


class Meaning(Strict):
    """Words newcomers type, and the pages they mean."""

    say: list[Annotated[str, PlainText(60)]] = Field(
        min_length=1, description="Everyday words, abbreviations, vendor or model names, as a newcomer types them.")
    means: list[Name] = Field(
        [], description="Terms of the guide: a name, earlier name, abbreviation or keyword that some page declares. "
                        "Every page that declares one is found by the words under `say`.")
    pages: list[Id] = Field(
        [], description="Ids of pages these words find when no declared term fits: an entry, layer or comparison, "
                        "or one of the guide pages onboarding, catalog, changes, glossary.")

    @model_validator(mode="after")
    def _names_a_page(self) -> Meaning:
        if not self.means and not self.pages:
            raise ValueError("give `means` (terms pages declare) or `pages` (page ids), or both")
        return self


class Vocabulary(Strict):
    """Everyday words mapped to the guide's terms, applied when the search index is built."""

    words: list[Meaning] = Field(min_length=1)


PageRecord = Entry | Layer | Comparison  # every model that gets a generated page (see stackguide.families)
Record = PageRecord | Glossary | Tags | Onboarding | Vocabulary
