"""The line of each value of a JSON text, by its path, for problems reported at the line an editor shows."""

from __future__ import annotations

import bisect
import json.decoder
import json.scanner
import re
from collections.abc import Callable

Path = tuple[str | int, ...]

_SPACE = re.compile(r"[ \t\n\r]*")
# json's own string reader: the string at an opening quote's next character, and where it ends.
_scanstring: Callable[[str, int], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]
_LITERALS = ("true", "false", "null", "NaN", "Infinity", "-Infinity")  # the last three: as json.loads reads them


def value_lines(text: str) -> dict[Path, int]:
    """Path -> line for every value of `text`, which json.loads has accepted: a member's line is its
    key's, an item's is where it starts. One pass with a stack of its own, so no nesting that
    json.loads took can exhaust Python's recursion. A key given twice keeps its last line, as
    json.loads keeps its last value."""
    breaks = [found.start() for found in re.finditer("\n", text)]

    def line(position: int) -> int:
        return bisect.bisect_left(breaks, position) + 1

    def skip(position: int) -> int:
        return _SPACE.match(text, position).end()  # type: ignore[union-attr]  # it matches the empty text

    def key(position: int) -> tuple[str, int]:  # at a key's opening quote: the key and where its value starts
        name, end = _scanstring(text, position + 1)
        return name, skip(skip(end) + 1)  # past the colon

    lines: dict[Path, int] = {}
    open_paths: list[tuple[Path, bool]] = []  # the containers around the value, each with whether it is a list
    path: Path = ()
    position = skip(0)
    lines[path] = line(position)
    while True:
        char = text[position]
        if char in "{[":
            position = skip(position + 1)
            if text[position] not in "}]":  # not empty: on to its first value
                open_paths.append((path, char == "["))
                if char == "[":
                    path = (*path, 0)
                    lines[path] = line(position)
                else:
                    name, start = key(position)
                    path = (*path, name)
                    lines[path] = line(position)
                    position = start
                continue
            position += 1
        elif char == '"':
            position = _scanstring(text, position + 1)[1]
        elif (literal := next((word for word in _LITERALS if text.startswith(word, position)), None)) is not None:
            position += len(literal)
        else:
            position = json.scanner.NUMBER_RE.match(text, position).end()  # type: ignore[union-attr]  # valid JSON
        # After a value: close the containers it ends, then go on to the next member or item.
        while True:
            position = skip(position)
            if not open_paths:
                return lines
            outer, is_list = open_paths[-1]
            if text[position] == ",":
                position = skip(position + 1)
                if is_list:
                    path = (*outer, int(path[-1]) + 1)
                    lines[path] = line(position)
                else:
                    name, start = key(position)
                    lines[(*outer, name)] = line(position)
                    path, position = (*outer, name), start
                break
            position += 1  # the closing bracket
            open_paths.pop()
            path = outer


def line_of(lines: dict[Path, int], path: Path) -> int:
    """The line of the value at `path`, or of the nearest value around it that the text has (a
    missing key: the object that lacks it)."""
    while path not in lines and path:
        path = path[:-1]
    return lines.get(path, 1)
