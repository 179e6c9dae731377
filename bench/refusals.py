"""The slowest refusals: hostile data files just under the 1 MB limit, and how long each takes to
load or be refused (with the real data beside it, as the preview reloads it after a save).

    python bench/refusals.py            # every case, slowest first
    python bench/refusals.py --runs 3   # the best of three runs each

The goal is under 1 s for any file under 1 MB. tests/test_hostile.py loads the same cases (at a
smaller size) and checks that each is refused with its line; it does not time them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from stackguide.errors import DataError  # noqa: E402
from stackguide.load import FileCache, load_catalog  # noqa: E402

SIZE = 990_000  # bytes: just under the limit
TARGET = "data/services/zz-hostile.yaml"
HEAD = "id: zz-hostile\nname: Hostile\nlayer: ai-services\nsummary: A hostile file.\n"


def _fill(unit: Callable[[int], str], size: int, head: str = HEAD, count: int = 0) -> str:
    """`head`, then `unit(0)`, `unit(1)`, ... up to `size` bytes or `count` units."""
    parts, length, index = [head], len(head), 0
    while length < size and not (count and index >= count):
        part = unit(index)
        parts.append(part)
        length += len(part.encode())
        index += 1
    return "".join(parts)


def cases(size: int = SIZE) -> dict[str, str]:
    """Name -> the text of a hostile data file of about `size` bytes."""
    return {
        "unknown keys": _fill(lambda i: f"key{i:07d}: value\n", size),
        "long unknown keys": _fill(lambda i: f"{'k' * 190}{i:07d}: v\n", size),
        "unknown keys in list items": _fill(lambda i: f"  - {{colour{i % 7}: red, shade: {i}}}\n", size,
                                            HEAD + "links:\n"),
        "YAML tags": _fill(lambda i: f"  - !t{i} v\n", size, HEAD + "keywords:\n"),
        "anchors": _fill(lambda i: f"  - &a{i} v\n", size, HEAD + "keywords:\n"),
        "merge keys": _fill(lambda i: f"  - <<: {{title: t}}\n    url: https://aws.amazon.com/{i}\n", size,
                            HEAD + "links:\n"),
        "a bidi override on every line": _fill(lambda i: f"# \u202e {i}\n", size),
        "distinct private-use characters": HEAD + "description: " + "".join(
            chr(0xF0000 + i % 0x1FFFE) for i in range(size // 4)) + "\n",
        "deep nesting": HEAD + "x: " + "[" * (size // 2) + "]" * (size // 2) + "\n",
        "one huge Markdown field": HEAD + "description: >-\n" + _fill(
            lambda i: f"  *a* <b>{i}</b> [x](javascript:{i}) &#10; `c` [^s{i}] {{: .x }}\n", size, ""),
        "one huge plain field": HEAD.replace("name: Hostile", "name: " + "é" * (size // 2)),
        "unknown related ids": _fill(lambda i: f"  - no-such-entry-{i}\n", size, HEAD + "related:\n"),
        "unknown tags": _fill(lambda i: f"  - t{i}\n", size, HEAD + "tags:\n"),
        "sources nobody cites": _fill(lambda i: f"  - {{id: s{i}, title: T, url: 'https://aws.amazon.com/{i}', "
                                      "checked: 2026-01-01}\n", size, HEAD + "sources:\n"),
        "one line of brackets": HEAD + "notes_say: '" + "[" * size + "'\n",
        "comments only": _fill(lambda i: f"# a comment {i}\n", size),
        "a number of 990,000 digits": HEAD + "position: " + "7" * size + "\n",
        # Just inside the limit of values per file, so that every value is examined.
        "2,400 long unknown keys": _fill(lambda i: f"{'k' * 390}{i:07d}: v\n", size, count=2_400),
        "1,600 unknown keys in list items": _fill(lambda i: f"  - {{colour{i}: red}}\n", size, HEAD + "links:\n",
                                                  count=1_600),
        "4,800 unknown related ids": _fill(lambda i: f"  - {'no-such-entry-' * 12}{i}\n", size,
                                           HEAD + "related:\n", count=4_800),
        "4,800 YAML tags": _fill(lambda i: f"  - !{'t' * 150}{i} v\n", size, HEAD + "keywords:\n", count=4_800),
        "1,100 sources nobody cites": _fill(
            lambda i: f"  - {{id: s{i}, title: {'T' * 190}, url: 'https://aws.amazon.com/{'p' * 300}/{i}', "
                      "checked: 2026-01-01}\n", size, HEAD + "sources:\n", count=1_100),
        "2,400 bad Markdown fields": _fill(lambda i: f"  - '{'<b>x</b> [y](javascript:z) ' * 12}{i}'\n", size,
                                           HEAD + "capabilities:\n", count=2_400),
        "2,400 comparison cells on unknown columns": _fill(
            lambda i: f"      c{i}: {'Low cost and more ' * 20}[^doc]\n", size,
            "id: zz-hostile\ntitle: T\nsummary: S.\nintro: I.\ncolumns: [{key: cost, title: Cost}]\n"
            "rows:\n  - entry: amazon-polly\n    cells:\n", count=2_400),
    }


def time_cases(runs: int = 1, size: int = SIZE) -> list[tuple[float, str, int]]:
    """(seconds, case, problems) for each case, slowest first."""
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copytree(ROOT / "data", root / "data")
        cache = FileCache()
        load_catalog(root, drafts=True, cache=cache)  # the other files, as the preview holds them
        for name, text in cases(size).items():
            target = root / TARGET
            target.write_text(text, encoding="utf-8")
            best, count = float("inf"), 0
            for run in range(runs):
                stamp = target.stat().st_mtime_ns + run + 1
                os.utime(target, ns=(stamp, stamp))  # a new save: the cache re-reads this file, only
                started = time.perf_counter()
                try:
                    load_catalog(root, drafts=True, cache=cache)
                except DataError as err:
                    count = len(err.problems)
                best = min(best, time.perf_counter() - started)
            results.append((best, name, count))
    return sorted(results, reverse=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    print_refusals(args.runs)


def print_refusals(runs: int) -> None:
    print(f"\n## Hostile files of about {SIZE:,} bytes: load or refusal, with the real data (slowest first)")
    for seconds, name, count in time_cases(runs):
        print(f"- {name}: {seconds:.2f} s ({count} problem lines)", flush=True)


if __name__ == "__main__":
    main()
