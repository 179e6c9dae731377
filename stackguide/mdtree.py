"""The Markdown subset as a tree: paragraphs and lists of text, code, emphasis, links, citations
and fact references."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Union

from stackguide.plaintext import ID

CITATION = re.compile(r"\[\^([^\]]*)\]")
# A fact reference: [=fact-id] for a fact of the same file, [=entry-id:fact-id] for another entry's.
FACT_REFERENCE = re.compile(r"\[=([^\]]*)\]")


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Code:
    text: str


@dataclass(frozen=True)
class Emphasis:
    children: tuple[Inline, ...]
    strong: bool


@dataclass(frozen=True)
class Link:
    """A link to an https:// URL or, when `target` is an id, to another entry's page."""

    target: str
    children: tuple[Inline, ...]

    @property
    def internal(self) -> bool:
        return bool(ID.fullmatch(self.target))


@dataclass(frozen=True)
class Citation:
    source: str  # id of a source in the same file


@dataclass(frozen=True)
class FactReference:
    """Where an entry's structured fact is shown; `local` when written as [=fact-id] in the entry's own file."""

    entry: str
    fact: str
    local: bool = False

    def __str__(self) -> str:
        return f"[={self.fact}]" if self.local else f"[={self.entry}:{self.fact}]"


Inline = Union[Text, Code, Emphasis, Link, Citation, FactReference]  # noqa: UP007 (a runtime alias)
FactText = Callable[[FactReference], str]  # how a fact reference reads as text


@dataclass(frozen=True)
class Paragraph:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class ListBlock:
    items: tuple[tuple[Block, ...], ...]
    ordered: bool


Block = Union[Paragraph, ListBlock]  # noqa: UP007


@dataclass(frozen=True)
class Flaw:
    """Something the subset does not allow; `snippet` helps find its line in the file."""

    message: str
    snippet: str


@dataclass(frozen=True)
class Markdown:
    """A parsed Markdown field: its source as written, its tree, and what is wrong with it."""

    source: str
    blocks: tuple[Block, ...]
    flaws: tuple[Flaw, ...] = ()
    citations: tuple[str, ...] = field(default=())  # source ids, in order of first use
    links: tuple[str, ...] = field(default=())  # ids of other entries it links to
    facts: tuple[FactReference, ...] = field(default=())  # the facts it shows, in order of first use
    claim: bool = False  # a claim must cite at least one source

    def __str__(self) -> str:
        return self.source

    @property
    def single_paragraph(self) -> bool:
        return len(self.blocks) == 1 and isinstance(self.blocks[0], Paragraph)

    def plain(self, fact: FactText | None = None) -> str:
        """The text a reader sees, without citations; `fact` gives a fact reference's text
        (by default, none)."""
        if fact is not None:
            return " ".join(plain_block(block, fact) for block in self.blocks)
        # Worked out once: several checks read it, and every preview rebuild again. Kept as a
        # functools.cached_property would keep it, without the lock it takes (Python 3.11).
        known: str | None = self.__dict__.get("_plain")
        if known is None:
            blocks = self.blocks
            known = plain_block(blocks[0]) if len(blocks) == 1 else " ".join(plain_block(block) for block in blocks)
            self.__dict__["_plain"] = known
        return known


def plain_block(block: Block, fact: FactText | None = None) -> str:
    if isinstance(block, Paragraph):
        return plain_inlines(block.children, fact)
    return " ".join(plain_block(child, fact) for item in block.items for child in item)


def plain_inlines(children: tuple[Inline, ...], fact: FactText | None = None) -> str:
    parts = []
    for node in children:  # the common kinds one to an isinstance(), which takes a tuple twice as long
        if isinstance(node, Text):
            parts.append(node.text)
        elif isinstance(node, Citation):  # as common as text, and not shown
            continue
        elif isinstance(node, Code):
            parts.append(node.text)
        elif isinstance(node, (Emphasis, Link)):
            parts.append(plain_inlines(node.children, fact))
        elif isinstance(node, FactReference) and fact is not None:
            parts.append(fact(node))
    return " ".join("".join(parts).split())


def has_citation(children: tuple[Inline, ...]) -> bool:
    return any(isinstance(node, Citation) or (isinstance(node, (Emphasis, Link)) and has_citation(node.children))
               for node in children)


def has_fact(children: tuple[Inline, ...]) -> bool:
    return any(isinstance(node, FactReference) or (isinstance(node, (Emphasis, Link)) and has_fact(node.children))
               for node in children)
