"""Hostile data: every payload, in every kind of field, is either refused with its file and line, or
builds a site where it is inert text in every output (pages, meta tags, search index, catalog.json,
llms.txt). Data is never a template, never HTML, and its Markdown is a small, safe subset."""

from __future__ import annotations

import html
import itertools
import json
import re
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from conftest import LAYER, mkdocs_build, write, write_tiny_data
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_markup import CONFIGS, EXTENSIONS

from stackguide import render
from stackguide.errors import DataError
from stackguide.glossary import GlossaryLinks
from stackguide.htmlscan import parse_file, parse_html
from stackguide.load import load_catalog
from stackguide.searchindex import read_records

PAYLOADS = {
    "template": "{{ 7*7 }} {% raw %}x{% endraw %} {{ config.site_name }}",
    "template-call": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "javascript-link": "see [x](javascript:alert(1))",
    "data-link": "see [x](data:text/html,<b>x</b>)",
    "vbscript-link": "see [x](vbscript:msgbox(1))",
    "attribute-list": "Text {: onclick=alert(1) }",
    "raw-html": "<img src=x onerror=alert(1)>",
    "breakout": "X](javascript:alert(1)) [y",
    "external-image": "![t](https://tracker.example.net/p.png)",
    "quotes": "Say \"hi\" onload='alert(1)' & ok",
    "bidi": "abc\u202eevil",
    "snippet": "--8<-- \"mkdocs.yml\"",
    "abbreviation": "*[Alpha]: pwned",
    "footnote": "[^x]: injected",
    "entities": "&lt;script&gt;alert(1)&lt;/script&gt;",
    "emoji-and-tilde": ":smile: ~~struck~~ ==marked== ^^up^^",
    "huge": "x" * 5000,
    "empty": "   ",
}

# Where a payload can be planted: (file kind, path to the field, what kind of field it is).
FIELDS = {
    "entry name": ("entry", ["name"], "plain"),
    "entry summary": ("entry", ["summary"], "plain"),
    "keyword": ("entry", ["keywords", 0], "plain"),
    "question": ("entry", ["questions", 0], "plain"),
    "link title": ("entry", ["links", 0, "title"], "plain"),
    "source title": ("entry", ["sources", 0, "title"], "plain"),
    "layer name": ("layer", ["name"], "plain"),
    "glossary expansion": ("glossary", ["terms", 0, "expansion"], "plain"),
    "onboarding why": ("onboarding", ["days", 0, "steps", 0, "why"], "plain"),
    "vocabulary word": ("vocabulary", ["words", 0, "say", 0], "plain"),
    "description": ("entry", ["description"], "markdown"),
    "capability": ("entry", ["capabilities", 0], "markdown"),
    "status note": ("entry", ["status", "note"], "markdown"),
    "notes say": ("entry", ["notes_say"], "markdown"),
    "layer today": ("layer", ["today"], "markdown"),
    "glossary definition": ("glossary", ["terms", 0, "definition"], "markdown"),
    "link url": ("entry", ["links", 0, "url"], "url"),
    "source url": ("entry", ["sources", 0, "url"], "url"),
}
FILES = {"entry": "data/services/one.yaml", "layer": "data/layers/alpha.yaml", "glossary": "data/glossary.yaml",
         "onboarding": "data/onboarding.yaml", "vocabulary": "data/vocabulary.yaml"}
CLAIMS = {"description", "capability", "status note", "layer today"}  # claims keep a citation after the payload


def set_field(data: Any, field: str, payload: str) -> None:
    """Put `payload` at the field's place in a parsed file, creating a list where there is none."""
    path = FIELDS[field][1]
    target = data
    for part, following in itertools.pairwise(path):
        if isinstance(target, dict) and part not in target:
            target[part] = [None] if isinstance(following, int) else {}
        target = target[part]
    target[path[-1]] = f"{payload} [^doc]" if field in CLAIMS else payload


def plant(root: Path, field: str, payload: str) -> str:
    """Write `payload` into one field of the tiny tree; return the file it went to."""
    rel = FILES[FIELDS[field][0]]
    data: Any = yaml.safe_load((root / rel).read_text())
    set_field(data, field, payload)
    (root / rel).write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000))
    return rel


def outcome(root: Path, field: str, payload: str) -> tuple[str, list[str]]:
    write_tiny_data(root)
    rel = plant(root, field, payload)
    try:
        load_catalog(root)
    except DataError as err:
        return rel, [str(problem) for problem in err.problems]
    return rel, []


# Payloads that must always be refused, whatever the field: the rest may print literally.
ALWAYS_REFUSED = {"raw-html", "bidi", "huge", "empty"}


@pytest.mark.parametrize("field", sorted(FIELDS))
@pytest.mark.parametrize("payload", sorted(PAYLOADS))
def test_each_payload_is_refused_with_its_line_or_accepted(tmp_path: Path, payload: str, field: str) -> None:
    rel, problems = outcome(tmp_path, field, PAYLOADS[payload])
    kind = FIELDS[field][2]
    if payload in ALWAYS_REFUSED or (kind == "url") or (kind == "markdown" and payload in {
            "javascript-link", "data-link", "vbscript-link", "attribute-list", "external-image", "footnote"}):
        assert problems, f"{payload} in {field} was accepted"
    for problem in problems:
        assert re.match(rf"^{re.escape(rel)}:[1-9]\d*: \S", problem), problem
        assert "\n" not in problem


def accepted(field: str) -> list[str]:
    """The payloads the loader lets into this field, each tried alone."""
    import tempfile
    names = []
    for name, payload in sorted(PAYLOADS.items()):
        with tempfile.TemporaryDirectory() as tmp:
            if not outcome(Path(tmp), field, payload)[1]:
                names.append(name)
    return names


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, list[str]]]:
    """One build with every accepted payload planted, each in its own copy of an entry or layer."""
    from conftest import ROOT

    from stackguide.devkit import copy_project

    project = copy_project(ROOT, tmp_path_factory.mktemp("hostile") / "project", data=False)
    write_tiny_data(project)
    planted: dict[str, list[str]] = {}
    positions = iter(range(10, 99))
    for field, (kind, _, _) in FIELDS.items():
        if kind in ("glossary", "onboarding", "vocabulary"):
            continue
        for name in accepted(field):
            ident = re.sub(r"[^a-z0-9]+", "-", f"h-{name}-{field}")
            if kind == "entry":
                source = (project / "data/services/one.yaml").read_text().replace("id: one", f"id: {ident}")
                write(project, f"data/services/{ident}.yaml", source)
                data = yaml.safe_load(source)
            else:
                source = LAYER.format(id=ident, name="H", position=next(positions))
                write(project, f"data/layers/{ident}.yaml", source)
                data = yaml.safe_load(source)
            set_field(data, field, PAYLOADS[name])
            folder = "services" if kind == "entry" else "layers"
            (project / f"data/{folder}/{ident}.yaml").write_text(yaml.safe_dump(data, sort_keys=False,
                                                                               allow_unicode=True, width=10_000))
            planted.setdefault(name, []).append(ident)
    site = project / "site"
    result = mkdocs_build(project, site_dir=site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site, planted


DANGEROUS_URL = re.compile(r"^\s*(javascript|data|vbscript):", re.I)


def test_nothing_planted_runs_or_calls_out(hostile_site: tuple[Path, dict[str, list[str]]]) -> None:
    site, planted = hostile_site
    assert len(planted) >= 8, f"too few payloads got through to the build: {sorted(planted)}"
    for page_path in site.rglob("*.html"):
        page = parse_file(page_path)
        for tag, name, value in page.attributes:
            assert not name.lower().startswith("on"), f"{page_path}: <{tag} {name}=...>"
            if name in ("href", "src", "action", "formaction", "xlink:href"):
                assert not DANGEROUS_URL.match(value), f"{page_path}: {name}={value}"
        assert not [url for url in page.fetched if re.match(r"^(https?:)?//", url)], page_path
        assert not [value for tag, name, value in page.attributes
                    if name in ("href", "src", "srcset", "poster") and "tracker.example.net" in value], page_path


def test_planted_text_shows_literally_everywhere(hostile_site: tuple[Path, dict[str, list[str]]]) -> None:
    site, planted = hostile_site
    catalog_json = json.loads((site / "catalog.json").read_text())
    records = read_records(site)
    llms = (site / "llms.txt").read_text()
    assert planted.get("template"), "template syntax should print as text, not be refused"
    for ident in planted["template"]:
        folder = "layers" if "layer" in ident else "services"
        text = parse_file(site / folder / ident / "index.html").text
        assert "{{ 7*7 }}" in text and "{% raw %}x{% endraw %}" in text, ident
    for name in ("template", "template-call", "breakout", "quotes", "snippet", "abbreviation", "entities"):
        payload = PAYLOADS[name]
        for ident in planted.get(name, []):
            if not ident.endswith("entry-name"):
                continue
            page = parse_file(site / "services" / ident / "index.html")
            assert page.headings[0][2].removesuffix("¶").strip() == payload, (name, page.headings[0])
            assert page.title == f"{payload} - AWS Machine Learning Stack Guide"
            assert page.meta["og:title"] == payload
            entry = next(e for e in catalog_json["entries"] if e["id"] == ident)
            assert entry["name"] == payload
            titles = [html.unescape(re.sub(r"<[^>]+>", "", doc["title"])) for doc in records
                      if doc["location"] == f"services/{ident}/"]
            assert titles == [payload]
            assert f"/services/{ident}/)" in llms
    summaries = {ident: name for name, idents in planted.items() for ident in idents if ident.endswith("summary")}
    for ident, name in summaries.items():
        page = parse_file(site / "services" / ident / "index.html")
        assert page.meta["description"] == PAYLOADS[name] == page.meta["og:description"]


# -- any printable name either is refused or is the page's title, exactly ------------------------------

NAMES = st.text(alphabet=st.characters(blacklist_categories=("Cs",), min_codepoint=32, max_codepoint=0x2FFF),
                min_size=1, max_size=40)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=NAMES)
def test_any_name_is_refused_or_round_trips_to_the_title(tmp_path: Path, name: str) -> None:
    write_tiny_data(tmp_path)
    plant(tmp_path, "entry name", name)
    try:
        catalog = load_catalog(tmp_path)
    except DataError as err:
        assert all(problem.path == FILES["entry"] for problem in err.problems)
        return
    body = render.render_page(catalog, catalog.entry("one"))
    converted = markdown.markdown(body, extensions=[*EXTENSIONS, GlossaryLinks(terms={"ML": "machine learning"})],
                                  extension_configs=CONFIGS)
    heading = parse_html(f"<main>{converted}</main>").headings[0]
    assert heading[2].removesuffix("¶").strip() == name
