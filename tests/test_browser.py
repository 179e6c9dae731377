"""What only a browser shows: search, the diagram, the catalog script, the palette, the layout.

Debian's chromium (or Playwright's own where there is none) against the built site on 127.0.0.1;
every request the pages make is logged and must stay on that origin.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
@pytest.fixture
def page(browser, origin: str) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    requests: list[str] = []
    tab.on("request", lambda request: requests.append(request.url))
    tab.requests = requests
    yield tab
    context.close()
    outside = [url for url in requests if not url.startswith((origin, "data:", "blob:"))]
    assert not outside, f"requests left {origin}: {outside}"


def search(page, origin: str, text: str) -> list[str]:
    """Type into Material's search box and return the result links, best first."""
    page.goto(origin)
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(text, delay=20)
    page.locator(".md-search-result__item").first.wait_for()
    links = page.locator(".md-search-result__item > a.md-search-result__link")
    hrefs = links.evaluate_all("(els) => els.map((a) => a.href)")
    pages = [href.removeprefix(origin).split("?")[0].split("#")[0] for href in hrefs]  # drop ?h= and #section
    return list(dict.fromkeys(pages))


@pytest.mark.parametrize(("query", "expected"), [
    ("Amazon Polly", "services/amazon-polly/"),
    ("Redshift Spectrum", "services/amazon-redshift-spectrum/"),
    ("MXNet", "frameworks/apache-mxnet/"),
    ("Prime Air", "use-cases/prime-air-computer-vision/"),
    ("Amazon Go", "use-cases/amazon-go-just-walk-out/"),
    ("Alexa", "use-cases/alexa-nlu-asr/"),
    ("Robotics path optimisation", "use-cases/robotics-path-optimization/"),
    ("path optimization", "use-cases/robotics-path-optimization/"),
    ("Product recommendations", "use-cases/product-recommendations/"),
    ("Trino", "engines/trino/"),
    ("Bedrock", "services/amazon-bedrock/"),
])
def test_search_finds_an_entry_by_name(page, origin: str, query: str, expected: str) -> None:
    assert expected in search(page, origin, query)[:3]


@pytest.mark.parametrize(("query", "expected"), [
    ("text to speech", "services/amazon-polly/"),
    ("chatbot", "services/amazon-lex/"),
    ("data warehouse", "services/amazon-redshift/"),
    ("DLAMI", "services/deep-learning-ami/"),
    ("speech to text", "services/amazon-transcribe/"),
])
def test_search_finds_an_entry_by_what_it_does(page, origin: str, query: str, expected: str) -> None:
    assert expected in search(page, origin, query)[:5]


def test_diagram_box_opens_its_page(page, origin: str) -> None:
    page.goto(origin)
    page.locator(".sg-diagram a", has_text="Amazon Athena").click()
    # Instant navigation changes the URL before it swaps the content: wait for the content.
    expect(page.locator("article h1")).to_have_text(re.compile(r"^Amazon Athena"))
    assert page.url == f"{origin}services/amazon-athena/"
    page.go_back()
    page.locator(".sg-diagram a.sg-diagram__title", has_text="Data lake").click()
    expect(page.locator("article h1")).to_have_text(re.compile(r"^Data lake"))
    assert page.url == f"{origin}layers/data-lake/"


def test_catalog_filters_and_sorts(page, origin: str) -> None:
    page.goto(f"{origin}catalog/")
    rows = page.locator(".sg-catalog tbody tr")
    total = rows.count()
    assert total > 30
    page.locator("select[data-filter='status']").select_option("retired")
    visible = page.locator(".sg-catalog tbody tr:not([hidden])")
    assert 0 < visible.count() < total
    assert set(visible.locator("td:nth-child(4)").all_inner_texts()) == {"RETIRED"}
    page.locator("select[data-filter='layer']").select_option("Data analytics")
    assert visible.count() == 0
    page.locator("select[data-filter='status']").select_option("")
    assert visible.count() > 0
    page.locator("select[data-filter='layer']").select_option("")
    assert visible.count() == total

    names = lambda: [n.lower() for n in page.locator(".sg-catalog tbody td:first-child").all_inner_texts()]  # noqa: E731
    page.locator(".sg-catalog th button", has_text="Name").click()
    assert names() == sorted(names())
    page.locator(".sg-catalog th button", has_text="Name").click()
    assert names() == sorted(names(), reverse=True)


def test_catalog_is_a_complete_table_without_javascript(browser, origin: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{origin}catalog/")
    assert tab.locator(".sg-catalog tbody tr").count() > 30
    assert tab.locator(".sg-catalog select").count() == 0
    context.close()


def test_palette_toggle_switches_the_scheme(page, origin: str) -> None:
    page.goto(origin)
    scheme = lambda: page.locator("body").get_attribute("data-md-color-scheme")  # noqa: E731
    before = scheme()
    page.locator("form[data-md-component='palette'] label:visible").first.click()
    assert scheme() != before and {before, scheme()} == {"default", "slate"}


@pytest.fixture
def phone(browser, origin: str) -> Iterator[object]:
    """A tab on a 360 px touch phone; open(path) loads a page and checks it does not scroll sideways."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    tab = context.new_page()

    def open_page(path: str) -> None:
        tab.goto(origin + path)
        widths = tab.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert widths[0] <= widths[1], f"horizontal scroll: content {widths[0]}px in a {widths[1]}px viewport"

    tab.open = open_page
    yield tab
    context.close()


def test_home_page_fits_a_360px_phone(phone) -> None:
    phone.open("")
    assert phone.locator(".sg-diagram a").first.is_visible()


def test_catalog_rows_become_cards_on_a_phone_and_still_filter(phone) -> None:
    phone.open("catalog/")
    row = phone.locator(".sg-catalog tbody tr").first
    summary = row.locator("td:nth-child(5)").bounding_box()
    name = row.locator("td:nth-child(1)").bounding_box()
    assert summary and name and summary["y"] > name["y"] and summary["width"] > 250  # a full-width line below
    active = phone.locator(".sg-catalog tbody tr", has_text="Amazon Polly")
    assert active.is_visible()
    phone.locator("select[data-filter='status']").select_option("retired")
    assert not active.is_visible()  # the card layout must not override [hidden]


def test_comparison_scrolls_sideways_under_a_pinned_first_column_on_a_phone(phone) -> None:
    phone.open("comparisons/analytics-services/")
    name = phone.locator(".sg-comparison tbody tr td:first-child").first
    other = phone.locator(".sg-comparison tbody tr td:nth-child(2)").first
    name.scroll_into_view_if_needed()
    before = (name.bounding_box(), other.bounding_box())
    phone.evaluate("document.querySelector('.sg-comparison .md-typeset__scrollwrap').scrollLeft = 200")
    after = (name.bounding_box(), other.bounding_box())
    assert all(before) and all(after)
    assert 0 <= after[0]["x"] <= before[0]["x"]  # the name column stays at the left edge
    assert after[1]["x"] < before[1]["x"] - 100  # the other columns move under it


def test_instant_navigation_keeps_the_catalog_script_working(page, origin: str) -> None:
    page.goto(origin)
    page.locator("a", has_text=re.compile(r"^catalog$")).first.click()
    page.wait_for_url(f"{origin}catalog/")
    page.locator("select[data-filter='status']").wait_for()
    assert page.locator("select[data-filter='status']").count() == 1


def test_pages_print_cleanly(page, origin: str, tmp_path) -> None:
    page.goto(f"{origin}catalog/")
    page.locator("select[data-filter='status']").wait_for()
    page.emulate_media(media="print")
    assert page.locator(".sg-catalog table").is_visible()
    assert not page.locator(".sg-catalog__controls").is_visible(), "filters are screen-only"
    assert not page.locator(".md-header").is_visible(), "Material's print styles hide the header"
    page.goto(origin)
    page.emulate_media(media="print")
    assert page.locator(".sg-diagram__layer").first.is_visible()
    pdf = tmp_path / "home.pdf"
    page.pdf(path=str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 20_000
