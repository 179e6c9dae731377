"""The generated pages and files of `mkdocs build`, made in a second process while MkDocs converts
the hand-written pages: the build then waits only for a page that is not ready when MkDocs reads it.

The worker is forked once the catalog is loaded, so it starts with it, and sends back text only
(pickling the loaded models costs more than loading them). It is used
where it can pay off and is safe: on Linux, with a second CPU, and no other thread in the process
(a fork copies the locks another thread may hold). Otherwise, or if the worker dies, the
content is made in the build's own process, as before.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from stackguide import pagemacros, pages
from stackguide.catalog import Catalog
from stackguide.model import PageRecord

T = TypeVar("T")
CHUNK = 16  # pages a message: the first arrives within a few milliseconds, the others in its wake

_catalog: Catalog | None = None  # in the worker: the catalog it was forked with, and its pages
_items: tuple[PageRecord, ...] = ()


def available_cpus() -> int:
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity is not None else os.cpu_count() or 1


def can_fork_worker() -> bool:
    """Forking is Linux's usual way to start a process (macOS's system libraries do not allow it)."""
    return sys.platform.startswith("linux") and available_cpus() > 1 and threading.active_count() == 1


class PageWorker:
    """What the worker makes, in the order MkDocs reads it: the hand-written pages' macros, the
    generated pages in the catalog's order, then the other generated files."""

    def __init__(self, catalog: Catalog, site: tuple[str, str, str]) -> None:
        self._catalog, self._site = catalog, site
        self._items = catalog.pages()
        self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"),
                                         initializer=_adopt, initargs=(catalog,))
        self._macros = {name: self._pool.submit(_macro, name) for name in pagemacros.MACROS}
        self._chunks = [self._pool.submit(_contents, start, min(start + CHUNK, len(self._items)))
                        for start in range(0, len(self._items), CHUNK)]
        self._outputs = self._pool.submit(_outputs, *site)
        self._pool.shutdown(wait=False)  # the worker ends once it has made them all

    def macro(self, name: str) -> object:
        """What the page macro `name` gives (pagemacros.MACROS'); its error, if it fails."""
        value = _result(self._macros[name])
        return pagemacros.MACROS[name](self._catalog) if value is None else value

    def page(self, index: int) -> str:
        """The content of the catalog's page `index` (pages.generated_page's)."""
        chunk = _result(self._chunks[index // CHUNK])
        if chunk is None:
            return pages.generated_page(self._catalog, self._items[index]).content
        return chunk[index % CHUNK]

    def output(self, name: str) -> str:
        """The generated file `name` (pages.outputs')."""
        made = _result(self._outputs)
        if made is None:
            made = pages.outputs(self._catalog, *self._site)
        return made[name]

    def close(self, wait: bool = True) -> None:
        """Stop the worker; with `wait`, until it has ended (it has nothing left to do once MkDocs has
        read every page and file). A failed build does not wait for the pages it will not read."""
        self._pool.shutdown(wait=wait, cancel_futures=True)


def _result(future: Future[T]) -> T | None:
    try:
        return future.result()
    except BrokenProcessPool:  # the worker died (killed, out of memory): the build makes it
        return None


def _adopt(catalog: Catalog) -> None:
    global _catalog, _items
    _catalog, _items = catalog, catalog.pages()
    gc.disable()  # the worker lives for one build; its cycle collections would only walk the catalog


def _macro(name: str) -> object:
    assert _catalog is not None
    return pagemacros.MACROS[name](_catalog)


def _contents(start: int, stop: int) -> list[str]:
    assert _catalog is not None
    return [pages.generated_page(_catalog, item).content for item in _items[start:stop]]


def _outputs(site_name: str, site_description: str, site_url: str) -> dict[str, str]:
    assert _catalog is not None
    return pages.outputs(_catalog, site_name, site_description, site_url)


class LateFile(File):
    """A generated file whose content is still being made: reading it waits for it. MkDocs reads a
    page's source once, just before converting it, and copies other files after every page."""

    _later: Callable[[], str] | None = None

    @classmethod
    def later(cls, config: MkDocsConfig, src_uri: str, content: Callable[[], str]) -> LateFile:
        file = cls.generated(config, src_uri, content="")
        assert isinstance(file, cls)
        file._later = content
        return file

    def _settle(self) -> None:
        if self._later is not None:
            later, self._later = self._later, None
            File.content_string.fset(self, later())  # type: ignore[attr-defined]

    @property
    def content_string(self) -> str:
        self._settle()
        return str(File.content_string.fget(self))  # type: ignore[attr-defined]

    @content_string.setter
    def content_string(self, value: str) -> None:
        self._later = None
        File.content_string.fset(self, value)  # type: ignore[attr-defined]

    @property
    def content_bytes(self) -> bytes:
        self._settle()
        return bytes(File.content_bytes.fget(self))  # type: ignore[attr-defined]

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        self._later = None
        File.content_bytes.fset(self, value)  # type: ignore[attr-defined]

    def copy_file(self, dirty: bool = False) -> None:
        self._settle()
        super().copy_file(dirty)
