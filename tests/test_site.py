"""The real site, built once per session: exports, standard pages, links, and no third-party assets."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import feedparser
import icalendar
import jsonschema
from conftest import BuiltSite

from stackguide.catalog import Catalog
from stackguide.model import SCHEMA_VERSION
from stackguide.searchindex import read_records
from stackguide.tools.htmlscan import parse_file
from stackguide.tools.linkcheck import broken_links

EXTERNAL = re.compile(r"^(https?:)?//")


def test_every_page_of_the_catalog_is_built(site: BuiltSite, catalog: Catalog) -> None:
    for item in catalog.pages():
        assert (site.path / catalog.page_url(item) / "index.html").is_file(), item.id


def test_generated_pages_edit_their_yaml_and_describe_themselves(site: BuiltSite, catalog: Catalog) -> None:
    page = parse_file(site.path / "services/amazon-polly/index.html")
    edits = [link.href for link in page.links if "md-content__button" in link.classes]
    assert edits == ["https://github.com/your-org/aws-ml-stack-guide/edit/main/data/services/amazon-polly.yaml"]
    polly = catalog.entry("amazon-polly")
    assert page.meta["description"] == polly.summary == page.meta["og:description"]
    assert page.title == f"{polly.name} - AWS Machine Learning Stack Guide"
    # the glossary and the onboarding path show one data file each: their button opens it
    for path, data_file in (("glossary", "glossary.yaml"), ("onboarding", "onboarding.yaml")):
        links = [link.href for link in parse_file(site.path / path / "index.html").links
                 if "md-content__button" in link.classes]
        assert links == [f"https://github.com/your-org/aws-ml-stack-guide/edit/main/data/{data_file}"]


def test_catalog_json_lists_every_page_with_its_url(site: BuiltSite, catalog: Catalog) -> None:
    document = json.loads((site.path / "catalog.json").read_text())
    assert document["schema_version"] == SCHEMA_VERSION
    assert [e["id"] for e in document["entries"]] == [e.id for e in catalog.entries]
    assert [c["id"] for c in document["comparisons"]] == [c.id for c in catalog.comparisons]
    polly = next(e for e in document["entries"] if e["id"] == "amazon-polly")
    assert polly["url"] == site.origin + "services/amazon-polly/" and polly["sources"][0]["checked"]


def test_catalog_json_follows_its_published_schema_and_carries_the_lifecycle(site: BuiltSite,
                                                                           catalog: Catalog) -> None:
    document = json.loads((site.path / "catalog.json").read_text())
    schema = json.loads((site.path / "catalog.schema.json").read_text())
    assert document["$schema"] == schema["$id"] == site.origin + "catalog.schema.json"
    jsonschema.validate(document, schema)
    first = document["entries"][0]
    validator = jsonschema.Draft202012Validator(schema)
    for wrong in ({"status": {"state": "gone"}}, {"kind": "banana"}, {"url": "services/x/"}, {"reviewed": "garbage"},
                  {"status": {**first["status"], "since": "yesterday"}},
                  {"lifecycle": [{**first["lifecycle"][0], "date": "not a date"}]},
                  {"lifecycle": [{**first["lifecycle"][0], "date": 2015}]}):  # the export writes dates as text
        broken = dict(document, entries=[{**first, **wrong}])
        assert not validator.is_valid(broken), wrong  # the schema refuses what its descriptions forbid
    for record, entry in zip(document["entries"], catalog.entries, strict=True):
        assert record["status"]["state"] == catalog.status(entry).state.value
        assert [event["date"] for event in record["lifecycle"]] == [event.date for event in entry.lifecycle]


def test_the_lifecycle_feed_and_calendar_read_back_with_real_parsers(site: BuiltSite, catalog: Catalog) -> None:
    feed = feedparser.parse((site.path / "lifecycle.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    events = [(entry, event) for entry in catalog.entries for event in entry.lifecycle]
    assert len(feed.entries) == len(events)
    assert len({item.id for item in feed.entries}) == len(events)  # every id unique
    assert all(item.link.startswith(site.origin) for item in feed.entries)
    calendar = icalendar.Calendar.from_ical((site.path / "lifecycle.ics").read_bytes())
    dated = [event for _, event in events if len(event.date) == len("YYYY-MM-DD") and not event.by]
    found = calendar.walk("VEVENT")
    assert len(found) == len(dated)
    assert sorted(str(item.decoded("dtstart")) for item in found) == sorted(event.date for event in dated)
    changes = parse_file(site.path / "changes/index.html")
    assert {"../lifecycle.xml", "../lifecycle.ics"} <= {link.href for link in changes.links}
    # Feed readers find it from the page of what changed; only there (see test_weight.py).
    feed_link = '<link rel="alternate" type="application/atom+xml" title="Lifecycle changes" href="../lifecycle.xml">'
    assert feed_link in (site.path / "changes/index.html").read_text()
    assert 'type="application/atom+xml"' not in (site.path / "index.html").read_text()


def test_llms_txt_indexes_every_page(site: BuiltSite, catalog: Catalog) -> None:
    text = (site.path / "llms.txt").read_text()
    assert text.startswith("# AWS Machine Learning Stack Guide\n\n> ")
    for item in catalog.pages():
        assert f"]({site.origin}{catalog.page_url(item)})" in text, item.id


def test_search_index_answers_with_names_keywords_and_summaries(site: BuiltSite, catalog: Catalog) -> None:
    docs = {doc["location"]: doc for doc in read_records(site.path)}
    polly = docs["services/amazon-polly/"]
    assert {"text", "speech", "speak"} <= set(polly["keywords"].split()), "its keywords and its vocabulary's words"
    assert "_text_speech" in polly["phrases"].split(), "its phrases in order"
    first_text = re.sub(r"<[^>]+>", "", polly["text"])
    assert first_text.startswith(catalog.entry("amazon-polly").summary)  # the snippet is the summary
    assert not any(location.endswith("#sources") for location in docs), "sources are not search results"
    # The catalog is found by what it is, not by a hundred rows glued into one result's snippet (every
    # row's entry has its own page).
    catalog_text = " ".join(doc["text"] for location, doc in docs.items() if location.startswith("catalog/"))
    assert "Every entry in the guide" in catalog_text
    assert not any(entry.summary[:40] in catalog_text for entry in catalog.entries)


def test_sitemap_404_and_tags(site: BuiltSite) -> None:
    sitemap = (site.path / "sitemap.xml").read_text()
    assert f"<loc>{site.origin}services/amazon-polly/</loc>" in sitemap
    not_found = parse_file(site.path / "404.html")
    assert {"/catalog/", "/onboarding/", "/stable-links/"} <= {link.href for link in not_found.links}
    assert not_found.title == "Page not found - AWS Machine Learning Stack Guide"
    tags = (site.path / "tags/index.html").read_text()
    assert "speech" in tags and "services/amazon-polly/" in tags


def test_every_internal_link_and_anchor_resolves(site: BuiltSite) -> None:
    broken = broken_links(site.path)
    assert not broken, "\n".join(broken[:20])


def test_the_link_checker_can_fail(tmp_path: object) -> None:
    from pathlib import Path
    root = Path(str(tmp_path))
    (root / "a").mkdir()
    (root / "index.html").write_text('<a href="a/">ok</a> <a href="a/#here">ok</a> <a href="a/#gone">x</a> '
                                      '<a href="missing/">x</a> <a href="#top">x</a> <a href="mailto:x@y.z">ok</a>')
    (root / "a/index.html").write_text('<h2 id="here">Here</h2>')
    assert broken_links(root) == ["/index.html: a/#gone: no element with id 'gone'",
                                  "/index.html: missing/: no such page", "/index.html: #top: no element with id 'top'"]


class _MarkdownEscapes(HTMLParser):
    """Text and attribute values a reader meets (outside code and scripts) that still carry a Markdown
    escape: a backslash before ASCII punctuation, where Markdown was not processed."""

    ESCAPE = re.compile(r"\\[!-/:-@\[-`{-~]")
    RAW = frozenset({"script", "style", "code", "pre", "textarea"})

    def __init__(self) -> None:
        super().__init__()
        self.raw = 0
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.raw += tag in self.RAW
        self.found += [f"<{tag} {name}={value!r}>" for name, value in attrs
                       if value and name not in ("href", "src") and self.ESCAPE.search(value)]

    def handle_endtag(self, tag: str) -> None:
        self.raw -= tag in self.RAW and self.raw > 0

    def handle_data(self, data: str) -> None:
        if not self.raw and self.ESCAPE.search(data):
            self.found.append(data.strip()[:80])


def test_no_markdown_escape_shows_on_a_page(site: BuiltSite) -> None:
    found = {}
    for page in site.path.rglob("*.html"):
        parser = _MarkdownEscapes()
        parser.feed(page.read_text(encoding="utf-8"))
        if parser.found:
            found[str(page.relative_to(site.path))] = parser.found[:3]
    assert not found
    parser = _MarkdownEscapes()  # the check itself
    parser.feed('<p class="a\\-b">Ends 2027\\-09\\-30 <code>a\\-b</code></p>')
    assert parser.found == ["<p class='a\\\\-b'>", "Ends 2027\\-09\\-30"]


_SHOWN_REFERENCE = re.compile(r"&amp;(?:#\d+|#x[0-9a-f]+|[a-z]+\d*);", re.IGNORECASE)  # '&#39;' as text
_CODE = re.compile(r"<(code|pre|script)\b.*?</\1>", re.DOTALL)  # where the guide shows such text on purpose


def test_no_character_reference_shows_as_text(site: BuiltSite) -> None:
    """Text escaped twice shows its character references: 'AWS&#39;s' for "AWS's"."""
    found = {str(page.relative_to(site.path)): hits[:3] for page in site.path.rglob("*.html")
             if (hits := _SHOWN_REFERENCE.findall(_CODE.sub("", page.read_text(encoding="utf-8"))))}
    assert not found
    assert _SHOWN_REFERENCE.findall(_CODE.sub("", "<p>AWS&amp;#39;s</p><code>&amp;amp;</code>")) == ["&amp;#39;"]


_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
_GLUED_ITEM = re.compile(r"\n\s*\d{1,2}\. \S")  # a numbered line inside a paragraph: a list item Markdown did not see


def test_no_list_item_is_swallowed_by_a_paragraph(site: BuiltSite) -> None:
    """A numbered step written right after an indented paragraph, with no blank line, joins it."""
    found = {str(page.relative_to(site.path)): hits[:2] for page in site.path.rglob("*.html")
             if (hits := [text[:80] for text in _PARAGRAPH.findall(page.read_text(encoding="utf-8"))
                          if _GLUED_ITEM.search(re.sub(r"<[^>]+>", "", text))])}
    assert not found
    assert _GLUED_ITEM.search("in every field.\n3. Replace every TODO.")  # the check itself


_REFS_IN_A_ROW = re.compile(r'</a></sup>\s*<sup id="fnref')  # one footnote reference right after another


_REF = r'<sup id="fnref\d*:[^"]+"><a class="footnote-ref" href="#fn:[^"]+">(\d+)</a></sup>'
_REF_NUMBER = re.compile(_REF)
_REF_RUN = re.compile(f"{_REF}(?:<sup>,</sup>{_REF})+")


def test_sources_are_numbered_in_reading_order(site: BuiltSite) -> None:
    """Reading down a page, each new source takes the next number, and references in a row go up: the
    banner's source at the top of a page had been number 3, and a claim's sources had read 9,5."""
    out_of_order = {}
    for page in site.path.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        firsts = list(dict.fromkeys(int(number) for number in _REF_NUMBER.findall(html)))
        runs = [[int(number) for number in _REF_NUMBER.findall(run.group())] for run in _REF_RUN.finditer(html)]
        if firsts != list(range(1, len(firsts) + 1)) or any(run != sorted(run) for run in runs):
            out_of_order[str(page.relative_to(site.path))] = (firsts[:8], [run for run in runs if run != sorted(run)])
    assert not out_of_order


def test_footnote_references_in_a_row_are_kept_apart(site: BuiltSite) -> None:
    """Two references side by side read as one number (5 and 6 as 56), in prose and in the timeline."""
    run_together = [str(page.relative_to(site.path)) for page in site.path.rglob("*.html")
                    if _REFS_IN_A_ROW.search(page.read_text(encoding="utf-8"))]
    assert not run_together
    assert _REFS_IN_A_ROW.search('<sup id="fnref:a"><a href="#fn:a">5</a></sup><sup id="fnref:b">')  # the check itself


def test_every_promised_anchor_is_on_every_page_of_its_kind(site: BuiltSite, catalog: Catalog) -> None:
    """stable-links promises #lifecycle on any entry page; the ids the first published pages gave
    their parts (what-is-true-now, in-this-section, ...) still land where they did."""
    wanted: dict[str, set[str]] = {entry.id: {"lifecycle", "what-is-true-now", "what-the-notes-said"}
                                   for entry in catalog.entries}
    for layer in catalog.layers:
        wanted[layer.id] = {"what-the-notes-said", "what-changed-since", layer.list_anchor,
                            *filter(None, [layer.first_list_anchor])}
    missing = {}
    for item_id, ids in wanted.items():
        page = parse_file(site.path / catalog.page_url(catalog.item(item_id)) / "index.html")
        if ids - page.ids:
            missing[item_id] = sorted(ids - page.ids)
        if not any(link.href.endswith("/#the-2017-notes") for link in page.links):  # the label says what they are
            missing.setdefault(item_id, []).append("a link to #the-2017-notes")
    assert not missing
    assert "the-2017-notes" in parse_file(site.path / "index.html").ids
    undated = [entry for entry in catalog.entries if not entry.lifecycle]
    assert undated, "no entry without events: the sentence that stands in for the list goes untested"
    page = parse_file(site.path / catalog.page_url(undated[0]) / "index.html")
    assert f"The guide records no dated events for {undated[0].name} yet." in page.text


def test_no_third_party_assets(site: BuiltSite) -> None:
    for page in site.path.rglob("*.html"):
        assert not [url for url in parse_file(page).fetched if EXTERNAL.match(url)], page
    for sheet in site.path.rglob("*.css"):
        assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", sheet.read_text(encoding="utf-8")), sheet
