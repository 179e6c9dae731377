"""Which link targets the site accepts: well-formed https:// URLs to a named host, nothing else."""

from __future__ import annotations

import functools
import re
from urllib.parse import SplitResult, urlsplit

# Characters a URL may hold as written: RFC 3986 without the ones that end a Markdown link or an
# HTML attribute, or hide what the link shows (percent-encode those: ( as %28, ) as %29).
_URL_CHARS = re.compile(r"^[A-Za-z0-9\-._~:/?#@!$&*+,;=%]+$")
_HOST = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
URL_MAX = 500
# The usual accepted address, in one match: https:// (any case), a host name _HOST takes once in lower
# case, then the path and what follows it in _URL_CHARS. urlsplit would take the host as the whole
# net location (no user, no port), the path as all before the first ? or #: nothing to refuse.
_PLAIN_URL = re.compile(r"[Hh][Tt][Tt][Pp][Ss]://"
                        r"(?P<host>(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63})"
                        r"(?P<path>/[A-Za-z0-9\-._~:/@!$&*+,;=%]*)?(?:[?#][A-Za-z0-9\-._~:/?#@!$&*+,;=%]*)?")


def _plain_url(url: str) -> re.Match[str] | None:
    """The match of a URL of the usual accepted shape (see _PLAIN_URL), or None to look further."""
    match = _PLAIN_URL.fullmatch(url) if len(url) <= URL_MAX else None
    return match if match is not None and len(match["host"]) <= 253 else None


@functools.lru_cache(maxsize=8192)  # each unusual URL is checked here, then judged as a source
def split_url(url: str) -> SplitResult:
    return urlsplit(url)


def host_and_path(url: str) -> tuple[str, str]:
    """The host and the path of `url` (each in lower case) as urlsplit reads them; "" for no host."""
    if (match := _plain_url(url)) is not None:
        return match["host"].lower(), (match["path"] or "").lower()
    parts = split_url(url)
    return (parts.hostname or "").lower(), parts.path.lower()


def url_problem(url: str) -> str | None:
    """Why `url` is not a well-formed https:// URL that this site will link to, or None."""
    return None if _plain_url(url) is not None else _url_problem_in_full(url)


def _url_problem_in_full(url: str) -> str | None:
    if not url.lower().startswith("https://"):
        scheme = url.split(":", 1)[0] if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", url) else ""
        return f"uses '{scheme}:', and only https:// is allowed" if scheme else "does not start with https://"
    if len(url) > URL_MAX:
        return f"is longer than {URL_MAX} characters"
    if not _URL_CHARS.fullmatch(url):  # fullmatch: $ alone would let a final line break through
        bad = next(char for char in url if not _URL_CHARS.fullmatch(char))
        if bad in "\t\n\r":  # a block scalar (|) keeps a final line break
            return "holds a line break or a tab; write the address as one plain line"
        return f"contains {bad!r}: percent-encode it (( as %28, ) as %29, a space as %20)"
    parts = split_url(url)
    if "@" in parts.netloc:
        return "carries a user name before the host"
    if not _HOST.fullmatch(parts.hostname or ""):
        return f"has no valid host name ('{parts.hostname or ''}')"
    try:
        port = parts.port
    except ValueError:  # not a number, or out of range: a port all the same
        return "names a port"
    if port is not None:
        return "names a port"
    return None
