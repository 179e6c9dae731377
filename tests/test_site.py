"""The built site as a whole: exports, standard pages, and no third-party assets."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from conftest import ROOT

from stackguide.catalog import page_url
from stackguide.load import load_catalog
from stackguide.model import SCHEMA_VERSION

SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml's default, used by the session build


def test_catalog_json_lists_every_entry_with_its_url(built_site: Path) -> None:
    catalog = load_catalog(ROOT)
    document = json.loads((built_site / "catalog.json").read_text())
    assert document["schema_version"] == SCHEMA_VERSION
    assert [e["id"] for e in document["entries"]] == [e.id for e in catalog.entries]
    assert [layer["id"] for layer in document["layers"]] == [layer.id for layer in catalog.layers]
    polly = next(e for e in document["entries"] if e["id"] == "amazon-polly")
    assert polly["url"] == SITE_URL + "services/amazon-polly/"
    assert polly["status"]["state"] == "active" and polly["sources"]


def test_llms_txt_indexes_every_page(built_site: Path) -> None:
    catalog = load_catalog(ROOT)
    text = (built_site / "llms.txt").read_text()
    assert text.startswith("# AWS Machine Learning Stack Guide\n\n> ")
    for item in (*catalog.layers, *catalog.entries):
        assert f"]({SITE_URL}{page_url(item)})" in text, item.id


def test_sitemap_404_and_tags(built_site: Path) -> None:
    sitemap = (built_site / "sitemap.xml").read_text()
    assert f"<loc>{SITE_URL}services/amazon-polly/</loc>" in sitemap
    not_found = (built_site / "404.html").read_text()
    for target in ("/catalog/", "/onboarding/", "/stable-links/"):
        assert f'href="{target}"' in not_found, f"the 404 page should link to {target}"
    tags = (built_site / "tags" / "index.html").read_text()
    assert "speech" in tags and "services/amazon-polly/" in tags


class _Assets(HTMLParser):
    """Collects every URL the browser would fetch on its own: scripts, styles, images, icons."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ("script", "img", "iframe", "source", "audio", "video") and values.get("src"):
            self.urls.append(values["src"] or "")
        if tag == "link" and values.get("href") and (values.get("rel") or "") not in ("canonical", "prev", "next"):
            self.urls.append(values["href"] or "")


def test_no_third_party_assets(built_site: Path) -> None:
    external = re.compile(r"^(https?:)?//")
    for page in built_site.rglob("*.html"):
        parser = _Assets()
        parser.feed(page.read_text(encoding="utf-8"))
        assert not [url for url in parser.urls if external.match(url)], page
    for sheet in built_site.rglob("*.css"):
        css = sheet.read_text(encoding="utf-8")
        assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", css), sheet
