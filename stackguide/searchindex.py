"""Shape the search index so that a newcomer's question finds the page that answers it, and split
it so that it costs nothing until the reader searches.

Material indexes what a page shows and ranks with Lunr (BM25) in a web worker. Each page's own
record also gets three fields that mkdocs.yml weighs:

- `names`: its own names (name or title, earlier names, abbreviations), which weigh most;
- `keywords`: its keywords and the everyday words of data/vocabulary.yaml that mean it;
- `questions`: the questions it answers;
- `phrases`: each two neighbouring words of all these as one token, `_speech_text`, so that
  "speech to text" and "text to speech" find different pages. The search worker
  (stackguide/assets/workers/search-worker.js) asks for the same pairs of the words typed.

A word that names one page (the whole name of an entry, common words aside: "redshift" for Amazon
Redshift; or a short form of a page's name that the vocabulary gives: "Kinesis") is among that
page's keywords and is a phrase of one word, as a longer name has its pairs: so the word typed
alone ranks that page above the pages that merely share it (Redshift Serverless, Redshift
Spectrum), which still come first for their own names. The glossary page is found by the terms
it defines.

Words are split with the search plugin's own `separator`, so both sides agree on what a word is;
each distinct word counts once, as repeating one would only multiply its weight. Common words
(on at least COMMON of the site's pages, such as "amazon" or "data") are left out of these
fields, and so is a pair of two common words: they count only as the pages' text counts them, so
they never decide a ranking.

Material's page script fetches search/search_index.json on every page load; that file keeps only
the configuration. The records go to two files the worker fetches when the reader first focuses
the search box or types: search/search_pages.json, the pages' own records with the first paragraph
of their text and the fields above (enough to rank, and small, so a first question is answered at
once), then search/search_records.json, every record, sections included, as the search plugin
wrote them: the worker gives each page's whole record the fields of its record in the first file.
"""

from __future__ import annotations

import functools
import json
import os
import re
import string
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from itertools import filterfalse, pairwise
from pathlib import Path

from stackguide.catalog import Catalog
from stackguide.families import GUIDE_PAGES
from stackguide.gcpause import paused_gc

NAMES, KEYWORDS, QUESTIONS, PHRASES = "names", "keywords", "questions", "phrases"  # as in mkdocs.yml's search fields
INDEX = "search/search_index.json"  # what Material's page script fetches on load: configuration only
RECORDS = "search/search_records.json"  # every record, fetched by the worker after the first answer
PAGES = "search/search_pages.json"  # the pages' own records, first paragraph only: fetched first
PAIR_MARK = "_"  # starts and joins a pair token; no typed word starts with it, so prefixes never match a pair
_EDGES = re.compile(r"^\W+|\W+$", re.ASCII)  # what Lunr's trimmer strips from each word
_TAG = re.compile(r"<[^>]+>")
COMMON = 0.7  # share of pages a word must be on to count as common ("aws", "data", "managed")
COMMON_MIN_PAGES = 10  # a smaller site has no common words


def words(text: str, separator: re.Pattern[str]) -> list[str]:
    """The words Lunr indexes in `text`, lower-cased, in order."""
    quick = _quick_form(separator)
    if quick is None:
        return _trimmed(separator.split(text))
    punctuation, fillers = quick  # the same words, faster
    found = []
    for piece in punctuation.split(text):
        if piece.isalnum() and piece.isascii():  # one word: a filler, or a word as it is
            if (word := piece.lower()) not in fillers:
                found.append(word)
        elif piece:
            found += _trimmed(separator.split(piece))
    return found


def word_set(text: str, separator: re.Pattern[str]) -> frozenset[str]:
    """set(words(text, separator)), with each distinct piece of the text looked at once."""
    quick = _quick_form(separator)
    if quick is None:
        return frozenset(words(text, separator))
    punctuation, fillers = quick
    found: set[str] = set()
    table = _byte_table(punctuation)
    if table is None:
        _add_words(found, (text,), punctuation, fillers, separator)
        return frozenset(found)
    # Separators become spaces and ASCII letters lower case in one table lookup a byte (UTF-8
    # keeps every ASCII character a byte of its own); a piece of ASCII letters and digits is a word.
    pieces = set(text.encode().translate(table).split(b" "))
    found.update(map(bytes.decode, filter(bytes.isalnum, pieces)))  # ASCII letters and digits only
    rest = []
    for piece in filterfalse(bytes.isalnum, pieces):
        if (word := piece.rstrip(b".")).isalnum():  # before a full stop, or a dot the trimmer strips
            found.add(word.decode())
        elif piece:
            rest.append(piece.decode())
    found -= fillers
    _add_words(found, rest, punctuation, fillers, separator)
    return frozenset(found)


def _add_words(found: set[str], chunks: Iterable[str], punctuation: re.Pattern[str], fillers: frozenset[str],
               separator: re.Pattern[str]) -> None:
    for chunk in chunks:
        for piece in (chunk,) if chunk.isalnum() and chunk.isascii() else set(punctuation.split(chunk)):
            if piece.isalnum() and piece.isascii():
                if (word := piece.lower()) not in fillers:
                    found.add(word)
            elif piece:
                found.update(_trimmed(separator.split(piece)))


@functools.cache
def _byte_table(punctuation: re.Pattern[str]) -> bytes | None:
    """For punctuation that is a class of characters holding the space (and perhaps the full stop
    rule): a bytes.translate table that turns the ASCII characters of the class into spaces and
    ASCII capitals into small letters. Splitting at spaces then gives pieces the punctuation would
    also give, or pieces it splits further (a full stop, a character outside ASCII), which go the
    slow way. None for punctuation of another shape."""
    if not _spaced(punctuation):
        return None
    run = re.compile(punctuation.pattern.removesuffix(_FULL_STOP), punctuation.flags)
    return bytes(ord(" ") if code < 128 and run.fullmatch(chr(code)) else ord(chr(code).lower()) if 65 <= code <= 90
                 else code for code in range(256))


_CHARACTER_RUN = re.compile(r"\[(?!\^)(?:\\.|[^\\\]])*\]\+?")  # one character class (not negated), or a run of it
_FULL_STOP = r"|\.(?!\d)"  # a full stop that is not inside a number, as in mkdocs.yml


@functools.cache
def _spaced(punctuation: re.Pattern[str]) -> bool:
    """True when the punctuation is a class of characters that holds the space (and perhaps the
    full stop rule): then a text's pieces are the same whether it is split at its spaces first or
    not, and texts joined with a space split into their own pieces together."""
    body = punctuation.pattern.removesuffix(_FULL_STOP)
    return _CHARACTER_RUN.fullmatch(body) is not None and punctuation.fullmatch(" ") is not None


def _trimmed(parts: list[str]) -> list[str]:
    return [word for word in (_EDGES.sub("", part.lower()) for part in parts) if word]


# The end of mkdocs.yml's separator: filler words, matched whole and spelled case by case ([tT][oO]).
_FILLERS = re.compile(r"\|\(\?<!\\w\)\(\?:((?:\[[a-zA-Z]{2}\])+(?:\|(?:\[[a-zA-Z]{2}\])+)*)\)\(\?!\\w\)$")


@functools.cache
def _quick_form(separator: re.Pattern[str]) -> tuple[re.Pattern[str], frozenset[str]] | None:
    """A separator that ends in filler words, split in two: the rest of it, which matches only
    punctuation, and the fillers. Splitting a text on the punctuation and then dropping each piece
    that is a filler gives the whole separator's words, because a filler is matched only as a whole
    word; a piece with characters other than letters and digits is split by the whole separator.
    None (split with the whole separator) for a separator of any other shape."""
    found = _FILLERS.search(separator.pattern)
    if found is None or not separator.flags & re.ASCII:
        return None
    punctuation = re.compile(separator.pattern[:found.start()], separator.flags)
    if any(punctuation.match(char) for char in string.ascii_letters + string.digits + "_"):
        return None  # it could take part of a word: keep the whole separator
    fillers = set()
    for filler in found.group(1).split("|"):
        letters = re.findall(r"\[(.)(.)\]", filler)
        if any(upper.lower() != lower.lower() for upper, lower in letters):
            return None
        fillers.add("".join(lower.lower() for lower, _ in letters))
    return punctuation, frozenset(fillers)


def pairs(found: list[str], common: set[str]) -> list[str]:
    """Each two neighbouring words as one token, unless both are common."""
    return [f"{PAIR_MARK}{first}{PAIR_MARK}{second}" for first, second in pairwise(found)
            if first not in common or second not in common]


Splitter = Callable[[str], list[str]]  # a text's words (the list is shared: not to be changed)


def _splitter(separator: str) -> Splitter:
    """words() with this separator, each text split once: a page's names, keywords and questions
    are split for several fields."""
    return functools.cache(functools.partial(words, separator=re.compile(separator, re.ASCII)))


def distinct(texts: Iterable[str], split: Splitter, common: set[str]) -> list[str]:
    """Each uncommon word once, in order of first use."""
    return list(dict.fromkeys(word for text in texts for word in split(text) if word not in common))


def common_words(docs: list[dict[str, str]], separator: re.Pattern[str],
                 known: WordSets | None = None) -> set[str]:
    """Words on at least COMMON of the site's pages (a page's record and its sections together).
    `known` holds the words of each page's text (or of each record, for a separator that cannot
    join them) from the last build: the preview keeps it across rebuilds."""
    earlier = known.take() if known is not None else {}
    texts: dict[str, list[str]] = {}
    for doc in docs:
        texts.setdefault(doc["location"].split("#")[0], []).append(_TAG.sub(" ", f"{doc.get('title', '')} "
                                                                                  f"{doc.get('text', '')}"))
    quick = _quick_form(separator)
    joined = quick is not None and _spaced(quick[0])  # a page's records read as one text
    pages: list[set[str]] = []
    for records in texts.values():
        page: set[str] = set()
        for text in [" ".join(records)] if joined else records:
            found = earlier.get((separator.pattern, text))
            if found is None:
                found = word_set(text, separator)
            if known is not None:
                known.sets[(separator.pattern, text)] = found
            page.update(found)
        pages.append(page)
    if len(pages) < COMMON_MIN_PAGES:
        return set()
    counts = Counter(word for found in pages for word in found)
    return {word for word, count in counts.items() if count >= COMMON * len(pages)}


class WordSets:
    """The words of each text common_words split, by (separator, text), as the last build found them."""

    def __init__(self) -> None:
        self.sets: dict[tuple[str, str], frozenset[str]] = {}

    def take(self) -> dict[tuple[str, str], frozenset[str]]:
        """The last build's, leaving room for this build's (so only records still in use are kept)."""
        taken, self.sets = self.sets, {}
        return taken


Vocabulary = list[tuple[list[str], list[str]]]  # as vocabulary_pages gives it


def page_phrases(catalog: Catalog, vocabulary: Vocabulary, guide: Mapping[str, str] = GUIDE_PAGES,
                 ) -> dict[str, tuple[list[str], list[str], list[str]]]:
    """Page URL -> (its own names, its keywords and the everyday words that mean it, its questions).
    `vocabulary`: vocabulary_pages(catalog, guide); `guide`: the hand-written guide pages' URLs by id
    (the glossary's is an option of the plugin)."""
    pages: dict[str, tuple[list[str], list[str], list[str]]] = {}
    for item in catalog.pages():
        pages[catalog.page_url(item)] = (item.own_names(), list(getattr(item, "keywords", [])),
                                         list(getattr(item, "questions", [])))
    for url in guide.values():
        pages.setdefault(url, ([], [], []))
    pages[guide["glossary"]][1].extend(term.term for term in catalog.glossary.terms)  # what it defines
    for say, urls in vocabulary:
        for url in urls:
            pages[url][1].extend(say)
    return pages


def vocabulary_pages(catalog: Catalog, guide: Mapping[str, str] = GUIDE_PAGES) -> Vocabulary:
    """Each item of data/vocabulary.yaml as (what people say, the URLs of the pages it means)."""
    by_term: dict[str, list[str]] = {}
    by_name: dict[str, str] = {}
    for item in catalog.pages():
        url = catalog.page_url(item)
        by_name[item.own_names()[0].lower()] = url
        for term in item.declared_terms():
            by_term.setdefault(term.lower(), []).append(url)
    found = []
    for meaning in catalog.vocabulary.words:
        # A page's own name means that page; any other term, every page that declares it.
        urls = [url for term in meaning.means
                for url in ([by_name[term.lower()]] if term.lower() in by_name else by_term.get(term.lower(), []))]
        urls += [guide.get(page_id) or catalog.page_url(catalog.item(page_id)) for page_id in meaning.pages]
        found.append((list(meaning.say), list(dict.fromkeys(urls))))
    return found


def name_words(catalog: Catalog, split: Splitter, common: set[str], vocabulary: Vocabulary) -> dict[str, str]:
    """Word -> the URL of the one page it names: an entry whose whole name (common words aside) is
    that word, or the one page whose name the vocabulary (vocabulary_pages) shortens to it ("Kinesis")."""
    owners: dict[str, list[str]] = {}
    for entry in catalog.entries:
        found = distinct([entry.name], split, common)
        if len(found) == 1:
            owners.setdefault(found[0], []).append(catalog.page_url(entry))
    name_of = {catalog.page_url(item): set(split(item.own_names()[0])) for item in catalog.pages()}
    for say, urls in vocabulary:
        single = [found[0] for found in map(split, say) if len(found) == 1]
        for word in single if len(urls) == 1 else []:
            if word not in common and word in name_of.get(urls[0], set()):  # a short form of its name
                owners.setdefault(word, []).append(urls[0])
    return {word: urls[0] for word, urls in owners.items() if len(set(urls)) == 1}


def search_fields(catalog: Catalog, separator: str, common: set[str],
                  guide: Mapping[str, str] = GUIDE_PAGES) -> dict[str, dict[str, str]]:
    """Page URL -> the extra fields of its own search record."""
    split = _splitter(separator)
    vocabulary = vocabulary_pages(catalog, guide)
    own_words: dict[str, list[str]] = {}  # page URL -> the words that name it alone
    for word, owner in name_words(catalog, split, common, vocabulary).items():
        own_words.setdefault(owner, []).append(word)
    fields = {}
    for url, (names, keywords, questions) in page_phrases(catalog, vocabulary, guide).items():
        phrase_pairs = [pair for text in (*names, *keywords, *questions)
                        for pair in pairs(split(text), common)]
        own_word = own_words.get(url, [])
        phrase_pairs += own_word
        fields[url] = {
            NAMES: " ".join(distinct(names, split, common)),
            KEYWORDS: " ".join(distinct([*own_word, *keywords], split, common)),
            QUESTIONS: " ".join(distinct(questions, split, common)),
            PHRASES: " ".join(dict.fromkeys(phrase_pairs)),
        }
    return fields


@paused_gc()
def write_search_index(site_dir: Path, catalog: Catalog, separator: str, known: WordSets | None = None,
                       guide: Mapping[str, str] = GUIDE_PAGES) -> None:
    """Add the fields to Material's index, then split it: configuration on load, records on use."""
    index_path = site_dir / INDEX
    if not index_path.is_file():
        return
    index = json.loads(index_path.read_text(encoding="utf-8"))
    common = common_words(index["docs"], re.compile(separator, re.ASCII), known)
    extra = search_fields(catalog, separator, common, guide)
    # The fields go on the pages' own records (not on their sections); the worker copies them onto
    # the whole records, which stay as the search plugin wrote them (not encoded again: 1.6 MB at 300 entries).
    pages = [{**doc, **extra.get(doc["location"], {}), "text": first_paragraph(doc["text"])}
             for doc in index["docs"] if "#" not in doc["location"]]
    (site_dir / PAGES).write_text(_json({"docs": pages}), encoding="utf-8")
    os.replace(index_path, site_dir / RECORDS)
    index_path.write_text(_json({**index, "docs": []}), encoding="utf-8")


def first_paragraph(html: str) -> str:
    """The text up to the end of its first paragraph: the summary a result shows."""
    end = html.find("</p>")
    return html if end < 0 else html[:end + len("</p>")]


def read_records(site_dir: Path) -> list[dict[str, str]]:
    """Every search record of a built site, wherever it keeps them, each page's own with its fields
    (as the search worker indexes them)."""
    records = site_dir / RECORDS
    docs: list[dict[str, str]] = json.loads((records if records.is_file() else site_dir / INDEX).read_text())["docs"]
    if not records.is_file():
        return docs
    pages = {doc["location"]: doc for doc in json.loads((site_dir / PAGES).read_text())["docs"]}
    return [with_fields(doc, pages) for doc in docs]


def with_fields(doc: dict[str, str], pages: Mapping[str, dict[str, str]]) -> dict[str, str]:
    """A whole record with the fields its page's record in search_pages.json adds (a section's as it is)."""
    page = pages.get(doc["location"]) if "#" not in doc["location"] else None
    return {**page, **doc} if page is not None else doc


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
