"""Feeds are read within bounds: each kind parses from its recording, and a real HTTP server on
127.0.0.1 serves the malformed, empty, huge, non-UTF-8, redirecting and slow answers that must
each end as a reported problem (or a correct reading), never an exception."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator

import httpx
import pytest
from conftest import ROOT
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from stackguide.tools.devkit import free_port
from stackguide.tools.feeds import Limits, Validators, fetch, parse, read_recording, recording_name

FEEDS = ROOT / "tests" / "feeds"
FAST = Limits(max_bytes=50_000, max_redirects=2, timeout=0.5, deadline=2.0, retries=1, backoff=0.01)
ATOM = (FEEDS / "github.com_aws_one_releases.atom").read_bytes()


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with httpx.Client(follow_redirects=False) as session:
        yield session


# -- each kind of feed, from its recording -------------------------------------------------------------

@pytest.mark.parametrize(("url", "count", "first"), [
    ("https://aws.amazon.com/about-aws/whats-new/recent/feed/", 4, ("One adds a second region (test item)",
                                                                     dt.date(2026, 12, 1))),
    ("https://docs.aws.amazon.com/two/latest/dg/doc-history.rss", 2, ("New chapter on quotas (test item)",
                                                                      dt.date(2026, 11, 28))),
    ("https://github.com/aws/one/releases.atom", 3, ("One 3.2.0 release candidate 1", dt.date(2026, 12, 3))),
    ("https://github.com/awslabs/two/tags.atom", 2, ("rel/release-4.2.0", dt.date(2026, 10, 1))),
])
def test_each_kind_of_feed_reads_from_its_recording(url: str, count: int, first: tuple[str, dt.date]) -> None:
    result = read_recording(FEEDS, url)
    assert result.problem is None
    assert len(result.items) == count
    assert (result.items[0].title, result.items[0].published) == first
    assert result.items[0].link.startswith("https://")


def test_recording_names_follow_the_documented_rule() -> None:
    assert recording_name("https://github.com/aws/one/releases.atom") == "github.com_aws_one_releases.atom"
    assert recording_name("https://aws.amazon.com/about-aws/whats-new/recent/feed/") == \
        "aws.amazon.com_about-aws_whats-new_recent_feed_"
    assert read_recording(FEEDS, "https://github.com/aws/missing/tags.atom").problem.startswith("no recording")  # type: ignore[union-attr]


def test_an_impossible_date_is_no_date() -> None:
    body = (b"<rss version='2.0'><channel><title>t</title><item><title>far</title>"
            b"<pubDate>Sat, 01 Jan 99999 00:00:00 GMT</pubDate></item></channel></rss>")
    result = parse("https://example.test/feed", body)
    assert result.problem is None and result.items[0].title == "far" and result.items[0].published is None


@pytest.mark.parametrize(("body", "problem"), [
    (b"", "is empty"),
    (b"   \n", "is empty"),
    (b"<rss version='2.0'><channel><item><title>cut off", "is not a well-formed feed"),
    (b"<html><body>Not a feed</body></html>", "is not an RSS or Atom feed"),
    (b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'aaaa'><!ENTITY b '&a;&a;&a;&a;'>]><rss><channel>"
     b"<title>&b;</title></channel></rss>", ""),
])
def test_bad_documents_are_problems_not_crashes(body: bytes, problem: str) -> None:
    result = parse("https://example.test/feed", body)
    assert result.items == ()
    if problem:
        assert result.problem is not None and result.problem.startswith(problem)


# -- a real server on 127.0.0.1 --------------------------------------------------------------------------

def test_a_feed_over_http_and_a_conditional_request(httpserver: HTTPServer, client: httpx.Client) -> None:
    url = httpserver.url_for("/feed")
    httpserver.expect_request("/feed").respond_with_data(ATOM, headers={"ETag": '"v1"'},
                                                         content_type="application/atom+xml")
    first = fetch(client, url, Validators(), FAST)
    assert first.problem is None and len(first.items) == 3 and first.validators.etag == '"v1"'
    httpserver.clear()
    httpserver.expect_request("/feed", headers={"If-None-Match": '"v1"'}).respond_with_data(status=304)
    second = fetch(client, url, first.validators, FAST)
    assert second.not_modified and second.problem is None


def test_an_empty_answer(httpserver: HTTPServer, client: httpx.Client) -> None:
    httpserver.expect_request("/feed").respond_with_data(b"", content_type="application/rss+xml")
    assert fetch(client, httpserver.url_for("/feed"), limits=FAST).problem == "is empty"


def test_a_malformed_answer(httpserver: HTTPServer, client: httpx.Client) -> None:
    httpserver.expect_request("/feed").respond_with_data(ATOM[: len(ATOM) // 2], content_type="application/atom+xml")
    result = fetch(client, httpserver.url_for("/feed"), limits=FAST)
    assert result.items == () and (result.problem or "").startswith("is not a well-formed feed")


def test_a_huge_answer_stops_at_the_size_limit(httpserver: HTTPServer, client: httpx.Client) -> None:
    def endless(request: Request) -> Response:
        chunks = (b"<rss><channel>" + b"<item><title>x</title></item>" * 100 for _ in range(10_000))
        return Response(chunks, content_type="application/rss+xml")  # streamed: no Content-Length
    httpserver.expect_request("/huge").respond_with_handler(endless)
    httpserver.expect_request("/declared").respond_with_data(b"x" * (FAST.max_bytes + 1))
    streamed = fetch(client, httpserver.url_for("/huge"), limits=FAST)
    assert streamed.problem == f"is larger than the limit of {FAST.max_bytes} bytes; stopped reading"
    declared = fetch(client, httpserver.url_for("/declared"), limits=FAST)
    assert declared.problem == f"is {FAST.max_bytes + 1} bytes, over the limit of {FAST.max_bytes}; not read"


def test_a_non_utf8_feed_is_decoded_by_its_declared_charset(httpserver: HTTPServer, client: httpx.Client) -> None:
    body = ("<?xml version='1.0' encoding='iso-8859-1'?><rss version='2.0'><channel><title>t</title>"
            "<item><title>Caf\u00e9 na\u00efve r\u00e9sum\u00e9</title><link>https://aws.amazon.com/x</link>"
            "<pubDate>Tue, 01 Dec 2026 18:00:00 GMT</pubDate></item></channel></rss>").encode("iso-8859-1")
    httpserver.expect_request("/latin1").respond_with_data(body, content_type="application/rss+xml; charset=iso-8859-1")
    result = fetch(client, httpserver.url_for("/latin1"), limits=FAST)
    assert result.problem is None and result.items[0].title == "Caf\u00e9 na\u00efve r\u00e9sum\u00e9"
    # Declared UTF-8, but Latin-1 bytes: feedparser falls back to windows-1252 and says so; accepted.
    mislabelled = body.replace(b"iso-8859-1", b"utf-8")
    httpserver.expect_request("/lying").respond_with_data(mislabelled,
                                                          content_type="application/rss+xml; charset=utf-8")
    lying = fetch(client, httpserver.url_for("/lying"), limits=FAST)
    assert lying.problem is None and lying.items[0].title == "Caf\u00e9 na\u00efve r\u00e9sum\u00e9"


def test_redirects_are_followed_up_to_the_limit(httpserver: HTTPServer, client: httpx.Client) -> None:
    for hop in range(5):
        httpserver.expect_request(f"/hop{hop}").respond_with_data(
            status=301, headers={"Location": httpserver.url_for(f"/hop{hop + 1}")})
    httpserver.expect_request("/hop5").respond_with_data(ATOM, content_type="application/atom+xml")
    near = fetch(client, httpserver.url_for(f"/hop{5 - FAST.max_redirects}"), limits=FAST)
    assert near.problem is None and len(near.items) == 3
    far = fetch(client, httpserver.url_for("/hop0"), limits=FAST)
    assert far.problem == f"redirected more than {FAST.max_redirects} times"
    httpserver.expect_request("/to-ftp").respond_with_data(status=302, headers={"Location": "ftp://127.0.0.1/x"})
    assert fetch(client, httpserver.url_for("/to-ftp"), limits=FAST).problem == \
        "redirected to a ftp address; only https is followed"


@pytest.fixture
def threaded_server() -> Iterator[HTTPServer]:
    """A server that answers requests side by side, so a slow answer does not hold up the retry."""
    server = HTTPServer(host="127.0.0.1", threaded=True)
    server.start()
    yield server
    server.clear()
    server.stop()


def test_a_slow_server_hits_the_timeout_and_is_retried(threaded_server: HTTPServer, client: httpx.Client) -> None:
    httpserver = threaded_server
    calls: list[float] = []

    def slow(request: Request) -> Response:
        calls.append(time.monotonic())
        time.sleep(FAST.timeout * 3)
        return Response(ATOM, content_type="application/atom+xml")
    httpserver.expect_request("/slow").respond_with_handler(slow)
    result = fetch(client, httpserver.url_for("/slow"), limits=FAST)
    assert result.problem == f"timed out (no answer within {FAST.timeout:g} s), after {FAST.retries + 1} attempts"
    assert len(calls) == FAST.retries + 1


def test_a_trickling_server_hits_the_deadline(httpserver: HTTPServer, client: httpx.Client) -> None:
    def trickle(request: Request) -> Response:
        def chunks() -> Iterator[bytes]:
            yield b"<rss version='2.0'><channel>"
            for _ in range(100):
                time.sleep(FAST.timeout / 2)  # each read is within the timeout, the whole is not
                yield b" "
        return Response(chunks(), content_type="application/rss+xml")
    httpserver.expect_request("/trickle").respond_with_handler(trickle)
    result = fetch(client, httpserver.url_for("/trickle"), limits=FAST)
    assert result.problem == f"took longer than {FAST.deadline:g} s to send; stopped reading"


def test_server_errors_are_retried_then_reported(httpserver: HTTPServer, client: httpx.Client) -> None:
    httpserver.expect_ordered_request("/flaky").respond_with_data(status=503)
    httpserver.expect_ordered_request("/flaky").respond_with_data(ATOM, content_type="application/atom+xml")
    assert fetch(client, httpserver.url_for("/flaky"), limits=FAST).problem is None
    httpserver.expect_request("/down").respond_with_data(status=500)
    assert fetch(client, httpserver.url_for("/down"), limits=FAST).problem == \
        f"answered HTTP 500, after {FAST.retries + 1} attempts"
    httpserver.expect_request("/gone").respond_with_data(status=404)
    assert fetch(client, httpserver.url_for("/gone"), limits=FAST).problem == "answered HTTP 404"


def test_nothing_listens(client: httpx.Client) -> None:
    result = fetch(client, f"http://127.0.0.1:{free_port()}/feed", limits=FAST)
    assert result.problem is not None and result.problem.endswith(f"after {FAST.retries + 1} attempts")
