"""Accessibility gate: axe-core finds no serious or critical violation on any page kind,
in either palette, including with the search results open."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, BuiltSite
from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
PAGES = {"home": "", "layer": "layers/ai-services/", "service": "services/amazon-polly/",
         "retired": "frameworks/apache-mxnet/", "catalog": "catalog/", "comparison": "comparisons/analytics-services/",
         "changes": "changes/", "onboarding": "onboarding/", "glossary": "glossary/"}


def axe_violations(tab: Page) -> list[dict[str, Any]]:
    tab.add_script_tag(path=str(AXE))
    result = tab.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


def describe(violations: list[dict[str, Any]]) -> str:
    return "; ".join(f"{v['id']} ({len(v['nodes'])} nodes: {v['nodes'][0]['target']})" for v in violations)


@pytest.fixture(params=["light", "dark"])
def tab(request: pytest.FixtureRequest, browser: Browser) -> Iterator[Page]:
    if not Path(AXE).is_file():
        pytest.fail("axe-core is missing: run `make test`, which installs the npm tools")
    # bypass_csp: axe-core goes in as an inline script, which the pages' own policy would refuse.
    context = browser.new_context(color_scheme=request.param, viewport={"width": 1280, "height": 900},
                                  bypass_csp=True)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_page_has_no_serious_violations(tab: Page, site: BuiltSite, kind: str) -> None:
    tab.goto(site.origin + PAGES[kind])
    violations = axe_violations(tab)
    assert not violations, describe(violations)


def test_search_results_have_no_serious_violations(tab: Page, site: BuiltSite) -> None:
    tab.goto(site.origin)
    box = tab.locator("input.md-search__input")
    box.click()
    box.press_sequentially("speech", delay=20)
    tab.locator(".md-search-result__item").first.wait_for()
    violations = axe_violations(tab)
    assert not violations, describe(violations)
