"""A failed rebuild of the preview: what it logged and what stopped it, on every page of the folder."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from stackguide.rebuildfailure import RebuildFailures


def folder(tmp_path: Path) -> tuple[Path, RebuildFailures]:
    site = tmp_path / "site"
    (site / "services/one").mkdir(parents=True)
    (site / "index.html").write_text("<p>home</p>")
    (site / "services/one/index.html").write_text("<p>one</p>")
    (site / "style.css").write_text("p {}")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Guide\nplugins:\n  - search\n")
    logger = logging.getLogger("test-rebuildfailure")
    return site, RebuildFailures(logger, str(site), "Guide", str(config), str(tmp_path / "docs"))


def test_a_good_rebuild_leaves_the_folder_alone(tmp_path: Path) -> None:
    site, failures = folder(tmp_path)
    failures.wrap(lambda: None)()
    assert (site / "index.html").read_text() == "<p>home</p>"


def test_a_refused_rebuild_lists_what_was_logged_and_why_it_stopped_on_every_page(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    site, failures = folder(tmp_path)

    def refused() -> None:
        failures.logger.error("Config value 'plugins': The \"nosuch\" plugin is not installed")
        failures.logger.warning("Doc file 'index.md' contains a link 'gone.md', but the target is not found.")
        raise Abort("Aborted with a configuration error!")

    failures.wrap(refused)()  # returns: the server counts the rebuild as done and reloads the tab
    for page, url in ((site / "index.html", "/"), (site / "services/one/index.html", "/services/one/")):
        text = page.read_text()
        assert '<code class="where">mkdocs.yml:2</code>: Config value &#39;plugins&#39;' in text
        assert '<code class="where">docs/index.md</code>: Doc file' in text
        assert "<li>Aborted with a configuration error!</li>" in text and f"<code>{url}</code>" in text
    assert (site / "style.css").read_text() == "p {}"
    assert "Traceback" not in caplog.text
    assert failures.recorder in failures.logger.handlers
    failures.stop()
    assert failures.recorder not in failures.logger.handlers


def test_an_error_that_is_not_mkdocs_refusal_keeps_its_traceback(tmp_path: Path,
                                                                 caplog: pytest.LogCaptureFixture) -> None:
    site, failures = folder(tmp_path)

    def broken() -> None:
        raise RuntimeError("a bug in a plugin")

    with caplog.at_level(logging.ERROR):
        failures.wrap(broken)()
    assert "Traceback" in caplog.text and "RuntimeError: a bug in a plugin" in caplog.text
    assert "<li>a bug in a plugin</li>" in (site / "index.html").read_text()


def test_the_first_build_shows_its_warnings_only_when_it_has_some(tmp_path: Path) -> None:
    site, failures = folder(tmp_path)
    failures.listen()
    assert failures.first_build_warned() is False and (site / "index.html").read_text() == "<p>home</p>"
    failures.logger.warning("Doc file 'index.md' contains a link 'gone.md', but the target is not found.")
    failures.logger.warning("Doc file 'index.md' contains a link 'lost.md', but the target is not found.")
    assert failures.first_build_warned() is True
    text = (site / "services/one/index.html").read_text()
    assert text.count('<code class="where">docs/index.md</code>') == 2
    assert "<li>Aborted with 2 warnings in strict mode!</li>" in text
    failures.stop()
