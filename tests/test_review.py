"""The review queue, on a fixed clock: overdue claims and entries, oldest first, with file and line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import ENTRY, write

from stackguide.load import load_catalog
from stackguide.render import render_review_queue
from stackguide.review import markdown_report, review_queue
from stackguide.tools.review import main


def test_nothing_is_due_soon_after_a_check(tiny_catalog: object) -> None:
    assert review_queue(tiny_catalog, dt.date(2027, 1, 1)) == []  # type: ignore[arg-type]


def test_overdue_claims_and_entries_oldest_first(data_root: Path) -> None:
    path = data_root / "data/services/two.yaml"
    write(data_root, "data/services/two.yaml", path.read_text().replace("checked: 2026-11-20", "checked: 2026-01-10"))
    catalog = load_catalog(data_root, today=dt.date(2027, 12, 1))
    queue = review_queue(catalog, dt.date(2027, 12, 1))
    described = [item.describe(dt.date(2027, 12, 1)) for item in queue]
    assert described[:3] == [
        "data/services/two.yaml:5: claim description, last checked 2026-01-10 (690 days ago)",
        "data/services/two.yaml:7: claim capabilities.0, last checked 2026-01-10 (690 days ago)",
        "data/services/two.yaml:9: claim lifecycle.0.cite, last checked 2026-01-10 (690 days ago)",
    ]
    assert "data/services/one.yaml:19: service not reviewed, last checked 2026-11-20 (376 days ago)" in described
    assert markdown_report(queue, dt.date(2027, 12, 1)).startswith("Review queue as of 2027-12-01: ")


def test_a_claim_is_due_by_the_oldest_source_it_cites_not_by_the_pages_others(data_root: Path) -> None:
    path = data_root / "data/services/two.yaml"
    text = path.read_text().replace("capabilities:\n  - Does one thing well [^doc].",
                                    "capabilities:\n  - Does one thing well [^old].")
    write(data_root, "data/services/two.yaml", text.replace("reviewed:", "  - id: old\n    title: An older page\n"
                                                            "    url: https://docs.aws.amazon.com/two/old/\n"
                                                            "    checked: 2026-01-10\nreviewed:", 1))
    queue = review_queue(load_catalog(data_root, today=dt.date(2026, 11, 20)), dt.date(2026, 11, 20))
    assert [(item.path, item.what, item.since) for item in queue] == [
        ("data/services/two.yaml", "claim capabilities.0", dt.date(2026, 1, 10))]


def test_the_command_prints_the_queue(data_root: Path, monkeypatch: object, capsys: object) -> None:
    monkeypatch.chdir(data_root)  # type: ignore[attr-defined]
    assert main(["--today", "2027-12-01", "--markdown", str(data_root / "queue.md")]) == 0
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert "data/layers/alpha.yaml:7: claim today" in out and "to review as of 2027-12-01" in out
    assert (data_root / "queue.md").read_text().count("- [ ] `data/") == out.count("last checked")


def test_the_command_dates_the_queue_as_a_build_does(data_root: Path, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(data_root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1827619200")  # 2027-12-01 00:00 UTC
    assert main([]) == 0
    assert "to review as of 2027-12-01" in capsys.readouterr().out
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    assert main([]) == 2
    assert capsys.readouterr().err.startswith("SOURCE_DATE_EPOCH is 'soon': it must be a whole number")
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert main([]) == 0
    assert f"to review as of {dt.date.today()}" in capsys.readouterr().out


def test_a_checklist_that_cannot_be_written_is_one_line_not_a_traceback(data_root: Path, tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(data_root)
    missing = tmp_path / "no-such-folder" / "queue.md"
    assert main(["--today", "2026-12-06", "--markdown", str(missing)]) == 1
    assert capsys.readouterr().err == f"{missing}: cannot write the checklist: No such file or directory\n"


def test_every_page_not_reviewed_for_a_year_is_due_whatever_its_family(data_root: Path) -> None:
    """Layers and comparisons have a `reviewed` date too, shown on their pages: a stale one is due
    as an entry's is. Due the day after a full year (and a claim the day after 183 days)."""
    for rel in ("data/layers/alpha.yaml", "data/services/one.yaml"):
        path = data_root / rel
        path.write_text(path.read_text().replace("reviewed: 2026-11-20", "reviewed: 2025-11-20"))
    catalog = load_catalog(data_root, today=dt.date(2026, 11, 20))
    assert review_queue(catalog, dt.date(2026, 11, 20)) == [], "365 days: not yet"
    due = [(item.path, item.what) for item in review_queue(catalog, dt.date(2026, 11, 21))]
    assert due == [("data/layers/alpha.yaml", "layer not reviewed"), ("data/services/one.yaml", "service not reviewed")]
    claims = review_queue(load_catalog(data_root, today=dt.date(2026, 11, 20)), dt.date(2027, 5, 22))
    assert not any(item.what.startswith("claim") and item.since == dt.date(2026, 11, 20) for item in claims), \
        "183 days after its check: not yet"
    claims = review_queue(catalog, dt.date(2027, 5, 23))
    assert any(item.what.startswith("claim") and item.since == dt.date(2026, 11, 20) for item in claims)


def test_the_maintainers_page_shows_the_queue_as_of_the_catalogs_day(data_root: Path) -> None:
    soon = load_catalog(data_root, today=dt.date(2026, 12, 6))
    later = load_catalog(data_root, today=dt.date(2027, 12, 1))
    assert render_review_queue(soon).startswith('Nothing is overdue as of <span class="sg-date">2026-12-06</span>:')
    assert 'to review as of <span class="sg-date">2027-12-01</span>, oldest first' in render_review_queue(later)


def test_an_entry_is_due_on_the_day_an_event_after_its_review_comes(data_root: Path) -> None:
    """Badges change on the day an end of support comes; the entry's own words ("support ends on
    ...") wait for a review, so that day makes it due, at the event's line."""
    text = ENTRY.format(id="one", name="One", layer="alpha").replace(
        "cite: doc}", "cite: doc}\n  - {event: end-of-support, date: 2027-04-30, successor: two, cite: doc}")
    write(data_root, "data/services/one.yaml", text)
    line = text.splitlines().index("  - {event: end-of-support, date: 2027-04-30, successor: two, cite: doc}") + 1

    def due(day: dt.date) -> list[str]:
        queue = review_queue(load_catalog(data_root, today=day), day)
        return [item.describe(day) for item in queue if "review," in item.describe(day)]

    assert due(dt.date(2027, 4, 29)) == []
    assert due(dt.date(2027, 4, 30)) == [f"data/services/one.yaml:{line}: end of support on 2027-04-30 came after "
                                         "the service's review, last checked 2026-11-20 (161 days ago)"]
    write(data_root, "data/services/one.yaml", text.replace("reviewed: 2026-11-20", "reviewed: 2027-04-30"))
    assert due(dt.date(2027, 5, 1)) == []  # reviewed on that day: its words were read against it
