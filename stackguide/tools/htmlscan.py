"""One HTML parser for the built site: the link checker and the tests both read pages with it."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

# Elements whose src (or, for <link>, href) the browser fetches on its own.
_FETCHED = {"script", "img", "iframe", "source", "audio", "video", "embed", "object", "track", "input"}


@dataclass
class HtmlLink:
    href: str
    text: str
    classes: set[str]
    in_nav: bool  # inside a <nav>: Material's navigation, not the page's content


@dataclass
class HtmlPage:
    """What the checks need from one HTML page."""

    links: list[HtmlLink] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    meta: dict[str, str] = field(default_factory=dict)
    fetched: list[str] = field(default_factory=list)  # URLs the browser loads by itself
    attributes: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, name, value) of every attribute
    title: str = ""
    text: str = ""  # the visible text of <main>, whitespace collapsed
    headings: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, id, text) in <main>
    counts: Counter[str] = field(default_factory=Counter)  # tags and .classes seen in <main>
    abbreviations: list[tuple[str, str]] = field(default_factory=list)  # (text, title) of each <abbr>


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = HtmlPage()
        self._open_links: list[HtmlLink] = []  # text gathered until the </a>
        self._nav_depth = 0
        self._in_title = False
        self._main_depth = 0
        self._text: list[str] = []
        self._heading: list[str] | None = None  # [tag, id, text] while inside a heading
        self._abbr: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.page.attributes.extend((tag, name, value) for name, value in values.items())
        for key in ("id", "name") if tag == "a" else ("id",):
            if values.get(key):
                self.page.ids.add(values[key])
        if tag == "meta" and ("name" in values or "property" in values):
            self.page.meta[values.get("name") or values.get("property", "")] = values.get("content", "")
        if tag in _FETCHED and values.get("src"):
            self.page.fetched.append(values["src"])
        if tag == "link" and values.get("href") and values.get("rel") not in ("canonical", "prev", "next"):
            self.page.fetched.append(values["href"])
        if tag == "nav":
            self._nav_depth += 1
        if tag == "main":
            self._main_depth += 1
        if tag == "title":
            self._in_title = True
        if self._main_depth:
            self.page.counts[tag] += 1
            self.page.counts.update(f".{name}" for name in values.get("class", "").split())
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                self._heading = [tag, values.get("id", ""), ""]
            if tag == "abbr":
                self._abbr = ["", values.get("title", "")]
        if tag == "a" and "href" in values:
            classes = set(values.get("class", "").split())
            self._open_links.append(HtmlLink(values["href"], "", classes, self._nav_depth > 0))

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav":
            self._nav_depth -= 1
        if tag == "main":
            self._main_depth -= 1
        if tag == "title":
            self._in_title = False
        if self._heading is not None and tag == self._heading[0]:
            self.page.headings.append((self._heading[0], self._heading[1], _collapse(self._heading[2])))
            self._heading = None
        if tag == "abbr" and self._abbr is not None:
            self.page.abbreviations.append((self._abbr[0], self._abbr[1]))
            self._abbr = None
        if tag == "a" and self._open_links:
            link = self._open_links.pop()
            link.text = " ".join(link.text.split())
            self.page.links.append(link)

    def handle_data(self, data: str) -> None:
        for link in self._open_links:
            link.text += data
        if self._in_title:
            self.page.title += data
        if self._main_depth:
            self._text.append(data)
        if self._heading is not None:
            self._heading[2] += data
        if self._abbr is not None:
            self._abbr[0] += data

    def close(self) -> None:
        super().close()
        self.page.text = " ".join("".join(self._text).split())


def _collapse(text: str) -> str:
    """HTML's own white space (ASCII only) collapsed: a no-break space stays what it is."""
    return re.sub(r"[ \t\n\r\f]+", " ", text).strip()


def parse_html(text: str) -> HtmlPage:
    parser = _Parser()
    parser.feed(text)
    parser.close()
    return parser.page


def parse_file(path: Path) -> HtmlPage:
    return parse_html(path.read_text(encoding="utf-8"))
