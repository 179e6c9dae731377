"""Shared fixtures: tiny data trees for unit tests, tiny projects for end-to-end builds, and one
build of the real site per test session, served on loopback for the HTML and browser tests."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from stackguide.catalog import Catalog
from stackguide.load import load_catalog
from stackguide.tools.devkit import CHROMIUM_ARGS, chromium_path, copy_project, served

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent  # the environment's console scripts: mkdocs, properdocs, ...
SITE_SETTINGS = {"SITE_URL", "REPO_URL", "REPO_NAME", "EDIT_URI"}  # tests build with the defaults
os.environ.pop("SOURCE_DATE_EPOCH", None)  # and on the machine's date, unless a test gives another

LAYER = """\
id: {id}
name: {name}
group: stack
position: {position}
summary: A layer used by the tests.
description: A layer used by the tests.
today: Nothing changed [^doc].
sources:
  - id: doc
    title: The layer's documentation
    url: https://docs.aws.amazon.com/{id}/
    checked: 2026-11-20
reviewed: 2026-11-20
"""

ENTRY = """\
id: {id}
name: {name}
layer: {layer}
summary: A service used by the tests.
description: A service used by the tests [^doc].
capabilities:
  - Does one thing well [^doc].
lifecycle:
  - {{event: launched, date: 2020-01-01, cite: doc}}
today: Still offered [^doc].
links:
  - title: Product page
    url: https://aws.amazon.com/{id}/
sources:
  - id: doc
    title: The service's documentation
    url: https://docs.aws.amazon.com/{id}/
    checked: 2026-11-20
reviewed: 2026-11-20
watches:
  - feed: https://aws.amazon.com/about-aws/whats-new/recent/feed/
    match: [test]
"""
WATCHES = ENTRY[ENTRY.index("watches:"):]  # the tiny entries' one watch; tests that name others remove it

COMPARISON = """\
id: pick
title: Pick one
summary: Which to use.
intro: Compare them.
columns: [{{key: cost, title: Cost}}]
rows:
  - entry: one
    cells:
      cost: Low [^doc]
  - entry: {second}
    cells:
      cost: {second_cell}
sources:
  - id: doc
    title: Pricing
    url: https://aws.amazon.com/pricing/
    checked: 2026-11-20
reviewed: 2026-11-20
"""

GLOSSARY = """\
terms:
  - term: ML
    expansion: machine learning
    definition: Learning from data.
  - term: S3
    expansion: Amazon Simple Storage Service
    definition: Object storage.
"""
VOCABULARY = """\
words:
  - say: [bottom layer, the base]
    pages: [alpha]
  - say: [start here]
    pages: [onboarding]
"""
TAGS = "tags:\n  - id: speech\n    description: Speech.\n  - id: vision\n    description: Vision.\n"
ONBOARDING = """\
days:
  - title: Day one
    goal: Start.
    steps:
      - page: alpha
        why: It is first.
      - page: one
        why: It is second.
"""


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def write_tiny_data(root: Path) -> None:
    """Two layers, two services, a glossary, tags, onboarding and a vocabulary: the smallest valid data/."""
    write(root, "data/layers/alpha.yaml", LAYER.format(id="alpha", name="Alpha", position=1))
    write(root, "data/layers/beta.yaml", LAYER.format(id="beta", name="Beta", position=2))
    write(root, "data/services/one.yaml", ENTRY.format(id="one", name="One", layer="alpha"))
    write(root, "data/services/two.yaml", ENTRY.format(id="two", name="Two", layer="beta"))
    write(root, "data/glossary.yaml", GLOSSARY)
    write(root, "data/tags.yaml", TAGS)
    write(root, "data/onboarding.yaml", ONBOARDING)
    write(root, "data/vocabulary.yaml", VOCABULARY)


# Closed to new customers, with an end of support still to come on the tests' day (2026-12-06).
ENDING_EVENTS = ("{event: closed-to-new-customers, date: 2024-07-25, cite: doc}",
                 "{event: end-of-support, date: 2027-04-30, announced: 2025-11-17, successor: two, cite: doc}")


def crowd(root: Path, layer: str, count: int) -> None:
    """`count` more active entries in `layer`, and one closed to new customers whose end is still to
    come, named to sort first in the layer."""
    for number in range(count):
        write(root, f"data/services/crowd-{number:03d}.yaml",
              ENTRY.format(id=f"crowd-{number:03d}", name=f"Crowd {number:03d}", layer=layer))
    launched = "  - {event: launched, date: 2020-01-01, cite: doc}"
    ending = ENTRY.format(id="aaa-ending", name="Aaa ending", layer=layer)
    write(root, "data/services/aaa-ending.yaml", ending.replace(launched, "\n  - ".join((launched, *ENDING_EVENTS))))

# Another team's mkdocs.yml: the plugin by name, their own site; nothing else of ours.
OTHER_CONFIG = """\
site_name: Another team's guide
site_url: https://example.org/guide/
strict: true
validation:
  links:
    absolute_links: relative_to_docs
theme:
  name: material
  font: false
nav:
  - Home: index.md
  - Glossary: glossary.md
  - Onboarding: onboarding.md
  - The stack: generated:stack
plugins:
  - stackguide
  - search
  - macros:
      modules: [stackguide.pagemacros]
      render_by_default: false
markdown_extensions:
  - abbr
  - attr_list
  - md_in_html
  - footnotes
  - tables
"""


def their_project(project: Path, config: str = OTHER_CONFIG) -> Path:
    """Another team's project: its mkdocs.yml, the tiny data, and the pages the generated ones link to."""
    write(project, "mkdocs.yml", config)
    write(project, "docs/index.md", "# Their guide\n\nAbout ML and S3.\n")
    write(project, "docs/glossary.md", "---\nrender_macros: true\n---\n\n# Glossary\n\n{{ glossary() }}\n")
    write(project, "docs/onboarding.md", "---\nrender_macros: true\n---\n\n# Onboarding\n\n{{ onboarding_path() }}\n")
    write_tiny_data(project)
    return project


@pytest.fixture
def data_root(tmp_path: Path) -> Path:
    """A project root whose data/ is the tiny valid tree."""
    write_tiny_data(tmp_path)
    return tmp_path


@pytest.fixture
def tiny_catalog(data_root: Path) -> Catalog:
    return load_catalog(data_root)


@pytest.fixture
def tiny_project(tmp_path: Path) -> Path:
    """The real site's pages, templates and config over the tiny data: builds in about a second."""
    project = copy_project(ROOT, tmp_path / "project", data=False)
    write_tiny_data(project)
    return project


def tool_env(site_url: str | None = None, day: dt.date | None = None) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in SITE_SETTINGS}
    env["NO_MKDOCS_2_WARNING"] = "1"
    if site_url:
        env["SITE_URL"] = site_url
    if day:  # noon UTC of that day
        env["SOURCE_DATE_EPOCH"] = str(int(dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC).timestamp()))
    return env


def mkdocs_build(project: Path, site_dir: Path | None = None, site_url: str | None = None,
                 tool: str = "mkdocs", day: dt.date | None = None) -> subprocess.CompletedProcess[str]:
    """Run the console script `<tool> build --strict` in `project`, as a user would; `day` is the
    build's date (SOURCE_DATE_EPOCH)."""
    command = [str(BIN / tool), "build", "--strict"]
    if site_dir:
        command += ["--site-dir", str(site_dir)]
    return subprocess.run(command, cwd=project, env=tool_env(site_url, day), capture_output=True, text=True,
                          timeout=300)


# -- the real site: one build per session, served on loopback --------------------------------------

@dataclass(frozen=True)
class BuiltSite:
    path: Path  # the built site_dir
    origin: str  # where it is served, and its site_url


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BuiltSite]:
    """The real site, built once with --strict for the origin it is served on."""
    path = tmp_path_factory.mktemp("site") / "site"
    with served(path) as origin:
        result = mkdocs_build(ROOT, site_dir=path, site_url=origin)
        assert result.returncode == 0, result.stderr
        yield BuiltSite(path, origin)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that reads the real site built for the session depends on a real MkDocs build in a
    subprocess: unless it drives a browser (the layer above), it is a build test, so that no test
    without a marker (a unit test) waits for that build."""
    for item in items:
        if "site" in getattr(item, "fixturenames", ()) and item.get_closest_marker("browser") is None:
            item.add_marker(pytest.mark.build)


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """The real catalog, for tests about the real content."""
    return load_catalog(ROOT)


# -- a real browser ---------------------------------------------------------------------------------

CSP_REFUSAL = "Content Security Policy"  # in the console message Chromium logs for each thing a policy refuses
refusals: list[str] = []  # this test's, from every page of every context


class WatchedBrowser:
    """The browser, each context of which records the security-policy refusals its pages log."""

    def __init__(self, browser: Any) -> None:
        self._browser = browser

    def new_context(self, **options: Any) -> Any:
        context = self._browser.new_context(**options)
        context.on("console", lambda message: refusals.append(f"{message.location.get('url')}: {message.text}")
                   if CSP_REFUSAL in message.text else None)
        return context

    def __getattr__(self, name: str) -> Any:
        return getattr(self._browser, name)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield WatchedBrowser(launched)
        launched.close()


@pytest.fixture(autouse=True)
def nothing_refused() -> Iterator[None]:
    """No browser test's pages may meet a refusal of the pages' Content-Security-Policy: the theme's
    and the site's scripts all run (stackguide.csp). A test that plants one clears what it saw."""
    refusals.clear()
    yield
    assert not refusals, "the page's security policy refused:\n" + "\n".join(refusals[:5])


def day(date: str) -> str:
    """A date as the pages write it in text: kept whole (stackguide.escaping.whole_date)."""
    return f'<span class="sg-date">{date}</span>'
