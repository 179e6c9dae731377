"""The preview's reuse of generated pages: a page is made again only when something it read of the
catalog, its own record or a template has changed.

While a page is made, the catalog it is given notes every attribute read and every method call,
with the arguments and the answer. At the next rebuild each noted read is made again on the new
catalog; when every answer equals the noted one, the page's record equals the one it was made
from and no template has changed, the page's Markdown is reused. The preview keeps each unchanged
data file's records (load.FileCache), so most answers compare by identity.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, cast

from stackguide import pages
from stackguide.catalog import Catalog
from stackguide.model import PageRecord
from stackguide.pages import GeneratedPage

_Read = tuple[str, tuple[Any, ...] | None, tuple[tuple[str, Any], ...], Any]  # name, arguments, answer


class _Noting:
    """A catalog that notes what is read of it; method calls run on the catalog itself."""

    def __init__(self, catalog: Catalog, reads: list[_Read]) -> None:
        self._catalog = catalog
        self._reads = reads

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._catalog, name)
        if callable(value) and getattr(value, "__self__", None) is self._catalog:
            method: Callable[..., Any] = value

            def noted(*args: Any, **kwargs: Any) -> Any:
                answer = method(*args, **kwargs)
                self._reads.append((name, args, tuple(sorted(kwargs.items())), answer))
                return answer
            return noted
        self._reads.append((name, None, (), value))
        return value


def _unchanged(catalog: Catalog, reads: list[_Read]) -> bool:
    for name, args, kwargs, answer in reads:
        try:
            value = getattr(catalog, name)
            now = value if args is None else value(*args, **dict(kwargs))
        except Exception:  # an id that is gone, say: the page is made again and says why
            return False
        if now is not answer and now != answer:
            return False
    return True


def template_stamps(folders: tuple[Path, ...]) -> tuple[tuple[str, int, int], ...]:
    """Every template file's path, modification time and size."""
    return tuple((path, info.st_mtime_ns, info.st_size) for path, info in _files(folders))


def _files(folders: tuple[Path, ...]) -> Iterator[tuple[str, os.stat_result]]:
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                yield str(path), path.stat()


class GeneratedPageCache:
    def __init__(self) -> None:
        self._pages: dict[str, tuple[PageRecord, list[_Read], GeneratedPage]] = {}  # by page path
        self._stamps: tuple[tuple[str, int, int], ...] = ()
        self.made = 0  # pages this build made afresh

    def new_build(self, templates: tuple[Path, ...]) -> None:
        stamps = template_stamps(templates)
        if stamps != self._stamps:
            self._pages.clear()
            self._stamps = stamps
        self.made = 0

    def page(self, catalog: Catalog, item: PageRecord) -> GeneratedPage:
        """pages.generated_page(catalog, item), or the same page from an earlier build when nothing it read changed."""
        key = catalog.page_path(item)
        kept = self._pages.get(key)
        if kept is not None and (kept[0] is item or kept[0] == item) and _unchanged(catalog, kept[1]):
            return kept[2]
        reads: list[_Read] = []
        made = pages.generated_page(cast(Catalog, _Noting(catalog, reads)), item)
        self._pages[key] = (item, reads, made)
        self.made += 1
        return made

    def forget_others(self, kept: set[str]) -> None:
        """Keep only the pages of this build."""
        self._pages = {key: value for key, value in self._pages.items() if key in kept}
