"""A page renamed or merged away keeps its old address: its former_ids each get a page there that
leads on to it, in the plugin's build and in the export alike."""

from __future__ import annotations

import base64
import hashlib
import json
import subprocess
from pathlib import Path

import pytest
from conftest import ENTRY, ROOT, mkdocs_build, their_project, write
from playwright.sync_api import Browser

from stackguide.load import load_catalog
from stackguide.moved import moved_pages
from stackguide.tools.devkit import served
from stackguide.tools.export import export_site

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

MOVED_UNO = """\
<!doctype html><html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src &#39;self&#39;; img-src &#39;self&#39; data:; \
object-src &#39;none&#39;; base-uri &#39;self&#39;; form-action &#39;self&#39;; script-src &#39;self&#39; \
&#39;sha256-{SCRIPT_HASH}&#39;">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
<title>One &#34;Q&#34; &amp; co has moved - &#34;Their&#34; &lt;guide&gt;</title>
<link rel="canonical" href="https://example.org/guide/services/one/">
<script>location.replace("../one/" + location.hash)</script>
<meta http-equiv="refresh" content="0; url=../one/">
</head>
<body>
<p>This page has moved: <a href="../one/">One &#34;Q&#34; &amp; co</a>.</p>
</body>
</html>""".replace("{SCRIPT_HASH}", base64.b64encode(hashlib.sha256(
    b'location.replace("../one/" + location.hash)').digest()).decode())  # the one script it may run


def with_former_ids(root: Path) -> None:
    """The tiny data's service 'one' was published as 'uno' and 'first', its layer 'alpha' as 'base'."""
    write(root, "data/services/one.yaml", ENTRY.format(id="one", name="One", layer="alpha")
          + "former_ids: [uno, first]\n")
    layer = root / "data/layers/alpha.yaml"
    layer.write_text(layer.read_text() + "former_ids: [base]\n")


def test_each_old_address_gets_a_page_that_leads_to_the_page_now(data_root: Path) -> None:
    assert moved_pages(load_catalog(data_root), "x", "/") == {}  # nothing moved yet
    with_former_ids(data_root)
    one = data_root / "data/services/one.yaml"
    one.write_text(one.read_text().replace("name: One", "name: 'One \"Q\" & co'"))
    found = moved_pages(load_catalog(data_root), '"Their" <guide>', "https://example.org/guide/")
    assert sorted(found) == ["layers/base/index.html", "services/first/index.html", "services/uno/index.html"]
    assert found["services/uno/index.html"] == MOVED_UNO  # names escaped for HTML, the target as JSON in the script
    assert found["services/first/index.html"] == MOVED_UNO
    assert '<a href="../alpha/">Alpha</a>' in found["layers/base/index.html"]


@pytest.mark.browser
def test_an_old_address_opens_the_page_at_the_same_anchor(tmp_path: Path, browser: Browser) -> None:
    """In Chromium, with scripts (the link's #anchor kept) and without (the meta refresh); the page
    is valid HTML to the Nu Html Checker; the plugin's file is the one the export writes."""
    project = their_project(tmp_path / "their-guide")
    with_former_ids(project)
    site = tmp_path / "site"
    with served(site) as origin:
        result = mkdocs_build(project, site_dir=site, site_url=origin)
        assert result.returncode == 0, result.stdout + result.stderr
        for scripts, asked, landed in ((True, "services/uno/#sources", "services/one/#sources"),
                                       (True, "layers/base/", "layers/alpha/"),
                                       (False, "services/first/#sources", "services/one/")):
            context = browser.new_context(java_script_enabled=scripts)
            page = context.new_page()
            page.goto(origin + asked)
            page.wait_for_url(origin + landed)
            assert page.locator("h1").first.inner_text() in ("One", "Alpha")
            context.close()
    assert "services/uno/" not in (site / "sitemap.xml").read_text()  # not a page of its own
    index = json.loads((site / "search/search_index.json").read_text())
    assert not [doc for doc in index["docs"] if doc["location"].startswith(("services/uno", "services/first"))]
    checked = subprocess.run(["java", "-jar", str(VNU), "--format", "json", "--errors-only",
                              str(site / "services/uno/index.html")], capture_output=True, text=True, timeout=120)
    assert json.loads(checked.stderr)["messages"] == []
    export_site(project, tmp_path / "export")
    assert ((tmp_path / "export/docs/services/uno/index.html").read_text()
            == (site / "services/uno/index.html").read_text())
