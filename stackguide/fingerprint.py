"""Comparable snapshots of what the theme reads (config, navigation, a page), for the preview's caches.

A snapshot is made of plain values only, so two builds' snapshots are equal exactly when the values
they were taken from are. A value of a kind not known here raises Unstable: its state cannot be
told, and the caller renders afresh.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Hashable, Mapping
from types import BuiltinFunctionType, FunctionType, MethodType
from typing import Any

from markdown.extensions import Extension
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs.theme import Theme

PLAIN = (str, int, float, bool, type(None))
BY_TEXT = frozenset({"babel.core.Locale"})  # kinds whose text is their whole state (the theme's language)
# Kinds whose attributes are their whole state: Material's tags, as its tags plugin adds them to a
# page's context.
BY_ATTRIBUTES = frozenset({"material.plugins.tags.structure.tag.Tag",
                           "material.plugins.tags.structure.tag.reference.TagReference"})
# A page's own attributes left out of its snapshot: its Markdown-to-HTML method (the preview's
# wrapper of it) and the active flag (the current page is the active one, its snapshot says which).
PAGE_SKIPPED = frozenset({"render", "_Page__active"})


class Unstable(Exception):
    """A value of a kind whose state a snapshot cannot take."""


def snapshot(value: Any) -> Hashable:
    """`value` as nested tuples of plain values; a section or file by its identity and address, another
    page by its address, title, HTML, table of contents and metadata."""
    if isinstance(value, PLAIN):
        return value
    if isinstance(value, (list, tuple)):
        return tuple(snapshot(item) for item in value)
    if isinstance(value, (set, frozenset)):
        return ("set", tuple(sorted((snapshot(item) for item in value), key=repr)))
    if isinstance(value, Theme):
        return ("theme", value.name, tuple(value.dirs), tuple(value.static_templates), str(value.locale),
                _mapping(value))
    if isinstance(value, Mapping):
        return _mapping(value)
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, Page):  # a neighbour, or a page another plugin lists: what a template may show of it
        return ("page", value.file.src_uri, value.title, value.url, value.content,
                snapshot(value.toc), _mapping(value.meta))
    if isinstance(value, Section):
        return ("section", value.title, snapshot(value.parent))
    if isinstance(value, Link):
        return ("link", value.title, value.url)
    if isinstance(value, File):
        return ("file", value.src_uri, value.dest_uri, value.url, value.edit_uri, value.inclusion.name)
    if isinstance(value, (TableOfContents, AnchorLink)):
        return _toc(value)
    if isinstance(value, BasePlugin):
        return ("plugin", _name(value), _mapping(value.config))
    if isinstance(value, Extension):
        return ("extension", _name(value), _mapping(value.getConfigs()))
    if isinstance(value, (type, FunctionType, BuiltinFunctionType, MethodType, functools.partial)):
        return _callable(value)
    if _name(value) in BY_TEXT:
        return (_name(value), str(value))
    if _name(value) in BY_ATTRIBUTES:
        return (_name(value), _mapping(vars(value)))
    raise Unstable(_name(value))


def page_snapshot(page: Page, meta_keys: frozenset[str] | None) -> Hashable:
    """Everything a page object holds, and what its properties work out from it; its neighbours as
    the navigation shows them (their HTML and table of contents are theirs only)."""
    own = tuple((name, _nav_item(value, meta_keys) if name in NEIGHBOURS and isinstance(value, Page)
                 else snapshot(value)) for name, value in sorted(vars(page).items()) if name not in PAGE_SKIPPED)
    return (own, page.title, page.url, page.is_homepage, snapshot(page.ancestors))


NEIGHBOURS = frozenset({"previous_page", "next_page"})  # the footer's links


# What a page shows only for itself: the navigation's snapshot leaves these out of other pages
# (their Markdown, HTML and table of contents change with every edit; the theme reads them from
# the current page only), and takes parent, children and neighbours from the structure itself.
OWN_ONLY = frozenset({"markdown", "content", "toc", "meta", "links_to_anchors", "present_anchor_ids", "parent",
                      "children", "previous_page", "next_page"}) | PAGE_SKIPPED


def nav_snapshot(nav: Navigation, meta_keys: frozenset[str] | None) -> Hashable:
    """The whole navigation as every page sees it: each item's kind, title, address and attributes,
    and of each page's metadata the keys `meta_keys` (all of it when None) and whether it has any."""
    return (tuple(_nav_item(item, meta_keys) for item in nav.items), snapshot(nav.homepage))


def _nav_item(item: Any, meta_keys: frozenset[str] | None) -> Hashable:
    if isinstance(item, Page):
        meta = snapshot(item.meta) if meta_keys is None else (
            bool(item.meta), tuple((key, key in item.meta, snapshot(item.meta.get(key))) for key in sorted(meta_keys)))
        attributes = tuple((name, snapshot(value)) for name, value in sorted(vars(item).items())
                           if name not in OWN_ONLY)
        return ("page", item.title, item.url, item.is_index, meta, attributes)
    if isinstance(item, Section):
        return ("section", item.title, tuple(_nav_item(child, meta_keys) for child in item.children))
    return snapshot(item)


def _callable(value: Any) -> Hashable:
    """A function by its qualified name (its code does not change while the preview runs), with the
    state of what it is bound to or closes over."""
    if isinstance(value, functools.partial):
        return ("partial", snapshot(value.func), snapshot(value.args), _mapping(value.keywords))
    if isinstance(value, MethodType):
        owner = value.__self__
        return ("method", _callable(value.__func__), _name(owner), _mapping(vars(owner)) if hasattr(owner, "__dict__")
                else None)
    cells = getattr(value, "__closure__", None) or ()
    return ("function", getattr(value, "__module__", None), value.__qualname__,
            tuple(snapshot(cell.cell_contents) for cell in cells))


def _toc(item: TableOfContents | AnchorLink) -> Hashable:
    if isinstance(item, TableOfContents):
        return ("toc", tuple(_toc(child) for child in item))
    return ("anchor", item.title, item.id, item.level, tuple(_toc(child) for child in item.children))


def _mapping(value: Mapping[Any, Any]) -> Hashable:
    return ("map", tuple((snapshot(key), snapshot(item)) for key, item in value.items()))


def _name(value: object) -> str:
    return f"{type(value).__module__}.{type(value).__qualname__}"
