"""Benchmarks that print figures: build time against a plain baseline, page weight, Lighthouse.

    python bench/bench.py                      # everything: 30/300/3000 entries, each with its baseline
    python bench/bench.py --sizes 30,300 --runs 3 --no-lighthouse
    python bench/bench.py --baseline-max 300   # skip the 3,000-page flat baseline (3.5 min, 2.4 GB)

Synthetic entries are built with the real data model (about 350 words each: a description, a
five-row claims table, an admonition and three links to other entries). The baseline is the same
Markdown, written out as plain files under default Material with a flat navigation.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from stackguide import render  # noqa: E402
from stackguide.catalog import page_path  # noqa: E402
from stackguide.load import load_catalog  # noqa: E402
from stackguide.model import KIND_FOLDERS, Entry, Kind  # noqa: E402

PROJECT_PARTS = ["mkdocs.yml", "macros.py", "stackguide", "templates", "docs", "data", "overrides", "CONTRIBUTING.md"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
WORDS = ["data", "model", "training", "inference", "cluster", "storage", "query", "engine", "service", "layer",
         "pipeline", "feature", "endpoint", "latency", "throughput", "region", "bucket", "table", "schema"]
LAYERS = ["frameworks-infrastructure", "ml-platforms", "ai-services", "data-lake", "analytics", "amazon-ml"]
KINDS = [Kind.SERVICE, Kind.FRAMEWORK, Kind.ENGINE, Kind.INSTANCE_FAMILY, Kind.SERVICE, Kind.USE_CASE]


# -- synthetic projects ------------------------------------------------------------------------

def _text(seed: int, words: int) -> str:
    chosen = [WORDS[(seed * 7 + i * 13) % len(WORDS)] for i in range(words)]
    return " ".join(chosen).capitalize() + "."


def synthetic_entry(index: int, total: int) -> Entry:
    related = [f"synthetic-{(index + step) % total:04d}" for step in (1, 2, 3)]
    return Entry.model_validate({
        "id": f"synthetic-{index:04d}",
        "name": f"Synthetic service {index:04d}",
        "kind": KINDS[index % len(KINDS)].value,
        "layer": LAYERS[index % len(LAYERS)],
        "summary": _text(index, 14),
        "description": " ".join(_text(index + n, 30) for n in range(6)),
        "capabilities": [_text(index + n, 10) for n in range(5)],
        "notes_say": _text(index + 99, 25),
        "status": {"state": "active", "note": _text(index + 7, 20)},
        "keywords": ["synthetic", f"bench {index}"],
        "stories": [{"name": "A customer", "summary": _text(index + 3, 20), "claims": [
            {"text": _text(index + n, 8), "verdict": "verified", "source": f"https://example.com/{index}/{n}"}
            for n in range(4)]}],
        "related": related,
        "links": [{"title": "Product page", "url": f"https://example.com/{index}"}],
        "sources": [f"https://example.com/{index}/source"],
        "reviewed": date(2026, 11, 24).isoformat(),
        "tags": ["bench"],
    })


def make_data_project(dest: Path, size: int) -> None:
    """A copy of the real project whose entries are `size` synthetic ones."""
    for part in PROJECT_PARTS:
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, dest / part)
    data = dest / "data"
    for folder in [*KIND_FOLDERS.values(), "comparisons"]:
        shutil.rmtree(data / folder, ignore_errors=True)
        (data / folder).mkdir()
    text = (dest / "mkdocs.yml").read_text().replace("      - Comparisons: generated:comparisons\n", "")
    (dest / "mkdocs.yml").write_text(text)
    for index in range(size):
        entry = synthetic_entry(index, size)
        body = yaml.safe_dump(entry.model_dump(mode="json", exclude_none=True), sort_keys=False, width=1000)
        (data / KIND_FOLDERS[entry.kind] / f"{entry.id}.yaml").write_text(body)
    glossary = yaml.safe_load((data / "glossary.yaml").read_text())
    for term in glossary["terms"]:
        term.pop("entry", None)
    (data / "glossary.yaml").write_text(yaml.safe_dump(glossary, sort_keys=False))
    tags = yaml.safe_load((data / "tags.yaml").read_text())
    tags["tags"].append({"id": "bench", "description": "Synthetic benchmark entries."})
    (data / "tags.yaml").write_text(yaml.safe_dump(tags, sort_keys=False))
    onboarding = {"days": [{"title": "Start", "goal": "Read the layers.",
                            "steps": [{"page": layer, "why": "It is a layer."} for layer in LAYERS]}]}
    (data / "onboarding.yaml").write_text(yaml.safe_dump(onboarding, sort_keys=False))


BASELINE_CONFIG = """\
site_name: Baseline
site_url: http://127.0.0.1:8000/
theme:
  name: material
validation:
  links:
    absolute_links: relative_to_docs
markdown_extensions: [abbr, admonition, attr_list, def_list, md_in_html, tables, {toc: {permalink: true}}]
plugins: [search]
"""


def make_baseline_project(dest: Path, data_project: Path) -> None:
    """The same pages as plain Markdown files under default Material, with a flat navigation."""
    catalog = load_catalog(data_project)
    docs = dest / "docs"
    pages = []
    for item in (*catalog.layers, *catalog.entries):
        body = render.render_layer(catalog, item) if item in catalog.layers else render.render_entry(catalog, item)
        path = docs / page_path(item)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# {item.name}\n\n{body}")
        pages.append(page_path(item))
    (docs / "index.md").write_text("# Baseline\n")
    config = BASELINE_CONFIG + "nav:\n  - index.md\n" + "".join(f"  - {page}\n" for page in pages)
    (dest / "mkdocs.yml").write_text(config)


# -- measuring ---------------------------------------------------------------------------------

def time_build(project: Path, runs: int) -> tuple[float, float]:
    """Median wall time of `mkdocs build` in `project`, and the built site's size in MB."""
    with tempfile.TemporaryDirectory() as tmp:
        return _time_build(project, runs, Path(tmp) / "site")


def _time_build(project: Path, runs: int, site: Path) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        shutil.rmtree(site, ignore_errors=True)
        start = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", str(site)],
                                cwd=project, env=ENV, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if result.returncode != 0:
            raise SystemExit(f"build failed in {project}:\n{result.stderr[-3000:]}")
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6
    return statistics.median(times), size


def bench_builds(sizes: list[int], runs: int, baseline_max: int) -> dict[int, float]:
    print("\n## Build time (median of runs; wall clock)\n")
    real, real_mb = time_build(ROOT, runs)
    entries = len(load_catalog(ROOT).entries)
    print(f"Real site ({entries} entries): {real:.2f} s, {real_mb:.1f} MB built\n")
    print("| entries | ours (data + macros, structured nav) | baseline (plain, flat nav) | ours / baseline "
          "| ours MB | baseline MB |")
    print("|---:|---:|---:|---:|---:|---:|")
    ours: dict[int, float] = {}
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            data_project, baseline = Path(tmp) / "data", Path(tmp) / "baseline"
            data_project.mkdir()
            baseline.mkdir()
            make_data_project(data_project, size)
            size_runs = runs if size <= 300 else 1
            ours[size], ours_mb = time_build(data_project, size_runs)
            if size <= baseline_max:
                make_baseline_project(baseline, data_project)
                base, base_mb = time_build(baseline, size_runs)
                print(f"| {size} | {ours[size]:.2f} s | {base:.2f} s | {ours[size] / base:.2f}x "
                      f"| {ours_mb:.1f} | {base_mb:.1f} |", flush=True)
            else:
                print(f"| {size} | {ours[size]:.2f} s | (not run) | | {ours_mb:.1f} | |", flush=True)
    if 300 in ours and 3000 in ours:
        print(f"\n3,000 / 300 entries: {ours[3000] / ours[300]:.1f}x the time (goal: at most 11x); "
              f"slope {1000 * (ours[3000] - ours[300]) / 2700:.1f} ms per entry")
    return ours


class _GzipHandler(SimpleHTTPRequestHandler):
    """Serves files the way GitHub Pages does: gzip for text, when the client accepts it."""

    log: ClassVar[list[tuple[str, int]]] = []  # (path, bytes sent), shared by the server's threads
    TEXT = (".html", ".css", ".js", ".json", ".svg", ".txt", ".xml")

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            return
        body = path.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
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
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", str(dest)], cwd=ROOT,
                            env={**ENV, "SITE_URL": site_url}, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(result.stderr[-3000:])


def chromium() -> str:
    return os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


def bench_weight_and_lighthouse(lighthouse: bool) -> None:
    from playwright.sync_api import sync_playwright

    pages = {"home": "", "layer": "layers/ai-services/", "service": "services/amazon-polly/",
             "catalog": "catalog/"}
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        # The server's port must be known before the build, so that site_url matches the origin.
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_GzipHandler, directory=str(site)))
        origin = f"http://127.0.0.1:{server.server_address[1]}/"
        build_real_site(origin, site)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            print("\n## Page weight on first load (gzip, as GitHub Pages serves)\n")
            print("| page | requests | transferred (KB) |")
            print("|---|---:|---:|")
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=chromium(), args=["--no-sandbox"])
                for name in ("home", "service"):
                    context = browser.new_context()
                    tab = context.new_page()
                    _GzipHandler.log.clear()
                    tab.goto(origin + pages[name], wait_until="networkidle")
                    sent = list(_GzipHandler.log)
                    print(f"| {name} | {len(sent)} | {sum(n for _, n in sent) / 1024:.1f} |")
                    context.close()
                browser.close()
            index = site / "search" / "search_index.json"
            entries = len(load_catalog(ROOT).entries)
            raw, packed = index.stat().st_size, len(gzip.compress(index.read_bytes()))
            print(f"\nSearch index: {raw / 1024:.0f} KB ({packed / 1024:.0f} KB gzip) for {entries} entries, "
                  f"{raw / entries / 1024:.1f} KB per entry")
            if lighthouse:
                run_lighthouse(origin, pages)
        finally:
            server.shutdown()


def run_lighthouse(origin: str, pages: dict[str, str]) -> None:
    cli = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
    if not cli.is_file():
        print("\nLighthouse is not installed: run `make bench`, which installs it.")
        return
    print("\n## Lighthouse (mobile preset, Debian chromium)\n")
    print("| page | performance | accessibility | best practices | SEO | failing audits |")
    print("|---|---:|---:|---:|---:|---|")
    flags = "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run " \
            "--disable-background-networking --disable-component-update --disable-sync"
    for name, path in pages.items():
        result = subprocess.run(
            ["node", str(cli), origin + path, "--quiet", "--output=json", "--output-path=stdout",
             f"--chrome-flags={flags}", "--only-categories=performance,accessibility,best-practices,seo"],
            env={**os.environ, "CHROME_PATH": chromium()}, capture_output=True, text=True, timeout=300)
        if result.returncode != 0:
            print(f"| {name} | lighthouse failed: {result.stderr.strip().splitlines()[-1:]} |")
            continue
        report = json.loads(result.stdout)
        scores = [round(100 * (report["categories"][c]["score"] or 0))
                  for c in ("performance", "accessibility", "best-practices", "seo")]
        failing = sorted(key for key, audit in report["audits"].items()
                         if audit.get("score") is not None and audit["score"] < 0.9
                         and audit.get("scoreDisplayMode") in ("binary", "numeric"))
        print(f"| {name} | {' | '.join(map(str, scores))} | {', '.join(failing[:6]) or 'none'} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="30,300,3000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline-max", type=int, default=3000,
                        help="largest size to pair with the flat baseline (at 3000 it takes minutes and GBs)")
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--no-builds", action="store_true")
    args = parser.parse_args()
    print(f"# Benchmark, {time.strftime('%Y-%m-%d %H:%M')} on {os.cpu_count()} cores")
    if not args.no_builds:
        bench_builds([int(size) for size in args.sizes.split(",")], args.runs, args.baseline_max)
    bench_weight_and_lighthouse(not args.no_lighthouse)


if __name__ == "__main__":
    main()
