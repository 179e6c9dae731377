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
