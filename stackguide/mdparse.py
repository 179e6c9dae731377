"""Parsing a Markdown field into the subset's tree with markdown-it (CommonMark), recording every flaw.

Anything outside the subset is a flaw the loader reports with its line. The characters a reader
will see are checked after markdown-it has decoded character references, so `&#10;` or
`&#x202e;` cannot bring in what the same character typed as itself could not.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import TypeVar

from markdown_it import MarkdownIt
from markdown_it.token import Token

from stackguide.charpolicy import MARKDOWN_EXTRA, character_problem, refusal, refused_characters
from stackguide.internals import marker_problem
from stackguide.mdtree import (
    CITATION,
    FACT_REFERENCE,
    Block,
    Citation,
    Code,
    Emphasis,
    FactReference,
    Flaw,
    Inline,
    Link,
    ListBlock,
    Markdown,
    Paragraph,
    Text,
    has_citation,
    has_fact,
    plain_block,
    plain_inlines,
)
from stackguide.plaintext import ID
from stackguide.urlpolicy import url_problem

PARSER = MarkdownIt("commonmark")
PARSER.validateLink = lambda url: True  # type: ignore[method-assign]  # every target reaches our own check
ALLOWED = ("paragraphs, bullet and numbered lists, *emphasis*, **strong**, `code`, links, [^source] citations "
           "and [=fact] references")
MAX_LIST_DEPTH = 4  # lists in lists; Python-Markdown drops what is nested too deep
_REFUSED_BLOCKS = {
    "heading_open": "headings are not allowed here; the page supplies its own",
    "fence": "code blocks are not allowed here; use `code` inside a sentence",
    "code_block": "indented code blocks are not allowed here; remove the leading spaces",
    "blockquote_open": "quotes ('>') are not allowed here; write the sentence out",
    "hr": "horizontal rules are not allowed here; remove the line of dashes or stars",
    "html_block": "raw HTML is not allowed; write plain Markdown",
}
_ATTRIBUTE_LIST = re.compile(r"\{\s*[:#.]|\{[^{}]*=")
# A CITATION or a FACT_REFERENCE, as the one group: re.split gives the text around each, and it.
_REFERENCES = re.compile(r"(\[[\^=][^\]]*\])")
T = TypeVar("T")
_CHARACTER_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


class Budget:
    """Characters of one file's Markdown that may still go through markdown-it.

    Syntax-dense Markdown parses at about 200,000 characters a second; plain prose takes a
    shortcut and costs nothing here. The largest file today holds under 7,000 characters of
    Markdown in all: the budget keeps a file made of Markdown syntax well under a second.
    """

    PER_FILE = 50_000

    def __init__(self, characters: int = PER_FILE) -> None:
        self.size = self.left = characters

    def take(self, characters: int) -> bool:
        self.left -= characters
        return self.left >= 0


def parse_markdown(source: str, max_length: int, claim: bool = False, single: bool = False,
                   budget: Budget | None = None, owner: str | None = None) -> Markdown:
    """Parse a Markdown field into the subset's tree, recording every flaw; a `single` field is
    one paragraph (a list item or a table cell). Fields past the file's `budget` are not parsed.
    `owner` is the id of the entry whose facts a reference without an entry id names."""
    flaws: list[Flaw] = []
    if not source.strip():
        return Markdown(source, (), (Flaw("is empty; write the text", ""),), claim=claim)
    if (problem := character_problem(source, MARKDOWN_EXTRA)) is not None:
        flaws.append(Flaw(problem, ""))
    if (problem := marker_problem(source)) is not None:
        flaws.append(Flaw(problem, ""))
    if len(source) > max_length:  # not parsed: the work stays bounded by the limit
        flaws.append(Flaw(f"is {len(source):,} characters long; the limit is {max_length:,}", ""))
        return _unparsed(source, flaws, claim)
    builder = Builder(flaws, source, owner)
    if is_prose(source):
        # Most fields are sentences with citations and nothing CommonMark would read as syntax:
        # the tree is one paragraph, as markdown-it would make it, without running it.
        lines = " ".join(line.strip() for line in source.strip().split("\n")) if "\n" in source else source.strip()
        children = tuple(builder.text(lines))
        blocks: list[Block] = [Paragraph(children)]
        env: dict[str, object] = {}
        # Text, citations and facts only: what plain_block would find, without joining it.
        shown = any(type(node) is FactReference or (type(node) is Text and not node.text.isspace())
                    for node in children)
    elif budget is not None and not budget.take(len(source)):
        flaws.append(Flaw(f"this file holds more than {budget.size:,} characters of Markdown with syntax in "
                          "it; split it into smaller files", ""))
        return _unparsed(source, flaws, claim)
    else:
        env = {}
        blocks = builder.blocks(iter(PARSER.parse(source, env)), end=None)
        shown = any(plain_block(block, str) for block in blocks)
    if env.get("references"):
        flaws.append(Flaw("link definitions ('[label]: address' on a line of their own) are not allowed; write "
                          "links inline, as [text](https://...)", "]:"))
    if single and blocks and not (len(blocks) == 1 and isinstance(blocks[0], Paragraph)):
        flaws.append(Flaw("must be a single paragraph: no lists or blank lines here", ""))
    if not shown:
        flaws.append(Flaw("has no text to show (only citations or markup); write the text", ""))
    return Markdown(source, tuple(blocks), tuple(flaws), _distinct(builder.citations), _distinct(builder.links),
                    _distinct(builder.facts), claim)


def _distinct(found: list[T]) -> tuple[T, ...]:
    """What was found, each once, in order of first use (most fields find one thing or none)."""
    return tuple(found) if len(found) < 2 else tuple(dict.fromkeys(found))


def _unparsed(source: str, flaws: list[Flaw], claim: bool) -> Markdown:
    """A field refused before parsing, as one paragraph of text; its citations still count, so
    that the one flaw is not followed by 'cites no source'."""
    cited = tuple(dict.fromkeys(found for found in CITATION.findall(source) if ID.fullmatch(found)))
    return Markdown(source, (Paragraph((Text(source),)),), tuple(flaws), cited, claim=claim)


# Text in which CommonMark sees no syntax but [^source] citations: no character that can start
# inline syntax, no line that can start a block (a list, quote, heading, code, underline), and
# no blank line.
_SYNTAX_CHARACTERS = b"\\`*_[]<>!#{}|~&"
_BLOCK_START = re.compile(r"(?m)^(?:[ \t]|[-+=>]|\d{1,9}[.)])|\n[ \t]*\n")
_FIRST_LINE_START = re.compile(r"[ \t]|[-+=>]|\d{1,9}[.)]")  # _BLOCK_START for text of one line


def is_prose(source: str) -> bool:
    # "](" opens a link; "]:" after a citation would be a footnote or link definition.
    if "](" in source or "]:" in source:
        return False
    bare = source
    if "[" in source:
        bare = CITATION.sub("", source)
        if "[=" in bare:  # else no fact reference is left to take out
            bare = FACT_REFERENCE.sub("", bare)
    if _has_syntax_character(bare):
        return False
    return not (_BLOCK_START.search(source) if "\n" in source else _FIRST_LINE_START.match(source))


def _has_syntax_character(text: str) -> bool:
    # Deleting the syntax characters from the text's UTF-8 (in which no byte of another character
    # is ASCII) and comparing lengths reads it twice as fast as a search for them.
    encoded = text.encode("utf-8", "surrogatepass")  # a refused lone surrogate is still parsed
    return len(encoded.translate(None, _SYNTAX_CHARACTERS)) != len(encoded)


class Builder:
    """Turns markdown-it's token stream into the subset's tree."""

    def __init__(self, flaws: list[Flaw], source: str = "", owner: str | None = None) -> None:
        self.flaws = flaws
        self.source = source
        self.owner = owner
        self.citations: list[str] = []
        self.links: list[str] = []
        self.facts: list[FactReference] = []
        self.depth = 0  # lists open around the current block

    def blocks(self, tokens: Iterator[Token], end: str | None) -> list[Block]:
        blocks: list[Block] = []
        for token in tokens:
            if token.type == end:
                break
            if token.type == "paragraph_open":
                inline = next(tokens)
                next(tokens)  # paragraph_close
                blocks.append(Paragraph(self.inlines(inline.children or [])))
            elif token.type in ("bullet_list_open", "ordered_list_open"):
                blocks.append(self.list_block(token, tokens))
            else:
                message = _REFUSED_BLOCKS.get(token.type, f"'{token.markup or token.type}' is not allowed here; "
                                              f"use {ALLOWED}")
                self.flaws.append(Flaw(message, _first_line(token)))
                _skip_to_close(tokens, token)
        return blocks

    def list_block(self, token: Token, tokens: Iterator[Token]) -> ListBlock:
        self.depth += 1
        if self.depth == MAX_LIST_DEPTH + 1:
            self.flaws.append(Flaw(f"lists are nested more than {MAX_LIST_DEPTH} levels deep; flatten them",
                                   token.markup))
        closing = token.type.replace("_open", "_close")
        items = []
        for item in tokens:
            if item.type == closing:
                break
            blocks = tuple(self.blocks(tokens, end="list_item_close"))  # item is list_item_open
            if not blocks:  # written as "-" alone, it could end the line above as a heading's underline
                self.flaws.append(Flaw("a list item is empty; write its text or remove its marker",
                                       item.markup + "\n"))  # the marker alone on its line
            items.append(blocks)
        self.depth -= 1
        return ListBlock(tuple(items), ordered=token.type.startswith("ordered"))

    def inlines(self, tokens: list[Token]) -> tuple[Inline, ...]:
        out: list[Inline] = []
        stream = iter(tokens)
        for token in stream:
            out.extend(self.inline(token, stream))
        return tuple(out)

    def inline(self, token: Token, stream: Iterator[Token]) -> list[Inline]:
        kind = token.type
        if kind == "text":
            self.decoded(token.content)
            return self.text(token.content)
        if kind in ("softbreak", "hardbreak"):
            return [Text(" ")]
        if kind == "code_inline":
            return [Code(token.content)]
        if kind in ("em_open", "strong_open"):
            children = self.until(stream, kind.replace("_open", "_close"))
            return [Emphasis(children, strong=kind == "strong_open")]
        if kind == "link_open":
            target = str(token.attrs.get("href", ""))
            children = self.until(stream, "link_close")
            return [self.link(target, children)]
        if kind == "image":
            self.flaws.append(Flaw("images are not allowed here; link to the page instead, "
                                   "as [title](https://...)", f"]({token.attrs.get('src', '')}"))
            return []
        if kind == "html_inline":
            self.flaws.append(Flaw(f"raw HTML ({token.content}) is not allowed; write plain Markdown",
                                   token.content))
            return []
        self.flaws.append(Flaw(f"'{token.markup or kind}' is not allowed here; use {ALLOWED}", token.markup))
        return []

    def decoded(self, content: str) -> None:
        """Refuse what character references decoded to: the source itself was checked already,
        so a refused character here was written as a reference (or a line break or tab in one)."""
        for char in refused_characters(content):
            written = next((ref for ref in _CHARACTER_REFERENCE.findall(self.source) if html.unescape(ref) == char), "")
            how = f" (written as {written})" if written else " (written as a character reference)"
            self.flaws.append(Flaw(refusal(char, how), written))

    def until(self, stream: Iterator[Token], closing: str) -> tuple[Inline, ...]:
        out: list[Inline] = []
        for token in stream:
            if token.type == closing:
                break
            out.extend(self.inline(token, stream))
        return tuple(out)

    def text(self, content: str) -> list[Inline]:
        if "[" not in content and "{" not in content:  # no reference, no attribute list: most text
            return [Text(content)] if content else []
        if "{" in content and (match := _ATTRIBUTE_LIST.search(content)):
            self.flaws.append(Flaw("attribute lists ({: ...}) are not allowed; write plain Markdown",
                                   content[match.start():match.start() + 12]))
        out: list[Inline] = []
        # Text and references take turns: text (perhaps empty), a reference, text, ..., text.
        for index, part in enumerate(_REFERENCES.split(content)):
            if index % 2 == 0:
                if part:
                    out.append(Text(part))
            elif (node := self.reference(part)) is not None:
                out.append(node)
        return out

    def reference(self, written: str) -> Inline | None:
        """A [^source] citation or a [=fact] reference, or None (a flaw) when it names nothing valid."""
        if written.startswith("[^"):
            source = written[2:-1]
            if ID.fullmatch(source):
                self.citations.append(source)
                return Citation(source)
            self.flaws.append(Flaw(f"citation '{written}' must name a source id from this file's sources, "
                                   "e.g. [^aws-docs]", written))
            return None
        entry, _, fact = written[2:-1].rpartition(":")
        if not (ID.fullmatch(fact) and (not entry or ID.fullmatch(entry))):
            self.flaws.append(Flaw(f"fact reference '{written}' must be [=fact-id] (a fact of this file) or "
                                   "[=entry-id:fact-id] (a fact of another entry)", written))
            return None
        if not entry and self.owner is None:
            self.flaws.append(Flaw(f"fact reference '{written}' names a fact of this file, but only entries have "
                                   "facts; name the entry: [=entry-id:fact-id]", written))
            return None
        node = FactReference(entry or str(self.owner), fact, local=not entry)
        self.facts.append(node)
        return node

    def link(self, target: str, children: tuple[Inline, ...]) -> Inline:
        snippet = f"]({target}"
        if not plain_inlines(children) and not has_fact(children):  # none, or blanks only
            self.flaws.append(Flaw("a link needs text: write [what it is](target)", snippet))
        if has_citation(children):
            self.flaws.append(Flaw("a citation cannot sit inside a link's text (it would be a link in a link); "
                                   "put it after the link: [text](target) [^source]", snippet))
        if has_fact(children):
            self.flaws.append(Flaw("a fact reference cannot sit inside a link's text (it may be shown as a link); "
                                   "put it outside the link", snippet))
        if ID.fullmatch(target):
            self.links.append(target)
        elif (problem := url_problem(target)) is not None:
            self.flaws.append(Flaw(f"link target '{target}' {problem}; link to an https:// page or to another "
                                   "entry by its id, e.g. [Amazon Polly](amazon-polly)", snippet))
            return Text(plain_inlines(children))
        return Link(target, children)



def _first_line(token: Token) -> str:
    lines = token.content.strip().splitlines()
    return lines[0] if lines else token.markup


def _skip_to_close(tokens: Iterator[Token], opening: Token) -> None:
    if opening.nesting != 1:
        return
    depth = 1
    for token in tokens:
        depth += token.nesting
        if depth == 0:
            return
