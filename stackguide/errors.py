"""Data problems: each names a file, a line and what to fix. No MkDocs here; the plugin converts.

A problem is always one line of text that a terminal shows as it is: whatever a file name or an
echoed value holds, control, format and line-break characters are written as escapes (`\x1b`,
`\u202e`), so a name can neither forge a log line nor drive the terminal.
"""

from __future__ import annotations

from dataclasses import dataclass

from stackguide.charpolicy import refused_characters


def printable(text: str) -> str:
    """`text` with every character the character policy refuses written as a Python escape."""
    bad = refused_characters(text)
    if not bad:
        return text
    return text.translate({ord(char): _escape(char) for char in bad})


_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _escape(char: str) -> str:
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the project root, with forward slashes
    line: int  # 1-based; a problem with a whole file is on line 1
    message: str

    def __post_init__(self) -> None:
        # One line per problem, whatever a path or a value echoed into the message contained.
        object.__setattr__(self, "path", printable(self.path))
        object.__setattr__(self, "message", printable(self.message))
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


def os_error_reason(err: OSError) -> str:
    """What the operating system refused, in words a contributor can act on."""
    if isinstance(err, PermissionError):
        return "permission denied (give your user the right to read it, and to list it if a folder: chmod u+rwX)"
    return err.strerror or type(err).__name__
