"""The line of each value of a JSON text: every path json.loads gives, at the line that shows it."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from stackguide.jsonsource import Path, line_of, value_lines

SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8)
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6),
                                                                                             inner, max_size=4),
                      max_leaves=30)


def paths(value: Any, path: Path = ()) -> set[Path]:
    found = {path}
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, inner in items:
        found |= paths(inner, (*path, key))
    return found


@settings(max_examples=300, deadline=None)
@given(value=VALUES, indent=st.sampled_from([None, 0, 1, 3]), ascii_only=st.booleans())
@example(value={": ": None}, indent=None, ascii_only=False)  # a key that looks like JSON's own separator
def test_every_value_has_the_line_that_shows_it(value: Any, indent: int | None, ascii_only: bool) -> None:
    text = json.dumps(value, indent=indent, ensure_ascii=ascii_only)
    found = value_lines(text)
    assert set(found) == paths(json.loads(text))
    rows = text.split("\n")
    for path, line in found.items():
        if path and isinstance(path[-1], str):  # a member: its key is on its line
            assert json.dumps(path[-1], ensure_ascii=ascii_only) + ":" in rows[line - 1]
        if indent is None:
            assert line == 1


def test_lines_of_a_hand_written_report() -> None:
    text = '{\n "ran": "x",\n "findings": [\n  {"line": 3},\n\n  {"line": [1,\n 2]}\n ], "problems": []\n}\n'
    lines = value_lines(text)
    assert (lines[()], lines[("ran",)], lines[("findings",)], lines[("findings", 0)]) == (1, 2, 3, 4)
    assert (lines[("findings", 1)], lines[("findings", 1, "line", 1)], lines[("problems",)]) == (6, 7, 8)
    assert line_of(lines, ("findings", 1, "published")) == 6  # a missing key: the object that lacks it
    assert line_of(lines, ("nowhere", 3)) == 1


def test_a_key_given_twice_has_its_last_line_as_its_value_is_the_last() -> None:
    assert value_lines('{"a": 1,\n"a": 2}')[("a",)] == 2


def test_nesting_json_accepts_is_read_without_recursion() -> None:
    depth = 900  # json.loads' own limit is the interpreter's recursion limit
    text = "[" * depth + "]" * depth
    json.loads(text)
    assert len(value_lines(text)) == depth
