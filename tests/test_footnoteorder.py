"""A page's sources numbered in reading order (stackguide.footnoteorder)."""

from __future__ import annotations

from stackguide.footnoteorder import in_reading_order
from stackguide.internals import SOURCES_MARKER

COMMA = "<sup>,</sup>"


def test_definitions_follow_the_first_citations_and_runs_their_numbers() -> None:
    page = (f"<div markdown>\nClosed[^notice]{COMMA}[^blog].\n</div>\n\nLaunched[^ga]. "
            f"Again[^ga]{COMMA}[^blog]{COMMA}[^notice]. Apart[^ga] [^blog].\n\n## Sources\n\n{SOURCES_MARKER}\n\n"
            "[^blog]: Blog.\n[^ga]: GA.\n[^unused]: Not cited here.\n[^notice]: Notice.\n\nLast reviewed.\n")
    assert in_reading_order(page) == (
        f"<div markdown>\nClosed[^notice]{COMMA}[^blog].\n</div>\n\nLaunched[^ga]. "
        f"Again[^notice]{COMMA}[^blog]{COMMA}[^ga]. Apart[^ga] [^blog].\n\n## Sources\n\n{SOURCES_MARKER}\n\n"
        "[^notice]: Notice.\n[^blog]: Blog.\n[^ga]: GA.\n[^unused]: Not cited here.\n\nLast reviewed.\n")
    assert in_reading_order(in_reading_order(page)) == in_reading_order(page)
    assert in_reading_order("No sources list [^a].") == "No sources list [^a]."
