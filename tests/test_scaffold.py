"""The scaffold writes an entry that previews at once and cannot be published until finished."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from stackguide.errors import DataError
from stackguide.families import ENTRY_FAMILIES, FAMILIES
from stackguide.load import load_catalog
from stackguide.tools.scaffold import ScaffoldError, main, new_entry


def test_the_skeleton_previews_as_a_draft_and_is_refused_for_publishing(data_root: Path) -> None:
    path = new_entry(data_root, "amazon-kendra", "service", "alpha")
    assert path == data_root / "data/services/amazon-kendra.yaml"
    assert load_catalog(data_root, drafts=True).entry("amazon-kendra").layer == "alpha"
    with pytest.raises(DataError) as caught:
        load_catalog(data_root)
    problems = [str(problem) for problem in caught.value.problems]
    assert problems and all(p.startswith("data/services/amazon-kendra.yaml:") and "TODO" in p for p in problems)


ENTRY_KINDS = ", ".join(family.key for family in ENTRY_FAMILIES)  # only entries are scaffolded


@pytest.mark.parametrize(("args", "message"), [
    (("Amazon Kendra", "service", "alpha"), "lower-case words joined by hyphens"),
    (("amazon-kendra", "widget", "alpha"), re.escape(f"KIND 'widget' is not one of: {ENTRY_KINDS}")),
    *((("amazon-kendra", family.key, "alpha"), re.escape(f"KIND '{family.key}' is not one of: {ENTRY_KINDS}"))
      for family in FAMILIES if family not in ENTRY_FAMILIES),
    (("amazon-kendra", "service", "alfa"), "LAYER 'alfa' is not one of: alpha, beta"),
    (("one", "service", "alpha"), "already used by data/services/one.yaml"),
    # The loader's rules for an id, checked before a file is written that it would refuse.
    (("index", "service", "alpha"), re.escape("id 'index' is reserved: MkDocs would publish the page at /services/")),
    (("a" * 65, "service", "alpha"), "is 65 characters long; an id has at most 64"),
    (("amazon-kendra\n", "service", "alpha"), re.escape("ID 'amazon-kendra\\n' must be lower-case words")),
])
def test_bad_requests_are_refused(data_root: Path, args: tuple[str, str, str], message: str) -> None:
    with pytest.raises(ScaffoldError, match=message):
        new_entry(data_root, *args)


def test_cli_reports_errors_without_a_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--id", "x", "--kind", "widget", "--layer", "ai-services"]) == 2
    assert capsys.readouterr().err.startswith("new-entry: KIND 'widget'")


def test_cli_lists_the_problems_of_broken_data_one_a_line(data_root: Path, capsys: pytest.CaptureFixture[str],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    (data_root / "data/services/one.yaml").write_text("id: one\nname: [unclosed\n", encoding="utf-8")
    monkeypatch.chdir(data_root)
    assert main(["--id", "amazon-kendra", "--kind", "service", "--layer", "alpha"]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == "new-entry: fix data/ first:"
    assert "  data/services/one.yaml:3: YAML syntax error: did not find expected ',' or ']'" in lines
    assert not (data_root / "data/services/amazon-kendra.yaml").exists()
