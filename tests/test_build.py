"""The real MkDocs build: strict, data-driven, clean on bad data, never half-writing site/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ENTRY, mkdocs_build, write
from html_tools import parse_page


def test_real_site_builds_strict(built_site: Path) -> None:
    assert (built_site / "index.html").is_file()
    assert (built_site / "services" / "amazon-polly" / "index.html").is_file()
    assert (built_site / "layers" / "ai-services" / "index.html").is_file()


def test_generated_page_edit_link_opens_its_yaml(built_site: Path) -> None:
    page = parse_page(built_site / "services" / "amazon-polly" / "index.html")
    edits = [link.href for link in page.links if "md-content__button" in link.classes]
    assert edits == ["https://github.com/your-org/aws-ml-stack-guide/edit/main/data/services/amazon-polly.yaml"]


def test_meta_description_comes_from_the_summary(built_site: Path) -> None:
    page = parse_page(built_site / "services" / "amazon-polly" / "index.html")
    assert page.meta["description"].startswith("Text-to-speech API")


NEW_ENTRY = ENTRY.format(id="zz-test-service", name="Zz Test Service", layer="ai-services").replace(
    "capabilities:", "keywords: [quokka detector]\ncapabilities:")


def entry_appears(site: Path) -> dict[str, bool]:
    layer = parse_page(site / "layers" / "ai-services" / "index.html")
    content_links = {link.href for link in layer.links if not link.in_nav}
    nav_links = {link.href for link in layer.links if link.in_nav}
    index = json.loads((site / "search" / "search_index.json").read_text())
    catalog = parse_page(site / "catalog" / "index.html")
    changes = parse_page(site / "changes" / "index.html")
    return {
        "page": (site / "services" / "zz-test-service" / "index.html").is_file(),
        "layer card": "../../services/zz-test-service/" in content_links,
        "nav": "../../services/zz-test-service/" in nav_links,
        "search": any(doc["location"].startswith("services/zz-test-service/") for doc in index["docs"]),
        "catalog": any(link.href.endswith("services/zz-test-service/") for link in catalog.links),
        "catalog.json": "zz-test-service" in (site / "catalog.json").read_text(),
        "llms.txt": "services/zz-test-service/" in (site / "llms.txt").read_text(),
        # Not in the 2017 notes, so it is listed as new since them.
        "changes": "../services/zz-test-service/" in {link.href for link in changes.links if not link.in_nav},
    }


def test_one_yaml_file_adds_and_removes_everything(project_copy: Path, tmp_path: Path) -> None:
    new = write(project_copy, "data/services/zz-test-service.yaml", NEW_ENTRY)
    added = mkdocs_build(project_copy, site_dir=tmp_path / "with")
    assert added.returncode == 0, added.stderr
    assert entry_appears(tmp_path / "with") == dict.fromkeys(entry_appears(tmp_path / "with"), True)

    new.unlink()
    removed = mkdocs_build(project_copy, site_dir=tmp_path / "without")
    assert removed.returncode == 0, removed.stderr
    assert not (tmp_path / "without" / "services" / "zz-test-service").exists()
    layer = parse_page(tmp_path / "without" / "layers" / "ai-services" / "index.html")
    assert not any("zz-test-service" in link.href for link in layer.links)
    assert "zz-test-service" not in (tmp_path / "without" / "search" / "search_index.json").read_text()


BAD_DATA = {
    "unknown layer": ("data/services/zz.yaml", ENTRY.format(id="zz", name="Zz", layer="ai-service"),
                      "data/services/zz.yaml:4: layer 'ai-service' is not one of:"),
    "unknown key": ("data/services/zz.yaml", ENTRY.format(id="zz", name="Zz", layer="ai-services") + "colour: red\n",
                    "data/services/zz.yaml:16: unknown key 'colour'"),
    "unknown id": ("data/services/zz.yaml", ENTRY.format(id="zz", name="Zz", layer="ai-services") + "related: [nope]\n",
                   "data/services/zz.yaml:16: related id 'nope' does not exist"),
    "duplicate id": ("data/engines/amazon-polly.yaml",
                     ENTRY.format(id="amazon-polly", name="Zz", layer="ai-services").replace("service\n", "engine\n"),
                     "duplicate id 'amazon-polly'"),
    "wrong type": ("data/services/zz.yaml", ENTRY.format(id="zz", name="Zz", layer="ai-services")
                   .replace("reviewed: 2026-11-24", "reviewed: [2026]"), "data/services/zz.yaml:15: reviewed:"),
    "bad url": ("data/services/zz.yaml", ENTRY.format(id="zz", name="Zz", layer="ai-services")
                .replace("url: https://example.com/zz", "url: ftp://example.com/zz"), "data/services/zz.yaml:13:"),
    "empty file": ("data/services/zz.yaml", "", "data/services/zz.yaml:1: the file is empty"),
    "yaml syntax": ("data/services/zz.yaml", "id: zz\nname: [Zz\n", "data/services/zz.yaml:3: YAML syntax error"),
    "raw html": ("data/services/zz.yaml", ENTRY.format(id="zz", name="Zz", layer="ai-services")
                 .replace("description: A", "description: <b>A</b>"), "data/services/zz.yaml:6: description: raw HTML"),
}


@pytest.mark.parametrize("case", sorted(BAD_DATA))
def test_bad_data_fails_the_build_cleanly(project_copy: Path, tmp_path: Path, case: str) -> None:
    path, text, expected = BAD_DATA[case]
    write(project_copy, path, text)
    result = mkdocs_build(project_copy, site_dir=tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert expected in output
    assert "Traceback" not in output


def test_failed_build_keeps_the_last_good_site(project_copy: Path) -> None:
    site = project_copy / "site"
    assert mkdocs_build(project_copy).returncode == 0
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*.html")}

    # A data error stops the build before anything is written...
    write(project_copy, "data/services/zz.yaml", "id: zz\n")
    assert mkdocs_build(project_copy).returncode != 0
    (project_copy / "data/services/zz.yaml").unlink()
    # ...and a strict-mode warning (a broken link) stops it after pages were rendered.
    write(project_copy, "docs/broken.md", "# Broken\n\n[gone](no-such-page.md)\n")
    result = mkdocs_build(project_copy)
    assert result.returncode != 0 and "no-such-page.md" in result.stdout + result.stderr

    after = {p.relative_to(site): p.read_bytes() for p in site.rglob("*.html")}
    assert after == before
    assert not list(project_copy.glob(".site.*")), "staging folders must be cleaned up"


def test_quotes_in_data_cannot_break_out_of_meta_attributes(project_copy: Path, tmp_path: Path) -> None:
    hostile = 'Says "hi" onload="alert(1)" & leaves'
    path = project_copy / "data/services/amazon-polly.yaml"
    text = path.read_text()
    summary = next(line for line in text.splitlines() if line.startswith("summary:"))
    path.write_text(text.replace(summary, f"summary: '{hostile}'"))
    result = mkdocs_build(project_copy, site_dir=tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site/services/amazon-polly/index.html").read_text()
    page = parse_page(tmp_path / "site/services/amazon-polly/index.html")
    assert page.meta["description"] == hostile and page.meta["og:description"] == hostile
    assert 'onload="alert' not in html
