"""The last watch's findings, as a file that `make watch` writes and the build and `make review` read.

The build does no network I/O: it shows the findings of the report file in the project root
(`watch-report.json`), when there is one, with the date the watch ran.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from stackguide.markup import plain_text_problem, url_problem

REPORT_FILE = "watch-report.json"


class Finding(BaseModel):
    """Something that changed upstream, at the line of the data file it concerns."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    published: dt.date | None  # when upstream published it; None when the feed gave no date
    path: str
    line: int
    what: str
    link: str | None = None  # an https page to read, or None

    def sort_key(self) -> tuple[str, dt.date, int, str]:
        return self.path, self.published or dt.date.min, self.line, self.what

    def describe(self) -> str:
        link = f" ({self.link})" if self.link else ""
        return f"{self.path}:{self.line}: {self.what}{link}"


class WatchReport(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    ran: dt.datetime
    feeds: int = Field(ge=0)
    findings: list[Finding]
    problems: list[str]  # feeds that gave nothing usable, each with why


def safe_link(link: str) -> str | None:
    """A feed's link, if it is an https address a page may show; feeds are untrusted."""
    return link if link.startswith("https://") and url_problem(link) is None else None


def safe_text(text: str, limit: int = 300) -> str:
    """A feed's text as one plain line (the template escapes it), or a placeholder."""
    line = " ".join(text.split())[:limit]
    return line if line and plain_text_problem(line, limit) is None else "(an item whose title cannot be shown)"


def read_report(root: Path) -> WatchReport | None:
    """The report in `root`, or None when no watch ran here or the file is not a report."""
    try:
        return WatchReport.model_validate_json((root / REPORT_FILE).read_bytes())
    except (OSError, ValidationError):
        return None


def write_report(path: Path, report: WatchReport) -> None:
    path.write_text(report.model_dump_json(indent=1) + "\n", encoding="utf-8")
