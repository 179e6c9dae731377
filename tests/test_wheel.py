"""The package another team installs: built as a wheel, installed into a new environment with only
the pinned runtime requirements, and used by a project that holds nothing of ours but the plugin's
name in its mkdocs.yml, its data/ and its docs/."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from conftest import OTHER_CONFIG, ROOT, their_project, write

from stackguide.tools.linkcheck import broken_links

pytestmark = pytest.mark.build



def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "SITE_URL")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new environment with the wheel and the pinned runtime requirements, nothing else."""
    work = tmp_path_factory.mktemp("wheel")
    built = run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w",
                 str(work / "dist"), str(ROOT)], cwd=work)
    assert built.returncode == 0, built.stderr
    (wheel,) = (work / "dist").glob("stackguide-*.whl")
    venv.create(work / "env", with_pip=True)
    pip = [str(work / "env/bin/python"), "-m", "pip", "install", "-q"]
    for step in (["--require-hashes", "-r", str(ROOT / "requirements.txt")], ["--no-deps", str(wheel)]):
        result = run(pip + step, cwd=work)
        assert result.returncode == 0, result.stderr
    return work / "env"


def test_the_wheel_carries_its_templates_and_assets(installed: Path) -> None:
    shown = run([str(installed / "bin/python"), "-c", "import stackguide.render as r, stackguide.plugin as p; "
                 "print(r.TEMPLATES, p.ASSETS)"], cwd=installed)
    assert shown.returncode == 0, shown.stderr
    templates, assets = (Path(part) for part in shown.stdout.split())
    assert installed in templates.parents and (templates / "entry.md.j2").is_file()
    assert installed in assets.parents and (assets / "site.css").is_file()


def test_another_project_builds_with_the_installed_plugin(installed: Path, tmp_path: Path) -> None:
    project = their_project(tmp_path / "their-guide")
    assert sorted(path.name for path in project.iterdir()) == ["data", "docs", "mkdocs.yml"]
    (project / "docs/onboarding.md").rename(project / "onboarding.md")
    result = run([str(installed / "bin/mkdocs"), "build", "--strict"], cwd=project)
    assert result.returncode == 1 and "does not have: onboarding.md (linked from layers/alpha/index.md)" in \
        result.stderr, result.stdout + result.stderr  # a dead link on every step's page, before
    (project / "onboarding.md").rename(project / "docs/onboarding.md")
    result = run([str(installed / "bin/mkdocs"), "build", "--strict"], cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"
    assert (site / "services/one/index.html").is_file() and (site / "layers/alpha/index.html").is_file()
    # Every link and anchor resolves (404.html links from site_url's path, /guide/): the docs-root
    # links, the glossary's terms and the onboarding days. The plugin added the Markdown
    # extensions their mkdocs.yml left out (def_list, the footnotes' settings).
    assert [link for link in broken_links(site) if not link.startswith("/404.html: /guide/")] == []
    assert "stackguide-sources" not in (site / "services/one/index.html").read_text()
    assert (site / "assets/stackguide/site.css").is_file()
    assert "assets/stackguide/site.css" in (site / "services/one/index.html").read_text()
    assert [entry["id"] for entry in json.loads((site / "catalog.json").read_text())["entries"]] == ["one", "two"]


def test_a_templates_dir_overrides_a_package_template(installed: Path, tmp_path: Path) -> None:
    project = their_project(tmp_path / "themed", OTHER_CONFIG.replace("  - stackguide\n",
                                                                "  - stackguide:\n      templates_dir: ours\n"))
    write(project, "ours/entry.md.j2", "# {{ item.name }}\n\nTheir own entry page.\n")
    result = run([str(installed / "bin/mkdocs"), "build", "--strict"], cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Their own entry page." in (project / "site/services/one/index.html").read_text()
    assert "Their own entry page." not in (project / "site/layers/alpha/index.html").read_text()
