"""The theme's environments: their loader lists no hidden file or folder (MkDocs finds the same static
files with it), and they share their compiled templates."""

from __future__ import annotations

import inspect
from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from jinja2.bccache import Bucket
from mkdocs.config import load_config
from mkdocs.structure.files import Files

from stackguide.plugin import StackGuidePlugin
from stackguide.preview import TemplateCache
from stackguide.themefiles import VisibleFilesLoader, tune_environments

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
    tune_environments(config.theme, TemplateCache())
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


class CountingCache(TemplateCache):
    def __init__(self) -> None:
        super().__init__()
        self.compiled_names: list[str] = []

    def dump_bytecode(self, bucket: Bucket) -> None:  # Jinja stores code only after compiling it
        self.compiled_names.append(bucket.key)
        super().dump_bytecode(bucket)


def test_the_plugin_tunes_every_environment_of_the_theme(tiny_project: Path) -> None:
    """MkDocs' environment and the two Material's search plugin makes for its translations compile
    Material's language templates once between them."""
    config = load_config(str(tiny_project / "mkdocs.yml"))
    plugin = config.plugins["stackguide"]
    assert isinstance(plugin, StackGuidePlugin)
    plugin.template_cache = cache = CountingCache()
    plugin.on_startup(command="build", dirty=False)
    plugin.on_config(config)
    envs = [config.theme.get_env() for _ in range(3)]
    assert all(isinstance(env.loader, VisibleFilesLoader) and env.bytecode_cache is cache for env in envs)
    for env in envs:
        assert env.get_template("partials/language.html", None, {"config": config}).module.t("search.config.lang")  # type: ignore[attr-defined]  # a macro of the template
    assert len(cache.compiled_names) == len(set(cache.compiled_names)) >= 2  # language.html and its language
