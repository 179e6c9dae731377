"""Our templates' compiled code is kept between builds: a new environment loads it instead of
compiling, an edited template is compiled afresh, and a cache that cannot be written fails no build."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from jinja2 import Environment, FileSystemLoader

from stackguide import compiledcache, render
from stackguide.compiledcache import CompiledTemplates, compiled_templates, kept, settings_tag


class CountingEnvironment(Environment):
    compiled = 0

    def _compile(self, source: str, filename: str):  # type: ignore[no-untyped-def]  # Jinja's own hook
        CountingEnvironment.compiled += 1
        return super()._compile(source, filename)


def environment(templates: Path, cache: Path) -> CountingEnvironment:
    return CountingEnvironment(loader=FileSystemLoader(str(templates)), bytecode_cache=CompiledTemplates(str(cache)))


def test_a_new_environment_loads_the_kept_code_and_an_edit_is_compiled_again(tmp_path: Path) -> None:
    (tmp_path / "t").mkdir()
    (tmp_path / "c").mkdir()
    (tmp_path / "t" / "page.md.j2").write_text("Hello {{ name }}")
    CountingEnvironment.compiled = 0
    assert environment(tmp_path / "t", tmp_path / "c").get_template("page.md.j2").render(name="a") == "Hello a"
    assert CountingEnvironment.compiled == 1 and len(list((tmp_path / "c").iterdir())) == 1
    assert environment(tmp_path / "t", tmp_path / "c").get_template("page.md.j2").render(name="b") == "Hello b"
    assert CountingEnvironment.compiled == 1, "the second build compiled the template again"
    (tmp_path / "t" / "page.md.j2").write_text("Goodbye {{ name }}")
    assert environment(tmp_path / "t", tmp_path / "c").get_template("page.md.j2").render(name="c") == "Goodbye c"
    assert CountingEnvironment.compiled == 2


def test_a_cache_that_cannot_be_written_fails_no_build(tmp_path: Path) -> None:
    (tmp_path / "page.md.j2").write_text("Hello {{ name }}")
    env = environment(tmp_path, tmp_path / "gone")  # the folder does not exist: nothing can be written
    assert env.get_template("page.md.j2").render(name="a") == "Hello a"


def test_without_a_safe_folder_the_templates_are_compiled_each_time(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: CompiledTemplates) -> str:
        raise RuntimeError("Cannot determine safe temp directory.")

    monkeypatch.setattr(CompiledTemplates, "_get_default_cache_dir", refuse)
    assert compiled_templates({"trim_blocks": True}) is None


def test_code_compiled_under_other_settings_is_never_read(tmp_path: Path) -> None:
    """Jinja keys compiled code by template and source only; the settings shape the code too."""
    base = {"trim_blocks": True, "finalize": str, "autoescape": True}
    assert settings_tag(base) == settings_tag(dict(reversed(base.items())))
    changed = [{**base, "trim_blocks": False}, {**base, "finalize": repr}, {**base, "lstrip_blocks": True}]
    assert len({settings_tag(settings) for settings in [base, *changed]}) == 4
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "page.md.j2").write_text("{% if true %}\nyes\n{% endif %}\n")
    for trim in (True, False):
        cache = compiled_templates({"trim_blocks": trim})
        assert isinstance(cache, CompiledTemplates) and settings_tag({"trim_blocks": trim}) in cache.pattern
        env = Environment(loader=FileSystemLoader(str(tmp_path / "t")), bytecode_cache=cache, trim_blocks=trim)
        assert env.get_template("page.md.j2").render() == ("yes\n" if trim else "\nyes\n")


def test_the_package_templates_use_the_kept_code() -> None:
    cache = render.environment().bytecode_cache
    assert isinstance(cache, CompiledTemplates) and settings_tag(render._COMPILED_WITH) in cache.pattern


def test_what_code_makes_is_made_once_and_again_when_the_code_changes(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where Jinja's cache folder is made
    made: list[str] = []

    def make() -> str:
        made.append("schema")
        return '{"a": 1}\n'

    assert kept("thing.json", make) == kept("thing.json", make) == '{"a": 1}\n'
    assert made == ["schema"], "the second build made it again"
    package = tmp_path / "package"
    package.mkdir()
    (package / "model.py").write_text("A = 1\n")
    monkeypatch.setattr(compiledcache, "PACKAGE", package)
    assert kept("thing.json", make) == '{"a": 1}\n' and len(made) == 2  # other code: made afresh
    (package / "model.py").write_text("A = 2\n")
    assert kept("thing.json", make) == '{"a": 1}\n' and len(made) == 3
    folder = Path(compiledcache.CompiledTemplates().directory)
    assert [path.name for path in folder.glob("__stackguide_thing.json_*")] == [
        f"__stackguide_thing.json_{compiledcache.code_key()}"], "the copies made by older code are removed"


def test_a_cache_that_cannot_be_written_makes_it_every_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))

    def refuse(*args: object) -> None:
        raise OSError("read-only file system")

    monkeypatch.setattr(os, "replace", refuse)
    made: list[int] = []

    def make() -> str:
        made.append(1)
        return str(len(made))

    assert (kept("thing.json", make), kept("thing.json", make)) == ("1", "2")
