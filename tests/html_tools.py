"""Small HTML helpers for asserting on the built site with a real parser."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path


@dataclass
class Link:
    href: str
    text: str
    classes: set[str]
    in_nav: bool


@dataclass
class PageParser(HTMLParser):
    links: list[Link] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    meta: dict[str, str] = field(default_factory=dict)
    _open: list[dict] = field(default_factory=list)
    _nav_depth: int = 0
    _stack: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {key: value or "" for key, value in attrs}
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "meta" and ("name" in attributes or "property" in attributes):
            self.meta[attributes.get("name") or attributes.get("property", "")] = attributes.get("content", "")
        if tag == "nav":
            self._nav_depth += 1
        if tag == "a" and "href" in attributes:
            classes = set(attributes.get("class", "").split())
            self._open.append({"href": attributes["href"], "text": "", "classes": classes,
                               "in_nav": self._nav_depth > 0})

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav":
            self._nav_depth -= 1
        if tag == "a" and self._open:
            item = self._open.pop()
            self.links.append(Link(item["href"], " ".join(item["text"].split()), item["classes"], item["in_nav"]))

    def handle_data(self, data: str) -> None:
        for item in self._open:
            item["text"] += data


def parse_page(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser
