"""Python's cycle collector and the plugin: paused while the plugin builds many objects at once,
and kept from walking the whole heap once more as `mkdocs build` exits.

Loading the data, generating the pages and shaping the search index each allocate tens of
thousands of objects that stay alive; the collector would walk them again and again as they pile
up (a fifth of the loader's time at 300 entries). Reference counting still frees what is dropped,
and the collector runs as usual once the work is done.

When the interpreter exits it runs the collector over everything still alive: after a build of
the real site that took 0.23 to 0.35 s (0.12 s for its plain-Markdown export, whose heap holds no
catalog). Under the `build` and `gh-deploy` commands, the plugin moves what is alive to the
collector's permanent generation (gc.freeze), which collections and the exit skip: once the
catalog is loaded and once the generated pages are made, each time before the collector resumes
(its first collection would walk them all: 0.03 to 0.04 s at 300 entries), so that no later
collection of the build walks them, and again at the end: the exit then takes 0.02 to 0.03 s.
Reference counting frees objects as before; only cycles made before a freeze wait. The next
build or rebuild in the same process thaws them first, and a host that freezes objects itself is
left alone.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused_gc(*, then_freeze: bool = False) -> Iterator[None]:
    """No cycle collection inside; as a decorator (@paused_gc()), fresh at every call. Nested uses
    leave the collector as the outermost found it. With `then_freeze`, what is alive when the block
    ends well is frozen before the collector resumes: otherwise its first collection would walk
    everything the block made."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
        if then_freeze:
            freeze()
    finally:
        if was_enabled:
            gc.enable()


_frozen_by_us = False


def freeze() -> None:
    """Everything alive goes to the permanent generation (again, to add what is new), unless the
    host freezes objects itself."""
    global _frozen_by_us
    if _frozen_by_us or gc.get_freeze_count() == 0:
        gc.freeze()
        _frozen_by_us = True


def thaw() -> None:
    """Undo freeze, if it froze anything (a new build in the same process)."""
    global _frozen_by_us
    if _frozen_by_us:
        gc.unfreeze()
        _frozen_by_us = False
