"""The preview's quick watch: the project's own files are polled every 0.2 s on an observer of their
own, which asks MkDocs' server for its usual rebuild; anything else stays on MkDocs' observer."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer
from watchdog.observers.polling import PollingObserver

from stackguide.plugin import StackGuidePlugin
from stackguide.quickwatch import POLL_SECONDS, QuickWatch
from stackguide.tools.devkit import free_port


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveReloadServer]:
    running = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=free_port(), root=str(tmp_path / "site"))
    yield running
    running.server_close()


def watched(observer: PollingObserver) -> dict[str, float]:
    """Each path the observer polls, with its interval."""
    return {emitter.watch.raw_path: emitter.timeout for emitter in observer.emitters}  # a file: its own path


def asks_for_a_rebuild(server: LiveReloadServer, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server._want_rebuild:  # what MkDocs' own watch callback sets
            return True
        time.sleep(0.02)
    return False


def test_the_projects_files_move_to_the_quick_observer_and_a_save_asks_for_a_rebuild(
        server: LiveReloadServer, tmp_path: Path) -> None:
    docs, data, theme = (tmp_path / name for name in ("docs", "data", "theme"))
    for folder in (docs, data, theme):
        folder.mkdir()
    server.watch(str(docs))  # as MkDocs does before on_serve
    server.watch(str(theme))  # --watch-theme: not the project's own
    usual = server.observer
    quick = QuickWatch()
    quick.take_over(server, [str(data)], watched=[str(docs), None])
    try:
        assert quick.observer is not None and server.observer is usual
        assert watched(quick.observer) == {str(docs): POLL_SECONDS, str(data): POLL_SECONDS}
        assert watched(usual) == {str(theme): 0.5}
        server.watch(str(data))  # MkDocs' own later call for a `watch:` path only counts it
        assert set(watched(usual)) == {str(theme)}
        assert not server._want_rebuild
        (data / "new.yaml").write_text("id: new\n")
        assert asks_for_a_rebuild(server)
    finally:
        quick.stop()
    assert quick.observer is None


def test_a_server_that_does_not_poll_as_mkdocs_does_is_left_as_it_is(server: LiveReloadServer, tmp_path: Path) -> None:
    class Other(PollingObserver):
        pass

    server.observer = Other(timeout=1.0)
    quick = QuickWatch()
    quick.take_over(server, [str(tmp_path)], watched=[])
    assert quick.observer is None and watched(server.observer) == {}


def test_the_plugin_watches_the_project_quickly_in_the_preview(tiny_project: Path, server: LiveReloadServer) -> None:
    config = load_config(str(tiny_project / "mkdocs.yml"))
    plugin = config.plugins["stackguide"]
    assert isinstance(plugin, StackGuidePlugin)
    plugin.on_startup(command="serve", dirty=False)
    server.watch(config.docs_dir)
    server.watch(config.config_file_path)
    plugin.on_serve(server, config=config, builder=lambda: None)
    try:
        assert plugin.quick_watch.observer is not None
        quick = watched(plugin.quick_watch.observer)
        assert {config.docs_dir, config.config_file_path, str(tiny_project / "data"), str(tiny_project)} <= set(quick)
        assert set(quick.values()) == {POLL_SECONDS} and watched(server.observer) == {}
        emitters = plugin.quick_watch.observer.emitters
        recursive = {emitter.watch.raw_path: emitter.watch.is_recursive for emitter in emitters}
        assert recursive[str(tiny_project)] is False and recursive[str(tiny_project / "data")] is True
    finally:
        plugin.on_shutdown()
    assert plugin.quick_watch.observer is None
