"""Subscriptions to "what changes in the stack": an Atom feed and an iCalendar file of lifecycle events.

Both are built from the Catalog at build time and depend only on data/, so two builds of the same
data give the same bytes. The feed carries every event; the calendar carries the events dated to
the day (a calendar needs a day; events known only to the month or year, or only as "by" a date,
stay in the feed).
"""

from __future__ import annotations

import datetime as dt
import functools
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

from stackguide.catalog import Catalog
from stackguide.lifecycle import event_words, first_day
from stackguide.model import Entry, Event

ATOM = "http://www.w3.org/2005/Atom"
FEED_NAME = "lifecycle.xml"
CALENDAR_NAME = "lifecycle.ics"


@dataclass(frozen=True)
class Change:
    """One lifecycle event as a subscriber sees it."""

    entry: Entry
    event: Event
    title: str
    url: str  # the entry's page
    updated: dt.date  # when what it says last changed: learned (announced, or read), or the day it came
    repeat: int = 1  # the entry's first, second, ... event of this kind about this part
    # Entry, kind of event and part (and which one of them, from the second on): a subscriber's
    # reader keeps one item when a date is corrected or other events are added around it. Worked
    # out once: both feeds sort by it and give it.
    key: str = field(init=False)

    def __post_init__(self) -> None:
        part = f"/{quote(self.event.feature, safe='')}" if self.event.feature else ""
        repeat = f"/{self.repeat}" if self.repeat > 1 else ""
        object.__setattr__(self, "key", f"{self.entry.id}/{self.event.event.value}{part}{repeat}")  # frozen


def changes(catalog: Catalog, site_url: str) -> list[Change]:
    """Every lifecycle event of every entry, newest first."""
    found = []
    for entry in catalog.entries:
        url = site_url + catalog.page_url(entry)
        seen: dict[tuple[str, str | None], int] = {}
        for event in entry.lifecycle:
            repeat = seen[event.event.value, event.feature] = seen.get((event.event.value, event.feature), 0) + 1
            found.append(Change(entry, event, describe(catalog, entry, event), url,
                                _updated(entry, event, catalog.today), repeat))
    return sorted(found, key=lambda change: (change.updated, change.key), reverse=True)


def describe(catalog: Catalog, entry: Entry, event: Event) -> str:
    """The event in one plain line, e.g. 'Amazon Q Developer (IDE plugins): support ends 2027-04-30 → Kiro'."""
    name = f"{entry.name} ({event.feature})" if event.feature else entry.name
    what = event_words(event, catalog.today)
    successor = f" → {catalog.entry(event.successor).name}" if event.successor else ""
    return f"{name}: {what} {'by ' if event.by else ''}{event.date}{successor}"


def _updated(entry: Entry, event: Event, today: dt.date) -> dt.date:
    """When the item last changed: the day an announced event comes, its words change ("support
    ends" becomes "support ended"), so it is updated that day."""
    learned, day = _learned(entry, event), first_day(event.date)
    return max(learned, day) if day <= today else learned


def _learned(entry: Entry, event: Event) -> dt.date:
    """When the guide could first report the event: its announcement, or its day once it has come,
    or, for an undated announcement of a day still to come, when its sources were read."""
    if event.announced:
        return first_day(event.announced)
    checked = [source.checked for source in entry.sources if source.id in event.cite]
    return min(first_day(event.date), max(checked, default=first_day(event.date)))


def atom_feed(catalog: Catalog, site_url: str, site_name: str, items: list[Change] | None = None) -> str:
    """An Atom 1.0 feed (RFC 4287) of lifecycle events, newest first; `items`: changes() if made already."""
    ET.register_namespace("", ATOM)
    items = changes(catalog, site_url) if items is None else items
    feed = ET.Element(f"{{{ATOM}}}feed")
    _text(feed, "title", f"{site_name}: lifecycle changes")
    _text(feed, "subtitle", "Launches, renames, closures and ends of support of the services in the guide.")
    _text(feed, "id", site_url + FEED_NAME)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=site_url + FEED_NAME)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=site_url + "changes/")
    _text(feed, "updated", _timestamp(max((item.updated for item in items), default=catalog.today)))
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    host = _host(site_url)
    _text(author, "name", site_name)
    for item in items:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "title", item.title)
        _text(entry, "id", _tag_uri(host, item))
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=item.url)
        _text(entry, "updated", _timestamp(item.updated))
        _text(entry, "summary", item.entry.summary)
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


def calendar(catalog: Catalog, site_url: str, site_name: str, items: list[Change] | None = None) -> str:
    """An iCalendar file (RFC 5545): one all-day event per lifecycle event dated to the day."""
    days = []
    items = changes(catalog, site_url) if items is None else items
    host = _host(site_url)
    for item in sorted(items, key=lambda change: (change.event.date, change.key)):
        if not item.event.by and len(item.event.date) == len("YYYY-MM-DD"):
            days.append(_Day(_tag_uri(host, item), item.updated, first_day(item.event.date), item.title,
                             item.entry.summary, item.url))
    return _ics(site_name, tuple(days))


@dataclass(frozen=True)
class _Day:
    """What the calendar says of one event."""

    uid: str
    updated: dt.date
    day: dt.date
    title: str
    description: str
    url: str


@functools.lru_cache(maxsize=2)
def _ics(site_name: str, days: tuple[_Day, ...]) -> str:
    """The calendar, each event written once (the preview's rebuilds mostly change one summary)."""
    site_name = " ".join(site_name.splitlines())  # the calendar's name is written unescaped: one line
    header = ("BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{_ical_text(f'-//{site_name}//lifecycle//EN')}",
              f"X-WR-CALNAME:{site_name}: lifecycle changes")  # unescaped, as the library writes and reads it
    return (_lines(header) + b"".join(_vevent(day) for day in days) + b"END:VCALENDAR\r\n").decode("utf-8")


@functools.lru_cache(maxsize=4096)
def _vevent(day: _Day) -> bytes:
    """One event, its properties in the order the icalendar library writes them. That library took
    0.4 ms an event (50 ms for the real site's 127) and 43 ms to import: tests/test_lifecycle.py
    holds these bytes to what it writes, and reads them back with it."""
    return _lines((
        "BEGIN:VEVENT",
        f"SUMMARY:{_ical_text(day.title)}",
        f"DTSTART;VALUE=DATE:{day.day:%Y%m%d}",
        f"DTEND;VALUE=DATE:{day.day + dt.timedelta(days=1):%Y%m%d}",
        f"DTSTAMP:{day.updated:%Y%m%d}T000000Z",
        f"UID:{_ical_text(day.uid)}",
        f"DESCRIPTION:{_ical_text(day.description)}",
        f"URL:{day.url}",
        "END:VEVENT",
    ))


def _lines(lines: tuple[str, ...]) -> bytes:
    return b"".join(_folded(line.encode("utf-8")) + b"\r\n" for line in lines)


def _ical_text(text: str) -> str:
    """A TEXT value (RFC 5545, 3.3.11): backslash, semicolon, comma and line break escaped."""
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _folded(line: bytes, width: int = 74) -> bytes:
    """A content line folded into pieces of at most `width` bytes (RFC 5545, 3.1), never inside a
    character, and, as the library does, never just after a backslash or caret (an escape's start)."""
    pieces = []
    while len(line) > width:
        cut = width
        while line[cut] & 0xC0 == 0x80:  # a UTF-8 continuation byte: the character started earlier
            cut -= 1
        if line[cut - 1] in b"\\^":  # (a piece still holds 70 bytes or more)
            cut -= 1
        pieces.append(line[:cut])
        line = line[cut:]
    pieces.append(line)
    return b"\r\n ".join(pieces)


def _text(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{tag}").text = text


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _host(site_url: str) -> str:
    """The site's host, as the feeds' ids give it."""
    return urlsplit(site_url).hostname or "localhost"


def _tag_uri(host: str, item: Change) -> str:
    """A stable, unique id (RFC 4151 tag URI) that survives a change of the site's scheme."""
    return f"tag:{host},2026:{item.key}"
