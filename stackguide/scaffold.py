"""Write a new entry's YAML skeleton that builds at once:

    make new-entry ID=amazon-kendra KIND=service LAYER=ai-services

Every placeholder says TODO; the test suite refuses data with TODO left in it, so an entry can be
previewed while it is written but not merged unfinished.
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from pathlib import Path

from stackguide.errors import DataError
from stackguide.load import DATA_DIR, load_catalog
from stackguide.model import ID_PATTERN, KIND_FOLDERS, Kind

SKELETON = """\
# yaml-language-server: $schema=../schema/entry.schema.json
id: {id}
name: "TODO: the official name"
kind: {kind}
layer: {layer}
summary: "TODO: one plain line, at most 160 characters, that says what it is."
description: >-
  TODO: what it is and what a team uses it for, in plain words (Markdown allowed, no HTML).
capabilities:
  - "TODO: a key capability"
# notes_say: what the 2017 notes say about it; delete this line if they do not mention it.
status:
  state: active  # active, superseded, retired or renamed; all but active need a date
  note: "TODO: the situation today in one or two sentences."
keywords: []
related: []
links:
  - title: "TODO: official page title"
    url: https://example.com/TODO
sources:
  - https://example.com/TODO
reviewed: {today}
tags: []
"""


class ScaffoldError(Exception):
    pass


def new_entry(root: Path, entry_id: str, kind: str, layer: str) -> Path:
    """Write data/<kind folder>/<id>.yaml and return its path."""
    if not re.match(ID_PATTERN, entry_id):
        raise ScaffoldError(f"ID '{entry_id}' must be lower-case words joined by hyphens, e.g. amazon-kendra")
    try:
        folder = KIND_FOLDERS[Kind(kind)]
    except ValueError:
        raise ScaffoldError(f"KIND '{kind}' is not one of: {', '.join(k.value for k in Kind)}") from None
    try:
        catalog = load_catalog(root)
    except DataError as err:
        raise ScaffoldError(f"fix data/ first:\n{err}") from None
    layers = [item.id for item in catalog.layers]
    if layer not in layers:
        raise ScaffoldError(f"LAYER '{layer}' is not one of: {', '.join(layers)}")
    if entry_id in catalog.sources:
        raise ScaffoldError(f"id '{entry_id}' is already used by {catalog.sources[entry_id]}")
    path = root / DATA_DIR / folder / f"{entry_id}.yaml"
    path.write_text(SKELETON.format(id=entry_id, kind=kind, layer=layer, today=date.today().isoformat()),
                    encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a new entry's YAML skeleton.")
    parser.add_argument("--id", required=True)
    parser.add_argument("--kind", required=True, help=", ".join(k.value for k in Kind))
    parser.add_argument("--layer", required=True)
    args = parser.parse_args(argv)
    try:
        path = new_entry(Path.cwd(), args.id, args.kind, args.layer)
    except ScaffoldError as err:
        print(f"new-entry: {err}", file=sys.stderr)
        return 2
    print(f"wrote {path.relative_to(Path.cwd())}: replace every TODO, then preview with `make serve`")
    return 0


if __name__ == "__main__":
    sys.exit(main())
