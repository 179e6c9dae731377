"""Typed, frozen model of the catalog: the one schema for everything under data/."""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

# Bumped when the shape of catalog.json or of a data file changes incompatibly.
SCHEMA_VERSION = 1

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SUMMARY_MAX = 160  # fits a search-result snippet and a meta description


class Kind(StrEnum):
    """What an entry is; each kind has its own folder under data/ and URL prefix."""

    SERVICE = "service"
    FRAMEWORK = "framework"
    ENGINE = "engine"
    INSTANCE_FAMILY = "instance-family"
    USE_CASE = "use-case"


# Folder under data/ and first URL segment of each kind: the public link contract.
KIND_FOLDERS: dict[Kind, str] = {
    Kind.SERVICE: "services",
    Kind.FRAMEWORK: "frameworks",
    Kind.ENGINE: "engines",
    Kind.INSTANCE_FAMILY: "instances",
    Kind.USE_CASE: "use-cases",
}
LAYER_FOLDER = "layers"
COMPARISON_FOLDER = "comparisons"


class Group(StrEnum):
    """Where a layer sits on the home diagram and in the top navigation."""

    STACK = "stack"
    DATA_STORE = "data-store"
    AMAZON = "amazon"


class State(StrEnum):
    ACTIVE = "active"
    SUPERSEDED = "superseded"
    RETIRED = "retired"
    RENAMED = "renamed"


class Verdict(StrEnum):
    """How a customer-story claim from the notes held up when checked."""

    VERIFIED = "verified"
    UNVERIFIED = "unverified"
    CONTRADICTED = "contradicted"
    DATED = "dated"


_HTML_TAG = re.compile(r"<\s*[A-Za-z!/?]")
_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _no_html(text: str) -> str:
    if _HTML_TAG.search(text):
        raise ValueError("raw HTML is not allowed here; write plain text or Markdown")
    return text


def _one_line(text: str) -> str:
    if "\n" in text.strip():
        raise ValueError("must be a single line")
    return text.strip()


def _url(text: str) -> str:
    parts = urlsplit(text)
    if parts.scheme not in ("https", "http") or not parts.netloc or re.search(r"\s", text):
        raise ValueError(f"'{text}' is not an absolute http(s) URL")
    return text


def _partial_date(text: str) -> str:
    if not _PARTIAL_DATE.match(text):
        raise ValueError(f"'{text}' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    padded = (text + "-01-01")[:10] if len(text) < 10 else text
    try:
        dt.date.fromisoformat(padded)
    except ValueError:
        raise ValueError(f"'{text}' is not a real calendar date") from None
    return text


Text = Annotated[str, Field(min_length=1), AfterValidator(_no_html)]
Line = Annotated[Text, AfterValidator(_one_line)]
Summary = Annotated[Line, Field(max_length=SUMMARY_MAX)]
Id = Annotated[str, Field(pattern=ID_PATTERN)]
Tag = Annotated[str, Field(pattern=ID_PATTERN)]
Url = Annotated[str, AfterValidator(_url)]
# A bare year (2017) reads as a number in YAML; accept it as the year it is.
PartialDate = Annotated[str, BeforeValidator(lambda v: str(v) if isinstance(v, int) and not isinstance(v, bool) else v),
                        AfterValidator(_partial_date)]


class Strict(BaseModel):
    """Base for every data model: unknown keys are errors and objects never change."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Link(Strict):
    title: Line
    url: Url


class Status(Strict):
    """Where a thing stands today; anything but active must say when and what next."""

    state: State
    date: PartialDate | None = Field(None, description="When the state began (YYYY, YYYY-MM or YYYY-MM-DD).")
    note: Text = Field(description="The situation today in one or two sentences, in your own words.")
    successor: Id | None = Field(None, description="Id of the entry that replaces this one.")

    @model_validator(mode="after")
    def _dated_unless_active(self) -> Status:
        if self.state is not State.ACTIVE and self.date is None:
            raise ValueError(f"a '{self.state}' status needs a date (when did it happen?)")
        return self


class Claim(Strict):
    text: Line
    verdict: Verdict
    source: Url | None = None

    @model_validator(mode="after")
    def _verified_has_source(self) -> Claim:
        if self.verdict is not Verdict.UNVERIFIED and self.source is None:
            raise ValueError(f"a '{self.verdict}' claim needs a source URL")
        return self


class Story(Strict):
    """A customer story the notes name, with a verdict on each of its claims."""

    name: Line
    summary: Text
    claims: list[Claim] = Field(min_length=1)


class Entry(Strict):
    """One service, framework, engine, instance family or Amazon use case."""

    id: Id = Field(description="Equals the file name without .yaml; part of the page URL.")
    name: Line
    kind: Kind
    layer: Id = Field(description="Id of a layer in data/layers/.")
    summary: Summary = Field(description="One plain line: the page's meta description and card text.")
    description: Text = Field(description="What it is, in plain words (Markdown).")
    capabilities: list[Line] = Field(min_length=1)
    notes_say: Text | None = Field(None, description="What the 2017 source notes say about it; omit if absent.")
    status: Status
    launched: PartialDate | None = None
    previous_names: list[Line] = []
    abbreviations: list[Line] = Field([], description="Short names readers search for, e.g. DLAMI.")
    keywords: list[Line] = Field([], description="Words a newcomer would type to find this page.")
    stories: list[Story] = []
    related: list[Id] = []
    links: list[Link] = Field(min_length=1, description="Official pages.")
    sources: list[Url] = Field(min_length=1, description="URLs read to check this entry.")
    reviewed: dt.date
    tags: list[Tag] = []


class Layer(Strict):
    """A layer of the stack, or a data-store or Amazon topic that groups entries."""

    id: Id
    name: Line
    group: Group
    position: int = Field(ge=1, description="Order within the group; stack layers count from the bottom.")
    summary: Summary
    description: Text
    notes_say: Text | None = None
    today: Text = Field(description="What changed since the notes, in a few sentences.")
    sources: list[Url] = Field(min_length=1)
    reviewed: dt.date


class Column(Strict):
    key: Id
    title: Line


class Row(Strict):
    entry: Id = Field(description="Id of the entry this row describes; its name, link and status come from it.")
    cells: dict[str, Text] = Field(description="One text per column key.")


class Comparison(Strict):
    """A table that helps readers choose between entries; one page per file."""

    id: Id
    title: Line
    summary: Summary
    intro: Text
    show_status: bool = Field(True, description="Add each entry's current status as a column.")
    columns: list[Column] = Field(min_length=1)
    rows: list[Row] = Field(min_length=2)
    sources: list[Url] = Field(min_length=1)
    reviewed: dt.date

    @model_validator(mode="after")
    def _cells_match_columns(self) -> Comparison:
        keys = [column.key for column in self.columns]
        for row in self.rows:
            if sorted(row.cells) != sorted(keys):
                raise ValueError(f"row '{row.entry}' must have exactly the cells {', '.join(keys)}")
        return self


class Term(Strict):
    term: Annotated[Line, Field(max_length=20)]
    expansion: Line
    definition: Text
    entry: Id | None = None


class TagDef(Strict):
    id: Tag
    description: Line


class Tags(Strict):
    """The allowed tags: an entry's tags must be listed here."""

    tags: list[TagDef] = Field(min_length=1)


class Glossary(Strict):
    terms: list[Term] = Field(min_length=1)


class Step(Strict):
    page: Id = Field(description="Id of an entry or layer.")
    why: Line


class Day(Strict):
    title: Line
    goal: Line
    steps: list[Step] = Field(min_length=1)


class Onboarding(Strict):
    days: list[Day] = Field(min_length=1)
