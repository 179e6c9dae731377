"""Our own templates' compiled code, kept between builds as Python keeps its bytecode.

Compiling the package's templates took about 0.13 s of every build. Jinja's own file cache keeps
the compiled code in a folder of the user's temporary directory that only the user may use (Jinja
checks its owner and mode), keyed by each template's name, file and a checksum of its source, and
written atomically; an edited template is compiled afresh. Jinja's key does not hold the
environment's settings, which shape the code (trim_blocks, autoescape, finalize, ...): the files
carry a tag of those settings and Jinja's version, so code compiled under other settings is never
read. Only code is kept: nothing from `data/` is, so every build still reads and checks every
data file.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping

import jinja2
from jinja2 import BytecodeCache, FileSystemBytecodeCache
from jinja2.bccache import Bucket

log = logging.getLogger(__name__)


class CompiledTemplates(FileSystemBytecodeCache):
    """Jinja's file cache, which a build never fails on: code that cannot be kept is compiled again."""

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError as err:
            log.debug("compiled template not kept: %s", err)


def compiled_templates(settings: Mapping[str, object]) -> BytecodeCache | None:
    """The cache for an environment made with `settings`, or None where no safe folder can be had
    (each build then compiles the templates)."""
    try:
        return CompiledTemplates(pattern=f"__stackguide_{settings_tag(settings)}_%s.cache")
    except (OSError, RuntimeError) as err:  # RuntimeError: Jinja found no folder only this user may use
        log.debug("no cache for compiled templates: %s", err)
        return None


def settings_tag(settings: Mapping[str, object]) -> str:
    """A short digest of an environment's settings (functions by name) and of Jinja's version."""
    described = sorted((name, f"{value.__module__}.{getattr(value, '__qualname__', '')}" if callable(value)
                        else repr(value)) for name, value in settings.items())
    return hashlib.sha256(repr((described, jinja2.__version__)).encode()).hexdigest()[:16]
