"""The same questions asked of Pagefind 1.5, to decide the search engine by measurement.

Two Pagefind indexes of the built site: `plain`, the pages' HTML out of the box (the content area
only), and `tuned`, each page's text with its names, vocabulary words and questions from
search/search_records.json as weighted text (Pagefind's data-pagefind-weight). Pagefind matches
every word of a question, so `tuned` is also asked with the common words taken out first.
"""

from __future__ import annotations

import asyncio
import html
import json
import re
import statistics
from pathlib import Path
from typing import Any

from stackguide import searchindex
from stackguide.tools import searcheval

_TAG = re.compile(r"<[^>]+>")

# Runs in a page of the site: Pagefind's own script, each question in turn, the first ten results.
_RANK_JS = """
async ([bundle, asks]) => {
  const pagefind = await import(bundle);
  await pagefind.init();
  const ranked = [], millis = [];
  for (const ask of asks) {
    const start = performance.now();
    const found = await pagefind.search(ask);
    const top = await Promise.all(found.results.slice(0, 10).map((result) => result.data()));
    millis.push(performance.now() - start);
    ranked.push(top.map((data) => data.url.replace(/^\\//, "").replace(/index\\.html$/, "")));
  }
  return {ranked, millis};
}
"""


def _text(value: str | None) -> str:
    return html.escape(_TAG.sub(" ", value or ""))


def index(site: Path) -> None:
    """Writes both Pagefind indexes into the built site (before a browser starts: Pagefind's API is async)."""
    asyncio.run(_index(site))


async def _index(site: Path) -> None:
    from pagefind.index import IndexConfig, PagefindIndex

    plain = IndexConfig(root_selector=".md-content__inner", output_path=str(site / "pagefind-plain"))
    async with PagefindIndex(config=plain) as index:
        await index.add_directory(path=str(site))
    pages: dict[str, list[dict[str, str]]] = {}
    for doc in searchindex.read_records(site):
        pages.setdefault(doc["location"].split("#")[0], []).append(doc)
    tuned = IndexConfig(output_path=str(site / "pagefind-tuned"), force_language="en")
    async with PagefindIndex(config=tuned) as index:
        for url, docs in pages.items():
            own = docs[0]
            body = (f'<h1 data-pagefind-weight="7">{_text(own["title"])}</h1>'
                    f'<p data-pagefind-weight="10">{_text(own.get("names"))}</p>'
                    f'<p data-pagefind-weight="8">{_text(own.get("keywords"))}</p>'
                    f'<p data-pagefind-weight="8">{_text(own.get("questions"))}</p>'
                    + "".join(f"<p>{_text(doc['title'])} {_text(doc['text'])}</p>" for doc in docs))
            await index.add_html_file(url="/" + url, content=f'<html lang="en"><body><main data-pagefind-body>{body}'
                                                            "</main></body></html>")


def compare(site: Path, origin: str, browser: Any, questions: list[searcheval.Question],
            expected: list[str]) -> list[str]:
    """One line per Pagefind variant (see `index`): precision at 1, MRR, questions with no result, time a question."""
    separator = re.compile(json.loads((site / searchindex.INDEX).read_text())["config"]["separator"], re.ASCII)
    lines = []
    for variant, common_words_out in (("plain", False), ("tuned", False), ("tuned", True)):
        asks = [" ".join(searchindex.words(q.ask, separator)) if common_words_out else q.ask for q in questions]
        tab = browser.new_page()
        tab.goto(origin)
        result = tab.evaluate(_RANK_JS, [f"{origin}pagefind-{variant}/pagefind.js", asks])
        tab.close()
        ranked = [list(dict.fromkeys(found)) for found in result["ranked"]]
        scores = searcheval.score(questions, expected, ranked)
        how = f"{variant}, common words taken out of the question" if common_words_out else variant
        lines.append(f"Pagefind ({how}): precision at 1 {scores.precision_at_1:.3f}, MRR "
                     f"{scores.mean_reciprocal_rank:.3f}, no result for {sum(not found for found in ranked)}, "
                     f"median {statistics.median(result['millis']):.0f} ms a question")
    return lines
