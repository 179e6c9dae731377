"""Glossary terms: the first mention on a page links to its definition; headings, links, code and
chips are left alone."""

from __future__ import annotations

import markdown

from stackguide.glossary import GlossaryLinks, term_anchor

TERMS = {"S3": "Amazon Simple Storage Service", "ML": "machine learning", "Spark ML": "Spark's ML library"}


def convert(text: str) -> str:
    return markdown.markdown(text, extensions=["attr_list", "md_in_html",
                                               GlossaryLinks(terms=TERMS, glossary_page="/glossary.md")])


def test_only_the_first_mention_is_marked() -> None:
    html = convert("Use S3 for ML. Then S3 again, and ML again.")
    assert html.count("<abbr") == 2
    assert '<a class="sg-term" href="/glossary.md#term-s3"><abbr title="Amazon Simple Storage Service">S3</abbr></a>' \
        in html


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
