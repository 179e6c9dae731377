"""Write a new entry's YAML skeleton that shows in the preview at once:

    make new-entry ID=amazon-kendra KIND=service LAYER=ai-services

Every placeholder says TODO: `mkdocs serve` previews the draft, and `mkdocs build` refuses it
until every TODO is replaced.
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from pathlib import Path

from stackguide.errors import DataError, printable
from stackguide.families import ENTRY_FAMILIES, family_by_key
from stackguide.internals import reserved_page_id_problem
from stackguide.load import load_catalog
from stackguide.markup import ID_MAX, ID_PATTERN
from stackguide.tools.project import ProjectError, project_options

SKELETON = """\
# yaml-language-server: $schema=../schema/entry.schema.json
id: {id}
name: "TODO: the official name"
layer: {layer}
summary: "TODO: one plain line, at most 160 characters, that says what it does."
description: >-
  TODO: what it is and what a team uses it for, in plain words, citing a source [^todo].
capabilities:
  - "TODO: a key capability [^todo]"
# notes_say: what the 2017 notes say about it; delete this line if they do not mention it.
lifecycle:  # dated events, oldest first; the state shown is derived from them (see CONTRIBUTING.md)
  - event: launched
    date: {today}  # the day it launched, or YYYY-MM or YYYY if the source says no more
    cite: todo
today: "TODO: the situation today in one or two sentences [^todo]."
keywords: []
questions: []
related: []
links:
  - title: "TODO: official page title"
    url: https://aws.amazon.com/TODO
watches:
  - feed: https://aws.amazon.com/about-aws/whats-new/recent/feed/
    match: ["TODO: the name every What's New title about it contains"]
sources:
  - id: todo
    title: "TODO: the title of the page you read"
    url: https://docs.aws.amazon.com/TODO
    checked: {today}
reviewed: {today}
tags: []
"""


class ScaffoldError(Exception):
    pass


def new_entry(root: Path, entry_id: str, kind: str, layer: str, today: date | None = None) -> Path:
    """Write <data folder>/<family folder>/<id>.yaml and return its path."""
    if not re.fullmatch(ID_PATTERN, entry_id):
        raise ScaffoldError(f"ID '{printable(entry_id)}' must be lower-case words joined by hyphens, "
                            "e.g. amazon-kendra")
    if len(entry_id) > ID_MAX:
        raise ScaffoldError(f"ID '{entry_id}' is {len(entry_id)} characters long; an id has at most {ID_MAX}")
    family = family_by_key(kind)
    if family is None or family not in ENTRY_FAMILIES:
        raise ScaffoldError(f"KIND '{printable(kind)}' is not one of: {', '.join(f.key for f in ENTRY_FAMILIES)}")
    if (reserved := reserved_page_id_problem(entry_id, family.folder)) is not None:
        raise ScaffoldError(reserved)  # the loader's own rule: the file would be refused
    try:
        data_dir = project_options(root).data_dir
        catalog = load_catalog(root, data_dir=data_dir, drafts=True, watch=False)  # a new file needs the data alone
    except ProjectError as err:
        raise ScaffoldError(str(err)) from None
    except DataError as err:
        raise ScaffoldError(f"fix {data_dir}/ first:\n{err}") from None
    layers = [item.id for item in catalog.layers]
    if layer not in layers:
        raise ScaffoldError(f"LAYER '{printable(layer)}' is not one of: {', '.join(layers)}")
    if entry_id in {item.id for item in catalog.pages()}:
        raise ScaffoldError(f"id '{entry_id}' is already used by {catalog.data_path(catalog.item(entry_id))}")
    path = root / family.data_path(entry_id, data_dir)
    stamp = (today or date.today()).isoformat()
    path.write_text(SKELETON.format(id=entry_id, layer=layer, today=stamp), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a new entry's YAML skeleton.")
    parser.add_argument("--id", required=True)
    parser.add_argument("--kind", required=True, help=", ".join(f.key for f in ENTRY_FAMILIES))
    parser.add_argument("--layer", required=True)
    args = parser.parse_args(argv)
    try:
        path = new_entry(Path.cwd(), args.id, args.kind, args.layer)
    except ScaffoldError as err:
        # One problem a line: what the request gave is escaped where it is quoted, and the
        # loader's report of broken data gives each of its problems a line.
        print(f"new-entry: {err}", file=sys.stderr)
        return 2
    print(f"wrote {path.relative_to(Path.cwd())}: replace every TODO, then preview with `make serve`")
    return 0


if __name__ == "__main__":
    sys.exit(main())
