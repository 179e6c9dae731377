"""Reading one YAML file: every refusal has its real line, and no file can make the work unbounded."""

from __future__ import annotations

import functools
import os
from pathlib import Path

import pytest

from stackguide.errors import Problems
from stackguide.sourcemap import SourceFile, SourceMap
from stackguide.yamlsource import (
    MAX_BYTES,
    MAX_DEPTH,
    MAX_VALUES,
    Document,
    read_bounded,
    read_document,
    value_lines,
)


def read(raw: bytes | str) -> tuple[object, list[str]]:
    problems = Problems()
    doc = read_document("data/services/x.yaml", raw.encode() if isinstance(raw, str) else raw, problems)
    return doc, [str(problem) for problem in problems.items()]


@pytest.mark.parametrize(("raw", "expected"), [
    ("id: x\nname: a\x00b\n", "data/services/x.yaml:2: U+0000 NULL is not allowed"),
    ("id: x\n\nname: \x1b[31m\n", "data/services/x.yaml:3: U+001B ESCAPE is not allowed"),
    (b"id: x\nname: ok\nsummary: caf\xe9\n",
     "data/services/x.yaml:3: byte 0xe9 is not UTF-8 text; save the file as UTF-8"),
    ("id: x\nname: \u202eevil\n",
     "data/services/x.yaml:2: U+202E RIGHT-TO-LEFT OVERRIDE is not allowed"),
    ("id: x\nbase: &b {a: 1}\nother: *b\n",
     "data/services/x.yaml:2: YAML anchors (&b) are not allowed; write each value out in full"),
    ("id: x\nname: !!python/object:os.system echo\n",
     "data/services/x.yaml:2: YAML tags (tag:yaml.org,2002:python/object:os.system) are not allowed; "
     "write a plain value"),
    ("id: x\nname: a\nname: b\n", "data/services/x.yaml:3: duplicate key 'name' (first set on line 2)"),
    ("", "data/services/x.yaml:1: the file is empty; it must hold a YAML mapping (key: value)"),
    ("- a\n- b\n", "data/services/x.yaml:1: the file must hold a YAML mapping (key: value)"),
    ("id: x\nname: [unclosed\n", "data/services/x.yaml:3: YAML syntax error"),
    # No final line break: LibYAML marks the line after the last one, which no editor shows.
    ("id: x\nname: y\nstray", "data/services/x.yaml:3: YAML syntax error"),
    ("id: x\nname: y\n&a", "data/services/x.yaml:3: YAML syntax error"),
    ("id: x\rname: y\r\nstray", "data/services/x.yaml:3: YAML syntax error"),  # CR and CR LF break lines too
    ("id: x\rname: a\x00b\r", "data/services/x.yaml:2: U+0000 NULL is not allowed"),
    (b"id: x\rname: ok\rsummary: caf\xe9\r", "data/services/x.yaml:3: byte 0xe9 is not UTF-8 text"),
    ("id: x\n? [a, b]\n: c\n", "data/services/x.yaml:2: a key must be a plain word, not a list or mapping"),
    ("id: x\nlinks:\n  - title: t\n    <<: {url: 'https://aws.amazon.com/'}\n",
     "data/services/x.yaml:4: YAML merge keys (<<) are not allowed"),
    ("id: x\n<<: {layer: other}\nlayer: ai-services\n", "data/services/x.yaml:2: YAML merge keys (<<) are not allowed"),
    ("id: x\nnull: y\n", "data/services/x.yaml:2: the key 'null' reads as an empty value, not a word; quote it"),
    ("id: x\n2017: y\n", "data/services/x.yaml:2: the key '2017' reads as a number, not a word; quote it"),
    ("id: x\n# comment with a tab\there is fine, but not \u2066 an isolate\n",
     "data/services/x.yaml:2: U+2066 LEFT-TO-RIGHT ISOLATE is not allowed"),
])
def test_refusals_name_the_real_line(raw: str | bytes, expected: str) -> None:
    doc, problems = read(raw)
    assert doc is None
    assert any(problem.startswith(expected) for problem in problems), problems


COMMENT_AFTER = "a ' #' after a value starts a YAML comment, and the rest of the line is dropped"


@pytest.mark.parametrize(("raw", "line"), [
    ("id: x\ntitle: Remove caffe2/ (pull request #122527)\n", 2),  # the title lost its end
    ("id: x\nsources:\n  - id: a\n    title: A page\t#tab\n", 4),
    ("id: x\ntitle: first\n  line #2\n", 3),  # a plain value over two lines ends at the comment too
    ("id: x\ntitle: 'quoted' #2\n", 2),
    # a comment written as one, of its own or after a value; '#' inside a quoted value or a block
    # text, or with no space before it
    ("# yaml-language-server: $schema=x\nid: x\n  # a note\ntitle: 'C# #1'  # checked\nlist:  # a note\n- a\n", None),
    ("id: x\ndescription: |-\n  C# and F# #1 [^a]\n  more # text\nname: y\n", None),
    ("id: x\ndescription: >-\n  one #two\n", None),
    ("id: x\ntitle: C#sharp\n", None),
])
def test_a_comment_after_a_value_is_refused_at_its_line(raw: str, line: int | None) -> None:
    doc, problems = read(raw)
    if line is None:
        assert doc is not None and problems == []
    else:
        assert doc is None and problems == [f"data/services/x.yaml:{line}: {COMMENT_AFTER}: quote the value ('...') if "
                                            "the # belongs to it, or put the comment on a line of its own"]


def test_any_kind_of_line_break_reads_the_same_values_on_the_same_lines() -> None:
    text = "id: x\nname: A\nsummary: |\n  one\n  two\ntoday: >\n  still\n  TODO here\n\n  then\n"
    read_as_lf, _ = read(text)
    assert isinstance(read_as_lf, Document)
    for breaks in ("\r\n", "\r"):
        doc, problems = read(text.replace("\n", breaks))
        assert isinstance(doc, Document), problems
        assert doc.data == read_as_lf.data == {"id": "x", "name": "A", "summary": "one\ntwo\n",
                                               "today": "still TODO here\nthen\n"}
        assert [doc.line_of(("today",), "TODO"), doc.line_of(("summary",))] == [8, 3]


def test_an_alias_bomb_is_refused_before_anything_is_built() -> None:
    # Nine levels of nine aliases: built out, a billion values. Refused from the event stream.
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]
    doc, problems = read("\n".join(lines) + "\n")
    assert doc is None
    assert problems[0] == "data/services/x.yaml:1: YAML anchors (&a0) are not allowed; write each value out in full"
    assert "data/services/x.yaml:2: YAML aliases (*a0) are not allowed; write the value out in full" in problems


def test_deep_nesting_and_huge_files_are_refused() -> None:
    deep = "a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n"
    _, problems = read(deep)
    assert problems == [f"data/services/x.yaml:1: values are nested more than {MAX_DEPTH} levels deep"]
    _, problems = read("a: " + "x" * MAX_BYTES + "\n")
    assert problems and "may hold at most 1,000,000" in problems[0]


def test_a_file_is_read_whole_and_never_past_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "x.yaml"
    whole = b"id: x\n" + b"#" * 200_000 + b"\n"
    path.write_bytes(whole)
    problems = Problems()
    assert read_bounded(path, "data/x.yaml", problems) == whole and not problems

    # A system read may give fewer bytes than asked: the file is still read whole.
    real_read = os.read
    monkeypatch.setattr(os, "read", lambda handle, count: real_read(handle, min(count, 1000)))
    assert read_bounded(path, "data/x.yaml", problems) == whole and not problems

    # The file grows after its size was asked: what it holds is read, up to one byte past the limit.
    real_fstat = os.fstat
    monkeypatch.setattr(os, "fstat", lambda handle: os.stat_result((0,) * 6 + (10,) + (0,) * 3))
    assert real_fstat is not os.fstat
    assert read_bounded(path, "data/x.yaml", problems) == whole and not problems
    path.write_bytes(b"x" * (MAX_BYTES + 5000))
    assert len(read_bounded(path, "data/x.yaml", problems) or b"") == MAX_BYTES + 1 and not problems

    monkeypatch.undo()
    assert read_bounded(path, "data/x.yaml", problems) is None
    assert [str(problem) for problem in problems.items()] == [
        f"data/x.yaml:1: the file is {MAX_BYTES + 5000:,} bytes; a data file may hold at most {MAX_BYTES:,}"]


def test_lines_of_values_and_of_text_inside_them() -> None:
    doc, problems = read("id: x\ndescription: >-\n  first line\n  second line with [bad](javascript:x)\n")
    assert not problems and doc is not None
    assert doc.line_of(("description",)) == 2  # type: ignore[attr-defined]
    assert doc.line_of(("description",), "](javascript:x") == 4  # type: ignore[attr-defined]
    assert doc.line_of(("missing", "deeper")) == 1  # type: ignore[attr-defined]


def test_dates_stay_text() -> None:
    doc, _ = read("reviewed: 2026-11-24\n")
    assert doc.data == {"reviewed": "2026-11-24"}  # type: ignore[attr-defined]


def test_a_quoted_merge_key_is_an_ordinary_key() -> None:
    doc, problems = read("id: x\n'<<': y\n")
    assert not problems and doc.data == {"id": "x", "<<": "y"}  # type: ignore[attr-defined]


def test_too_many_values_stop_the_parser_early() -> None:
    doc, problems = read("keywords:\n" + "".join(f"  - k{i}\n" for i in range(MAX_VALUES + 10)))
    assert doc is None
    # The mapping, its key and the list count too: the 5,001st value is the item on line 4,999.
    assert problems == [f"data/services/x.yaml:{MAX_VALUES - 1}: the file holds more than {MAX_VALUES:,} values (keys, "
                        "texts and lists); a data file describes one thing: split it or shorten it"]


def test_each_line_with_a_refused_character_is_reported_up_to_the_limit() -> None:
    from stackguide.errors import PER_FILE_MAX

    doc, problems = read("".join(f"# \u202e line {i}\n" for i in range(100)))
    assert doc is None and len(problems) == PER_FILE_MAX
    assert problems[0] == "data/services/x.yaml:1: U+202E RIGHT-TO-LEFT OVERRIDE is not allowed (it does not show, " \
                          "or changes how text around it shows); delete it"


def test_a_number_too_long_for_python_is_a_problem_not_a_traceback() -> None:
    doc, problems = read("id: x\nreviewed: " + "1" * 5000 + "\nposition: 3\n")
    assert doc is None
    assert problems == ["data/services/x.yaml:2: a number with 5,000 digits; numbers here have at most 20 (quote it "
                        "if it is text)"]
    doc, problems = read("id: x\nkeywords: [" + "9" * 30 + "]\n")
    assert doc is None and problems[0].startswith("data/services/x.yaml:2: a number with 30 digits")


def test_the_source_map_gives_the_lines_the_document_gives() -> None:
    doc, _ = read("id: x\nname:\nlinks:\n  - title: Docs\n    url: https://a.example/\n  - title: B\n"
                  "    url: https://b.example/\nnested: {a: {b: 1}}\n")
    assert isinstance(doc, Document)
    source = SourceFile(doc.path, functools.partial(value_lines, doc.text))  # as the loader keeps it
    locations: list[tuple[str | int, ...]] = [(), ("id",), ("name",), ("links",), ("links", 1), ("links", 1, "url"),
                                              ("nested", "a", "b"), ("links", 5), ("links", 0, "nope"), ("gone", 3)]
    assert [source.line_of(loc) for loc in locations] == [doc.line_of(loc) for loc in locations]
    assert [source.line_of(loc) for loc in locations] == [1, 1, 2, 4, 6, 7, 8, 4, 4, 1]
    assert SourceMap({"x": source}).line("x", ("links", 1, "url")) == 7
    assert SourceMap({"x": source}).line("y", ("links",)) == 1 and SourceMap().path("x") is None


def test_the_one_pass_builds_what_pyyaml_builds_and_reports_what_the_slow_way_reports() -> None:
    import random
    from pathlib import Path

    import yaml

    from stackguide.yamlsource import _read_slowly, _TextLoader

    root = Path(__file__).resolve().parent.parent
    texts = [path.read_text(encoding="utf-8") for path in sorted((root / "data").rglob("*.yaml"))]
    keys = ["a", "b", "'a'", "<<", "'<<'", "1", "true", "null", "~", "", "2026-01-01", "? [x]", "=", "a b"]
    values = ["x", "'y'", "1", "-2", "0x1f", "1.5", ".inf", "true", "No", "null", "", "~", "2026-11-24", "=",
              "[1, b]", "{c: d}", "{c: d, c: e}", "|\n  block", "'quoted: yes'", "9" * 25, "[]", "{}"]
    generator = random.Random(5)
    for _ in range(3_000):
        lines = [f"{generator.choice(keys)}: {generator.choice(values)}" for _ in range(generator.randint(0, 4))]
        if generator.random() < 0.1:
            lines.insert(generator.randint(0, len(lines)), generator.choice(["---", "- item", "plain words"]))
        texts.append("\n".join(lines) + "\n")
    for text in texts:
        fast, slow = Problems(), Problems()
        doc = read_document("x.yaml", text.encode(), fast)
        try:  # the event stream's own syntax errors come first, wherever they are
            list(yaml.parse(text, Loader=_TextLoader))
        except yaml.MarkedYAMLError as err:
            assert doc is None and len(fast.items()) == 1 and err.problem_mark is not None, text
            assert str(fast.items()[0]).startswith(f"x.yaml:{err.problem_mark.line + 1}: YAML syntax error: "), text
            continue
        expected = _read_slowly("x.yaml", text, slow)
        assert [str(problem) for problem in fast.items()] == [str(problem) for problem in slow.items()], text
        assert (doc is None) == (expected is None), text
        if doc is not None and expected is not None:
            assert doc.data == yaml.load(text, Loader=_TextLoader) and doc.data == expected.data, text
