"""The live preview (`mkdocs serve`, the console script): a new YAML file shows up, a broken one turns
every page of the open tab into the list of problems, and the tab recovers when it is fixed."""

from __future__ import annotations

import html
import re
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import BIN, COMPARISON, ENTRY, tool_env, write
from playwright.sync_api import expect

from stackguide.tools.devkit import free_port, serve, stop_serving
from stackguide.watchreport import REPORT_FILE

pytestmark = [pytest.mark.browser, pytest.mark.build]


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return int(response.status)
    except urllib.error.HTTPError as err:
        return err.code
    except OSError:
        return 0


class Preview:
    def __init__(self, project: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self.temporary = project.parent / "tmp"  # where the server keeps its copy of the site
        self.temporary.mkdir()
        self.process = serve(project, self.port, {**tool_env(), "TMPDIR": str(self.temporary)}, subprocess.PIPE)
        self.lines: list[str] = []
        output = self.process.stdout
        assert output is not None
        self.reader = threading.Thread(target=lambda: self.lines.extend(iter(output.readline, "")), daemon=True)
        self.reader.start()

    def wait_for_output(self, pattern: str, count: int = 1, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if sum(bool(re.search(pattern, line)) for line in self.lines) >= count:
                return
            time.sleep(0.1)
        raise AssertionError(f"{pattern!r} did not appear {count} times:\n{''.join(self.lines)[-3000:]}")

    def stop(self) -> None:
        stop_serving(self.process)
        self.reader.join(timeout=10)


@pytest.fixture
def preview(tiny_project: Path) -> Iterator[Preview]:
    running = Preview(tiny_project)
    running.wait_for_output(r"Serving on")
    yield running
    running.stop()
    assert running.process.returncode == 0, "".join(running.lines)[-3000:]
    assert not list(running.temporary.glob("mkdocs_*")), "mkdocs serve left its copy of the site behind"


def test_the_preview_shows_data_problems_in_the_open_tab_and_recovers(preview: Preview, tiny_project: Path,
                                                                      browser: object) -> None:
    assert status(preview.base + "services/zz-live/") == 404
    write(tiny_project, "data/services/zz-live.yaml", ENTRY.format(id="zz-live", name="Zz Live", layer="alpha"))
    preview.wait_for_output(r"Built \d+ pages in", count=2)
    assert status(preview.base + "services/zz-live/") == 200

    tab = browser.new_page()  # type: ignore[attr-defined]
    tab.goto(preview.base + "services/zz-live/")
    expect(tab.locator("article h1")).to_have_text(re.compile("^Zz Live"))

    # A mistake: the open tab turns into the list of problems, by itself, and no request hangs.
    good = (tiny_project / "data/services/zz-live.yaml").read_text()
    write(tiny_project, "data/services/zz-live.yaml", good.replace("layer: alpha", "layer: alpah"))
    expect(tab.locator("ol.problems")).to_contain_text(
        "data/services/zz-live.yaml:3: layer 'alpah' is not one of: alpha, beta", timeout=20_000)
    assert status(preview.base + "services/one/") == 200 and status(preview.base + "no/such/page/") == 404
    body = html.unescape(urllib.request.urlopen(preview.base + "layers/beta/", timeout=5).read().decode())
    assert "layer 'alpah' is not one of" in body and "livereload(" in body  # live reload stays

    # The same mistake again is reported again, in full.
    write(tiny_project, "data/services/zz-live.yaml", good.replace("layer: alpha", "layer: alpah") + "\n")
    preview.wait_for_output(r"zz-live.yaml:3: layer 'alpah'", count=2)

    # Fixed: the tab reloads into the page.
    write(tiny_project, "data/services/zz-live.yaml", good)
    expect(tab.locator("article h1")).to_have_text(re.compile("^Zz Live"), timeout=20_000)
    tab.close()

    output = "".join(preview.lines)
    assert "Traceback" not in output and "[macros]" not in output
    builds = [line for line in preview.lines if line.startswith("INFO") and "Serving on" not in line
              and "Watching paths" not in line]
    assert all(re.search(r"Built \d+ pages in", line) for line in builds), "one line per build: " + "".join(builds)


def test_a_rebuild_that_stops_shows_why_in_the_open_tab_and_no_request_waits(preview: Preview, tiny_project: Path,
                                                                             browser: object) -> None:
    """MkDocs' server holds every request after a failed rebuild: mkdocs.yml that cannot be read or
    is refused, or strict mode's abort on a warning, turns every page into what stopped it instead."""
    config, index = tiny_project / "mkdocs.yml", tiny_project / "docs/index.md"
    good_config, good_index = config.read_text(), index.read_text()
    tab = browser.new_page()  # type: ignore[attr-defined]
    tab.goto(preview.base + "services/one/")
    expect(tab.locator("article h1")).to_have_text(re.compile("^One"))

    config.write_text(good_config + "extra_css: [unclosed\n")  # the parser stops at the end: the last line
    last = len((good_config + "extra_css: [unclosed\n").splitlines())
    expect(tab.locator("ol.problems")).to_contain_text(f"mkdocs.yml:{last}: YAML syntax error: expected ',' or ']'",
                                                       timeout=20_000)
    assert status(preview.base + "layers/alpha/") == 200 and status(preview.base + "no/such/page/") == 404

    config.write_text(good_config.replace("\nsite_name: AWS Machine Learning Stack Guide\n", "\nsite_name: 5\n"))
    expect(tab.locator("ol.problems")).to_contain_text("mkdocs.yml:6: Config value 'site_name': Expected type",
                                                       timeout=20_000)
    config.write_text(good_config)
    expect(tab.locator("article h1")).to_have_text(re.compile("^One"), timeout=20_000)

    index.write_text(good_index + "\nSee [the missing page](nowhere.md).\n")  # strict: true, so the build stops
    expect(tab.locator("ol.problems")).to_contain_text(
        "docs/index.md: Doc file 'index.md' contains a link 'nowhere.md'", timeout=20_000)
    expect(tab.locator("ol.problems")).to_contain_text("Aborted with 1 warnings in strict mode!")
    index.write_text(good_index)
    expect(tab.locator("article h1")).to_have_text(re.compile("^One"), timeout=20_000)
    tab.close()
    assert "Traceback" not in "".join(preview.lines)
    preview.wait_for_output(r"The rebuild stopped:", count=3)


def test_a_draft_previews_but_the_build_refuses_it(preview: Preview, tiny_project: Path) -> None:
    write(tiny_project, "data/services/zz-draft.yaml", ENTRY.format(id="zz-draft", name="TODO name", layer="alpha"))
    preview.wait_for_output(r"Built \d+ pages in", count=2)
    assert status(preview.base + "services/zz-draft/") == 200
    built = subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-d", str(tiny_project / "out")],
                           cwd=tiny_project, env=tool_env(), capture_output=True, text=True, timeout=120)
    assert built.returncode != 0 and "zz-draft.yaml:2: still says TODO" in built.stdout + built.stderr


def page_text(url: str) -> str:
    """The page's text without tags; a request that hangs fails the test."""
    with urllib.request.urlopen(url, timeout=10) as response:
        return html.unescape(re.sub(r"<[^>]+>", "", response.read().decode()))


def wait_for_page(url: str, text: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    body = ""
    while time.monotonic() < deadline:
        try:
            body = page_text(url)
        except OSError:
            body = ""
        if text in body:
            return body
        time.sleep(0.3)
    raise AssertionError(f"{text!r} never appeared at {url}:\n{body[-2000:]}")


def test_a_preview_started_on_broken_data_shows_the_problems_and_recovers(tiny_project: Path) -> None:
    """mkdocs.yml says strict: true; the preview starts anyway and shows the problem on every page."""
    assert "strict: true" in (tiny_project / "mkdocs.yml").read_text()
    entry = tiny_project / "data/services/one.yaml"
    good = entry.read_text()
    entry.write_text(good.replace("layer: alpha", "layer: alpah"))
    running = Preview(tiny_project)
    try:
        running.wait_for_output(r"Serving on")
        running.wait_for_output(r"data/services/one.yaml:3: layer 'alpah' is not one of: alpha, beta")
        for page in ("", "services/one/", "layers/beta/", "catalog/"):
            assert "layer 'alpah' is not one of" in page_text(running.base + page), page
        entry.write_text(good)
        body = wait_for_page(running.base + "services/one/", "Does one thing well")
        assert "is not one of" not in body
        assert "Aborted" not in "".join(running.lines) and "Traceback" not in "".join(running.lines)

        # A renamed column key (the common edit) is a problem with its line, not a template error.
        write(tiny_project, "data/comparisons/pick.yaml", COMPARISON.format(second="two", second_cell="High [^doc]"))
        wait_for_page(running.base + "comparisons/pick/", "Pick one")
        table = (tiny_project / "data/comparisons/pick.yaml").read_text()
        write(tiny_project, "data/comparisons/pick.yaml", table.replace("key: cost", "key: price"))
        body = wait_for_page(running.base + "comparisons/pick/", "'cost' is not a column key")
        assert "data/comparisons/pick.yaml:9: rows.0.cells: 'cost' is not a column key" in body
        running.wait_for_output(r"data/comparisons/pick.yaml:9: rows.0.cells: 'cost' is not a column key")
        assert "UndefinedError" not in "".join(running.lines)
        write(tiny_project, "data/comparisons/pick.yaml", table)
        wait_for_page(running.base + "comparisons/pick/", "Pick one")
    finally:
        running.stop()


def test_a_preview_started_with_a_broken_link_shows_it_and_recovers(tiny_project: Path) -> None:
    """The first build runs before the server's builder can be wrapped: strict mode would stop the
    preview there, so its warnings show as a failed rebuild's and the preview starts."""
    index = tiny_project / "docs/index.md"
    good = index.read_text()
    index.write_text(good + "\nSee [the missing page](nowhere.md).\n")
    running = Preview(tiny_project)
    try:
        running.wait_for_output(r"Serving on")
        for page in ("", "services/one/"):
            body = page_text(running.base + page)
            assert "docs/index.md: Doc file 'index.md' contains a link 'nowhere.md'" in body, page
            assert "Aborted with 1 warning in strict mode!" in body
        index.write_text(good)
        body = wait_for_page(running.base + "services/one/", "Does one thing well")
        assert "nowhere.md" not in body and "Traceback" not in "".join(running.lines)
        index.write_text(good + "\nSee [the missing page](nowhere.md).\n")  # later rebuilds: as before
        wait_for_page(running.base + "services/one/", "Aborted with 1 warnings in strict mode!")
    finally:
        running.stop()
    assert running.process.returncode == 0, "".join(running.lines)[-3000:]


def test_a_watch_report_written_while_previewing_shows_without_another_save(preview: Preview,
                                                                           tiny_project: Path) -> None:
    report = tiny_project / REPORT_FILE
    report.write_text('{"ran": ')  # what an interrupted writer would leave
    body = wait_for_page(preview.base + "services/one/", "not a watch report")
    assert f"{REPORT_FILE}:1: not a watch report: expecting value" in body
    report.unlink()
    body = wait_for_page(preview.base + "services/one/", "Does one thing well")
    assert "not a watch report" not in body


def test_the_build_still_refuses_broken_data_under_strict(tiny_project: Path) -> None:
    entry = tiny_project / "data/services/one.yaml"
    entry.write_text(entry.read_text().replace("layer: alpha", "layer: alpah"))
    built = subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-d", str(tiny_project / "out")],
                           cwd=tiny_project, env=tool_env(), capture_output=True, text=True, timeout=120)
    assert built.returncode != 0
    assert "data/services/one.yaml:3: layer 'alpah' is not one of: alpha, beta" in built.stdout + built.stderr
