"""Benchmarks that print figures: build time against plain baselines, page weight, Lighthouse.

    python bench/bench.py                      # everything: 30/300/3000 entries with their baselines
    python bench/bench.py --sizes 30,300 --runs 3 --no-lighthouse
    python bench/bench.py --baseline-max 300   # skip the 3,000-page baselines (4 min, 2.6 GB)
    python bench/bench.py --no-builds --no-lighthouse   # only the phase split and the preview latency
                                                         # (and the hostile files' refusal times)

Synthetic entries are built with the real data model (about 350 words each: a description,
five capabilities, a story with a four-row claims table, a status note and three links to other
entries). The baselines are the same Markdown, written out as plain files under default
Material: one with a flat navigation, one (the reference) in sections of 50 with
navigation.prune. At 300 entries the benchmark also prints the floor of any build of those
pages: start-up plus Markdown conversion.
"""
from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import ClassVar

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import pagefind_engine  # noqa: E402

from stackguide import render, searchindex  # noqa: E402
from stackguide.families import ENTRY_FAMILIES, FAMILIES, LAYERS  # noqa: E402
from stackguide.load import load_catalog  # noqa: E402
from stackguide.model import Entry  # noqa: E402
from stackguide.tools import devkit, searcheval  # noqa: E402
from stackguide.tools.devkit import CHROMIUM_ARGS, chromium_path, copy_project  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
MKDOCS = str(Path(sys.executable).with_name("mkdocs"))
WORDS = ["data", "model", "training", "inference", "cluster", "storage", "query", "engine", "service", "layer",
         "pipeline", "feature", "endpoint", "latency", "throughput", "region", "bucket", "table", "schema"]
LAYER_IDS = ["frameworks-infrastructure", "ml-platforms", "ai-services", "ingestion", "data-lake", "analytics",
             "amazon-ml"]


# -- synthetic projects ------------------------------------------------------------------------

def _text(seed: int, words: int) -> str:
    chosen = [WORDS[(seed * 7 + i * 13) % len(WORDS)] for i in range(words)]
    return " ".join(chosen).capitalize() + "."


def synthetic_entry(index: int, total: int) -> Entry:
    """An entry of the real model, about 350 words: a description, a four-claim story table, links."""
    related = [f"synthetic-{(index + step) % total:04d}" for step in (1, 2, 3)]
    sources = [{"id": f"s{n}", "title": f"Synthetic source {n}", "url": f"https://docs.aws.amazon.com/{index}/{n}",
                "checked": date(2026, 11, 24).isoformat()} for n in range(4)]
    return Entry.model_validate({
        "id": f"synthetic-{index:04d}",
        "name": f"Synthetic service {index:04d}",
        "layer": LAYER_IDS[index % len(LAYER_IDS)],  # the real layers' ids
        "summary": _text(index, 14),
        "description": " ".join(_text(index + n, 30) for n in range(6)) + " [^s0]",
        "capabilities": [_text(index + n, 10) + " [^s0]" for n in range(5)],
        "notes_say": _text(index + 99, 25),
        "lifecycle": [{"event": "launched", "date": "2020-01-01", "cite": "s1"}],
        "today": _text(index + 7, 20) + " [^s1]",
        "keywords": ["synthetic", f"bench {index}"],
        "stories": [{"name": "A customer", "summary": _text(index + 3, 20), "claims": [
            {"text": _text(index + n, 8) + f" [^s{n}]", "verdict": "verified"} for n in range(4)]}],
        "related": related,
        "links": [{"title": "Product page", "url": f"https://aws.amazon.com/{index}"}],
        "watches": [{"feed": "https://aws.amazon.com/about-aws/whats-new/recent/feed/", "match": [f"S{index}"]}],
        "sources": sources,
        "reviewed": date(2026, 11, 24).isoformat(),
        "tags": ["bench"],
    })


def make_data_project(dest: Path, size: int) -> None:
    """A copy of the real project whose entries are `size` synthetic ones, of every entry family."""
    copy_project(ROOT, dest)
    data = dest / "data"
    real_layers = load_catalog(ROOT).layers
    for family in FAMILIES:
        shutil.rmtree(data / family.folder, ignore_errors=True)
        (data / family.folder).mkdir()
    for number, layer in enumerate(real_layers):  # the real layers' places, with synthetic text
        record = {"id": layer.id, "name": layer.name, "group": layer.group.value, "position": layer.position,
                  "summary": _text(number, 12), "description": _text(number + 1, 40),
                  "today": _text(number + 2, 30) + " [^s0]",
                  "sources": [{"id": "s0", "title": "Synthetic source", "url": f"https://docs.aws.amazon.com/{number}",
                               "checked": date(2026, 11, 24).isoformat()}],
                  "reviewed": date(2026, 11, 24).isoformat()}
        (data / LAYERS.folder / f"{layer.id}.yaml").write_text(yaml.safe_dump(record, sort_keys=False, width=1000))
    for index in range(size):
        entry = synthetic_entry(index, size)
        family = ENTRY_FAMILIES[index % len(ENTRY_FAMILIES)]
        body = yaml.safe_dump(entry.model_dump(mode="json", exclude_none=True), sort_keys=False, width=1000)
        (data / family.folder / f"{entry.id}.yaml").write_text(body)
    glossary = yaml.safe_load((data / "glossary.yaml").read_text())
    for term in glossary["terms"]:
        term.pop("entry", None)
    (data / "glossary.yaml").write_text(yaml.safe_dump(glossary, sort_keys=False))
    tags = yaml.safe_load((data / "tags.yaml").read_text())
    tags["tags"].append({"id": "bench", "description": "Synthetic benchmark entries."})
    (data / "tags.yaml").write_text(yaml.safe_dump(tags, sort_keys=False))
    vocabulary = yaml.safe_load((data / "vocabulary.yaml").read_text())  # keep what names no real entry
    vocabulary["words"] = [{"say": meaning["say"], "pages": meaning["pages"]} for meaning in vocabulary["words"]
                           if meaning.get("pages") and not meaning.get("means")]
    (data / "vocabulary.yaml").write_text(yaml.safe_dump(vocabulary, sort_keys=False))
    onboarding = {"days": [{"title": "Start", "goal": "Read the layers.",
                            "steps": [{"page": layer, "why": "It is a layer."} for layer in LAYER_IDS]}]}
    (data / "onboarding.yaml").write_text(yaml.safe_dump(onboarding, sort_keys=False))


BASELINE_CONFIG = """\
site_name: Baseline
site_url: http://127.0.0.1:8000/
theme:
  name: material
validation:
  links:
    absolute_links: relative_to_docs
markdown_extensions: [admonition, attr_list, def_list, footnotes, md_in_html, tables, {toc: {permalink: true}}]
plugins: [search]
"""


def make_baseline_project(dest: Path, data_project: Path, section_size: int = 0) -> None:
    """The same pages as plain Markdown files under default Material.

    With `section_size` 0 the navigation is one flat list (the baseline); otherwise it is split
    into sections of that many pages with `navigation.prune` (the issue's reference structure:
    plain Markdown, no data or macros, the navigation it recommends).
    """
    catalog = load_catalog(data_project)
    docs = dest / "docs"
    pages = []
    for item in (*catalog.layers, *catalog.entries):
        path = docs / catalog.page_path(item)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render.render_page(catalog, item))  # starts with the page's # heading
        pages.append(catalog.page_path(item))
    (docs / "index.md").write_text("# Baseline\n")
    config = BASELINE_CONFIG + "nav:\n  - index.md\n"
    if not section_size:
        config += "".join(f"  - {page}\n" for page in pages)
    else:
        config = config.replace("  name: material\n", "  name: material\n  features: [navigation.prune]\n")
        for start in range(0, len(pages), section_size):
            config += f"  - Section {start // section_size + 1}:\n"
            config += "".join(f"    - {page}\n" for page in pages[start:start + section_size])
    (dest / "mkdocs.yml").write_text(config)


# -- measuring ---------------------------------------------------------------------------------

def time_builds(projects: dict[str, Path], runs: int) -> dict[str, tuple[float, float]]:
    """Median wall time of `mkdocs build` in each project, and its built size in MB.

    The projects take turns in every round, so a slow spell on the machine hits them all alike.
    """
    return {name: (statistics.median(wall), size) for name, (wall, _, size) in time_rounds(projects, runs).items()}


def time_rounds(projects: dict[str, Path], runs: int) -> dict[str, tuple[list[float], list[float], float]]:
    """Each round's wall time and CPU time (user and system: the work done, which other work on a
    shared machine moves less) of `mkdocs build` in each project, and its built size in MB."""
    times: dict[str, list[float]] = {name: [] for name in projects}
    cpu: dict[str, list[float]] = {name: [] for name in projects}
    sizes: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(runs):
            for name, project in projects.items():
                site = Path(tmp) / name
                shutil.rmtree(site, ignore_errors=True)
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                result = subprocess.run([MKDOCS, "build", "-q", "--site-dir", str(site)],
                                        cwd=project, env=ENV, capture_output=True, text=True)
                times[name].append(time.perf_counter() - start)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu[name].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
                if result.returncode != 0:
                    raise SystemExit(f"build failed in {project}:\n{result.stderr[-3000:]}")
                sizes[name] = sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6
                shutil.rmtree(site)
    return {name: (times[name], cpu[name], sizes[name]) for name in projects}


def floor_seconds(plain_project: Path, runs: int) -> tuple[float, float]:
    """What any MkDocs build of these pages must pay, whatever its navigation: start-up (a
    one-page build under the same config) and converting every page's Markdown (best of runs)."""
    import markdown

    config = yaml.safe_load(BASELINE_CONFIG)
    with tempfile.TemporaryDirectory() as tmp:
        one = Path(tmp)
        (one / "docs").mkdir()
        (one / "docs" / "index.md").write_text("# One page\n")
        (one / "mkdocs.yml").write_text(BASELINE_CONFIG)
        startup = time_builds({"one": one}, runs)["one"][0]
    names = [name if isinstance(name, str) else next(iter(name)) for name in config["markdown_extensions"]]
    settings = {k: v for name in config["markdown_extensions"] if isinstance(name, dict) for k, v in name.items()}
    texts = [path.read_text() for path in sorted((plain_project / "docs").rglob("*.md"))]
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        for text in texts:
            markdown.Markdown(extensions=names, extension_configs=settings).convert(text)
        best = min(best, time.perf_counter() - start)
    return startup, best


SECTION_SIZE = 50  # the reference structure's sections, as in the anchor figures


def bench_builds(sizes: list[int], runs: int, baseline_max: int) -> dict[int, float]:
    print("\n## Build time (median of runs; wall clock)\n")
    real, real_mb = time_builds({"real": ROOT}, runs)["real"]
    entries = len(load_catalog(ROOT).entries)
    print(f"Real site ({entries} entries): {real:.2f} s, {real_mb:.1f} MB built\n")
    print("ours: data + macros, navigation by layer and kind, pruned. flat: the same pages as plain Markdown, "
          f"one flat navigation list.\nreference: the plain pages in sections of {SECTION_SIZE} with "
          "navigation.prune, no data or macros. Sizes are the built site in MB.\n")
    print("| entries | ours | flat | ours / flat | reference | reference / flat | ours / reference "
          "| MB ours / flat / reference |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    ours: dict[int, float] = {}
    ratios: dict[int, tuple[float, float]] = {}
    floor = (0.0, 0.0)
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            projects = {"ours": Path(tmp) / "ours"}
            projects["ours"].mkdir()
            make_data_project(projects["ours"], size)
            if size <= baseline_max:
                for name, section_size in (("flat", 0), ("reference", SECTION_SIZE)):
                    projects[name] = Path(tmp) / name
                    projects[name].mkdir()
                    make_baseline_project(projects[name], projects["ours"], section_size)
            got = time_builds(projects, runs if size <= 300 else 1)
            if size == 300 and "flat" in got:
                floor = floor_seconds(projects["reference"], runs)
            ours[size], ours_mb = got["ours"]
            if "flat" in got:
                (flat, flat_mb), (ref, ref_mb) = got["flat"], got["reference"]
                ratios[size] = (ours[size] / flat, ref / flat)
                print(f"| {size} | {ours[size]:.2f} s | {flat:.2f} s | {ours[size] / flat:.2f}x | {ref:.2f} s "
                      f"| {ref / flat:.2f}x | {ours[size] / ref:.2f}x | {ours_mb:.1f} / {flat_mb:.1f} / {ref_mb:.1f} |",
                      flush=True)
            else:
                print(f"| {size} | {ours[size]:.2f} s | (not run) | | | | | {ours_mb:.1f} |", flush=True)
    if 300 in ratios:
        mine, reference = ratios[300]
        flat = ours[300] / mine
        startup, markdown_time = floor
        print(f"\n300 entries: ours {mine:.2f}x the flat baseline (goal: at most 0.25x); "
              f"the reference structure alone {reference:.2f}x.\nFloor for any build of these 300 pages: "
              f"start-up {startup:.2f} s (a one-page build) + Markdown conversion {markdown_time:.2f} s "
              f"= {startup + markdown_time:.2f} s, {(startup + markdown_time) / flat:.2f}x the flat baseline.")
    if 300 in ours and 3000 in ours:
        print(f"3,000 / 300 entries: {ours[3000] / ours[300]:.1f}x the time (goal: at most 11x); "
              f"slope {1000 * (ours[3000] - ours[300]) / 2700:.1f} ms per entry")
    return ours


class _GzipHandler(SimpleHTTPRequestHandler):
    """Serves files the way GitHub Pages does: gzip for text, when the client accepts it, and each
    file's Last-Modified, answering a request that names it with 304 Not Modified, as static hosts
    do. So a file asked for twice in one page view is counted once, as a reader's browser gets it."""

    log: ClassVar[list[tuple[str, int]]] = []  # (path, bytes sent), shared by the server's threads
    TEXT = (".html", ".css", ".js", ".json", ".svg", ".txt", ".xml")

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            return
        modified = self.date_time_string(int(path.stat().st_mtime))
        if self.headers.get("If-Modified-Since") == modified:  # the browser's copy is this file
            self.send_response(304)
            self.end_headers()
            self.log.append((self.path, 0))
            return
        body = path.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Last-Modified", modified)
        if path.suffix in self.TEXT and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, compresslevel=6, mtime=0)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.log.append((self.path, len(body)))

    def log_message(self, format: str, *args: object) -> None:
        pass


def build_real_site(site_url: str, dest: Path) -> None:
    result = subprocess.run([MKDOCS, "build", "-q", "--site-dir", str(dest)], cwd=ROOT,
                            env={**ENV, "SITE_URL": site_url}, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(result.stderr[-3000:])


def chromium() -> str:
    return chromium_path() or "/usr/bin/chromium"


PAGE_KINDS = {"home": "", "layer": "layers/ai-services/", "entry": "services/amazon-polly/", "catalog": "catalog/"}


def first_load(origin: str, paths: dict[str, str]) -> dict[str, tuple[int, float]]:
    """Requests and KB (gzip, as GitHub Pages serves) of each page's first view, until the network is idle."""
    from playwright.sync_api import sync_playwright

    loads = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        for name, path in paths.items():
            context = browser.new_context()
            tab = context.new_page()
            _GzipHandler.log.clear()
            tab.goto(origin + path, wait_until="networkidle")
            tab.wait_for_timeout(500)  # anything the page starts after idle (a worker's own fetch) counts too
            sent = list(_GzipHandler.log)
            loads[name] = (len(sent), sum(n for _, n in sent) / 1024)
            context.close()
        browser.close()
    return loads


def restyles(trace: bytes, origin: str) -> list[tuple[int, str]]:
    """The style recalculations of a page load in a Chromium trace: (elements restyled, the script
    function that forced it, or "" when the browser did it for a frame)."""
    events = json.loads(trace)["traceEvents"]
    page = {(event["pid"], event["tid"]) for event in events if event.get("name") == "ParseHTML"
            and str(((event.get("args") or {}).get("beginData") or {}).get("url", "")).startswith(origin)}
    found = []
    for event in events:
        thread = (event.get("pid"), event.get("tid"))
        if (event.get("name"), event.get("ph")) != ("UpdateLayoutTree", "X") or thread not in page:
            continue
        stack = ((event.get("args") or {}).get("beginData") or {}).get("stackTrace") or []
        where = f"{stack[0].get('url', '').rsplit('/', 1)[-1]}:{stack[0].get('functionName', '')}" if stack else ""
        found.append((int((event.get("args") or {}).get("elementCount") or 0), where))
    return found


def startup_restyles(origin: str, paths: dict[str, str]) -> dict[str, tuple[int, int, int]]:
    """Per page: elements in the document, and how many times a script forced the browser to
    restyle at least half of them during the first load, and all the elements it forced restyled.
    Counts, not times: they do not depend on the machine's load."""
    from playwright.sync_api import sync_playwright

    found = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        for name, path in paths.items():
            context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True, has_touch=True)
            tab = context.new_page()
            browser.start_tracing(page=tab, categories=["devtools.timeline", "disabled-by-default-devtools.timeline",
                                                        "disabled-by-default-devtools.timeline.stack"])
            tab.goto(origin + path, wait_until="networkidle")
            tab.wait_for_timeout(1000)
            trace = browser.stop_tracing()
            elements = tab.evaluate("document.getElementsByTagName('*').length")
            forced = [count for count, where in restyles(trace, origin) if where]
            found[name] = (elements, sum(count >= elements / 2 for count in forced), sum(forced))
            context.close()
        browser.close()
    return found


def served(site: Path) -> contextlib.AbstractContextManager[str]:
    """`site` served on loopback with gzip; yields its origin (build the site for it first)."""
    return devkit.served(site, _GzipHandler)


def bench_weight_and_lighthouse(lighthouse_runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        site.mkdir()
        with served(site) as origin:  # the port must be known before the build, so that site_url matches
            build_real_site(origin, site)
            print("\n## Page weight on first load (gzip, as GitHub Pages serves)\n")
            print("| page | requests | transferred (KB) |")
            print("|---|---:|---:|")
            for name, (requests, kb) in first_load(origin, PAGE_KINDS).items():
                print(f"| {name} | {requests} | {kb:.1f} |")
            print("\n## Restyles a script forces during the first load (counts, whatever the machine's load)\n")
            print("| page | elements | forced restyles of half the page or more | elements restyled by force |")
            print("|---|---:|---:|---:|")
            for name, (elements, whole, restyled) in startup_restyles(origin, PAGE_KINDS).items():
                print(f"| {name} | {elements} | {whole} | {restyled} |")
            entries = len(load_catalog(ROOT).entries)
            for name in (searchindex.INDEX, searchindex.PAGES, searchindex.RECORDS):
                data = (site / name).read_bytes()
                print(f"\n{name}: {len(data) / 1024:.0f} KB ({len(gzip.compress(data)) / 1024:.0f} KB gzip) "
                      f"for {entries} entries", end="")
            print()
            bench_search(site, origin)
            if lighthouse_runs:
                run_lighthouse(origin, PAGE_KINDS, lighthouse_runs)


# -- search --------------------------------------------------------------------------------------

THROTTLE = 4  # Lighthouse's mobile CPU slowdown
TYPING_DELAY_MS = 100  # ten characters a second, a quick typist

# In the page: resolves with the time from the reader's last key press until the result list
# first shows `expected` at the top for the full question.
_FIRST_RESULT_JS = """
([question, expected]) => {
  const input = document.querySelector("input.md-search__input");
  const list = document.querySelector(".md-search-result__list");
  window.sgLastKey = 0;
  input.addEventListener("keydown", () => { window.sgLastKey = performance.now(); }, true);
  window.sgShown = new Promise((resolve) => new MutationObserver(() => {
    const first = list.querySelector("a.md-search-result__link");
    if (first && input.value === question && new URL(first.href).pathname.endsWith("/" + expected))
      resolve(performance.now() - window.sgLastKey);
  }).observe(list, {childList: true, subtree: true}));
}
"""


def time_to_first_result(origin: str, asks: list[tuple[str, str]], *, typed: bool) -> list[float]:
    """Milliseconds from the last key press to the right first result, on a fresh page each time,
    under THROTTLE-times CPU slowdown: the first search of a visit, index loading included. Typed:
    one character every TYPING_DELAY_MS after focusing the box; otherwise pasted at once."""
    from playwright.sync_api import sync_playwright

    times = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        for question, expected in asks:
            context = browser.new_context()
            tab = context.new_page()
            tab.goto(origin, wait_until="networkidle")
            context.new_cdp_session(tab).send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE})
            tab.evaluate(_FIRST_RESULT_JS, [question, expected])
            box = tab.locator("input.md-search__input")
            box.click()
            if typed:
                box.press_sequentially(question, delay=TYPING_DELAY_MS)
            else:
                box.fill(question[:-1])
                box.press(question[-1])
            times.append(tab.evaluate("Promise.race([window.sgShown, new Promise((r) => setTimeout(r, 20000, 1e9))])"))
            context.close()
        browser.close()
    return times


def bench_search(site: Path, origin: str) -> None:
    """Quality on the evaluation and held-out sets with the site's own engine, and the first search's latency."""
    from playwright.sync_api import sync_playwright

    catalog = load_catalog(ROOT)
    urls = searcheval.page_urls(catalog)
    pagefind_engine.index(site)
    sample: list[tuple[str, str]] = []  # evaluation questions ranked right, to time
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        for path in searcheval.QUESTION_FILES:
            questions = searcheval.load_questions(path)
            expected = [urls[q.page] for q in questions]
            ranked, _ = searcheval.rank_in_browser(browser.new_page(), origin, [q.ask for q in questions])
            scores = searcheval.score(questions, expected, ranked)
            print(f"\n## Search quality ({len(questions)} questions of {path.relative_to(ROOT)})\n")
            print(f"This site's search (Material's Lunr, tuned): precision at 1 {scores.precision_at_1:.3f}, "
                  f"MRR {scores.mean_reciprocal_rank:.3f}")
            print("By kind of miss (precision at 1 / MRR): " + ", ".join(
                f"{kind} {kind_scores.precision_at_1:.2f} / {kind_scores.mean_reciprocal_rank:.2f}"
                for kind, kind_scores in searcheval.by_kind(questions, expected, ranked).items()))
            for miss in scores.misses:
                print(f"- miss: {miss}")
            if path == searcheval.QUESTIONS_FILE:
                sample = [(q.ask, want) for q, want, hit in
                          list(zip(questions, expected, scores.first, strict=True))[::33] if hit]
                print("\n" + "\n".join(pagefind_engine.compare(site, origin, browser, questions, expected)))
        browser.close()
    print(f"\n## First search of a visit, {THROTTLE}x CPU slowdown (ms from the last key to the right first result)\n")
    for typed in (True, False):
        times = time_to_first_result(origin, sample, typed=typed)
        how = f"typed at {1000 // TYPING_DELAY_MS} characters a second" if typed else "pasted right after focus"
        print(f"- {how}: median {statistics.median(times):.0f} ms, max {max(times):.0f} ms "
              f"({', '.join(f'{value:.0f}' for value in times)})", flush=True)


def bench_index_sizes(sizes: list[int]) -> None:
    """What search costs per entry as the catalog grows: the records fetched on first use, and the
    first load of a page, which must not grow with them (the catalog lists every entry by design)."""
    print("\n## Search index by catalog size (synthetic entries)\n")
    print("| entries | records KB (gzip) | per entry KB (gzip) | fetched first: pages' records KB (gzip) "
          "| index on every page KB | first load: home / entry / catalog KB |")
    print("|---:|---:|---:|---:|---:|---:|")
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            project, site = Path(tmp) / "project", Path(tmp) / "site"
            project.mkdir()
            site.mkdir()
            make_data_project(project, size)
            with served(site) as origin:
                result = subprocess.run([MKDOCS, "build", "-q", "--site-dir", str(site)], cwd=project,
                                        env={**ENV, "SITE_URL": origin}, capture_output=True, text=True)
                if result.returncode != 0:
                    raise SystemExit(result.stderr[-3000:])
                records = (site / searchindex.RECORDS).read_bytes()
                on_load = len(gzip.compress((site / searchindex.INDEX).read_bytes())) / 1024
                packed = len(gzip.compress(records)) / 1024
                pages = (site / searchindex.PAGES).read_bytes()
                loads = first_load(origin, {"home": "", "entry": "services/synthetic-0000/", "catalog": "catalog/"})
            print(f"| {size} | {len(records) / 1024:.0f} ({packed:.0f}) | {len(records) / size / 1024:.2f} "
                  f"({packed / size:.2f}) | {len(pages) / 1024:.0f} ({len(gzip.compress(pages)) / 1024:.0f}) "
                  f"| {on_load:.1f} | {loads['home'][1]:.1f} / {loads['entry'][1]:.1f} / {loads['catalog'][1]:.1f} |",
                  flush=True)


def run_lighthouse(origin: str, pages: dict[str, str], runs: int) -> None:
    """Lighthouse scores for each page: the run with the median performance score of `runs`,
    as Lighthouse's own docs advise, because one run's performance score varies by a few points."""
    cli = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
    if not cli.is_file():
        print("\nLighthouse is not installed: run `make bench`, which installs it.")
        return
    print(f"\n## Lighthouse (mobile preset, Debian chromium; median of {runs} runs)\n")
    print("| page | performance | accessibility | best practices | SEO | performance, every run | failing audits |")
    print("|---|---:|---:|---:|---:|---|---|")
    flags = "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run " \
            "--disable-background-networking --disable-component-update --disable-sync"
    for name, path in pages.items():
        reports = []
        for _ in range(runs):
            result = subprocess.run(
                ["node", str(cli), origin + path, "--quiet", "--output=json", "--output-path=stdout",
                 f"--chrome-flags={flags}", "--only-categories=performance,accessibility,best-practices,seo"],
                env={**os.environ, "CHROME_PATH": chromium()}, capture_output=True, text=True, timeout=300)
            if result.returncode != 0:
                raise SystemExit(f"lighthouse failed on {name}: {result.stderr.strip()[-2000:]}")
            reports.append(json.loads(result.stdout))

        def score(report: dict, category: str) -> int:
            return round(100 * (report["categories"][category]["score"] or 0))

        reports.sort(key=lambda report: score(report, "performance"))
        median = reports[len(reports) // 2]
        scores = [score(median, c) for c in ("performance", "accessibility", "best-practices", "seo")]
        every = ", ".join(str(score(report, "performance")) for report in reports)
        failing = sorted(key for key, audit in median["audits"].items()
                         if audit.get("score") is not None and audit["score"] < 0.9
                         and audit.get("scoreDisplayMode") in ("binary", "numeric"))
        print(f"| {name} | {' | '.join(map(str, scores))} | {every} | {', '.join(failing[:6]) or 'none'} |",
              flush=True)


def bench_phases_and_preview(runs: int) -> None:
    """Where a 300-entry build's time goes, beside the reference structure, and the preview's
    save-to-served latency at the real size and at 300 entries."""
    compile_package()
    import phases

    with tempfile.TemporaryDirectory() as tmp:
        ours, reference = Path(tmp) / "ours", Path(tmp) / "reference"
        ours.mkdir()
        reference.mkdir()
        make_data_project(ours, 300)
        make_baseline_project(reference, ours, section_size=SECTION_SIZE)
        print("\n## Where a 300-entry build's time goes (one in-process build each)\n")
        print("The project's first build: no parsed data file is kept yet (stackguide.yamlcache).\n")
        split = phases.phase_split_in_subprocess(ours)
        phases.print_split({"ours": split, "reference": phases.phase_split_in_subprocess(reference)})
        shares = [phases.share_of_ours(found) for found in (split, *(phases.phase_split_in_subprocess(ours)
                                                                    for _ in range(2)))]
        print(f"\nOur own code in three builds: {', '.join(f'{100 * share:.1f}%' for share in shares)} "
              "(goal: at most 7%; the first parses every data file, the next two only those that changed: "
              "none)", flush=True)
        print(f"On a machine that never built the site, as in CI: {100 * new_machine_share(ours):.1f}% (the "
              "templates are compiled too)", flush=True)
        print("\n## Preview: saving a data file until the page is served with the change\n")
        real = Path(tmp) / "real"
        copy_project(ROOT, real)
        for name, project, data_file, page in (
                ("real site", real, "data/services/amazon-polly.yaml", "services/amazon-polly/"),
                ("300 entries", ours, "data/services/synthetic-0000.yaml", "services/synthetic-0000/")):
            latencies = phases.preview_latency(project, data_file, page, runs)
            print(f"- {name}: median {statistics.median(latencies):.2f} s "
                  f"(runs: {', '.join(f'{value:.2f}' for value in latencies)})", flush=True)


def new_machine_share(project: Path) -> float:
    """Our code's share of a first build of a copy of `project` that sees an empty temporary folder:
    no parsed data file and no compiled template is kept yet, as in a CI job on a new machine."""
    import phases

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "project"
        shutil.copytree(project, copy, ignore=shutil.ignore_patterns(".cache"))
        (Path(tmp) / "temp").mkdir()
        return phases.share_of_ours(phases.phase_split_in_subprocess(copy, temp_dir=Path(tmp) / "temp"))


def bench_against_export(runs: int) -> None:
    """The real site built by the plugin against the same site exported as plain Markdown and built
    by MkDocs and Material alone (`make export`), in turns (goal: at most 1.2x)."""
    compile_package()
    from stackguide.tools.export import export_site

    with tempfile.TemporaryDirectory() as tmp:
        real = copy_project(ROOT, Path(tmp) / "real")
        export_site(real, Path(tmp) / "export")
        result = time_rounds({"plugin": real, "export": Path(tmp) / "export"}, runs)
    (plugin, plugin_cpu, _), (plain, plain_cpu, _) = result["plugin"], result["export"]
    median = statistics.median
    rounds = [ours / theirs for ours, theirs in zip(plugin, plain, strict=True)]
    print("\n## The real site against its plain-Markdown export (median of "
          f"{runs} interleaved builds)\n")
    print(f"wall time: plugin {median(plugin):.2f} s, export {median(plain):.2f} s: "
          f"**{median(plugin) / median(plain):.2f}x** (goal: at most 1.2x)\n"
          f"CPU time: plugin {median(plugin_cpu):.2f} s, export {median(plain_cpu):.2f} s: "
          f"**{median(plugin_cpu) / median(plain_cpu):.2f}x**\n"
          f"each round's ratio (its two builds ran one after the other): median {median(rounds):.2f}x ("
          + ", ".join(f"{ratio:.2f}" for ratio in rounds) + ")", flush=True)


def compile_package() -> None:
    """Our package's bytecode, as pip writes the libraries' when it installs them. A shell with
    PYTHONDONTWRITEBYTECODE=1 set would otherwise make every build compile our modules again
    (about 50 ms) while MkDocs and Material load theirs, which the export's builds do not pay."""
    import compileall
    compileall.compile_dir(ROOT / "stackguide", quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="30,300,3000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline-max", type=int, default=3000,
                        help="largest size to pair with the flat baseline (at 3000 it takes minutes and GBs)")
    parser.add_argument("--lighthouse-runs", type=int, default=5, help="runs per page; the median is shown")
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--no-builds", action="store_true")
    parser.add_argument("--no-phases", action="store_true", help="skip the phase split and preview latency")
    parser.add_argument("--no-refusals", action="store_true", help="skip the hostile files (bench/refusals.py)")
    parser.add_argument("--index-sizes", default="56,300,3000", help="catalog sizes for the search index figures")
    args = parser.parse_args()
    compile_package()
    print(f"# Benchmark, {time.strftime('%Y-%m-%d %H:%M')} on {os.cpu_count()} cores")
    if not args.no_builds:
        bench_builds([int(size) for size in args.sizes.split(",")], args.runs, args.baseline_max)
    if not args.no_builds:
        bench_against_export(7)
    if not args.no_phases:
        bench_phases_and_preview(5)
    if not args.no_refusals:
        import refusals
        refusals.print_refusals(runs=1)
    bench_weight_and_lighthouse(0 if args.no_lighthouse else args.lighthouse_runs)
    if args.index_sizes:
        bench_index_sizes([int(size) for size in args.index_sizes.split(",")])


if __name__ == "__main__":
    main()
