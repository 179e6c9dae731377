"""The cycle collector is paused while the plugin builds many objects, and always resumed."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

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
