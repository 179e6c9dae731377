"""Shared fixtures: a minimal valid data tree, project copies, and real MkDocs builds."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SITE_SETTINGS = {"SITE_URL", "REPO_URL", "REPO_NAME", "EDIT_URI"}  # tests build with the defaults
PROJECT_PARTS = ["mkdocs.yml", "macros.py", "stackguide", "templates", "docs", "data", "overrides", "CONTRIBUTING.md"]

LAYER = """\
id: {id}
name: {name}
group: stack
position: {position}
summary: A layer used by the tests.
description: A layer used by the tests.
today: Nothing changed.
sources: [https://example.com/layer]
reviewed: 2026-11-24
"""

ENTRY = """\
id: {id}
name: {name}
kind: service
layer: {layer}
summary: A service used by the tests.
description: A service used by the tests.
capabilities: [Does one thing well.]
status:
  state: active
  note: Still offered.
links:
  - title: Product page
    url: https://example.com/{id}
sources: [https://example.com/{id}/source]
reviewed: 2026-11-24
"""


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def data_root(tmp_path: Path) -> Path:
    """A project root whose data/ holds two layers, two services, a glossary and onboarding."""
    write(tmp_path, "data/layers/alpha.yaml", LAYER.format(id="alpha", name="Alpha", position=1))
    write(tmp_path, "data/layers/beta.yaml", LAYER.format(id="beta", name="Beta", position=2))
    write(tmp_path, "data/services/one.yaml", ENTRY.format(id="one", name="One", layer="alpha"))
    write(tmp_path, "data/services/two.yaml", ENTRY.format(id="two", name="Two", layer="beta"))
    write(tmp_path, "data/glossary.yaml", "terms:\n  - term: ML\n    expansion: machine learning\n"
          "    definition: Learning from data.\n")
    write(tmp_path, "data/tags.yaml", "tags:\n  - id: speech\n    description: Speech.\n"
          "  - id: vision\n    description: Vision.\n")
    write(tmp_path, "data/onboarding.yaml", "days:\n  - title: Day one\n    goal: Start.\n    steps:\n"
          "      - page: alpha\n        why: It is first.\n")
    return tmp_path


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A copy of the real project that a test may change."""
    dest = tmp_path / "project"
    dest.mkdir()
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, dest / part)
        else:
            shutil.copy2(source, dest / part)
    return dest


def mkdocs_build(project: Path, site_dir: Path | None = None, site_url: str | None = None,
                 extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run the real `mkdocs build --strict` in `project`, as `make build` does."""
    inherited = {key: value for key, value in os.environ.items() if key not in SITE_SETTINGS}
    env = {**inherited, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    if site_url:
        env["SITE_URL"] = site_url
    command = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    if site_dir:
        command += ["--site-dir", str(site_dir)]
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test session with --strict."""
    site = tmp_path_factory.mktemp("built") / "site"
    result = mkdocs_build(ROOT, site_dir=site)
    assert result.returncode == 0, result.stderr
    return site


# -- a real browser against the built site ---------------------------------------------------

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_path() -> str | None:
    """Debian's chromium when present; otherwise None, and Playwright uses its own download."""
    explicit = os.environ.get("CHROMIUM")
    return explicit or shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def origin(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site built for, and served on, a free loopback port (instant navigation needs
    site_url to match the origin)."""
    site = tmp_path_factory.mktemp("browser") / "site"
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    result = mkdocs_build(ROOT, site_dir=site, site_url=base)
    assert result.returncode == 0, result.stderr
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield launched
        launched.close()
