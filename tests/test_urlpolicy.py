"""The shortcut for usual URLs decides and splits as the full check and urlsplit."""

from __future__ import annotations

from urllib.parse import urlsplit

from hypothesis import example, given, settings
from hypothesis import strategies as st

from stackguide import urlpolicy

_LABEL = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9-]{0,3}[A-Za-z0-9]?", fullmatch=True)
# Pieces near the usual shape, and letters whose case folds to ASCII (Kelvin, long s, dotted I).
_PIECES = st.sampled_from(["/", "?", "#", ":", "@", ".", "-", "%20", "[", "]", "\n", "\t", " ",
                           "\u212a", "\u017f", "\u0131", "\u0130", "\u00e9", ":443", "user@", "a", "Z", "0", "~", "(",
                           "/x.md", "..", "-."])


@st.composite
def _urls(draw: st.DrawFn) -> str:
    scheme = draw(st.sampled_from(["https://", "HTTPS://", "hTtPs://", "http://", "https:/", "https:", "ftp://", ""]))
    host = ".".join(draw(st.lists(_LABEL, min_size=1, max_size=4)))
    tld = draw(st.sampled_from(["com", "ORG", "io", "c", "x" * 64, "co1", ""]))
    rest = "".join(draw(st.lists(_PIECES | st.text(max_size=3), max_size=8)))
    return draw(st.sampled_from([f"{scheme}{host}.{tld}{rest}", f"{scheme}{host}{rest}", f"{scheme}{rest}",
                                 f"{scheme}{host}.{tld}/{'a' * draw(st.integers(0, 600))}"]))


@settings(max_examples=1000, deadline=None)
@given(_urls())
@example("https://" + "a" * 63 + "." + ("b" * 63 + ".") * 3 + "com")  # a host of 256 characters
@example("https://example.com:/")
@example("https://example.com:x/")
@example("https://a.com?b/c#d")
@example("https://a.com#b?c")
def test_plain_url_shortcut_decides_as_the_full_check(url: str) -> None:
    assert urlpolicy.url_problem(url) == urlpolicy._url_problem_in_full(url)
    if urlpolicy._plain_url(url) is not None:
        parts = urlsplit(url)
        assert urlpolicy.host_and_path(url) == ((parts.hostname or "").lower(), parts.path.lower())


@given(_urls())
@example("https://example.com:x/")
@example("https://example.com:99999/")
def test_an_address_gets_a_reason_or_none_never_an_error(url: str) -> None:
    """urlsplit raises ValueError for a port that is not a number or is out of range: that is a
    port too, said as for any other, not an error that a tool outside the loader would show."""
    problem = urlpolicy.url_problem(url)
    assert problem is None or isinstance(problem, str)
    if url.startswith("https://example.com:"):
        assert problem == "names a port"
