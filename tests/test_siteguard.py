"""Keeping the last good site: unit tests of the guard the plugin runs around `mkdocs build`."""

from __future__ import annotations

from pathlib import Path

from stackguide.siteguard import LastGoodSite


def make_site(path: Path, text: str) -> None:
    path.mkdir(parents=True, exist_ok=True)
    (path / "index.html").write_text(text)


def leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith("."))


def test_a_clean_build_replaces_the_old_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    make_site(site, "old")
    guard = LastGoodSite(site)
    guard.begin()
    make_site(site, "new")
    guard.keep_new()
    assert (site / "index.html").read_text() == "new" and not leftovers(tmp_path)


def test_a_failed_build_puts_the_old_site_back(tmp_path: Path) -> None:
    site = tmp_path / "site"
    make_site(site, "old")
    guard = LastGoodSite(site)
    guard.begin()
    assert leftovers(tmp_path), "the old site waits next to the new one during the build"
    make_site(site, "half")
    guard.restore_old()
    assert (site / "index.html").read_text() == "old" and not leftovers(tmp_path)
    guard.restore_old()  # a second call (on_shutdown after on_build_error) changes nothing
    assert (site / "index.html").read_text() == "old"


def test_a_first_build_that_fails_leaves_no_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    guard = LastGoodSite(site)
    guard.begin()
    make_site(site, "half")
    guard.restore_old()
    assert not site.exists() and not leftovers(tmp_path)
