"""The loader: every class of data error names the file and the line, and all are reported."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ENTRY, write

from stackguide.errors import DataError
from stackguide.load import cached_catalog, load_catalog
from stackguide.model import State


def problems(root: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_catalog(root)
    return [str(problem) for problem in caught.value.problems]


def problems_with(root: Path, old: str = "", new: str = "", extra: str = "") -> list[str]:
    """Problems after rewriting data/services/one.yaml with `old` replaced by `new`."""
    text = ENTRY.format(id="one", name="One", layer="alpha")
    if old:
        assert old in text, f"the test meant to replace {old!r}, which the entry does not contain"
        text = text.replace(old, new)
    write(root, "data/services/one.yaml", text + extra)
    return problems(root)


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("layer: alpha", "layer: alfa", "data/services/one.yaml:4: layer 'alfa' is not one of: alpha, beta"),
    ("id: one", "id: uno",
     "data/services/one.yaml:1: id 'uno' must equal the file name (rename the file to uno.yaml or set id: one)"),
    ("kind: service", "kind: engine", "data/services/one.yaml:3: kind 'engine' does not match its folder "
     "data/services/ (move the file to data/engines/)"),
    ("sources: [https://example.com/one/source]", "sources: [example.com/no-scheme]",
     "data/services/one.yaml:14: sources.0: 'example.com/no-scheme' is not an absolute http(s) URL"),
    ("summary: A service used by the tests.", "summary: <script>alert(1)</script>",
     "data/services/one.yaml:5: summary: raw HTML is not allowed here; write plain text or Markdown"),
    ("state: active", "state: retired",
     "data/services/one.yaml:9: status: a 'retired' status needs a date (when did it happen?)"),
], ids=["unknown layer", "id not file name", "kind not folder", "bad url", "raw html", "undated status"])
def test_one_mistake_one_problem_with_file_and_line(data_root: Path, old: str, new: str, expected: str) -> None:
    assert problems_with(data_root, old, new) == [expected]


def test_tags_must_be_listed(data_root: Path) -> None:
    assert problems_with(data_root, extra="tags: [vison]\n") == [
        "data/services/one.yaml:16: tag 'vison' is not listed in data/tags.yaml (did you mean 'vision'?)",
    ]


def test_valid_tree_loads_typed_objects(data_root: Path) -> None:
    catalog = load_catalog(data_root)
    assert [layer.id for layer in catalog.layers] == ["alpha", "beta"]
    assert [entry.id for entry in catalog.entries_in("beta")] == ["two"]
    assert catalog.entry("one").status.state is State.ACTIVE
    assert catalog.sources["one"] == "data/services/one.yaml"



def test_unknown_key_suggests_the_right_one(data_root: Path) -> None:
    found = problems_with(data_root, "summary:", "summay:")
    assert "data/services/one.yaml:5: unknown key 'summay' (did you mean 'summary'?)" in found
    assert any(p.startswith("data/services/one.yaml:1: missing required key 'summary'") for p in found)


def test_unknown_id_in_related_and_successor(data_root: Path) -> None:
    found = problems_with(data_root, "  state: active\n", "  state: retired\n  date: 2020-01-02\n  successor: tow\n",
                          extra="related: [nothing-here]\n")
    assert found == [
        "data/services/one.yaml:11: successor 'tow' does not exist (did you mean 'two'?)",
        "data/services/one.yaml:18: related id 'nothing-here' does not exist",
    ]


def test_duplicate_id_names_both_files(data_root: Path) -> None:
    write(data_root, "data/frameworks/one.yaml",
          ENTRY.format(id="one", name="One again", layer="alpha").replace("kind: service", "kind: framework"))
    found = problems(data_root)
    assert len(found) == 1
    assert "duplicate id 'one'" in found[0]
    assert "data/services/one.yaml" in found[0] and "data/frameworks/one.yaml" in found[0]




def test_closed_sets_list_the_allowed_values(data_root: Path) -> None:
    (found,) = problems_with(data_root, "state: active", "state: deprecated")
    assert found.startswith("data/services/one.yaml:9: status.state 'deprecated' is not one of: ")
    assert "'superseded'" in found and "'renamed'" in found


def test_wrong_types(data_root: Path) -> None:
    write(data_root, "data/services/one.yaml", ENTRY.format(id="one", name="One", layer="alpha")
          .replace("capabilities: [Does one thing well.]", "capabilities: Does one thing well.")
          .replace("reviewed: 2026-11-24", "reviewed: last tuesday"))
    found = problems(data_root)
    assert any(p.startswith("data/services/one.yaml:7: capabilities:") and "list" in p for p in found)
    assert any(p.startswith("data/services/one.yaml:15: reviewed:") for p in found)



def test_empty_file(data_root: Path) -> None:
    write(data_root, "data/services/one.yaml", "# nothing yet\n")
    assert problems(data_root) == ["data/services/one.yaml:1: the file is empty; it must hold a YAML mapping"]


def test_yaml_syntax_error_gives_its_line(data_root: Path) -> None:
    (found,) = problems_with(data_root, "summary: A", "summary: [A")
    assert found.startswith("data/services/one.yaml:") and "YAML syntax error" in found


def test_duplicate_keys_are_refused(data_root: Path) -> None:
    found = problems_with(data_root, extra="name: Other\n")
    assert found == ["data/services/one.yaml:16: duplicate key 'name' (first set on line 2)"]




def test_stray_files_and_folders(data_root: Path) -> None:
    write(data_root, "data/service/three.yaml", ENTRY.format(id="three", name="Three", layer="alpha"))
    write(data_root, "data/services/four.yml", ENTRY.format(id="four", name="Four", layer="alpha"))
    found = problems(data_root)
    assert any(p.startswith("data/service/three.yaml:0: unknown folder data/service/") for p in found)
    assert "data/services/four.yml:0: rename the file to end in .yaml" in found


def test_every_problem_of_a_run_is_reported(data_root: Path) -> None:
    write(data_root, "data/services/one.yaml", ENTRY.format(id="one", name="One", layer="nope"))
    write(data_root, "data/services/two.yaml", "")
    write(data_root, "data/onboarding.yaml", "days:\n  - title: Day\n    goal: Go.\n    steps:\n"
          "      - page: missing\n        why: Because.\n")
    assert problems(data_root) == [
        "data/onboarding.yaml:5: page 'missing' does not exist",
        "data/services/one.yaml:4: layer 'nope' is not one of: alpha, beta",
        "data/services/two.yaml:1: the file is empty; it must hold a YAML mapping",
    ]


def test_a_broken_file_does_not_cause_follow_on_errors(data_root: Path) -> None:
    write(data_root, "data/layers/beta.yaml", "id: beta\nname: [unclosed\n")
    found = problems(data_root)
    assert len(found) == 1 and found[0].startswith("data/layers/beta.yaml:")


def test_cache_reloads_when_a_file_changes(data_root: Path) -> None:
    first = cached_catalog(data_root)
    assert cached_catalog(data_root) is first
    write(data_root, "data/services/three.yaml", ENTRY.format(id="three", name="Three", layer="alpha"))
    second = cached_catalog(data_root)
    assert second is not first
    assert "three" in {entry.id for entry in second.entries}


def test_comparison_rows_must_reference_entries_and_fill_every_column(data_root: Path) -> None:
    write(data_root, "data/comparisons/pick.yaml", """\
        id: pick
        title: Pick one
        summary: Which to use.
        intro: Compare them.
        columns: [{key: cost, title: Cost}, {key: speed, title: Speed}]
        rows:
          - entry: one
            cells: {cost: Low, speed: Fast}
          - entry: three
            cells: {cost: High}
        sources: [https://example.com/pick]
        reviewed: 2026-11-24
        """)
    found = problems(data_root)
    assert found == ["data/comparisons/pick.yaml:1: row 'three' must have exactly the cells cost, speed"]
    write(data_root, "data/comparisons/pick.yaml", (data_root / "data/comparisons/pick.yaml").read_text()
          .replace("cells: {cost: High}", "cells: {cost: High, speed: Slow}"))
    assert problems(data_root) == ["data/comparisons/pick.yaml:9: entry 'three' does not exist"]
