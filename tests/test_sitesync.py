"""The preview's site folder is rewritten only where a rebuild changed it, and still holds what a
fresh build writes: nothing more, nothing less."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ENTRY, write
from mkdocs import utils
from mkdocs.structure.files import File, Files
from test_preview import _serve_build, _tree

from stackguide import sitesync
from stackguide.sitesync import SiteSync

SETTINGS = {"strict": False, "site_url": "http://127.0.0.1:8000/"}


def _times(site: Path) -> dict[str, int]:
    return {path.relative_to(site).as_posix(): path.stat().st_mtime_ns for path in site.rglob("*") if path.is_file()}


def test_a_rebuild_rewrites_the_pages_that_changed_and_removes_the_pages_that_went(tiny_project: Path,
                                                                                      tmp_path: Path) -> None:
    site = tmp_path / "site"
    write(tiny_project, "data/services/three.yaml", ENTRY.format(id="three", name="Three", layer="alpha"))
    plugin = _serve_build(tiny_project, site, **SETTINGS)
    try:
        _rebuilds(tiny_project, site, tmp_path / "fresh")
    finally:
        plugin.on_shutdown()
    assert str(site) not in sitesync._kept


def _rebuilds(tiny_project: Path, site: Path, fresh: Path) -> None:
    assert (site / "services" / "three" / "index.html").is_file()
    before = _times(site)
    _serve_build(tiny_project, site, **SETTINGS)  # nothing changed
    after = _times(site)
    pages = [name for name in before if name.endswith(".html")]
    assert len(pages) > 10 and all(after[name] == before[name] for name in pages), "an unchanged page was written"
    static = [name for name in before if name.startswith("assets/javascripts/")]
    assert static and all(after[name] == before[name] for name in static), "an unchanged static file was copied"
    # An entry removed and a summary changed.
    (tiny_project / "data" / "services" / "three.yaml").unlink()
    one = tiny_project / "data" / "services" / "one.yaml"
    one.write_text(one.read_text().replace("summary: A service", "summary: A changed service"))
    _serve_build(tiny_project, site, **SETTINGS)
    assert not (site / "services" / "three").exists(), "the removed entry's page and folder stay"
    assert b"A changed service" in (site / "services" / "one" / "index.html").read_bytes()
    assert _times(site)["services/one/index.html"] != before["services/one/index.html"]
    # What a build into an empty folder writes.
    _serve_build(tiny_project, fresh, **SETTINGS)
    assert _tree(site) == _tree(fresh)


def test_only_the_preview_folder_is_kept_and_mkdocs_helpers_come_back(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sitesync, "_kept", set())  # previews other tests left running
    kept, other = tmp_path / "kept", tmp_path / "other"
    for folder in (kept, other):
        (folder / "page").mkdir(parents=True)
        (folder / "page" / "index.html").write_text("old")
    sync = SiteSync()
    sync.keep(str(kept))
    utils.clean_directory(str(kept))
    utils.clean_directory(str(other))
    assert (kept / "page" / "index.html").is_file() and not (other / "page").exists()
    stamp = (kept / "page" / "index.html").stat().st_mtime_ns
    utils.write_file(b"old", str(kept / "page" / "index.html"))
    assert (kept / "page" / "index.html").stat().st_mtime_ns == stamp, "the same bytes were written again"
    utils.write_file(b"new", str(kept / "page" / "index.html"))
    assert (kept / "page" / "index.html").read_bytes() == b"new"
    source = tmp_path / "style.css"
    source.write_text("a {}")
    utils.copy_file(str(source), str(kept / "style.css"))
    source.write_text("b {}")  # the same size, newer
    utils.copy_file(str(source), str(kept / "style.css"))
    assert (kept / "style.css").read_text() == "b {}"
    sync.release()
    assert utils.clean_directory.__module__ == "mkdocs.utils", "MkDocs' own helpers are put back"
    utils.clean_directory(str(kept))
    assert not (kept / "page").exists()


def test_a_failed_build_forgets_none_of_its_outputs(tmp_path: Path) -> None:
    site = str(tmp_path / "site")
    extra = File("extra.md", str(tmp_path), site, use_directory_urls=True)
    sync = SiteSync()
    sync.keep(site)
    try:
        sync.expect(Files([]))
        sync.finish()
        sync.expect(Files([extra]))  # a build that writes extra/index.html, then stops
        utils.write_file(b"<p>Extra</p>", extra.abs_dest_path)
        sync.failed()
        sync.expect(Files([]))  # the next build has no such page
        sync.finish()
        assert not Path(extra.abs_dest_path).exists() and not Path(extra.abs_dest_path).parent.exists()
    finally:
        sync.release()
