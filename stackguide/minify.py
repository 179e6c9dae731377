"""The plugin's scripts as the site serves them: without comments and spare spaces (rjsmin), which
saves a fifth to a half of each. The files in stackguide/assets/ keep their comments for the people
who edit them. The stylesheet is served as it is: rcssmin 1.3.0 drops the space in
`table:not([class]) :is(th, td)`, which changes what the selector matches."""

from __future__ import annotations

from pathlib import Path

import rjsmin


def served(asset: Path) -> str | bytes:
    """The text of a .js asset, minified; any other file's bytes as they are."""
    if asset.suffix == ".js":
        return str(rjsmin.jsmin(asset.read_text(encoding="utf-8")))
    return asset.read_bytes()
