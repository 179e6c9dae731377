"""Data problems: each names a file, a line and what to fix. No MkDocs here; the plugin converts."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the project root, with forward slashes
    line: int  # 1-based; a problem with a whole file is on line 1
    message: str

    def __post_init__(self) -> None:
        # One line per problem, whatever a value echoed into the message contained.
        object.__setattr__(self, "message", " ".join(self.message.split()))
        object.__setattr__(self, "line", max(1, self.line))

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class DataError(Exception):
    """Every problem found in data/ in one run."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__(report(self.problems))


def report(problems: list[Problem]) -> str:
    count = len(problems)
    head = f"{count} problem{'s' if count != 1 else ''} in data/ (fix each, then build again):"
    return "\n".join([head, *(f"  {problem}" for problem in problems)])


class Problems:
    """The one place a run's problems are recorded, in any order; reported sorted."""

    def __init__(self) -> None:
        self._items: list[Problem] = []

    def add(self, path: str, line: int, message: str) -> None:
        self._items.append(Problem(path, line, message))

    def __bool__(self) -> bool:
        return bool(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def items(self) -> list[Problem]:
        return sorted(set(self._items))
