"""The preview's site folder, rewritten only where a rebuild changed it.

Under `mkdocs serve`, MkDocs builds into a temporary folder of its own and empties it before every
rebuild, then writes every page and copies every static file again: for the real site about 1,300
files, 0.3 s of a 1.2 s rebuild on this project's machines (deleting and creating files is the slow
part). For such a folder only, the plugin leaves the folder in place, writes a page only when its
bytes differ from the file there, and copies a static file only when its source is newer than the
copy (the rule MkDocs itself uses for `--dirty`). After the build, it deletes the outputs of the
previous build's files that this build no longer has, so the folder holds what a fresh build
writes. An output that another plugin writes outside MkDocs' file list and stops writing stays
until the preview restarts.

The three MkDocs helpers are replaced while a preview folder is kept and put back when the last
one is released; any other folder gets MkDocs' own behaviour.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from mkdocs import utils
from mkdocs.structure.files import Files

_HELPERS = ("clean_directory", "write_file", "copy_file")
_originals: dict[str, Callable[..., Any]] = {}
_kept: set[str] = set()  # the preview folders


class SiteSync:
    """One preview's site folder: the outputs of its last build, and of the build under way."""

    def __init__(self) -> None:
        self.folder: str | None = None
        self._previous: set[str] = set()
        self._current: set[str] = set()

    def keep(self, site_dir: str) -> None:
        """Keep `site_dir` from now on (MkDocs made it for this preview)."""
        folder = os.path.normpath(os.path.abspath(site_dir))
        if folder != self.folder:
            self.release()
            self.folder, self._previous = folder, set()
        if not _originals:
            for name in _HELPERS:
                _originals[name] = getattr(utils, name)
            utils.clean_directory, utils.write_file, utils.copy_file = _clean_directory, _write_file, _copy_file
        _kept.add(folder)

    def expect(self, files: Files) -> None:
        """The outputs this build writes for MkDocs' files (called once the file list is final)."""
        self._current = {os.path.normpath(file.abs_dest_path) for file in files
                         if file.inclusion.is_in_serve()}  # type: ignore[no-untyped-call]  # untyped in MkDocs

    def finish(self) -> None:
        """Delete what the previous build wrote for files this build no longer has."""
        if self.folder is None:
            return
        for path in sorted(self._previous - self._current):
            if path.startswith(self.folder + os.sep) and os.path.isfile(path):
                os.remove(path)
                _remove_empty_parents(os.path.dirname(path), self.folder)
        self._previous, self._current = self._current, set()

    def failed(self) -> None:
        """A build that stopped half-way may have written any of its outputs: forget none of them."""
        self._previous |= self._current
        self._current = set()

    def release(self) -> None:
        if self.folder is not None:
            _kept.discard(self.folder)
            self.folder = None
        if not _kept and _originals:
            for name in _HELPERS:
                setattr(utils, name, _originals[name])
            _originals.clear()


def _inside(path: str) -> bool:
    return any(path.startswith(folder + os.sep) for folder in _kept)


def _remove_empty_parents(folder: str, root: str) -> None:
    while folder != root and folder.startswith(root + os.sep) and not os.listdir(folder):
        os.rmdir(folder)
        folder = os.path.dirname(folder)


def _clean_directory(directory: str) -> None:
    if os.path.normpath(os.path.abspath(directory)) not in _kept:
        _originals["clean_directory"](directory)


def _write_file(content: bytes, output_path: str) -> None:
    if _inside(output_path):
        try:
            with open(output_path, "rb") as file:
                if file.read(len(content) + 1) == content:
                    return
        except OSError:
            pass  # not written yet: write it
    _originals["write_file"](content, output_path)


def _copy_file(source_path: str, output_path: str) -> None:
    if _inside(output_path):
        target = os.path.join(output_path, os.path.basename(source_path)) if os.path.isdir(output_path) \
            else output_path
        try:
            source, copy = os.stat(source_path), os.stat(target)
            if copy.st_size == source.st_size and copy.st_mtime_ns >= source.st_mtime_ns:
                return
        except OSError:
            pass  # not copied yet: copy it
    _originals["copy_file"](source_path, output_path)
