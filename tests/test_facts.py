"""Watches name real feed shapes on primary hosts; facts cite and watch what their entry lists; and a
hand-written sentence that repeats a fact with another value is refused, while one that agrees, or
that is about something else, passes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from conftest import WATCHES, write
from hypothesis import given, settings
from hypothesis import strategies as st

from stackguide import facts
from stackguide.errors import DataError
from stackguide.load import load_catalog
from stackguide.model import Fact
from stackguide.sources import feed_problem

WHATS_NEW = "https://aws.amazon.com/about-aws/whats-new/recent/feed/"
RELEASES = "https://github.com/aws/one/releases.atom"

FACTS = f"""\
facts:
  - id: latest
    label: Latest release
    value: "3.0.0"
    as_of: 2026-11-20
    cite: doc
    watch: {RELEASES}
watches:
  - feed: {RELEASES}
  - feed: {WHATS_NEW}
    match: [One]
"""


def with_facts(root: Path, description: str = "A service used by the tests [^doc].", extra: str = FACTS) -> None:
    path = root / "data/services/one.yaml"
    text = path.read_text().replace(WATCHES, "")
    text = text.replace("A service used by the tests [^doc].", description)
    write(root, "data/services/one.yaml", text.replace("sources:\n", extra + "sources:\n"))


def problems(root: Path) -> list[str]:
    try:
        load_catalog(root, today=dt.date(2026, 12, 6))
    except DataError as err:
        return [str(problem) for problem in err.problems]
    return []


def fact(value: str = "3.0.0", label: str = "Latest release") -> Fact:
    return Fact(id="latest", label=label, value=value, as_of=dt.date(2026, 11, 20), cite="doc")


# -- the rule itself ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "names", "token"), [
    ("The latest release is 2.9.0.", None, "2.9.0"),  # own file: the entry is implied
    ("One's latest releases include v2.9.", ["One"], "2.9"),  # plural and a leading v
    ("The latest release is 3.0.0.", None, None),  # agrees
    ("The latest release, 3.0.0, ships Spark 3.5.6.", None, None),  # agrees; other versions may follow
    ("Release 2.9.0 added streaming.", None, None),  # not about the latest
    ("The latest release of Other is 2.9.0.", ["One"], None),  # another file, not naming this entry
    ("The latest release is out.", None, None),  # no version to contradict
])
def test_conflict(sentence: str, names: list[str] | None, token: str | None) -> None:
    assert facts.conflict(sentence, fact(), names) == token


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(["1", "2.3", ".", "4", "v", " ", "  ", "! ", "? ", ". ", "as of ", "As Of ", "May ",
                                 "2026", "-11", "latest", "x", "a1.2", "1.2.", "\n"]), max_size=14).map("".join))
def test_a_text_without_versions_or_dates_has_no_sentence_that_gives_one(text: str) -> None:
    """What lets the prose check skip a text: a sentence's versions and dates are the whole text's."""
    by_sentence = [(facts.versions(sentence), facts.moving_value(sentence)) for sentence in facts.sentences(text)]
    assert set().union(*(found for found, _ in by_sentence)) == facts.versions(text)
    if not facts._may_move(text):
        assert all(not found and moving is None for found, moving in by_sentence)


def test_a_fact_without_a_version_is_never_contradicted() -> None:
    assert facts.conflict("The latest release is 2.9.0.", fact(value="PyTorch only"), None) is None


def test_entry_names_include_the_short_name_abbreviations_and_previous_names() -> None:
    from stackguide.model import Entry

    fields: dict[str, Any] = {"name": "Amazon Managed Streaming for Apache Kafka", "abbreviations": ["MSK"],
                              "previous_names": ["Old Name"]}  # only the fields entry_names reads
    entry = Entry.model_construct(**fields)
    assert set(facts.entry_names(entry)) == {"Amazon Managed Streaming for Apache Kafka",
                                             "Managed Streaming for Apache Kafka", "MSK", "Old Name"}


# -- in the loader, both ways ---------------------------------------------------------------------------

def test_facts_and_watches_that_agree_load(data_root: Path) -> None:
    with_facts(data_root, "The latest release is [=latest] [^doc].")
    assert problems(data_root) == []
    entry = load_catalog(data_root, today=dt.date(2026, 12, 6)).entry("one")
    assert entry.facts[0].value == "3.0.0" and entry.watches[1].match == ["One"]


def test_a_contradicting_sentence_in_the_entry_is_refused(data_root: Path) -> None:
    with_facts(data_root, "It works well. The latest release is 2.9.0 [^doc].")
    assert problems(data_root) == ["data/services/one.yaml:5: description: '2.9.0' contradicts the fact "
                                   "'Latest release: 3.0.0' of data/services/one.yaml; write the value as the fact "
                                   "says, or update the fact"]


def test_a_contradicting_sentence_on_another_page_is_refused(data_root: Path) -> None:
    with_facts(data_root)
    layer = data_root / "data/layers/beta.yaml"
    layer.write_text(layer.read_text().replace("today: Nothing changed [^doc].",
                                               "today: The latest release of One is 2.8 [^doc]. Two is 2.8 [^doc]."))
    assert problems(data_root) == ["data/layers/beta.yaml:7: today: '2.8' contradicts the fact 'Latest release: "
                                   "3.0.0' of data/services/one.yaml; write the value as the fact says, or update "
                                   "the fact"]


@pytest.mark.parametrize(("feed", "message"), [
    ("https://github.com/someone/one/releases.atom", "is not on a primary host"),
    ("https://github.com/aws/one/commits.atom", "is not a feed this guide watches"),
    ("https://docs.aws.amazon.com/one/latest/dg/doc-history.html", "is not a feed this guide watches"),
    ("https://docs.amazonaws.cn/one/latest/dg/doc-history.rss", "docs.amazonaws.cn is not accepted"),
])
def test_feed_policy(feed: str, message: str) -> None:
    assert message in (feed_problem(feed) or "")


def test_good_feeds_pass_the_policy() -> None:
    for feed in (RELEASES, "https://github.com/tensorflow/tensorflow/tags.atom", WHATS_NEW,
                 "https://docs.aws.amazon.com/emr/latest/ReleaseGuide/amazon-emr-release-notes.rss",
                 "https://aws.amazon.com/blogs/machine-learning/feed/"):
        assert feed_problem(feed) is None, feed


def test_watch_and_fact_mistakes_are_reported_at_their_lines(data_root: Path) -> None:
    extra = f"""\
facts:
  - id: latest
    label: Latest release
    value: "3.0.0"
    as_of: 2027-01-01
    cite: nowhere
    watch: https://github.com/aws/other/releases.atom
  - id: latest
    label: Latest release
    value: "3.0.0"
    as_of: 2026-11-20
    cite: doc
watches:
  - feed: {WHATS_NEW}
  - feed: https://github.com/someone/one/releases.atom
"""
    with_facts(data_root, extra=extra)
    found = problems(data_root)
    assert found == [
        "data/services/one.yaml:18: facts.0.as_of: 2027-01-01 is in the future; give the date you read the value",
        "data/services/one.yaml:19: facts.0.cite: citation 'nowhere' is not listed in this file's sources",
        "data/services/one.yaml:20: facts.0.watch: 'https://github.com/aws/other/releases.atom' is not among this "
        "entry's watches; add it under watches or name one of them",
        "data/services/one.yaml:21: fact id 'latest' is used twice",
        "data/services/one.yaml:27: watches.0: a shared feed needs match: the words an item title must contain to "
        "be about this entry, e.g. [One]",
        "data/services/one.yaml:28: watches.1.feed: 'https://github.com/someone/one/releases.atom' is not on a "
        "primary host (AWS, Amazon or the project's own GitHub organisation)",
    ]


def test_a_plain_http_feed_is_refused(data_root: Path) -> None:
    with_facts(data_root, extra="watches:\n  - feed: http://github.com/aws/one/releases.atom\n")
    assert problems(data_root) == ["data/services/one.yaml:15: watches.0.feed: 'http://github.com/aws/one/"
                                   "releases.atom' uses 'http:', and only https:// is allowed"]


def test_watches_are_required_unless_switched_off(data_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("one", "two"):
        path = data_root / f"data/services/{name}.yaml"
        path.write_text(path.read_text().replace(WATCHES, ""))
    assert problems(data_root) == [f"data/services/{name}.yaml:15: missing watches: name at least one feed that "
                                   "announces this entry's changes (see CONTRIBUTING.md, 'Watches and facts')"
                                   for name in ("one", "two")]
    monkeypatch.setattr(facts, "WATCHES_REQUIRED", False)
    assert problems(data_root) == []


def test_every_real_entry_has_a_watch(catalog: object) -> None:
    from stackguide.catalog import Catalog

    assert isinstance(catalog, Catalog)
    assert [entry.id for entry in catalog.entries if not entry.watches] == []


def test_a_fact_is_rendered_on_its_entry_and_in_its_layers_line_up(data_root: Path) -> None:
    from stackguide.render import render_page

    with_facts(data_root)
    catalog = load_catalog(data_root, today=dt.date(2026, 12, 6))
    entry_page = render_page(catalog, catalog.entry("one"))
    assert "## Key facts { #key-facts }\n" in entry_page
    assert '| Latest release | 3\\.0\\.0[^doc] | <span class="sg-date">2026-11-20</span> |' in entry_page
    layer_page = render_page(catalog, catalog.layer("alpha"))
    assert "| [One](/services/one.md) |" in layer_page
    assert '| Latest release | 3\\.0\\.0 | <span class="sg-date">2026-11-20</span> |' in layer_page
    assert "## At a glance" not in render_page(catalog, catalog.layer("beta"))  # Two has no facts


# -- fact references: written once, shown where prose needs the value ---------------------------------

def test_a_reference_renders_the_value_with_its_date_and_links_from_other_pages(data_root: Path) -> None:
    from stackguide.render import render_page

    with_facts(data_root, "The latest release is [=latest] [^doc].")
    layer = data_root / "data/layers/beta.yaml"
    layer.write_text(layer.read_text().replace("today: Nothing changed [^doc].",
                                               "today: The latest release of One is [=one:latest] [^doc]."))
    catalog = load_catalog(data_root, today=dt.date(2026, 12, 6))
    assert "The latest release is 3\\.0\\.0 (as of 2026-11-20)[^doc]" in render_page(catalog, catalog.entry("one"))
    assert ("The latest release of One is [3\\.0\\.0](/services/one.md#key-facts) (as of 2026-11-20)[^doc]"
            in render_page(catalog, catalog.layer("beta")))


def test_a_paragraph_gives_each_day_once_after_its_first_reference(data_root: Path) -> None:
    from stackguide.render import render_page

    older = '  - id: older\n    label: Older release\n    value: "2.0.0"\n    as_of: 2026-10-01\n    cite: doc\n'
    with_facts(data_root, '"It is [=latest], still [=latest], after [=older] [^doc].\\n\\nNow [=latest] [^doc]."',
               extra=FACTS.replace("watches:", older + "watches:"))
    catalog = load_catalog(data_root, today=dt.date(2026, 12, 6))
    page = render_page(catalog, catalog.entry("one"))
    assert "It is 3\\.0\\.0 (as of 2026-11-20), still 3\\.0\\.0, after 2\\.0\\.0 (as of 2026-10-01)[^doc]\\." in page
    assert "Now 3\\.0\\.0 (as of 2026-11-20)[^doc]\\." in page  # a new paragraph dates it again


def test_a_new_value_in_the_fact_changes_every_page_that_refers_to_it(data_root: Path) -> None:
    from stackguide.render import render_page

    with_facts(data_root, "The latest release is [=latest] [^doc].", extra=FACTS.replace('"3.0.0"', '"3.1.0"'))
    catalog = load_catalog(data_root, today=dt.date(2026, 12, 6))
    page = render_page(catalog, catalog.entry("one"))
    assert "The latest release is 3\\.1\\.0 (as of 2026-11-20)" in page and "3\\.0\\.0" not in page


def test_references_to_missing_facts_are_reported_at_their_lines(data_root: Path) -> None:
    with_facts(data_root, "It has [=oldest], [=nobody:latest] and [=two:latest] [^doc].")
    layer = data_root / "data/layers/beta.yaml"
    layer.write_text(layer.read_text().replace("today: Nothing changed [^doc].", "today: See [=latest] [^doc]."))
    assert problems(data_root) == [
        "data/layers/beta.yaml:7: today: fact reference '[=latest]' names a fact of this file, but only entries "
        "have facts; name the entry: [=entry-id:fact-id]",
        "data/services/one.yaml:5: description: fact reference '[=nobody:latest]' names no entry 'nobody'; write "
        "[=entry-id:fact-id] with an entry's id",
        "data/services/one.yaml:5: description: fact reference '[=oldest]' names no fact 'oldest' of this entry "
        "(its facts: latest)",
        "data/services/one.yaml:5: description: fact reference '[=two:latest]' names no fact 'latest' of two (it "
        "has no facts: add one)",
    ]


@pytest.mark.parametrize("written", ["[=Latest]", "[=one:]", "[=a:b:c]", "[= latest]"])
def test_malformed_references_are_refused(data_root: Path, written: str) -> None:
    with_facts(data_root, f"It has {written} [^doc].")
    assert [problem.split(": ", 2)[-1] for problem in problems(data_root)] == [
        f"fact reference '{written}' must be [=fact-id] (a fact of this file) or [=entry-id:fact-id] (a fact of "
        "another entry)"]


def test_a_reference_inside_a_link_is_refused(data_root: Path) -> None:
    with_facts(data_root, "See [release [=latest]](https://aws.amazon.com/one/) [^doc].")
    assert [problem.split(": ", 2)[-1] for problem in problems(data_root)] == [
        "a fact reference cannot sit inside a link's text (it may be shown as a link); put it outside the link"]


@pytest.mark.parametrize(("sentence", "message"), [
    ("As of November 2026 it has four engines [^doc].",
     "'As of November 2026' dates a value by hand; a value that moves is a fact (facts: with value, as_of, cite "
     "and watch), shown with [=fact-id]"),
    ("It has four engines as of 2026-11 [^doc].",
     "'as of 2026-11' dates a value by hand; a value that moves is a fact (facts: with value, as_of, cite and "
     "watch), shown with [=fact-id]"),
    ("The newest runtime is 3.0.0 [^doc].",
     "'newest' next to '3.0.0' gives a moving version by hand; make it a fact (facts: with value, as_of, cite and "
     "watch) and write [=fact-id] where it goes"),
])
def test_a_moving_value_written_by_hand_is_refused(data_root: Path, sentence: str, message: str) -> None:
    with_facts(data_root, sentence)
    assert problems(data_root) == [f"data/services/one.yaml:5: description: {message}"]


@pytest.mark.parametrize("sentence", [
    "The newest runtime is [=latest] [^doc].",  # the value comes from the fact
    "Release 2.9.0 added streaming. The newest one is faster [^doc].",  # 'newest' in a sentence without a version
    "Version 2.9.0 came out in 2025 [^doc].",  # a fixed, dated event: it does not move
])
def test_values_that_do_not_move_or_come_from_facts_pass(data_root: Path, sentence: str) -> None:
    with_facts(data_root, sentence)
    assert problems(data_root) == []


def test_a_reference_in_the_glossary_is_checked_too(data_root: Path) -> None:
    with_facts(data_root)
    glossary = data_root / "data/glossary.yaml"
    text = glossary.read_text()
    definition = text.split("definition: ", 1)[1].split("\n", 1)[0]
    glossary.write_text(text.replace(definition, "Its newest is [=one:oldest] and [=one:latest]."))
    assert [problem.split(": ", 1)[1] for problem in problems(data_root)] == [
        "terms.0.definition: fact reference '[=one:oldest]' names no fact 'oldest' of one (its facts: latest)"]


_PROSE = st.lists(st.sampled_from(["as of ", "AS OF ", "As Of ", "a\u017f of ", "as\u00a0of ", "as  of ", "has of ",
                                   "January ", "june ", "2024", "2024-05", "-01", "v1.2", "1.2.3", "1.", ".2", "v",
                                   "3", ".", " ", "of", "O", "F", "\u0130", "x", "\u0663.\u0664", "latest "]),
                  max_size=10).map("".join)


@settings(max_examples=1000, deadline=None)
@given(_PROSE)
def test_the_quick_tests_for_versions_and_dated_values_decide_as_the_full_search(text: str) -> None:
    """A text the quick tests pass over holds no version and no dated value by the full search."""
    quick, full = facts._dated(text), facts._DATED.search(text)
    assert (quick and quick.span()) == (full and full.span())
    assert facts.versions.__wrapped__(text) == frozenset(match.group(1).rstrip(".")
                                                         for match in facts.VERSION.finditer(text))
