"""What only a browser shows: search ranks, the answer-first layout, the diagram's chips, the
catalog's filters and address, onboarding progress, phones, palette and print.

Debian's chromium (or Playwright's own where there is none) against the session's build on
127.0.0.1; every request a page makes is logged and must stay on that origin.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import pytest
from conftest import ROOT, BuiltSite, crowd, mkdocs_build, write_tiny_data
from playwright.sync_api import Browser, Page, expect

from stackguide.catalog import Catalog
from stackguide.load import load_catalog
from stackguide.model import State
from stackguide.render import DIAGRAM_CHIP_MAX, nav_layers
from stackguide.tools.devkit import copy_project, served
from stackguide.tools.searcheval import HOLDOUT_FILE, KINDS, QUESTION_FILES, evaluate, load_questions, page_urls

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser: Browser, site: BuiltSite) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    requests: list[str] = []
    tab.on("request", lambda request: requests.append(request.url))
    yield tab
    context.close()
    outside = [url for url in requests if not url.startswith((site.origin, "data:", "blob:"))]
    assert not outside, f"requests left {site.origin}: {outside}"


def search(page: Page, text: str) -> list[str]:
    """Type into Material's search box and return the result pages (site-relative), best first."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(text[:-1])  # Material searches on key presses: the last one searches the whole text
    # The list may still show the previous question's answer: empty it, so that what appears next
    # can only be this question's.
    page.locator(".md-search-result__list").evaluate("(list) => list.replaceChildren()")
    box.press_sequentially(text[-1])
    results = page.locator(".md-search-result__item > a.md-search-result__link")
    results.first.wait_for()
    page.wait_for_timeout(150)  # the worker answers each key press; let the last answer land
    hrefs = results.evaluate_all("(links) => links.map((a) => a.href.slice(document.baseURI.length))")
    pages = [re.sub(r"[?#].*$", "", href) for href in hrefs]
    return list(dict.fromkeys(pages))


# The BroadcastChannel on which the page and its search worker talk ("load", "loaded"), as named
# in the worker's address in Material's configuration.
CHANNEL_JS = """const searchChannel = () => new BroadcastChannel(new URL(
  JSON.parse(document.getElementById("__config").textContent).search, location.href).searchParams.get("channel"));
"""


def wait_for_every_record(page: Page) -> None:
    """Until the search worker has indexed every record: the first answer comes from the pages' own
    records alone, and is asked again once the rest are in."""
    # "load" is said again until "loaded" comes: the worker may not listen yet when the page has loaded.
    page.evaluate(CHANNEL_JS + """() => new Promise((resolve, reject) => {
      const channel = searchChannel();
      const again = setInterval(() => channel.postMessage("load"), 250);
      const give_up = setTimeout(() => { clearInterval(again); reject(new Error("no 'loaded' in 60 s")); }, 60000);
      channel.onmessage = ({ data }) => {
        if (data === "loaded") { clearInterval(again); clearTimeout(give_up); resolve(); }
      };
      channel.postMessage("load");  // as the search box's focus does; "loaded" comes once every record is in
    })""")


QUESTIONS = load_questions()
PRECISION_AT_1 = 0.95  # the bar, for the evaluation set and the held-out set alike
# About 30 evaluation and 20 held-out questions, spread over every layer, typed into the real search box.
TYPED = {"search_questions.yaml": QUESTIONS[::8], "search_holdout.yaml": load_questions(HOLDOUT_FILE)[::5]}


@pytest.mark.parametrize("path", QUESTION_FILES, ids=lambda path: path.name)
def test_each_question_set_ranks_its_pages_first(path: Path, page: Page, site: BuiltSite, catalog: Catalog) -> None:
    """Every question, asked of the site's own search worker as the search box asks it."""
    questions = load_questions(path)
    scores = evaluate(page, site.origin, catalog, questions)
    assert scores.precision_at_1 >= PRECISION_AT_1, f"{len(scores.misses)} misses:\n" + "\n".join(scores.misses)
    for kind in KINDS:  # each kind of miss of issue #21, on its own
        first = [hit for question, hit in zip(questions, scores.first, strict=True) if question.kind == kind]
        assert sum(first) >= 0.8 * len(first), f"{kind}: {first.count(False)} of {len(first)} miss"


@pytest.mark.parametrize("name", TYPED)
def test_typed_questions_rank_the_answer_first(name: str, page: Page, site: BuiltSite, catalog: Catalog) -> None:
    urls = page_urls(catalog)
    page.goto(site.origin)
    wait_for_every_record(page)  # the answers once loaded; the first ones are timed by `make bench`
    misses = []
    for question in TYPED[name]:
        found = search(page, question.ask)
        if found[:1] != [urls[question.page]]:
            misses.append(f"{question.ask!r}: {found[:3]}")
    allowed = len(TYPED[name]) * (1 - PRECISION_AT_1)
    assert len(misses) <= allowed, f"{len(misses)} of {len(TYPED[name])} miss:\n" + "\n".join(misses)


def test_search_loads_nothing_until_the_reader_searches(page: Page, site: BuiltSite) -> None:
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(urlsplit(request.url).path))
    page.goto(site.origin, wait_until="networkidle")
    loading = ("_records.json", "_pages.json", ".min.js")
    assert not [path for path in fetched if path.endswith(loading) and "search" in path]
    with page.expect_request(lambda request: urlsplit(request.url).path.endswith("search/search_pages.json")):
        page.locator("input.md-search__input").click()  # focus alone starts loading, before any key
    with page.expect_request(lambda request: urlsplit(request.url).path.endswith("search/search_records.json")):
        pass  # every other record, once the pages' records are in
    assert fetched.index("/search/search_pages.json") < fetched.index("/search/search_records.json")
    assert search(page, "speech to text")[0] == "services/amazon-transcribe/"


def test_a_focus_before_the_search_worker_listens_still_loads_every_record(page: Page, site: BuiltSite) -> None:
    """The page says "load" until the worker answers: the box can get focus while the worker's own
    script is still on its way (held back here until after the focus), when no one hears a single "load"."""
    held: list[Any] = []
    page.route(re.compile(r".*/workers/search-start\.js(\?.*)?$"), lambda route: held.append(route))
    page.goto(site.origin)
    page.wait_for_function("() => document.querySelector('input.md-search__input') !== null")
    page.evaluate(CHANNEL_JS + """() => {
      const channel = searchChannel();
      window.sgLoaded = new Promise((resolve) => {
        channel.onmessage = ({ data }) => data === "loaded" && resolve(true);
      });
    }""")
    page.locator("input.md-search__input").focus()
    page.wait_for_timeout(1000)  # the first "load" is said to no one
    assert len(held) == 1, "Material's page script did not ask for the search worker"
    held[0].continue_()
    loaded = page.evaluate("Promise.race([window.sgLoaded, new Promise((r) => setTimeout(r, 30000, false))])")
    assert loaded is True, "the worker never heard 'load', so nothing was loaded before a question"


def test_every_record_is_indexed_only_once_typing_pauses(page: Page, site: BuiltSite) -> None:
    """Indexing every record cannot be interrupted, and a key press waits for it: so the worker
    starts it only after a pause in the questions (400 ms, search-worker.js), not while the reader
    types. It said "loaded" a second after the focus, whatever the reader was doing."""
    page.goto(site.origin)
    page.evaluate(CHANNEL_JS + """() => {
      const channel = searchChannel();
      window.sgLoadedCount = 0;
      window.sgLoaded = new Promise((resolve) => {
        channel.onmessage = ({ data }) => {
          if (data === "loaded") window.sgLoadedCount += 1, resolve(window.sgLoadedAt ??= performance.now());
        };
      });
    }""")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("which service turns speech into text for the recordings of a call centre", delay=50)
    typed = page.evaluate("performance.now()")
    assert page.evaluate("window.sgLoadedAt") is None, "every record was indexed while the reader typed"
    loaded = page.evaluate("Promise.race([window.sgLoaded, new Promise((r) => setTimeout(r, 30000, null))])")
    assert loaded is not None and loaded > typed
    expect(page.locator(".md-search-result__list a.md-search-result__link").first).to_have_attribute(
        "href", re.compile(r"/services/amazon-transcribe/(\?|$)"))
    page.wait_for_timeout(2500)  # the worker once took its own "loaded" for a "load", every 1.4 s
    assert page.evaluate("window.sgLoadedCount") == 1


def test_no_match_offers_the_catalog_filter_and_the_onboarding_path(page: Page, site: BuiltSite) -> None:
    page.goto(site.origin)
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("zqxj wvyk")
    offer = page.locator(".md-search-result__list .sg-search-none")
    expect(offer).to_be_visible()
    # Each key press is answered; the offer follows the last, whole question.
    expect(offer.locator("a").first).to_have_attribute("href", re.compile(r"\?q=zqxj\+wvyk$"))
    links = offer.locator("a").evaluate_all("(links) => links.map((a) => a.href)")
    assert links == [f"{site.origin}catalog/?q=zqxj+wvyk", f"{site.origin}onboarding/"]
    box.press("ArrowDown")  # Material's keyboard handling reaches the offer like any result
    assert page.evaluate("document.activeElement.href") == links[0]
    page.keyboard.press("Enter")
    expect(page.locator(".sg-catalog input[type=search]")).to_have_value("zqxj wvyk")


def test_text_that_arrives_without_a_key_is_searched(page: Page, site: BuiltSite) -> None:
    """Pasted with the mouse, dropped, dictated or picked from a phone keyboard's suggestions, text
    reaches the box with an input event and no key release, which is all Material listens to."""
    page.goto(site.origin)
    box = page.locator("input.md-search__input")
    box.click()
    page.keyboard.insert_text("make my app talk")  # an input event, no key events
    expect(page.locator(".md-search-result__list a.md-search-result__link").first).to_have_attribute(
        "href", re.compile(r"/services/amazon-polly/(\?|$)"))
    box.fill("")
    page.keyboard.insert_text("日本語")  # no word this site indexes: the answer says so
    expect(page.locator(".md-search-result__meta")).to_have_text("No matching documents")
    expect(page.locator(".md-search-result__list .sg-search-none a").first).to_have_attribute(
        "href", re.compile(r"\?q=%E6%97%A5%E6%9C%AC%E8%AA%9E$"))


def test_a_long_page_is_a_short_result(page: Page, site: BuiltSite) -> None:
    """The catalog's record is its whole table: its result shows the start, no taller than about
    eight lines, so the next result is near."""
    page.goto(site.origin)
    with page.expect_response(re.compile(r"search_records\.json")):  # every record, whole texts
        search(page, "every entry in the guide")
    page.wait_for_timeout(500)
    assert "catalog/" in search(page, "every entry in the guides")
    heights = page.locator(".md-search-result__article").evaluate_all(
        "(articles) => articles.map((a) => a.getBoundingClientRect().height / "
        "parseFloat(getComputedStyle(document.documentElement).fontSize))")
    assert heights and max(heights) <= 12.5, heights  # rem: the clamp's 12rem and its padding


def test_enter_opens_the_best_result(page: Page, site: BuiltSite) -> None:
    page.goto(site.origin)
    search(page, "make my app talk")
    page.locator("input.md-search__input").press("Enter")
    page.wait_for_url(re.compile(r"/services/amazon-polly/"))
    expect(page.locator(".md-content article h1")).to_have_text(re.compile("^Amazon Polly"))


def test_a_result_shows_what_the_page_answers(page: Page, site: BuiltSite, catalog: Catalog) -> None:
    page.goto(site.origin)
    search(page, "Amazon Polly")
    snippet = page.locator(".md-search-result__item").first.inner_text()
    assert catalog.entry("amazon-polly").summary[:40] in " ".join(snippet.split())


@pytest.mark.content
@pytest.mark.parametrize(("path", "banner"), [
    ("frameworks/apache-mxnet/", r"Retired 2023-09-20 → use PyTorch"),
    ("services/amazon-lex-v1/", r"Retired 2025-09-15 → use Amazon Lex"),
    ("services/amazon-sagemaker-ai/", r"Renamed 2024-12-03; formerly Amazon SageMaker"),
    ("services/amazon-q-business/", r"Closed to new customers 2026-07-31 → use Amazon Quick"),
    ("services/amazon-machine-learning/", r"Closed to new customers by 2019-03-01 → use Amazon SageMaker AI"),
    ("services/aws-deeplens/", r"Retired 2024-01-31 \(reported by secondary sources\)"),
])
def test_what_happened_shows_before_any_section(page: Page, site: BuiltSite, path: str, banner: str) -> None:
    page.goto(site.origin + path)
    note = page.locator(".sg-banner:not(.sg-banner--part)")
    expect(note).to_contain_text(re.compile(banner))
    first_section = page.locator("article h2").first
    assert note.bounding_box()["y"] < first_section.bounding_box()["y"]  # type: ignore[index]
    assert note.bounding_box()["y"] < 400, "the banner is in the first screen"  # type: ignore[index]


def test_the_diagram_marks_status_on_every_chip(page: Page, site: BuiltSite, catalog: Catalog) -> None:
    page.goto(site.origin)
    active = page.locator("li.sg-chip-item--active", has_text="Amazon Polly")
    assert active.evaluate("(li) => getComputedStyle(li).borderTopStyle") == "solid"
    expect(page.locator("li.sg-chip-item--renamed", has_text="SageMaker AI")).to_contain_text("formerly")
    # What is closed or gone is one dashed link per layer, to that layer's list, not a chip each.
    expect(page.locator(".sg-diagram li", has_text="Apache MXNet")).to_have_count(0)
    gone = page.locator("li.sg-chip-item--gone").first
    assert gone.evaluate("(li) => getComputedStyle(li).borderTopStyle") == "dashed"
    counted = sum(int(text.split()[0]) for text in page.locator("li.sg-chip-item--gone").all_inner_texts())
    assert counted == sum(1 for e in catalog.entries if not (catalog.status(e).active or catalog.status(e).ends))
    # The onboarding and what-changed links come before the diagram.
    links = page.locator(".sg-home-links").bounding_box()
    assert links and links["y"] < page.locator(".sg-diagram").bounding_box()["y"]  # type: ignore[index]
    gone.locator("a").click()  # ... and the count opens the layer's list of them
    expect(page.locator("#closed")).to_be_visible()


def test_the_diagram_box_opens_its_page(page: Page, site: BuiltSite) -> None:
    page.goto(site.origin)
    page.locator(".sg-diagram a", has_text="Amazon Athena").first.click()
    expect(page.locator("article h1")).to_have_text(re.compile(r"^Amazon Athena"))
    assert page.url == f"{site.origin}services/amazon-athena/"



CROWD_DAY = dt.date(2026, 12, 6)


@pytest.fixture(scope="module")
def crowded_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[BuiltSite, Catalog]]:
    """The real pages over tiny data whose layer Alpha holds more than a diagram box shows, built on
    a day before the end of support its ending entry announces."""
    folder = tmp_path_factory.mktemp("crowded")
    project = copy_project(ROOT, folder / "project", data=False)
    write_tiny_data(project)
    crowd(project, "alpha", DIAGRAM_CHIP_MAX + 5)
    with served(folder / "site") as origin:
        result = mkdocs_build(project, site_dir=folder / "site", site_url=origin, day=CROWD_DAY)
        assert result.returncode == 0, result.stderr  # --strict: the link's #in-this-layer anchor exists
        yield BuiltSite(folder / "site", origin), load_catalog(project, today=CROWD_DAY)


@pytest.mark.parametrize("width", [1280, 360])
def test_a_crowded_box_links_to_its_layer_for_the_rest(browser: Browser, crowded_site: tuple[BuiltSite, Catalog],
                                                       width: int) -> None:
    site, catalog = crowded_site
    current = [e for e in catalog.entries_in("alpha") if catalog.status(e).active or catalog.status(e).ends]
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(site.origin)
    box = page.locator(".sg-diagram__layer", has=page.locator("a.sg-diagram__title", has_text="Alpha"))
    expect(box.locator("a.sg-chip:not(.sg-chip--more)")).to_have_count(DIAGRAM_CHIP_MAX)
    # The link says what it opens without the box around it, and looks unlike an entry's chip.
    more = page.get_by_role("link", name=f"+ {len(current) - DIAGRAM_CHIP_MAX} more in Alpha", exact=True)
    expect(more).to_be_visible()
    assert more.evaluate("(a) => getComputedStyle(a.closest('li')).borderTopStyle") == "dashed"
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"the home page is {widths[0]}px wide in a {widths[1]}px viewport"
    more.click()
    expect(page.locator("#in-this-layer")).to_be_visible()
    assert page.url == f"{site.origin}layers/alpha/#in-this-layer"
    listed = page.locator("article a[href]").evaluate_all("(links) => links.map((a) => a.textContent.trim())")
    assert {e.name for e in current} <= set(listed), "the layer's page lists every one of them"
    context.close()

def visible_rows(page: Page) -> list[str]:
    return page.locator(".sg-catalog tbody tr:not([hidden]) td:first-child").all_inner_texts()


def test_catalog_filters_sort_and_keep_their_state_in_the_address(page: Page, site: BuiltSite,
                                                                  catalog: Catalog) -> None:
    retired = sorted(entry.name for entry in catalog.entries if catalog.status(entry).state is State.RETIRED)
    page.goto(f"{site.origin}catalog/?status=retired")
    assert sorted(visible_rows(page)) == retired  # a shared link opens filtered
    page.locator("select[data-filter='status']").select_option("")
    page.locator(".sg-catalog input[type=search]").press_sequentially("speech")
    assert "Amazon Polly" in visible_rows(page) and len(visible_rows(page)) < len(catalog.entries)
    assert "q=speech" in page.url
    page.locator(".sg-catalog input[type=search]").fill("")
    page.locator(".sg-catalog input[type=search]").dispatch_event("input")
    page.locator(".sg-catalog th button", has_text="Status").click()
    states = page.locator(".sg-catalog tbody tr").evaluate_all(
        "(rows) => rows.map((r) => r.dataset.status.split(' ')[0])")
    order = [state.value for state in State]
    assert states == sorted(states, key=order.index), "lifecycle order: active first, retired last"
    assert "sort=state" in page.url
    page.locator(".sg-catalog th button", has_text="Layer").click()
    order = page.locator(".sg-catalog").get_attribute("data-layers").split("|")  # type: ignore[union-attr]
    assert order == [layer.id for layer in nav_layers(catalog)]
    layers = [order.index(layer) for layer in page.locator(".sg-catalog tbody tr").evaluate_all(
        "(rows) => rows.map((r) => r.dataset.layer)")]
    assert layers == sorted(layers) and layers[0] == 0, "stack order, as on the home diagram"
    lex_v1 = page.locator(".sg-catalog tbody tr", has_text="Amazon Lex V1")
    expect(lex_v1.locator("td").nth(4)).to_have_text("Amazon Lex")  # replaced by
    for status in ("closed", "ending"):  # lifecycle filters a shared link can name
        page.goto(f"{site.origin}catalog/?status={status}")
        expected = sorted(entry.name for entry in catalog.entries
                          if (catalog.status(entry).state.value == status if status == "closed"
                              else catalog.status(entry).ending_soon))
        assert sorted(visible_rows(page)) == expected


def test_catalog_is_a_complete_table_without_javascript(browser: Browser, site: BuiltSite, catalog: Catalog) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{site.origin}catalog/?status=retired")
    assert tab.locator(".sg-catalog tbody tr").count() == len(catalog.entries)
    assert tab.locator(".sg-catalog select").count() == 0
    assert not tab.locator(".sg-catalog__controls").is_visible(), "the filters' empty box stays hidden"
    context.close()


def test_the_catalog_script_fills_the_filters_box_the_page_has(page: Page, site: BuiltSite) -> None:
    """The box is in the page (inserting it would restyle the whole table); the script fills and shows it."""
    page.goto(f"{site.origin}catalog/")
    controls = page.locator(".sg-catalog > .sg-catalog__controls")
    expect(controls).to_be_visible()
    expect(controls).to_have_count(1)
    expect(controls.locator("select")).to_have_count(3)
    assert page.locator(".sg-catalog > :first-child").evaluate("(node) => node.matches('.sg-catalog__controls')")


def test_onboarding_steps_lead_on_and_remember_progress(page: Page, site: BuiltSite) -> None:
    page.goto(f"{site.origin}layers/frameworks-infrastructure/")
    expect(page.locator(".sg-step-line")).to_contain_text("step 1 of")
    page.locator(".sg-step-nav__next").click()
    expect(page.locator("article h1")).to_have_text(re.compile("Machine learning platforms"))
    # The new page's script runs after instant navigation has shown it: wait until it has counted it.
    page.wait_for_function("JSON.parse(localStorage.getItem('stackguide.onboarding.visited') || '[]').length == 2")
    page.goto(f"{site.origin}onboarding/")
    expect(page.locator(".sg-progress")).to_contain_text(re.compile(r"You have opened 2 of \d+ steps"))
    assert page.locator("a.sg-step--visited").count() == 2


def palette_state(page: Page) -> tuple[str | None, str | None, str | None]:
    """The body's scheme, the page's color-scheme meta tag and the choice stored for the next page."""
    body, meta, stored = page.evaluate("""() => [
        document.body.getAttribute("data-md-color-scheme"),
        document.querySelector("meta[name='color-scheme']")?.content ?? null,
        (__md_get("__palette") || {color: {}}).color.scheme ?? null]""")
    return body, meta, stored


def test_palette_toggle_switches_the_scheme_and_remembers_it(page: Page, site: BuiltSite) -> None:
    """stackguide/assets/palette.js stands in for Material's palette component: the toggle, its meta
    tags and the stored choice behave as Material's, on the next page and after a reload."""
    page.goto(site.origin)
    toggle = page.locator("form[data-sg-palette] label:visible")
    assert palette_state(page) == ("default", "light", "default")
    header = page.evaluate("""() => "#" + getComputedStyle(document.querySelector("[data-md-component=header]"))
        .backgroundColor.match(/\\d+/g).slice(0, 3).map((v) => (+v).toString(16).padStart(2, "0")).join("")""")
    # On a load the colour comes from the stylesheets' rules, not a style read; it is the header's.
    expect(page.locator("meta[name='theme-color']")).to_have_attribute("content", header)
    expect(toggle).to_have_count(1)
    toggle.click()
    assert palette_state(page) == ("slate", "dark", "slate")
    expect(page.locator("meta[name='theme-color']")).to_have_attribute("content", re.compile(r"^#[0-9a-f]{6}$"))
    page.locator(".sg-home-links a", has_text="catalog").click()
    page.wait_for_url(f"{site.origin}catalog/")
    assert palette_state(page) == ("slate", "dark", "slate")
    page.reload()
    assert palette_state(page) == ("slate", "dark", "slate")
    toggle.click()
    assert palette_state(page) == ("default", "light", "default")
    page.locator("#__palette_0").focus()  # Enter switches too, as with Material's own component
    page.keyboard.press("Enter")
    assert palette_state(page) == ("slate", "dark", "slate")
    expect(page.locator("#__palette_1")).to_be_focused()


@pytest.mark.parametrize(("scheme", "name", "then"), [("light", "Switch to dark mode", "dark"),
                                                       ("dark", "Switch to light mode", "light")])
def test_the_palette_toggle_is_reached_named_and_worked_by_keyboard(browser: Browser, site: BuiltSite,
                                                                    scheme: Literal["light", "dark"],
                                                                    name: str, then: str) -> None:
    """Tab lands on the current option, named for what it does; its label (the visible icon) shows
    the focus ring; Space switches as Enter does. In dark mode the ring had been on a hidden label."""
    context = browser.new_context(color_scheme=scheme)
    tab = context.new_page()
    tab.goto(f"{site.origin}glossary/")
    for _ in range(12):
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement.name === '__palette'"):
            break
    focused = tab.evaluate("""() => { const input = document.activeElement, label = input.nextElementSibling;
        return [input.getAttribute("aria-label"), input.checked, label.hidden,
                getComputedStyle(label).outlineStyle]; }""")
    assert focused == [name, True, False, "auto"]
    tab.keyboard.press("Space")
    assert palette_state(tab)[1] == then
    context.close()


def test_shift_tab_never_leaves_the_focus_under_the_sticky_header(page: Page, site: BuiltSite) -> None:
    page.goto(f"{site.origin}changes/")
    page.evaluate("() => [...document.querySelectorAll('.md-content a[href]')].at(-1).focus()")
    hidden = []
    for _ in range(60):
        page.keyboard.press("Shift+Tab")
        place = page.evaluate("""() => { const focused = document.activeElement;
            if (!focused.closest('.md-content')) return null;
            const box = focused.getBoundingClientRect();
            const header = document.querySelector('.md-header').getBoundingClientRect();
            return [focused.textContent.trim(), box.bottom, header.bottom]; }""")
        if place is not None and place[1] <= place[2] + 1:
            hidden.append(place[0])
    assert not hidden


def test_a_dark_system_gets_the_dark_palette_on_the_first_visit(browser: Browser, site: BuiltSite) -> None:
    context = browser.new_context(color_scheme="dark")
    tab = context.new_page()
    tab.goto(site.origin)
    assert palette_state(tab) == ("slate", "dark", "slate")
    expect(tab.locator("form[data-sg-palette] label:visible")).to_have_attribute("title", "Switch to light mode")
    context.close()


def test_without_materials_bundle_the_page_keeps_its_no_javascript_layout(browser: Browser, site: BuiltSite) -> None:
    """The head script marks <html> as scripted before Material's bundle runs; if the bundle does
    not load, Material's no-js class comes back, with the layout it gives."""
    context = browser.new_context()
    tab = context.new_page()
    tab.route(re.compile(r".*/assets/javascripts/bundle\.[^/]*\.js$"), lambda route: route.abort())
    tab.goto(f"{site.origin}services/amazon-polly/")
    assert tab.evaluate("document.documentElement.classList.contains('no-js')")
    assert not tab.evaluate("document.documentElement.classList.contains('js')")
    context.close()


def test_the_catalog_script_works_after_following_a_link(page: Page, site: BuiltSite) -> None:
    page.goto(site.origin)
    page.locator(".sg-home-links a", has_text="catalog").click()
    page.wait_for_url(f"{site.origin}catalog/")
    page.locator("select[data-filter='status']").wait_for()
    assert page.locator("select[data-filter='status']").count() == 1


def test_pages_print_cleanly(page: Page, site: BuiltSite, tmp_path: Path) -> None:
    page.goto(f"{site.origin}catalog/")
    page.locator("select[data-filter='status']").wait_for()
    page.emulate_media(media="print")
    assert page.locator(".sg-catalog table").is_visible()
    assert not page.locator(".sg-catalog__controls").is_visible(), "filters are screen-only"
    assert not page.locator(".md-header").is_visible(), "Material's print styles hide the header"
    pdf = tmp_path / "catalog.pdf"
    page.pdf(path=str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 20_000


# -- phones ------------------------------------------------------------------------------------------

@pytest.fixture
def phone(browser: Browser, site: BuiltSite) -> Iterator[Any]:
    """A tab on a 360 px touch phone; open(path) loads a page and checks it does not scroll sideways."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    tab = context.new_page()

    def open_page(path: str) -> None:
        tab.goto(site.origin + path)
        widths = tab.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert widths[0] <= widths[1], f"{path}: content {widths[0]}px in a {widths[1]}px viewport"

    tab.open = open_page  # type: ignore[attr-defined]  # the tests call phone.open(path)
    yield tab
    context.close()


@pytest.mark.parametrize("path", ["", "frameworks/apache-mxnet/", "changes/", "onboarding/", "layers/analytics/"])
def test_pages_fit_a_360px_phone(phone: Any, path: str) -> None:
    phone.open(path)


def test_the_banner_comes_first_on_a_phone(phone: Any) -> None:
    phone.open("services/amazon-lex-v1/")
    banner = phone.locator(".sg-banner").bounding_box()
    assert banner and banner["y"] < 500 and banner["y"] < phone.locator("article h2").first.bounding_box()["y"]


def test_today_comes_before_the_notes_on_a_phone_when_they_say_nothing(phone: Any) -> None:
    def order(path: str) -> tuple[float, float]:
        phone.open(path)
        then, now = (phone.locator(f".sg-then-now .{part}").bounding_box() for part in ("sg-then", "sg-now"))
        assert then and now
        return then["y"], now["y"]
    then, now = order("services/amazon-bedrock/")  # not in the notes: the answer first
    assert now < then
    then, now = order("services/amazon-polly/")  # in the notes: then, and now
    assert then < now


def test_catalog_rows_become_cards_on_a_phone_and_still_filter(phone: Any) -> None:
    phone.open("catalog/")
    row = phone.locator(".sg-catalog tbody tr").first
    summary = row.locator("td.sg-col-summary").bounding_box()
    name = row.locator("td.sg-col-name").bounding_box()
    assert summary and name and summary["y"] > name["y"] and summary["width"] > 250  # a full-width line below
    active = phone.locator(".sg-catalog tbody tr", has_text="Amazon Polly")
    assert active.is_visible()
    phone.locator("select[data-filter='status']").select_option("retired")
    assert not active.is_visible()  # the card layout must not override [hidden]


def test_every_catalog_card_is_in_the_accessibility_tree_on_a_phone(phone: Any, catalog: Catalog) -> None:
    """Cards off screen stay readable by assistive technology (with content-visibility: auto,
    Chromium had left 0 of 100 entry links in its tree until each was scrolled into view)."""
    phone.open("catalog/")
    cdp = phone.context.new_cdp_session(phone)
    nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    links = {node.get("name", {}).get("value") for node in nodes
             if node.get("role", {}).get("value") == "link" and not node.get("ignored")}
    assert {entry.name for entry in catalog.entries} <= links


@pytest.mark.parametrize("width", [640, 800, 880, 960, 1280])
def test_the_catalog_never_scrolls_sideways_it_becomes_cards(browser: Browser, site: BuiltSite, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    tab = context.new_page()
    tab.goto(f"{site.origin}catalog/")
    table = tab.locator(".sg-catalog table")
    assert table.evaluate("(table) => (table.closest('.md-typeset__scrollwrap') || table).scrollWidth "
                          "<= (table.closest('.md-typeset__scrollwrap') || table).clientWidth + 1")
    summary = tab.locator(".sg-catalog tbody tr td.sg-col-summary").first.bounding_box()
    assert summary and summary["x"] + summary["width"] <= width  # the summaries are in sight
    context.close()


def test_catalog_sort_buttons_are_named_by_their_column_alone(page: Page, site: BuiltSite) -> None:
    """The arrows are for the eye: aria-sort tells a screen reader the order."""
    page.goto(f"{site.origin}catalog/")
    cdp = page.context.new_cdp_session(page)
    names = [node.get("name", {}).get("value") for node in cdp.send("Accessibility.getFullAXTree")["nodes"]
             if node.get("role", {}).get("value") == "button" and not node.get("ignored")]
    assert {"Name", "Layer", "Kind", "Status"} <= set(names)
    assert not [name for name in names if name and any(arrow in name for arrow in "↕▲▼")]


def test_the_catalog_filter_shows_keyboard_focus(page: Page, site: BuiltSite) -> None:
    page.goto(f"{site.origin}catalog/")
    field = page.locator(".sg-catalog__controls input")
    field.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # reached with the keyboard: :focus-visible
    expect(field).to_be_focused()
    style = field.evaluate("(input) => { const s = getComputedStyle(input); return [s.outlineStyle, s.outlineWidth]; }")
    assert style[0] != "none" and style[1] != "0px"


def test_a_glossary_term_reached_by_keyboard_shows_its_expansion(page: Page, site: BuiltSite) -> None:
    page.goto(f"{site.origin}services/amazon-sagemaker-ai/")
    term = page.locator("article a.sg-term").first
    expansion = term.locator("abbr").get_attribute("title")
    shown = "(link) => getComputedStyle(link.querySelector('abbr'), '::after').content"
    assert term.evaluate(shown) in ("none", "normal", '""')  # nothing until the keyboard reaches it
    term.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    expect(term).to_be_focused()
    assert expansion and term.evaluate(shown) == f'"{expansion}"'
    assert term.get_attribute("aria-label") == f"{term.inner_text()} ({expansion})"


# How far each source's paragraph reaches below its text (the back-links left out), in px.
_BELOW_TEXT = """() => [...document.querySelectorAll('.footnote li > p')].map((p) => {
  const range = document.createRange();
  range.setStartBefore(p.firstChild);
  range.setEndBefore(p.querySelector('.footnote-backref') || p.lastChild);
  return p.getBoundingClientRect().bottom - range.getBoundingClientRect().bottom;
})"""


@pytest.mark.parametrize("width", [1280, 360])
def test_a_source_cited_several_times_leaves_no_empty_line(browser: Browser, site: BuiltSite, width: int) -> None:
    """Material's back-links, hidden until hovered, took a line of their own under a source cited often."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    for path in ("services/amazon-bedrock/", "services/amazon-emr/", "comparisons/vector-stores-on-aws/"):
        tab.goto(site.origin + path)
        assert tab.locator(".footnote-backref + .footnote-backref").count()  # cited several times
        gaps = tab.evaluate(_BELOW_TEXT)
        assert gaps and max(gaps) < 10, (path, gaps)  # a line is about 25 px
    tab.goto(site.origin + "services/amazon-bedrock/#fn:bedrock-ga")
    expect(tab.locator("#fn\\:bedrock-ga .footnote-backref").first).to_be_visible()  # the way back stays
    context.close()


# Where each line of each event's text starts, after its date (line boxes of the text, by their left edge).
_EVENT_TEXT_LEFTS = """() => [...document.querySelectorAll('ol.sg-lifecycle > li')].map((li) => {
  const range = document.createRange();
  range.setStartAfter(li.querySelector('.sg-lifecycle__when'));
  range.setEndAfter(li.lastChild);
  const top = li.getBoundingClientRect().top, height = parseFloat(getComputedStyle(li).lineHeight);
  const lines = new Map();  // line number -> where its text starts (rects of text runs, links, raised marks)
  for (const r of range.getClientRects()) {
    if (r.width <= 5) continue;  // the space after the date
    const line = Math.floor((r.bottom - top - 1) / height);
    lines.set(line, Math.min(lines.get(line) ?? Infinity, Math.round(r.left)));
  }
  return [...lines.values()];
})"""


@pytest.mark.parametrize("width", [1280, 360])
def test_a_lifecycle_reads_as_two_columns(browser: Browser, site: BuiltSite, width: int) -> None:
    """Dates in one column (a 'by' inside it), and every line of an event's text starting at one edge:
    'by' had pushed its row's text right, and a wrapped event went on under its date."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    wrapped = 0
    for path in ("services/amazon-quicksight/", "services/amazon-sagemaker-ai/", "services/amazon-kendra/"):
        tab.goto(site.origin + path)
        lefts = tab.evaluate(_EVENT_TEXT_LEFTS)
        starts = {left for lines in lefts for left in lines}
        assert lefts and max(starts) - min(starts) <= 6, (path, lefts)  # a space's width, at most
        wrapped += sum(len(lines) > 1 for lines in lefts)
    assert wrapped  # the check saw events that wrap
    context.close()


@pytest.mark.parametrize("width", [1280, 360])
def test_a_date_never_breaks_across_lines(browser: Browser, site: BuiltSite, width: int) -> None:
    """Browsers break '2026-07-30' after a hyphen; in the catalog's summaries, a layer's closing list and the
    sources, every date written in text stays on one line."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    for path in ("catalog/", "layers/ai-services/", "services/amazon-bedrock/", "changes/"):
        tab.goto(site.origin + path)
        lines = tab.evaluate("[...document.querySelectorAll('article .sg-date')].map((d) => d.getClientRects().length)")
        assert len(lines) >= 3 and set(lines) == {1}, (path, lines)
    context.close()


@pytest.mark.parametrize("path", ["", "layers/ai-services/", "comparisons/frameworks-then-and-now/"])
def test_status_words_are_at_least_12px(page: Page, site: BuiltSite, path: str) -> None:
    page.goto(site.origin + path)
    sizes = page.evaluate("[...document.querySelectorAll('.sg-badge, .sg-chip__state')]"
                          ".map((e) => parseFloat(getComputedStyle(e).fontSize))")
    assert sizes and min(sizes) >= 12


def test_change_tables_read_as_blocks_on_a_phone(phone: Any) -> None:
    phone.open("changes/")
    for table in (".sg-changes--then-now", ".sg-changes--new"):
        row = phone.locator(f"{table} tbody tr").first
        what = row.locator("td.sg-col-what").bounding_box()
        first = row.locator("td").first.bounding_box()
        assert what and first and what["y"] > first["y"] and what["width"] > 300  # a full-width line below
        assert row.evaluate("(row) => row.scrollWidth <= row.clientWidth")


def test_a_layers_facts_read_as_blocks_on_a_phone(phone: Any) -> None:
    """The "At a glance" table had scrolled sideways at 360 px, its values cut at the screen's edge."""
    for path in ("layers/frameworks-infrastructure/", "layers/analytics/"):
        phone.open(path)
        scroller = phone.locator(".sg-glance .md-typeset__scrollwrap, .sg-glance table").first
        assert scroller.evaluate("(box) => box.scrollWidth <= box.clientWidth"), path
        row = phone.locator(".sg-glance tbody tr").first
        entry, value = row.locator("td").nth(0).bounding_box(), row.locator("td").nth(3).bounding_box()
        assert entry and value and value["y"] > entry["y"]  # the value under the entry, not beside it


def test_breadcrumbs_wrap_instead_of_running_off_a_phone(phone: Any) -> None:
    phone.open("frameworks/caffe2/")
    crumbs = phone.locator(".md-path")
    assert crumbs.evaluate("(nav) => nav.scrollWidth <= nav.clientWidth")
    assert phone.locator(".md-path__item").last.is_visible()


def test_comparison_scrolls_sideways_under_a_pinned_first_column_on_a_phone(phone: Any) -> None:
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
