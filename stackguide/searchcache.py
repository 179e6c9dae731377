"""The preview's reuse of Material's search entries: a page's entries are kept across rebuilds and
reused while everything Material's indexing reads of the page is unchanged.

Material's search plugin makes a new SearchIndex in every build's on_config; in on_page_context it
calls the index's add_entry_from_context(page), which parses the page's HTML into sections and
appends one dict per section to the index's `entries`, reading page.content, page.toc, page.url,
page.title and page.meta. That parse is most of the plugin's time. The cache wraps that method on
each build's index (an attribute set on the instance, nothing else of Material's is changed);
tests/test_preview.py pins the source of the methods it stands in for, so a Material release
that changes them fails a test until the key here is checked again.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable, Hashable
from typing import Any

from mkdocs.plugins import BasePlugin
from mkdocs.structure.pages import Page

from stackguide.fingerprint import Unstable, snapshot


class SearchEntryCache:
    def __init__(self) -> None:
        self._entries: dict[str, tuple[Hashable, list[dict[str, Any]]]] = {}  # by page src_uri
        self._used: set[str] = set()
        self.reused = 0  # pages whose entries the last build reused

    def attach(self, search: BasePlugin[Any] | None) -> None:
        """Reuse entries in this build's index, if it is Material's."""
        from material.plugins.search.plugin import SearchIndex

        index = getattr(search, "search_index", None)
        if not isinstance(index, SearchIndex):
            return
        self._entries = {uri: self._entries[uri] for uri in self._used if uri in self._entries}
        self._used = set()
        self.reused = 0
        try:
            settings = snapshot(index.config)
        except Unstable:
            return
        index.add_entry_from_context = functools.partial(  # type: ignore[method-assign]
            self._add, index, index.add_entry_from_context, settings)

    def _add(self, index: Any, add: Callable[[Page], None], settings: Hashable, page: Page) -> None:
        try:
            key = (settings, page.url, page.title, page.content, snapshot(page.toc), snapshot(page.meta))
        except Unstable:
            add(page)
            return
        uri = page.file.src_uri
        self._used.add(uri)
        kept = self._entries.get(uri)
        if kept is not None and kept[0] == key:
            index.entries.extend(copy.deepcopy(kept[1]))
            self.reused += 1
            return
        start = len(index.entries)
        add(page)
        self._entries[uri] = (key, copy.deepcopy(index.entries[start:]))
