"""Text from data/ is untrusted: plain text is checked and escaped, and Markdown is a small subset.

A Markdown field is parsed once, at load time, with markdown-it (CommonMark) into a tiny tree of
paragraphs, lists, emphasis, code, links and citations. Anything else is a problem the loader
reports with its line. Pages never see the field's source: the tree is written back out as
Markdown in which every character of text is escaped, so no syntax of Python-Markdown or its
extensions (attribute lists, snippets, abbreviations, HTML, emoji) can hide in it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Union
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_ID = re.compile(ID_PATTERN)
CITATION = re.compile(r"\[\^([^\]]*)\]")
CITATION_SEPARATOR = "<sup>,</sup>"  # between two references in a row: 1,2 rather than 12

# -- plain text ---------------------------------------------------------------------------------

# Characters that change how text around them is shown: bidirectional overrides and isolates,
# zero-width characters and the byte-order mark.
_INVISIBLE = {*range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x2028, 0x2029, 0xFEFF}
# ASCII control characters other than tab and line feed: the common case, found with one search.
_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_HTML_TAG = re.compile(r"</?[A-Za-z!?]")


def character_problem(text: str) -> str | None:
    """Why `text` holds a character that no field may hold, or None."""
    if (match := _ASCII_CONTROL.search(text)) is not None:
        return f"control character U+{ord(match.group()):04X} is not allowed; delete it"
    if text.isascii():
        return None
    for char in text:
        code = ord(char)
        if code < 0x80:
            continue
        if code in _INVISIBLE:
            return f"invisible formatting character U+{code:04X} is not allowed; delete it"
        if unicodedata.category(char) in ("Cc", "Cs", "Co", "Cn"):
            return f"control character U+{code:04X} is not allowed; delete it"
    return None


def plain_text_problem(text: str, max_length: int) -> str | None:
    """Why `text` is not acceptable as one line of plain text, or None."""
    if not text.strip():
        return "is empty; write the text"
    if (problem := character_problem(text)) is not None:
        return problem
    if "\n" in text or "\t" in text:
        return "must be one line of plain text (no line breaks or tabs)"
    if text != text.strip() or "  " in text:
        return "has spaces at its start or end, or two in a row; remove them"
    if len(text) > max_length:
        return f"is {len(text)} characters long; the limit is {max_length}"
    if _HTML_TAG.search(text):
        return "looks like HTML; this field is plain text and would show the tag literally"
    return None


# -- escaping for the page's Markdown ------------------------------------------------------------

# Python-Markdown's backslash escapes, plus '|' which the tables extension adds.
_BACKSLASHED = set("\\`*_{}[]()>#+-.!|")
# Not escapable with a backslash, so written as character references: '<' and '&' start HTML,
# ':' starts emoji shortcodes and definition lists, '/' the footnote placement marker, '~^='
# belong to pymdownx extensions a maintainer might switch on, quotes to smart quotes.
_REFERENCED = set("<&:/~^=\"'")


_ESCAPES = str.maketrans({**{char: "\\" + char for char in _BACKSLASHED},
                          **{char: f"&#{ord(char)};" for char in _REFERENCED}})


def escape_text(text: str) -> str:
    """`text` as Markdown that displays exactly these characters and means nothing else."""
    return text.translate(_ESCAPES)


def escape_commonmark(text: str) -> str:
    """`text` for a plain CommonMark reader (llms.txt): every ASCII punctuation mark backslashed."""
    return "".join("\\" + char if char in _ASCII_PUNCTUATION else char for char in text)


_ASCII_PUNCTUATION = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def code_span(text: str) -> str:
    """A Markdown code span showing `text` as written."""
    text = " ".join(text.split())
    if not text:
        return ""
    ticks = max((len(run) for run in re.findall(r"`+", text)), default=0) + 1
    fence = "`" * ticks
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


# -- the Markdown subset: a small tree ----------------------------------------------------------

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
        return bool(_ID.match(self.target))


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
        return " ".join(_plain_block(block) for block in self.blocks)


_PARSER = MarkdownIt("commonmark")
_PARSER.validateLink = lambda url: True  # type: ignore[method-assign]  # every target reaches our own check
ALLOWED = "paragraphs, bullet and numbered lists, *emphasis*, **strong**, `code`, links and [^source] citations"
_REFUSED_BLOCKS = {
    "heading_open": "headings are not allowed here; the page supplies its own",
    "fence": "code blocks are not allowed here; use `code` inside a sentence",
    "code_block": "indented code blocks are not allowed here; remove the leading spaces",
    "blockquote_open": "quotes ('>') are not allowed here; write the sentence out",
    "hr": "horizontal rules are not allowed here; remove the line of dashes or stars",
    "html_block": "raw HTML is not allowed; write plain Markdown",
}
_ATTRIBUTE_LIST = re.compile(r"\{\s*[:#.]|\{[^{}]*=")


def parse_markdown(source: str, max_length: int, claim: bool = False, single: bool = False) -> Markdown:
    """Parse a Markdown field into the subset's tree, recording every flaw; a `single` field is
    one paragraph (a list item or a table cell)."""
    flaws: list[Flaw] = []
    if not source.strip():
        return Markdown(source, (), (Flaw("is empty; write the text", ""),), claim=claim)
    if (problem := character_problem(source)) is not None:
        flaws.append(Flaw(problem, ""))
    if len(source) > max_length:
        flaws.append(Flaw(f"is {len(source)} characters long; the limit is {max_length}", ""))
    builder = _Builder(flaws)
    if _is_prose(source):
        # Most fields are sentences with citations and nothing CommonMark would read as syntax:
        # the tree is one paragraph, as markdown-it would make it, without running it.
        lines = " ".join(line.strip() for line in source.strip().split("\n"))
        blocks: list[Block] = [Paragraph(tuple(builder.text(lines)))]
        env: dict[str, object] = {}
    else:
        env = {}
        blocks = builder.blocks(iter(_PARSER.parse(source, env)), end=None)
    if env.get("references"):
        flaws.append(Flaw("link definitions ('[label]: address' on a line of their own) are not allowed; write "
                          "links inline, as [text](https://...)", "]:"))
    if single and blocks and not (len(blocks) == 1 and isinstance(blocks[0], Paragraph)):
        flaws.append(Flaw("must be a single paragraph: no lists or blank lines here", ""))
    if not any(_plain_block(block) for block in blocks):
        flaws.append(Flaw("has no text to show (only citations or markup); write the text", ""))
    return Markdown(source, tuple(blocks), tuple(flaws), tuple(dict.fromkeys(builder.citations)),
                    tuple(dict.fromkeys(builder.links)), claim)


# Text in which CommonMark sees no syntax but [^source] citations: no character that can start
# inline syntax, no line that can start a block (a list, quote, heading, code, underline), and
# no blank line.
_SYNTAX_CHARACTER = re.compile(r"[\\`*_\[\]<>!#{}|~&]")
_BLOCK_START = re.compile(r"(?m)^(?:[ \t]|[-+=>]|\d{1,9}[.)])|\n[ \t]*\n")


def _is_prose(source: str) -> bool:
    # "](" opens a link; "]:" after a citation would be a footnote or link definition.
    return (not _SYNTAX_CHARACTER.search(CITATION.sub("", source)) and not _BLOCK_START.search(source)
            and "](" not in source and "]:" not in source)


class _Builder:
    """Turns markdown-it's token stream into the subset's tree."""

    def __init__(self, flaws: list[Flaw]) -> None:
        self.flaws = flaws
        self.citations: list[str] = []
        self.links: list[str] = []

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
                closing = token.type.replace("_open", "_close")
                items = []
                for item in tokens:
                    if item.type == closing:
                        break
                    items.append(tuple(self.blocks(tokens, end="list_item_close")))  # item is list_item_open
                blocks.append(ListBlock(tuple(items), ordered=token.type.startswith("ordered")))
            else:
                message = _REFUSED_BLOCKS.get(token.type, f"'{token.markup or token.type}' is not allowed here; "
                                              f"use {ALLOWED}")
                self.flaws.append(Flaw(message, _first_line(token)))
                _skip_to_close(tokens, token)
        return blocks

    def inlines(self, tokens: list[Token]) -> tuple[Inline, ...]:
        out: list[Inline] = []
        stream = iter(tokens)
        for token in stream:
            out.extend(self.inline(token, stream))
        return tuple(out)

    def inline(self, token: Token, stream: Iterator[Token]) -> list[Inline]:
        kind = token.type
        if kind == "text":
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
            return [self.link(target, children, token)]
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

    def until(self, stream: Iterator[Token], closing: str) -> tuple[Inline, ...]:
        out: list[Inline] = []
        for token in stream:
            if token.type == closing:
                break
            out.extend(self.inline(token, stream))
        return tuple(out)

    def text(self, content: str) -> list[Inline]:
        if match := _ATTRIBUTE_LIST.search(content):
            self.flaws.append(Flaw("attribute lists ({: ...}) are not allowed; write plain Markdown",
                                   content[match.start():match.start() + 12]))
        out: list[Inline] = []
        position = 0
        for match in CITATION.finditer(content):
            if match.start() > position:
                out.append(Text(content[position:match.start()]))
            source = match.group(1)
            if _ID.match(source):
                out.append(Citation(source))
                self.citations.append(source)
            else:
                self.flaws.append(Flaw(f"citation '[^{source}]' must name a source id from this file's "
                                       "sources, e.g. [^aws-docs]", match.group(0)))
            position = match.end()
        if position < len(content):
            out.append(Text(content[position:]))
        return out

    def link(self, target: str, children: tuple[Inline, ...], token: Token) -> Inline:
        snippet = f"]({target}"
        if not children:
            self.flaws.append(Flaw("a link needs text: write [what it is](target)", snippet))
        if _ID.match(target):
            self.links.append(target)
        elif (problem := url_problem(target)) is not None:
            self.flaws.append(Flaw(f"link target '{target}' {problem}; link to an https:// page or to another "
                                   "entry by its id, e.g. [Amazon Polly](amazon-polly)", snippet))
            return Text(_plain_inlines(children))
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


# -- URLs ---------------------------------------------------------------------------------------

# Characters a URL may hold as written: RFC 3986 without the ones that end a Markdown link or an
# HTML attribute, or hide what the link shows (percent-encode those: ( as %28, ) as %29).
_URL_CHARS = re.compile(r"^[A-Za-z0-9\-._~:/?#@!$&*+,;=%]+$")
_HOST = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
URL_MAX = 500


def url_problem(url: str) -> str | None:
    """Why `url` is not a well-formed https:// URL that this site will link to, or None."""
    if not url.lower().startswith("https://"):
        scheme = url.split(":", 1)[0] if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", url) else ""
        return f"uses '{scheme}:', and only https:// is allowed" if scheme else "does not start with https://"
    if len(url) > URL_MAX:
        return f"is longer than {URL_MAX} characters"
    if not _URL_CHARS.match(url):
        bad = next(char for char in url if not _URL_CHARS.match(char))
        return f"contains {bad!r}: percent-encode it (( as %28, ) as %29, a space as %20)"
    parts = urlsplit(url)
    if "@" in parts.netloc:
        return "carries a user name before the host"
    if not _HOST.match(parts.hostname or ""):
        return f"has no valid host name ('{parts.hostname or ''}')"
    if parts.port is not None:
        return "names a port"
    return None


# -- writing the tree back out as safe Markdown ---------------------------------------------------

def to_markdown(markdown: Markdown, *, link: Callable[[str], str], cite: Callable[[str], str] | None,
                indent: int = 0) -> str:
    """The field as Markdown for a page. `link` turns an entry id into a link target, `cite`
    turns a source id into a footnote label (or None to leave citations out)."""
    writer = _Writer(link, cite)
    text = "\n\n".join(writer.block(block) for block in markdown.blocks)
    return text.replace("\n", "\n" + " " * indent) if indent else text


class _Writer:
    def __init__(self, link: Callable[[str], str], cite: Callable[[str], str] | None) -> None:
        self.link = link
        self.cite = cite

    def block(self, block: Block) -> str:
        if isinstance(block, Paragraph):
            return self.inlines(block.children)
        lines = []
        for number, item in enumerate(block.items, start=1):
            marker = f"{number}. " if block.ordered else "- "
            body = ""
            for child in item:
                separator = "" if not body else "\n" if isinstance(child, ListBlock) else "\n\n"
                body += separator + self.block(child)
            lines.append(marker + re.sub(r"\n(?=.)", "\n    ", body))
        return "\n".join(lines)

    def inlines(self, children: tuple[Inline, ...]) -> str:
        out = ""
        cited = False  # the text so far ends with a citation (and perhaps spaces)
        for child in children:
            if isinstance(child, Citation):
                out = out.rstrip()  # a reference sits against the word it follows: "retired[^attic]."
                if cited and self.cite is not None:
                    out += CITATION_SEPARATOR
                cited = True
            elif not (isinstance(child, Text) and not child.text.strip()):
                cited = False
            out += self.inline(child)
        return out.strip()

    def inline(self, node: Inline) -> str:
        if isinstance(node, Text):
            return escape_text(node.text)
        if isinstance(node, Code):
            return code_span(node.text)
        if isinstance(node, Emphasis):
            mark = "**" if node.strong else "*"
            inner = self.inlines(node.children)
            return f"{mark}{inner}{mark}" if inner else ""
        if isinstance(node, Link):
            target = self.link(node.target) if node.internal else node.target
            return f"[{self.inlines(node.children)}]({target})"
        if self.cite is None:
            return ""
        return f"[^{self.cite(node.source)}]"


def _plain_block(block: Block) -> str:
    if isinstance(block, Paragraph):
        return _plain_inlines(block.children)
    return " ".join(_plain_block(child) for item in block.items for child in item)


def _plain_inlines(children: tuple[Inline, ...]) -> str:
    parts = []
    for node in children:
        if isinstance(node, (Text, Code)):
            parts.append(node.text)
        elif isinstance(node, (Emphasis, Link)):
            parts.append(_plain_inlines(node.children))
    return " ".join("".join(parts).split())
