"""End-to-end builds of tiny projects, through the console scripts users type: clean failures, the
last good site kept (under MkDocs and ProperDocs, and after Ctrl-C), one file adds a page everywhere;
and the real site built on a later day."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from conftest import BIN, ENTRY, OTHER_CONFIG, ROOT, mkdocs_build, their_project, tool_env, write

from stackguide.lifecycle import events_since_review, first_day
from stackguide.load import load_catalog
from stackguide.model import EventKind, State
from stackguide.searchindex import read_records
from stackguide.tools.devkit import ctrl_c_stops
from stackguide.tools.htmlscan import parse_file
from stackguide.tools.linkcheck import broken_links

pytestmark = pytest.mark.build


def html_files(site: Path) -> dict[Path, bytes]:
    return {path.relative_to(site): path.read_bytes() for path in site.rglob("*.html")}


def hidden_leftovers(project: Path) -> list[str]:
    return sorted(path.name for path in project.iterdir() if path.name.startswith(".site"))


@pytest.mark.parametrize("tool", ["mkdocs", "properdocs"])
def test_a_failed_build_keeps_the_last_good_site(tiny_project: Path, tool: str) -> None:
    site = tiny_project / "site"
    assert mkdocs_build(tiny_project, tool=tool).returncode == 0
    before = html_files(site)
    assert before

    # A data error stops the build before anything is written...
    write(tiny_project, "data/services/zz.yaml", "id: zz\n")
    failed = mkdocs_build(tiny_project, tool=tool)
    output = failed.stdout + failed.stderr
    assert failed.returncode != 0 and "data/services/zz.yaml:1: missing required key 'name'" in output
    assert "Traceback" not in output
    (tiny_project / "data/services/zz.yaml").unlink()
    # ...and a strict-mode warning (a broken link) stops it after every page was written.
    write(tiny_project, "docs/broken.md", "# Broken\n\n[gone](no-such-page.md)\n")
    failed = mkdocs_build(tiny_project, tool=tool)
    assert failed.returncode != 0 and "no-such-page.md" in failed.stdout + failed.stderr

    assert html_files(site) == before
    assert not hidden_leftovers(tiny_project), "no backup folder may be left behind"


def test_an_interrupted_build_restores_the_old_site(tiny_project: Path) -> None:
    site = tiny_project / "site"
    assert mkdocs_build(tiny_project).returncode == 0
    before = html_files(site)
    # Many pages, so the build is still running when Ctrl-C arrives.
    for number in range(150):
        write(tiny_project, f"data/services/bulk-{number:03d}.yaml",
              ENTRY.format(id=f"bulk-{number:03d}", name=f"Bulk {number:03d}", layer="alpha"))
    # Ctrl-C as in a terminal, even when the tests themselves run in the background.
    process = subprocess.Popen([str(BIN / "mkdocs"), "build", "--strict"], cwd=tiny_project, env=tool_env(),
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, preexec_fn=ctrl_c_stops)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not hidden_leftovers(tiny_project) and process.poll() is None:
        time.sleep(0.02)
    assert process.poll() is None, "the build ended before it could be interrupted"
    time.sleep(0.3)
    process.send_signal(signal.SIGINT)
    output = process.communicate(timeout=60)[0]
    assert process.returncode != 0, output
    assert html_files(site) == before
    assert not hidden_leftovers(tiny_project)


BAD_DATA = {
    "unknown layer": ("data/services/zz.yaml", ENTRY.format(id="zz", name="Zz", layer="alpah"),
                      "data/services/zz.yaml:3: layer 'alpah' is not one of: alpha, beta"),
    "yaml syntax": ("data/services/zz.yaml", "id: zz\nname: [Zz\n", "data/services/zz.yaml:3: YAML syntax error"),
}


@pytest.mark.parametrize("case", sorted(BAD_DATA))
def test_bad_data_fails_the_build_cleanly(tiny_project: Path, tmp_path: Path, case: str) -> None:
    path, text, expected = BAD_DATA[case]
    write(tiny_project, path, text)
    result = mkdocs_build(tiny_project, site_dir=tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and expected in output
    assert "Traceback" not in output


def test_one_yaml_file_adds_a_page_everywhere(tiny_project: Path, tmp_path: Path) -> None:
    write(tiny_project, "data/services/zz-new.yaml", ENTRY.format(id="zz-new", name="Zz New", layer="alpha")
          + "keywords: [quokka detector]\n")
    site = tmp_path / "site"
    result = mkdocs_build(tiny_project, site_dir=site)
    assert result.returncode == 0, result.stderr
    layer = parse_file(site / "layers/alpha/index.html")
    records = read_records(site)
    found = {
        "page": (site / "services/zz-new/index.html").is_file(),
        "layer card": "../../services/zz-new/" in {link.href for link in layer.links if not link.in_nav},
        "nav": "../../services/zz-new/" in {link.href for link in layer.links if link.in_nav},
        "search": any("quokka" in doc.get("keywords", "") for doc in records),
        "catalog": "services/zz-new/" in (site / "catalog/index.html").read_text(),
        "catalog.json": "zz-new" in (site / "catalog.json").read_text(),
        "llms.txt": "services/zz-new/" in (site / "llms.txt").read_text(),
        "changes": "../services/zz-new/" in {link.href for link in parse_file(site / "changes/index.html").links},
    }
    assert found == dict.fromkeys(found, True)


def test_a_glossary_page_elsewhere_is_the_one_its_terms_find(tiny_project: Path, tmp_path: Path) -> None:
    mkdocs_yml = tiny_project / "mkdocs.yml"
    assert "  - stackguide:\n" in mkdocs_yml.read_text()  # the project's mkdocs.yml gives the plugin options
    mkdocs_yml.write_text(mkdocs_yml.read_text().replace("  - stackguide:\n", "  - stackguide:\n"
                                                         "      glossary_page: reference/terms.md\n", 1)
                          .replace("glossary.md", "reference/terms.md"))
    (tiny_project / "docs/reference").mkdir()
    (tiny_project / "docs/glossary.md").rename(tiny_project / "docs/reference/terms.md")
    site = tmp_path / "site"
    result = mkdocs_build(tiny_project, site_dir=site)
    assert result.returncode == 0, result.stdout + result.stderr
    keywords = {doc["location"]: doc.get("keywords", "") for doc in read_records(site) if "#" not in doc["location"]}
    assert keywords["reference/terms/"].split() == ["ml", "s3"] and "glossary/" not in keywords


def test_under_another_theme_its_search_and_pages_are_left_to_it(tmp_path: Path) -> None:
    """The plugin's scripts and search worker build on Material: under MkDocs' own theme, its search
    index stays whole (the split into records and pages emptied it) and no script of ours fails."""
    project = their_project(tmp_path / "their-guide", OTHER_CONFIG.replace("  name: material\n  font: false\n",
                                                                           "  name: mkdocs\n"))
    site = tmp_path / "site"
    result = mkdocs_build(project, site_dir=site)
    assert result.returncode == 0, result.stdout + result.stderr
    index = json.loads((site / "search/search_index.json").read_text())
    assert {"services/one/", "glossary/"} <= {doc["location"] for doc in index["docs"]}
    assert not (site / "search/search_records.json").exists()
    page = (site / "services/one/index.html").read_text()
    assert "One" in page and "assets/stackguide/site.css" in page and "assets/stackguide/" not in page.replace(
        "assets/stackguide/site.css", "")
    assert [link for link in broken_links(site) if not link.startswith("/404.html: /guide/")] == []


@pytest.mark.parametrize("verbosity", [[], ["--verbose"]])  # -v alone would skip anchors (mkdocs/mkdocs#3991)
def test_strict_build_rejects_a_broken_anchor(tiny_project: Path, tmp_path: Path, verbosity: list[str]) -> None:
    page = tiny_project / "docs/stable-links.md"
    page.write_text(page.read_text() + "\nSee [the catalog](catalog.md#no-such-heading).\n")
    command = [str(BIN / "mkdocs"), "build", "--strict", *verbosity, "--site-dir", str(tmp_path / "site")]
    result = subprocess.run(command, cwd=tiny_project, env=tool_env(), capture_output=True, text=True, timeout=300)
    assert result.returncode != 0 and "no-such-heading" in result.stdout + result.stderr


@pytest.mark.parametrize("tool", ["mkdocs", "properdocs"])
def test_a_quiet_strict_build_still_stops_at_a_warning(tiny_project: Path, tmp_path: Path, tool: str) -> None:
    """`--quiet` alone would keep every warning from strict mode's counter (mkdocs/mkdocs#4126)."""
    write(tiny_project, "docs/broken.md", "# Broken\n\n[gone](no-such-page.md)\n")
    result = subprocess.run([str(BIN / tool), "build", "--strict", "--quiet", "--site-dir", str(tmp_path / "site")],
                            cwd=tiny_project, env=tool_env(), capture_output=True, text=True, timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "warnings in strict mode!" in output  # the link, and the page not in nav
    assert "no-such-page.md" not in output, "quiet: the warnings themselves are not printed"
    (tiny_project / "docs/broken.md").unlink()
    quiet = subprocess.run([str(BIN / tool), "build", "--quiet", "--site-dir", str(tmp_path / "site")],  # strict: true
                           cwd=tiny_project, env=tool_env(), capture_output=True, text=True, timeout=300)
    assert quiet.returncode == 0 and quiet.stdout + quiet.stderr == ""


def test_two_builds_are_byte_identical(tiny_project: Path, tmp_path: Path) -> None:
    for name in ("one", "two"):
        assert mkdocs_build(tiny_project, site_dir=tmp_path / name).returncode == 0
    first = {p.relative_to(tmp_path / "one"): p for p in (tmp_path / "one").rglob("*") if p.is_file()}
    second = {p.relative_to(tmp_path / "two"): p for p in (tmp_path / "two").rglob("*") if p.is_file()}
    assert sorted(first) == sorted(second)
    differ = [str(rel) for rel, path in first.items()
              if rel.name not in ("sitemap.xml", "sitemap.xml.gz") and path.read_bytes() != second[rel].read_bytes()]
    assert not differ, f"builds differ in: {differ[:10]}"


def test_gh_deploy_loads_the_config_and_the_plugin(tiny_project: Path, tmp_path: Path) -> None:
    """`mkdocs gh-deploy` builds with the plugin before it pushes: with --help it would prove nothing
    (it succeeds in an empty folder), so push to a local bare repository, with no network."""
    remote = tmp_path / "pages.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    env = {**tool_env(), "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", "init", "-q"], cwd=tiny_project, check=True)
    subprocess.run(["git", "remote", "add", "origin", str(remote)], cwd=tiny_project, check=True)
    result = subprocess.run([str(BIN / "mkdocs"), "gh-deploy", "--strict", "--remote-name", "origin", "--no-history"],
                            cwd=tiny_project, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    pushed = subprocess.run(["git", "--git-dir", str(remote), "ls-tree", "-r", "--name-only", "gh-pages"],
                            capture_output=True, text=True, check=True).stdout.split()
    assert {"services/one/index.html", "catalog.json", "lifecycle.xml"} <= set(pushed)


def build_copy(project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    """Build `project` with the copy of the package inside it (not the installed one)."""
    return subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(site)], cwd=project,
                          env={**tool_env(), "PYTHONPATH": str(project)}, capture_output=True, text=True, timeout=300)


def copy_package(project: Path) -> Path:
    shutil.copytree(ROOT / "stackguide", project / "stackguide", ignore=shutil.ignore_patterns("__pycache__"))
    return project / "stackguide"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert text.count(old) == 1, f"{old!r} is not once in {path}"
    path.write_text(text.replace(old, new))


def test_a_new_family_of_a_known_model_is_one_line_in_the_registry(tiny_project: Path, tmp_path: Path) -> None:
    """A copy of the package with one more entry family line builds that family's pages everywhere."""
    package = copy_package(tiny_project)
    last = '    entry_family("use-cases", '
    edit(package / "families.py", last, '    entry_family("tools", "tool", "Tool", "Tools"),\n' + last)
    write(tiny_project, "data/tools/zz-tool.yaml", ENTRY.format(id="zz-tool", name="Zz Tool", layer="alpha"))
    site = tmp_path / "site"
    result = build_copy(tiny_project, site)
    assert result.returncode == 0, result.stderr
    entries = json.loads((site / "catalog.json").read_text())["entries"]
    layer = parse_file(site / "layers/alpha/index.html")
    found = {
        "page": (site / "tools/zz-tool/index.html").is_file(),
        "catalog.json kind": {"zz-tool": "tool"}.items() <= {e["id"]: e["kind"] for e in entries}.items(),
        "layer section": "Tools" in layer.text,
        "URL table": "/tools/&lt;id&gt;/" in (site / "stable-links/index.html").read_text(),
    }
    assert found == dict.fromkeys(found, True)


# What docs/maintainers.md ("A new page family") says a family with a new model adds, and nothing more.
NOTE_MODEL = '''
class Note(Strict, PageModel):
    """A short note that cites its sources."""

    id: Id
    title: Annotated[str, PlainText(80)]
    summary: Summary
    body: Annotated[Markdown, MarkdownText(400, claim=True)]
    sources: list[Source] = Field(min_length=1)
    reviewed: dt.date

    @property
    def display_name(self) -> str:
        return self.title


'''
NOTE_FAMILY = ('from stackguide.model import Note  # noqa: E402\n'
               'NOTES = Family("notes", Note, "note", "Note", "Notes", "note.md.j2", '
               'lambda catalog, note: note.title.lower(), "notes")\n\n')
NOTE_TEMPLATE = """\
{% from "components.j2" import sources_section with context %}
# {{ item.title }}

{{ item.summary }}

{{ item.body | md }}

{{ sources_section(sources, item.reviewed) }}
"""
NOTE = """\
id: zz-note
title: Zz Note
summary: A note used by the tests.
body: Notes are a family of their own [^doc].
sources:
  - id: doc
    title: The note's source
    url: https://docs.aws.amazon.com/zz-note/
    checked: 2026-11-20
reviewed: 2026-11-20
"""


NEW_MODEL_TOUCHES = {"stackguide/families.py", "stackguide/model.py", "stackguide/templates/note.md.j2"}


def package_changes(package: Path) -> set[str]:
    """The package's files that the copy adds or changes."""
    changed = set()
    for path in package.rglob("*"):
        original = ROOT / "stackguide" / path.relative_to(package)
        if path.is_file() and "__pycache__" not in path.parts and (
                not original.is_file() or original.read_bytes() != path.read_bytes()):
            changed.add(f"stackguide/{path.relative_to(package)}")
    return changed


def test_the_maintainers_page_names_what_a_new_model_touches() -> None:
    section = (ROOT / "docs/maintainers.md").read_text().split("## A new page family", 1)[1].split("\n## ", 1)[0]
    for path in NEW_MODEL_TOUCHES:
        assert f"`{path.rsplit('/', 1)[0] + '/' if path.endswith('.j2') else path}`" in section, path


def test_a_new_family_with_a_new_model_is_its_line_its_model_and_its_template(tiny_project: Path,
                                                                              tmp_path: Path) -> None:
    """The list in docs/maintainers.md holds: a registry line, a model in the PageRecord union and a
    template are all a new kind of page needs to be built, listed, exported and searched."""
    package = copy_package(tiny_project)
    edit(package / "model.py", "\nPageRecord = Entry | Layer | Comparison ",
         NOTE_MODEL + "PageRecord = Entry | Layer | Comparison | Note ")
    edit(package / "families.py", "\nFAMILIES: tuple[Family, ...] = (LAYERS, *ENTRY_FAMILIES, COMPARISONS)",
         "\n" + NOTE_FAMILY + "FAMILIES: tuple[Family, ...] = (LAYERS, *ENTRY_FAMILIES, COMPARISONS, NOTES)")
    (package / "templates/note.md.j2").write_text(NOTE_TEMPLATE)
    edit(tiny_project / "mkdocs.yml", "      - Comparisons: generated:comparisons\n",
         "      - Comparisons: generated:comparisons\n      - Notes: generated:notes\n")
    write(tiny_project, "data/notes/zz-note.yaml", NOTE)
    assert package_changes(package) == NEW_MODEL_TOUCHES
    site = tmp_path / "site"
    result = build_copy(tiny_project, site)
    assert result.returncode == 0, result.stderr
    page = parse_file(site / "notes/zz-note/index.html")
    catalog = json.loads((site / "catalog.json").read_text())
    schema = json.loads((site / "catalog.schema.json").read_text())
    records = {record["location"]: record for record in read_records(site)}
    found = {
        "page": page.title.startswith("Zz Note") and "Notes are a family of their own" in page.text,
        "footnote": "The note's source" in page.text,
        "catalog.json": [(n["id"], n["kind"], n["url"].endswith("notes/zz-note/")) for n in catalog["notes"]]
        == [("zz-note", "note", True)],
        "schema": schema["properties"]["notes"]["items"]["$ref"] == "#/$defs/ExportedNote",
        "nav": any(link.text.strip() == "Zz Note" for link in page.links if link.in_nav),
        "search names": records.get("notes/zz-note/", {}).get("names") == "zz note",
        "llms.txt": "## Notes" in (site / "llms.txt").read_text(),
        "URL table": "/notes/&lt;id&gt;/" in (site / "stable-links/index.html").read_text(),
    }
    assert found == dict.fromkeys(found, True)
    write(tiny_project, "data/notes/zz-note.yaml", NOTE.replace("[^doc]", ""))
    refused = build_copy(tiny_project, tmp_path / "refused")
    assert refused.returncode != 0 and "data/notes/zz-note.yaml:4:" in refused.stderr, "its claims must cite"


def test_a_summary_with_quotes_stays_inside_materials_meta_tag_without_our_overrides(tmp_path: Path) -> None:
    """Another team's Material has none of overrides/: Material prints page.meta.description into
    <meta content="..."> as it is, so the plugin gives it escaped, as it gives the title."""
    import html.parser

    project = their_project(tmp_path / "their-guide")
    one = project / "data/services/one.yaml"
    summary = 'A "quoted" service onmouseover=alert(1) "x & y'
    one.write_text(one.read_text().replace("summary: A service used by the tests.", f"summary: '{summary}'"))
    result = mkdocs_build(project, site_dir=tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    metas: list[dict[str, str | None]] = []

    class Metas(html.parser.HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "meta":
                metas.append(dict(attrs))

    Metas().feed((tmp_path / "site/services/one/index.html").read_text())
    described = [meta for meta in metas if meta.get("name") == "description"]
    assert described == [{"name": "description", "content": summary}]


def test_another_teams_material_site_keeps_materials_search_records(tmp_path: Path) -> None:
    """Their theme has none of this project's overrides/: its pages start Material's own worker,
    which reads search/search_index.json, so the plugin leaves the records there (it had emptied
    the file, and every search found nothing); this project's pages start the plugin's worker."""
    project = their_project(tmp_path / "their-guide")
    site = tmp_path / "site"
    result = mkdocs_build(project, site_dir=site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "search-start.js" not in (site / "services/one/index.html").read_text()
    index = json.loads((site / "search/search_index.json").read_text())
    assert any(doc["location"] == "services/one/" for doc in index["docs"])
    assert not (site / "search/search_records.json").exists()


def test_the_real_site_built_after_every_announced_end_tells_each_as_past(tmp_path: Path) -> None:
    """The site stays true as days pass with no edit: built on the day after the last end of support
    the data announces (SOURCE_DATE_EPOCH), it builds, what was ending is told as ended, and a
    second build on that day makes the same files."""
    now = load_catalog(ROOT)
    ends = [(entry, event) for entry in now.entries for event in entry.lifecycle
            if event.event is EventKind.END_OF_SUPPORT]
    day = max(first_day(event.date) for _, event in ends) + dt.timedelta(days=1)
    result = mkdocs_build(ROOT, site_dir=tmp_path / "site", day=day)
    assert result.returncode == 0, result.stderr
    then = load_catalog(ROOT, today=day)
    records = {record["id"]: record for record in json.loads((tmp_path / "site/catalog.json").read_text())["entries"]}
    for entry in then.entries:
        status = then.status(entry)
        assert records[entry.id]["status"]["state"] == status.state.value, entry.id
        assert records[entry.id]["status"]["ends"] is None, entry.id  # every announced end has come
    ending = {entry.id for entry, event in ends if event.feature is None and now.status(entry).ends}
    assert all(then.status(then.entry(id_)).state is State.RETIRED for id_ in ending)
    changes = (tmp_path / "site/changes/index.html").read_text()
    assert "No end of support is announced for the next twelve months." in changes
    # A page whose review came before one of its events says that its status, not its words, is current.
    for entry in then.entries:
        page = (tmp_path / "site" / then.page_url(entry) / "index.html").read_text()
        assert ('<p class="sg-stale">' in page) == bool(events_since_review(entry, day)), entry.id
    # The same day builds the same site, byte for byte (reproducible builds).
    assert mkdocs_build(ROOT, site_dir=tmp_path / "again", day=day).returncode == 0
    assert all_files(tmp_path / "again") == all_files(tmp_path / "site")


def all_files(site: Path) -> dict[Path, bytes]:
    return {path.relative_to(site): path.read_bytes() for path in site.rglob("*") if path.is_file()}
