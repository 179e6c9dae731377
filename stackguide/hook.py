"""MkDocs hook: turns the Catalog into pages, navigation and exports, and guards site/.

Each event only calls the package; see stackguide.pages for what is generated.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from stackguide import pages
from stackguide.catalog import Catalog
from stackguide.load import cached_catalog
from stackguide.render import Abbreviations

_state: dict[str, object] = {"command": "build"}


def on_startup(command: str, dirty: bool) -> None:
    _state["command"] = command


def _catalog() -> Catalog:
    """This build's catalog, loaded once in on_config."""
    return _state["catalog"]  # type: ignore[return-value]


# Before every plugin, so a data error stops the build before anything is written
# and mkdocs-macros finds the catalog already loaded.
@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Raises DataError: MkDocs prints the path:line list, with no traceback.
    catalog = _state["catalog"] = cached_catalog(Path(config.config_file_path).parent)
    config.nav = pages.expand_nav(config.nav or [], catalog)
    _state["abbreviations"] = Abbreviations(catalog)
    _stage_site_dir(config)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    catalog = _catalog()
    for page in pages.generated_pages(catalog):
        file = File.generated(config, page.path, content=page.content)
        # The edit button opens the YAML file; edit_uri points into docs/, one level down.
        file.edit_uri = "../" + page.data_file
        files.append(file)
    site_url = config.site_url or "/"
    exports = {
        "catalog.json": pages.catalog_json(catalog, site_url),
        "llms.txt": pages.llms_txt(catalog, config.site_name, config.site_description or "", site_url),
    }
    for name, content in exports.items():
        files.append(File.generated(config, name, content=content))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Glossary terms become <abbr> tooltips wherever a page mentions them.
    abbreviations: Abbreviations = _state["abbreviations"]  # type: ignore[assignment]
    definitions = abbreviations.for_page(markdown)
    return f"{markdown}\n\n{definitions}\n" if definitions else markdown


# -- never leave a half-written site ---------------------------------------------------------
# `mkdocs build` cleans site_dir before rendering and only fails strict mode after
# on_post_build, so we build into a staging folder and swap it in when the build is clean.

def _stage_site_dir(config: MkDocsConfig) -> None:
    if _state["command"] != "build":
        return
    final = Path(config.site_dir)
    _state["final"] = final
    _state["staging"] = final.with_name(f".{final.name}.staging")
    config.site_dir = str(_state["staging"])


def on_post_build(config: MkDocsConfig) -> None:
    staging = _state.pop("staging", None)
    final = _state.pop("final", None)
    if not isinstance(staging, Path) or not isinstance(final, Path):
        return
    if config.strict and _strict_warnings():
        shutil.rmtree(staging, ignore_errors=True)  # MkDocs aborts next; keep the last good site
        return
    old = final.with_name(f".{final.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    staging.rename(final)
    shutil.rmtree(old, ignore_errors=True)
    config.site_dir = str(final)


def on_build_error(error: Exception) -> None:
    staging = _state.pop("staging", None)
    _state.pop("final", None)
    if isinstance(staging, Path):
        shutil.rmtree(staging, ignore_errors=True)


def _strict_warnings() -> bool:
    """True when MkDocs' strict-mode counter has seen a warning in this build."""
    return any(isinstance(h, CountHandler) and h.get_counts() for h in logging.getLogger("mkdocs").handlers)
