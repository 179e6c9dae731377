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
from conftest import COMPARISON, LAYER, mkdocs_build, write, write_tiny_data
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from test_markup import CONFIGS, EXTENSIONS

from stackguide import pages, render
from stackguide.errors import DataError
from stackguide.glossary import GlossaryLinks
from stackguide.load import load_catalog
from stackguide.markup import parse_markdown
from stackguide.mdtree import Block, Citation, Code, FactReference, Inline, Paragraph, Text
from stackguide.searchindex import read_records
from stackguide.tools.htmlscan import HtmlPage, parse_file, parse_html

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
    # Round two (issue 20): escapes and internals, invisible characters, the terminal.
    "reference-line-break": "One&#10;| a | b |&#10;```&#10;line",
    "reference-bidi": "a &#x202e; b &#x2066; c",
    "format-characters": "a\u2060b\u00adc\u061cd\u180ee\u206af\ufff9g",
    "tag-characters": "hidden\U000e0041\U000e007f",
    "placeholder": "\x02wzxhzdk:0\x03 and \x02klzzwxh:0000\x03",
    "sources-marker": "`[[stackguide-sources]]` beside [[stackguide-sources]]",
    "citation-in-link": "[see [^doc]](https://aws.amazon.com/)",
    "deep-list": "- a\n  - b\n    - c\n      - d\n        - e\n          - f",
    "theme-element-id": "__config",
    "terminal": "\x1b]0;pwned\x07\x1b[2J",
    "no-break-space": "a\u00a0b",
    "fact-reference": "[=no-such-fact] and [=one:Bad] [=two:none]",  # names no fact: refused in Markdown
}

# Where a payload can be planted: (file kind, path to the field, what kind of field it is).
FIELDS: dict[str, tuple[str, list[str | int], str]] = {
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
    "today": ("entry", ["today"], "markdown"),
    "event feature": ("entry", ["lifecycle", 0, "feature"], "plain"),
    "notes say": ("entry", ["notes_say"], "markdown"),
    "layer today": ("layer", ["today"], "markdown"),
    "glossary definition": ("glossary", ["terms", 0, "definition"], "markdown"),
    "story name": ("entry", ["stories", 0, "name"], "plain"),
    "comparison title": ("comparison", ["title"], "plain"),
    "column title": ("comparison", ["columns", 0, "title"], "plain"),
    "comparison intro": ("comparison", ["intro"], "markdown"),
    "comparison cell": ("comparison", ["rows", 0, "cells", "cost"], "markdown"),
    "link url": ("entry", ["links", 0, "url"], "url"),
    "source url": ("entry", ["sources", 0, "url"], "url"),
}
FILES = {"entry": "data/services/one.yaml", "layer": "data/layers/alpha.yaml", "glossary": "data/glossary.yaml",
         "onboarding": "data/onboarding.yaml", "comparison": "data/comparisons/pick.yaml",
         "vocabulary": "data/vocabulary.yaml"}
# Claims keep a citation after the payload.
CLAIMS = {"description", "capability", "today", "layer today", "comparison cell"}
STORY = {"name": "A customer", "summary": "What the notes said.",
         "claims": [{"text": "Said.", "verdict": "unverified"}]}
NOT_ON_PAGE = {"keyword", "question"}  # search fields: checked in catalog.json instead


def set_field(data: Any, field: str, payload: str) -> None:
    """Put `payload` at the field's place in a parsed file, creating a list where there is none."""
    path = FIELDS[field][1]
    if path[0] == "stories" and "stories" not in data:
        data["stories"] = [dict(STORY)]
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


def write_data(root: Path) -> None:
    """The tiny tree, with a comparison of the two services."""
    write_tiny_data(root)
    write(root, FILES["comparison"], COMPARISON.format(second="two", second_cell="High [^doc]"))


def outcome(root: Path, field: str, payload: str) -> tuple[str, list[str]]:
    write_data(root)
    rel = plant(root, field, payload)
    try:
        load_catalog(root)
    except DataError as err:
        return rel, [str(problem) for problem in err.problems]
    return rel, []


# Payloads that must always be refused, whatever the field: the rest may print literally.
ALWAYS_REFUSED = {"raw-html", "bidi", "huge", "empty", "format-characters", "tag-characters", "placeholder",
                  "sources-marker", "deep-list", "terminal", "no-break-space"}
REFUSED_AS_MARKDOWN = {"javascript-link", "data-link", "vbscript-link", "attribute-list", "external-image", "footnote",
                       "reference-line-break", "reference-bidi", "citation-in-link", "fact-reference"}
REFUSED_AS_PLAIN = {"theme-element-id"}  # any plain text may be a heading
DANGEROUS_URL = re.compile(r"^\s*(javascript|data|vbscript):", re.I)
PAGES = {"entry": "services/{}", "layer": "layers/{}", "comparison": "comparisons/{}", "glossary": "glossary",
         "onboarding": "onboarding"}


def must_be_refused(payload: str, field: str) -> bool:
    kind = FIELDS[field][2]
    return (payload in ALWAYS_REFUSED or kind == "url" or (kind == "markdown" and payload in REFUSED_AS_MARKDOWN)
            or (kind == "plain" and payload in REFUSED_AS_PLAIN))


def shown(field: str, payload: str) -> str:
    """What a reader sees of `payload` in `field`, whitespace collapsed."""
    if FIELDS[field][2] == "markdown":
        return " ".join(parse_markdown(payload, 10_000).plain().split())
    return " ".join(payload.split())


def rendered(root: Path, kind: str, ident: str) -> HtmlPage:
    """The page of `kind` named `ident`, rendered from root/data through the site's Markdown extensions."""
    catalog = load_catalog(root)
    if kind == "glossary":
        body = render.render_glossary(catalog)
    elif kind == "onboarding":
        body = render.render_onboarding(catalog)
    else:
        body = render.render_page(catalog, catalog.item(ident))
    terms = {term.term: term.expansion for term in catalog.glossary.terms}
    converted = markdown.markdown(body, extensions=[*EXTENSIONS, GlossaryLinks(terms=terms)],
                                  extension_configs=CONFIGS)
    return parse_html(f"<main>{converted}</main>")


def assert_inert(page: HtmlPage, where: str) -> None:
    """Nothing on the page runs, calls out, or is a tag data could have brought."""
    for tag, name, value in page.attributes:
        assert not name.lower().startswith("on"), f"{where}: <{tag} {name}=...>"
        if name in ("href", "src", "action", "formaction", "xlink:href"):
            assert not DANGEROUS_URL.match(value), f"{where}: {name}={value}"
    assert not [url for url in page.fetched if re.match(r"^(https?:)?//", url)], where
    assert not [tag for tag in ("script", "iframe", "object", "embed", "img", "style", "form") if page.counts[tag]], \
        where


@pytest.mark.parametrize("field", sorted(FIELDS))
@pytest.mark.parametrize("payload", sorted(PAYLOADS))
def test_each_payload_is_refused_with_its_line_or_shown_inert(tmp_path: Path, payload: str, field: str) -> None:
    """Every case ends in an assertion: a refusal names the file and line on one printable line; an
    accepted payload is rendered, and shows literally on a page where nothing runs."""
    rel, problems = outcome(tmp_path, field, PAYLOADS[payload])
    if must_be_refused(payload, field):
        assert problems, f"{payload} in {field} was accepted"
    if problems:
        for problem in problems:
            assert re.match(rf"^{re.escape(rel)}:[1-9]\d*: \S", problem), problem
            assert problem.isprintable(), problem  # one line, nothing that drives a terminal
        return
    kind = FIELDS[field][0]
    if kind == "vocabulary":  # not shown on a page: the words a page is searched by, kept as written
        words = [word for meaning in load_catalog(tmp_path).vocabulary.words for word in meaning.say]
        assert PAYLOADS[payload] in words, f"{payload} in {field} is not kept as written"
        return
    page = rendered(tmp_path, kind, {"entry": "one", "layer": "alpha", "comparison": "pick"}.get(kind, ""))
    assert_inert(page, f"{payload} in {field}")
    if field in NOT_ON_PAGE:
        exported = json.loads(pages.catalog_json(load_catalog(tmp_path), "/"))
        record = next(entry for entry in exported["entries"] if entry["id"] == "one")
        assert record[FIELDS[field][1][0]] == [PAYLOADS[payload]], f"{payload} in {field} is not exported as written"
    else:
        assert shown(field, PAYLOADS[payload]) in page.text, f"{payload} in {field} does not show as written"


def accepted(field: str) -> list[str]:
    """The payloads the loader lets into this field, each tried alone."""
    import tempfile
    names = []
    for name, payload in sorted(PAYLOADS.items()):
        with tempfile.TemporaryDirectory() as tmp:
            if not outcome(Path(tmp), field, payload)[1]:
                names.append(name)
    return names


Planted = list[tuple[str, str, str]]  # (field, payload name, the page it shows on)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, list[str]], Planted]:
    """One build with every accepted payload planted: each in its own copy of an entry, layer or
    comparison, and in terms of the glossary and days of the onboarding path."""
    from conftest import ROOT

    from stackguide.tools.devkit import copy_project

    project = copy_project(ROOT, tmp_path_factory.mktemp("hostile") / "project", data=False)
    write_data(project)
    planted: dict[str, list[str]] = {}
    where: Planted = []
    positions = iter(range(10, 99))
    singles = {kind: yaml.safe_load((project / FILES[kind]).read_text()) for kind in ("glossary", "onboarding")}
    for field, (kind, _, _) in FIELDS.items():
        if kind == "vocabulary":  # search words: checked in the search records instead
            continue
        for name in accepted(field):
            ident = re.sub(r"[^a-z0-9]+", "-", f"h-{name}-{field}")
            if kind in singles:
                data = _single_copy(singles[kind], kind, len(where))
                if kind == "onboarding":  # the day's step: a page of its own, as a page is one step of the path
                    step = _page_copy(project, "entry", f"h-step-{len(where)}", 0)
                    (project / FILES["entry"]).with_name(f"h-step-{len(where)}.yaml").write_text(
                        yaml.safe_dump(step, sort_keys=False, allow_unicode=True, width=10_000))
            else:
                data = _page_copy(project, kind, ident, next(positions) if kind == "layer" else 0)
            set_field(data, field, PAYLOADS[name])
            if field in ("layer name", "comparison title"):  # an entry is called by the payload as it is
                set_field(data, field, f"{PAYLOADS[name]} ({kind})")
            if kind not in singles:
                (project / FILES[kind]).with_name(f"{ident}.yaml").write_text(
                    yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000))
                planted.setdefault(name, []).append(ident)
            where.append((field, name, PAGES[kind].format(ident)))
    for kind, data in singles.items():
        (project / FILES[kind]).write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000))
    site = project / "site"
    result = mkdocs_build(project, site_dir=site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site, planted, where


def _page_copy(project: Path, kind: str, ident: str, position: int) -> Any:
    """A copy of the kind's page, with its own id and name (each page is called by a name of its own)."""
    if kind == "layer":
        return yaml.safe_load(LAYER.format(id=ident, name=f"H {ident}", position=position))
    data = yaml.safe_load((project / FILES[kind]).read_text())
    data["id"] = ident
    data["title" if kind == "comparison" else "name"] = f"H {ident}"
    return data


def _single_copy(data: Any, kind: str, number: int) -> Any:
    """A new glossary term or onboarding day, appended to the file's data; returned as a file of
    one item, so that set_field plants into it."""
    item: dict[str, Any]
    if kind == "glossary":
        item = {"term": f"Hostile {number}", "expansion": "Hostile", "definition": "Planted."}
        data["terms"].append(item)
        return {"terms": [item]}
    item = {"title": f"Hostile {number}", "goal": "Read.", "steps": [{"page": f"h-step-{number}", "why": "Planted."}]}
    data["days"].append(item)
    return {"days": [item]}


Site = tuple[Path, dict[str, list[str]], Planted]


def test_nothing_planted_runs_or_calls_out(hostile_site: Site) -> None:
    site, planted, _ = hostile_site
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


def test_every_accepted_payload_shows_as_written_on_its_built_page(hostile_site: Site) -> None:
    site, _, where = hostile_site
    kinds = {FIELDS[field][0] for field, _, _ in where}
    assert {"glossary", "onboarding", "comparison"} <= kinds, "glossary, onboarding and comparisons were not built"
    for field, name, page_path in where:
        if field in NOT_ON_PAGE:
            continue  # the search fields, checked in the catalog and search index below
        page = parse_file(site / page_path / "index.html")
        assert shown(field, PAYLOADS[name]) in page.text, (field, name, page_path)


def test_planted_text_shows_literally_everywhere(hostile_site: Site) -> None:
    site, planted, where = hostile_site
    catalog_json = json.loads((site / "catalog.json").read_text())
    records = read_records(site)
    llms = (site / "llms.txt").read_text()
    assert planted.get("template"), "template syntax should print as text, not be refused"
    for field, name, page_path in where:
        if name == "template" and field not in NOT_ON_PAGE:
            text = parse_file(site / page_path / "index.html").text
            assert "{{ 7*7 }}" in text and "{% raw %}x{% endraw %}" in text, page_path
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
            # The footer of the pages before and after it names it to screen readers, escaped once.
            labels = [html.unescape(label) for neighbour in site.rglob("*.html")
                      for label in re.findall(rf'href="[./]*(?:services/)?{ident}/" class="md-footer__link[^"]*" '
                                              r'aria-label="([^"]*)"', neighbour.read_text())]
            assert labels and all(label.split(": ", 1)[1] == payload for label in labels), (name, labels)
    summaries = {ident: name for name, idents in planted.items() for ident in idents if ident.endswith("summary")}
    for ident, name in summaries.items():
        page = parse_file(site / "services" / ident / "index.html")
        assert page.meta["description"] == PAYLOADS[name] == page.meta["og:description"]


# -- any printable name either is refused or is the page's title, exactly ------------------------------

NAMES = st.text(alphabet=st.characters(blacklist_categories=["Cs"], min_codepoint=32, max_codepoint=0x2FFF),
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


# -- any printable string in any Markdown field is refused, or the page keeps its other content -------

FRAGMENTS = ["&#10;", "&#13;", "&#x202e;", "&#9;", "&amp;", "&#124;", "&lt;b&gt;", "|", "\n", "\n\n", "- ", "1. ",
             "* ", "+ ", "```", "~~~", "    ", "[^doc]", "[^nope]", "`[[stackguide-sources]]`", "<div>", "</table>",
             "*", "_", "**", "__config", "[x](https://aws.amazon.com/)", "[x](one)", "[x](two)", "# ", "> ", "---",
             "===", "{: #x }", ":smile:", "--8<--", "\\", "`", "[", "]", "(", ")", "!", "ML", "S3", "wzxhzdk:1",
             "| a | b |\n|---|---|\n", "<!--", "-->", "*[ML]: x", "[^doc]: y", "    code", "\t", "  - ", "1)"]
PRINTABLE = st.characters(blacklist_categories=["Cs"], min_codepoint=32, max_codepoint=0x2FFF)
MARKDOWN_TEXT = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(PRINTABLE, min_size=1, max_size=6)),
                         min_size=1, max_size=12).map("".join)
MARKDOWN_FIELDS = sorted(field for field, (_, _, kind) in FIELDS.items() if kind == "markdown")
OTHER_PAGES = {"changes": render.render_changes, "catalog": render.render_catalog_table,
               "glossary": render.render_glossary}


def outline(root: Path, kind: str) -> dict[str, tuple[object, ...]]:
    """What must not change whatever a Markdown field says: each page's sections and table rows."""
    ident = {"entry": "one", "layer": "alpha", "comparison": "pick"}.get(kind, "")
    pages_ = {"own": rendered(root, kind, ident)}
    catalog = load_catalog(root)
    for name, component in OTHER_PAGES.items():
        converted = markdown.markdown(component(catalog), extensions=EXTENSIONS, extension_configs=CONFIGS)
        pages_[name] = parse_html(f"<main>{converted}</main>")
    return {name: (tuple((tag, text) for tag, _, text in page.headings), page.counts["tr"], page.counts["table"])
            for name, page in pages_.items()}


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(MARKDOWN_FIELDS), text=MARKDOWN_TEXT)
@example(field="capability", text="0` `0")  # found: a code span of spaces showed nothing
@example(field="capability", text="0`  a`0")  # and the spaces at a span's edge were dropped
def test_any_markdown_is_refused_or_leaves_the_rest_of_the_page_intact(tmp_path: Path, field: str, text: str) -> None:
    kind = FIELDS[field][0]
    write_data(tmp_path)
    plant(tmp_path, field, "Plain words.")  # the field set, so that pages that list it do so before and after
    before = outline(tmp_path, kind)
    write_data(tmp_path)
    plant(tmp_path, field, text)
    try:
        catalog = load_catalog(tmp_path)
    except DataError as err:
        assert all(problem.path == FILES[kind] and str(problem).isprintable() for problem in err.problems), err
        return
    assert outline(tmp_path, kind) == before, f"{text!r} in {field} changed the page's sections or tables"
    page = rendered(tmp_path, kind, {"entry": "one", "layer": "alpha", "comparison": "pick"}.get(kind, ""))
    assert_inert(page, f"{text!r} in {field}")
    value = parse_markdown(text, 10_000)
    for paragraph in _paragraphs(value.blocks):
        for run in _runs(paragraph.children):  # a citation's number sits between runs
            assert run in page.text, (field, text, run)
    assert catalog is not None


def _runs(children: tuple[Inline, ...]) -> list[str]:
    """The text of a paragraph in the pieces between citations, whitespace collapsed."""
    runs = [""]

    def walk(nodes: tuple[Inline, ...]) -> None:
        for node in nodes:
            if isinstance(node, (Citation, FactReference)):
                runs.append("")
            elif isinstance(node, (Text, Code)):
                runs[-1] += node.text
            else:
                walk(node.children)

    walk(children)
    return [collapsed for run in runs if (collapsed := " ".join(run.split()))]


def _paragraphs(blocks: tuple[Block, ...]) -> list[Paragraph]:
    found: list[Paragraph] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            found.append(block)
        else:
            for item in block.items:
                found.extend(_paragraphs(item))
    return found


# -- whole hostile files (bench/refusals.py times them at 990 KB; here, smaller, each must be refused) --

def _refusal_cases() -> dict[str, str]:
    import importlib.util

    from conftest import ROOT

    spec = importlib.util.spec_from_file_location("refusals", ROOT / "bench" / "refusals.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.cases(40_000)  # type: ignore[no-any-return]


@pytest.mark.parametrize(("name", "text"), sorted(_refusal_cases().items()))
def test_each_hostile_file_is_refused_with_lines(tmp_path: Path, name: str, text: str) -> None:
    write_data(tmp_path)
    (tmp_path / "data/services/zz-hostile.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_catalog(tmp_path)
    found = [str(problem) for problem in caught.value.problems]
    assert found and all(re.match(r"^data/services/zz-hostile\.yaml:[1-9]\d*: \S", line) for line in found), found
    assert all(line.isprintable() for line in found)
    assert len(found) <= 31  # at most 30 shown, and the count of the rest
