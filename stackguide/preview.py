"""The preview's error page: while data/ is broken, every page of `mkdocs serve` lists the problems."""

from __future__ import annotations

import logging
import re
from functools import cache

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined
from jinja2.bccache import Bucket

from stackguide.errors import Problem, report
from stackguide.render import TEMPLATES

# Outside the "mkdocs" logger: its strict-mode counter would stop the preview, and its duplicate
# filter would hide a mistake repeated in the next rebuild.
log = logging.getLogger("stackguide")


@cache
def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined, autoescape=True)


def problems_page(problems: list[Problem], site_name: str, page_url: str) -> str:
    template = _environment().get_template("data-problems.html")
    return template.render(problems=problems, count=len(problems), site_name=site_name, page_url=page_url)


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


def print_built(pages: int, seconds: float) -> None:
    """The one line a rebuild prints."""
    _logger().info(f"Built {pages} pages in {seconds:.2f} s")


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
    """Compiled theme templates, kept in memory across the preview's rebuilds.

    MkDocs makes a new Jinja environment for every build, so Material's templates would be
    compiled again each time (about a third of a second). Jinja stores each template's source
    checksum with its code and ignores code whose source has changed, so an edited override is
    compiled afresh.
    """

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if (code := self.compiled.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()
