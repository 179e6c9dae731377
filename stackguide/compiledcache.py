"""What our code alone makes, kept between builds as Python keeps its bytecode: the templates'
compiled code, and catalog.json's published schema.

Compiling the package's templates took about 0.13 s of every build. Jinja's own file cache keeps
the compiled code in a folder of the user's temporary directory that only the user may use (Jinja
checks its owner and mode), keyed by each template's name, file and a checksum of its source, and
written atomically; an edited template is compiled afresh. Jinja's key does not hold the
environment's settings, which shape the code (trim_blocks, autoescape, finalize, ...): the files
carry a tag of those settings and Jinja's version, so code compiled under other settings is never
read.

pydantic took about 10 ms of every build to make catalog.json's schema, which depends on nothing
but this package's modules (the models, the registry, the exports), pydantic and Python: `kept`
holds it in the same folder, under a digest of all of those, so a changed module or library makes
it afresh. Nothing from `data/` is kept here (the data files' parsed values are kept in the
project's own cache folder: stackguide.yamlcache).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

import jinja2
import pydantic
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


PACKAGE = Path(__file__).parent


def kept(name: str, make: Callable[[], str]) -> str:
    """make(), read back from the cache when a build with the same code made it before; a folder
    that cannot be had, read or written only means it is made again."""
    try:
        folder = Path(CompiledTemplates().directory)
    except (OSError, RuntimeError) as err:
        log.debug("no cache for %s: %s", name, err)
        return make()
    path = folder / f"__stackguide_{name}_{code_key()}"
    with contextlib.suppress(OSError):
        return path.read_text(encoding="utf-8")
    text = make()
    try:  # written whole, then renamed: a build reading it meanwhile never sees part of it
        partial = path.with_name(f"{path.name}.{os.getpid()}")
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, path)
        for older in folder.glob(f"__stackguide_{name}_*"):  # made by code that has changed since
            if older != path:
                older.unlink(missing_ok=True)
    except OSError as err:
        log.debug("%s not kept: %s", name, err)
    return text


def code_key() -> str:
    """A digest of this package's modules and of pydantic's and Python's versions (about 1 ms)."""
    digest = hashlib.sha256(repr((pydantic.VERSION, sys.version_info[:2])).encode())
    for module in sorted(PACKAGE.glob("*.py")):
        digest.update(module.read_bytes())
    return digest.hexdigest()[:16]
