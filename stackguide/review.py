"""The review queue: claims whose sources were last checked over 6 months ago, and entries not
reviewed for 12 months, oldest first, each with its file and line.

    python -m stackguide.review                     # print the queue (make review)
    python -m stackguide.review --markdown FILE     # also write it as Markdown, for the review issue
    python -m stackguide.review --today 2027-06-01  # as of another day
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from stackguide.catalog import Catalog
from stackguide.errors import DataError, printable
from stackguide.load import load_catalog
from stackguide.model import Entry, Page
from stackguide.resolve import Loc, markdown_fields

CLAIM_MAX_AGE = dt.timedelta(days=183)  # about 6 months
ENTRY_MAX_AGE = dt.timedelta(days=365)


@dataclass(frozen=True, order=True)
class Overdue:
    since: dt.date  # when it was last checked or reviewed: the queue is sorted oldest first
    path: str
    line: int
    what: str  # "claim description", "entry"

    def days(self, today: dt.date) -> int:
        return (today - self.since).days

    def describe(self, today: dt.date) -> str:
        where = printable(f"{self.path}:{self.line}: {self.what}")
        return f"{where}, last checked {self.since} ({self.days(today)} days ago)"


def claims(item: Page) -> Iterator[tuple[Loc, tuple[str, ...]]]:
    """Each claim of an item, with the sources it cites."""
    for loc, value in markdown_fields(item):
        if value.citations:
            yield loc, value.citations
    if isinstance(item, Entry) and item.launched is not None:
        yield ("launched",), tuple(item.launched.cite)


def review_queue(catalog: Catalog, today: dt.date) -> list[Overdue]:
    queue = []
    for item in catalog.pages():
        checked = {source.id: source.checked for source in item.sources}
        path = catalog.data_path(item)
        for loc, cites in claims(item):
            since = min(checked[cite] for cite in cites)
            if today - since > CLAIM_MAX_AGE:
                field = ".".join(str(part) for part in loc)
                queue.append(Overdue(since, path, catalog.line_of(item, loc), f"claim {field}"))
        if isinstance(item, Entry) and today - item.reviewed > ENTRY_MAX_AGE:
            queue.append(Overdue(item.reviewed, path, catalog.line_of(item, ("reviewed",)), "entry not reviewed"))
    return sorted(queue)


def markdown_report(queue: list[Overdue], today: dt.date) -> str:
    lines = [f"Review queue as of {today}: {len(queue)} item{'s' if len(queue) != 1 else ''}, oldest first.", ""]
    lines += [f"- [ ] `{item.path}:{item.line}` {item.what}, last checked {item.since} ({item.days(today)} days)"
              for item in queue]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today())
    parser.add_argument("--markdown", type=Path, help="also write the queue as a Markdown checklist")
    args = parser.parse_args(argv)
    try:
        catalog = load_catalog(Path.cwd(), today=args.today)
    except DataError as err:
        print(err, file=sys.stderr)
        return 2
    queue = review_queue(catalog, args.today)
    for item in queue:
        print(item.describe(args.today))
    print(f"{len(queue)} to review as of {args.today} (claims after {CLAIM_MAX_AGE.days} days, "
          f"entries after {ENTRY_MAX_AGE.days})")
    if args.markdown:
        args.markdown.write_text(markdown_report(queue, args.today), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
