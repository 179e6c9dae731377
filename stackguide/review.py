"""The review queue: claims whose sources were last checked over 6 months ago, entries not
reviewed for 12 months, and entries with an event whose day has come since their review (an
announced end of support: the pages' badges change on that day, the entry's own words do not),
oldest first, each with its file and line; then what the last watch (`make watch`, its report
file watch-report.json) found upstream.

    python -m stackguide.tools.review                     # print the queue (make review)
    python -m stackguide.tools.review --markdown FILE     # also write it as Markdown, for the review issue
    python -m stackguide.tools.review --today 2027-06-01  # as of another day
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from stackguide.catalog import Catalog
from stackguide.errors import printable
from stackguide.lifecycle import EVENT_LABELS, events_since_review
from stackguide.markup import Markdown
from stackguide.model import Entry, PageRecord
from stackguide.resolve import Loc, citations
from stackguide.watchreport import WatchReport

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


def claims(item: PageRecord, fields: list[tuple[Loc, Markdown]] | None = None,
           ) -> Iterator[tuple[Loc, tuple[str, ...]]]:
    """Each claim of an item, with the sources it cites (`fields`: its Markdown fields, if walked already)."""
    for loc, cites in citations(item, fields):
        if cites:
            yield loc, cites


def review_queue(catalog: Catalog, today: dt.date) -> list[Overdue]:
    queue = []
    for item in catalog.pages():
        checked = {source.id: source.checked for source in item.sources}
        path = catalog.data_path(item)
        # A claim is as old as the oldest source it cites: none is due while the page's oldest source is not.
        due = checked and today - min(checked.values()) > CLAIM_MAX_AGE
        for loc, cites in claims(item, catalog.markdown.get(item.id)) if due else ():
            since = min(checked[cite] for cite in cites)
            if today - since > CLAIM_MAX_AGE:
                field = ".".join(str(part) for part in loc)
                queue.append(Overdue(since, path, catalog.sources.line(item.id, loc), f"claim {field}"))
        if today - item.reviewed > ENTRY_MAX_AGE:  # every page model has its reviewed date
            line = catalog.sources.line(item.id, ("reviewed",))
            queue.append(Overdue(item.reviewed, path, line, f"{catalog.family(item).key} not reviewed"))
        for index, event in events_since_review(item, today) if isinstance(item, Entry) else ():
            line = catalog.sources.line(item.id, ("lifecycle", index))
            queue.append(Overdue(item.reviewed, path, line, f"{EVENT_LABELS[event.event].lower()} on "
                                 f"{event.date} came after the {catalog.family(item).key}'s review"))
    return sorted(queue)


def markdown_report(queue: list[Overdue], today: dt.date, watch: WatchReport | None = None) -> str:
    lines = [f"Review queue as of {today}: {len(queue)} item{'s' if len(queue) != 1 else ''}, oldest first.", ""]
    lines += [f"- [ ] `{item.path}:{item.line}` {item.what}, last checked {item.since} ({item.days(today)} days)"
              for item in queue]
    return "\n".join([*lines, "", *watch_summary(watch, markdown=True)]) + "\n"


def watch_summary(watch: WatchReport | None, *, markdown: bool = False) -> list[str]:
    """What the last watch found upstream, one line each (a Markdown checklist for the review issue)."""
    if watch is None:
        return ["No watch report: run `make watch` to read the feeds the entries watch."]
    lines = [f"Upstream changes from the watch of {watch.ran:%Y-%m-%d %H:%M} UTC: {len(watch.findings)} in "
             f"{watch.feeds} feeds, {len(watch.problems)} feeds gave nothing usable."]
    if markdown:
        lines += [""] + [f"- [ ] `{item.path}:{item.line}` {item.what}" + (f" ({item.link})" if item.link else "")
                         for item in watch.findings]
        lines += [f"- feed problem: {problem}" for problem in watch.problems]
    else:
        lines += [item.describe() for item in watch.findings] + [f"problem: {p}" for p in watch.problems]
    return lines
