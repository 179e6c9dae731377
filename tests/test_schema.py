"""The JSON Schemas editors use are generated from the model, one per model, and kept current."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

from stackguide.tools.schema import SCHEMA_DIR, main, stale_schemas, write_schemas


def test_schemas_match_the_model() -> None:
    stale = stale_schemas(ROOT)
    assert not stale, f"out of date: {', '.join(stale)}; run `make schema` and commit the result"


def test_a_stale_or_stray_schema_is_found(tmp_path: Path) -> None:
    write_schemas(tmp_path)
    assert stale_schemas(tmp_path) == []
    (tmp_path / SCHEMA_DIR / "entry.schema.json").write_text("{}")
    (tmp_path / SCHEMA_DIR / "old.schema.json").write_text("{}")
    assert stale_schemas(tmp_path) == [str(SCHEMA_DIR / "entry.schema.json"), str(SCHEMA_DIR / "old.schema.json")]


def test_every_data_file_points_editors_at_its_schema() -> None:
    for path in sorted((ROOT / "data").rglob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), f"{path}: first line must name the schema"
        schema = (path.parent / first.split("=", 1)[1]).resolve()
        assert schema.is_file() and schema.parent == (ROOT / SCHEMA_DIR).resolve(), f"{path}: {schema} not found"


def test_the_command_asks_for_a_project_and_help_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main([]) == 2 and list(tmp_path.iterdir()) == []  # not a project: nothing made
    assert "no data/ folder here" in capsys.readouterr().err
    (tmp_path / "data").mkdir()
    with pytest.raises(SystemExit) as help_asked:
        main(["--help"])
    assert help_asked.value.code == 0 and "usage:" in capsys.readouterr().out
    assert list((tmp_path / "data").iterdir()) == []
    assert main([]) == 0 and stale_schemas(tmp_path) == []


def test_a_data_dir_outside_the_project_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """The command removes stray .json files from the schema folder: never outside the project."""
    outside = tmp_path / "other" / "schema"
    outside.mkdir(parents=True)
    (outside / "theirs.json").write_text("{}")
    project = tmp_path / "project"
    project.mkdir()
    (project / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - stackguide:\n      data_dir: ../other\n")
    monkeypatch.chdir(project)
    assert main([]) == 2 and (outside / "theirs.json").is_file()
    # refused where mkdocs.yml is read, as the build refuses it
    assert "'data_dir': must be a folder inside the project, named relative to mkdocs.yml, not '../other'" in \
        capsys.readouterr().err
