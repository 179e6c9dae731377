"""Which sources a claim may rest on: primary ones first, and never mirrors, copies or registries.

CONTRIBUTING.md repeats both lists for contributors; a test keeps it in step with this module.
"""

from __future__ import annotations

import functools
import re

from stackguide.urlpolicy import host_and_path

# Hosts that are never evidence, with the reason the loader gives.
REFUSED_HOSTS: dict[str, str] = {
    "docs.amazonaws.cn": "a China-region mirror of AWS documentation, partly machine-translated; "
                         "cite docs.aws.amazon.com",
    "pypi.org": "a package registry, which shows uploads, not what was released or supported; cite the project",
    "npmjs.com": "a package registry, which shows uploads, not what was released or supported; cite the project",
    "libraries.io": "a package index that copies registry data; cite the project",
    "pypistats.org": "download statistics, not evidence; cite the project",
    "anaconda.org": "a package registry, which shows uploads, not what was released or supported; cite the project",
    "wikipedia.org": "an encyclopedia that summarises other sources; cite the source it cites",
    "geeksforgeeks.org": "a tutorial site that restates other sources; cite the original",
    "technologymag.org": "a site that republishes other outlets' reporting; cite the original",
}

# Primary sources: AWS and Amazon themselves, and each project's own site or repository. A host
# matches itself and its subdomains; an entry with a path matches that path prefix on that host.
PRIMARY: tuple[str, ...] = (
    "aws.amazon.com", "docs.aws.amazon.com", "aws.github.io", "amazon.science", "aboutamazon.com",
    "amazon.com", "allthingsdistributed.com", "awsdocs-neuron.readthedocs-hosted.com", "repost.aws",
    "github.com/aws", "github.com/awsdocs", "github.com/aws-neuron", "github.com/awslabs",
    "github.com/aws-samples", "github.com/aws-solutions", "kiro.dev",
    "apache.org", "github.com/apache", "pytorch.org", "github.com/pytorch", "tensorflow.org",
    "github.com/tensorflow", "caffe.berkeleyvision.org", "github.com/bvlc", "caffe2.ai",
    "github.com/facebookarchive", "trino.io", "github.com/trinodb", "prestodb.io", "github.com/prestodb",
    "opensearch.org", "iceberg.apache.org", "ieeexplore.ieee.org", "arxiv.org",
    "medium.com/pinterest-engineering", "netflixtechblog.com", "finra.org",
)


@functools.lru_cache(maxsize=8192)  # the three questions below are asked of each URL: read it once
def _host_and_path(url: str) -> tuple[str, str]:
    return host_and_path(url)


def _host(url: str) -> str:
    return _host_and_path(url)[0]


def _domains(host: str) -> list[str]:
    """The host and each domain above it: what a pattern for the host or its parents matches."""
    labels = host.split(".")
    return [".".join(labels[index:]) for index in range(len(labels))]


def _by_domain(patterns: tuple[str, ...]) -> dict[str, list[str]]:
    """Patterns by their domain, each with its path prefix ("" for any path)."""
    prefixes: dict[str, list[str]] = {}
    for pattern in patterns:
        domain, _, prefix = pattern.partition("/")
        prefixes.setdefault(domain, []).append(prefix)
    return prefixes


_PRIMARY_PATHS = _by_domain(PRIMARY)


# AWS documentation in another language is machine-translated, and a page's .md twin is a copy
# made for tools: cite the English page itself.
_AWS_DOCS_COPY = re.compile(r"^https://docs\.aws\.amazon\.com/(?:[a-z]{2}_[a-z]{2}/|.*\.md$)")


@functools.lru_cache(maxsize=1024)  # many URLs share a host: its domains are looked up once
def _refused_host_reason(host: str) -> str | None:
    for domain in _domains(host):
        if (reason := REFUSED_HOSTS.get(domain)) is not None:
            return f"{domain} is not accepted as a source: {reason}"
    return None


@functools.lru_cache(maxsize=8192)  # the loader and every page that lists a source ask again
def refused_reason(url: str) -> str | None:
    """Why `url` may not be cited at all, or None."""
    if (reason := _refused_host_reason(_host(url))) is not None:
        return reason
    if _AWS_DOCS_COPY.match(url):
        return ("a translated or Markdown copy of an AWS documentation page is not accepted as a source; "
                "cite the English page (without /xx_xx/, ending in .html)")
    return None


@functools.lru_cache(maxsize=8192)
def is_primary(url: str) -> bool:
    """True when `url` is AWS's, Amazon's or the project's own publication."""
    host, path = _host_and_path(url)
    prefixes = _primary_prefixes(host)
    return prefixes is _ANY_PATH or any(path == prefix or path.startswith(prefix + "/") for prefix in prefixes)


_ANY_PATH = ("",)


@functools.lru_cache(maxsize=1024)  # many URLs share a host: its domains are looked up once
def _primary_prefixes(host: str) -> tuple[str, ...]:
    """The path prefixes ("/aws") under which `host` publishes primary sources; _ANY_PATH for all of it."""
    prefixes = [prefix for domain in _domains(host) for prefix in _PRIMARY_PATHS.get(domain, ())]
    return _ANY_PATH if "" in prefixes else tuple(f"/{prefix}" for prefix in prefixes)


@functools.lru_cache(maxsize=8192)
def site_name(url: str) -> str:
    """The host a reader sees beside a source's title, without 'www.'."""
    return _host(url).removeprefix("www.")


# -- feeds an entry may watch ----------------------------------------------------------------------

# The shapes of feed a watch may name, each on a primary host: a GitHub project's release or tag feed,
# an AWS guide's document-history RSS, and AWS's shared feeds (What's New and the blogs).
_GITHUB_FEED = re.compile(r"^https://github\.com/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+/(?:releases|tags)\.atom$")
_AWS_DOCS_FEED = re.compile(r"^https://docs\.aws\.amazon\.com/[A-Za-z0-9_./-]+\.rss$")
SHARED_FEEDS = re.compile(r"^https://aws\.amazon\.com/(?:about-aws/whats-new/recent/feed/|blogs/[a-z0-9-]+/feed/)$")
FEED_SHAPES = ("https://github.com/<owner>/<repo>/releases.atom or tags.atom (owner a primary one)",
               "an AWS guide's document-history feed https://docs.aws.amazon.com/....rss",
               "What's New https://aws.amazon.com/about-aws/whats-new/recent/feed/ or an AWS blog's /feed/")


def feed_problem(url: str) -> str | None:
    """Why `url` may not be watched, or None: only the feed shapes above, on primary hosts."""
    if (reason := refused_reason(url)) is not None:
        return reason
    if not any(shape.fullmatch(url) for shape in (_GITHUB_FEED, _AWS_DOCS_FEED, SHARED_FEEDS)):
        return "is not a feed this guide watches; use " + "; ".join(FEED_SHAPES)
    if not is_primary(url):
        return "is not on a primary host (AWS, Amazon or the project's own GitHub organisation)"
    return None


def is_github_feed(url: str) -> bool:
    """True for a GitHub releases.atom or tags.atom feed, whose newest item names the newest version."""
    return _GITHUB_FEED.fullmatch(url) is not None
