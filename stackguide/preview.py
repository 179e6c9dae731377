"""The preview's error page: while data/ is broken, every page of `mkdocs serve` lists the problems."""

from __future__ import annotations

import copy
import logging
import re
import threading
from dataclasses import dataclass
from typing import Any

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from stackguide.errors import Problem, report
from stackguide.glossary import GlossaryLinks
from stackguide.render import html_templates

# Outside the "mkdocs" logger: its strict-mode counter would stop the preview, and its duplicate
# filter would hide a mistake repeated in the next rebuild.
log = logging.getLogger("stackguide")


def problems_page(problems: list[Problem], site_name: str, page_url: str) -> str:
    """The page every page of the preview shows while data/ has problems."""
    return _page([(f"{problem.path}:{problem.line}", problem.message) for problem in problems], site_name, page_url,
                 in_data=True)


def failure_page(messages: list[tuple[str, str]], site_name: str, page_url: str) -> str:
    """The page every page of the preview shows after a rebuild that stopped: (where, message)
    pairs, where may be empty."""
    return _page(messages, site_name, page_url, in_data=False)


def _page(problems: list[tuple[str, str]], site_name: str, page_url: str, *, in_data: bool) -> str:
    template = html_templates().get_template("data-problems.html")
    return template.render(problems=problems, count=len(problems), site_name=site_name, page_url=page_url,
                           in_data=in_data)


def _logger() -> logging.Logger:
    if not log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
        log.addHandler(handler)
        log.propagate = False
        log.setLevel(logging.INFO)
    return log


def print_problems(problems: list[Problem]) -> None:
    """Every problem, every time, on the terminal."""
    _logger().error(report(problems) + "\nThe preview shows these on every page until they are fixed.")


def log_failure(text: str) -> None:
    """What stopped a rebuild of the preview (stackguide.rebuildfailure)."""
    _logger().error(text)


def print_built(pages: int, seconds: float, converted: int, rendered: int) -> None:
    """The one line a rebuild prints, with how many pages were made afresh rather than reused."""
    _logger().info(f"Built {pages} pages in {seconds:.2f} s ({converted} converted from Markdown, "
                   f"{rendered} rendered by the theme)")


class _Forgiven(logging.Filter):
    """Keeps warnings from strict mode's counter while the preview shows the problems page."""

    def filter(self, record: logging.LogRecord) -> bool:
        return False


_FORGIVEN = _Forgiven()


def forgive_warnings(logger: logging.Logger, *, while_broken: bool) -> None:
    """Let this build's warnings through uncounted (while data/ is broken), or count them again.

    MkDocs counts warnings for strict mode with a handler on its logger that has get_counts();
    the handler's own filter decides what it counts. The warnings are still printed.
    """
    for handler in logger.handlers:
        if hasattr(handler, "get_counts"):
            if while_broken:
                handler.addFilter(_FORGIVEN)
            else:
                handler.removeFilter(_FORGIVEN)


class _RebuildChatter(logging.Filter):
    """Drops MkDocs' informational lines about each rebuild ("Documentation built in ..." is also
    hidden by MkDocs' duplicate filter whenever two builds take the same time); the address it
    serves on, warnings and errors pass."""

    CHATTER = re.compile(r"Building documentation|Cleaning site directory|Detected file changes|"
                         r"Reloading browsers|Browser connected|Documentation built in")

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno > logging.INFO or not self.CHATTER.search(str(record.msg))


CHATTY = ("commands.build", "commands.serve", "livereload")  # the loggers that say them


def quiet_rebuilds(tool: str) -> None:
    """One line per rebuild in the preview: ours, from print_built."""
    for name in CHATTY:
        logger = logging.getLogger(f"{tool}.{name}")
        if not any(isinstance(f, _RebuildChatter) for f in logger.filters):
            logger.addFilter(_RebuildChatter())


class TemplateCache(BytecodeCache):
    """Compiled theme templates, kept in memory for every environment the theme makes in one build
    and, under `mkdocs serve`, across rebuilds (stackguide.themefiles).

    MkDocs makes a new Jinja environment for every build, and Material's search plugin two more,
    so Material's templates would be compiled again each time (about a third of a second per
    rebuild). Jinja stores each template's source checksum with its code and ignores code whose
    source has changed, so an edited override is compiled afresh.
    """

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if (code := self.compiled.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


# Extensions whose output depends on a page's Markdown and their settings alone. With any other
# extension in the config the preview converts every page afresh, as MkDocs does.
PURE_EXTENSIONS = frozenset({
    "abbr", "admonition", "attr_list", "def_list", "extra", "fenced_code", "footnotes", "md_in_html", "meta",
    "nl2br", "sane_lists", "smarty", "tables", "toc", "wikilinks",
    "pymdownx.betterem", "pymdownx.caret", "pymdownx.details", "pymdownx.emoji", "pymdownx.highlight",
    "pymdownx.inlinehilite", "pymdownx.keys", "pymdownx.mark", "pymdownx.smartsymbols", "pymdownx.superfences",
    "pymdownx.tabbed", "pymdownx.tasklist", "pymdownx.tilde",
    "pymdownx.snippets",  # reads other files, but only where a page says --8<-- (SNIPPET): never cached
})
SNIPPET = "--8<--"


@dataclass
class _Converted:
    content: str
    toc: Any
    title: str | None
    anchors: set[str]
    links_to_anchors: dict[str, dict[str, str]] | None  # by the linked file's src_uri
    records: list[logging.LogRecord]  # what the conversion logged, said again when it is reused


class ConversionCache:
    """Each page's HTML, kept across the preview's rebuilds and reused while the page's Markdown
    and everything its conversion reads (extensions and their settings, link checks, the site's
    files and their addresses) are unchanged: a saved data file then costs the conversion of the
    pages it changes, not of every page. What a conversion logged (a broken link, say) is logged
    again whenever it is reused, so warnings and strict mode count them as before.
    """

    def __init__(self) -> None:
        self._pages: dict[tuple[str, str], _Converted] = {}
        self._used: set[tuple[str, str]] = set()  # the pages of the last build
        self._context: tuple[Any, ...] | None = None
        self._current: tuple[Any, ...] | None = None  # this build's context, worked out at its first page
        self.converted = 0  # pages this build converted

    def __len__(self) -> int:
        return len(self._pages)

    def new_build(self) -> None:
        """Forget the versions of pages the last build did not use, so a long preview keeps one a page."""
        self._pages = {key: self._pages[key] for key in self._used if key in self._pages}
        self._used = set()
        self._current = None
        self.converted = 0

    def render(self, page: Page, config: MkDocsConfig, files: Files) -> None:
        """Page.render, or its result from an earlier build when nothing it reads has changed."""
        if self._current is None:
            self._current = _context(config, files)
            if self._current != self._context:
                self._pages.clear()
                self._context = self._current
        markdown = page.markdown or ""
        if self._context is None or SNIPPET in markdown:
            self.converted += 1
            Page.render(page, config, files)
            return
        key = (page.file.src_uri, markdown)
        self._used.add(key)
        converted = self._pages.get(key)
        if converted is None:
            self.converted += 1
            with _ConversionLog(_tool_logger(config)) as records:
                Page.render(page, config, files)
            self._pages[key] = converted = _Converted(
                page.content or "", copy.deepcopy(page.toc), page._title_from_render,
                set(page.present_anchor_ids or ()),
                None if page.links_to_anchors is None else
                {file.src_uri: dict(links) for file, links in page.links_to_anchors.items()}, records)
            return
        for record in converted.records:
            logging.getLogger(record.name).handle(record)
        # A copy of the table of contents: plugins change it in place (Material's tags plugin moves
        # its listing's anchors into it), and the next reuse must find it as the conversion made it.
        page.content, page.toc, page._title_from_render = converted.content, copy.deepcopy(converted.toc), \
            converted.title
        page.present_anchor_ids = set(converted.anchors)
        if converted.links_to_anchors is not None:
            page.links_to_anchors = {file: dict(links) for uri, links in converted.links_to_anchors.items()
                                     if (file := files.get_file_from_path(uri)) is not None}


def _context(config: MkDocsConfig, files: Files) -> tuple[Any, ...] | None:
    """What every page's conversion reads besides its own Markdown, or None when an extension
    may read more (then nothing is reused)."""
    extensions: list[Any] = []
    for extension in config.markdown_extensions:
        if isinstance(extension, str):
            if extension not in PURE_EXTENSIONS:
                return None
            extensions.append(extension)
        elif isinstance(extension, GlossaryLinks):
            extensions.append(repr(extension.getConfigs()))
        else:
            return None
    if config.mdx_configs.get("pymdownx.snippets", {}).get("auto_append"):
        return None  # added to every page
    addresses = tuple(sorted((file.src_uri, file.url, file.inclusion.name) for file in files))
    return (tuple(extensions), repr(config.mdx_configs), repr(config.validation), config.use_directory_urls,
            addresses)


def _tool_logger(config: MkDocsConfig) -> logging.Logger:
    return logging.getLogger(type(config).__module__.split(".")[0])  # "mkdocs", or "properdocs"


class _ConversionLog(logging.Handler):
    """Collects what is logged while it is open: on the tool's logger (which does not pass records
    on to the root) and on the root logger (Python-Markdown's and its extensions' loggers)."""

    def __init__(self, tool: logging.Logger) -> None:
        super().__init__(logging.NOTSET)
        self.loggers = [tool, logging.getLogger()]
        self.records: list[logging.LogRecord] = []
        self.thread = threading.get_ident()  # not the live-reload server's own lines

    def __enter__(self) -> list[logging.LogRecord]:
        for logger in self.loggers:
            logger.addHandler(self)
        return self.records

    def __exit__(self, *exc: object) -> None:
        for logger in self.loggers:
            logger.removeHandler(self)

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread and not any(record is seen for seen in self.records):  # may pass both
            self.records.append(record)
