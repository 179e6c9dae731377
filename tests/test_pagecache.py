"""The preview's generated pages: reused until something they read of the catalog, their own record
or a template changes, and always what a fresh build makes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import ENTRY, write

from stackguide import pages, render
from stackguide.load import FileCache, load_catalog
from stackguide.pagecache import GeneratedPageCache

TODAY = dt.date(2026, 12, 6)


class Preview:
    """Rebuilds as `mkdocs serve` makes them: the parsed files and the pages are kept between them."""

    def __init__(self, root: Path) -> None:
        self.root, self.files, self.pages = root, FileCache(), GeneratedPageCache()

    def rebuild(self, today: dt.date = TODAY) -> int:
        """How many pages were made afresh; each page is checked against a build with nothing kept."""
        catalog = load_catalog(self.root, today=today, cache=self.files)
        self.pages.new_build(render.template_folders())
        made = [self.pages.page(catalog, item) for item in catalog.pages()]
        assert made == pages.generated_pages(catalog)
        return self.pages.made


def test_pages_are_made_again_only_when_what_they_read_changes(data_root: Path, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    preview = Preview(data_root)
    every = preview.rebuild()
    assert every == len(load_catalog(data_root, today=TODAY).pages()) > 3
    assert preview.rebuild() == 0
    one = data_root / "data/services/one.yaml"
    one.write_text(one.read_text().replace("summary: A service", "summary: A changed service"))
    assert 0 < preview.rebuild() < every  # its page and the pages that show its summary
    two = data_root / "data/services/two.yaml"
    two.write_text(two.read_text().replace("name: Two", "name: Second"))
    assert 0 < preview.rebuild() < every
    write(data_root, "data/services/three.yaml", ENTRY.format(id="three", name="Three", layer="alpha"))
    assert preview.rebuild() >= 2  # its own page and its layer's list
    assert preview.rebuild(today=TODAY + dt.timedelta(days=1)) > 0  # states and "ends in" words move with the day
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    (overrides / "entry.md.j2").write_text((render.TEMPLATES / "entry.md.j2").read_text() + "\nEdited.\n")
    monkeypatch.setattr(render, "_overrides", (overrides,))
    assert preview.rebuild() == every + 1  # the new entry too
    (overrides / "entry.md.j2").write_text((render.TEMPLATES / "entry.md.j2").read_text() + "\nEdited again.\n")
    assert preview.rebuild() == every + 1


def test_a_page_whose_reads_fail_now_is_made_again(data_root: Path) -> None:
    """A read that raises on the new catalog (an entry that is gone) means the page is made again."""
    preview = Preview(data_root)
    preview.rebuild()
    one = data_root / "data/services/one.yaml"
    one.write_text(one.read_text().replace("name: One", "name: Renamed"))
    assert preview.rebuild() > 0
