"""Glossary terms: the first mention on a page links to its definition; headings, links, code and
chips are left alone."""

from __future__ import annotations

from typing import Any

import markdown
import pytest

from stackguide.glossary import GlossaryLinks
from stackguide.internals import term_anchor

TERMS = {"S3": "Amazon Simple Storage Service", "ML": "machine learning", "Spark ML": "Spark's ML library"}


def convert(text: str) -> str:
    return markdown.markdown(text, extensions=["attr_list", "md_in_html",
                                               GlossaryLinks(terms=TERMS, glossary_page="/glossary.md")])


def test_only_the_first_mention_is_marked() -> None:
    html = convert("Use S3 for ML. Then S3 again, and ML again.")
    assert html.count("<abbr") == 2
    # the link's name carries the expansion for a screen reader; the abbr's title shows it on hover
    assert ('<a aria-label="S3 (Amazon Simple Storage Service)" class="sg-term" href="/glossary.md#term-s3">'
            '<abbr title="Amazon Simple Storage Service">S3</abbr></a>') in html


def test_longest_term_first_and_whole_words_only() -> None:
    html = convert("Spark ML is not MLOps or S3x.")
    assert '<abbr title="Spark\'s ML library">Spark ML</abbr>' in html and html.count("<abbr") == 1


def test_headings_links_code_and_chips_are_left_alone() -> None:
    html = convert("# S3 heading\n\n[S3 link](https://aws.amazon.com/s3/) `S3` "
                   "[S3 chip](x.md){ .sg-chip }\n\nFinally S3 in text.")
    assert html.count("<abbr") == 1
    assert html.index("<abbr") > html.index("Finally")


def test_anchors_match_the_glossary_page() -> None:
    assert term_anchor("Spark ML") == "term-spark-ml" and term_anchor("k-NN") == "term-k-nn"


def _first_mentions_by_the_book(text: str) -> list[str]:
    """The terms a page's one paragraph marks, found with the whole-word pattern written out
    (a look-behind and a look-ahead) over the text left after each marked term."""
    import re

    names = sorted(TERMS, key=len, reverse=True)
    pattern = re.compile(rf"(?<![\w-])({'|'.join(map(re.escape, names))})(?![\w-])")
    seen: list[str] = []
    while True:
        match = next((found for found in pattern.finditer(text) if found.group(1) not in seen), None)
        if match is None:
            return seen
        seen.append(match.group(1))
        text = text[match.end():]


def test_terms_are_found_where_the_whole_word_pattern_finds_them() -> None:
    import random
    import re

    generator = random.Random(11)
    pieces = ["S3", "ML", "Spark", "Spark ML", " ", "-", "x", "é", "_", ".", "Sp", "3"]
    for _ in range(3_000):
        text = "".join(generator.choice(pieces) for _ in range(generator.randint(1, 12)))
        html = convert(text.replace("_", "z"))  # no emphasis markers: the paragraph's text is the text
        marked = re.findall(r"<abbr title=\"[^\"]*\">([^<]*)</abbr>", html)
        assert marked == _first_mentions_by_the_book(text.replace("_", "z")), text


class _Never(set[str]):
    """A set of terms still to find that never empties: the walk then reads the whole page."""

    def discard(self, item: object) -> None:
        pass

    def __bool__(self) -> bool:
        return True


def test_stopping_once_every_term_on_the_page_is_marked_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """The walk stops when the terms the page's texts hold are all marked, and skips a page that
    holds none: the same HTML as walking every page to its end."""
    import random

    from stackguide import glossary

    generator = random.Random(5)
    words = ["S3", "ML", "Spark ML", "Spark", "data", "x-ML", "S3x", "é"]
    shapes = ["# {}", "{}", "- {}\n- {}", "[{}](https://example.org/)", "`{}` {}", "*{}* {}",
              "{} [{}](x.md){{ .sg-chip }}", '<div markdown>\n\n{}\n\n</div>', "> {}",
              "*{}*{}", "{}**{}**"]  # the last two: texts that meet without a space
    documents = []
    for _ in range(400):
        blocks = []
        for _ in range(generator.randint(1, 6)):
            shape = generator.choice(shapes)
            blocks.append(shape.format(*(" ".join(generator.choices(words, k=generator.randint(1, 4)))
                                         for _ in range(shape.count("{}")))))
        documents.append("\n\n".join(blocks))
    found = [convert(document) for document in documents]
    full_walk = glossary._FirstMentions.run

    def run(self: glossary._FirstMentions, root: Any) -> None:
        if self.pattern is not None:
            self.left, self.seen = _Never(), set()
            self._walk(root)

    monkeypatch.setattr(glossary._FirstMentions, "run", run)
    assert full_walk is not run
    walked = [convert(document) for document in documents]
    assert found == walked
    assert sum("<abbr" in html for html in found) > 200 and sum("<abbr" not in html for html in found) > 20
