"""The last watch's findings, as a file that `make watch` writes and the build and `make review` read.

The build does no network I/O: it shows the findings of the report file in the project root
(`watch-report.json`), when there is one, with the date the watch ran.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from stackguide.errors import Problems, os_error_reason
from stackguide.jsonsource import line_of, value_lines
from stackguide.markup import plain_text_problem, url_problem
from stackguide.yamlsource import line_count

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


def read_report(root: Path, problems: Problems) -> WatchReport | None:
    """The report in `root`, or None when no watch ran here. A file that is not a report is a
    problem: the maintainers' page would otherwise say that no watch ran."""
    try:
        raw = (root / REPORT_FILE).read_bytes()
    except FileNotFoundError:
        return None
    except OSError as err:
        problems.add(REPORT_FILE, 1, f"this file cannot be read: {os_error_reason(err)}")
        return None
    again = f"run `make watch` again, or delete {REPORT_FILE}"
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        problems.add(REPORT_FILE, line_count(raw[:err.start].decode("utf-8", "replace")),
                     f"not a watch report: it is not UTF-8 text; {again}")
        return None
    # Line breaks as LF, so that a problem's line is the one an editor shows (JSON reads a CR as
    # space between values, and a string cannot hold one).
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        json.loads(text)  # for the line of a syntax error
    except json.JSONDecodeError as err:
        problems.add(REPORT_FILE, err.lineno, f"not a watch report: {err.msg.lower()}; {again}")
        return None
    except RecursionError:
        problems.add(REPORT_FILE, 1, f"not a watch report: its values are nested too deeply; {again}")
        return None
    try:
        # Strictly as JSON: a number is not a day of 1970, nor text a number.
        return WatchReport.model_validate_json(text, strict=True)
    except ValidationError as err:
        lines = value_lines(text)
        for error in err.errors():
            if not problems.has_room(REPORT_FILE):
                problems.count(REPORT_FILE, 1)
                continue
            where = ".".join(str(part) for part in error["loc"])[:80]  # a key of the file's, however long
            problems.add(REPORT_FILE, line_of(lines, tuple(error["loc"])), "not a watch report this version "
                         f"reads: {where + ': ' if where else ''}{error['msg'].lower()}; {again}")
        return None


def write_report(path: Path, report: WatchReport) -> None:
    """Write the report whole or not at all: an interrupted watch leaves the last report as it was."""
    folder = path.parent
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(report.model_dump_json(indent=1) + "\n")
        os.chmod(temporary, 0o644)  # as a file written in place would be; mkstemp makes it private
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
