"""Which characters text from data/ may hold: an allow-list, so a new kind of invisible character
is refused without anyone having to name it.

Allowed everywhere: letters, marks, numbers, punctuation and symbols (Unicode categories L, M, N,
P and S) and the ordinary space U+0020. Nothing else: no control, format (bidi overrides, zero
widths, soft hyphens, tag characters), private-use, unassigned or other space character. Where
each kind of value adds to that:

- a whole data file also holds tabs and line breaks (YAML's own layout and comments);
- a Markdown field's source holds line breaks (they separate paragraphs and list items), but no
  tab: a tab is indentation of invisible width, and indentation decides lists and code blocks;
- a plain-text field, and any text a character reference such as `&#10;` decodes to, holds
  neither: one line, exactly as shown.
"""

from __future__ import annotations

import functools
import unicodedata

ALLOWED_CATEGORIES = frozenset("LMNPS")  # the first letter of unicodedata.category
_PRINTABLE_ASCII = frozenset(map(chr, range(0x20, 0x7F)))  # all allowed: only the others are looked up
# Names Python's unicodedata leaves out (controls have none), for the characters people meet.
_CONTROL_NAMES = {"\x00": "NULL", "\x07": "BELL", "\x08": "BACKSPACE", "\t": "CHARACTER TABULATION",
                  "\n": "LINE FEED", "\x0b": "LINE TABULATION", "\x0c": "FORM FEED", "\r": "CARRIAGE RETURN",
                  "\x1b": "ESCAPE", "\x7f": "DELETE", "\x85": "NEXT LINE"}

FILE_EXTRA = "\t\n\r"  # what a data file adds to the allowed characters
MARKDOWN_EXTRA = "\n"  # what a Markdown field's source adds


def describe(char: str) -> str:
    """'U+202E RIGHT-TO-LEFT OVERRIDE': the code point and its Unicode name."""
    name = _CONTROL_NAMES.get(char) or unicodedata.name(char, "")
    if not name:
        category = unicodedata.category(char)
        name = {"Cc": "a control character", "Co": "a private-use character", "Cs": "a surrogate",
                "Cn": "an unassigned code point"}.get(category, f"category {category}")
    return f"U+{ord(char):04X} {name}"


def is_allowed(char: str, extra: str = "") -> bool:
    return char == " " or char in extra or unicodedata.category(char)[0] in ALLOWED_CATEGORIES


@functools.cache
def _shown_ascii(extra: str) -> bytes:
    """The printable ASCII characters and the ASCII ones of `extra`, as bytes to delete."""
    return bytes(range(0x20, 0x7F)) + extra.encode("ascii", "ignore")


def refused_set(text: str, extra: str = "") -> set[str]:
    """The distinct characters of `text` the policy refuses; linear, each looked up once."""
    # The common case, ASCII letters, figures, punctuation and the space (and the line breaks a file
    # or Markdown field holds), settled in two quick steps: isascii() reads a flag of the string.
    if text.isascii() and not text.encode("ascii").translate(None, _shown_ascii(extra)):
        return set()
    return {char for char in set(text).difference(_PRINTABLE_ASCII, extra) if not is_allowed(char)}


def refused_characters(text: str, extra: str = "") -> list[str]:
    """The distinct characters of `text` the policy refuses, in order of first appearance."""
    bad = refused_set(text, extra)
    return list(dict.fromkeys(char for char in text if char in bad)) if len(bad) > 1 else list(bad)


def character_problem(text: str, extra: str = "") -> str | None:
    """Why `text` holds a character that is not allowed (the first one), or None."""
    bad = refused_set(text, extra)
    return refusal(next(char for char in text if char in bad)) if bad else None


def refusal(char: str, how: str = "") -> str:
    """The message for a refused character; `how` says where it came from, if not typed as itself."""
    if char in "\t\n\r":
        what = "a line break" if char != "\t" else "a tab"
        return f"{describe(char)}{how} is not allowed here ({what}); write one line, with ordinary spaces"
    if unicodedata.category(char) == "Zs":
        return f"{describe(char)}{how} is not allowed; use an ordinary space"
    return f"{describe(char)}{how} is not allowed (it does not show, or changes how text around it shows); delete it"
