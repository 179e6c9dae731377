"""The exit from the plugin: `make export` writes the site as plain Markdown with a config that needs
no plugin of ours and no macros; built with plain MkDocs and Material, it matches the main build
page by page."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import OTHER_CONFIG, ROOT, BuiltSite, mkdocs_build, their_project, write

from stackguide import render
from stackguide.searchindex import read_records
from stackguide.tools.export import MARKER, ExportError, check_destination, export_site, main
from stackguide.tools.htmlscan import HtmlPage, parse_file
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
    assert "def_list" in extensions and extensions["footnotes"]["footnotes"]["USE_DEFINITION_ORDER"] is True
    result = mkdocs_build(out, site_dir=out / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert [link for link in broken_links(out / "site") if not link.startswith("/404.html: /guide/")] == []


def test_the_files_pages_include_go_with_the_export(tmp_path: Path) -> None:
    """A page that includes a project file with pymdownx.snippets (this project's contributing page
    includes CONTRIBUTING.md) builds from the export too: the file goes with it."""
    config = OTHER_CONFIG + "  - pymdownx.snippets:\n      base_path: ['.']\n      check_paths: true\n"
    project = their_project(tmp_path / "their-guide", config)
    write(project, "shared/rules.md", "Their house rules, kept once.\n")
    write(project, "docs/index.md", '# Their guide\n\nAbout ML and S3.\n\n--8<-- "shared/rules.md"\n')
    out = tmp_path / "export"
    export_site(project, out)
    assert (out / "shared/rules.md").read_text() == "Their house rules, kept once.\n"
    result = mkdocs_build(out, site_dir=out / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Their house rules, kept once." in (out / "site/index.html").read_text()


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


def test_a_marker_that_is_not_a_regular_file_makes_no_folder_replaceable(tmp_path: Path) -> None:
    """Only a marker the export wrote counts: a symbolic link named like it (to any file) or a folder
    of that name leaves the folder someone else's, and its files stay."""
    project = their_project(tmp_path / "their-guide")
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("any file\n")
    for name in ("linked", "folder"):
        out = tmp_path / name
        out.mkdir()
        (out / "notes.md").write_text("mine\n")
        if name == "linked":
            (out / MARKER).symlink_to(elsewhere)
        else:
            (out / MARKER).mkdir()
        with pytest.raises(ExportError, match="already holds files the export did not write"):
            export_site(project, out)
        assert (out / "notes.md").read_text() == "mine\n", name


@pytest.mark.parametrize("inside", ["docs/exported", "docs/assets/x", "data/exported", "ours/exported"])
def test_a_folder_inside_what_the_export_reads_is_refused(tmp_path: Path, inside: str) -> None:
    """Written into docs_dir it would copy itself into itself (without end) and be built with the
    pages; into the data folder or templates_dir it would break the next build."""
    project = their_project(tmp_path / "their-guide", OTHER_CONFIG.replace(
        "  - stackguide\n", "  - stackguide:\n      templates_dir: ours\n"))
    (project / "ours").mkdir()
    before = sorted(str(path.relative_to(project)) for path in project.rglob("*"))
    with pytest.raises(ExportError, match=r"inside the project's .* which the export reads"):
        export_site(project, project / inside)
    assert sorted(str(path.relative_to(project)) for path in project.rglob("*")) == before


def test_a_destination_that_is_a_symbolic_link_is_refused_with_a_message(tmp_path: Path,
                                                                          capsys: pytest.CaptureFixture[str],
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    project = their_project(tmp_path / "their-guide")
    earlier = tmp_path / "earlier"
    export_site(project, earlier)
    (tmp_path / "link").symlink_to(earlier)
    monkeypatch.chdir(project)
    assert main([str(tmp_path / "link")]) == 2
    assert "is a symbolic link" in capsys.readouterr().err
    assert (earlier / MARKER).is_file()


def test_a_source_date_epoch_that_is_not_a_time_is_one_line_and_writes_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    project = their_project(tmp_path / "their-guide")
    monkeypatch.chdir(project)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "tomorrow")
    assert main([str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err.startswith("export: SOURCE_DATE_EPOCH is 'tomorrow': it must be")
    assert not (tmp_path / "out").exists()


def test_settings_in_mkdocs_mapping_form_are_kept(tmp_path: Path) -> None:
    """MkDocs takes `plugins:` and `markdown_extensions:` as lists or as mappings of names to their
    settings: the export keeps the settings either way."""
    config = OTHER_CONFIG.replace(
        "plugins:\n  - stackguide\n  - search\n  - macros:\n      modules: [stackguide.pagemacros]\n"
        "      render_by_default: false\n",
        "plugins:\n  stackguide: {}\n  search:\n    lang: en\n  macros:\n    modules: [stackguide.pagemacros]\n"
        "    render_by_default: false\n").replace(
        "markdown_extensions:\n  - abbr\n  - attr_list\n  - md_in_html\n  - footnotes\n  - tables\n",
        "markdown_extensions:\n  abbr: {}\n  attr_list: {}\n  md_in_html: {}\n"
        "  footnotes: {BACKLINK_TITLE: 'Back to %d'}\n  tables: {}\n  toc: {permalink: '#'}\n")
    project = their_project(tmp_path / "their-guide", config)
    out = tmp_path / "export"
    export_site(project, out)
    exported = yaml.safe_load((out / "mkdocs.yml").read_text())
    assert exported["plugins"] == [{"search": {"lang": "en"}}]
    extensions = {next(iter(item)) if isinstance(item, dict) else item: item
                  for item in exported["markdown_extensions"]}
    assert extensions["toc"] == {"toc": {"permalink": "#"}}
    assert extensions["footnotes"]["footnotes"]["BACKLINK_TITLE"] == "Back to %d"
