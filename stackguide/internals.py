"""Names the site's machinery writes into a page, which data must not be able to write too.

- Python-Markdown keeps stashed HTML and inline results as placeholders, STX + a word + a number +
  ETX, until the end of a conversion; a glossary term that matches inside one corrupts the page.
  STX and ETX are refused by the character policy, so no id, name or text can hold a whole
  placeholder; what is left to guard is a glossary term matching the word or the number inside.
- The footnotes extension puts the sources list where it finds our marker, removing what holds it.
- Material gives its own elements ids (`__config` holds the page's settings for its scripts); a
  heading with the same id breaks search and navigation. The ids are read from the installed
  theme's templates, so a new Material release brings its own list. The site's own ids start
  with `sg-`, and no heading's may.
- MkDocs makes `index.md` a folder's own page: an id `index` would not get the address
  `/<folder>/index/` that the catalog and llms.txt promise.
"""

from __future__ import annotations

import os
import re
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

SOURCES_MARKER = "[[stackguide-sources]]"  # the footnotes extension's PLACE_MARKER (mkdocs.yml)
THEME = "material"
OWN_ID_PREFIX = "sg-"  # the ids of the site's own elements (the search offer's template in overrides/main.html)
# Python-Markdown and MkDocs are imported on first use: `python -m stackguide.check` needs neither
# until it meets a name or an id to check, and a build has them loaded already.


@cache
def placeholder_words() -> tuple[str, ...]:
    """The words inside Python-Markdown's placeholders ('klzzwxh', 'wzxhzdk'), read from Markdown itself."""
    from markdown import util

    return tuple(sorted(set(re.findall(r"[a-z]{2,}", util.INLINE_PLACEHOLDER + util.HTML_PLACEHOLDER))))


@cache
def _slugify() -> Any:
    from markdown.extensions.toc import slugify

    return slugify

_ID_ATTRIBUTE = re.compile(r"""id="([^"]*)\"""")  # an attribute when no letter, digit or hyphen is before it
_NAME_CHARACTER = re.compile(r"[\w-]")
_SET_PREFIX = re.compile(r"""\{%-?\s*set\s+(\w+)\s*=\s*["']([^"']*)["']\s*~""")  # {% set path = "__nav_" ~ i %}
_EXPRESSION = re.compile(r"\{\{-?\s*(\w+)?[^}]*\}\}")


@cache
def theme_element_ids() -> tuple[frozenset[str], tuple[str, ...]]:
    """The ids the theme gives its elements, exact ones and prefixes of numbered ones, and the prefix
    of the site's own."""
    spec = find_spec(THEME)
    if spec is None or spec.origin is None:
        raise RuntimeError(f"the theme package '{THEME}' is not installed")
    templates = _templates(Path(spec.origin).parent / "templates")
    exact, prefixes = element_ids([path.read_text(encoding="utf-8") for path in templates])
    return exact, tuple(sorted({*prefixes, OWN_ID_PREFIX}))


def element_ids(sources: list[str]) -> tuple[frozenset[str], tuple[str, ...]]:
    """The id attributes of these templates: exact ones, and the literal prefixes of those made
    with {{ }} (numbered ones)."""
    exact: set[str] = set()
    prefixes: set[str] = set()
    # Variables are set in one template and used in another (nav.html sets the path nav-item.html uses).
    assigned = {name: value for source in sources for name, value in _SET_PREFIX.findall(source)}
    for source in sources:
        # The start of the name is checked after a match: a pattern that starts with a literal is
        # found by a fast search (with \b first, the regex engine tries every position).
        for value in (found.group(1) for found in _ID_ATTRIBUTE.finditer(source)
                      if found.start() == 0 or not _NAME_CHARACTER.match(source, found.start() - 1)):
            first = _EXPRESSION.search(value)
            if first is None:
                exact.add(value)
                continue
            # The literal text before the first {{ }}, or the literal prefix the variable was set to.
            prefix = value[:first.start()] or assigned.get(first.group(1) or "", "")
            if prefix:
                prefixes.add(prefix)
    return frozenset(exact), tuple(sorted(prefixes))


def _templates(folder: Path) -> list[Path]:
    """The theme's HTML templates, without walking hidden folders (Material keeps 14,000 icons in `.icons/`)."""
    found = []
    for parent, subfolders, names in os.walk(folder):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        found += [Path(parent, name) for name in names if name.endswith(".html")]
    return sorted(found)


def heading_id(text: str) -> str:
    """The id Python-Markdown's toc extension gives a heading with this text (mkdocs.yml keeps its slugify)."""
    return str(_slugify()(text, "-"))


@cache
def _opens_no_id(head: str) -> bool:
    """Whether a slug that starts with `head` can be none of the theme's ids and can neither start
    with one of its id prefixes nor begin one (an empty prefix would take every slug)."""
    exact, prefixes = theme_element_ids()
    return not any(name.startswith(head) or head.startswith(name) for name in (*exact, *prefixes))


def reserved_heading_problem(text: str) -> str | None:
    """Why a heading showing `text` would take an id the theme uses, or None."""
    # The ASCII letters and digits it starts with (two at most) start its slug as they are, in
    # lower case: when no id of the theme's starts so, the slug is not needed (most names and titles).
    head = text[:2] if text[:2].isascii() and text[:2].isalnum() else text[:1]
    if head.isascii() and head.isalnum() and _opens_no_id(head.lower()):
        return None
    slug = heading_id(text)
    exact, prefixes = theme_element_ids()
    # A second heading with the same text gets "<id>_1": guard the numbered ids too.
    if slug in exact or any(slug.startswith(prefix) or prefix.startswith(slug + "_") for prefix in prefixes):
        return (f"would give its heading the id '{slug}', which the theme or the site uses for its own element "
                "(the page's scripts would break); reword it")
    return None


def marker_problem(text: str) -> str | None:
    if SOURCES_MARKER in text:
        return f"contains {SOURCES_MARKER}, the marker where the page's sources list goes; remove it"
    return None


def term_anchor(term: str) -> str:
    """The glossary page's anchor for a term, which every mention links to: 'Spark ML' -> 'term-spark-ml'."""
    return "term-" + re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")


def term_problem(term: str) -> str | None:
    """Why a glossary term could match inside Python-Markdown's placeholders, or None."""
    if not any(char.isalpha() for char in term):
        return f"term '{term}' has no letter; a term is an abbreviation or word (digits alone would match " \
               "inside the Markdown engine's own placeholders)"
    lowered = term.lower()
    for word in placeholder_words():
        if word in lowered:
            return f"term '{term}' contains '{word}', a word the Markdown engine uses internally"
    return None


# An id of lower-case letters, digits and hyphens other than "index": MkDocs publishes it at its own
# address (asking it takes a File, 18 us). tests/test_markup.py holds that MkDocs answers so.
_PLAIN_PAGE_ID = re.compile(r"(?!index$)[a-z0-9-]+")


def reserved_page_id_problem(item_id: str, folder: str) -> str | None:
    """Why MkDocs would not publish `<folder>/<id>.md` at `/<folder>/<id>/`, or None."""
    if _PLAIN_PAGE_ID.fullmatch(item_id):
        return None
    return _reserved_page_id_problem_in_full(item_id, folder)


def _reserved_page_id_problem_in_full(item_id: str, folder: str) -> str | None:
    from mkdocs.structure.files import File

    url = File(f"{folder}/{item_id}.md", src_dir=None, dest_dir="", use_directory_urls=True).url
    if url != f"{folder}/{item_id}/":
        return (f"id '{item_id}' is reserved: MkDocs would publish the page at /{url} rather than "
                f"/{folder}/{item_id}/; choose another id (and file name)")
    return None
