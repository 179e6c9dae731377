"""The preview: its in-memory cache of compiled theme templates, and how it keeps serving while
data/ or a page is broken."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from jinja2 import Environment, FileSystemLoader
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig

from stackguide import pages
from stackguide.catalog import Catalog
from stackguide.load import FileCache
from stackguide.pagecache import GeneratedPageCache
from stackguide.plugin import StackGuidePlugin
from stackguide.preview import ConversionCache, TemplateCache
from stackguide.rendercache import ThemeOutputCache
from stackguide.searchcache import SearchEntryCache


class CountingCache(TemplateCache):
    """Jinja stores code only after compiling it: each store is one compilation."""

    def __init__(self) -> None:
        super().__init__()
        self.compilations = 0

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compilations += 1
        super().dump_bytecode(bucket)


def test_compiled_templates_are_reused_and_an_edit_is_compiled_afresh(tmp_path: Path) -> None:
    cache = CountingCache()
    (tmp_path / "page.html").write_text("Hello {{ name }}")

    def render() -> str:  # MkDocs makes a new environment for every build
        env = Environment(loader=FileSystemLoader(tmp_path), bytecode_cache=cache)
        return env.get_template("page.html").render(name="reader")

    assert render() == "Hello reader"
    assert render() == "Hello reader"
    assert cache.compilations == 1  # the second build loaded the stored code
    (tmp_path / "page.html").write_text("Goodbye {{ name }}")
    assert render() == "Goodbye reader"
    assert cache.compilations == 2


def test_warnings_do_not_count_for_strict_mode_while_the_preview_shows_problems() -> None:
    import logging

    from mkdocs.utils import CountHandler

    from stackguide.preview import forgive_warnings

    logger = logging.getLogger("mkdocs.test-forgiven")
    counter = CountHandler()
    counter.setLevel(logging.WARNING)
    logger.addHandler(counter)
    try:
        forgive_warnings(logger, while_broken=True)
        logger.warning("a link to a page the broken catalog did not make")
        assert counter.get_counts() == []
        forgive_warnings(logger, while_broken=False)  # fixed: strict mode counts again
        logger.warning("a real warning")
        assert counter.get_counts() == [("WARNING", 1)]
    finally:
        logger.removeHandler(counter)


def test_a_page_that_cannot_be_made_is_a_problem_in_the_preview(tiny_catalog: Catalog,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    real = pages.generated_page

    def failing(catalog: object, item: object) -> object:
        if getattr(item, "id", "") == "two":
            raise KeyError("speed")
        return real(catalog, item)  # type: ignore[arg-type]

    monkeypatch.setattr(pages, "generated_page", failing)
    plugin = StackGuidePlugin()
    plugin.command, plugin.catalog = "serve", tiny_catalog
    made = plugin._generated_pages()
    assert "services/two.md" not in [page.path for page in made] and "services/one.md" in [p.path for p in made]
    assert [str(problem) for problem in plugin.problems] == [
        "data/services/two.yaml:1: its page cannot be made (KeyError: 'speed'); this is a bug in the site's "
        "checks or templates, please report it"]
    plugin.command = "build"  # a build fails loudly instead
    with pytest.raises(KeyError):
        plugin._generated_pages()


def _serve_build(project: Path, site: Path, **settings: object) -> StackGuidePlugin:
    """One build as `mkdocs serve` makes it: the plugin object is kept from one to the next."""
    return _prepared_serve_build(project, site, None, settings)


def _prepared_serve_build(project: Path, site: Path, prepare: Callable[[MkDocsConfig], None] | None,
                          settings: dict[str, object]) -> StackGuidePlugin:
    """_serve_build, with `prepare` called on the loaded config first."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site), **settings)  # type: ignore[arg-type]
    config.plugins.on_startup(command="serve", dirty=False)
    if prepare is not None:
        prepare(config)
    build(config, serve_url=config.site_url)
    plugin = config.plugins["stackguide"]
    assert isinstance(plugin, StackGuidePlugin)
    return plugin


def _tree(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*"))
            if path.is_file() and path.suffix != ".gz"}  # the sitemap's gzip header holds the time


def test_a_rebuild_reuses_unchanged_pages_and_makes_the_site_a_fresh_build_makes(
        tiny_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    from mkdocs.structure.pages import Page

    converted: list[str] = []
    real_render = Page.render

    def counting(page: Page, config: object, files: object) -> None:
        converted.append(page.file.src_uri)
        real_render(page, config, files)  # type: ignore[arg-type]

    monkeypatch.setattr(Page, "render", counting)
    (tiny_project / "docs" / "broken-link.md").write_text("# Broken\n\nSee [a page](missing.md) and [a part]"
                                                         "(anchored.md#part-two).\n")
    (tiny_project / "docs" / "anchored.md").write_text("# Anchored\n\n## Part two\n")
    settings = {"strict": False, "site_url": "http://127.0.0.1:8000/"}
    plugin = _serve_build(tiny_project, tmp_path / "site", **settings)
    everything = len(converted)
    data = tiny_project / "data" / "services" / "one.yaml"
    data.write_text(data.read_text().replace("summary: A service", "summary: A changed service"))
    converted.clear()
    caplog.clear()
    assert _serve_build(tiny_project, tmp_path / "site", **settings) is plugin
    reused = _tree(tmp_path / "site")
    assert 0 < len(converted) < everything / 2  # the pages that show the summary, not every page
    assert "services/one.md" in converted and "broken-link.md" not in converted
    # What the rebuild's line in the terminal counts.
    assert plugin.conversions.converted == len(converted)
    assert plugin.outputs.rendered() == everything - len(plugin.outputs.reused) > 0
    assert b"A changed service" in reused["services/one/index.html"]
    # A reused page says again what its conversion logged.
    assert [r.getMessage() for r in caplog.records if "missing.md" in r.getMessage()] != []
    assert not [r.getMessage() for r in caplog.records if "an anchor" in r.getMessage()]  # its anchors are known
    cached = len(plugin.conversions)
    data.write_text(data.read_text().replace("summary: A changed service", "summary: A service changed again"))
    _serve_build(tiny_project, tmp_path / "site", **settings)
    assert len(plugin.conversions) == cached  # the earlier versions of changed pages are forgotten
    reused = _tree(tmp_path / "site")
    _forget(plugin)  # the same rebuild with nothing to reuse
    converted.clear()
    assert _serve_build(tiny_project, tmp_path / "fresh", **settings) is plugin
    assert len(converted) == everything
    assert _tree(tmp_path / "fresh") == reused



def test_a_neighbours_html_does_not_render_a_page_again_its_title_and_footer_metadata_do(tiny_project: Path) -> None:
    """The footer links to the previous and next pages by title and address: a page is rendered
    again when those change, not when a neighbour's own HTML or table of contents does."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import File
    from mkdocs.structure.pages import Page

    from stackguide.fingerprint import page_snapshot

    config = load_config(str(tiny_project / "mkdocs.yml"))

    def page(name: str, title: str) -> Page:
        return Page(title, File(name, config.docs_dir, config.site_dir, use_directory_urls=True), config)

    def key(content: str, title: str = "Next", subtitle: str = "") -> object:
        current, after = page("a.md", "A"), page("b.md", title)
        after.content, after.meta = content, {"subtitle": subtitle, "description": content}
        current.next_page = after
        return page_snapshot(current, frozenset({"subtitle"}))

    assert key("<p>one</p>") == key("<p>two</p>")
    assert key("<p>one</p>") != key("<p>one</p>", title="Renamed")
    assert key("<p>one</p>") != key("<p>one</p>", subtitle="New")

def _forget(plugin: StackGuidePlugin) -> None:
    """Empty every cache the preview keeps across rebuilds."""
    plugin.conversions = ConversionCache()
    plugin.outputs = ThemeOutputCache()
    plugin.search_entries = SearchEntryCache()
    plugin.template_cache = TemplateCache()
    plugin.file_cache = FileCache()
    plugin.page_cache = GeneratedPageCache()


# The file, text in it, its replacement; whether some pages' HTML, and every page's search entries,
# can still be reused.
CHANGES = {
    "data": ("data/services/one.yaml", "summary: A service", "summary: A changed service", True, False),
    "hand-written page": ("docs/stable-links.md", "are a contract.", "are a promise.", True, False),
    "template": ("overrides/main.html", '<meta charset="utf-8">', '<meta charset="utf-8"><!-- edited -->', False,
                 True),
    "renamed entry": ("data/services/two.yaml", "name: Two", "name: Second", False, False),  # in every page's nav
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_rebuild_after_any_change_makes_the_site_a_build_without_reuse_makes(
        change: str, tiny_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path, old, new, some_reused, all_entries = CHANGES[change]
    settings = {"strict": False, "site_url": "http://127.0.0.1:8000/"}
    plugin = _serve_build(tiny_project, tmp_path / "site", **settings)
    _serve_build(tiny_project, tmp_path / "site", **settings)
    pages = len(plugin.outputs.reused)
    assert pages > 10 and plugin.search_entries.reused == pages  # unchanged: every page reused
    changed = tiny_project / path
    assert old in changed.read_text()
    changed.write_text(changed.read_text().replace(old, new))
    _serve_build(tiny_project, tmp_path / "site", **settings)
    reused = _tree(tmp_path / "site")
    assert any(new.split(": ")[-1].encode() in html for html in reused.values())
    outputs, entries = len(plugin.outputs.reused), plugin.search_entries.reused
    # The reference: the same build with nothing kept, and neither theme output nor search entries reusable.
    _forget(plugin)
    monkeypatch.setattr(ThemeOutputCache, "new_build", lambda *args, **kwargs: None)
    monkeypatch.setattr(SearchEntryCache, "attach", lambda *args: None)
    _serve_build(tiny_project, tmp_path / "fresh", **settings)
    assert not plugin.outputs.reused and not plugin.search_entries.reused
    assert _tree(tmp_path / "fresh") == reused
    assert (outputs > 0) is some_reused
    assert (entries == pages) is all_entries and entries > 0


def test_a_rebuild_with_nothing_changed_writes_the_site_the_first_build_wrote(tiny_project: Path,
                                                                              tmp_path: Path) -> None:
    """What the preview reuses must come back as it was made: Material's tags plugin moves its
    listing into the tags page's table of contents in place, so a reused table of contents that
    a plugin changed in the last build would lose the listing in the next."""
    one = tiny_project / "data" / "services" / "one.yaml"
    one.write_text(one.read_text() + "tags: [speech]\n")
    settings = {"strict": False, "site_url": "http://127.0.0.1:8000/"}
    plugin = _serve_build(tiny_project, tmp_path / "site", **settings)
    first = _tree(tmp_path / "site")
    assert b'id="tag:speech"' in first["tags/index.html"]
    for _ in range(2):
        _serve_build(tiny_project, tmp_path / "site", **settings)
        assert plugin.conversions.converted == 1  # contributing.md alone: it includes a file (never kept)
        assert _tree(tmp_path / "site") == first


# What SearchEntryCache stands in for: the Material code that makes a page's search entries.
# When a Material release changes any of it, check that the cache's key (stackguide/searchcache.py)
# still holds everything that code reads, then write the new digests here.
MATERIAL_SEARCH = {
    "SearchPlugin.on_page_context": "33eb62fd1688be4d",
    "SearchIndex.add_entry_from_context": "4ca78ac4321f7704",
    "SearchIndex.create_entry_for_section": "89d7541516b0a9c4",
    "SearchIndex._find_toc_by_id": "f59f5d2de96acb0b",
    "Parser": "3227e18afa8a20e1",
}


def test_the_search_cache_stands_in_for_the_material_code_it_was_checked_against() -> None:
    import hashlib
    import inspect
    from operator import attrgetter

    from material.plugins.search import plugin

    found = {name: hashlib.sha256(inspect.getsource(attrgetter(name)(plugin)).encode()).hexdigest()[:16]
             for name in MATERIAL_SEARCH}
    assert found == MATERIAL_SEARCH, "Material's search indexing changed: check stackguide/searchcache.py"


def _theme_templates() -> list[Path]:
    import material

    return sorted([*(Path(material.__file__).parent / "templates").rglob("*.html"),
                   *(Path(__file__).parent.parent / "overrides").rglob("*.html")])


def test_the_theme_reads_html_and_tables_of_contents_of_the_current_page_only() -> None:
    """The navigation's snapshot leaves other pages' HTML and tables of contents out
    (stackguide/fingerprint.py, OWN_ONLY); a page another plugin lists (a blog's posts, say) is
    snapshotted with them. A theme that read them through the navigation would fail here."""
    env = Environment()
    read = set()
    for path in _theme_templates():
        tokens = [(kind, value) for _, kind, value in env.lex(path.read_text(encoding="utf-8")) if kind != "whitespace"]
        for at, (kind, value) in enumerate(tokens):
            if kind == "name" and value in ("content", "toc", "markdown") and tokens[at - 1] == ("operator", "."):
                read.add(f"{tokens[at - 2][1]}.{value}")
    # post: Material's blog lists its posts (pages in the context, snapshotted whole); listing: the
    # tags plugin's listings (rendered into a page's HTML before the theme runs); mdx_configs: config.
    assert read == {"page.content", "page.toc", "post.content", "listing.content", "mdx_configs.toc"}


@pytest.mark.parametrize(("source", "keys"), [
    ("{{ x.meta.a }}{{ page.meta.b }}{% if y.meta %}{% endif %}{% if z.meta and z.meta.c %}{% endif %}", {"a", "c"}),
    ("{% for page in nav.pages %}{{ page.meta.a }}{% endfor %}", None),  # page is not the current page
    ("{% macro m(item, page) %}{{ page.meta.a }}{% endmacro %}", None),
    ("{% set m = item.meta %}{{ m.a }}", None),  # any key
    ("{{ item.meta | tojson }}", None),
    ("{{ page.meta | tojson }}{{ page.next_page.meta.a }}", {"a"}),
])
def test_the_metadata_keys_read_of_other_pages_are_found_in_the_templates(source: str, keys: set[str] | None) -> None:
    from stackguide.rendercache import meta_keys

    assert meta_keys(Environment(), [source]) == (None if keys is None else frozenset(keys))


def test_materials_templates_read_three_metadata_keys_of_other_pages() -> None:
    from stackguide.rendercache import meta_keys

    sources = [path.read_text(encoding="utf-8") for path in _theme_templates()]
    assert meta_keys(Environment(), sources) == frozenset({"icon", "status", "subtitle"})  # the navigation's


def test_nothing_is_reused_when_another_plugin_changes_pages_after_the_key_or_before_the_kept_html(
        tiny_project: Path, tmp_path: Path) -> None:
    def late(output: str, **kwargs: object) -> str:
        return output.replace("</body>", "<!-- late --></body>")

    def before_stackguide(config: MkDocsConfig) -> None:  # as a plugin with a higher priority would be
        config.plugins.events["post_page"].insert(0, late)

    settings = {"strict": False, "site_url": "http://127.0.0.1:8000/"}
    plugin = _prepared_serve_build(tiny_project, tmp_path / "site", before_stackguide, settings)
    _prepared_serve_build(tiny_project, tmp_path / "site", before_stackguide, settings)
    assert not plugin.outputs.reused and plugin.search_entries.reused > 0
    pages = {name: html for name, html in _tree(tmp_path / "site").items() if name.endswith("index.html")}
    assert len(pages) > 10 and all(html.count(b"<!-- late -->") == 1 for html in pages.values())
    for _ in range(2):  # in the usual order again: kept, then reused
        _serve_build(tiny_project, tmp_path / "site", **settings)
    assert len(plugin.outputs.reused) > 10
