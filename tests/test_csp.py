"""The Content-Security-Policy of built pages (stackguide.csp): the page's own inline scripts by
hash, nothing else inline, nothing from another origin."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import conftest
import pytest
from conftest import BuiltSite
from playwright.sync_api import Browser

from stackguide import csp
from stackguide.tools.devkit import served

PAGE = """<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<script>var a = "</b>";</script>
<script id="__config" type="application/json">{"base": "."}</script>
<script src="assets/app.js"></script>
<script data-src="x" >b()</script>
<noscript><scripts>not one</scripts></noscript>
</head><body><script type="module">c()</script></body></html>"""


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_each_inline_script_is_allowed_by_its_hash_and_nothing_else_inline() -> None:
    assert list(csp.inline_scripts(PAGE)) == ['var a = "</b>";', "b()", "c()"]  # data and files aside
    hashes = sorted([sha('var a = "</b>";'), sha("b()"), sha("c()")])
    expected = ("default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; "
                f"script-src 'self' {' '.join(hashes)}")
    policy = f'<meta http-equiv="Content-Security-Policy" content="{expected}">'
    assert csp.with_policy(PAGE) == PAGE.replace('<meta charset="utf-8">', '<meta charset="utf-8">' + policy)


def test_the_policy_goes_first_in_head_and_a_page_without_head_is_left_alone() -> None:
    assert csp.with_policy("<html><head><title>t</title></head></html>") == (
        "<html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'self'; form-action 'self'; script-src 'self'\"><title>t</title></head></html>")
    assert csp.with_policy("<p>no head</p>") == "<p>no head</p>"
    assert list(csp.inline_scripts("<head><script>never closed")) == []


@pytest.mark.browser
def test_a_built_page_refuses_what_was_planted_in_it(site: BuiltSite, browser: Browser, tmp_path: Path) -> None:
    """A copy of a real built page with a script, a style attribute and an image from another site
    planted in it: Chromium runs none of them, and the page's own scripts still do."""
    built = (site.path / "services/amazon-polly/index.html").read_text(encoding="utf-8")
    assert built.count('http-equiv="Content-Security-Policy"') == 1
    planted = built.replace("</article>", '<script>window.planted = 1</script><p id="red" style="color: red">x</p>'
                                          '<img src="https://example.org/pixel.png" alt=""></article>', 1)
    assert planted != built
    (tmp_path / "page.html").write_text(planted, encoding="utf-8")
    context = browser.new_context()
    page = context.new_page()
    with served(tmp_path) as origin:
        with page.expect_event("requestfailed", lambda request: "example.org" in request.url) as image:
            page.goto(origin + "page.html")
        assert "csp" in (image.value.failure or "").lower()  # blocked by the policy, never asked of the network
        assert page.evaluate("window.planted") is None
        assert page.evaluate("getComputedStyle(document.getElementById('red')).color") != "rgb(255, 0, 0)"
        assert page.evaluate("typeof __md_get") == "function"  # Material's inline script ran: its hash was right
    context.close()
    seen = "\n".join(conftest.refusals)
    assert "inline script" in seen and "inline style" in seen and "img-src" in seen
    conftest.refusals.clear()  # planted here on purpose


class InlineScripts(HTMLParser):
    """The inline scripts a browser runs, read by Python's HTML parser: an oracle apart from csp's own reading."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._open: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "script" and "src" not in found and "json" not in (found.get("type") or ""):
            self._open = []

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._open is not None:
            self.scripts.append("".join(self._open))
            self._open = None


def test_every_page_of_the_real_site_allows_exactly_its_own_inline_scripts(site: BuiltSite) -> None:
    """The plugin reads a generated page's scripts once per template and depth: each page, read
    whole by Python's HTML parser, needs the very policy it was given (404 page too)."""
    pages = sorted(site.path.rglob("*.html"))
    assert len(pages) > 100
    for path in pages:
        html = path.read_text(encoding="utf-8")
        (given,) = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html)
        parser = InlineScripts()
        parser.feed(html)
        assert parser.scripts, path  # Material's scope script at least
        assert given == csp.policy(parser.scripts), path.relative_to(site.path)
