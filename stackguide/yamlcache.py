"""Data files' parsed values, kept between builds in the project's cache folder (the plugin's
`cache_dir`, `.cache/plugin/stackguide`, where Material's own plugins keep theirs).

Reading the data files' YAML (LibYAML's events, and yamlsource's one pass over them in Python) is
most of the load: about 60 ms of a 300-entry build. What the pass makes of a file depends on its
bytes and on code alone (this package, PyYAML, Python), so the values of each file it took as
written are kept under a digest of its bytes, in a file named after that code; the next build
reads them back and parses only the files that changed. Everything else runs as before: every
file is read, decoded and held to the character policy, and its values are validated and checked
across files. A file the pass refused or read the slow way is never kept, so its problems are
found and worded afresh each time. The folder holds JSON, not code: a file that cannot be read
back, or that does not hold what a build would have kept, only means the files are parsed.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from pathlib import Path
from typing import Any

import yaml

from stackguide.compiledcache import code_key

log = logging.getLogger(__name__)


class ParsedFiles:
    """The parsed values of the data files, by a digest of their bytes: those the last build kept,
    and those this build read (which `save` keeps, so files no longer there drop out)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / f"parsed-{_key()}.json"
        self._known: dict[str, Any] = {}
        self._read: dict[str, Any] = {}
        try:
            known = json.loads(self.path.read_bytes())
        except (OSError, ValueError) as err:  # none yet, or not JSON: each file is parsed
            log.debug("no parsed data files at %s: %s", self.path, err)
        else:
            if isinstance(known, dict):
                self._known = {digest: values for digest, values in known.items() if type(values) is dict}

    def values(self, raw: bytes) -> dict[str, Any] | None:
        """What the last build made of a file with these bytes, or None."""
        digest = _digest(raw)
        values = self._known.get(digest)
        if values is not None:
            self._read[digest] = values
        return values

    def keep(self, raw: bytes, values: dict[str, Any]) -> None:
        self._read[_digest(raw)] = values

    def save(self) -> None:
        """Keep this build's files for the next one, when they differ from the last build's."""
        if self._read.keys() == self._known.keys():
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            partial = self.path.with_name(f"{self.path.name}.{os.getpid()}")
            partial.write_text(json.dumps(self._read, separators=(",", ":")), encoding="ascii")  # escapes the rest
            os.replace(partial, self.path)  # whole: a build reading it meanwhile never sees part of it
            for older in self.folder.glob("parsed-*.json"):  # made by code that has changed since
                if older != self.path and _OURS.fullmatch(older.name):  # nothing else in the folder
                    older.unlink(missing_ok=True)
        except OSError as err:
            log.debug("parsed data files not kept: %s", err)
        self._known = dict(self._read)


_OURS = re.compile(r"parsed-[0-9a-f]{16}\.json")  # the names ParsedFiles gives its files


def _digest(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def _key() -> str:
    """The code that parses: this package, pydantic and Python (code_key), and PyYAML with or without LibYAML."""
    libyaml = getattr(yaml, "__with_libyaml__", False)
    return hashlib.sha256(repr((code_key(), yaml.__version__, libyaml)).encode()).hexdigest()[:16]
