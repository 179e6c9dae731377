"""Watch upstream: read every feed the entries name and print what changed since each entry's review.

    python -m stackguide.tools.watch                   # the network (make watch)
    python -m stackguide.tools.watch --recorded DIR    # recorded feeds instead (names: stackguide.tools.feeds)

Prints, per entry and oldest first, `path:line: what changed upstream (link)`: each item of a watched
feed published after the entry's `reviewed` date (for a shared feed, only items whose title has all
the watch's `match` words), and each fact whose GitHub release or tag feed now shows a newer version.
Feeds that give nothing usable are listed as problems. Writes the findings to watch-report.json (for
the maintainers' page and `make review`) and the servers' ETag and Last-Modified to a state file
(not in git), so the next run asks only for what changed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import httpx
from pydantic import TypeAdapter, ValidationError

from stackguide.catalog import Catalog
from stackguide.errors import DataError, os_error_reason, printable
from stackguide.facts import versions
from stackguide.load import load_catalog
from stackguide.model import Entry, Fact, Watch
from stackguide.sources import is_github_feed
from stackguide.tools.feeds import FeedResult, Item, Limits, Validators, fetch, read_recording
from stackguide.tools.project import ProjectError, project_options
from stackguide.watchreport import REPORT_FILE, Finding, WatchReport, safe_link, safe_text, write_report

STATE_FILE = ".watch-state.json"
# A tag such as v2.22.0-rc1, 0.10.0b1 or 3.0.0.dev2 is not a release a reader should move to.
_PRE_RELEASE = re.compile(r"\d(?:[-.]?(?:rc|alpha|beta|dev|pre|preview)|[ab]\d)", re.IGNORECASE)
_VERSION_KEY = re.compile(r"\d+")


# -- what changed ---------------------------------------------------------------------------------

def matches(item: Item, watch: Watch) -> bool:
    title = item.title.lower()
    return all(word.lower() in title for word in watch.match)


def item_findings(catalog: Catalog, entry: Entry, watch: Watch, index: int, feed: FeedResult) -> list[Finding]:
    """Items of one watched feed published after the entry was last reviewed; each names the facts
    this feed moves, which the item may change."""
    path, line = catalog.data_path(entry), catalog.sources.line(entry.id, ("watches", index, "feed"))
    moved = [safe_text(fact.label, 60) for fact in entry.facts if fact.watch == watch.feed]
    check = f" (check the facts: {', '.join(moved)})" if moved else ""
    return [Finding(published=item.published, path=path, line=line, link=safe_link(item.link),
                    what=f"{item.published}: {safe_text(item.title)}{check}")
            for item in feed.items
            if item.published is not None and item.published > entry.reviewed and matches(item, watch)]


def newest_release(items: Iterable[Item]) -> tuple[str, Item] | None:
    """The highest stable version among a GitHub release or tag feed's items, read from the tag in each link."""
    best: tuple[tuple[int, ...], str, Item] | None = None
    for item in items:
        tag = item.link.rsplit("/", 1)[-1] or item.title
        found = versions(tag) or versions(item.title)
        if not found or _PRE_RELEASE.search(tag):
            continue
        version = max(found, key=version_key)
        if best is None or version_key(version) > best[0]:
            best = (version_key(version), version, item)
    return (best[1], best[2]) if best else None


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in _VERSION_KEY.findall(version))


def fact_finding(catalog: Catalog, entry: Entry, index: int, fact: Fact, feed: FeedResult) -> Finding | None:
    """A finding when the fact's release feed shows a version newer than the fact's value."""
    newest = newest_release(feed.items)
    ours = versions(fact.value)
    if newest is None or not ours:
        return None
    version, item = newest
    if version_key(version) <= max(version_key(value) for value in ours):
        return None
    return Finding(published=item.published, path=catalog.data_path(entry),
                   line=catalog.sources.line(entry.id, ("facts", index, "value")), link=safe_link(item.link),
                   what=f"fact '{safe_text(fact.label, 60)}' says {safe_text(fact.value, 80)} (as of {fact.as_of}); "
                        f"upstream's newest release is {version}")


def findings(catalog: Catalog, feeds: dict[str, FeedResult]) -> list[Finding]:
    found: list[Finding] = []
    for entry in catalog.entries:
        for index, watch in enumerate(entry.watches):
            found += item_findings(catalog, entry, watch, index, feeds[watch.feed])
        for index, fact in enumerate(entry.facts):
            if fact.watch is not None and is_github_feed(fact.watch) \
                    and (finding := fact_finding(catalog, entry, index, fact, feeds[fact.watch])) is not None:
                found.append(finding)
    return sorted(found, key=Finding.sort_key)


# -- reading the feeds ------------------------------------------------------------------------------

def watched_feeds(catalog: Catalog) -> list[str]:
    return sorted({watch.feed for entry in catalog.entries for watch in entry.watches})


def read_feeds(urls: list[str], reader: Callable[[str], FeedResult]) -> dict[str, FeedResult]:
    return {url: reader(url) for url in urls}


@dataclass(frozen=True)
class Kept:
    """What the last run learnt about a feed: the server's validators and the items it sent."""

    validators: Validators
    items: tuple[Item, ...]


_STATE = TypeAdapter(dict[str, Kept])


class NetworkReader:
    """Fetches over HTTPS with conditional requests; keeps validators and items between runs in a state file."""

    def __init__(self, client: httpx.Client, state_path: Path, limits: Limits | None = None) -> None:
        self.client, self.state_path, self.limits = client, state_path, limits or Limits()
        self.state = _read_state(state_path)

    def __call__(self, url: str) -> FeedResult:
        kept = self.state.get(url)
        result = fetch(self.client, url, kept.validators if kept else None, self.limits)
        if result.not_modified and kept is not None:
            return FeedResult(url, kept.items, validators=kept.validators)
        if result.problem is None:
            self.state[url] = Kept(result.validators, result.items)
        return result

    def save(self) -> None:
        """Keep the state for the next run; a state that cannot be written only costs that run full requests."""
        try:
            self.state_path.write_bytes(_STATE.dump_json(self.state, indent=1) + b"\n")
        except OSError as err:
            print(f"{printable(str(self.state_path))}: not kept: {os_error_reason(err)}", file=sys.stderr)


def _read_state(path: Path) -> dict[str, Kept]:
    """The last run's validators and items; a missing or broken state file means a fresh start."""
    try:
        return _STATE.validate_json(path.read_bytes())
    except (OSError, ValidationError):
        return {}


# -- the command ------------------------------------------------------------------------------------

def run(root: Path, reader: Callable[[str], FeedResult], now: dt.datetime) -> WatchReport:
    catalog = load_catalog(root, data_dir=project_options(root).data_dir, today=now.date(),
                           watch=False)  # the report it replaces may be broken
    urls = watched_feeds(catalog)
    feeds = read_feeds(urls, reader)
    problems = [f"{url} {feed.problem}" for url, feed in feeds.items() if feed.problem]
    return WatchReport(ran=now, feeds=len(urls), findings=findings(catalog, feeds), problems=problems)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--recorded", type=Path, help="a folder of recorded feeds to read instead of the network")
    parser.add_argument("--report", type=Path, default=Path(REPORT_FILE), help=f"where to write the findings "
                        f"(default {REPORT_FILE})")
    parser.add_argument("--state", type=Path, default=Path(STATE_FILE), help="the conditional-request state file")
    args = parser.parse_args(argv)
    if args.recorded is not None and not args.recorded.is_dir():
        print(f"{printable(str(args.recorded))}: not a folder of recorded feeds; nothing was read or written",
              file=sys.stderr)
        return 2
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    try:
        if args.recorded is not None:
            report = run(Path.cwd(), lambda url: read_recording(args.recorded, url), now)
        else:
            with httpx.Client(follow_redirects=False) as client:
                reader = NetworkReader(client, args.state)
                report = run(Path.cwd(), reader, now)
                reader.save()
    except (DataError, ProjectError) as err:
        print(err, file=sys.stderr)
        return 2
    for finding in report.findings:
        print(finding.describe())
    for problem in report.problems:
        print(f"problem: {problem}")
    print(f"{len(report.findings)} upstream changes in {report.feeds} feeds "
          f"({len(report.problems)} gave nothing usable), {now:%Y-%m-%d %H:%M} UTC")
    try:
        write_report(args.report, report)
    except OSError as err:
        print(f"{printable(str(args.report))}: cannot write the report: {os_error_reason(err)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
