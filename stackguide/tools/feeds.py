"""Fetch and parse feeds within bounds: timeouts, retries, conditional requests, a size limit and a
redirect limit. A bad, hostile or unreachable feed becomes a problem on its result, never an exception.

A folder of recorded feeds can stand in for the network: the recording of a feed is the file named
by `recording_name(url)` (the URL without `https://`, every character other than a letter, digit,
'.', '-' or '_' replaced by '_'): https://github.com/tensorflow/tensorflow/releases.atom is recorded
as `github.com_tensorflow_tensorflow_releases.atom`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser
import httpx

MAX_BYTES = 2_000_000  # the largest feed read; AWS's What's New feed is a few hundred kB
MAX_REDIRECTS = 3
TIMEOUT = 15.0  # seconds to connect, and between two reads
DEADLINE = 60.0  # seconds for a whole response, however slowly it trickles in
RETRIES = 2  # further attempts after a timeout, a dropped connection, 429 or a 5xx answer
USER_AGENT = "stackguide-watch (a weekly check of the feeds a documentation site cites)"


@dataclass(frozen=True)
class Item:
    """One feed item, as plain values; nothing here is trusted."""

    title: str
    link: str
    published: dt.date | None


@dataclass(frozen=True)
class Validators:
    """What a server said about its copy, for the next conditional request."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class FeedResult:
    url: str
    items: tuple[Item, ...] = ()
    problem: str | None = None  # why the feed gave nothing usable
    validators: Validators = field(default_factory=Validators)
    not_modified: bool = False  # a 304: the caller reuses the items it kept


@dataclass(frozen=True)
class Limits:
    max_bytes: int = MAX_BYTES
    max_redirects: int = MAX_REDIRECTS
    timeout: float = TIMEOUT
    deadline: float = DEADLINE
    retries: int = RETRIES
    backoff: float = 2.0  # seconds before the first retry, doubled for each further one


class _Stop(Exception):
    """A response broke a limit; the message says which."""


class _Retry(Exception):
    """An answer worth asking again for (429, 5xx)."""


def recording_name(url: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]", "_", re.sub(r"^https?://", "", url))


def read_recording(folder: Path, url: str) -> FeedResult:
    path = folder / recording_name(url)
    if not path.is_file():
        return FeedResult(url, problem=f"no recording {path.name} in {folder}")
    body = path.read_bytes()
    if len(body) > MAX_BYTES:
        return FeedResult(url, problem=f"the recording is larger than {MAX_BYTES} bytes")
    return parse(url, body)


def fetch(client: httpx.Client, url: str, known: Validators | None = None, limits: Limits | None = None,
          ) -> FeedResult:
    """GET a feed, following at most `max_redirects` redirects, retrying passing failures."""
    limits = limits or Limits()
    problem = "not fetched"
    for attempt in range(limits.retries + 1):
        if attempt:
            time.sleep(limits.backoff * 2 ** (attempt - 1))
        try:
            return _fetch_once(client, url, known or Validators(), limits)
        except _Stop as stop:
            return FeedResult(url, problem=str(stop))
        except httpx.TimeoutException:
            problem = f"timed out (no answer within {limits.timeout:g} s)"
        except httpx.HTTPError as err:
            problem = f"could not be fetched: {type(err).__name__}"
        except _Retry as retry:
            problem = str(retry)
    return FeedResult(url, problem=f"{problem}, after {limits.retries + 1} attempts")


def _fetch_once(client: httpx.Client, url: str, known: Validators, limits: Limits) -> FeedResult:
    headers = {"User-Agent": USER_AGENT, "Accept": "application/atom+xml, application/rss+xml, text/xml;q=0.9"}
    if known.etag:
        headers["If-None-Match"] = known.etag
    if known.last_modified:
        headers["If-Modified-Since"] = known.last_modified
    current = url
    for _ in range(limits.max_redirects + 1):
        with client.stream("GET", current, headers=headers, timeout=limits.timeout) as response:
            if response.status_code == 304:
                return FeedResult(url, validators=known, not_modified=True)
            if response.is_redirect:
                current = _redirect_target(current, response.headers.get("location", ""))
                continue
            if response.status_code == 429 or response.status_code >= 500:
                raise _Retry(f"answered HTTP {response.status_code}")
            if response.status_code != 200:
                raise _Stop(f"answered HTTP {response.status_code}")
            body = _read_bounded(response, limits)
            validators = Validators(response.headers.get("etag"), response.headers.get("last-modified"))
            content_type = response.headers.get("content-type", "")
        result = parse(url, body, content_type)
        return FeedResult(url, result.items, result.problem, validators)
    raise _Stop(f"redirected more than {limits.max_redirects} times")


def _redirect_target(current: str, location: str) -> str:
    if not location:
        raise _Stop("redirected without a Location")
    target = urljoin(current, location)
    if urlsplit(target).scheme not in ("https", urlsplit(current).scheme):
        raise _Stop(f"redirected to a {urlsplit(target).scheme or 'relative'} address; only https is followed")
    return target


def _read_bounded(response: httpx.Response, limits: Limits) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise _Stop(f"is {declared} bytes, over the limit of {limits.max_bytes}; not read")
    started = time.monotonic()
    body = bytearray()
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > limits.max_bytes:
            raise _Stop(f"is larger than the limit of {limits.max_bytes} bytes; stopped reading")
        if time.monotonic() - started > limits.deadline:
            raise _Stop(f"took longer than {limits.deadline:g} s to send; stopped reading")
    return bytes(body)


# What feedparser flags but reads correctly: a charset it had to correct, a feed served as text/plain.
_HARMLESS = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


def parse(url: str, body: bytes, content_type: str = "") -> FeedResult:
    """Items of an RSS or Atom document; a document that is not a well-formed feed is a problem.
    `content_type` is the HTTP header, whose charset feedparser weighs against the document's own."""
    if not body.strip():
        return FeedResult(url, problem="is empty")
    headers = {"content-type": content_type} if content_type else {}
    try:
        parsed = feedparser.parse(body, response_headers=headers, sanitize_html=True, resolve_relative_uris=False)
        error = parsed.get("bozo_exception")
        if parsed.get("bozo") and not isinstance(error, _HARMLESS):
            return FeedResult(url, problem=f"is not a well-formed feed: {str(error)[:120]}")
        if not parsed.get("version"):
            return FeedResult(url, problem="is not an RSS or Atom feed")
        return FeedResult(url, tuple(_item(entry) for entry in parsed.entries))
    except Exception as err:  # untrusted input: whatever the parser trips on is this feed's problem
        return FeedResult(url, problem=f"could not be read: {type(err).__name__}")


def _item(entry: dict[str, Any]) -> Item:
    # Asking feedparser for a missing updated_parsed hands back published_parsed with a warning.
    stamp = entry.get("published_parsed") or dict.get(entry, "updated_parsed")
    try:
        published = dt.datetime.fromtimestamp(calendar.timegm(stamp), dt.UTC).date() if stamp else None
    except (OverflowError, OSError, ValueError, TypeError):  # a date no calendar has
        published = None
    title = " ".join(str(entry.get("title", "")).split())[:300]
    return Item(title, str(entry.get("link", ""))[:2000], published)
