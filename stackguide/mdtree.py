"""The Markdown subset as a tree: paragraphs and lists of text, code, emphasis, links and citations."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Union

from stackguide.plaintext import ID

CITATION = re.compile(r"\[\^([^\]]*)\]")


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
        return bool(ID.match(self.target))


@dataclass(frozen=True)
class Citation:
    source: str  # id of a source in the same file


Inline = Union[Text, Code, Emphasis, Link, Citation]  # noqa: UP007 (a runtime alias)


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
    claim: bool = False  # a claim must cite at least one source

    def __str__(self) -> str:
        return self.source

    @property
    def single_paragraph(self) -> bool:
        return len(self.blocks) == 1 and isinstance(self.blocks[0], Paragraph)

    def plain(self) -> str:
        """The text a reader sees, without citations: for search snippets and exports."""
        return " ".join(plain_block(block) for block in self.blocks)


def plain_block(block: Block) -> str:
    if isinstance(block, Paragraph):
        return plain_inlines(block.children)
    return " ".join(plain_block(child) for item in block.items for child in item)


def plain_inlines(children: tuple[Inline, ...]) -> str:
    parts = []
    for node in children:
        if isinstance(node, (Text, Code)):
            parts.append(node.text)
        elif isinstance(node, (Emphasis, Link)):
            parts.append(plain_inlines(node.children))
    return " ".join("".join(parts).split())


def has_citation(children: tuple[Inline, ...]) -> bool:
    return any(isinstance(node, Citation) or (isinstance(node, (Emphasis, Link)) and has_citation(node.children))
               for node in children)
