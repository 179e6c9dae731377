"""The worker process that makes the generated pages and files while MkDocs converts the others."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import BIN, tool_env
from mkdocs.config import load_config
from mkdocs.structure.files import File

from stackguide import pages, pageworker
from stackguide.catalog import Catalog
from stackguide.pagemacros import MACROS
from stackguide.pageworker import LateFile, PageWorker

SITE = ("Tiny guide", "What the tiny data holds", "https://example.org/guide/")


def worker_for(catalog: Catalog, monkeypatch: pytest.MonkeyPatch) -> PageWorker:
    monkeypatch.setattr(pageworker, "CHUNK", 2)  # several messages even from the tiny data
    return PageWorker(catalog, SITE)


def test_the_worker_makes_each_page_and_file_as_the_build_would(tiny_catalog: Catalog,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    expected = [page.content for page in pages.generated_pages(tiny_catalog)]
    assert len(expected) > 2  # pages of two chunks at least
    worker = worker_for(tiny_catalog, monkeypatch)
    try:
        assert [worker.page(index) for index in reversed(range(len(expected)))] == expected[::-1]
        assert {name: worker.output(name) for name in pages.OUTPUT_NAMES} == pages.outputs(tiny_catalog, *SITE)
        assert {name: worker.macro(name) for name in MACROS} == {name: make(tiny_catalog)
                                                                 for name, make in MACROS.items()}
    finally:
        worker.close()


def _dies(*_: object) -> None:
    os._exit(1)  # as if killed, in the worker (sent by name, as every task is)


def test_if_the_worker_dies_the_build_makes_them_itself(tiny_catalog: Catalog,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pageworker, "_contents", _dies)
    monkeypatch.setattr(pageworker, "_outputs", _dies)
    monkeypatch.setattr(pageworker, "_macro", _dies)
    worker = worker_for(tiny_catalog, monkeypatch)
    try:
        assert [worker.page(index) for index in range(len(tiny_catalog.pages()))] == \
               [page.content for page in pages.generated_pages(tiny_catalog)]
        assert worker.output("llms.txt") == pages.outputs(tiny_catalog, *SITE)["llms.txt"]
        assert worker.macro("entry_count") == len(tiny_catalog.entries)
    finally:
        worker.close()


def test_a_late_file_is_made_when_first_read_and_only_once(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: Late\n")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    config.plugins._current_plugin = "stackguide"  # as MkDocs sets it while a plugin's event runs
    made: list[str] = []

    def make() -> str:
        made.append("once")
        return "# Ünïcode\n"

    page = LateFile.later(config, "services/one.md", make)
    assert isinstance(page, File) and page.src_uri == "services/one.md" and made == []
    assert page.content_string == "# Ünïcode\n"
    assert page.content_bytes == "# Ünïcode\n".encode()
    assert made == ["once"]
    other = LateFile.later(config, "catalog.json", lambda: "{}\n")
    other.copy_file()  # MkDocs copies files that are not pages, unread
    assert Path(other.abs_dest_path).read_text() == "{}\n"
    replaced = LateFile.later(config, "llms.txt", make)
    replaced.content_string = "set by another plugin"
    assert replaced.content_bytes == b"set by another plugin" and made == ["once"]


def test_no_worker_where_it_cannot_pay_off_or_fork_safely(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pageworker, "available_cpus", lambda: 2)
    assert pageworker.can_fork_worker() is (threading.active_count() == 1)
    monkeypatch.setattr(pageworker, "available_cpus", lambda: 1)
    assert not pageworker.can_fork_worker()
    monkeypatch.setattr(pageworker, "available_cpus", lambda: 2)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not pageworker.can_fork_worker()  # a fork would copy the locks it may hold
    finally:
        stop.set()
        other.join()
    monkeypatch.setattr(sys, "platform", "darwin")
    assert not pageworker.can_fork_worker()


@pytest.mark.build
def test_a_build_with_the_worker_writes_the_same_site_as_one_without(tiny_project: Path, tmp_path: Path) -> None:
    if not (sys.platform.startswith("linux") and pageworker.available_cpus() > 1):  # what the build's process has
        pytest.skip("a worker needs Linux and a second CPU")
    mkdocs_yml = tiny_project / "mkdocs.yml"
    text = mkdocs_yml.read_text()
    assert "\n  - stackguide\n" in text
    sites = {}
    for worker in (True, False):
        mkdocs_yml.write_text(text.replace("\n  - stackguide\n", f"\n  - stackguide:\n      worker: {worker}\n"))
        sites[worker] = tmp_path / f"site-{worker}"
        command = [str(BIN / "mkdocs"), "build", "--strict", "--verbose", "--site-dir", str(sites[worker])]
        result = subprocess.run(command, cwd=tiny_project, env=tool_env(), capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr
        assert ("a worker process makes the" in result.stderr) is worker
    written = {worker: {path.relative_to(site): path.read_bytes() for path in sorted(site.rglob("*"))
                        if path.is_file()} for worker, site in sites.items()}
    assert len(written[True]) > 20 and written[True] == written[False]
