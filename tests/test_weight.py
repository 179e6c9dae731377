"""What a first visit costs, as sizes and counts (times live in `make bench`): the catalog's bytes
stay within budget, search sends nothing but a small worker until it is used, and our own
scripts never make the browser lay the page out synchronously while it loads."""

from __future__ import annotations

import gzip
import importlib.util
from typing import Any
from urllib.parse import urlsplit

import pytest
from conftest import ROOT, BuiltSite

from stackguide.catalog import Catalog
from stackguide.plugin import ASSETS

_spec = importlib.util.spec_from_file_location("bench", ROOT / "bench" / "bench.py")
assert _spec and _spec.loader
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)

pytestmark = pytest.mark.browser

CATALOG_BUDGET_KB = 90  # issue #21: the catalog's first load at 100 entries, gzip as GitHub Pages serves
ROW_KB = 0.2  # what each entry beyond 100 may add (a row is about 0.15 KB gzip)
SEARCH_BUDGET_KB = 1.5  # the search configuration and the worker every page starts (was 3.2 KB)


def first_load(browser: Any, site: BuiltSite, path: str) -> dict[str, int]:
    """Each file a first visit to `path` fetches, with its gzip size (GitHub Pages compresses text)."""
    context = browser.new_context()
    tab = context.new_page()
    fetched: list[str] = []
    tab.on("request", lambda request: fetched.append(urlsplit(request.url).path))
    tab.goto(site.origin + path, wait_until="networkidle")
    tab.wait_for_timeout(500)  # what the page starts after idle (a worker's own fetch) counts too
    context.close()
    sizes: dict[str, int] = {}
    for url_path in fetched:  # a file fetched twice counts twice, as it is sent twice
        file = site.path / url_path.lstrip("/")
        file = file / "index.html" if file.is_dir() else file
        sizes[url_path] = sizes.get(url_path, 0) + len(gzip.compress(file.read_bytes(), compresslevel=6, mtime=0))
    return sizes


def test_the_catalog_first_load_stays_within_budget(browser: Any, site: BuiltSite, catalog: Catalog) -> None:
    sizes = first_load(browser, site, "catalog/")
    budget = CATALOG_BUDGET_KB + ROW_KB * max(0, len(catalog.entries) - 100)
    total = sum(sizes.values()) / 1024
    assert total <= budget, f"{total:.1f} KB > {budget:.1f} KB: " + ", ".join(
        f"{path} {size / 1024:.1f}" for path, size in sorted(sizes.items(), key=lambda item: -item[1]))


def test_search_sends_only_a_small_worker_until_it_is_used(browser: Any, site: BuiltSite) -> None:
    sizes = first_load(browser, site, "")
    searching = {path: size for path, size in sizes.items()
                 if path.startswith(("/search/", "/assets/stackguide/workers/")) or "javascripts/workers" in path}
    assert set(searching) <= {"/search/search_index.json", "/assets/stackguide/workers/search-start.js"}
    assert sum(searching.values()) / 1024 <= SEARCH_BUDGET_KB, searching


@pytest.mark.parametrize("path", ["", "layers/ai-services/", "services/amazon-polly/", "catalog/"])
def test_a_first_load_fetches_no_list_of_every_page(browser: Any, site: BuiltSite, path: str) -> None:
    """So that a first visit does not grow with the catalog: the page, static assets and search's
    small configuration, and nothing else. Material fetches sitemap.xml, which lists every page,
    for instant navigation and beside any `alternate` link (which it takes for a language)."""
    fetched = set(first_load(browser, site, path))
    others = {url_path for url_path in fetched if url_path != "/" + path and not url_path.startswith("/assets/")}
    assert others <= {"/search/search_index.json"}, others


def restyles_while_loading(browser: Any, site: BuiltSite, path: str) -> tuple[list[tuple[int, str]], int]:
    """The style recalculations of a first load on a phone-sized page, (elements restyled, the script
    function that forced it or ""), and the number of elements in the loaded page."""
    context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True, has_touch=True)
    tab = context.new_page()
    browser.start_tracing(page=tab, categories=["devtools.timeline", "disabled-by-default-devtools.timeline",
                                                "disabled-by-default-devtools.timeline.stack"])
    tab.goto(site.origin + path, wait_until="networkidle")
    tab.wait_for_timeout(500)
    found = bench.restyles(browser.stop_tracing(), site.origin)
    elements = tab.evaluate("document.getElementsByTagName('*').length")
    context.close()
    return found, int(elements)


@pytest.mark.parametrize("path", ["", "layers/ai-services/", "services/amazon-polly/", "catalog/"])
def test_our_scripts_force_no_layout_while_the_page_loads(browser: Any, site: BuiltSite, path: str) -> None:
    """A script that reads a size right after changing the page makes the browser restyle it at once;
    Chromium's trace names the script. None of those may be ours (stackguide/assets/)."""
    found, _ = restyles_while_loading(browser, site, path)
    assert found, "the trace holds the page's style recalculations"
    assert any(where.startswith("bundle.") for _, where in found), "Material's forced ones are seen, so ours would be"
    # Named by file: Chromium's own scripts (such as composebox_input.js) force some too.
    scripts = {path.name for path in ASSETS.rglob("*.js")}
    ours = [where for _, where in found if where.split(":")[0] in scripts]
    assert not ours, f"forced by our scripts: {ours}"


@pytest.mark.parametrize("path", ["", "layers/ai-services/", "services/amazon-polly/", "catalog/"])
def test_the_page_is_restyled_whole_at_most_once_while_it_loads(browser: Any, site: BuiltSite, path: str) -> None:
    """Each whole-page restyle a script forces is a long task on a phone. Material's start-up forced
    four or five (its palette component, its classes on <html>, its absolute stylesheet addresses);
    the head script in overrides/main.html and stackguide/assets/palette.js leave at most the first
    styling of the page, which the bundle forces when it runs before the browser has styled it."""
    found, elements = restyles_while_loading(browser, site, path)
    whole = [(count, where) for count, where in found if where and count >= elements / 2]
    assert len(whole) <= 1, f"{len(whole)} forced restyles of the whole page ({elements} elements): {whole}"
