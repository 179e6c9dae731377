"""The loader: every class of data error names the file and the line, and all of them are reported."""

from __future__ import annotations

import datetime as dt
import os
import re
import string
from pathlib import Path

import pytest
import yaml
from conftest import COMPARISON, ENTRY, LAYER, ONBOARDING, ROOT, write
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from stackguide import internals, sources
from stackguide.errors import DataError
from stackguide.load import BuildDateError, FileCache, build_date, load_catalog
from stackguide.model import State
from stackguide.yamlsource import line_count

TODAY = dt.date(2026, 11, 25)


def problems(root: Path, **options: object) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_catalog(root, today=TODAY, **options)  # type: ignore[arg-type]
    return [str(problem) for problem in caught.value.problems]


def problems_with(root: Path, old: str = "", new: str = "", extra: str = "") -> list[str]:
    """Problems after rewriting data/services/one.yaml with `old` replaced by `new`."""
    text = ENTRY.format(id="one", name="One", layer="alpha")
    if old:
        assert old in text, f"the test meant to replace {old!r}, which the entry does not contain"
        text = text.replace(old, new)
    write(root, "data/services/one.yaml", text + extra)
    return problems(root)


LAUNCH = "  - {event: launched, date: 2020-01-01, cite: doc}\n"


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("layer: alpha", "layer: alfa", "data/services/one.yaml:3: layer 'alfa' is not one of: alpha, beta"),
    ("id: one", "id: uno",
     "data/services/one.yaml:1: id 'uno' must equal the file name (rename the file to uno.yaml or set id: one)"),
    ("url: https://docs.aws.amazon.com/one/", "url: docs.aws.amazon.com/one",
     "data/services/one.yaml:17: sources.0.url: 'docs.aws.amazon.com/one' does not start with https://"),
    ("url: https://docs.aws.amazon.com/one/", "url: |\n      https://docs.aws.amazon.com/one/",
     "data/services/one.yaml:17: sources.0.url: 'https://docs.aws.amazon.com/one/\\n' holds a line break or a tab; "
     "write the address as one plain line"),
    ("date: 2020-01-01, cite: doc}", 'date: "2020\\n", cite: doc}',
     "data/services/one.yaml:9: lifecycle.0.date: '2020\\n' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"),
    ("summary: A service used by the tests.", "summary: <script>alert(1)</script>",
     "data/services/one.yaml:4: summary: looks like HTML; this field is plain text and would show the tag literally"),
    (LAUNCH, LAUNCH + "  - {event: closed-to-new-customers, date: 2019-05-01, successor: two, cite: doc}\n",
     "data/services/one.yaml:10: lifecycle.1: dated 2019-05-01, before the event above it (2020-01-01); list events "
     "oldest first"),
    (LAUNCH, LAUNCH + "  - {event: retired, date: 2027-01-01, successor: two, cite: doc}\n",
     "data/services/one.yaml:10: lifecycle.1: a 'retired' event dated 2027-01-01 is in the future; only an announced "
     "end-of-support may be"),
    (LAUNCH, LAUNCH + "  - {event: renamed, date: 2024-12-03, cite: doc}\n",
     "data/services/one.yaml:10: lifecycle.1: a 'renamed' event gives the old and the new name as from: and to:"),
    (LAUNCH, LAUNCH + "  - {event: renamed, date: 2024-12-03, from: Uno, to: One, cite: doc}\n",
     "data/services/one.yaml:10: lifecycle.1.from: 'Uno' is not listed in previous_names; add it there so a search "
     "for the old name finds this page"),
    (LAUNCH, LAUNCH + "  - {event: retired, date: 2024-12-03, cite: doc}\n",
     "data/services/one.yaml:9: this entry is retired and names no successor: name one on the event (successor: "
     "<entry id>), or say in one sentence why nothing replaces it, with the alternatives (instead:)"),
    (LAUNCH, LAUNCH + "  - {event: retired, date: 2023-09-20, successor: one, cite: doc}\n",
     "data/services/one.yaml:10: successor 'one' is this entry itself; name another one"),
    ("description: A service used by the tests [^doc].", "description: A service used by the tests.",
     "data/services/one.yaml:5: description: cites no source; end the claim with [^source-id], naming one of this "
     "file's sources"),
    ("  - Does one thing well [^doc].", "  - Does one thing well [^dco].",
     "data/services/one.yaml:7: capabilities.0: citation 'dco' is not listed in this file's sources (did you mean "
     "'doc'?)"),
    ("url: https://docs.aws.amazon.com/one/", "url: https://docs.amazonaws.cn/one/",
     "data/services/one.yaml:17: sources.0.url: docs.amazonaws.cn is not accepted as a source: a China-region "
     "mirror of AWS documentation, partly machine-translated; cite docs.aws.amazon.com"),
    ("date: 2020-01-01, cite: doc}", "date: 2020-01-01, cite: press}",
     "data/services/one.yaml:9: lifecycle.0.cite: citation 'press' is not listed in this file's sources"),
    ("checked: 2026-11-20", "checked: 2027-01-01",
     "data/services/one.yaml:18: sources.0.checked: 2027-01-01 is in the future; give the date you read the page"),
    ("description: A service used by the tests [^doc].", "description: See [it](javascript:alert(1)) [^doc].",
     "data/services/one.yaml:5: description: link target 'javascript:alert(1)' uses 'javascript:', and only https:// "
     "is allowed; link to an https:// page or to another entry by its id, e.g. [Amazon Polly](amazon-polly)"),
    ("description: A service used by the tests [^doc].", "description: See [Two](tow) [^doc].",
     "data/services/one.yaml:5: description: link to 'tow' does not exist (did you mean 'two'?)"),
    ("description: A service used by the tests [^doc].", "description: See [One](one) [^doc].",
     "data/services/one.yaml:5: description: link to 'one' is this entry itself; name another one"),
    ("name: One", "name: '   '", "data/services/one.yaml:2: name: is empty; write the text"),
    # pydantic alone reads a number as seconds since 1970, and takes a time of day or a quoted flag
    ("checked: 2026-11-20", "checked: 0",
     "data/services/one.yaml:18: sources.0.checked: '0' is not a date of the form YYYY-MM-DD"),
    ("checked: 2026-11-20", "checked: '1763596800'",
     "data/services/one.yaml:18: sources.0.checked: '1763596800' is not a date of the form YYYY-MM-DD"),
    ("checked: 2026-11-20", "checked: 2026-11-20T00:00:00Z",
     "data/services/one.yaml:18: sources.0.checked: '2026-11-20T00:00:00Z' is not a date of the form YYYY-MM-DD"),
    # a year no page, feed or calendar can hold: outside 1900 to 2100
    (LAUNCH, LAUNCH + "  - {event: end-of-support, date: 9999-12-31, successor: two, cite: doc}\n",
     "data/services/one.yaml:10: lifecycle.1.date: '9999-12-31' is outside the years 1900 to 2100"),
    ("date: 2020-01-01, cite: doc}", "date: 0999-11-30, cite: doc}",
     "data/services/one.yaml:9: lifecycle.0.date: '0999-11-30' is outside the years 1900 to 2100"),
    ("checked: 2026-11-20", "checked: 1899-12-31",
     "data/services/one.yaml:18: sources.0.checked: '1899-12-31' is outside the years 1900 to 2100"),
    (LAUNCH, "  - {event: launched, date: 2020-01-01, by: 'yes', cite: doc}\n",
     "data/services/one.yaml:9: lifecycle.0.by: Input should be a valid boolean (got 'yes')"),
    # an end to come, known to its month only (the pages would say "ended" on the month's first day)
    (LAUNCH, LAUNCH + "  - {event: end-of-support, date: 2026-11, successor: two, cite: doc}\n",
     "data/services/one.yaml:10: lifecycle.1: an end of support still to come gives its day (YYYY-MM-DD), as AWS "
     "announces it; with 2026-11 alone, the site cannot tell when it ends"),
    # plain words YAML reads as something else, told as they were written
    ("name: One", "name: yes", "data/services/one.yaml:2: name: YAML reads yes as true or false, not text; quote it "
                               "('yes') if you mean the text"),
    ("name: One", "name: 0x1F", "data/services/one.yaml:2: name: YAML reads 0x1F as a number, not text; quote it "
                                "('0x1F') if you mean the text"),
    ("name: One", "name: ~", "data/services/one.yaml:2: name: is empty; write the text"),
    ("event: launched, date", "event: yes, date", "data/services/one.yaml:9: lifecycle.0.event: YAML reads yes as "
                                                  "true or false, not text; quote it ('yes') if you mean the text"),
    ("description: A service used by the tests [^doc].", "description: 2017",
     "data/services/one.yaml:5: description: YAML reads 2017 as a number, not text; quote it ('2017') if you mean the "
     "text"),
], ids=["unknown layer", "id not file name", "bad url", "url ending in a line break", "date ending in a line break",
        "html in plain text", "events out of order",
        "future retirement", "rename without names", "renamed without old names", "unexplained retirement",
        "self successor", "uncited claim", "unknown citation",
        "refused host", "unknown launch citation", "future check", "javascript link", "unknown entry link",
        "link to itself", "blank name", "day as a number", "day as quoted seconds", "day with a time",
        "year 9999", "year 999", "year 1899", "quoted flag", "end to come without its day", "yes as a name",
        "hex as a name", "null name",
        "yes as an event", "year as a description"])
def test_one_mistake_one_problem_with_file_and_line(data_root: Path, old: str, new: str, expected: str) -> None:
    assert problems_with(data_root, old, new) == [expected]


@pytest.mark.parametrize(("position", "expected"), [
    ("'2'", "position: Input should be a valid integer (got '2')"),
    ("2.0", "position: Input should be a valid integer (got 2.0)"),
    ("true", "position: Input should be a valid integer (got True)"),
])
def test_a_number_is_written_as_one(data_root: Path, position: str, expected: str) -> None:
    write(data_root, "data/layers/beta.yaml", LAYER.format(id="beta", name="Beta", position=position))
    assert problems(data_root) == [f"data/layers/beta.yaml:4: {expected}"]


def test_a_claim_on_secondary_sources_alone_is_refused(data_root: Path) -> None:
    found = problems_with(data_root, "url: https://docs.aws.amazon.com/one/", "url: https://www.example-press.com/one/")
    secondary = ("cites only secondary sources; add a primary one (AWS or Amazon documentation, blogs and "
                 "announcements, or the project's own site or repository)")
    assert found == [f"data/services/one.yaml:5: description: {secondary}",
                     f"data/services/one.yaml:7: capabilities.0: {secondary}",
                     f"data/services/one.yaml:9: lifecycle.0.cite: {secondary}",
                     f"data/services/one.yaml:10: today: {secondary}"]


@pytest.mark.parametrize(("url", "primary", "refused", "site"), [
    ("https://docs.aws.amazon.com/polly/", True, False, "docs.aws.amazon.com"),
    ("https://WWW.Amazon.com/x", True, False, "amazon.com"),
    ("https://github.com/aws/sagemaker-python-sdk", True, False, "github.com"),
    ("https://github.com/AWS", True, False, "github.com"),
    ("https://github.com/awsome/project", False, False, "github.com"),
    ("https://github.com/someone/aws", False, False, "github.com"),
    ("https://notaws.amazon.com.example.org/", False, False, "notaws.amazon.com.example.org"),
    ("https://en.wikipedia.org/wiki/Amazon_SageMaker", False, True, "en.wikipedia.org"),
    ("https://docs.aws.amazon.com/ja_jp/polly/", True, True, "docs.aws.amazon.com"),
])
def test_a_source_is_judged_by_its_host_and_path(url: str, primary: bool, refused: bool, site: str) -> None:
    assert sources.is_primary(url) is primary
    assert (sources.refused_reason(url) is not None) is refused
    assert sources.site_name(url) == site


_PATTERN_DOMAINS = sorted({pattern.split("/")[0] for pattern in (*sources.PRIMARY, *sources.REFUSED_HOSTS)})


@settings(max_examples=500, deadline=None)
@given(sub=st.sampled_from(["", "www.", "en.", "not", "x.y."]), domain=st.sampled_from(_PATTERN_DOMAINS),
       path=st.sampled_from(["", "/", "/aws", "/AWS/", "/aws-x", "/awslabs/y", "/apache", "/pinterest-engineering/z",
                             "/ja_jp/x", "/x.md", "/x.html"]))
def test_a_source_is_judged_as_each_pattern_reads(sub: str, domain: str, path: str) -> None:
    """Each pattern matches its host and the hosts under it, and its path prefix as a whole segment."""
    url = f"https://{sub}{domain}{path}"
    host, lowered = f"{sub}{domain}", path.lower()

    def on(pattern_domain: str) -> bool:
        return host == pattern_domain or host.endswith("." + pattern_domain)

    patterns = [pattern.partition("/")[::2] for pattern in sources.PRIMARY]
    primary = any(on(name) and (not prefix or lowered == f"/{prefix}" or lowered.startswith(f"/{prefix}/"))
                  for name, prefix in patterns)
    refused = max((name for name in sources.REFUSED_HOSTS if on(name)), key=len, default=None)
    assert sources.is_primary(url) is primary
    if refused is not None:
        assert sources.refused_reason(url) == f"{refused} is not accepted as a source: {sources.REFUSED_HOSTS[refused]}"


def test_unused_source_and_unverified_claims(data_root: Path) -> None:
    extra = ("stories:\n  - name: A customer\n    summary: What the notes said.\n    claims:\n"
             "      - text: They ran it.\n        verdict: unverified\n"
             "      - text: They said so.\n        verdict: verified\n")
    found = problems_with(data_root, "    checked: 2026-11-20\n",
                          "    checked: 2026-11-20\n  - id: spare\n    title: Spare\n"
                          "    url: https://aws.amazon.com/spare/\n    checked: 2026-11-20\n", extra)
    assert found == [
        "data/services/one.yaml:19: source 'spare' is not cited; cite it as [^spare] where it supports a claim, "
        "or remove it",
        "data/services/one.yaml:33: a 'verified' claim must cite the source that settles it, as [^source-id]",
    ]


def test_valid_tree_loads_typed_objects(data_root: Path) -> None:
    catalog = load_catalog(data_root, today=TODAY)
    assert [layer.id for layer in catalog.layers] == ["alpha", "beta"]
    assert [entry.id for entry in catalog.entries_in("beta")] == ["two"]
    assert catalog.status(catalog.entry("one")).state is State.ACTIVE
    assert catalog.data_path(catalog.entry("one")) == "data/services/one.yaml"
    assert catalog.family(catalog.entry("one")).key == "service"


def test_unknown_key_suggests_the_right_one(data_root: Path) -> None:
    found = problems_with(data_root, "summary:", "summay:")
    assert "data/services/one.yaml:4: unknown key 'summay' (did you mean 'summary'?)" in found
    assert any(p.startswith("data/services/one.yaml:1: missing required key 'summary'") for p in found)


def test_references_are_checked(data_root: Path) -> None:
    retired = LAUNCH + "  - {event: retired, date: 2020-01-02, successor: tow, cite: doc}\n"
    found = problems_with(data_root, LAUNCH, retired, extra="related: [nothing-here]\ntags: [vison]\n")
    assert found == [
        "data/services/one.yaml:10: successor 'tow' does not exist (did you mean 'two'?)",
        "data/services/one.yaml:24: related id 'nothing-here' does not exist",
        "data/services/one.yaml:25: tag 'vison' is not listed in data/tags.yaml (did you mean 'vision'?)",
    ]


@pytest.mark.parametrize(("today", "word"), [("Active. Still offered [^doc].", "Active"),
                                             ("Still active, and growing [^doc].", "Still active"),
                                             ("retired in 2020 [^doc].", "retired"),
                                             ("In maintenance since 2020 [^doc].", "In maintenance")])
def test_today_does_not_open_with_the_state_its_badge_shows(data_root: Path, today: str, word: str) -> None:
    assert problems_with(data_root, "today: Still offered [^doc].", f"today: {today}") == [
        f"data/services/one.yaml:10: today opens with a state ('{word}'), which the page's badge shows beside it, "
        "worked out from the lifecycle: start with what is true now"]
    write(data_root, "data/services/one.yaml", ENTRY.format(id="one", name="One", layer="alpha").replace(
        "today: Still offered [^doc].", "today: Actively developed [^doc]."))  # another word
    assert load_catalog(data_root).entry("one")


def test_an_entry_does_not_relate_its_own_layer(data_root: Path) -> None:
    """Its page says "Part of <layer>" just above the related list; another layer is fine."""
    assert problems_with(data_root, extra="related: [beta, alpha]\n") == [
        "data/services/one.yaml:23: related id 'alpha' is this entry's own layer, which its page already names; "
        "relate another page"]


def test_successor_cycles_are_refused(data_root: Path) -> None:
    write(data_root, "data/services/one.yaml", ENTRY.format(id="one", name="One", layer="alpha")
          .replace("cite: doc}", "cite: doc}\n  - {event: replaced-by, date: 2024-01, successor: two, cite: doc}"))
    write(data_root, "data/services/two.yaml", ENTRY.format(id="two", name="Two", layer="beta")
          .replace("cite: doc}", "cite: doc}\n  - {event: replaced-by, date: 2024-02, successor: one, cite: doc}"))
    assert problems(data_root) == ["data/services/one.yaml:9: successors form a cycle: one -> two -> one"]


def test_duplicate_id_names_both_files(data_root: Path) -> None:
    write(data_root, "data/frameworks/one.yaml", ENTRY.format(id="one", name="One again", layer="alpha"))
    found = problems(data_root)
    assert found == ["data/services/one.yaml:1: duplicate id 'one': also used by data/frameworks/one.yaml"]


def test_closed_sets_list_the_allowed_values(data_root: Path) -> None:
    (found,) = problems_with(data_root, "event: launched", "event: deprecated")
    assert found.startswith("data/services/one.yaml:9: lifecycle.0.event 'deprecated' is not one of: ")
    assert "'closed-to-new-customers'" in found and "'end-of-support'" in found


def test_wrong_types(data_root: Path) -> None:
    found = problems_with(data_root, "capabilities:\n  - Does one thing well [^doc].", "capabilities: Does one thing.")
    assert found == ["data/services/one.yaml:6: capabilities: Input should be a valid list (got 'Does one thing.')"]


def test_every_problem_of_a_run_is_reported(data_root: Path) -> None:
    write(data_root, "data/services/one.yaml", ENTRY.format(id="one", name="One", layer="nope"))
    write(data_root, "data/services/two.yaml", "")
    write(data_root, "data/onboarding.yaml", "days:\n  - title: Day\n    goal: Go.\n    steps:\n"
          "      - page: missing\n        why: Because.\n")
    assert problems(data_root) == [
        "data/onboarding.yaml:5: page 'missing' does not exist",
        "data/services/one.yaml:3: layer 'nope' is not one of: alpha, beta",
        "data/services/two.yaml:1: the file is empty; it must hold a YAML mapping (key: value)",
    ]


def test_a_broken_file_does_not_cause_follow_on_errors(data_root: Path) -> None:
    write(data_root, "data/layers/beta.yaml", "id: beta\nname: [unclosed\n")
    found = problems(data_root)
    assert len(found) == 1 and found[0].startswith("data/layers/beta.yaml:")


def test_positions_and_glossary_terms_are_unique(data_root: Path) -> None:
    write(data_root, "data/layers/beta.yaml", LAYER.format(id="beta", name="Beta", position=1))
    write(data_root, "data/glossary.yaml", "terms:\n  - term: ML\n    expansion: a\n    definition: b.\n"
          "  - term: ml\n    expansion: c\n    definition: d.\n"
          "  - term: A/B\n    expansion: e\n    definition: f.\n"
          "  - term: A B\n    expansion: g\n    definition: h.\n")
    assert problems(data_root) == [
        "data/glossary.yaml:5: term 'ml' is defined twice (also item 1)",
        # one anchor (#term-a-b) for both: the second would link to the first one's definition
        "data/glossary.yaml:11: term 'A B' would share its glossary anchor (#term-a-b) with 'A/B' (item 3); reword "
        "one of the two",
        "data/layers/beta.yaml:4: position 1 in group 'stack' is also used by layer 'alpha'",
    ]


@pytest.mark.parametrize(("description", "expected"), [
    # a quote in a folded text: not the '>' that folds it
    (">-\n  A service used by the tests [^doc].\n\n  > A quote, said here [^doc].",
     "data/services/one.yaml:8: description: quotes ('>') are not allowed here"),
    # a heading after a code span that shows '##', and an empty item after a hyphenated word
    ("|-\n  A well-known service, not `## a heading` [^doc].\n\n  - One [^doc].\n  -\n\n  ## A heading",
     "data/services/one.yaml:9: description: a list item is empty"),
    ("|-\n  A well-known service, not `## a heading` [^doc].\n\n  ## A heading",
     "data/services/one.yaml:8: description: headings are not allowed here"),
])
def test_a_flaw_inside_a_field_is_reported_at_its_own_line(data_root: Path, description: str, expected: str) -> None:
    found = problems_with(data_root, "description: A service used by the tests [^doc].", f"description: {description}")
    assert any(problem.startswith(expected) for problem in found), found


def test_a_term_that_does_not_fit_says_what_a_term_may_hold(data_root: Path) -> None:
    write(data_root, "data/glossary.yaml", "terms:\n  - term: 'C#'\n    expansion: a\n    definition: b.\n")
    assert problems(data_root) == [
        "data/glossary.yaml:2: terms.0.term: a term is at most 20 letters, digits, spaces and . + / -, and starts "
        "with a letter or digit (got 'C#')"]


def test_an_end_of_support_that_has_passed_may_give_its_month_alone(data_root: Path) -> None:
    end = "  - {event: end-of-support, date: 2026-10, successor: two, cite: doc}\n"
    write(data_root, "data/services/one.yaml", ENTRY.format(id="one", name="One", layer="alpha").replace(
        LAUNCH, LAUNCH + end))
    catalog = load_catalog(data_root, today=TODAY)
    assert catalog.status(catalog.entry("one")).since == "2026-10"


def test_each_page_has_a_name_of_its_own(data_root: Path) -> None:
    write(data_root, "data/services/two.yaml", ENTRY.format(id="two", name="ONE", layer="beta"))
    write(data_root, "data/comparisons/pick.yaml", COMPARISON.format(second="two", second_cell="High [^doc]")
          .replace("title: Pick one", "title: Alpha"))
    assert problems(data_root) == [
        "data/layers/alpha.yaml:2: 'Alpha' is also what data/comparisons/pick.yaml is called; give each page a name "
        "of its own",
        "data/services/two.yaml:2: 'ONE' is also what data/services/one.yaml is called; give each page a name of its "
        "own",
    ]


def test_an_old_address_leads_to_one_page_and_never_hides_a_page(data_root: Path) -> None:
    """former_ids: each id once, not a page's id now, and one MkDocs could have published alone."""
    write(data_root, "data/services/two.yaml", ENTRY.format(id="two", name="Two", layer="beta")
          + "former_ids: [deux, uno]\n")
    write(data_root, "data/layers/alpha.yaml", LAYER.format(id="alpha", name="Alpha", position=1)
          + "former_ids: [uno, index, alpha, zwei, zwei]\n")
    found = problems_with(data_root, extra="former_ids: [two, eins]\n")
    assert found == [
        "data/layers/alpha.yaml:14: former_ids.1: 'index' was never an address of its own (MkDocs publishes "
        "layers/index.md elsewhere); remove it",
        "data/layers/alpha.yaml:14: former_ids.2: 'alpha' is this page's own id; list only ids it had before",
        "data/layers/alpha.yaml:14: former_ids.4: 'zwei' is already item 4 of former_ids; list it once",
        "data/services/one.yaml:23: former_ids.0: 'two' is the id of data/services/two.yaml, which is still a page: "
        "an old id is one whose file was renamed or merged into this one; remove it here, or remove that file",
        "data/services/two.yaml:23: former_ids.1: 'uno' is already a former id of data/layers/alpha.yaml; an old "
        "address can lead to one page only",
    ]
    write(data_root, "data/layers/alpha.yaml", LAYER.format(id="alpha", name="Alpha", position=1)
          + "former_ids: [zwei]\n")
    write(data_root, "data/services/one.yaml", ENTRY.format(id="one", name="One", layer="alpha")
          + "former_ids: [eins]\n")
    catalog = load_catalog(data_root, today=TODAY)
    assert {item.id: item.former_ids for item in catalog.pages() if item.former_ids} == {
        "alpha": ["zwei"], "one": ["eins"], "two": ["deux", "uno"]}


def test_a_list_names_each_id_or_word_once(data_root: Path) -> None:
    """The page would show the repeat twice: under Related, Topics, Formerly or Abbreviations."""
    found = problems_with(data_root, extra="related: [two, two]\nkeywords: [speech, Speech]\n"
                                           "previous_names: [Uno, Eins, Uno]\n")
    assert found == [
        "data/services/one.yaml:23: related.1: 'two' is already item 1 of related; list it once",
        "data/services/one.yaml:24: keywords.1: 'Speech' is already item 1 of keywords; list it once",
        "data/services/one.yaml:25: previous_names.2: 'Uno' is already item 1 of previous_names; list it once",
    ]


def test_a_page_is_one_step_of_the_onboarding_path(data_root: Path) -> None:
    """Its page shows one place on the path: a second step for it sent "next" back to the first's successor."""
    write(data_root, "data/onboarding.yaml", ONBOARDING + "  - title: Day two\n    goal: Again.\n    steps:\n"
          "      - page: two\n        why: New.\n      - page: alpha\n        why: Once more.\n")
    assert problems(data_root) == [
        "data/onboarding.yaml:14: page 'alpha' is already step 1 of the path; a page is one step, so name it once"]


def test_vocabulary_means_terms_pages_declare_and_names_pages_that_exist(data_root: Path) -> None:
    write(data_root, "data/vocabulary.yaml", "words:\n  - say: [talk]\n    means: [Onw]\n"
          "  - say: [begin]\n    pages: [onboardin]\n")
    assert problems(data_root) == [
        "data/vocabulary.yaml:3: no page declares 'Onw' as its name, earlier name, abbreviation or keyword "
        "(did you mean 'one'?)",
        "data/vocabulary.yaml:5: page 'onboardin' does not exist (did you mean 'onboarding'?)",
    ]
    write(data_root, "data/vocabulary.yaml", "words:\n  - say: [nothing]\n")
    assert problems(data_root) == [
        "data/vocabulary.yaml:2: words.0: give `means` (terms pages declare) or `pages` (page ids), or both"]


def test_drafts_preview_but_do_not_publish(data_root: Path) -> None:
    write(data_root, "data/services/one.yaml", ENTRY.format(id="one", name="TODO the name", layer="alpha"))
    assert problems(data_root) == ["data/services/one.yaml:2: still says TODO: write the real text (mkdocs serve "
                                   "previews drafts; mkdocs build refuses them)"]
    assert load_catalog(data_root, today=TODAY, drafts=True).entry("one").name == "TODO the name"


def test_comparison_rows_reference_entries_and_cite(data_root: Path) -> None:
    write(data_root, "data/comparisons/pick.yaml", COMPARISON.format(second="three", second_cell="High"))
    assert problems(data_root) == [
        "data/comparisons/pick.yaml:10: entry 'three' does not exist",
        "data/comparisons/pick.yaml:10: rows.1: cites no source; end the claim with [^source-id], naming one of this "
        "file's sources",
    ]
    # the same entry twice: its row twice in the table
    write(data_root, "data/comparisons/pick.yaml", COMPARISON.format(second="one", second_cell="High [^doc]"))
    assert problems(data_root) == ["data/comparisons/pick.yaml:10: rows.1: 'one' is already row 1; compare each entry "
                                   "once"]


# -- any file content either loads or fails as one-line problems with a file and a line -------------

PROBLEM = re.compile(r"^data/[\w./-]+:[1-9]\d*: [^\n]+$")
VALID = yaml.safe_load(ENTRY.format(id="one", name="One", layer="alpha"))
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=30),
                    st.sampled_from(["alpha", "retired", "2026-11-24", "https://x.y/z", "[^doc]"]))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.text(string.ascii_lowercase, min_size=1, max_size=8), inner, max_size=3),
                      max_leaves=8)
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def check(root: Path, text: str | bytes) -> None:
    path = root / "data/services/one.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
    try:
        load_catalog(root, today=TODAY)
    except DataError as err:
        assert err.problems, "a DataError must carry at least one problem"
        last = line_count(text.decode("utf-8", "replace") if isinstance(text, bytes) else text)
        for problem in err.problems:
            assert PROBLEM.match(str(problem)), str(problem)
            if problem.path == "data/services/one.yaml":  # a line of the file: an editor can go to it
                assert problem.line <= last, (str(problem), last)


@SETTINGS
@given(text=st.binary(max_size=200) | st.text(max_size=200))
@example(text="id: one\nstray")  # no final line break: the parser marks a line past the end
def test_random_bytes_and_text(data_root: Path, text: str | bytes) -> None:
    check(data_root, text)


@SETTINGS
@given(key=st.sampled_from(sorted(VALID)), value=values)
def test_one_field_mutated(data_root: Path, key: str, value: object) -> None:
    check(data_root, yaml.safe_dump({**VALID, key: value}, sort_keys=False))


@SETTINGS
@given(cut=st.integers(min_value=0, max_value=500), junk=st.sampled_from(["", ":", "- ", "  ", "[", "{", "&a", "*a",
                                                                          "!!", "\x00", "\t", "[^", "](javascript:"]))
def test_truncated_or_corrupted(data_root: Path, cut: int, junk: str) -> None:
    text = ENTRY.format(id="one", name="One", layer="alpha")
    check(data_root, text[:cut] + junk + text[cut:])


def test_the_preview_cache_rereads_only_the_file_that_changed(data_root: Path) -> None:
    cache = FileCache()
    first = load_catalog(data_root, today=TODAY, cache=cache)
    write(data_root, "data/services/one.yaml", ENTRY.format(id="one", name="One renamed", layer="alpha"))
    second = load_catalog(data_root, today=TODAY, cache=cache)
    assert second.entry("one").name == "One renamed"
    assert second.entry("two") is first.entry("two")  # parsed once, reused
    write(data_root, "data/services/one.yaml", "id: one\nname: [unclosed\n")
    for _ in range(2):  # an unchanged broken file reports its problem on every rebuild
        with pytest.raises(DataError) as caught:
            load_catalog(data_root, today=TODAY, cache=cache)
        assert [str(problem).split(": ")[0] for problem in caught.value.problems] == ["data/services/one.yaml:3"]



def test_the_preview_cache_sees_a_save_that_keeps_the_size_and_the_time(data_root: Path) -> None:
    """Two saves within the file system's time resolution can leave both unchanged (a second, on some)."""
    cache = FileCache()
    path = data_root / "data/services/one.yaml"
    before = path.stat()
    assert load_catalog(data_root, today=TODAY, cache=cache).entry("one").name == "One"
    path.write_text(path.read_text().replace("name: One", "name: Uno"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert load_catalog(data_root, today=TODAY, cache=cache).entry("one").name == "Uno"


def test_a_rebuild_reads_the_prose_of_unchanged_files_from_memory(data_root: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The checks read every Markdown field as plain text: a rebuild works that out again only for
    the file that changed (the walk and the text are kept with the reused file)."""
    from stackguide import mdtree

    cache = FileCache()
    load_catalog(data_root, today=TODAY, cache=cache)
    read: list[str] = []
    real = mdtree.plain_block

    def counting(block: mdtree.Block, fact: mdtree.FactText | None = None) -> str:
        text = real(block, fact)
        read.append(text)
        return text

    monkeypatch.setattr(mdtree, "plain_block", counting)
    load_catalog(data_root, today=TODAY, cache=cache)
    assert read == []
    write(data_root, "data/services/one.yaml", ENTRY.format(id="one", name="One", layer="alpha")
          .replace("today: Still offered [^doc].", "today: Still offered, and changed [^doc]."))
    load_catalog(data_root, today=TODAY, cache=cache)
    assert "Still offered, and changed ." in read and "Still offered ." not in read  # not the other entry's

# -- rules the templates rely on, and names the site's machinery uses ---------------------------------

def test_comparison_cells_match_the_columns(data_root: Path) -> None:
    table = COMPARISON.format(second="two", second_cell="High [^doc]").replace(
        "columns: [{key: cost, title: Cost}]", "columns: [{key: cost, title: Cost}, {key: cost, title: Price}]")
    write(data_root, "data/comparisons/pick.yaml", table.replace("      cost: High [^doc]", "      cots: High [^doc]"))
    assert problems(data_root) == [
        "data/comparisons/pick.yaml:5: columns.1.key: 'cost' is also the key of column 1; each column needs its own "
        "key",
        "data/comparisons/pick.yaml:12: rows.1.cells: 'cots' is not a column key (did you mean 'cost'? the columns "
        "are: cost)",
        "data/comparisons/pick.yaml:12: rows.1.cells: no cell for column 'cost'; write one (say briefly when "
        "something does not apply)",
    ]


def test_reserved_page_ids_and_glossary_terms_that_match_internals_are_refused(data_root: Path) -> None:
    write(data_root, "data/services/index.yaml", ENTRY.format(id="index", name="Index", layer="alpha"))
    glossary = (data_root / "data/glossary.yaml").read_text()
    write(data_root, "data/glossary.yaml", glossary + "  - term: '2017'\n    expansion: A year\n"
          "    definition: Digits.\n  - term: wzxhzdk\n    expansion: A placeholder\n    definition: Internal.\n")
    assert problems(data_root) == [
        "data/glossary.yaml:8: term '2017' has no letter; a term is an abbreviation or word (digits alone would match "
        "inside the Markdown engine's own placeholders)",
        "data/glossary.yaml:11: term 'wzxhzdk' contains 'wzxhzdk', a word the Markdown engine uses internally",
        "data/services/index.yaml:1: id 'index' is reserved: MkDocs would publish the page at /services/ rather than "
        "/services/index/; choose another id (and file name)",
    ]


def test_names_cannot_take_the_ids_of_the_themes_or_the_sites_elements(data_root: Path) -> None:
    story = "  - name: {}\n    summary: A story.\n    claims:\n      - text: Said.\n        verdict: unverified\n"
    found = problems_with(data_root, "name: One", "name: __config",
                          extra="stories:\n" + story.format("__search") + story.format("SG search none"))
    assert found == [
        "data/services/one.yaml:2: name: would give its heading the id '__config', which the theme or the site uses "
        "for its own element (the page's scripts would break); reword it",
        "data/services/one.yaml:24: stories.0.name: would give its heading the id '__search', which the theme or the "
        "site uses for its own element (the page's scripts would break); reword it",
        "data/services/one.yaml:29: stories.1.name: would give its heading the id 'sg-search-none', which the theme or "
        "the site uses for its own element (the page's scripts would break); reword it",
    ]
    # Every id the project's own templates add is the theme's or starts with the site's prefix.
    exact, prefixes = internals.element_ids([path.read_text() for path in (ROOT / "overrides").rglob("*.html")])
    theme_exact, theme_prefixes = internals.theme_element_ids()
    assert "sg-search-none" in exact
    assert all(name in theme_exact or name.startswith(internals.OWN_ID_PREFIX) for name in exact)
    assert set(prefixes) <= set(theme_prefixes)


def test_the_themes_ids_are_read_from_every_template_of_the_installed_theme(tmp_path: Path) -> None:
    """The templates are found without walking hidden folders: the same as a full walk finds in the
    installed Material, and none missed at any depth."""
    import material

    from stackguide import internals

    installed = Path(material.__file__).parent / "templates"
    assert internals._templates(installed) == sorted(installed.rglob("*.html"))
    for name in ("main.html", "partials/a/b.html", "x.js", ".icons/y.html", "p/.hidden/z.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("")
    assert internals._templates(tmp_path) == [tmp_path / "main.html", tmp_path / "partials/a/b.html"]
    exact, _ = internals.theme_element_ids()
    assert {"__config", "__search"} <= exact


def test_unknown_keys_are_reported_once_each_and_the_rest_counted(data_root: Path) -> None:
    extra = "".join(f"colour{i}: red\n" for i in range(6)) + "".join(f"links{i}: []\n" for i in range(3))
    text = ENTRY.format(id="one", name="One", layer="alpha").replace(
        "    url: https://aws.amazon.com/one/\n", "    url: https://aws.amazon.com/one/\n    titel: again\n"
        "  - titel: twice\n    title: Docs\n    url: https://docs.aws.amazon.com/one/\n")
    write(data_root, "data/services/one.yaml", text + extra)
    found = problems(data_root)
    assert found[0] == "data/services/one.yaml:14: unknown key 'titel' (did you mean 'title'?); also used 1 more " \
                       "time in this file"
    assert [problem.split(" (allowed keys: ")[0] for problem in found[1:3]] == [
        "data/services/one.yaml:27: unknown key 'colour0'", "data/services/one.yaml:28: unknown key 'colour1'"]
    assert found[3:] == ["data/services/one.yaml:29: and 7 more unknown keys, such as 'colour2'; each key must be "
                         "one the schema in data/schema/ allows"]


def test_one_file_shows_a_limited_number_of_problems_and_counts_the_rest(data_root: Path) -> None:
    from stackguide.errors import PER_FILE_MAX

    found = problems_with(data_root, extra="related: [" + ", ".join(f"nope-{i}" for i in range(100)) + "]\n")
    assert len(found) == PER_FILE_MAX + 1
    assert found[-1] == f"data/services/one.yaml:23: and {100 - PER_FILE_MAX} more problems in this file; fix the " \
                        "ones above first"


def test_markdown_fields_are_every_markdown_value_walk_meets(tiny_catalog: object) -> None:
    from typing import Any

    from pydantic import BaseModel

    from stackguide.catalog import Catalog
    from stackguide.markup import Markdown, parse_markdown
    from stackguide.model import Source
    from stackguide.resolve import markdown_fields, walk

    class Loose(BaseModel):  # a field typed Any, and Markdown inside a model that holds none of its own
        anything: Any
        sources: list[Source] = []
        plain: list[int] = []

    text = parse_markdown("Said once.", 100)
    assert isinstance(tiny_catalog, Catalog)
    items: list[Any] = [*tiny_catalog.pages(), tiny_catalog.glossary, tiny_catalog.onboarding,
                        Loose(anything={"deep": [text]})]
    for item in items:
        expected = [(loc, id(value)) for loc, value in walk(item) if isinstance(value, Markdown)]
        assert [(loc, id(value)) for loc, value in markdown_fields(item)] == expected
    assert markdown_fields(items[-1]) == [(("anything", "deep", 0), text)]


# -- the build's date ------------------------------------------------------------------------------

def test_source_date_epoch_fixes_the_day_a_build_tells_what_has_happened_by(
        data_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert build_date() == dt.date.today()
    # Its day in UTC, as MkDocs dates the build: 23:59:59 UTC is still that day anywhere.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2027, 5, 1, 23, 59, 59, tzinfo=dt.UTC).timestamp())))
    assert build_date() == dt.date(2027, 5, 1)
    write(data_root, "data/services/one.yaml", ENTRY.format(id="one", name="One", layer="alpha").replace(
        "cite: doc}", "cite: doc}\n  - {event: end-of-support, date: 2027-04-30, successor: two, cite: doc}"))
    catalog = load_catalog(data_root)
    assert catalog.today == dt.date(2027, 5, 1) and catalog.status(catalog.entry("one")).state is State.RETIRED
    assert load_catalog(data_root, today=TODAY).status(catalog.entry("one")).state is State.ACTIVE


@pytest.mark.parametrize("value", ["", "yesterday", "1.5e9", "9" * 30, "\x1b[2J"])
def test_a_source_date_epoch_that_is_not_a_time_is_refused_in_one_line(monkeypatch: pytest.MonkeyPatch,
                                                                       value: str) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(BuildDateError) as caught:
        build_date()
    message = str(caught.value)
    assert message.startswith("SOURCE_DATE_EPOCH is '") and "whole number of seconds" in message
    assert "\x1b" not in message and "\n" not in message
