"""Data errors: each names a file, a line and what to fix."""

from __future__ import annotations

from dataclasses import dataclass

from mkdocs.exceptions import PluginError


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class DataError(PluginError):
    """Every problem found in data/ in one run; MkDocs prints it without a traceback."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in data/ (fix each, then build again):"
        super().__init__("\n".join([head, *(f"  {p}" for p in self.problems)]))
