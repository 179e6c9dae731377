"""Shape Material's search index so that a newcomer's question finds the page that answers it.

Material indexes what a page shows and ranks with Lunr (BM25). Each entry's and comparison's own
record also gets two fields that mkdocs.yml weighs: `keywords` (its names and synonyms) and
`questions` (the tasks it answers). Two details of Lunr decide the shape:

- Every query word is matched as a prefix, so each distinct word counts once: repeating one
  would only multiply the score of pages with many words that happen to share a prefix.
- BM25 favours short fields over long ones; padding both fields to a fixed length with a word
  no query can start with makes every page's names count alike.

mkdocs.yml's search `separator` also splits off common English words ("how", "which", "I"), so a
question typed in full is not matched as the prefixes "i*" or "to*".
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

from stackguide.catalog import Catalog
from stackguide.model import Comparison, Entry

KEYWORDS, QUESTIONS = "keywords", "questions"  # must match fields under the search plugin in mkdocs.yml
LENGTHS = {KEYWORDS: 40, QUESTIONS: 60}  # words per field after padding (the longest today: 20 and 40)
FILLER = "zzfiller"
_WORD = re.compile(r"[\w+#]+")


def distinct_words(texts: Iterable[str]) -> list[str]:
    """Each word once, lower-cased, in order of first use."""
    return list(dict.fromkeys(word.lower() for text in texts for word in _WORD.findall(text)))


def padded(words: list[str], length: int) -> str:
    return " ".join(words + [FILLER] * max(0, length - len(words)))


def search_fields(catalog: Catalog) -> dict[str, dict[str, str]]:
    """Page URL -> the extra fields of its own search record."""
    fields: dict[str, dict[str, str]] = {}
    items: tuple[Entry | Comparison, ...] = (*catalog.entries, *catalog.comparisons)
    for item in items:
        if isinstance(item, Entry):
            names = [item.name, *item.previous_names, *item.abbreviations, *item.keywords]
        else:
            names = [item.title, *item.keywords]
        fields[catalog.page_url(item)] = {
            KEYWORDS: padded(distinct_words(names), LENGTHS[KEYWORDS]),
            QUESTIONS: padded(distinct_words(item.questions), LENGTHS[QUESTIONS]),
        }
    return fields


def add_search_fields(site_dir: Path, catalog: Catalog) -> None:
    index_path = site_dir / "search" / "search_index.json"
    if not index_path.is_file():
        return
    index = json.loads(index_path.read_text(encoding="utf-8"))
    extra = search_fields(catalog)
    for doc in index["docs"]:
        doc.update(extra.get(doc["location"], {}))  # the page's own record, not one of its sections
    index_path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")

