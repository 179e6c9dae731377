"""`make watch` end to end on recorded feeds: it finds a planted upstream change (a release newer
than a fact), lists feed items newer than each entry's review (filtered by match words), oldest
first per file, and `make review` and the maintainers' page show what it found."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import ROOT, WATCHES, write
from hypothesis import given, settings
from hypothesis import strategies as st
from test_facts import FACTS, WHATS_NEW

from stackguide.catalog import Catalog
from stackguide.errors import DataError, Problems
from stackguide.load import load_catalog
from stackguide.render import render_watch_findings
from stackguide.tools import review, watch
from stackguide.tools.feeds import Item
from stackguide.watchreport import REPORT_FILE, Finding, WatchReport, read_report, write_report
from stackguide.yamlsource import line_count

FEEDS = ROOT / "tests" / "feeds"

TWO = f"""\
facts:
  - id: latest
    label: Latest release
    value: "4.2.0"
    as_of: 2026-11-20
    cite: doc
    watch: https://github.com/awslabs/two/tags.atom
watches:
  - feed: https://github.com/awslabs/two/tags.atom
  - feed: https://docs.aws.amazon.com/two/latest/dg/doc-history.rss
  - feed: {WHATS_NEW}
    match: [Two, cheaper]
"""


@pytest.fixture
def watched(data_root: Path) -> Path:
    for name, block in (("one", FACTS), ("two", TWO)):
        path = data_root / f"data/services/{name}.yaml"
        text = path.read_text().replace(WATCHES, "")
        write(data_root, f"data/services/{name}.yaml", text.replace("sources:\n", block + "sources:\n"))
    return data_root


EXPECTED = [
    "data/services/one.yaml:17: fact 'Latest release' says 3.0.0 (as of 2026-11-20); upstream's newest release is "
    "3.1.0 (https://github.com/aws/one/releases/tag/v3.1.0)",
    "data/services/one.yaml:22: 2026-11-30: One 3.1.0 (check the facts: Latest release) "
    "(https://github.com/aws/one/releases/tag/v3.1.0)",
    "data/services/one.yaml:23: 2026-12-01: One adds a second region (test item) "
    "(https://aws.amazon.com/about-aws/whats-new/2026/12/one-second-region/)",
    "data/services/one.yaml:22: 2026-12-02: One 3.0.1 (check the facts: Latest release) "
    "(https://github.com/aws/one/releases/tag/v3.0.1)",
    "data/services/one.yaml:22: 2026-12-03: One 3.2.0 release candidate 1 (check the facts: Latest release) "
    "(https://github.com/aws/one/releases/tag/v3.2.0-rc1)",
    "data/services/two.yaml:24: 2026-11-23: Two gets cheaper (test item) "
    "(https://aws.amazon.com/about-aws/whats-new/2026/11/two-cheaper/)",
    "data/services/two.yaml:23: 2026-11-28: New chapter on quotas (test item) "
    "(https://docs.aws.amazon.com/two/latest/dg/quotas.html)",
]


def test_the_watch_finds_the_planted_release_and_new_items(watched: Path, monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(watched)
    assert watch.main(["--recorded", str(FEEDS)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:-1] == EXPECTED
    assert lines[-1].startswith("7 upstream changes in 4 feeds (0 gave nothing usable), ")
    problems = Problems()
    report = read_report(watched, problems)
    assert not problems and report is not None and [finding.describe() for finding in report.findings] == EXPECTED


def test_the_command_line_runs_offline_and_reports_missing_recordings(watched: Path, tmp_path: Path) -> None:
    folder = tmp_path / "recorded"
    folder.mkdir()
    (folder / "github.com_aws_one_releases.atom").write_bytes((FEEDS / "github.com_aws_one_releases.atom").read_bytes())
    result = subprocess.run([sys.executable, "-m", "stackguide.tools.watch", "--recorded", str(folder)], cwd=watched,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert EXPECTED[0] in result.stdout
    assert f"problem: {WHATS_NEW} no recording aws.amazon.com_about-aws_whats-new_recent_feed_ in {folder}" \
        in result.stdout
    assert result.stdout.count("problem: ") == 3


def test_a_recorded_folder_that_is_missing_is_one_line_and_writes_nothing(
        watched: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(watched)
    (tmp_path / "a-file").write_text("")
    for missing in (tmp_path / "no-such-folder", tmp_path / "a-file"):
        assert watch.main(["--recorded", str(missing)]) == 2
        out = capsys.readouterr()
        assert out.out == "" and out.err == f"{missing}: not a folder of recorded feeds; nothing was read or written\n"
    assert not (watched / REPORT_FILE).exists()


def test_a_fact_that_is_current_or_ahead_finds_nothing() -> None:
    items = [Item("v3.1.0", "https://github.com/aws/one/releases/tag/v3.1.0", dt.date(2026, 11, 30)),
             Item("v3.2.0-rc1", "https://github.com/aws/one/releases/tag/v3.2.0-rc1", dt.date(2026, 12, 3)),
             Item("3.3.0b1", "https://github.com/aws/one/releases/tag/3.3.0b1", dt.date(2026, 12, 4))]
    items.append(Item("v3.4.0.beta", "https://github.com/aws/one/releases/tag/v3.4.0.beta", dt.date(2026, 12, 5)))
    newest = watch.newest_release(items)
    assert newest is not None and newest[0] == "3.1.0"
    assert watch.version_key("3.10.0") > watch.version_key("3.9.1")


def test_review_and_the_maintainers_page_show_the_findings(watched: Path, monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(watched)
    assert review.main(["--today", "2026-12-06"]) == 0
    assert "No watch report" in capsys.readouterr().out
    watch.main(["--recorded", str(FEEDS)])
    capsys.readouterr()
    assert review.main(["--today", "2026-12-06", "--markdown", "queue.md"]) == 0
    out = capsys.readouterr().out
    assert "Upstream changes from the watch of " in out and EXPECTED[0] in out
    assert "- [ ] `data/services/one.yaml:17` fact 'Latest release' says 3.0.0" in (watched / "queue.md").read_text()
    page = render_watch_findings(load_catalog(watched))
    assert "found 7 upstream" in page and "[source](https://github.com/aws/one/releases/tag/v3.1.0)" in page


def test_the_page_shows_no_unsafe_link_and_escapes_titles(tiny_catalog: Catalog) -> None:
    hostile = WatchReport(ran=dt.datetime(2026, 12, 6, tzinfo=dt.UTC), feeds=1, problems=["x is empty"], findings=[
        Finding(published=dt.date(2026, 12, 1), path="data/services/one.yaml", line=3,
                what="2026-12-01: <script>alert(1)</script> *bold* [x](javascript:alert(1))",
                link="javascript:alert(1)")])
    page = render_watch_findings(replace(tiny_catalog, watch=hostile))
    assert "<script>" not in page and "javascript:alert(1))" not in page.replace("\\", "")
    assert "(javascript:" not in page and "- x is empty" in page
    missing = render_watch_findings(tiny_catalog)
    assert missing.startswith("No watch report in this build: `make watch` writes `" + REPORT_FILE)


GOOD_REPORT = '{\n "ran": "2026-12-06T08:00:00Z",\n "feeds": 1,\n "findings": [],\n "problems": []\n}\n'


@pytest.mark.parametrize(("content", "expected"), [
    # cut short by an interrupted write: the parser's own line
    (GOOD_REPORT[:47].encode(), f"{REPORT_FILE}:4: not a watch report: expecting property name enclosed in double "
                                "quotes; run `make watch` again"),
    (GOOD_REPORT.replace('"feeds": 1', '"feeds": -1').encode(),
     f"{REPORT_FILE}:3: not a watch report this version reads: feeds: input should be greater than or equal to 0;"),
    # every problem at its own line: a missing key at the object that lacks it, an unknown one at itself
    (GOOD_REPORT.replace('"problems"', '"later"').encode(),
     f"{REPORT_FILE}:1: not a watch report this version reads: problems: field required;"),
    (GOOD_REPORT.replace('"problems"', '"later"').encode(),
     f"{REPORT_FILE}:5: not a watch report this version reads: later: extra inputs are not permitted;"),
    (b"\xff\xfe", f"{REPORT_FILE}:1: not a watch report: it is not UTF-8 text;"),
    # the lines an editor shows: breaks as CR LF or a lone CR count, and a byte that is not UTF-8 has its own
    (GOOD_REPORT[:47].replace("\n", "\r").encode(), f"{REPORT_FILE}:4: not a watch report: expecting property name"),
    (GOOD_REPORT[:47].replace("\n", "\r\n").encode(), f"{REPORT_FILE}:4: not a watch report: expecting property"),
    (GOOD_REPORT.encode().replace(b'"feeds"', b'"\xc0feeds"'), f"{REPORT_FILE}:3: not a watch report: it is not UTF-8"),
    (b"[]", f"{REPORT_FILE}:1: not a watch report this version reads: input should be an object;"),
    # read strictly: a number is no day of 1970, and text no number
    (GOOD_REPORT.replace('"ran": "2026-12-06T08:00:00Z"', '"ran": 0').encode(),
     f"{REPORT_FILE}:2: not a watch report this version reads: ran: input should be a valid datetime;"),
    (GOOD_REPORT.replace('"feeds": 1', '"feeds": "1"').encode(),
     f"{REPORT_FILE}:3: not a watch report this version reads: feeds: input should be a valid integer;"),
    (GOOD_REPORT.replace('"findings": []', '"findings": [{"published": 0, "path": "data/x.yaml", "line": 3, '
                                           '"what": "x"}]').encode(),
     f"{REPORT_FILE}:4: not a watch report this version reads: findings.0.published: input should be a valid date"),
    (b"[" * 100_000, f"{REPORT_FILE}:1: not a watch report: its values are nested too deeply;"),
])
def test_a_report_that_cannot_be_read_is_a_problem_not_a_missing_watch(watched: Path, content: bytes,
                                                                       expected: str) -> None:
    (watched / REPORT_FILE).write_bytes(GOOD_REPORT.encode())
    report = load_catalog(watched).watch
    assert report is not None and report.feeds == 1 and report.findings == []
    (watched / REPORT_FILE).write_bytes(content)
    with pytest.raises(DataError) as raised:
        load_catalog(watched)
    assert [str(problem) for problem in raised.value.problems if expected in str(problem)] != [], \
        [str(problem) for problem in raised.value.problems]
    assert all(problem.path == REPORT_FILE for problem in raised.value.problems)


@settings(max_examples=300, deadline=None)
@given(cut=st.integers(min_value=0, max_value=len(GOOD_REPORT)), noise=st.binary(max_size=40),
       at=st.integers(min_value=0, max_value=len(GOOD_REPORT)))
def test_any_damaged_report_is_read_whole_or_refused_at_a_line_it_has(tmp_path_factory: pytest.TempPathFactory,
                                                                      cut: int, noise: bytes, at: int) -> None:
    raw = GOOD_REPORT.encode()
    damaged = raw[:at] + noise + raw[at:cut] if at <= cut else raw[:cut]
    folder = tmp_path_factory.mktemp("report")
    (folder / REPORT_FILE).write_bytes(damaged)
    problems = Problems()
    report = read_report(folder, problems)
    found = problems.items()
    assert (report is None) == bool(found)
    lines = line_count(damaged.decode("utf-8", "replace"))
    assert all(problem.path == REPORT_FILE and 1 <= problem.line <= lines for problem in found)


def test_the_watch_replaces_a_broken_report_whole(watched: Path, monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(watched)
    (watched / REPORT_FILE).write_text('{"ran": ')
    assert watch.main(["--recorded", str(FEEDS)]) == 0  # the report it replaces is not read
    capsys.readouterr()
    report = load_catalog(watched).watch
    assert report is not None and len(report.findings) == len(EXPECTED)
    assert sorted(path.name for path in watched.iterdir() if REPORT_FILE in path.name) == [REPORT_FILE]
    assert (watched / REPORT_FILE).stat().st_mode & 0o777 == 0o644


def test_a_report_is_written_whole_or_not_at_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / REPORT_FILE
    path.write_text(GOOD_REPORT)
    report = WatchReport(ran=dt.datetime(2026, 12, 7, tzinfo=dt.UTC), feeds=2, findings=[], problems=[])

    def fails(self: WatchReport, **options: object) -> str:
        raise OSError("disk full")

    monkeypatch.setattr(WatchReport, "model_dump_json", fails)
    with pytest.raises(OSError):
        write_report(path, report)
    assert path.read_text() == GOOD_REPORT and [item.name for item in tmp_path.iterdir()] == [REPORT_FILE]
    monkeypatch.undo()
    write_report(path, report)
    assert WatchReport.model_validate_json(path.read_bytes()) == report


def test_a_report_or_state_that_cannot_be_written_is_one_line_not_a_traceback(
        watched: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(watched)
    missing = tmp_path_factory.mktemp("other") / "no-such-folder"
    assert watch.main(["--recorded", str(FEEDS), "--report", str(missing / REPORT_FILE)]) == 1
    assert capsys.readouterr().err == f"{missing / REPORT_FILE}: cannot write the report: No such file or directory\n"
    import httpx

    with httpx.Client() as client:
        watch.NetworkReader(client, missing / watch.STATE_FILE).save()  # the next run asks afresh
    assert capsys.readouterr().err == f"{missing / watch.STATE_FILE}: not kept: No such file or directory\n"


def test_the_network_reader_keeps_validators_and_items_for_conditional_requests(tmp_path: Path) -> None:
    import httpx
    from pytest_httpserver import HTTPServer

    body = (FEEDS / "github.com_aws_one_releases.atom").read_bytes()
    state = tmp_path / watch.STATE_FILE
    with HTTPServer(host="127.0.0.1") as server, httpx.Client() as client:
        url = server.url_for("/releases.atom")
        server.expect_ordered_request("/releases.atom").respond_with_data(body, headers={"ETag": '"abc"'})
        server.expect_ordered_request("/releases.atom", headers={"If-None-Match": '"abc"'}).respond_with_data(
            status=304)
        reader = watch.NetworkReader(client, state)
        first = reader(url)
        reader.save()
        assert len(first.items) == 3 and first.problem is None
        later = watch.NetworkReader(client, state)  # the next run asks with the ETag and reuses the kept items
        second = later(url)
        assert second.items == first.items and second.problem is None
        server.check_assertions()
