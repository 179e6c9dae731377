"""The cycle collector is paused while the plugin builds many objects, and always resumed."""

from __future__ import annotations

import gc
import os
from pathlib import Path
from typing import Any, Literal

import pytest

from stackguide import load, resolve
from stackguide.gcpause import paused_gc


def test_paused_inside_and_resumed_after_even_on_error() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled(), "an inner pause leaves the outer one paused"
    assert gc.isenabled()
    with pytest.raises(RuntimeError), paused_gc():
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_then_freeze_freezes_what_a_block_made_only_when_it_ends_well() -> None:
    from stackguide import gcpause

    gcpause.thaw()  # an in-process build of another test may have ended here
    assert gc.get_freeze_count() == 0
    with pytest.raises(RuntimeError), paused_gc(then_freeze=True):
        raise RuntimeError("boom")
    assert gc.get_freeze_count() == 0, "a block that failed froze nothing"
    try:
        with paused_gc(then_freeze=True):
            made = [[index] for index in range(1000)]
            assert gc.get_freeze_count() == 0
        assert gc.isenabled()
        assert gc.get_freeze_count() >= len(made)
    finally:
        gcpause.thaw()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_loader_runs_with_the_collector_paused(data_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []

    def spy(*args: Any, **kwargs: Any) -> None:
        seen.append(gc.isenabled())
        resolve.check_records(*args, **kwargs)

    monkeypatch.setattr(load, "check_records", spy)
    load.load_catalog(data_root)
    assert seen == [False]
    assert gc.isenabled()


def test_a_build_command_freezes_the_heap_at_its_end_and_the_next_build_thaws_it(
        tiny_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from stackguide import gcpause

    gcpause.thaw()  # an in-process build of another test may have ended here
    assert gc.get_freeze_count() == 0
    commands: list[tuple[Literal["build", "gh-deploy", "serve"], bool]] = [("build", True), ("gh-deploy", True),
                                                                           ("serve", False)]
    for command, frozen in commands:
        config = load_config(str(tiny_project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
        config.plugins.on_startup(command=command, dirty=False)
        assert gc.get_freeze_count() == 0, "a new build thaws what the last one froze"
        config.plugins.on_shutdown()
        assert (gc.get_freeze_count() > 0) is frozen, command
    config.plugins.on_startup(command="build", dirty=False)
    assert gc.get_freeze_count() == 0
    build(config)
    assert gc.get_freeze_count() > 0, "the catalog and pages made, the build's collections skip them"
    # `mkdocs serve --clean` rebuilds in one process under the build command: each rebuild thaws first.
    plugin = config.plugins["stackguide"]
    thawed: list[int] = []
    real_thaw = gcpause.thaw

    def thaw() -> None:
        real_thaw()
        thawed.append(gc.get_freeze_count())

    monkeypatch.setattr(gcpause, "thaw", thaw)
    plugin.on_config(config)
    assert thawed == [0], "a rebuild keeps what the build before it froze"
    assert gc.get_freeze_count() > 0, "the catalog is frozen as soon as it is loaded, before any collection"
    build(config)
    config.plugins.on_shutdown()
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)
    assert gc.get_freeze_count() == 0, "the preview lives on: nothing of it is frozen"
    config.plugins.on_shutdown()


def test_a_host_that_freezes_objects_itself_is_left_alone() -> None:
    from stackguide import gcpause

    gcpause.thaw()  # an in-process build of another test may have ended here
    gc.freeze()
    try:
        held = gc.get_freeze_count()
        gcpause.freeze()
        gcpause.thaw()
        # Frozen objects that die meanwhile leave the count (reference counting still frees them);
        # a thaw would empty it.
        assert gc.get_freeze_count() > held * 0.9, "the host's frozen objects were thawed"
    finally:
        gc.unfreeze()


@pytest.mark.build  # `mkdocs build` in a subprocess
def test_the_exit_after_a_build_skips_the_walk_of_the_heap(tiny_project: Path, tmp_path: Path) -> None:
    """Through the console script: after `mkdocs build`, the objects alive are frozen."""
    import subprocess
    import sys

    script = ("import atexit, gc, sys; from mkdocs.__main__ import cli; "
              "atexit.register(lambda: print('frozen', gc.get_freeze_count(), file=sys.stderr)); "
              f"sys.argv = ['mkdocs', 'build', '-q', '-d', {str(tmp_path / 'site')!r}]; cli()")
    result = subprocess.run([sys.executable, "-c", script], cwd=tiny_project, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr[-2000:]
    frozen = int(result.stderr.split("frozen ")[-1].split()[0])
    assert frozen > 10_000
