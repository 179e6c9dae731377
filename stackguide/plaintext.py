"""Plain-text fields and ids: one line of text shown exactly as written, and lower-case ids."""

from __future__ import annotations

import re

from stackguide.charpolicy import character_problem
from stackguide.internals import marker_problem, reserved_heading_problem

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ID_MAX = 64  # characters: an id is also a file name and part of an address
ID = re.compile(ID_PATTERN)  # use ID.fullmatch: Python's $ also matches before a final line break
_HTML_TAG = re.compile(r"</?[A-Za-z!?]")


def plain_text_problem(text: str, max_length: int) -> str | None:
    """Why `text` is not acceptable as one line of plain text, or None.

    Any plain text may become a heading (names, titles), so none may take the id of one of the
    theme's own elements.
    """
    if not text.strip():
        return "is empty; write the text"
    if (problem := character_problem(text)) is not None:  # no tab or line break either
        return problem
    if text != text.strip() or "  " in text:
        return "has spaces at its start or end, or two in a row; remove them"
    if len(text) > max_length:
        return f"is {len(text)} characters long; the limit is {max_length}"
    if _HTML_TAG.search(text):
        return "looks like HTML; this field is plain text and would show the tag literally"
    return marker_problem(text) or reserved_heading_problem(text)
