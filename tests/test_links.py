"""Links: every internal link and #anchor in the built site resolves; external ones are only listed."""

from __future__ import annotations

from pathlib import Path

from conftest import mkdocs_build, write

from stackguide.linkcheck import scan


def test_every_internal_link_and_anchor_resolves(built_site: Path) -> None:
    broken, external = scan(built_site)
    assert not broken, "\n".join(broken[:20])
    assert "https://aws.amazon.com/polly/" in external


def test_checker_catches_broken_pages_and_anchors(tmp_path: Path) -> None:
    write(tmp_path, "index.html", '<a href="a/">ok</a> <a href="a/#here">ok</a> <a href="a/#gone">x</a> '
          '<a href="missing/">x</a> <a href="#top">x</a> <a href="mailto:x@y.z">ok</a>')
    write(tmp_path, "a/index.html", '<h2 id="here">Here</h2>')
    broken, _ = scan(tmp_path)
    assert broken == [
        "/index.html: a/#gone: no element with id 'gone'",
        "/index.html: missing/: no such page",
        "/index.html: #top: no element with id 'top'",
    ]


def test_strict_build_rejects_a_broken_anchor_in_markdown(project_copy: Path, tmp_path: Path) -> None:
    page = project_copy / "docs/stable-links.md"
    page.write_text(page.read_text() + "\nSee [the catalog](catalog.md#no-such-heading).\n")
    result = mkdocs_build(project_copy, site_dir=tmp_path / "site")
    assert result.returncode != 0
    assert "no-such-heading" in result.stdout + result.stderr


def test_two_builds_are_byte_identical(project_copy: Path, tmp_path: Path) -> None:
    for name in ("one", "two"):
        assert mkdocs_build(project_copy, site_dir=tmp_path / name).returncode == 0
    differ = []
    for first in sorted((tmp_path / "one").rglob("*")):
        rel = first.relative_to(tmp_path / "one")
        dated = rel.name in ("sitemap.xml", "sitemap.xml.gz")
        if first.is_file() and not dated and first.read_bytes() != (tmp_path / "two" / rel).read_bytes():
            differ.append(str(rel))
    assert not differ, f"builds differ in: {differ[:10]}"
    assert sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*")) == \
        sorted(p.relative_to(tmp_path / "two") for p in (tmp_path / "two").rglob("*"))
