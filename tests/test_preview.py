"""The preview: its in-memory cache of compiled theme templates, and how it keeps serving while
data/ or a page is broken."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import Environment, FileSystemLoader
from jinja2.bccache import Bucket

from stackguide import pages
from stackguide.catalog import Catalog
from stackguide.plugin import StackGuidePlugin
from stackguide.preview import TemplateCache


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
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site), **settings)  # type: ignore[arg-type]
    config.plugins.on_startup(command="serve", dirty=False)
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

    from stackguide.preview import ConversionCache

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
    assert b"A changed service" in reused["services/one/index.html"]
    # A reused page says again what its conversion logged.
    assert [r.getMessage() for r in caplog.records if "missing.md" in r.getMessage()] != []
    assert not [r.getMessage() for r in caplog.records if "an anchor" in r.getMessage()]  # its anchors are known
    cached = len(plugin.conversions)
    data.write_text(data.read_text().replace("summary: A changed service", "summary: A service changed again"))
    _serve_build(tiny_project, tmp_path / "site", **settings)
    assert len(plugin.conversions) == cached  # the earlier versions of changed pages are forgotten
    reused = _tree(tmp_path / "site")
    plugin.conversions = ConversionCache()  # the same rebuild with nothing to reuse
    converted.clear()
    assert _serve_build(tiny_project, tmp_path / "fresh", **settings) is plugin
    assert len(converted) == everything
    assert _tree(tmp_path / "fresh") == reused
