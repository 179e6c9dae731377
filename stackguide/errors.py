"""Data problems: each names a file, a line and what to fix. No MkDocs here; the plugin converts.

A problem is always one line of text that a terminal shows as it is: whatever a file name or an
echoed value holds, control, format and line-break characters are written as escapes (`\x1b`,
`\u202e`), so a name can neither forge a log line nor drive the terminal.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from stackguide.charpolicy import refused_set


def printable(text: str) -> str:
    """`text` with every character the character policy refuses written as a Python escape."""
    bad = refused_set(text)
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
    """Every problem found in data/ in one run, in the order given (Problems.items() sorts them)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(dict.fromkeys(problems))
        super().__init__(report(self.problems))


def report(problems: list[Problem]) -> str:
    count = len(problems)
    head = f"{count} problem{'s' if count != 1 else ''} (fix each, then build again):"
    return "\n".join([head, *(f"  {problem}" for problem in problems)])


PER_FILE_MAX = 30  # problems shown for one file; a count stands for the rest


class Problems:
    """The one place a run's problems are recorded, in any order; reported sorted.

    One file shows at most PER_FILE_MAX problems and then how many more it has, so a file made of
    mistakes costs no more to report than to read, and the list stays readable.
    """

    def __init__(self) -> None:
        self._items: list[Problem] = []
        self._counts: dict[str, int] = {}
        self._first_hidden: dict[str, int] = {}  # path -> line of the first problem not shown

    def add(self, path: str, line: int, message: str) -> None:
        if self.has_room(path):
            self._counts[path] = self._counts.get(path, 0) + 1
            self._items.append(Problem(path, line, message))
        else:
            self.count(path, line)

    def has_room(self, path: str) -> bool:
        """Whether a problem for `path` would still be shown (else only counted: skip the detail)."""
        return self._counts.get(path, 0) < PER_FILE_MAX

    def count(self, path: str, line: int) -> None:
        """A problem past the shown ones, whose message need not be worked out."""
        self._counts[path] = self._counts.get(path, 0) + 1
        self._first_hidden.setdefault(path, line)

    def extend(self, problems: list[Problem]) -> None:
        """Problems reported before, already summed up (the preview's cache of each file's own)."""
        for problem in problems:
            self._counts[problem.path] = self._counts.get(problem.path, 0) + 1
        self._items.extend(problems)

    def __bool__(self) -> bool:
        return bool(self._counts)

    def __len__(self) -> int:
        return sum(self._counts.values())

    def items(self) -> list[Problem]:
        """Sorted by file and line; a file's count of problems not shown comes after its others."""
        shown = sorted(set(self._items))
        for path, line in sorted(self._first_hidden.items()):
            more = Problem(path, line, f"and {self._counts[path] - PER_FILE_MAX:,} more problems in this file; "
                                       "fix the ones above first")
            after = max((index for index, problem in enumerate(shown) if problem.path == path), default=-1)
            shown.insert(after + 1, more)
        return shown


def os_error_reason(err: OSError) -> str:
    """What the operating system refused, in words a contributor can act on."""
    if isinstance(err, PermissionError):
        return "permission denied (give your user the right to read it, and to list it if a folder: chmod u+rwX)"
    return err.strerror or type(err).__name__


def closest(word: str, options: Iterable[str]) -> str | None:
    """The option nearest a mistyped word, or None. difflib is imported when a mistake needs it
    (its import cost every build about 10 ms)."""
    import difflib

    found = difflib.get_close_matches(word, list(options), n=1)
    return found[0] if found else None
