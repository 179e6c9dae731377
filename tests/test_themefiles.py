"""The theme's loader lists no hidden file or folder, and MkDocs finds the same static files with it."""

from __future__ import annotations

import inspect
from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from mkdocs.config import load_config
from mkdocs.structure.files import Files

from stackguide.themefiles import VisibleFilesLoader, list_visible_files

ROOT = Path(__file__).resolve().parent.parent


def static_files(env: Environment, config_file: Path) -> list[str]:
    config = load_config(str(config_file))
    files = Files([])
    files.add_files_from_theme(env, config)
    return sorted(file.src_uri for file in files)


def test_mkdocs_still_drops_every_path_with_a_hidden_part() -> None:
    """What makes skipping hidden folders safe: MkDocs' own filter drops them (a release that stops
    doing so fails here, and the loader must list them again)."""
    source = inspect.getsource(Files.add_files_from_theme)
    assert "'.*', '*/.*'" in source and "env.list_templates(filter_func=filter)" in source


def test_the_same_static_files_are_found_in_the_installed_theme() -> None:
    config = load_config(str(ROOT / "mkdocs.yml"))
    plain = config.theme.get_env()
    list_visible_files(config.theme)
    visible = config.theme.get_env()
    assert type(plain.loader) is FileSystemLoader and isinstance(visible.loader, VisibleFilesLoader)
    found = static_files(visible, ROOT / "mkdocs.yml")
    assert found == static_files(plain, ROOT / "mkdocs.yml")
    assert {name.split("/")[1] for name in found if name.startswith("assets/")} >= {"javascripts", "stylesheets"}
    # Material's icons are what is skipped: thousands of files, none of them static.
    assert len(plain.loader.list_templates()) > 10 * len(visible.loader.list_templates())


def test_hidden_files_and_folders_are_not_listed_at_any_depth(tmp_path: Path) -> None:
    for name in ("main.html", "a/b.js", ".hidden.css", "a/.c.js", ".icons/x.svg", "a/.d/e.js", "f/g/h.css"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    assert VisibleFilesLoader(str(tmp_path)).list_templates() == ["a/b.js", "f/g/h.css", "main.html"]
    assert set(FileSystemLoader(str(tmp_path)).list_templates()) > {"a/.d/e.js", ".icons/x.svg"}
    # Templates still load from a hidden folder, as Material's icons are included.
    env = Environment(loader=VisibleFilesLoader(str(tmp_path)))
    assert env.get_template(".icons/x.svg").render() == "x"


def test_the_plugin_gives_the_theme_the_loader(tiny_project: Path) -> None:
    config = load_config(str(tiny_project / "mkdocs.yml"))
    plugin = config.plugins["stackguide"]
    plugin.on_startup(command="build", dirty=False)
    plugin.on_config(config)
    assert isinstance(config.theme.get_env().loader, VisibleFilesLoader)
