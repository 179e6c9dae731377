"""Glossary terms in running text: the first mention on a page becomes an abbreviation linked to
its definition, so it can be tapped on a phone; later mentions stay plain.

A Python-Markdown tree processor, run before MkDocs resolves links (so the glossary link is made
relative and checked like any other). Headings, links, code, and anything marked as a chip, badge
or label are left alone.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from stackguide.internals import term_anchor

SKIP_TAGS = {"a", "abbr", "code", "pre", "kbd", "h1", "h2", "h3", "h4", "h5", "h6", "time", "sup", "script", "style"}
_WORD_BEFORE = re.compile(r"[\w-]")  # a character that puts a match inside a longer word
SKIP_CLASSES = re.compile(r"\bsg-(chip|badge|diagram|meta|keywords|then-now__label|step|banner|glossary)")


class GlossaryLinks(Extension):
    """Configured with `terms` (term -> expansion) and `glossary_page` (docs-root path of the page)."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "terms": [{}, "Each glossary term and its expansion"],
            "glossary_page": ["/glossary.md", "The page that defines the terms, as an absolute docs path"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        # Above MkDocs' relative-path processor (0), below inline processing (20).
        processor = _FirstMentions(md, self.getConfig("terms"), self.getConfig("glossary_page"))
        md.treeprocessors.register(processor, "stackguide_glossary", 8)


def makeExtension(**kwargs: Any) -> GlossaryLinks:
    return GlossaryLinks(**kwargs)


class _FirstMentions(Treeprocessor):
    def __init__(self, md: Markdown, expansions: dict[str, str], glossary_page: str) -> None:
        super().__init__(md)
        self.expansions = dict(expansions)
        self.glossary_page = glossary_page
        # Longest first, so "Spark ML" is found before "Spark"; whole words only. The start of a
        # word is checked after a match (_WORD_BEFORE): with no look-behind first, the regex
        # engine skips ahead to the characters a term can start with.
        names = sorted(self.expansions, key=len, reverse=True)
        self.pattern = re.compile(rf"({'|'.join(map(re.escape, names))})(?![\w-])") if names else None

    def run(self, root: etree.Element) -> None:
        if self.pattern is None:
            return
        # The terms anywhere in the page's texts, each text apart as the walk reads it (a line break
        # ends a word as the end of a text does): the walk stops once it has marked them all, and
        # a page that names none is not walked at all.
        self.left = set(self.pattern.findall("\n".join(root.itertext())))
        self.seen: set[str] = set()
        if self.left:
            self._walk(root)

    def _walk(self, element: etree.Element) -> None:
        if not self.left or element.tag in SKIP_TAGS:
            return
        if (classes := element.get("class")) and SKIP_CLASSES.search(classes):
            return
        if element.text:
            element.text = self._mark(element, element.text, 0)
        index = 0
        while index < len(element):
            child = element[index]
            if len(child) or child.text:  # an empty element holds no text to mark
                self._walk(child)
            index += 1
            if child.tail:
                before = len(element)
                child.tail = self._mark(element, child.tail, index)
                index += len(element) - before  # past the links just put after it

    def _mark(self, parent: etree.Element, text: str, index: int) -> str:
        """Wrap the first unseen term of `text` and return the text before it."""
        assert self.pattern is not None
        search, start = self.pattern.search, 0
        while match := search(text, start):
            if match.start() and _WORD_BEFORE.match(text, match.start() - 1):
                start = match.start() + 1  # inside a word: a term may still start further on
                continue
            term, start = match.group(1), match.end()
            if term in self.seen:
                continue
            self.seen.add(term)
            self.left.discard(term)
            # The name says the expansion to a screen reader; the abbr's title shows it on hover (and
            # site.css when the keyboard reaches the link).
            link = etree.Element("a", {"href": f"{self.glossary_page}#{term_anchor(term)}", "class": "sg-term",
                                       "aria-label": f"{term} ({self.expansions[term]})"})
            abbr = etree.SubElement(link, "abbr", {"title": self.expansions[term]})
            abbr.text = term
            parent.insert(index, link)
            link.tail = self._mark(parent, text[match.end():], index + 1)
            return text[:match.start()]
        return text
