"""The sets of search questions are fit to measure with: the evaluation set
(tests/search_questions.yaml) and the held-out set (tests/search_holdout.yaml), written without
looking at the first or at the vocabulary.

These tests read the sets and the catalog only; test_browser.py asks the questions in the real
browser and `make bench` prints precision at 1 and mean reciprocal rank for each set.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from stackguide.catalog import Catalog
from stackguide.model import Comparison, Entry
from stackguide.tools.searcheval import HOLDOUT_FILE, KINDS, QUESTIONS_FILE, Question, load_questions, page_urls

QUESTIONS = load_questions()
MIN_QUESTIONS = {QUESTIONS_FILE: 150, HOLDOUT_FILE: 100}
SETS = pytest.mark.parametrize("path", list(MIN_QUESTIONS), ids=lambda path: path.name)
PER_PAGE = 2  # questions each entry and comparison needs, in different words


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


@SETS
def test_there_are_enough_questions_and_each_is_asked_once(path: Path) -> None:
    questions = load_questions(path)
    assert len(questions) >= MIN_QUESTIONS[path]
    repeated = [ask for ask, count in Counter(q.ask.lower() for q in questions).items() if count > 1]
    assert not repeated, f"asked twice: {repeated}"


@SETS
def test_every_question_names_a_page_that_exists(path: Path, catalog: Catalog) -> None:
    known = page_urls(catalog)
    unknown = [f"{q.ask!r} -> {q.page}" for q in load_questions(path) if q.page not in known]
    assert not unknown, "no such page (name an entry, layer or comparison id, or a guide page):\n" + "\n".join(unknown)


def test_every_entry_and_comparison_has_questions_in_different_words(catalog: Catalog) -> None:
    """Computed from the catalog, so a new entry shows up here until it has its questions (the
    evaluation set's duty; the held-out set samples the pages)."""
    asked: dict[str, list[Question]] = {}
    for question in QUESTIONS:
        asked.setdefault(question.page, []).append(question)
    lacking = []
    pages: list[Entry | Comparison] = [*catalog.entries, *catalog.comparisons]
    for item in pages:
        distinct = {frozenset(words(q.ask)) for q in asked.get(item.id, [])}
        if len(distinct) < PER_PAGE:
            lacking.append(f"{item.id} ({len(distinct)} of {PER_PAGE})")
    assert not lacking, ("add questions newcomers would ask to tests/search_questions.yaml for: "
                         + ", ".join(lacking))


@SETS
def test_every_kind_of_miss_is_covered(path: Path) -> None:
    kinds = Counter(q.kind for q in load_questions(path))
    assert set(kinds) <= {"", *KINDS}, f"unknown kinds: {set(kinds) - {'', *KINDS}}"
    assert all(kinds[kind] >= 4 for kind in KINDS), kinds


@SETS
def test_questions_are_not_lifted_from_the_pages(path: Path, catalog: Catalog) -> None:
    """A question of four words or more is not a page's own declared question, keyword or summary,
    nor, for the held-out set, what the vocabulary says (which is tuned on the evaluation set)."""
    page_texts = [" ".join(words(text)) for item in catalog.pages()
                  for text in (*getattr(item, "questions", []), *getattr(item, "keywords", []), item.summary)]
    if path == HOLDOUT_FILE:
        page_texts += [" ".join(words(say)) for meaning in catalog.vocabulary.words for say in meaning.say]
    lifted = [q.ask for q in load_questions(path)
              if len(words(q.ask)) >= 4 and any(" ".join(words(q.ask)) in text for text in page_texts)]
    assert not lifted, f"copied from the pages' wording: {lifted}"
