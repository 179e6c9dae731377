"""Search quality, measured with the site's own search engine in a real browser.

The evaluation set (tests/search_questions.yaml) pairs what a newcomer types with the page that
must come first; the held-out set (tests/search_holdout.yaml) does the same with questions written
without looking at the evaluation set or the vocabulary, to show whether tuning generalises.
`rank_in_browser` asks the built site's search worker each question exactly as Material's search
box does (one SETUP message with search/search_index.json, then one QUERY per question) and returns
the result pages, best first. The benchmark and the tests share it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from stackguide.catalog import Catalog
from stackguide.families import GUIDE_PAGES

QUESTIONS_FILE = Path(__file__).resolve().parents[2] / "tests" / "search_questions.yaml"  # this project's tests/
HOLDOUT_FILE = QUESTIONS_FILE.with_name("search_holdout.yaml")  # never tuned on question by question
QUESTION_FILES = (QUESTIONS_FILE, HOLDOUT_FILE)
KINDS = ("order", "prefix", "everyday", "new-name")  # the kinds of miss of issue #21


@dataclass(frozen=True)
class Question:
    ask: str
    page: str  # a page id: an entry, layer or comparison, or a guide page
    kind: str = ""


def load_questions(path: Path = QUESTIONS_FILE) -> list[Question]:
    return [Question(**item) for item in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]]


def page_urls(catalog: Catalog) -> dict[str, str]:
    """Page id -> site-relative URL, for every page a question may expect."""
    return {**{item.id: catalog.page_url(item) for item in catalog.pages()}, **GUIDE_PAGES}


@dataclass(frozen=True)
class Scores:
    precision_at_1: float
    mean_reciprocal_rank: float
    misses: list[str]  # "question: expected, got first"
    first: list[bool]  # per question: its page came first


def by_kind(questions: list[Question], expected: list[str], ranked: list[list[str]]) -> dict[str, Scores]:
    """Scores of the questions of each kind of miss (issue #21) that the set has, from one ranking."""
    kinds = {}
    for kind in KINDS:
        chosen = [index for index, question in enumerate(questions) if question.kind == kind]
        if chosen:
            kinds[kind] = score([questions[i] for i in chosen], [expected[i] for i in chosen],
                                [ranked[i] for i in chosen])
    return kinds


def score(questions: list[Question], expected: list[str], ranked: list[list[str]]) -> Scores:
    """Precision at 1 and mean reciprocal rank (a page not found counts 0)."""
    reciprocal = [1 / (found.index(want) + 1) if want in found else 0.0
                  for want, found in zip(expected, ranked, strict=True)]
    misses = [f"{question.ask!r}: want {want}, got {found[:2]}"
              for question, want, found in zip(questions, expected, ranked, strict=True) if found[:1] != [want]]
    count = max(len(questions), 1)
    first = [value == 1.0 for value in reciprocal]
    return Scores(sum(first) / count, sum(reciprocal) / count, misses, first)


# Runs in a page of the built site: the worker named in Material's configuration, set up with the
# index that page would fetch, loaded in full, then asked each question in turn.
_RANK_JS = """
async (questions) => {
  const config = JSON.parse(document.getElementById("__config").textContent);
  const base = new URL(config.base, location.href);
  const index = await (await fetch(new URL("search/search_index.json", base))).json();
  const url = new URL(config.search, location.href);
  const channel = url.searchParams.has("channel") ? "sg-eval-" + Math.random() : null;
  if (channel) url.searchParams.set("channel", channel);  // a channel of its own, not the page's worker's
  const worker = new Worker(url);
  const ask = (message) => new Promise((resolve) => {
    worker.onmessage = (event) => resolve(event.data);
    worker.postMessage(message);
  });
  await ask({type: 0, data: {config: index.config, docs: index.docs, options: {suggest: false}}});
  if (channel) {  // a worker that loads on first use: wait until every record is in
    // "load" is said again until "loaded" comes: a single one was lost now and then (two runs of the
    // browser tests in three, in random order, on 2026-12-07), likely because browsers register a new
    // channel with the other contexts asynchronously (whatwg/html issue 7267), and the worker's is
    // new. The worker indexes the records once, however many times it is asked.
    const broadcast = new BroadcastChannel(channel);
    let again = null;
    const loaded = new Promise((resolve) => {
      broadcast.onmessage = resolve;
      broadcast.postMessage("load");
      again = setInterval(() => broadcast.postMessage("load"), 250);
    });
    const failed = new Promise((_, reject) => {
      worker.onerror = (event) => reject(new Error(`search worker failed: ${event.message}`));
      setTimeout(() => reject(new Error("search worker did not load its records in 60 s")), 60000);
    });
    try {
      await Promise.race([loaded, failed]);
    } finally {
      clearInterval(again);
      broadcast.close();
    }
  }
  const ranked = [], millis = [];
  for (const question of questions) {
    const start = performance.now();
    const reply = await ask({type: 2, data: question});
    millis.push(performance.now() - start);
    ranked.push(reply.data.items.map((group) => group[0].location.split("#")[0]));
  }
  worker.terminate();
  return {ranked, millis};
}
"""


def rank_in_browser(page: Any, origin: str, asks: list[str]) -> tuple[list[list[str]], list[float]]:
    """Each question's result pages (site-relative URLs, best first) and the worker's answer time in ms.

    `page` is a Playwright page; it opens the site's home page first.
    """
    page.goto(origin)
    result = page.evaluate(_RANK_JS, asks)
    ranked = [list(dict.fromkeys(found)) for found in result["ranked"]]
    return ranked, result["millis"]


def evaluate(page: Any, origin: str, catalog: Catalog, questions: list[Question]) -> Scores:
    urls = page_urls(catalog)
    ranked, _ = rank_in_browser(page, origin, [question.ask for question in questions])
    return score(questions, [urls[question.page] for question in questions], ranked)

