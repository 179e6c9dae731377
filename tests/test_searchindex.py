"""The search fields a page's record gets: its names, its vocabulary, its questions and its word
pairs, with common words left out (unit tests on the tiny catalog; ranking is measured in the browser)."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import yaml
from conftest import COMPARISON, ENTRY, write

from stackguide.catalog import Catalog
from stackguide.load import load_catalog
from stackguide.searchindex import (
    INDEX,
    PAGES,
    RECORDS,
    _quick_form,
    _spaced,
    common_words,
    pairs,
    read_records,
    search_fields,
    with_fields,
    word_set,
    words,
    write_search_index,
)

SEPARATOR = r"[\s\-]+|(?<!\w)(?:to|into|the)(?!\w)"  # a small stand-in for mkdocs.yml's


def split(text: str) -> list[str]:
    return words(text, re.compile(SEPARATOR, re.ASCII))


def test_words_split_like_lunr() -> None:
    assert split("Text to Speech, (SSML)") == ["text", "speech", "ssml"]  # Lunr's trimmer strips the edges


def site_separator() -> re.Pattern[str]:
    """The separator mkdocs.yml gives the search plugin (its line read as YAML: the file has !ENV tags)."""
    config = (Path(__file__).resolve().parent.parent / "mkdocs.yml").read_text(encoding="utf-8")
    line = next(line for line in config.splitlines() if line.strip().startswith("separator:"))
    return re.compile(yaml.safe_load(line)["separator"], re.ASCII)


def test_the_sites_separator_keeps_what_gives_a_question_its_direction() -> None:
    separator = site_separator()
    assert words("Speech-to-text", separator) == words("speech to text", separator) == ["speech", "text"]
    assert words("cheapest way to store", separator) == ["cheapest", "store"]  # fillers are not words
    assert pairs(words("text from speech", separator), set()) == ["_text_from", "_from_speech"]


def _whole_split(text: str, separator: re.Pattern[str]) -> list[str]:
    """Lunr's words by the book: the whole separator over the whole text, then the trimmer."""
    return [word for word in (re.sub(r"^\W+|\W+$", "", part.lower(), flags=re.ASCII)
                              for part in separator.split(text)) if word]


def test_the_quick_split_gives_the_whole_separators_words() -> None:
    separator = site_separator()
    assert _quick_form(separator) is not None, "mkdocs.yml's separator takes the quick way"
    root = Path(__file__).resolve().parent.parent
    texts = [path.read_text(encoding="utf-8") for path in sorted((root / "data").rglob("*.yaml"))]
    texts += ["It's the A-to-Z of ML: to do, or not to do? Who's on S3.Tables v2.1 (i.e. now)",
              "ToDo TO_do to-to, über-cool naïve I/O 1.5x"]
    alphabet = "aAiIoOtTsSnN -.,:;!?=[]()\"/'_12.é\nİ\u212aẞ"  # and letters whose lower case is longer or ASCII
    generator = random.Random(7)
    texts += ["".join(generator.choice(alphabet) for _ in range(generator.randint(0, 16))) for _ in range(20_000)]
    for text in texts:
        assert words(text, separator) == _whole_split(text, separator), text
        assert word_set(text, separator) == set(_whole_split(text, separator)), text
    other = re.compile(SEPARATOR, re.ASCII)  # no quick form: the whole separator
    assert word_set("Text to Speech, the (SSML) text", other) == {"text", "speech", "ssml"}


def test_a_separator_of_another_shape_is_used_whole() -> None:
    assert _quick_form(re.compile(SEPARATOR, re.ASCII)) is None  # fillers written plainly
    letters = re.compile(r"[\s]+|x|(?<!\w)(?:[tT][oO])(?!\w)", re.ASCII)  # "x" would split words
    assert _quick_form(letters) is None
    assert words("box to fox", letters) == ["bo", "fo"]


def test_pairs_keep_word_order_and_skip_two_common_words() -> None:
    assert pairs(split("text to speech"), set()) == ["_text_speech"]
    assert pairs(split("speech to text"), set()) == ["_speech_text"]
    assert pairs(["amazon", "aws", "polly"], {"amazon", "aws"}) == ["_aws_polly"]


def test_a_page_is_found_by_its_names_and_vocabulary(data_root: Path) -> None:
    write(data_root, "data/vocabulary.yaml", "words:\n  - say: [bottom layer, the base]\n    means: [Alpha]\n"
          "  - say: [start here]\n    pages: [onboarding]\n")
    fields = search_fields(load_catalog(data_root), SEPARATOR, common=set())
    assert fields["services/one/"]["names"] == "one"
    alpha = fields["layers/alpha/"]
    assert alpha["names"] == "alpha"
    assert alpha["keywords"].split() == ["bottom", "layer", "base"], "the vocabulary's words for 'Alpha'"
    assert "_bottom_layer" in alpha["phrases"].split()
    assert fields["onboarding/"]["keywords"].split() == ["start", "here"], "a guide page named by id"
    assert "bottom" not in fields["layers/beta/"]["keywords"]


def test_a_one_word_name_is_a_keyword_and_phrase_of_its_entry_only(data_root: Path) -> None:
    """"one" typed alone must rank One above One Plus, whose name merely shares the word."""
    write(data_root, "data/services/one-plus.yaml", ENTRY.format(id="one-plus", name="Amazon One Plus", layer="alpha"))
    write(data_root, "data/vocabulary.yaml", "words:\n  - say: [Plus, Extra]\n    means: [Amazon One Plus]\n")
    fields = search_fields(load_catalog(data_root), SEPARATOR, common={"amazon"})
    assert fields["services/one/"]["keywords"].split() == ["one"]
    assert fields["services/one/"]["phrases"].split() == ["one"]
    plus = fields["services/one-plus/"]["phrases"].split()
    assert "one" not in plus and "_one_plus" in plus
    assert "plus" in plus, "the vocabulary's short form of its own name"
    assert "extra" not in plus, "a word that is not part of its name stays a keyword only"
    assert fields["services/one-plus/"]["keywords"].split() == ["plus", "extra"]


def test_the_glossary_page_is_found_by_the_terms_it_defines(tiny_catalog: Catalog) -> None:
    fields = search_fields(tiny_catalog, SEPARATOR, common=set())
    assert fields["glossary/"]["keywords"].split() == ["ml", "s3"]


def test_common_words_are_on_most_pages() -> None:
    docs = [{"location": f"p{n}/", "title": "Amazon", "text": f"<p>word{n} data</p>"} for n in range(10)]
    docs.append({"location": "p0/#part", "title": "Part", "text": "rare"})
    assert common_words(docs, re.compile(SEPARATOR)) == {"amazon", "data"}


def test_the_index_fetched_on_load_holds_no_records(tmp_path: Path, tiny_catalog: Catalog) -> None:
    (tmp_path / "search").mkdir()
    docs = [{"location": "services/one/", "title": "One", "text": "x"},
            {"location": "services/two/", "title": "Two", "text": "y"}]
    written = json.dumps({"config": {"separator": SEPARATOR}, "docs": docs})
    (tmp_path / INDEX).write_text(written)
    write_search_index(tmp_path, tiny_catalog, SEPARATOR)
    assert json.loads((tmp_path / INDEX).read_text()) == {"config": {"separator": SEPARATOR}, "docs": []}
    assert (tmp_path / RECORDS).read_text() == written  # the records as the search plugin wrote them
    records = read_records(tmp_path)  # with the fields of the pages' records, as the worker indexes them
    assert records[0]["location"] == "services/one/" and records[0]["names"] == "one"


def test_a_whole_record_takes_its_pages_fields_and_a_section_none() -> None:
    pages = {"one/": {"location": "one/", "title": "One", "text": "<p>Lede.</p>", "names": "one"}}
    whole = {"location": "one/", "title": "One", "text": "<p>Lede.</p><p>More.</p>"}
    section = {"location": "one/#part", "title": "Part", "text": "<p>Section.</p>"}
    assert with_fields(whole, pages) == {**whole, "names": "one"}
    assert list(with_fields(whole, pages)) == ["location", "title", "text", "names"]
    assert with_fields(section, pages) is section
    assert with_fields({"location": "two/", "title": "Two", "text": ""}, pages) == {"location": "two/", "title": "Two",
                                                                                  "text": ""}


def test_the_pages_records_come_first_with_their_first_paragraph(tmp_path: Path, tiny_catalog: Catalog) -> None:
    (tmp_path / "search").mkdir()
    docs = [{"location": "services/one/", "title": "One", "text": "<p>Lede.</p><p>More.</p>"},
            {"location": "services/one/#part", "title": "Part", "text": "<p>Section.</p>"},
            {"location": "services/two/", "title": "Two", "text": "No paragraph"}]
    (tmp_path / INDEX).write_text(json.dumps({"config": {"separator": SEPARATOR}, "docs": docs}))
    write_search_index(tmp_path, tiny_catalog, SEPARATOR)
    pages = json.loads((tmp_path / PAGES).read_text())["docs"]
    assert [(doc["location"], doc["text"]) for doc in pages] == [("services/one/", "<p>Lede.</p>"),
                                                                 ("services/two/", "No paragraph")]
    assert pages[0]["names"] == "one"  # the ranking fields, as in every record
    assert len(json.loads((tmp_path / RECORDS).read_text())["docs"]) == 3


def test_pages_read_as_one_text_have_the_words_of_their_records() -> None:
    from collections import Counter

    separator = site_separator()
    quick = _quick_form(separator)
    assert quick is not None and _spaced(quick[0]), "mkdocs.yml's separator lets a page's records join"
    assert not _spaced(re.compile(r"[\s]+|(?<=x)-", re.ASCII)) and not _spaced(re.compile(r"[^a-z]+", re.ASCII))
    vocabulary = ["data", "Data", "to", "3.5", "v2.", "é", "(S3)", "-", ",", ".", "the", "x", "I/O", "a.b"]
    generator = random.Random(3)
    for _ in range(300):
        docs = [{"location": f"p{page}/" + ("#s" if record else ""), "title": generator.choice(vocabulary),
                 "text": " ".join(generator.choices(vocabulary, k=generator.randint(0, 5)))}
                for page in range(10) for record in range(generator.randint(1, 3))]
        pages: dict[str, set[str]] = {}
        for doc in docs:
            pages.setdefault(doc["location"].split("#")[0], set()).update(
                _whole_split(f"{doc['title']} {doc['text']}", separator))
        counts = Counter(word for found in pages.values() for word in found)
        assert common_words(docs, separator) == {word for word, count in counts.items() if count >= 7}, docs


def test_common_words_reuse_the_words_of_records_already_seen_and_forget_the_rest() -> None:
    from stackguide.searchindex import WordSets

    docs = [{"location": f"p{i}/", "title": "Amazon", "text": f"data page{i}"} for i in range(10)]
    known = WordSets()
    assert common_words(docs, re.compile(SEPARATOR), known) == {"amazon", "data"}
    assert len(known.sets) == 10
    marked = {key: frozenset({"kept"}) for key in known.sets}  # words from the last build are not split again
    known.sets = dict(marked)
    docs[0] = {"location": "p0/", "title": "Amazon", "text": "changed"}
    assert common_words(docs, re.compile(SEPARATOR), known) == {"kept"}
    assert len(known.sets) == 10 and known.sets[(SEPARATOR, "Amazon changed")] == {"amazon", "changed"}


def test_a_pages_questions_are_its_questions_field(data_root: Path) -> None:
    """mkdocs.yml weighs `questions` as much as the keywords: an entry's and a comparison's questions fill it."""
    one = data_root / "data/services/one.yaml"
    one.write_text(one.read_text() + "questions:\n  - How do I make my app talk?\n")
    write(data_root, "data/comparisons/pick.yaml", COMPARISON.format(second="two", second_cell="High [^doc]")
          + "questions:\n  - Which one is cheaper?\n")
    fields = search_fields(load_catalog(data_root), SEPARATOR, common=set())
    assert {"make", "app", "talk"} <= set(fields["services/one/"]["questions"].split())
    assert "cheaper" in fields["comparisons/pick/"]["questions"].split()
    assert fields["services/two/"]["questions"] == ""
