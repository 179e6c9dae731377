"""The project a command-line tool runs in: mkdocs.yml read as MkDocs reads it, the plugin's options
checked as MkDocs checks them, and every tool reading the data folder the build reads."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import OTHER_CONFIG, their_project

from stackguide.tools import check, review, scaffold, schema
from stackguide.tools.project import ProjectError, mkdocs_config, project_options


def test_the_config_is_read_as_mkdocs_reads_it_but_safely(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "base.yml").write_text("site_name: Base\ntheme: {name: material}\n")
    (tmp_path / "mkdocs.yml").write_text("INHERIT: base.yml\nsite_url: !ENV [SG_TEST_URL, 'http://127.0.0.1:8000/']\n"
                                         "repo_name: !ENV SG_TEST_UNSET\n")
    monkeypatch.delenv("SG_TEST_UNSET", raising=False)
    monkeypatch.setenv("SG_TEST_URL", "https://guide.example/")
    assert mkdocs_config(tmp_path) == {"site_name": "Base", "theme": {"name": "material"},
                                       "site_url": "https://guide.example/", "repo_name": None}
    monkeypatch.delenv("SG_TEST_URL")
    assert mkdocs_config(tmp_path)["site_url"] == "http://127.0.0.1:8000/"
    (tmp_path / "mkdocs.yml").write_text("site_name: !!python/object/apply:os.getcwd []\n")
    with pytest.raises(ProjectError, match=r"could not determine a constructor .* line 1"):
        mkdocs_config(tmp_path)


def test_every_tool_reads_the_data_folder_mkdocs_yml_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    project = their_project(tmp_path / "their-guide", OTHER_CONFIG.replace(
        "  - stackguide\n", "  - stackguide:\n      data_dir: guide-data\n"))
    (project / "data").rename(project / "guide-data")
    monkeypatch.chdir(project)
    assert project_options(project).data_dir == "guide-data"
    assert check.main(["guide-data/services/one.yaml"]) == 0
    assert capsys.readouterr().out.startswith("guide-data/ is valid: 2 entries")
    assert review.main(["--today", "2026-12-06"]) == 0
    written = scaffold.new_entry(project, "three", "service", "alpha", dt.date(2026, 12, 7))
    assert written == project / "guide-data/services/three.yaml"
    assert schema.main([]) == 0 and schema.stale_schemas(project, Path("guide-data/schema")) == []
    assert not (project / "data").exists()


def test_a_broken_mkdocs_yml_is_one_line_for_every_tool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    broken = OTHER_CONFIG.replace("  - search\n", "  - [search\n")
    line = broken.splitlines().index("  - [search") + 1
    project = their_project(tmp_path / "their-guide", broken)
    monkeypatch.chdir(project)
    for tool in (check.main, review.main, schema.main):
        assert tool([]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "error parsing the configuration file" in err, err
        assert f'mkdocs.yml", line {line}, column' in err, err
    with pytest.raises(scaffold.ScaffoldError, match="error parsing the configuration file"):
        scaffold.new_entry(project, "three", "service", "alpha")


MAPPING_FORM = OTHER_CONFIG.replace(
    "plugins:\n  - stackguide\n  - search\n  - macros:\n      modules: [stackguide.pagemacros]\n"
    "      render_by_default: false\n",
    "plugins:\n  stackguide:\n    data_dir: guide-data\n  search: {}\n  macros:\n"
    "    modules: [stackguide.pagemacros]\n    render_by_default: false\n")


def test_the_plugins_options_are_read_from_mkdocs_mapping_form_too(tmp_path: Path) -> None:
    """MkDocs takes `plugins:` as a list or as a mapping of names to options; the build reads
    data_dir from either, and so must every tool."""
    assert MAPPING_FORM != OTHER_CONFIG
    project = their_project(tmp_path / "their-guide", MAPPING_FORM)
    assert project_options(project).data_dir == "guide-data"
