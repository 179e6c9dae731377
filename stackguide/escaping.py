"""Escaping text for where it lands: the site's Markdown, plain CommonMark, and code spans."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator

# Python-Markdown's backslash escapes, plus '|' which the tables extension adds.
_BACKSLASHED = set("\\`*_{}[]()>#+-.!|")
# Not escapable with a backslash, so written as character references: '<' and '&' start HTML,
# ':' starts emoji shortcodes and definition lists, '/' the footnote placement marker, '~^='
# belong to pymdownx extensions a maintainer might switch on, quotes to smart quotes.
_REFERENCED = set("<&:/~^=\"'")

_ESCAPES = {**{char: "\\" + char for char in _BACKSLASHED}, **{char: f"&#{ord(char)};" for char in _REFERENCED}}
# A substitution touches only the marks; str.translate looks every character up (several times slower on prose).
_MARKS = re.compile("[" + re.escape("".join(_ESCAPES)) + "]")
# What can start or end inline syntax within a line of CommonMark (with GFM's strikethrough):
# links and images, emphasis, code, HTML and autolinks, character references, a heading's closing
# hashes. Backslashed, each shows as itself; the rest of the punctuation already does.
_INLINE_SYNTAX = re.compile(r"([\\`*_\[\]<>&#~])")
_BLOCK_START = re.compile(r"^(\d{1,9}(?=[.)])|)([-+=.)])(?=\s|$)")  # "- ", "+ ", "1. ", "1) ", a setext "="


def escape_text(text: str) -> str:
    """`text` as Markdown that displays exactly these characters and means nothing else. A date in
    it (2026-07-30, or a month, 2026-07) is kept on one line (see whole_date)."""
    if _known is not None:
        if (escaped := _known.get(text)) is None:
            escaped = _known[text] = _escape_text(text)
        return escaped
    return _escape_text(text)


def _escape_text(text: str) -> str:
    escaped = _MARKS.sub(_escaped, text)
    return _ESCAPED_DATE.sub(_whole, escaped) if "\\-" in escaped else escaped


_known: dict[str, str] | None = None  # what escape_text has escaped inside remembering_escapes()


@contextlib.contextmanager
def remembering_escapes() -> Iterator[None]:
    """escape_text remembers each text it escapes until the block ends: the generated pages print
    the same names, summaries and sources many times (each layer's on every entry page of it).
    Nothing is kept after the block."""
    global _known
    before = _known
    _known = {} if before is None else before
    try:
        yield
    finally:
        _known = before


def whole_date(date: str) -> str:
    """A date as HTML that a line never breaks at its hyphens (browsers may break '2026-07-30'
    after either one, leaving '2026-' at the end of a line); site.css styles the class."""
    return f'<span class="sg-date">{date}</span>'


# 2026\-07\-30 or 2026\-07 as escape_text writes them, not inside a longer token (v1-2026-07, 2026-07-30-01)
_ESCAPED_DATE = re.compile(r"(?<![\w-])\d{4}\\-\d\d(?:\\-\d\d)?(?!\w|\\-\w)")


def _whole(date: re.Match[str]) -> str:
    return whole_date(date.group())


def _escaped(mark: re.Match[str]) -> str:
    return _ESCAPES[mark.group()]


def escape_commonmark(text: str) -> str:
    """`text` as one line for a plain CommonMark reader (llms.txt): only the marks that could make
    syntax are backslashed, so an assistant reading the file raw meets few backslashes. A line may
    start with it (after '> ', say), so a list or quote marker at its start is backslashed too."""
    line = _INLINE_SYNTAX.sub(r"\\\1", " ".join(text.split()))
    return _BLOCK_START.sub(r"\1\\\2", line, count=1)


def code_span(text: str) -> str:
    """A Markdown code span showing `text` as written, each run of spaces as one. Spaces at its
    edges stay outside the span, where the page shows them (inside, they would be trimmed)."""
    inner = " ".join(text.split())
    if not inner:
        return " " if text else ""
    lead = " " if text[0].isspace() else ""
    trail = " " if text[-1].isspace() else ""
    ticks = max((len(run) for run in re.findall(r"`+", inner)), default=0) + 1
    fence = "`" * ticks
    pad = " " if inner.startswith("`") or inner.endswith("`") else ""
    return f"{lead}{fence}{pad}{inner}{pad}{fence}{trail}"
