"""Escaping text for where it lands: the site's Markdown, plain CommonMark, and code spans."""

from __future__ import annotations

import re

# Python-Markdown's backslash escapes, plus '|' which the tables extension adds.
_BACKSLASHED = set("\\`*_{}[]()>#+-.!|")
# Not escapable with a backslash, so written as character references: '<' and '&' start HTML,
# ':' starts emoji shortcodes and definition lists, '/' the footnote placement marker, '~^='
# belong to pymdownx extensions a maintainer might switch on, quotes to smart quotes.
_REFERENCED = set("<&:/~^=\"'")

_ESCAPES = {**{char: "\\" + char for char in _BACKSLASHED}, **{char: f"&#{ord(char)};" for char in _REFERENCED}}
# A substitution touches only the marks; str.translate looks every character up (several times slower on prose).
_MARKS = re.compile("[" + re.escape("".join(_ESCAPES)) + "]")
_ASCII_PUNCTUATION = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def escape_text(text: str) -> str:
    """`text` as Markdown that displays exactly these characters and means nothing else."""
    return _MARKS.sub(_escaped, text)


def _escaped(mark: re.Match[str]) -> str:
    return _ESCAPES[mark.group()]


def escape_commonmark(text: str) -> str:
    """`text` for a plain CommonMark reader (llms.txt): every ASCII punctuation mark backslashed."""
    return "".join("\\" + char if char in _ASCII_PUNCTUATION else char for char in text)


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
