"""Where each page's values were written: page id and field path -> file and line.

The loader fills it from the parsed YAML; `review` and `watch` read it to point at a claim's
line, so the Catalog keeps no YAML of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from stackguide.model import Loc


@dataclass(frozen=True)
class SourceFile:
    """One page's file: its path (relative to the project root) and the line of each value in it,
    worked out on first use (a build asks for the lines of a few overdue claims only)."""

    path: str
    read_lines: Callable[[], Mapping[Loc, int]] = field(repr=False)

    @cached_property
    def lines(self) -> Mapping[Loc, int]:
        return self.read_lines()

    def line_of(self, loc: Sequence[str | int]) -> int:
        """The line of the value at `loc`, or of the nearest enclosing value the file has."""
        key = tuple(loc)
        while key and key not in self.lines:
            key = key[:-1]
        return self.lines.get(key, 1)


@dataclass(frozen=True)
class SourceMap:
    files: Mapping[str, SourceFile] = field(default_factory=dict)  # page id -> its file

    def path(self, page_id: str) -> str | None:
        file = self.files.get(page_id)
        return file.path if file else None

    def line(self, page_id: str, loc: Sequence[str | int]) -> int:
        """Line of a value in the page's file (1 when the file is not known)."""
        file = self.files.get(page_id)
        return file.line_of(loc) if file else 1
