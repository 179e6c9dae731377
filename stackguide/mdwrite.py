"""Writing the Markdown subset's tree back out as Markdown in which every character of text is escaped."""

from __future__ import annotations

import re
from collections.abc import Callable

from stackguide.escaping import code_span, escape_text
from stackguide.mdtree import (
    Block,
    Citation,
    Code,
    Emphasis,
    FactReference,
    FactText,
    Inline,
    Link,
    ListBlock,
    Markdown,
    Paragraph,
    Text,
)

CITATION_SEPARATOR = "<sup>,</sup>"  # between two references in a row: 1,2 rather than 12


def to_markdown(markdown: Markdown, *, link: Callable[[str], str], cite: Callable[[str], str] | None,
                fact: FactText | None = None, fact_date: FactText | None = None,
                mark: Callable[[str], str] | None = None, indent: int = 0) -> str:
    """The field as Markdown for a page. `link` turns an entry id into a link target, `cite`
    turns a source id into a footnote label (or None to leave citations out), `fact` turns a
    fact reference into safe Markdown (the loader has checked that it names a fact; without
    `fact`, a reference is written as it was in the source). `fact_date` gives the day a fact was
    checked, as safe Markdown: "(as of <day>)" follows the paragraph's first reference checked
    that day, and not the others, which read as of the same day. `mark` gives safe Markdown to
    follow the field's first link to each entry id (the entry's state, or nothing)."""
    writer = _Writer(link, cite, fact, fact_date, mark)
    text = "\n\n".join([writer.block(block) for block in markdown.blocks])
    return text.replace("\n", "\n" + " " * indent) if indent else text


class _Writer:
    __slots__ = ("cite", "dated", "fact", "fact_date", "link", "mark", "marked")

    def __init__(self, link: Callable[[str], str], cite: Callable[[str], str] | None,
                 fact: FactText | None, fact_date: FactText | None, mark: Callable[[str], str] | None) -> None:
        self.link = link
        self.cite = cite
        self.fact = fact
        self.fact_date = fact_date
        self.mark = mark
        self.marked: set[str] = set()  # the entry ids whose mark the field has given
        self.dated: set[str] = set()  # the days the paragraph being written has given already

    def block(self, block: Block) -> str:
        if isinstance(block, Paragraph):
            self.dated.clear()
            return self.inlines(block.children)
        lines = []
        loose = False  # an item of two paragraphs: Python-Markdown ends it only at a blank line
        for number, item in enumerate(block.items, start=1):
            marker = f"{number}. " if block.ordered else "- "
            body = ""
            for child in item:
                separator = "" if not body else "\n" if isinstance(child, ListBlock) else "\n\n"
                loose = loose or separator == "\n\n"
                body += separator + self.block(child)
            lines.append(marker + re.sub(r"\n(?=.)", "\n    ", body))
        return ("\n\n" if loose else "\n").join(lines)

    def inlines(self, children: tuple[Inline, ...]) -> str:
        # Text and citations, most of what a field holds, are written here; the rest by inline().
        out = ""
        cited = False  # the text so far ends with a citation (and perhaps spaces)
        for child in children:
            if type(child) is Text:
                if child.text.strip():
                    cited = False
                out += escape_text(child.text)
            elif type(child) is Citation:
                out = out.rstrip()  # a reference sits against the word it follows: "retired[^attic]."
                if self.cite is not None:
                    if cited:
                        out += CITATION_SEPARATOR
                    out += f"[^{self.cite(child.source)}]"
                cited = True
            else:
                cited = False
                out += self.inline(child)
        return out.strip()

    def inline(self, node: Inline) -> str:
        if isinstance(node, Code):
            return code_span(node.text)
        if isinstance(node, Emphasis):
            mark = "**" if node.strong else "*"
            inner = self.inlines(node.children)
            return f"{mark}{inner}{mark}" if inner else ""
        if isinstance(node, Link):
            target = self.link(node.target) if node.internal else node.target
            written = f"[{self.inlines(node.children)}]({target})"
            if node.internal and self.mark is not None and node.target not in self.marked:
                self.marked.add(node.target)
                if mark := self.mark(node.target):
                    written = f"{written} {mark}"  # plain text: a Markup mark would escape what it is added to
            return written
        assert isinstance(node, FactReference)
        if self.fact is None:
            return escape_text(str(node))
        day = self.fact_date(node) if self.fact_date is not None else None
        if day is None or day in self.dated:
            return self.fact(node)
        self.dated.add(day)
        return f"{self.fact(node)} (as of {day})"
