"""Pausing Python's cycle collector while the plugin builds many objects at once.

Loading the data, generating the pages and shaping the search index each allocate tens of
thousands of objects that stay alive; the collector would walk them again and again as they pile
up (a fifth of the loader's time at 300 entries). Reference counting still frees what is dropped,
and the collector runs as usual once the work is done.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """No cycle collection inside; as a decorator (@paused_gc()), fresh at every call. Nested uses
    leave the collector as the outermost found it."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
