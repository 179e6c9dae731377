"""The MkDocs plugin: turns the Catalog into pages, navigation and exports, and guards site_dir.

Each event delegates to the package: stackguide.load (data), stackguide.pages (what is
generated), stackguide.siteguard (keeping the last good site) and stackguide.preview (errors in
the browser while `mkdocs serve` runs).
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from stackguide import pages, preview
from stackguide.catalog import Catalog
from stackguide.config import StackGuideConfig
from stackguide.errors import DataError, Problem, Problems
from stackguide.files import DATA_DIR, find_data_files
from stackguide.glossary import GlossaryLinks
from stackguide.load import FileCache, load_catalog
from stackguide.render import TEMPLATES
from stackguide.searchindex import write_search_index
from stackguide.siteguard import LastGoodSite, WarningCounter

GLOSSARY_PAGE = "/glossary.md"  # docs-root-absolute, resolved by MkDocs on every page


class StackGuidePlugin(BasePlugin[StackGuideConfig]):  # type: ignore[no-untyped-call]  # as in config.py
    def __init__(self) -> None:
        # Kept across `mkdocs serve` rebuilds (the plugin has on_startup): while data/ is broken
        # the preview keeps the last good catalog for its pages and shows the problems on them.
        self.catalog: Catalog | None = None
        self.problems: list[Problem] = []
        self.command = "build"
        self.guard: LastGoodSite | None = None
        self.warnings = WarningCounter()
        self.started = 0.0
        self.page_count = 0  # pages in this build, hand-written and generated
        self.template_cache = preview.TemplateCache()
        self.file_cache = FileCache()  # the preview's parsed data files

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        # mkdocs-macros announces its modules on every rebuild; keep its warnings only.
        logging.getLogger(f"{self._tool()}.plugins.mkdocs_macros.util").setLevel(logging.WARNING)
        if command == "serve":
            preview.quiet_rebuilds(self._tool())

    # Before every other plugin: a data error stops the build before anything is written, and
    # mkdocs-macros finds the catalog already loaded.
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        previewing = self.command == "serve"
        self.started = time.monotonic()
        try:
            self.catalog = load_catalog(self.root(config), drafts=previewing,
                                        cache=self.file_cache if previewing else None)
            self.problems = []
        except DataError as err:
            if not previewing:
                raise PluginError(str(err)) from None
            self.problems = err.problems
            preview.print_problems(self.problems)
        config.nav = pages.expand_nav(config.nav or [], self.catalog, self.config.nav_section_max)
        if self.catalog is not None:
            terms = {term.term: term.expansion for term in self.catalog.glossary.terms}
            glossary = GlossaryLinks(terms=terms, glossary_page=GLOSSARY_PAGE)
            # MkDocs passes Extension instances on to Python-Markdown, but types the list as names.
            config.markdown_extensions.append(glossary)  # type: ignore[arg-type]
        if self.command != "serve" and self.config.keep_last_good_site:
            self._guard_site(config)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.catalog is None:
            return self._placeholders(files, config)
        for page in pages.generated_pages(self.catalog):
            file = File.generated(config, page.path, content=page.content)
            # The edit button opens the YAML file; edit_uri points into docs/, one level down.
            file.edit_uri = "../" + page.data_file
            files.append(file)
        site_url = config.site_url or "/"
        exports = {
            "catalog.json": pages.catalog_json(self.catalog, site_url),
            "llms.txt": pages.llms_txt(self.catalog, config.site_name, config.site_description or "", site_url),
        }
        for name, content in exports.items():
            files.append(File.generated(config, name, content=content))
        self.page_count = len(files.documentation_pages())
        return files

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        if self.command == "serve":
            env.bytecode_cache = self.template_cache
        return env

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        for folder in (self.root(config) / DATA_DIR, TEMPLATES):
            server.watch(str(folder))
        return server

    # -- the preview's error pages -------------------------------------------------------------------

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return preview.problems_page(self.problems, config.site_name, page.url or "/") if self.problems else output

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        if self.problems and template_name == "404.html":
            return preview.problems_page(self.problems, config.site_name, "a page that does not exist")
        return output_content

    def _placeholders(self, files: Files, config: MkDocsConfig) -> Files:
        """With no good catalog yet, a page for each data file, so its address shows the problems."""
        for file in find_data_files(self.root(config), Problems()):
            if file.family is not None:
                placeholder = File.generated(config, file.family.page_path(file.path.stem), content="# Data problems\n",
                                             inclusion=InclusionLevel.NOT_IN_NAV)
                if files.get_file_from_path(placeholder.src_uri) is None:
                    files.append(placeholder)
        return files

    # -- after the build -------------------------------------------------------------------------

    # After Material's search plugin has written the index.
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.catalog is not None and not self.problems:
            search = config.plugins.get("material/search") or config.plugins.get("search")
            if search is not None:
                write_search_index(Path(config.site_dir), self.catalog, search.config["separator"])
            if self.command == "serve":
                preview.print_built(self.page_count, time.monotonic() - self.started)
        if self.guard is not None:
            if config.strict and self.warnings.count > 0:  # MkDocs aborts right after this event
                self.guard.restore_old()
            else:
                self.guard.keep_new()

    def on_build_error(self, *, error: Exception) -> None:
        if self.guard is not None:
            self.guard.restore_old()

    def on_shutdown(self) -> None:
        if self.guard is not None:  # an interrupted build
            self.guard.restore_old()
        self._tool_logger().removeHandler(self.warnings)

    # -- helpers -----------------------------------------------------------------------------------

    @staticmethod
    def root(config: MkDocsConfig) -> Path:
        return Path(config.config_file_path).resolve().parent

    def _guard_site(self, config: MkDocsConfig) -> None:
        self.guard = LastGoodSite(Path(config.site_dir))
        self.guard.begin()
        self.warnings.count = 0
        # Listen to the tool's own logger: "mkdocs", or "properdocs" under ProperDocs.
        logger = self._tool_logger()
        if self.warnings not in logger.handlers:
            logger.addHandler(self.warnings)

    @staticmethod
    def _tool() -> str:
        """The running tool's name: "mkdocs", or "properdocs" under ProperDocs."""
        return BasePlugin.__module__.split(".")[0]

    def _tool_logger(self) -> logging.Logger:
        return logging.getLogger(self._tool())
