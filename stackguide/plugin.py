"""The MkDocs plugin: turns the Catalog into pages, navigation and exports, and guards site_dir.

Each event delegates to the package: stackguide.load (data), stackguide.pages (what is
generated), stackguide.siteguard (keeping the last good site) and stackguide.preview (errors in
the browser while `mkdocs serve` runs).
"""

from __future__ import annotations

import functools
import html
import logging
import os
import posixpath
import time
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler
from mkdocs.utils.templates import TemplateContext

from stackguide import csp, gcpause, mdextensions, minify, pages, preview, render, themefiles
from stackguide.catalog import Catalog
from stackguide.config import StackGuideConfig
from stackguide.errors import DataError, Problem, Problems
from stackguide.families import GUIDE_PAGES
from stackguide.files import find_data_files
from stackguide.glossary import GlossaryLinks
from stackguide.load import BuildDateError, FileCache, build_date, load_catalog
from stackguide.pagecache import GeneratedPageCache
from stackguide.quickwatch import QuickWatch
from stackguide.rebuildfailure import RebuildFailures
from stackguide.render import TEMPLATES
from stackguide.rendercache import ThemeOutputCache
from stackguide.searchcache import SearchEntryCache
from stackguide.searchindex import WordSets, write_search_index
from stackguide.siteguard import LastGoodSite
from stackguide.sitesync import SiteSync
from stackguide.yamlcache import ParsedFiles

if TYPE_CHECKING:  # imported by `mkdocs serve` alone
    from mkdocs.livereload import LiveReloadServer

ASSETS = Path(__file__).resolve().parent / "assets"  # the plugin's CSS and JavaScript, served under assets/stackguide/
ASSET_URL = "assets/stackguide"
SEARCH_START = f"{ASSET_URL}/workers/search-start.js"  # the worker a page starts to search with the plugin's records
PLUGIN_NAME = "stackguide"  # its entry point in pyproject.toml: what MkDocs records as the maker of a file it adds
BUILDS = ("build", "gh-deploy")  # commands whose process ends with the build


def _material(config: MkDocsConfig) -> bool:
    """The site's theme is Material for MkDocs, which the plugin's scripts and search worker build on."""
    return config.theme.name == "material"


class StackGuidePlugin(BasePlugin[StackGuideConfig]):  # type: ignore[no-untyped-call]  # as in config.py
    def __init__(self) -> None:
        # Kept across `mkdocs serve` rebuilds (the plugin has on_startup): while data/ is broken
        # the preview keeps the last good catalog for its pages and shows the problems on them.
        self.catalog: Catalog | None = None
        self.problems: list[Problem] = []
        self.command = "build"
        self.guard: LastGoodSite | None = None
        self.rebuilds: RebuildFailures | None = None  # the preview's failed rebuilds (_rebuilds)
        self.serving = False  # the preview's server runs: its builder is wrapped (on_serve)
        self.warnings = CountHandler(level=logging.WARNING)  # MkDocs' own, as its strict mode counts
        self.started = 0.0
        self.page_count = 0  # pages in this build, hand-written and generated
        self.search_wired = False  # the pages start the plugin's search worker (this project's overrides/main.html)
        self._policies: dict[tuple[str, int], str] = {}  # this build's security policy of each kind of generated page
        self.template_cache = preview.TemplateCache()
        self.file_cache = FileCache()  # the preview's parsed data files
        self.conversions = preview.ConversionCache()  # the preview's converted pages
        self.outputs = ThemeOutputCache()  # the preview's rendered pages
        self.search_entries = SearchEntryCache()  # the preview's search entries of each page
        self.search_words = WordSets()  # the preview's words of each search record
        self.page_cache = GeneratedPageCache()  # the preview's generated pages
        self.quick_watch = QuickWatch()  # the preview's watch on the project's own files
        self.site_sync = SiteSync()  # the preview's site folder, rewritten where it changed
        self._data_files: dict[str, str] = {}  # generated page's src_uri -> its data file
        self._guide: Mapping[str, str] = GUIDE_PAGES  # hand-written guide pages' URLs by id, with glossary_page's

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        gcpause.thaw()  # what an earlier build in this process froze
        # mkdocs-macros announces its modules on every rebuild; keep its warnings only.
        logging.getLogger(f"{self._tool()}.plugins.mkdocs_macros.util").setLevel(logging.WARNING)
        if command == "serve":
            preview.quiet_rebuilds(self._tool())

    # Before every other plugin: a data error stops the build before anything is written, and
    # mkdocs-macros finds the catalog already loaded.
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not self.config.enabled:
            self.catalog = None
            config.nav = self._expand_nav(config)  # the generated: items drop out
            return config
        self._count_quiet_warnings(config)
        self._require_docs_root_links(config)
        self._require_plain_site_url(config)
        self._require_directory_urls(config)
        self._require_data_edit_links(config)
        cache_dir = self._cache_dir(config) if self.config.cache else None  # refused inside docs_dir, previews too
        if conflicts := mdextensions.add_required(config.markdown_extensions, config.mdx_configs):
            raise PluginError("stackguide: the generated pages need these Markdown settings in mkdocs.yml: "
                              + "; ".join(conflicts))
        previewing = self.command == "serve"
        self.started = time.monotonic()
        self.search_wired = False
        self._policies = {}
        gcpause.thaw()  # `mkdocs serve --clean` rebuilds under the build command: what the last froze is free again
        if previewing:
            self.site_sync.keep(config.site_dir)
        themefiles.tune_environments(config.theme, self.template_cache)  # Material's search makes some too
        self.conversions.new_build()
        render.use_templates(self._templates_dir(config))
        render.use_notes_page(self.config.notes_page)
        self._add_assets(config)
        try:
            today = build_date()
        except BuildDateError as err:
            raise PluginError(f"stackguide: {err}") from None
        try:
            with gcpause.paused_gc(then_freeze=self.command in BUILDS):  # later collections skip the catalog
                self.catalog = load_catalog(self.root(config), data_dir=self.config.data_dir, today=today,
                                            drafts=previewing,
                                            cache=self.file_cache if previewing else None,
                                            # the preview keeps its own parsed files in memory
                                            parsed=ParsedFiles(cache_dir) if cache_dir and not previewing else None)
            self.problems = []
        except DataError as err:
            if not previewing:
                raise PluginError(str(err)) from None
            self.problems = err.problems
            preview.print_problems(self.problems)
        if previewing:
            # mkdocs.yml says strict: true, which would stop the preview on the warnings a broken
            # catalog causes (links to pages not made): while it shows the problems, they do not count.
            # Nor in the first build, which runs before the server's builder is wrapped: its warnings
            # show as a failed rebuild's (on_post_build), and the preview starts.
            first = config.strict and not self.serving
            if first:
                self._rebuilds(config).listen()
            preview.forgive_warnings(self._tool_logger(), while_broken=bool(self.problems) or first)
        config.nav = self._expand_nav(config)
        if self.catalog is not None:
            terms = {term.term: term.expansion for term in self.catalog.glossary.terms}
            glossary = GlossaryLinks(terms=terms, glossary_page="/" + self.config.glossary_page.lstrip("/"))
            # MkDocs passes Extension instances on to Python-Markdown, but types the list as names.
            config.markdown_extensions.append(glossary)  # type: ignore[arg-type]
        if self.command != "serve" and self.config.keep_last_good_site:
            self._guard_site(config)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        assets = [File.generated(config, f"{ASSET_URL}/{asset.relative_to(ASSETS).as_posix()}",
                                 content=minify.served(asset))  # workers/ holds scripts pages load by address
                  for asset in sorted(path for path in ASSETS.rglob("*") if path.is_file())]
        if self.catalog is None:
            self._add_generated(files, [(file, "the plugin's assets") for file in assets], config)
            return self._placeholders(files, config)
        with gcpause.paused_gc(then_freeze=self.command in BUILDS):  # nor the pages
            root_from_docs = os.path.relpath(self.root(config), config.docs_dir)
            made = self._generated_pages()
            generated = [(file, "the plugin's assets") for file in assets]
            for page in made:
                file = File.generated(config, page.path, content=page.content)
                file.edit_uri = self._edit_uri(root_from_docs, page.path, page.data_file)
                generated.append((file, page.data_file))
            outputs = pages.outputs(self.catalog, config.site_name, config.site_description or "",
                                    config.site_url or "/")
            generated += [(File.generated(config, name, content=content), "the catalog")
                          for name, content in outputs.items()]
            self._add_generated(files, generated, config)
            self._check_linked_pages(files, made, config)
            glossary = files.get_file_from_path(self.config.glossary_page.lstrip("/"))
            self._guide = {**GUIDE_PAGES, "glossary": glossary.url} if glossary is not None else GUIDE_PAGES
            # The glossary and onboarding pages show one data file each: their edit button opens it.
            onboarding = next((file for file in files.documentation_pages()
                               if file.url == self._guide["onboarding"]), None)
            for page_file, data_name in ((glossary, "glossary.yaml"), (onboarding, "onboarding.yaml")):
                if page_file is not None and page_file.generated_by is None:
                    page_file.edit_uri = self._edit_uri(root_from_docs, page_file.src_uri,
                                                        f"{self.config.data_dir}/{data_name}")
        self.page_count = len(files.documentation_pages())
        return files

    @staticmethod
    def _add_generated(files: Files, generated: list[tuple[File, str]], config: MkDocsConfig) -> None:
        """Add what the plugin makes (each file with what it is made from). A file of docs_dir at
        the same path would be replaced without a word (MkDocs only warns of it as a deprecation)."""
        existing = files.src_uris  # a File's src_uri is normalised already, as get_file_from_path would
        taken = [f"{file.src_uri} (made from {source})" for file, source in generated if file.src_uri in existing]
        if taken:
            raise PluginError(f"stackguide: docs_dir ({config.docs_dir}) has files at paths the plugin generates, "
                              f"which would replace them: {'; '.join(taken)}; rename or remove them")
        for file, _ in generated:
            files.append(file)

    def _check_linked_pages(self, files: Files, made: list[pages.GeneratedPage], config: MkDocsConfig) -> None:
        """The hand-written pages the generated ones link to must exist: in a project whose
        mkdocs.yml leaves absolute links unchecked (MkDocs' default), a missing one is a dead link
        on every page that has it."""
        assert self.catalog is not None
        linked = pages.linked_pages(made)
        if self.catalog.glossary.terms:  # every tooltip links there
            linked.setdefault(self.config.glossary_page.lstrip("/"), "the glossary tooltips (glossary_page)")
        existing = files.src_uris  # most links name a file as it is named (get_file_from_path normalises first)
        missing = [f"{target} (linked from {source})" for target, source in linked.items()
                   if target not in existing and files.get_file_from_path(target) is None]
        if missing:
            raise PluginError(f"stackguide: the generated pages link to pages that docs_dir ({config.docs_dir}) "
                              f"does not have: {'; '.join(sorted(missing))}; write them (\"The pages a project "
                              "writes\" in the plugin's documentation says what each holds)")

    def _generated_pages(self) -> list[pages.GeneratedPage]:
        """Every generated page; in the preview, a page that cannot be made is a problem on every page."""
        assert self.catalog is not None
        if self.command != "serve":
            return pages.generated_pages(self.catalog)
        made, failed = [], []
        self.page_cache.new_build(render.template_folders())
        for item in self.catalog.pages():
            try:
                made.append(self.page_cache.page(self.catalog, item))
            except Exception as err:  # a template met a shape the loader does not check: show it, keep serving
                failed.append(Problem(self.catalog.data_path(item), 1, f"its page cannot be made "
                                      f"({type(err).__name__}: {err}); this is a bug in the site's checks or "
                                      "templates, please report it"))
        self.page_cache.forget_others({page.path for page in made})
        if failed:
            self.problems = failed
            preview.print_problems(failed)
            preview.forgive_warnings(self._tool_logger(), while_broken=True)
        return made

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # A generated page's title is its name escaped for HTML (pages.generated_page): marked safe,
        # a template that escapes it again (Material's footer labels) prints it as it is.
        title = page.meta.get("title")
        if page.file.generated_by is not None and page.file.src_uri in self._data_files and type(title) is str:
            page.meta["title"] = Markup(title)
            # The summary, as text: Material prints it into <meta content="..."> as it is (only the
            # project's own overrides/main.html escapes it), so it is given escaped and marked safe.
            if type(description := page.meta.get("description")) is str:
                page.meta["description"] = Markup(html.escape(description, quote=True))
        return markdown

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        if self.command == "serve" and self.config.enabled:
            # The preview reuses a page's HTML from the last rebuild while its Markdown and all the
            # conversion reads are unchanged (preview.ConversionCache).
            page.render = functools.partial(self.conversions.render, page)  # type: ignore[method-assign]
        return page

    # After every other plugin's on_env: the preview's theme cache reads the finished environment.
    @event_priority(-100)
    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        if self.command == "serve" and self.config.enabled:
            self.site_sync.expect(files)
            # After the search plugin's on_config (it makes a new index every build).
            self.search_entries.attach(config.plugins.get("material/search"))
            self.outputs.new_build(env, [file.page for file in files.documentation_pages() if file.page],
                                   last_to_see_context=self._sees_pages_last(config))
        return env

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        if self.config.enabled:
            overrides = self._templates_dir(config)
            folders = (self.root(config) / self.config.data_dir, TEMPLATES, ASSETS, *filter(None, [overrides]))
            # The files beside mkdocs.yml, not its folders: the report `make watch` writes, which the
            # catalog reads, shows (or is refused) without another save.
            root = str(self.root(config))
            self.quick_watch.take_over(server, [*map(str, folders), *config.watch],
                                       watched=[config.docs_dir, config.config_file_path], shallow=[root])
            for folder in folders:  # on MkDocs' own observer if the quick one was not taken; else only counted
                server.watch(str(folder))
            server.watch(root, recursive=False)
            # A rebuild that fails shows why on every page, where MkDocs' server would hold every request.
            server.builder = self._rebuilds(config).wrap(server.builder)
            self.serving = True
        return server

    def _sees_pages_last(self, config: MkDocsConfig) -> bool:
        """Whether this plugin sees the theme's environment and each page's context after, and each
        page's output before, every other plugin: what the preview reuses must cover what they
        add and not include what they change."""
        events = config.plugins.events
        return bool(events["env"] and events["env"][-1] == self.on_env
                    and events["page_context"] and events["page_context"][-1] == self._reuse_output
                    and events["post_page"] and events["post_page"][0] == self._keep_output)

    @event_priority(100)
    def edit_url_and_template(self, context: TemplateContext, *, page: Page, config: MkDocsConfig,
                               nav: Navigation) -> TemplateContext:
        # With data_edit_uri, a generated page's edit button opens its data file there.
        data_file = self._data_files.get(page.file.src_uri)
        if data_file is not None and self.config.data_edit_uri is not None:
            page.edit_url = self._data_edit_url(config.repo_url, data_file)
        if self.command == "serve" and self.config.enabled:  # its own template, before other plugins read its metadata
            self.outputs.restore_template(context, page)
        return context

    # After every other plugin's on_page_context: the context is final.
    @event_priority(-100)
    def _reuse_output(self, context: TemplateContext, *, page: Page, config: MkDocsConfig,
                      nav: Navigation) -> TemplateContext:
        if self.command == "serve" and self.config.enabled:
            self.outputs.reuse(context, page)
        return context

    on_page_context = CombinedEvent(edit_url_and_template, _reuse_output)

    # -- the preview's error pages -------------------------------------------------------------------

    # Before other plugins' on_post_page: the theme's own output is what the preview keeps.
    @event_priority(100)
    def _keep_output(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self.command == "serve" and self.config.enabled:
            self.outputs.store(page, output)
        return output

    def _problems_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return preview.problems_page(self.problems, config.site_name, page.url or "/") if self.problems else output

    def _note_search_worker(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Whether the theme's pages start the plugin's search worker: only then are Material's
        search records split for it (another team's theme starts Material's own worker)."""
        if not self.search_wired and SEARCH_START in output:
            self.search_wired = True
        return output

    # After every other plugin's on_post_page: the policy allows the page's inline scripts as they are.
    @event_priority(-100)
    def _security_policy(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if not self._with_policy():
            return output
        if page.file.generated_by != PLUGIN_NAME:  # a hand-written page may hold a script of its own
            return csp.with_policy(output)
        # A page made from data has the theme's inline scripts alone (its data is never markup),
        # and they differ only by template and depth (the relative base URL in Material's scope
        # script): the first page of each kind is read for them, saving a read of each page (about
        # 30 ms at 300 entries). tests/test_csp.py holds every page of the real site to its own.
        kind = (str(page.meta.get("template", "")), (page.url or "").count("/"))
        if (policy := self._policies.get(kind)) is None:
            policy = self._policies[kind] = csp.policy(csp.inline_scripts(output))
        return csp.with_policy(output, policy)

    on_post_page = CombinedEvent(_keep_output, _problems_page, _note_search_worker, _security_policy)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        if self.problems and template_name == "404.html":
            return preview.problems_page(self.problems, config.site_name, "a page that does not exist")
        if self._with_policy() and template_name.endswith(".html"):  # the theme's 404 page
            return csp.with_policy(output_content)
        return output_content

    def _with_policy(self) -> bool:
        return self.config.enabled and self.config.content_security_policy and self.command != "serve"

    def _cache_dir(self, config: MkDocsConfig) -> Path:
        folder = (self.root(config) / self.config.cache_dir).resolve()
        docs = Path(config.docs_dir).resolve()
        if folder == docs or docs in folder.parents:
            raise PluginError(f"stackguide: cache_dir ({self.config.cache_dir}) is inside docs_dir "
                              f"({config.docs_dir}), so MkDocs would publish what the plugin keeps there; put it "
                              "outside docs_dir (by default it is .cache/plugin/stackguide)")
        data = (self.root(config) / self.config.data_dir).resolve()
        if folder == data or data in folder.parents:
            raise PluginError(f"stackguide: cache_dir ({self.config.cache_dir}) is inside the data folder "
                              f"({self.config.data_dir}), which holds only data files, so the next build would "
                              "refuse what the plugin keeps there; put it outside (by default it is "
                              ".cache/plugin/stackguide)")
        return folder

    def _placeholders(self, files: Files, config: MkDocsConfig) -> Files:
        """With no good catalog yet, a page for each data file, so its address shows the problems."""
        for file in find_data_files(self.root(config), Problems(), self.config.data_dir):
            if file.family is not None:
                placeholder = File.generated(config, file.family.page_path(file.path.stem), content="# Data problems\n",
                                             inclusion=InclusionLevel.NOT_IN_NAV)
                if files.get_file_from_path(placeholder.src_uri) is None:
                    files.append(placeholder)
        for name in pages.OUTPUT_NAMES:  # linked from hand-written pages
            files.append(File.generated(config, name, content=""))
        return files

    # -- after the build -------------------------------------------------------------------------

    # After Material's search plugin has written the index.
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.catalog is not None and not self.problems:
            # The index split into records and pages is for the plugin's search worker, which runs
            # inside Material's search; another theme's search reads the index as its plugin wrote it.
            search = config.plugins.get("material/search")
            if search is not None and _material(config) and self.search_wired:
                write_search_index(Path(config.site_dir), self.catalog, search.config["separator"],
                                   self.search_words if self.command == "serve" else None, self._guide)
            if self.command == "serve":
                preview.print_built(self.page_count, time.monotonic() - self.started, self.conversions.converted,
                                    self.outputs.rendered())
        if self.command == "serve" and config.strict and not self.serving and not self.problems:
            self._rebuilds(config).first_build_warned()
        self.site_sync.finish()  # the preview's folder: what this build no longer writes goes
        if self.guard is not None:
            if config.strict and self.warning_count() > 0:  # MkDocs aborts right after this event
                self.guard.restore_old()
            else:
                self.guard.keep_new()

    def on_build_error(self, *, error: Exception) -> None:
        self.site_sync.failed()
        if self.guard is not None:
            self.guard.restore_old()

    def on_shutdown(self) -> None:
        self.quick_watch.stop()
        self.site_sync.release()
        if self.guard is not None:  # an interrupted build
            self.guard.restore_old()
        self._tool_logger().removeHandler(self.warnings)
        if self.rebuilds is not None:
            self.rebuilds.stop()
        if self.command in BUILDS and self.config.enabled:  # the process ends: spare it a last walk of the heap
            gcpause.freeze()  # (stackguide/gcpause.py)

    # -- helpers -----------------------------------------------------------------------------------

    @staticmethod
    def root(config: MkDocsConfig) -> Path:
        return Path(config.config_file_path).resolve().parent

    def _expand_nav(self, config: MkDocsConfig) -> list[Any]:
        try:
            return pages.expand_nav(config.nav or [], self.catalog, self.config.nav_section_max)
        except pages.NavError as err:
            raise PluginError(str(err)) from None

    @staticmethod
    def _require_docs_root_links(config: MkDocsConfig) -> None:
        """The generated pages and the macros link from the docs root (/services/amazon-polly.md);
        MkDocs resolves such a link only when mkdocs.yml asks it to, and otherwise leaves it as it
        is, broken on the built site."""
        absolute = config.validation.links.absolute_links
        if getattr(absolute, "name", None) != "RELATIVE_TO_DOCS":  # MkDocs' _AbsoluteLinksValidationValue
            raise PluginError("stackguide: the generated pages link from the docs root (such as "
                              "/services/one.md), which MkDocs resolves only when mkdocs.yml says so; add\n"
                              "validation:\n  links:\n    absolute_links: relative_to_docs")

    @staticmethod
    def _require_directory_urls(config: MkDocsConfig) -> None:
        """The guide's addresses (/services/amazon-polly/) are its stable deep links: catalog.json, the
        feeds, llms.txt and the search fields give them, and with use_directory_urls: false no page
        would be served there (search would also lose its fields without a word)."""
        if not config.use_directory_urls:
            raise PluginError("stackguide: the guide's pages are served at stable addresses such as "
                              "/services/amazon-polly/, which need use_directory_urls: true (MkDocs' default); "
                              "remove use_directory_urls: false from mkdocs.yml")

    def _require_data_edit_links(self, config: MkDocsConfig) -> None:
        """A generated page's edit button opens its data file: by data_edit_uri, or by MkDocs' own
        edit link with the file's path from docs_dir (../data/...) put where the page's would be."""
        edit = self.config.data_edit_uri
        if edit and not urlsplit(edit).scheme and not config.repo_url:
            raise PluginError(f"stackguide: data_edit_uri '{edit}' is a path under repo_url, and mkdocs.yml sets no "
                              "repo_url; set repo_url, or give data_edit_uri as a full http(s) address")
        if edit is None and (config.edit_uri_template or "?" in (config.edit_uri or "")
                             or "#" in (config.edit_uri or "")):
            form = "edit_uri_template" if config.edit_uri_template else f"edit_uri '{config.edit_uri}'"
            raise PluginError(f"stackguide: with {form}, the path of a data file from docs_dir (../data/...) "
                              "cannot make its edit link; set the plugin's data_edit_uri (the data folder's edit "
                              "address, or '' for no edit button on generated pages)")

    @staticmethod
    def _require_plain_site_url(config: MkDocsConfig) -> None:
        """catalog.json, the feeds and llms.txt add page paths to site_url: after a ?query or a
        #fragment, every address they give would be broken (MkDocs' sitemap has the same flaw)."""
        address = urlsplit(config.site_url or "")
        if address.query or address.fragment:
            raise PluginError(f"stackguide: site_url must be the site's address without a ?query or #fragment "
                              f"(page addresses are added to it), not {config.site_url!r}")

    def _templates_dir(self, config: MkDocsConfig) -> Path | None:
        if self.config.templates_dir is None:
            return None
        folder = self.root(config) / self.config.templates_dir
        if not folder.is_dir():
            raise PluginError(f"stackguide: templates_dir '{self.config.templates_dir}' is not a folder next to "
                              "mkdocs.yml")
        return folder

    @staticmethod
    def _add_assets(config: MkDocsConfig) -> None:
        """The plugin's stylesheet and scripts, before the project's own (which may build on them).
        The scripts build on Material (its page events, search and dialogs): under another theme the
        pages go without them, as they read without JavaScript."""
        css = [f"{ASSET_URL}/{path.name}" for path in sorted(ASSETS.glob("*.css"))]
        scripts = [f"{ASSET_URL}/{path.name}" for path in sorted(ASSETS.glob("*.js"))] if _material(config) else []
        config.extra_css[:0] = [path for path in css if path not in config.extra_css]
        known = {str(script) for script in config.extra_javascript}
        # MkDocs takes plain paths here as it does from mkdocs.yml.
        config.extra_javascript[:0] = [path for path in scripts if path not in known]

    def _edit_uri(self, root_from_docs: str, src_uri: str, data_file: str) -> str | None:
        """The data file's path from docs_dir (`root_from_docs` leads from there to the project root):
        MkDocs adds it to edit_uri, which points at docs_dir."""
        self._data_files[src_uri] = data_file
        if self.config.data_edit_uri is not None:
            return None  # set in on_page_context
        return posixpath.normpath(posixpath.join(root_from_docs.replace(os.sep, "/"), data_file))

    def _data_edit_url(self, repo_url: str | None, data_file: str) -> str | None:
        """data_edit_uri joined as MkDocs joins edit_uri: a path is under repo_url, whether or not
        it ends in a slash, and '' means no edit button."""
        if not self.config.data_edit_uri:
            return None
        inside = Path(data_file).relative_to(self.config.data_dir).as_posix()
        if repo_url and not repo_url.endswith("/"):
            repo_url += "/"
        return urljoin(repo_url or "", self.config.data_edit_uri.rstrip("/") + "/" + inside)

    def _guard_site(self, config: MkDocsConfig) -> None:
        self.guard = LastGoodSite(Path(config.site_dir))
        self.guard.begin()
        self.warnings.counts.clear()
        # Listen to the tool's own logger: "mkdocs", or "properdocs" under ProperDocs.
        logger = self._tool_logger()
        if self.warnings not in logger.handlers:
            logger.addHandler(self.warnings)

    def _rebuilds(self, config: MkDocsConfig) -> RebuildFailures:
        if self.rebuilds is None:
            self.rebuilds = RebuildFailures(self._tool_logger(), config.site_dir, config.site_name,
                                            config.config_file_path, config.docs_dir)
        return self.rebuilds

    def _count_quiet_warnings(self, config: MkDocsConfig) -> None:
        """Strict mode checks the same under `--quiet` and `--verbose`, two open MkDocs bugs apart.
        `--quiet` raises the tool's logger to ERROR, so strict mode counts no warning and a site
        with broken links builds (mkdocs/mkdocs#4126): under strict, warnings reach the counters
        again, and the terminal's own handler still shows errors only. `--verbose` lowers it to
        DEBUG, at which MkDocs stops collecting the links to anchors, so a broken anchor passes
        (mkdocs/mkdocs#3991): the module that collects them stays at INFO (what it logs below
        that are the findings `validation:` says to ignore, which `-v` then does not show)."""
        if not config.strict:
            return
        logger = self._tool_logger()
        if logger.level > logging.WARNING:
            for handler in logger.handlers:
                if type(handler) is logging.StreamHandler:  # the command line's
                    handler.setLevel(max(handler.level, logger.level))
            logger.setLevel(logging.WARNING)
        pages_logger = logging.getLogger(f"{self._tool()}.structure.pages")
        if pages_logger.getEffectiveLevel() <= logging.DEBUG:
            pages_logger.setLevel(logging.INFO)

    def warning_count(self) -> int:
        """Warnings and errors the tool logged in this build."""
        return sum(self.warnings.counts.values())

    @staticmethod
    def _tool() -> str:
        """The running tool's name: "mkdocs", or "properdocs" under ProperDocs."""
        return BasePlugin.__module__.split(".")[0]

    def _tool_logger(self) -> logging.Logger:
        return logging.getLogger(self._tool())
