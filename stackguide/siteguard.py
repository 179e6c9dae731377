"""Keep the last good site: a failed `mkdocs build` leaves site_dir as the previous build left it.

MkDocs empties site_dir before it renders, and fails strict mode only after the last plugin
event. So the previous site is moved aside before the build starts and put back unless the build
ends cleanly; the plugin counts strict-mode warnings with MkDocs' own CountHandler on the tool's logger.
Everything happens inside the build's events and `on_shutdown`, which MkDocs runs in a `finally`,
so an interrupted build (Ctrl-C) restores the old site and leaves no folder behind.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path


class LastGoodSite:
    """One build's guard over site_dir: begin, then exactly one of keep_new or restore_old."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir
        self.backup: Path | None = None  # holds the old site while a build runs
        self.pending = False

    def begin(self) -> None:
        """Move the current site aside (next to it, so the move is a rename)."""
        self.pending = True
        if self.site_dir.is_dir() and any(self.site_dir.iterdir()):
            self.site_dir.parent.mkdir(parents=True, exist_ok=True)
            self.backup = Path(tempfile.mkdtemp(prefix=f".{self.site_dir.name}.last-good-", dir=self.site_dir.parent))
            self.site_dir.rename(self.backup / "site")

    def keep_new(self) -> None:
        if self.backup is not None:
            shutil.rmtree(self.backup, ignore_errors=True)
        self.backup, self.pending = None, False

    def restore_old(self) -> None:
        """Drop what this build wrote and put the old site back (or none, if there was none)."""
        if not self.pending:
            return
        shutil.rmtree(self.site_dir, ignore_errors=True)
        if self.backup is not None:
            (self.backup / "site").rename(self.site_dir)
            shutil.rmtree(self.backup, ignore_errors=True)
        self.backup, self.pending = None, False
