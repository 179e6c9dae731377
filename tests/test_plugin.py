"""The plugin in process: MkDocs' own load_config on a tiny project, then the plugin's events one at a
time, each test one behaviour of one option or event (the middle of the test pyramid)."""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import shutil
from pathlib import Path
from typing import Any, cast

import pytest
from conftest import ENTRY, write
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, get_files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from stackguide import csp, render
from stackguide.glossary import GlossaryLinks
from stackguide.plugin import ASSET_URL, StackGuidePlugin


def configure(project: Path, options: dict[str, Any] | None = None, **settings: Any) -> MkDocsConfig:
    """mkdocs.yml of the tiny project, with the plugin's options replaced by `options`."""
    config = load_config(str(project / "mkdocs.yml"), **settings)
    plugin = config.plugins["stackguide"]
    if options is not None:
        errors, warnings = plugin.load_config(options, str(project / "mkdocs.yml"))
        assert not errors and not warnings
    return config


def plugin_of(config: MkDocsConfig) -> StackGuidePlugin:
    plugin = config.plugins["stackguide"]
    assert isinstance(plugin, StackGuidePlugin)
    return plugin


def run_config(config: MkDocsConfig) -> StackGuidePlugin:
    plugin = plugin_of(config)
    plugin.on_startup(command="build", dirty=False)
    plugin.on_config(config)
    return plugin


def files_of(plugin: StackGuidePlugin, config: MkDocsConfig) -> Files:
    """on_files as MkDocs runs it, on docs_dir's files: File.generated records which plugin made a file."""
    config.plugins._current_plugin = "stackguide"  # what PluginCollection.run_event sets
    try:
        return plugin.on_files(get_files(config), config=config)
    finally:
        config.plugins._current_plugin = None


def page_file(files: Files) -> File:
    file = files.get_file_from_path("services/one.md")
    assert file is not None
    return file


def test_on_config_loads_the_catalog_and_expands_the_nav(tiny_project: Path) -> None:
    config = configure(tiny_project)
    plugin = run_config(config)
    assert plugin.catalog is not None and [e.id for e in plugin.catalog.entries] == ["one", "two"]
    flat = repr(config.nav)
    assert "generated:" not in flat and "services/one.md" in flat and "layers/alpha/index.md" in flat


def test_disabled_the_plugin_adds_nothing(tiny_project: Path) -> None:
    config = configure(tiny_project, {"enabled": False})
    plugin = run_config(config)
    assert plugin.catalog is None and "generated:" not in repr(config.nav)
    docs = {file.src_uri for file in get_files(config)}
    assert {file.src_uri for file in files_of(plugin, config)} == docs  # none added
    assert not any(ASSET_URL in str(path) for path in config.extra_css)


def test_a_mistyped_nav_marker_is_a_plugin_error(tiny_project: Path) -> None:
    mkdocs_yml = tiny_project / "mkdocs.yml"
    mkdocs_yml.write_text(mkdocs_yml.read_text().replace("generated:stack", "generated:stak", 1))
    with pytest.raises(PluginError, match=r"names no part of the catalog; use one of: generated:stack"):
        run_config(configure(tiny_project))


def test_a_data_mistake_is_a_plugin_error_with_its_file_and_line(tiny_project: Path) -> None:
    one = tiny_project / "data/services/one.yaml"
    one.write_text(one.read_text().replace("layer: alpha", "layer: alfa"))
    with pytest.raises(PluginError, match=r"data/services/one.yaml:3: layer 'alfa' is not one of: alpha, beta"):
        run_config(configure(tiny_project))


def test_source_date_epoch_sets_the_catalogs_day_and_a_bad_one_is_a_plugin_error(
        tiny_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1830297600")  # 2028-01-01 00:00 UTC
    plugin = run_config(configure(tiny_project))
    assert plugin.catalog is not None and plugin.catalog.today == dt.date(2028, 1, 1)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "next week")
    with pytest.raises(PluginError, match=r"^stackguide: SOURCE_DATE_EPOCH is 'next week': it must be a whole number"):
        run_config(configure(tiny_project))


def test_data_dir_reads_another_folder(tiny_project: Path) -> None:
    (tiny_project / "data").rename(tiny_project / "guide-data")
    plugin = run_config(configure(tiny_project, {"data_dir": "guide-data"}))
    assert plugin.catalog is not None and plugin.catalog.data_path(plugin.catalog.entry("one")) == \
        "guide-data/services/one.yaml"


def test_a_missing_templates_dir_is_a_plugin_error(tiny_project: Path) -> None:
    with pytest.raises(PluginError, match=r"templates_dir 'nowhere' is not a folder"):
        run_config(configure(tiny_project, {"templates_dir": "nowhere"}))


def test_on_files_adds_pages_assets_and_exports(tiny_project: Path) -> None:
    config = configure(tiny_project)
    plugin = run_config(config)
    files = files_of(plugin, config)
    names = {file.src_uri for file in files}
    assert {"services/one.md", "layers/alpha/index.md", "catalog.json", "catalog.schema.json", "llms.txt",
            "lifecycle.xml", "lifecycle.ics", f"{ASSET_URL}/site.css", f"{ASSET_URL}/catalog.js"} <= names
    assert f"{ASSET_URL}/site.css" in config.extra_css


@pytest.mark.parametrize(("docs_dir", "edit_uri", "expected"), [
    ("docs", "edit/main/docs/", "https://github.com/o/r/edit/main/data/services/one.yaml"),
    ("site-src/pages", "edit/main/site-src/pages/", "https://github.com/o/r/edit/main/data/services/one.yaml"),
])
def test_edit_links_open_the_data_file_wherever_docs_dir_is(tiny_project: Path, docs_dir: str, edit_uri: str,
                                                            expected: str) -> None:
    if docs_dir != "docs":
        (tiny_project / docs_dir).parent.mkdir(parents=True)
        (tiny_project / "docs").rename(tiny_project / docs_dir)
    config = configure(tiny_project, docs_dir=docs_dir, repo_url="https://github.com/o/r/", edit_uri=edit_uri)
    plugin = run_config(config)
    files = files_of(plugin, config)
    page = Page(None, page_file(files), config)
    assert page.edit_url == expected


@pytest.mark.parametrize(("data_edit_uri", "repo_url", "expected"), [
    ("https://git.example.org/guide/-/edit/trunk/data/", "https://github.com/o/r/",
     "https://git.example.org/guide/-/edit/trunk/data/services/one.yaml"),
    # a path is under repo_url, with or without its final slash, as MkDocs joins edit_uri
    ("edit/main/data/", "https://github.com/o/r", "https://github.com/o/r/edit/main/data/services/one.yaml"),
    ("edit/main/data", "https://github.com/o/r/", "https://github.com/o/r/edit/main/data/services/one.yaml"),
    ("", "https://github.com/o/r/", None),  # as MkDocs' edit_uri: '': no edit button
])
def test_data_edit_uri_sets_the_edit_link_itself(tiny_project: Path, data_edit_uri: str, repo_url: str,
                                                 expected: str | None) -> None:
    config = configure(tiny_project, {"data_edit_uri": data_edit_uri}, repo_url=repo_url, edit_uri="edit/main/docs/")
    plugin = run_config(config)
    files = files_of(plugin, config)
    page = Page(None, page_file(files), config)
    context = cast(TemplateContext, {})  # the event reads nothing from it
    plugin.edit_url_and_template(context, page=page, config=config, nav=Navigation([], []))  # on_page_context, first
    assert page.edit_url == expected


@pytest.mark.parametrize(("options", "settings", "problem"), [
    # a path is under repo_url: without one, the button would open a path relative to the page
    ({"data_edit_uri": "edit/main/data/"}, {"repo_url": None},
     "data_edit_uri 'edit/main/data/' is a path under repo_url, and mkdocs.yml sets no repo_url"),
    # MkDocs adds the data file's path from docs_dir (../data/...) where {path} is: into a query,
    # or beside a {path_noext} that ends in .md, it names no file
    ({}, {"repo_url": "https://dev.azure.com/o/p/_git/r", "edit_uri": "?path=/docs/"},
     "set the plugin's data_edit_uri"),
    ({}, {"repo_url": "https://github.com/o/r", "edit_uri_template": "blob/main/docs/{path_noext}.md"},
     "set the plugin's data_edit_uri"),
])
def test_an_edit_link_that_cannot_open_the_data_file_is_refused(tiny_project: Path, options: dict[str, Any],
                                                                settings: dict[str, Any], problem: str) -> None:
    # None: the setting left out of mkdocs.yml (MkDocs warns of an edit_uri beside edit_uri_template)
    gone = [key for key, value in settings.items() if value is None] + ["edit_uri"] * ("edit_uri_template" in settings)
    mkdocs_yml = tiny_project / "mkdocs.yml"
    for key in gone:
        mkdocs_yml.write_text(re.sub(rf"(?m)^{key}: .*\n", "", mkdocs_yml.read_text()))
    settings = {key: value for key, value in settings.items() if value is not None}
    with pytest.raises(PluginError, match=re.escape(problem)):
        run_config(configure(tiny_project, options, **settings))
    fixed = {**options, "data_edit_uri": "https://git.example.org/guide/-/edit/trunk/data/"}
    assert run_config(configure(tiny_project, fixed, **settings)).catalog is not None


def test_glossary_page_names_where_terms_link(tiny_project: Path) -> None:
    config = configure(tiny_project, {"glossary_page": "reference/terms.md"})
    run_config(config)
    (glossary,) = [ext for ext in config.markdown_extensions if isinstance(ext, GlossaryLinks)]
    assert glossary.getConfig("glossary_page") == "/reference/terms.md"


def test_a_page_the_generated_pages_link_to_must_exist(tiny_project: Path) -> None:
    """Another team's mkdocs.yml may leave absolute links unchecked (MkDocs' default): the plugin
    checks its own, naming each missing page and the first page that links to it."""
    (tiny_project / "docs/onboarding.md").unlink()
    config = configure(tiny_project, {"glossary_page": "reference/terms.md"})
    plugin = run_config(config)
    with pytest.raises(PluginError) as refused:
        files_of(plugin, config)
    assert "does not have: onboarding.md (linked from layers/alpha/index.md); reference/terms.md (linked from " \
           "the glossary tooltips (glossary_page)); write them" in str(refused.value)
    write(tiny_project, "docs/onboarding.md", "# Onboarding\n")
    write(tiny_project, "docs/reference/terms.md", "# Terms\n")
    assert files_of(plugin, config).get_file_from_path("reference/terms.md") is not None


def test_docs_root_links_must_be_resolved_by_mkdocs(tiny_project: Path) -> None:
    mkdocs_yml = tiny_project / "mkdocs.yml"
    mkdocs_yml.write_text(mkdocs_yml.read_text().replace("    absolute_links: relative_to_docs\n", ""))
    with pytest.raises(PluginError, match=r"validation:\n  links:\n    absolute_links: relative_to_docs$"):
        run_config(configure(tiny_project))
    assert run_config(configure(tiny_project, {"enabled": False})).catalog is None  # nothing of ours to link


def test_markdown_extensions_the_pages_need_are_added_and_a_contradiction_refused(tiny_project: Path) -> None:
    mkdocs_yml = tiny_project / "mkdocs.yml"
    text = mkdocs_yml.read_text()
    mkdocs_yml.write_text(text.replace("  - def_list\n", "").replace("USE_DEFINITION_ORDER: true", "BACKLINK_TEXT: x"))
    config = configure(tiny_project)
    run_config(config)
    assert "def_list" in config.markdown_extensions
    assert config.mdx_configs["footnotes"] == {"PLACE_MARKER": "[[stackguide-sources]]", "BACKLINK_TEXT": "x",
                                               "USE_DEFINITION_ORDER": True}
    mkdocs_yml.write_text(text.replace("USE_DEFINITION_ORDER: true", "USE_DEFINITION_ORDER: false"))
    with pytest.raises(PluginError, match=r"footnotes: USE_DEFINITION_ORDER must be True, not False$"):
        run_config(configure(tiny_project))


@pytest.mark.parametrize(("options", "problem"), [
    ({"nav_section_max": 0}, "nav_section_max: must be a whole number of 1 or more, not 0"),
    ({"nav_section_max": -5}, "nav_section_max: must be a whole number of 1 or more, not -5"),
    ({"data_edit_uri": "javascript:alert(1)"},
     "data_edit_uri: must be a path under repo_url or an http(s) address, not 'javascript:alert(1)'"),
    # the project's own folder as the data folder: every file beside mkdocs.yml was an "unexpected file"
    ({"data_dir": ""}, "data_dir: must name the data folder (such as 'data'), relative to mkdocs.yml, not ''"),
    ({"data_dir": "./"}, "data_dir: must name the data folder (such as 'data'), relative to mkdocs.yml, not './'"),
    ({"data_dir": "data/.."}, "data_dir: must name the data folder (such as 'data'), relative to mkdocs.yml, "
                              "not 'data/..'"),
    ({"templates_dir": "."}, "templates_dir: must name a folder of templates (such as 'templates'), relative to "
                             "mkdocs.yml, not '.'"),
    # a folder under the project, as the options say (and as the export requires)
    ({"data_dir": "/srv/guide-data"}, "data_dir: must be a folder inside the project, named relative to mkdocs.yml, "
                                      "not '/srv/guide-data'"),
    ({"data_dir": "../guide-data"}, "data_dir: must be a folder inside the project, named relative to mkdocs.yml, "
                                    "not '../guide-data'"),
    ({"templates_dir": "data/../../shared"}, "templates_dir: must be a folder inside the project, named relative to "
                                             "mkdocs.yml, not 'data/../../shared'"),
    *(({"glossary_page": page}, "glossary_page: must be a Markdown page inside docs_dir, by its path there (such as "
                                f"'glossary.md'), not {page!r}")
      for page in ("", "glossary", "../terms.md", "a//b.md", "glossary.md#terms")),
    *(({"notes_page": page}, "notes_page: must be a Markdown page inside docs_dir, by its path there, with an anchor "
                             f"on it if any (such as 'index.md#the-2017-notes'), not {page!r}")
      for page in ("index", "index#notes", "../index.md#notes", "index.md#")),
    *(({option: page}, f"{option}: must not hold spaces, brackets, quotes or a second '#' (it is written into "
                       f"links), not {page!r}")
      for option, page in (("notes_page", "index.md#notes) [x](https://example.org"), ("notes_page", "my notes.md"),
                           ("notes_page", "index.md#a#b"), ("glossary_page", "terms(1).md"),
                           ("glossary_page", "<terms>.md"))),
])
def test_an_option_out_of_range_is_refused_when_mkdocs_yml_is_read(tiny_project: Path, options: dict[str, Any],
                                                                    problem: str) -> None:
    plugin = plugin_of(configure(tiny_project))
    errors, _ = plugin.load_config(options, str(tiny_project / "mkdocs.yml"))
    assert [f"{name}: {error}" for name, error in errors] == [problem]


@pytest.mark.parametrize("site_url", ["https://example.org/guide/?from=wiki", "https://example.org/guide/#top"])
def test_a_site_url_with_a_query_or_fragment_is_refused(tiny_project: Path, site_url: str) -> None:
    """catalog.json, the feeds and llms.txt add each page's path to site_url."""
    with pytest.raises(PluginError, match=r"site_url must be the site's address without a \?query or #fragment"):
        run_config(configure(tiny_project, site_url=site_url))
    assert run_config(configure(tiny_project, site_url="https://example.org/guide/")).catalog is not None


@pytest.mark.parametrize(("options", "label"), [
    ({}, '<p class="sg-then-now__label" markdown="span">The 2017 notes</p>'),
    ({"notes_page": "index.md#the-notes"},
     '<p class="sg-then-now__label" markdown="span">[The 2017 notes](/index.md#the-notes)</p>'),
])
def test_notes_page_links_the_notes_label_on_every_generated_page(tiny_project: Path, options: dict[str, Any],
                                                                  label: str) -> None:
    config = configure(tiny_project, options)
    try:
        files = files_of(run_config(config), config)
        pages = [file.content_string for file in files if file.src_uri.endswith(".md") and file.generated_by]
        assert pages and all(label in page for page in pages if "sg-then-now__label" in page)
        assert sum("sg-then-now__label" in page for page in pages) >= 2  # an entry's and a layer's
    finally:
        render.use_notes_page(None)


def test_a_hand_written_file_at_a_generated_path_is_refused_not_replaced(tiny_project: Path) -> None:
    write(tiny_project, "docs/services/one.md", "# Our own page about One\n")
    write(tiny_project, "docs/catalog.json", "{}\n")
    config = configure(tiny_project)
    plugin = run_config(config)
    with pytest.raises(PluginError) as refused:
        files_of(plugin, config)
    assert str(refused.value).endswith("has files at paths the plugin generates, which would replace them: "
                                       "services/one.md (made from data/services/one.yaml); catalog.json (made from "
                                       "the catalog); rename or remove them")


def test_file_urls_are_refused(tiny_project: Path) -> None:
    """The stable addresses, and the search fields keyed by them, are directory URLs."""
    with pytest.raises(PluginError, match=r"need use_directory_urls: true \(MkDocs' default\)"):
        run_config(configure(tiny_project, use_directory_urls=False))


def test_the_maintainers_page_documents_every_option() -> None:
    from conftest import ROOT

    from stackguide.config import StackGuideConfig

    text = (ROOT / "docs/maintainers.md").read_text(encoding="utf-8")
    table = text.split("## The plugin's options", 1)[1]
    documented = set(re.findall(r"^\| `(\w+)` \|", table, re.M))
    assert documented == {name for name, _ in StackGuideConfig._schema}


def test_a_build_counts_the_tools_warnings_and_errors_only(tiny_project: Path) -> None:
    """MkDocs' own CountHandler, on the tool's logger, from the build's start to its shutdown."""
    config = configure(tiny_project, site_dir=str(tiny_project / "site"))
    plugin = run_config(config)
    logger = logging.getLogger("mkdocs.plugins.test")
    logger.info("fine")
    logger.warning("strict mode would stop")
    logger.error("so would this")
    assert plugin.warning_count() == 2
    plugin.on_shutdown()
    logger.warning("after the build")
    assert plugin.warning_count() == 2


def test_keep_last_good_site_off_leaves_site_dir_to_mkdocs(tiny_project: Path) -> None:
    for keep in (True, False):
        config = configure(tiny_project, {"keep_last_good_site": keep}, site_dir=str(tiny_project / "site"))
        plugin_of(config).guard = None  # MkDocs keeps one plugin object for every config it loads
        assert (run_config(config).guard is not None) is keep


def test_a_build_keeps_the_parsed_data_files_in_cache_dir_unless_cache_is_off(tiny_project: Path) -> None:
    run_config(configure(tiny_project))
    kept = list((tiny_project / ".cache/plugin/stackguide").glob("parsed-*.json"))
    assert len(kept) == 1 and len(json.loads(kept[0].read_text())) == len(list((tiny_project / "data").rglob("*.yaml")))
    run_config(configure(tiny_project, {"cache_dir": "elsewhere/cache"}))
    assert len(list((tiny_project / "elsewhere/cache").glob("parsed-*.json"))) == 1
    run_config(configure(tiny_project, {"cache": False, "cache_dir": "off"}))
    assert not (tiny_project / "off").exists()
    for inside in ("docs", "docs/cache", "./docs/../docs/x"):
        with pytest.raises(PluginError, match=r"cache_dir \(.*\) is inside docs_dir .* so MkDocs would publish"):
            run_config(configure(tiny_project, {"cache_dir": inside}))
    for inside in ("data", "data/cache", "./data/services/../x"):  # the next build would refuse the folder
        with pytest.raises(PluginError, match=r"cache_dir \(.*\) is inside the data folder \(data\), which holds only"):
            run_config(configure(tiny_project, {"cache_dir": inside}))
    config = configure(tiny_project)
    plugin_of(config).on_startup(command="serve", dirty=False)  # the preview keeps its own in memory
    shutil.rmtree(tiny_project / ".cache")
    plugin_of(config).on_config(config)
    assert not (tiny_project / ".cache").exists()


def test_nav_section_max_splits_a_layers_entries(tiny_project: Path) -> None:
    write(tiny_project, "data/services/three.yaml", ENTRY.format(id="three", name="Three", layer="alpha"))
    config = configure(tiny_project, {"nav_section_max": 1})
    run_config(config)
    nav = config.nav or []
    assert {"Alpha": ["layers/alpha/index.md", {"Services: One to One": ["services/one.md"]},
                      {"Services: Three to Three": ["services/three.md"]}]} in nav[2]["The ML stack"]


def test_the_glossary_and_onboarding_pages_edit_their_data_files(tiny_project: Path) -> None:
    config = configure(tiny_project, repo_url="https://github.com/o/r/", edit_uri="edit/main/docs/")
    plugin = run_config(config)
    files = files_of(plugin, config)
    for page, data in (("glossary.md", "glossary.yaml"), ("onboarding.md", "onboarding.yaml")):
        file = files.get_file_from_path(page)
        assert file is not None
        assert Page(None, file, config).edit_url == f"https://github.com/o/r/edit/main/data/{data}"


def test_content_security_policy_goes_on_built_pages_when_asked_and_never_on_the_preview(tiny_project: Path) -> None:
    """Every page MkDocs renders (on_post_page, after every other plugin) and the theme's 404 page
    (on_post_template); not in `mkdocs serve`, whose live reload is an inline script it adds."""
    html = '<html><head><meta charset="utf-8"><script>go()</script></head><body></body></html>'
    for options, command, wanted in (({}, "build", False), ({"content_security_policy": True}, "build", True),
                                     ({"content_security_policy": True}, "gh-deploy", True),
                                     ({"content_security_policy": True}, "serve", False),
                                     ({"content_security_policy": True, "enabled": False}, "build", False)):
        config = configure(tiny_project, options)
        plugin_of(config).on_startup(command=command, dirty=False)
        page = Page("Home", File("index.md", config.docs_dir, config.site_dir, True), config)
        outputs = [config.plugins.on_post_page(html, page=page, config=config),
                   config.plugins.on_post_template(html, template_name="404.html", config=config)]
        for output in outputs:
            assert ('http-equiv="Content-Security-Policy"' in output) is wanted, (options, command)
        if wanted:
            assert outputs[0] == outputs[1] and "script-src 'self' 'sha256-" in outputs[0]
    sitemap = "<?xml version='1.0'?><urlset></urlset>"
    assert config.plugins.on_post_template(sitemap, template_name="sitemap.xml", config=config) == sitemap


def test_a_generated_pages_policy_is_read_once_per_template_and_depth(tiny_project: Path) -> None:
    """Read whole, a hand-written page always; a generated page of a kind already read reuses
    that kind's policy (its scripts are the theme's, which vary by template and depth alone)."""
    config = configure(tiny_project, {"content_security_policy": True})
    plugin = run_config(config)

    def post(src: str, script: str, generated: bool = True, template: str = "") -> str:
        file = File(src, config.docs_dir, config.site_dir, True)
        file.generated_by = "stackguide" if generated else None
        page = Page("A page", file, config)
        page.meta = {"template": template} if template else {}
        html = f'<html><head><meta charset="utf-8"><script>{script}</script></head></html>'
        return config.plugins.on_post_page(html, page=page, config=config)

    assert csp.script_hash("a()") in post("services/one.md", "a()")
    assert csp.script_hash("a()") in post("services/two.md", "b()")  # the kind's, read from services/one
    assert csp.script_hash("c()") in post("deep/er/three.md", "c()")  # another depth: read again
    assert csp.script_hash("d()") in post("services/four.md", "d()", template="other.html")  # another template
    assert csp.script_hash("e()") in post("about.md", "e()", generated=False)  # hand-written: always read
    assert csp.script_hash("f()") in post("guide.md", "f()", generated=False)
    plugin.on_config(config)  # a new build reads each kind again
    assert csp.script_hash("g()") in post("services/five.md", "g()")
