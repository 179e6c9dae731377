"""Text from data/ is untrusted: plain text is checked and escaped, and Markdown is a small subset.

A Markdown field is parsed once, at load time, with markdown-it (CommonMark) into a tiny tree of
paragraphs, lists, emphasis, code, links and citations. Anything else is a problem the loader
reports with its line. Pages never see the field's source: the tree is written back out as
Markdown in which every character of text is escaped, so no syntax of Python-Markdown or its
extensions (attribute lists, snippets, abbreviations, HTML, emoji) can hide in it.

The work is split by job; this module gathers the names the rest of the package uses:
charpolicy (which characters), plaintext (plain fields and ids), escaping, urlpolicy,
mdtree (the subset's tree), mdparse (source to tree) and mdwrite (tree to Markdown).
"""

from __future__ import annotations

from stackguide.charpolicy import character_problem, describe
from stackguide.escaping import code_span, escape_commonmark, escape_text
from stackguide.mdparse import ALLOWED, parse_markdown
from stackguide.mdtree import CITATION, Citation, Code, Emphasis, Flaw, Link, ListBlock, Markdown, Paragraph, Text
from stackguide.mdwrite import CITATION_SEPARATOR, to_markdown
from stackguide.plaintext import ID_MAX, ID_PATTERN, plain_text_problem
from stackguide.urlpolicy import URL_MAX, url_problem

__all__ = [
    "ALLOWED", "CITATION", "CITATION_SEPARATOR", "ID_MAX", "ID_PATTERN", "URL_MAX", "Citation", "Code", "Emphasis",
    "Flaw", "Link", "ListBlock", "Markdown", "Paragraph", "Text", "character_problem", "code_span", "describe",
    "escape_commonmark", "escape_text", "parse_markdown", "plain_text_problem", "to_markdown", "url_problem",
]
