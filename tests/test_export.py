"""The exit from the plugin: `make export` writes the site as plain Markdown with a config that needs
no plugin of ours and no macros; built with plain MkDocs and Material, it matches the main build
page by page."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import OTHER_CONFIG, ROOT, BuiltSite, mkdocs_build, their_project, write

from stackguide import render
from stackguide.htmlscan import HtmlPage, parse_file
from stackguide.searchindex import read_records
from stackguide.tools.export import MARKER, ExportError, check_destination, export_site, main
from stackguide.tools.linkcheck import broken_links
from stackguide.tools.project import ProjectError

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory, site: BuiltSite) -> Path:
    out = tmp_path_factory.mktemp("export") / "export"
    export_site(ROOT, out)
    result = mkdocs_build(out, site_dir=out / "site", site_url=site.origin)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_the_export_needs_no_plugin_of_ours_and_no_macros(exported: Path) -> None:
    config = (exported / "mkdocs.yml").read_text()
    plugins = [p if isinstance(p, str) else next(iter(p)) for p in yaml.safe_load(config)["plugins"]]
    assert "stackguide" not in plugins and "macros" not in plugins and "hooks" not in config
    assert not [path for path in (exported / "docs").rglob("*.md") if "{{" in path.read_text()]


def summary(page: HtmlPage) -> dict[str, object]:
    return {
        "headings": page.headings,
        "tables": page.counts["table"],
        "admonitions": page.counts[".admonition"],
        "tooltips": sorted(page.abbreviations),
        "nav": [link.href for link in page.links if link.in_nav],
        "text": page.text,
    }


def test_every_page_matches_the_main_build(exported: Path, site: BuiltSite) -> None:
    main = {p.relative_to(site.path).as_posix() for p in site.path.rglob("*.html")}
    other = {p.relative_to(exported / "site").as_posix() for p in (exported / "site").rglob("*.html")}
    assert main == other, f"only in one build: {sorted(main ^ other)[:10]}"
    differ = [rel for rel in sorted(main)
              if summary(parse_file(site.path / rel)) != summary(parse_file(exported / "site" / rel))]
    assert not differ, f"{len(differ)} pages differ, for example {differ[:5]}"


def test_search_records_match_but_for_our_ranking_fields(exported: Path, site: BuiltSite) -> None:
    def records(path: Path) -> list[tuple[str, str, str]]:
        return sorted((doc["location"], doc["title"], doc["text"]) for doc in read_records(path))
    assert records(site.path) == records(exported / "site")


def test_the_export_refuses_folders_it_did_not_write(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "index.md").write_text("# Home\n")
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("mine\n")
    a_file = tmp_path / "file.txt"
    a_file.write_text("x\n")
    for out, reason in [(project, "the project folder or one of its parents"),
                        (tmp_path, "the project folder or one of its parents"),
                        (Path("/"), "the project folder or one of its parents"),
                        (other, "already holds files the export did not write"),
                        (a_file, "is a file")]:
        with pytest.raises(ExportError, match=reason):
            export_site(project, out)
    assert (other / "notes.txt").read_text() == "mine\n" and (project / "docs" / "index.md").is_file()


def test_the_command_says_why_and_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "keep.md").write_text("keep\n")
    assert main(["."]) == 2
    assert "is the project folder" in capsys.readouterr().err and (tmp_path / "keep.md").is_file()


def test_an_earlier_export_is_replaced(tmp_path: Path, exported: Path) -> None:
    assert (exported / MARKER).is_file()
    again = tmp_path / "again"
    check_destination(ROOT, again)  # a new folder
    again.mkdir()
    check_destination(ROOT, again)  # an empty one
    (again / MARKER).write_text("")
    (again / "stale.md").write_text("old\n")
    (again / "docs").mkdir()
    (again / "docs/gone.md").write_text("# A page removed since\n")
    check_destination(ROOT, again)  # one the export wrote
    export_site(ROOT, again)
    assert not (again / "stale.md").exists() and not (again / "docs/gone.md").exists()
    assert (again / MARKER).is_file() and (again / "docs/services/amazon-polly.md").is_file()


def test_another_teams_project_exports_by_its_own_mkdocs_yml(tmp_path: Path) -> None:
    """Their docs_dir, templates_dir and glossary_page; no CONTRIBUTING.md of ours."""
    config = OTHER_CONFIG.replace("  - stackguide\n", "  - stackguide:\n      templates_dir: ours\n"
                                  "      glossary_page: terms.md\n")
    config = config.replace("  - Glossary: glossary.md\n", "  - Terms: terms.md\n") + "docs_dir: pages\n"
    project = their_project(tmp_path / "their-guide", config)
    (project / "docs/glossary.md").rename(project / "docs/terms.md")
    (project / "docs").rename(project / "pages")
    write(project, "ours/entry.md.j2", "# {{ item.name }}\n\nTheir own entry page.\n")
    out = tmp_path / "export"
    export_site(project, out)
    assert render.template_folders() == (render.TEMPLATES,)  # their templates served their export only
    assert sorted(path.name for path in out.iterdir()) == [MARKER, "mkdocs.yml", "pages"]
    assert "Their own entry page." in (out / "pages/services/one.md").read_text()
    exported = yaml.safe_load((out / "mkdocs.yml").read_text())
    extensions = {next(iter(item)) if isinstance(item, dict) else item: item
                  for item in exported["markdown_extensions"]}
    assert extensions["stackguide.glossary"]["stackguide.glossary"]["glossary_page"] == "/terms.md"
    assert "def_list" in extensions and extensions["footnotes"]["footnotes"]["USE_DEFINITION_ORDER"] is False
    result = mkdocs_build(out, site_dir=out / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert [link for link in broken_links(out / "site") if not link.startswith("/404.html: /guide/")] == []


@pytest.mark.parametrize(("option", "error", "problem"), [
    ("templates_dir: nowhere", ExportError, "mkdocs.yml: templates_dir 'nowhere' is not a folder inside the project"),
    ("nav_section_max: 0", ProjectError,
     "mkdocs.yml: stackguide option 'nav_section_max': must be a whole number of 1 or more"),
])
def test_a_wrong_option_stops_the_export_before_it_writes(tmp_path: Path, option: str, error: type[Exception],
                                                          problem: str) -> None:
    project = their_project(tmp_path / "their-guide", OTHER_CONFIG.replace(
        "  - stackguide\n", f"  - stackguide:\n      {option}\n"))
    with pytest.raises(error, match=problem):
        export_site(project, tmp_path / "export")
    assert not (tmp_path / "export").exists()
