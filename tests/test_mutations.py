"""Any edit of a real data file either loads, and then every page and output renders, or is
refused with problems that each name a data file and a line in it.

The edits are the slips of a hand editing YAML: a line deleted, repeated, moved, cut short or
re-indented, and pieces of YAML and Markdown syntax or values the loader must judge typed into a
line. Mutating the data files this way found a syntax error at the end of a file without a final
line break reported on a line past its end.
"""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from stackguide import pagemacros, pages, searchindex
from stackguide.errors import DataError
from stackguide.load import FileCache, load_catalog
from stackguide.tools.devkit import copy_project
from stackguide.yamlsource import line_count

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(path.relative_to(ROOT).as_posix() for path in (ROOT / "data").rglob("*.yaml"))
PIECES = ["\n", "\r", "\r\n", "  ", "- ", ": ", "'", '"', "[", "]", "{", "}", "#", "&a", "*a", "!!str", "|", ">",
          "\t", "\\", "? ", "<<: ", "---", "...", "%YAML 1.1", "null", "~", "yes", "0x1F", "1e9", "2026-13-40",
          "9" * 40, "[^", "](", "[=", "[^doc]", "[=x:y]", "[a](amazon-s3)", "<b>", "&#10;", "```", "**", "_", "1. ",
          "\u00a0", "\u202e", "é", "İ", "ß", "ﬃ", "TODO", "[[stackguide-sources]]", "__config", "index",
          "https://", "http://example.com/", "stray"]
EDITS = st.tuples(st.sampled_from(["delete", "repeat", "move", "cut", "indent", "type"]),
                  st.floats(0, 1), st.floats(0, 1), st.sampled_from(PIECES))
Edit = tuple[str, float, float, str]
# After a change to the loader, a longer run: STACKGUIDE_MUTATIONS=5000 pytest tests/test_mutations.py
MUTATIONS = int(os.environ.get("STACKGUIDE_MUTATIONS", "100"))
# Each write gets its own modification time, a second after the last (2001 on), which any file
# system keeps apart: the cache then reads the file again even when its size is unchanged.
_stamps = itertools.count(1_000_000_000)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, FileCache]:
    """A copy of the project, and one cache for its files: a load re-reads only the edited one."""
    return copy_project(ROOT, tmp_path_factory.mktemp("mutations") / "project"), FileCache()


def edited(text: str, edits: list[Edit]) -> str:
    lines = text.split("\n")  # a final line break leaves an empty last line: typing into it removes the break
    for kind, where, other, piece in edits:
        at, to = (min(int(share * len(lines)), len(lines) - 1) for share in (where, other))
        line = lines[at]
        if kind == "delete" and len(lines) > 1:
            del lines[at]
        elif kind == "repeat":
            lines.insert(to, line)
        elif kind == "move":
            lines.insert(to, lines.pop(at))
        elif kind == "cut":
            lines[at] = line[:int(other * len(line))]
        elif kind == "indent":
            lines[at] = " " * int(other * 6) + line.lstrip()
        else:
            cut = int(other * len(line))
            lines[at] = line[:cut] + piece + line[cut:]
    return "\n".join(lines)


def write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    stamp = next(_stamps)
    os.utime(path, (stamp, stamp))


@settings(max_examples=MUTATIONS, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(file=st.sampled_from(FILES), edits=st.lists(EDITS, min_size=1, max_size=3))
@example(file="data/glossary.yaml", edits=[("type", 1.0, 0.0, "stray")])  # the found one: no final line break
def test_any_edit_of_a_data_file_renders_or_is_refused_at_lines_of_its_files(
        project: tuple[Path, FileCache], file: str, edits: list[Edit]) -> None:
    root, cache = project
    path = root / file
    original = path.read_text(encoding="utf-8")
    write(path, edited(original, edits))
    try:
        try:
            catalog = load_catalog(root, cache=cache)
        except DataError as err:
            assert err.problems
            for problem in err.problems:
                named = root / problem.path
                assert named.is_file(), str(problem)
                assert 1 <= problem.line <= line_count(named.read_text(encoding="utf-8")), str(problem)
            return
        pages.generated_pages(catalog)
        pages.outputs(catalog, "Guide", "About the guide", "https://example.org/")
        for macro in pagemacros.MACROS.values():
            macro(catalog)
        searchindex.search_fields(catalog, r"[\s\-]+", set())
    finally:
        write(path, original)
