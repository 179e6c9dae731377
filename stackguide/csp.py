"""A Content-Security-Policy for each built page: only the site's own files, and the inline scripts
the page was built with, may run.

Data is escaped wherever it lands; the policy is the second line of defence. Should a value ever
reach a page as markup, a script or style it carries is refused by the browser, and the page can
load nothing from another origin. GitHub Pages sets no headers, so the policy is a <meta> element,
first in <head> after the charset, before any script. The theme's inline scripts (Material's
palette and scope scripts, this site's own) are allowed by their SHA-256 hashes, worked out from
the page as built; JSON blocks are data, which a policy does not govern. A script this reading
misses is refused by the browser, never let through: the browser tests watch for refusals.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterator

DIRECTIVES = ("default-src 'self'", "img-src 'self' data:", "object-src 'none'", "base-uri 'self'",
              "form-action 'self'")  # data: images: the theme's icons are SVG data in its stylesheet
CHARSET = '<meta charset="utf-8">'
_SOURCE = re.compile(r"(?:^|\s)src\s*=", re.IGNORECASE)  # a script from a file: 'self' covers it
_DATA = re.compile(r"""(?:^|\s)type\s*=\s*["']?application/(?:ld\+)?json\b""", re.IGNORECASE)


def policy(scripts: Iterator[str] | list[str]) -> str:
    """The policy that lets exactly these inline scripts run, with the site's own files."""
    hashes = sorted({script_hash(script) for script in scripts})
    return "; ".join((*DIRECTIVES, " ".join(("script-src 'self'", *hashes))))


def script_hash(script: str) -> str:
    """A CSP source expression for an inline script: the SHA-256 of its text, as the browser reads it."""
    return f"'sha256-{base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()}'"


def meta(content: str) -> str:
    return f'<meta http-equiv="Content-Security-Policy" content="{content}">'


def with_policy(page: str, content: str | None = None) -> str:
    """`page` with a policy first in <head> (after the charset): `content`, or the one its own
    inline scripts need. A page without <head> as it is. (str.replace copies a page of the
    theme's in a few microseconds, slicing it in about 50.)"""
    for after in (CHARSET, "<head>"):
        if after in page:
            return page.replace(after, after + meta(content or policy(inline_scripts(page))), 1)
    return page


def inline_scripts(page: str) -> Iterator[str]:
    """The text of each <script> without a src that the browser runs (JSON blocks aside)."""
    start = 0
    while (opening := page.find("<script", start)) >= 0:
        tag_end = page.find(">", opening)
        if tag_end < 0:
            return
        attributes = page[opening + len("<script"):tag_end]
        if attributes[:1] not in ("", " ", "\t", "\n", "\r"):  # another element (<scripts>)
            start = tag_end
            continue
        closing = page.find("</script>", tag_end)
        if closing < 0:
            return
        if not _SOURCE.search(attributes) and not _DATA.search(attributes):
            yield page[tag_end + 1:closing]
        start = closing + len("</script>")
