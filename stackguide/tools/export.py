"""An exit from the plugin: the whole site as plain Markdown files and a config with no plugin of
ours and no macros, for any generator that reads mkdocs.yml projects (`make export`).

    python -m stackguide.tools.export OUT      # writes OUT/mkdocs.yml, OUT/docs/, OUT/overrides/

It follows the project's mkdocs.yml: its docs_dir and theme custom_dir, and the plugin's data_dir,
templates_dir, glossary_page, notes_page and nav_section_max. Generated pages are written as the plugin would
add them; hand-written pages have their macro calls replaced by the same render functions' output;
the navigation is written out in full. The one Python piece left is a Markdown extension
(stackguide.glossary), which Python-Markdown loads by name like any other.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import stat
import sys
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, StrictUndefined

from stackguide import mdextensions, pages, render
from stackguide.catalog import Catalog
from stackguide.config import StackGuideConfig
from stackguide.errors import DataError
from stackguide.load import BuildDateError, load_catalog
from stackguide.pagemacros import MACROS, bound
from stackguide.plugin import ASSET_URL, ASSETS
from stackguide.tools.project import ProjectError, mkdocs_config, named_settings, plugin_options

_FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.DOTALL)


MARKER = ".stackguide-export"  # left in every folder the export writes: only such a folder is ever emptied


class ExportError(Exception):
    """The export refused to write where it was pointed; nothing was changed."""


def _is_marker(path: Path) -> bool:
    """A marker the export wrote: a regular file, not a symbolic link to one nor a folder."""
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def check_destination(root: Path, out: Path, read: tuple[tuple[Path, str], ...] = ()) -> None:
    """Refuse any folder the export did not create: the project, its parents, a folder inside one the
    export reads (`read`: each resolved folder and what it is), and folders with other files."""
    project, target = root.resolve(), out.resolve()
    if target == project or project.is_relative_to(target):
        raise ExportError(f"{out} is the project folder or one of its parents; name a new folder, e.g. export")
    if out.is_symlink():
        raise ExportError(f"{out} is a symbolic link; name the folder itself")
    for folder, what in read:
        if target.is_relative_to(folder):
            raise ExportError(f"{out} is inside the project's {what} ({folder}), which the export reads; name a "
                              "folder outside it, e.g. export")
    if target.exists() and not target.is_dir():
        raise ExportError(f"{out} is a file, not a folder; name a new folder")
    if target.is_dir() and any(target.iterdir()) and not _is_marker(target / MARKER):
        raise ExportError(f"{out} already holds files the export did not write; name a new or empty folder "
                          f"(a folder the export wrote before has a {MARKER} file and is replaced)")


def export_site(root: Path, out: Path) -> Catalog:
    root = root.resolve()
    check_destination(root, out)
    config = mkdocs_config(root)
    options = plugin_options(config)
    docs = _inside(root, config.get("docs_dir", "docs"), "docs_dir")
    theme = config.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    overrides = _inside(root, custom, "theme custom_dir") if custom else None
    templates = _inside(root, options.templates_dir, "templates_dir") if options.templates_dir else None
    data = (root / options.data_dir).resolve()
    check_destination(root, out, ((docs, "docs_dir"), (data, "data folder"),
                                  *(((overrides, "theme custom_dir"),) if overrides else ()),
                                  *(((templates, "templates_dir"),) if templates else ()),
                                  (ASSETS.parent.resolve(), "stackguide package")))
    catalog = load_catalog(root, data_dir=options.data_dir)
    if out.is_dir():
        shutil.rmtree(out)  # checked above: empty, or written by an earlier export
    out.mkdir(parents=True)
    (out / MARKER).write_text("Written by python -m stackguide.tools.export; the next export replaces this folder.\n",
                              encoding="utf-8")
    out_docs = out / docs.relative_to(root)
    shutil.copytree(docs, out_docs)
    shutil.copytree(ASSETS, out_docs / ASSET_URL)  # the plugin's CSS and scripts, now plain files
    if overrides is not None:
        shutil.copytree(overrides, out / overrides.relative_to(root))
    for included in _snippet_files(root, docs):  # what pages include (this project's CONTRIBUTING.md)
        (out / included).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / included, out / included)
    with render.templates_from(templates, options.notes_page):  # the project's own first, as the plugin reads them
        for page in pages.generated_pages(catalog):
            _write(out_docs / page.path, page.content.replace("render_macros: false\n", ""))
        for markdown in sorted(out_docs.rglob("*.md")):
            _expand_macros(markdown, catalog)
            _relative_links(markdown, out_docs)
    for name, content in pages.outputs(catalog, config["site_name"], config.get("site_description", ""),
                                       config.get("site_url") or "/").items():
        _write(out_docs / name, content)
    _write(out / "mkdocs.yml", yaml.safe_dump(_export_config(config, catalog, options), sort_keys=False,
                                              allow_unicode=True, width=1000))
    return catalog


_SNIPPET = re.compile(r'^\s*-{1,}8<-{1,}\s+"([^"\n]+)"', re.MULTILINE)  # pymdownx.snippets' --8<-- "file"


def _snippet_files(root: Path, docs: Path) -> list[Path]:
    """The project's files that docs_dir's pages include with pymdownx.snippets (a base_path of
    the project folder, as mkdocs.yml gives it), each inside the project and outside docs_dir."""
    found = set()
    for page in docs.rglob("*.md"):
        for name in _SNIPPET.findall(page.read_text(encoding="utf-8")):
            path = (root / name.split(":")[0]).resolve()
            if path.is_file() and path.is_relative_to(root) and not path.is_relative_to(docs):
                found.add(path.relative_to(root))
    return sorted(found)


def _inside(root: Path, relative: object, what: str) -> Path:
    """A folder that mkdocs.yml names relative to itself, which must be in the project (`root`, resolved)."""
    folder = (root / str(relative)).resolve()
    if not folder.is_relative_to(root) or not folder.is_dir():
        raise ExportError(f"mkdocs.yml: {what} '{relative}' is not a folder inside the project")
    return folder


def _extensions(config: dict[str, Any]) -> list[Any]:
    """mkdocs.yml's Markdown extensions with those the generated pages need (as the plugin adds them)."""
    names: list[str] = []
    settings: dict[str, dict[str, Any]] = {}
    for name, given in named_settings(config.get("markdown_extensions")):
        names.append(name)
        if given:
            settings[name] = dict(given)
    if conflicts := mdextensions.add_required(names, settings):
        raise ExportError("the generated pages need these Markdown settings in mkdocs.yml: " + "; ".join(conflicts))
    return [{name: settings[name]} if settings.get(name) else name for name in names]


def _export_config(config: dict[str, Any], catalog: Catalog, options: StackGuideConfig) -> dict[str, Any]:
    plugins = [{name: given} if given else name for name, given in named_settings(config.get("plugins"))
               if name not in ("stackguide", "macros")]
    glossary = {"stackguide.glossary": {"terms": {term.term: term.expansion for term in catalog.glossary.terms},
                                        "glossary_page": "/" + options.glossary_page.lstrip("/")}}
    assets = sorted(path.name for path in ASSETS.iterdir() if path.is_file())
    return {
        **{key: value for key, value in config.items()
           if key not in ("plugins", "nav", "markdown_extensions", "watch")},
        "extra_css": [*(f"{ASSET_URL}/{name}" for name in assets if name.endswith(".css")),
                      *config.get("extra_css", [])],
        "extra_javascript": [*(f"{ASSET_URL}/{name}" for name in assets if name.endswith(".js")),
                             *config.get("extra_javascript", [])],
        "nav": pages.expand_nav(config.get("nav", []), catalog, options.nav_section_max),
        "plugins": plugins,
        "markdown_extensions": [*_extensions(config), glossary],
    }


def _expand_macros(path: Path, catalog: Catalog) -> None:
    """Replace a hand-written page's macro calls with what they render, as mkdocs-macros would."""

    text = path.read_text(encoding="utf-8")
    match = _FRONT_MATTER.match(text)
    if not match or "render_macros: true" not in match.group(1):
        return
    front = match.group(1).replace("render_macros: true\n", "")
    body = text[match.end():]
    environment = Environment(undefined=StrictUndefined, keep_trailing_newline=True)
    functions = {name: bound(function, catalog, name) for name, function in MACROS.items()}
    path.write_text(f"---\n{front}---\n" + environment.from_string(body).render(**functions), encoding="utf-8")


# A Markdown link target written from the docs root: "](/services/amazon-polly.md". Data cannot
# produce one (its brackets and parentheses are escaped), so every match is the templates' own.
_ROOT_LINK = re.compile(r"\]\(/([^)\s]+\.md(?:#[^)\s]*)?)\)")


def _relative_links(path: Path, docs: Path) -> None:
    """Make docs-root links relative to the page, the form every generator understands."""
    folder = path.parent.relative_to(docs)

    def relative(match: re.Match[str]) -> str:
        return "](" + os.path.relpath(match.group(1), folder or ".") + ")"

    path.write_text(_ROOT_LINK.sub(relative, path.read_text(encoding="utf-8")), encoding="utf-8")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    try:
        catalog = export_site(Path.cwd(), args.out)
    except (ExportError, ProjectError, BuildDateError) as err:
        print(f"export: {err}", file=sys.stderr)
        return 2
    except DataError as err:
        print(err, file=sys.stderr)
        return 1
    print(f"exported {len(catalog.pages())} generated pages and the hand-written ones to {args.out}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
