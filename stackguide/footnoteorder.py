"""A page's sources numbered in reading order, and each run of references in number order.

Left to its document order, Python-Markdown numbers footnotes in the order its inline pass meets
them, which visits a page's top-level paragraphs before the blocks inside HTML elements: the
banner's source at the top of a page could be number 3, and a claim citing the ninth and fifth
sources read "9,5". The pages therefore number by definition order (the footnotes extension's
USE_DEFINITION_ORDER, its default), and this pass over a generated page's Markdown puts the
definitions in the order their sources are first cited, reading down the page, and the
references of each run (mdwrite.CITATION_SEPARATOR between them) in that order too. It works on
the Markdown, so an exported page numbers its sources as the built one does.
"""

from __future__ import annotations

import re

from stackguide.internals import SOURCES_MARKER
from stackguide.mdwrite import CITATION_SEPARATOR

_LABEL = r"\[\^([a-z0-9][a-z0-9-]*)\]"
_ONE = re.compile(_LABEL)
_RUN = re.compile(rf"{_LABEL}(?:{re.escape(CITATION_SEPARATOR)}{_LABEL})+")  # two or more in a row
_DEFINITIONS = re.compile(rf"(?:^{_LABEL}: .*\n)+", re.MULTILINE)  # a block of one-line definitions


def in_reading_order(markdown: str) -> str:
    """`markdown` (a page whose sources list follows SOURCES_MARKER) with its references and
    definitions in the order of first citation."""
    body, marker, sources = markdown.partition(SOURCES_MARKER)
    if not marker:
        return markdown
    # Each source's place: where it is first cited (sorting a run never moves a source before its first citation).
    order = {label: place for place, label in enumerate(dict.fromkeys(_ONE.findall(body)))}

    def run_in_order(run: re.Match[str]) -> str:
        labels = sorted(dict.fromkeys(_ONE.findall(run.group())), key=order.__getitem__)
        return CITATION_SEPARATOR.join(f"[^{label}]" for label in labels)

    def definitions_in_order(block: re.Match[str]) -> str:
        lines = block.group().splitlines(keepends=True)
        labels = [line[2:line.index("]")] for line in lines]  # each line starts "[^label]: "
        first = sorted(range(len(lines)), key=lambda n: order.get(labels[n], len(order)))  # uncited ones last
        return "".join(lines[n] for n in first)

    if CITATION_SEPARATOR in body:
        body = _RUN.sub(run_in_order, body)
    return body + marker + _DEFINITIONS.sub(definitions_in_order, sources, count=1)
