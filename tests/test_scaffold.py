"""The scaffold writes an entry that loads at once, and refuses bad or taken ids."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, mkdocs_build

from stackguide.load import load_catalog
from stackguide.scaffold import ScaffoldError, main, new_entry


def test_skeleton_loads_and_builds(project_copy: Path, tmp_path: Path) -> None:
    path = new_entry(project_copy, "amazon-kendra", "service", "ai-services")
    assert path == project_copy / "data/services/amazon-kendra.yaml"
    assert load_catalog(project_copy).entry("amazon-kendra").layer == "ai-services"
    result = mkdocs_build(project_copy, site_dir=tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site/services/amazon-kendra/index.html").is_file()


@pytest.mark.parametrize(("args", "message"), [
    (("Amazon Kendra", "service", "ai-services"), "lower-case words joined by hyphens"),
    (("amazon-kendra", "widget", "ai-services"), "KIND 'widget' is not one of: service, framework"),
    (("amazon-kendra", "service", "ai-service"), "LAYER 'ai-service' is not one of:"),
    (("amazon-polly", "service", "ai-services"), "already used by data/services/amazon-polly.yaml"),
])
def test_bad_requests_are_refused(project_copy: Path, args: tuple[str, str, str], message: str) -> None:
    with pytest.raises(ScaffoldError, match=message):
        new_entry(project_copy, *args)


def test_cli_reports_errors_without_a_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--id", "x", "--kind", "widget", "--layer", "ai-services"]) == 2
    assert capsys.readouterr().err.startswith("new-entry: KIND 'widget'")


def test_no_unfinished_entry_is_committed() -> None:
    unfinished = [str(p.relative_to(ROOT)) for p in (ROOT / "data").rglob("*.yaml") if "TODO" in p.read_text()]
    assert not unfinished, f"replace every TODO in: {', '.join(unfinished)}"
